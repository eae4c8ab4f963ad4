"""Where the compiled kernels (:mod:`model.mechanisms.jit`) are cached, and whether they are,
without importing Numba (the CLI asks before a run, so it can say that the first run compiles).

Numba keys a cached kernel on its own source file only: a kernel that calls a kernel of another
file (``norms_month`` calls ``trust.shock``) keeps its cached machine code when only the callee's
file changes, and runs the old callee. So the cache lives in a folder named by a digest of every
mechanism file (:func:`cache_dir`): any change to any of them starts a fresh cache, and a stale
cross-file kernel can never run.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

COMPILE_SECONDS = 60  # about how long compiling every kernel takes (first run, this machine)
HERE = Path(__file__).resolve().parent


def source_digest(here: Path = HERE) -> str:
    """SHA-256 (first 12 hex digits) over the names and bytes of every mechanism file."""
    h = hashlib.sha256()
    for src in sorted(Path(here).glob("*.py")):
        h.update(src.name.encode() + b"\0" + src.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def cache_dir(here: Path = HERE) -> Path:
    """The kernel cache of this version of the mechanisms: ``__pycache__/kernels-<digest>``."""
    return Path(here) / "__pycache__" / f"kernels-{source_digest(here)}"


def cold_modules(here: Path = HERE) -> list[str]:
    """The mechanism modules with kernels not yet compiled into :func:`cache_dir` (every one,
    on the first run after installing or changing any mechanism, when the kernels compile in
    ~``COMPILE_SECONDS``). Empty when ``NUMBA_CACHE_DIR`` moves the cache elsewhere or JIT is
    disabled (unknown or irrelevant: no notice)."""
    if os.environ.get("NUMBA_CACHE_DIR") or os.environ.get("NUMBA_DISABLE_JIT") == "1":
        return []
    cache = cache_dir(here)
    cold = []
    for src in sorted(Path(here).glob("*.py")):
        if not any(line.startswith("@kernel")
                   for line in src.read_text(encoding="utf-8").splitlines()):
            continue
        if not cache.is_dir() or not any(cache.rglob(f"{src.stem}.*.nbi")):
            cold.append(src.stem)
    return cold


def compile_notice() -> str | None:
    """A one-line notice to print before a run when the kernels will compile, else None."""
    cold = cold_modules()
    if not cold:
        return None
    return (f"alliancesim: compiling the model's kernels ({len(cold)} modules: first run after "
            f"installing or changing model/mechanisms; about {COMPILE_SECONDS} s, once; cached "
            "after)")
