"""Cost of the firm layer: 10,000 synthetic firms should add at most ~1 ms per step."""

from __future__ import annotations

import dataclasses
import statistics
import time

from model.model import AllianceModel
from model.scenario import load_scenario
from model.synthetic import with_synthetic_firms

TARGET_MS = 1.0
N_FIRMS = 10_000
REPEATS = 5


def _per_step_ms(scenario) -> float:
    times = []
    for seed in range(REPEATS):
        m = AllianceModel(scenario, rng=seed, record_relations=False)
        t0 = time.perf_counter()
        m.run()
        times.append((time.perf_counter() - t0) / m.steps * 1e3)
    return statistics.median(times)


def run() -> str:
    base = load_scenario("baseline")
    no_firms = dataclasses.replace(base, world=dataclasses.replace(base.world, firms=None))
    many = dataclasses.replace(base, world=with_synthetic_firms(base.world, N_FIRMS, seed=0))
    t0, t1 = _per_step_ms(no_firms), _per_step_ms(many)
    added = t1 - t0
    verdict = "met" if added <= TARGET_MS else "not met"
    return (f"## Firm layer\n\n| world | ms per step (median of {REPEATS} runs, 276 steps) |\n"
            f"| --- | --- |\n| default world, no firms | {t0:.3f} |\n"
            f"| default world + {N_FIRMS:,} synthetic firms | {t1:.3f} |\n\n"
            f"Added by {N_FIRMS:,} firms: **{added:.3f} ms per step** "
            f"(target <= {TARGET_MS} ms): {verdict}.")
