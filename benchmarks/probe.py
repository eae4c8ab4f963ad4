"""Run a Python script in a fresh interpreter and measure its wall time and the peak memory of
its whole process tree (parent and workers), sampled with psutil.

Peak RSS of the tree sums every process's resident set; it counts pages shared between a
parent and its forked workers more than once. Peak PSS (proportional set size) shares them
out and is the better measure of what the machine actually spends; both are reported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
INTERVAL_S = 0.1


def _tree_memory(proc: psutil.Process) -> tuple[float, float]:
    rss = pss = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            info = p.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
    return rss / 2**20, pss / 2**20


def measure(script: str, *args: str) -> dict:
    """Run ``script`` (source text); returns wall seconds, peak tree RSS and PSS (MB), and
    the JSON object the script prints on its last line of output (if it prints one)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "probe.py"
        path.write_text(script)
        out = Path(tmp) / "stdout.txt"
        with out.open("w") as fh:
            t0 = time.perf_counter()
            child = subprocess.Popen([sys.executable, str(path), *args], stdout=fh,
                                     stderr=subprocess.PIPE, cwd=ROOT,
                                     env={**os.environ, "PYTHONPATH": str(ROOT)})
            proc = psutil.Process(child.pid)
            peak_rss = peak_pss = 0.0
            while child.poll() is None:
                rss, pss = _tree_memory(proc)
                peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
                time.sleep(INTERVAL_S)
            wall = time.perf_counter() - t0
        err = child.stderr.read().decode()
        if child.returncode != 0:
            raise RuntimeError(f"benchmark probe failed (rc {child.returncode}):\n{err}")
        lines = out.read_text().strip().splitlines()
    try:
        report = json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:  # the script printed no report
        report = {}
    return {"wall": wall, "rss_mb": peak_rss, "pss_mb": peak_pss, **report}
