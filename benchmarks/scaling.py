"""(d) Scaling: time per month on synthetic worlds of 15-200 states and 100-10,000 firms.

Each world comes from the synthetic generator (``model.synthetic.synthetic_scenario``, seed
1), runs MONTHS months after the generator's start as a sweep runs it (no relation snapshots,
metrics not recorded), and the median over REPEATS runs is taken. Growth exponents are
least-squares slopes of log(time per month) on log(states) at the smallest firm count and on
log(firms) at the largest state count. Targets: 200 states + 10,000 firms <= 10 ms per month;
growth no faster than N² in states and linear in firms.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from model.calendar import month_label, parse_month
from model.model import AllianceModel
from model.synthetic import synthetic_scenario

STATES = (15, 50, 100, 200)
FIRMS = (100, 1_000, 10_000)
MONTHS = 120
REPEATS = 5
START = "2000-01"
TARGET_MS = 10.0


def per_month_ms(n_states: int, n_firms: int) -> float:
    end = month_label(parse_month(START) + MONTHS - 1)
    with tempfile.TemporaryDirectory() as tmp:  # the loaded scenario holds all it needs
        sc = synthetic_scenario(n_states, n_firms, seed=1, start=START, end=end,
                                directory=Path(tmp) / "world")
    times = []
    for seed in range(REPEATS):
        m = AllianceModel(sc, rng=seed, record_relations=False, record_months=())
        t0 = time.perf_counter()
        m.run()
        times.append((time.perf_counter() - t0) / m.steps * 1e3)
    return statistics.median(times)


def slope(x, y) -> float:
    return float(np.polyfit(np.log(x), np.log(y), 1)[0])


def run() -> str:
    grid = {(n, f): per_month_ms(n, f) for n in STATES for f in FIRMS}
    rows = "\n".join(f"| {n} | " + " | ".join(f"{grid[n, f]:.2f}" for f in FIRMS) + " |"
                     for n in STATES)
    in_states = slope(STATES, [grid[n, FIRMS[0]] for n in STATES])
    in_firms = slope(FIRMS, [grid[STATES[-1], f] for f in FIRMS])
    big = grid[STATES[-1], FIRMS[-1]]
    pieces = [
        f"| 200 states + 10,000 firms | {big:.2f} ms per month | <= {TARGET_MS} ms: "
        f"{'met' if big <= TARGET_MS else 'not met'} |",
        f"| growth exponent in states ({FIRMS[0]} firms, 15→200) | {in_states:.2f} | <= 2: "
        f"{'met' if in_states <= 2.0 else 'not met'} |",
        f"| growth exponent in firms (200 states, 100→10,000) | {in_firms:.2f} | <= 1: "
        f"{'met' if in_firms <= 1.0 else 'not met'} |",
    ]
    return (f"## (d) Scaling on synthetic worlds\n\nms per month (median of {REPEATS} runs of "
            f"{MONTHS} months; `alliancesim synth` worlds, seed 1)\n\n"
            f"| states \\ firms | " + " | ".join(f"{f:,}" for f in FIRMS) + " |\n"
            "| --- |" + " --- |" * len(FIRMS) + "\n" + rows + "\n\n"
            "| measure | value | target |\n| --- | --- | --- |\n" + "\n".join(pieces))
