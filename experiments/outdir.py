"""Output folders: checked before any work, so that a bad ``--out`` costs one line, and a
user's own files are never replaced.

- :func:`check_writable`: ``--out`` is a folder or can be created as one (probed, not guessed:
  a folder is made and removed in the nearest existing parent).
- :func:`check_run_out`: ``run --out`` may replace only a previous run's output (recognised by
  its manifest and its files) unless the user passes ``--overwrite``.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from model.errors import InputError

# What `alliancesim run` writes (and `figures` adds) to a run folder.
RUN_FILES = frozenset({"timeseries.parquet", "relations.parquet", "events.parquet",
                       "decisions.parquet", "firms.parquet", "manifest.json", "figures"})


def check_writable(out: Path, flag: str = "--out") -> None:
    """``out`` is an existing folder, or a folder that can be created (nothing is left)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(out, flag, "is a file; expected a folder")
    parent = out
    while not parent.exists() and not parent.is_symlink():
        parent = parent.parent
    if not parent.is_dir():
        raise InputError(out, flag, f"{parent} is a file, so no folder can be made under it")
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".alliancesim-probe.", dir=parent))
    except OSError as exc:
        raise InputError(out, flag, f"cannot write in {parent} ({exc.strerror})") from None


def is_run_output(out: Path) -> bool:
    """A folder written by `alliancesim run`: a run manifest and only the files of a run."""
    try:
        man = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(man, dict) or not {"seed", "scenario_digest"} <= set(man):
        return False
    return {p.name for p in out.iterdir()} <= RUN_FILES


def check_run_out(out: Path, overwrite: bool) -> None:
    check_writable(out)
    out = Path(out)
    if overwrite or not out.exists() or not any(out.iterdir()) or is_run_output(out):
        return
    raise InputError(out, "--out", "folder is not empty and is not a previous run's output "
                     "(no run manifest.json, or other files in it); choose a new folder, or "
                     "pass --overwrite to replace everything in it")
