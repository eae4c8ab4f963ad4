"""(a) one default run and (b) the floor, and their ratio (issue 8).

(a) ``AllianceModel("baseline")`` from 2013-01 to 2035-12 (276 months), median of REPEATS
seeds, in two configurations: as a sweep runs it (metrics at two analysis months, no relation
snapshots) and with everything recorded (every metric every month and the five relation
matrices, the model's defaults and what ``alliancesim run`` writes).
(b) the same 276 months of the mechanism phases (model/phases.py) on a plain copy of what they
read and write (benchmarks/floor.py: no Mesa, agents or logs), started
from the state a baseline run reaches, so that wars, flows, sanctions and firms are all live.
The per-operation cost of NumPy on this machine is reported too: at a 15 × 15 matrix an
elementwise operation costs about as much as its dispatch, which is why the monthly mechanisms
are compiled kernels.
"""

from __future__ import annotations

import statistics
import time
import timeit

import numpy as np

from benchmarks import floor
from model.calendar import parse_month
from model.model import AllianceModel
from model.scenario import load_scenario

REPEATS = 7
TARGET_S = 0.1
TARGET_RATIO = 1.5
DATES = ("2026-12", "2030-12")


def _run_seconds(scenario, seed: int, **kwargs) -> float:
    m = AllianceModel(scenario, rng=seed, **kwargs)
    t0 = time.perf_counter()
    m.run()
    return time.perf_counter() - t0


def _floor_seconds(start, months: int) -> float:
    f = floor.from_model(start)
    f.month = f.start_month  # replay the run's months (exogenous paths) from the start
    t0 = time.perf_counter()
    floor.run(f, months)
    return time.perf_counter() - t0


def numpy_op_us() -> float:
    """Median cost of one elementwise multiply of two 15 × 15 matrices, in microseconds."""
    a, b = np.random.default_rng(0).random((2, 15, 15))
    return statistics.median(timeit.repeat(lambda: a * b, number=20_000, repeat=5)) / 20_000 * 1e6


def measure() -> dict:
    sc = load_scenario("baseline")
    record = [parse_month(d) for d in DATES]
    end = AllianceModel(sc, rng=0, record_relations=False, record_months=()).run()
    months = end.steps
    # interleaved, so that a slow patch of this shared machine hits (a) and (b) alike
    sweep_like, full, floors = [], [], []
    for s in range(REPEATS):
        sweep_like.append(_run_seconds(sc, s, record_relations=False, record_months=record))
        floors.append(_floor_seconds(end, months))
        full.append(_run_seconds(sc, s))
    return {"sweep_like": statistics.median(sweep_like), "full": statistics.median(full),
            "floor": statistics.median(floors), "months": months, "op_us": numpy_op_us()}


def run() -> str:
    r = measure()
    a, b = r["sweep_like"], r["floor"]
    ratio = a / b
    per_step = b / r["months"] * 1e3
    return (
        f"## (a) One default run and (b) the floor\n\n"
        f"| measure | seconds (median of {REPEATS}) | ms per month | target |\n"
        f"| --- | --- | --- | --- |\n"
        f"| (a) default run as a sweep runs it (metrics at {', '.join(DATES)}) | {a:.3f} | "
        f"{a / r['months'] * 1e3:.2f} | <= {TARGET_S} s: "
        f"{'met' if a <= TARGET_S else 'not met'} |\n"
        f"| (a') default run recording everything (all metrics monthly, relations) | "
        f"{r['full']:.3f} | {r['full'] / r['months'] * 1e3:.2f} | |\n"
        f"| (b) floor: the mechanism phases on a plain copy (no Mesa, agents, logs) "
        f"| {b:.3f} | {per_step:.2f} | |\n"
        f"| (a)/(b) | {ratio:.2f} | | <= {TARGET_RATIO}: "
        f"{'met' if ratio <= TARGET_RATIO else 'not met'} |\n"
        f"| (a')/(b) | {r['full'] / b:.2f} | | |\n\n"
        f"The monthly mechanisms are Numba kernels (model/mechanisms/jit.py), about 15 calls "
        f"a month. For scale: one elementwise NumPy operation on two 15 × 15 matrices costs "
        f"{r['op_us']:.2f} µs here, so the floor's {per_step:.2f} ms per month is the price of "
        f"{per_step * 1e3 / r['op_us']:.0f} such operations (it was about 900 NumPy calls a "
        f"month before the kernels). (a') adds the metrics of every month and the relation "
        f"snapshots, what `alliancesim run` records by default.")
