"""Code version, package versions and platform: recorded in every manifest."""

from __future__ import annotations

import hashlib
import platform
import subprocess
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

PACKAGES = ("alliancesim", "mesa", "numpy", "numba", "pandas", "pyarrow", "scipy", "networkx")
ROOT = Path(__file__).resolve().parent.parent


@cache
def code_version() -> dict:
    """Git commit and dirty flag of the source tree (``unknown`` outside a checkout)."""
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True, timeout=10).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                                    cwd=ROOT, capture_output=True, text=True, check=True,
                                    timeout=10).stdout.strip())
    except (OSError, subprocess.SubprocessError):
        return {"commit": "unknown", "dirty": None}
    return {"commit": commit, "dirty": dirty}


# The code a run's rows depend on: the model, its agents, and how runs are seeded, executed
# and stored (not the CLI, analysis or figures).
SIMULATION_CODE = ("model", "agents", "experiments/design.py", "experiments/worker.py",
                   "experiments/store.py")


@cache
def source_digest() -> str:
    """SHA-256 over the Python sources that make and store runs (SIMULATION_CODE): results
    from a different digest must not be mixed into a sweep, even when the git commit is the
    same (uncommitted edits)."""
    h = hashlib.sha256()
    for entry in SIMULATION_CODE:
        top = ROOT / entry
        for path in sorted(top.rglob("*.py")) if top.is_dir() else [top]:
            h.update(str(path.relative_to(ROOT)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


@cache
def package_versions() -> dict:
    out = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def environment() -> dict:
    return {"python": sys.version.split()[0], "platform": platform.platform(),
            "packages": package_versions(), "code": code_version(),
            "source_sha256": source_digest()}
