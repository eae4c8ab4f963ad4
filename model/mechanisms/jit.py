"""Compiled kernels: the monthly mechanism functions run as Numba machine code.

On the small matrices of a default world (15 × 15) one NumPy call costs about as much as its
dispatch (~1.3 µs here), so a month of ~900 array operations was bound by call overhead, not
arithmetic (benchmarks/results.md, issue 8). Each mechanism that runs every month is decorated
with :data:`kernel`: the same function, its equation in the docstring, compiled on first use
and cached on disk (``__pycache__/kernels-<digest of every mechanism file>``: Numba alone
tracks only a kernel's own file, so a change to a callee in another file would leave its callers'
stale code cached; see :mod:`model.mechanisms.kernel_cache`), so it costs one call instead of
dozens.

- IEEE arithmetic is kept (no ``fastmath``): results are reproducible bit for bit on a
  machine, and equal to NumPy's up to the last bits of ``exp`` and the order of sums.
- ``error_model="numpy"``: x / 0 gives inf or nan as in NumPy, never an exception.
- ``NUMBA_DISABLE_JIT=1`` runs every kernel as plain Python (slow; for a debugger or coverage).
- Kernels take no keyword-only parameters, and kernels call kernels with positional arguments
  (Numba cannot bind keyword-only parameters in a call between compiled functions); callers in
  Python may still pass keywords.
- A month's phase is one kernel where it can be (``*_month``: e.g.
  :func:`model.mechanisms.trade.trade_month`), composed of the small named mechanisms, because
  each call from Python costs a few microseconds however little it computes.

Numba: Lam, Pitrou & Seibert, "Numba: a LLVM-based Python JIT compiler", LLVM-HPC 2015.
"""

from __future__ import annotations

import os

import numba

from model.mechanisms.kernel_cache import cache_dir

if not os.environ.get("NUMBA_CACHE_DIR"):
    # one cache per version of all the mechanism files (see model/mechanisms/kernel_cache.py:
    # Numba alone would keep a caller's stale code when only its callee's file changed)
    numba.config.CACHE_DIR = str(cache_dir())

kernel = numba.njit(cache=True, nogil=True, error_model="numpy")
