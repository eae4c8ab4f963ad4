"""The 80-economy ICIO world (issue 19): one run of ``icio_baseline`` and one of
``icio_embargo_full``, 2022-01 to 2030-12 (108 months), median of REPEATS seeds, as a sweep
runs it (metrics at two months, no relation snapshots) and recording everything. Measured in a
child process with single-threaded BLAS, as sweep workers run (experiments/executor.py): on
this 2-core machine a threaded 80 × 80 eigendecomposition (the polarisation metric) can cost
more than the whole month when another process is busy."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from experiments.executor import SINGLE_THREADED

REPEATS = 5
TARGET_MS = 2.0
SCENARIOS = ("icio_baseline", "icio_embargo_full")

CHILD = """
import json, statistics, sys, time
from model.calendar import parse_month
from model.model import AllianceModel
from model.scenario import load_scenario
out = {}
for name in sys.argv[2:]:
    sc = load_scenario(name)
    AllianceModel(sc, rng=0, record_relations=False, record_months=()).run()  # compile
    rec = [parse_month("2026-12"), parse_month("2030-12")]
    sweep, full = [], []
    for s in range(int(sys.argv[1])):
        for kw, into in ((dict(record_relations=False, record_months=rec), sweep), ({}, full)):
            m = AllianceModel(sc, rng=s, **kw)
            t = time.perf_counter(); m.run(); into.append(time.perf_counter() - t)
    out[name] = {"months": m.steps, "n": m.world.n, "sweep": statistics.median(sweep),
                 "full": statistics.median(full)}
print(json.dumps(out))
"""


def measure() -> dict:
    p = subprocess.run([sys.executable, "-c", CHILD, str(REPEATS), *SCENARIOS], capture_output=True,
                       text=True, check=True, env=os.environ | SINGLE_THREADED)
    return json.loads(p.stdout.strip().splitlines()[-1])


def run() -> str:
    r = measure()
    rows = []
    for name, v in r.items():
        ms, msf = v["sweep"] / v["months"] * 1e3, v["full"] / v["months"] * 1e3
        rows.append(f"| `{name}` ({v['n']} states, {v['months']} months) | {v['sweep']:.3f} | "
                    f"{ms:.2f} | {v['full']:.3f} | {msf:.2f} | "
                    f"{'met' if ms <= TARGET_MS else 'not met'} |")
    return ("## The 80-economy ICIO world (issue 19)\n\n"
            f"| run 2022-01..2030-12 | as a sweep runs it, s (median of {REPEATS}) | ms per "
            f"month | recording everything, s | ms per month | target <= {TARGET_MS} ms per "
            f"month (sweep-like) |\n| --- | --- | --- | --- | --- | --- |\n"
            + "\n".join(rows) + "\n\nThe monthly kernels work on N × N matrices (at least "
            "O(N²) a month), so 80 states cost far more per month than the default world's "
            "15; recording everything adds the metrics of every month "
            "(polarisation: an 80 × 80 eigendecomposition) and the relation snapshots.")
