"""Array helpers for the monthly loop.

NumPy's generic wrappers (``np.clip``, ``np.fill_diagonal``) cost several microseconds per
call on the small matrices of a default world, more than the arithmetic; these go straight
to the ufuncs and give the same results (benchmarks/results.md, issue 8).
"""

from __future__ import annotations

import numpy as np


def clip(a: np.ndarray, lo: float, hi: float, out: np.ndarray | None = None) -> np.ndarray:
    """min(max(a, lo), hi), elementwise (as ``np.clip``)."""
    out = np.maximum(a, lo, out=out)
    return np.minimum(out, hi, out=out)


def zero_diagonal(a: np.ndarray) -> None:
    """a_ii = 0 in place (as ``np.fill_diagonal(a, 0)``)."""
    if a.flags.c_contiguous:
        a.reshape(-1)[:: a.shape[1] + 1] = 0
    else:
        np.fill_diagonal(a, 0)

# From this many states on, alliance products use a sparse matrix (alliances are sparse: a
# few per state); below it a dense product is faster (benchmarks/results.md, scaling).
SPARSE_FROM_STATES = 64


def alliance_operator(alliance: np.ndarray):
    """Â_im = A_im / max(1, Σ_m A_im), the row-normalised alliance matrix, so that Â @ X is
    i's allies' mean view of j. Dense for small worlds, scipy CSR for large ones (same
    values); rebuilt only when alliances change."""
    a_hat = alliance / np.maximum(alliance.sum(axis=1, keepdims=True), 1.0)
    if alliance.shape[0] < SPARSE_FROM_STATES:
        return a_hat
    from scipy import sparse

    return sparse.csr_array(a_hat)
