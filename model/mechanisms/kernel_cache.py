"""Whether the compiled kernels (:mod:`model.mechanisms.jit`) are cached on disk, without
importing Numba (the CLI asks before a run, so it can say that the first run compiles)."""

from __future__ import annotations

COMPILE_SECONDS = 60  # about how long compiling every kernel takes (first run, this machine)


def cold_modules(here=None) -> list[str]:
    """The mechanism modules whose compiled kernels are not (or no longer) cached on disk: no
    Numba index in ``__pycache__`` at least as new as the source. Non-empty on the first run
    after installing or changing a mechanism, when the kernels compile (~``COMPILE_SECONDS``).
    Empty when ``NUMBA_CACHE_DIR`` moves the cache elsewhere (unknown: no notice)."""
    import os
    from pathlib import Path

    if os.environ.get("NUMBA_CACHE_DIR") or os.environ.get("NUMBA_DISABLE_JIT") == "1":
        return []
    here = Path(here) if here is not None else Path(__file__).resolve().parent
    cold = []
    for src in sorted(here.glob("*.py")):
        if not any(line.startswith("@kernel")
                   for line in src.read_text(encoding="utf-8").splitlines()):
            continue
        stamps = [f.stat().st_mtime for f in (here / "__pycache__").glob(f"{src.stem}.*.nbi")]
        if not stamps or max(stamps) < src.stat().st_mtime:
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
