"""Sweep throughput and memory: --jobs 2 vs --jobs 1, and peak RSS of a 10,000-run sweep.

Targets (issue 4): >= 1.7x the runs/s with 2 workers on 2 cores; peak RSS flat in the number
of runs, < 500 MB for 10,000 runs. Each measurement runs `alliancesim sweep` in a fresh
subprocess that reports its own and its workers' peak RSS and its wall time (including the
workers' start-up). Run it on an otherwise idle machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "scenarios"
SPEED_REPLICATES = 30  # 60 default runs: long enough to amortise worker start-up (~2 s)

PROBE = textwrap.dedent("""
    import json, resource, sys, time
    from experiments.cli import main
    t0 = time.perf_counter()
    rc = main(sys.argv[1:])
    wall = time.perf_counter() - t0
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"rc": rc, "wall": wall, "parent_mb": me, "worker_mb": kids}))
""")


def _sweep(experiment: Path, out: Path, jobs: int) -> dict:
    proc = subprocess.run([sys.executable, "-c", PROBE, "sweep", str(experiment), "--out",
                           str(out), "--jobs", str(jobs), "--quiet", "--batch", "200"],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _experiment(folder: Path, name: str, arms: str, replicates: int, end: str) -> Path:
    p = folder / f"{name}.toml"
    p.write_text(f'name = "{name}"\narms = [{arms}]\nreplicates = {replicates}\n'
                 f'root_seed = 1\nend = "{end}"\nrecord = ["{end}"]\n[design]\ntype = "none"\n')
    return p


def run() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        speed = _experiment(tmp, "speed", '"baseline", "no_pact"', SPEED_REPLICATES, "2035-12")
        one = _sweep(speed, tmp / "j1", 1)
        two = _sweep(speed, tmp / "j2", 2)
        n = 2 * SPEED_REPLICATES
        ratio = one["wall"] / two["wall"]
        small = _experiment(tmp, "mem1k", f'"{MINI / "mini_base.toml"}"', 1_000, "2000-12")
        big = _experiment(tmp, "mem10k", f'"{MINI / "mini_base.toml"}"', 10_000, "2000-12")
        m1 = _sweep(small, tmp / "m1", 2)
        m10 = _sweep(big, tmp / "m10", 2)
    ok_speed = ratio >= 1.7
    ok_mem = max(m10["parent_mb"], m10["worker_mb"]) < 500
    return textwrap.dedent(f"""\
        ## Sweeps

        | measure | value | target |
        | --- | --- | --- |
        | {n} default runs, --jobs 1 | {n / one['wall']:.2f} runs/s ({one['wall']:.1f} s) | |
        | {n} default runs, --jobs 2 | {n / two['wall']:.2f} runs/s ({two['wall']:.1f} s) | |
        | speed-up 2 vs 1 workers | {ratio:.2f}x | >= 1.7x: {'met' if ok_speed else 'FAIL'} |
        | 1,000-run sweep (mini world, 12 months): peak RSS parent / worker | \
{m1['parent_mb']:.0f} / {m1['worker_mb']:.0f} MB ({m1['wall']:.0f} s) | flat in runs |
        | 10,000-run sweep (same): peak RSS parent / worker | \
{m10['parent_mb']:.0f} / {m10['worker_mb']:.0f} MB ({m10['wall']:.0f} s) | \
< 500 MB: {'met' if ok_mem else 'FAIL'} |
        """)
