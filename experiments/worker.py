"""What one worker does for one run: load (once) the arm's scenario, run, return a table.

Importable by any backend's worker processes (forkserver, Dask). Nothing here writes files.
The model is imported on first use, so the sweep's parent process (which only submits tasks
and writes shards) does not load the simulation and its libraries.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from experiments.design import Run


@dataclass(frozen=True)
class Task:
    run: Run
    scenario_ref: str  # shipped name or absolute path of the arm's scenario
    end: str | None
    record: tuple[int, ...] | None  # months to keep (None: every month)
    metrics: tuple[str, ...]  # subset to keep (empty: all)
    declared: tuple[tuple[str, str], ...] = ()  # (name, expression): declared metrics


@dataclass(frozen=True)
class Result:
    run_id: str
    table: pd.DataFrame | None
    error: str | None = None


@lru_cache(maxsize=32)
def _scenario(ref: str, end: str | None):
    from model.scenario import load_scenario

    return load_scenario(ref, end=end)


def run_table(task: Task) -> pd.DataFrame:
    from experiments.uncertain import scenario_for
    from model.model import AllianceModel

    r = task.run
    scenario, params = scenario_for(_scenario(task.scenario_ref, task.end), r.params)
    model = AllianceModel(scenario, rng=r.seed, params=params,
                          record_relations=False, record_months=task.record,
                          metrics=task.metrics or None, declared_metrics=task.declared).run()
    ts = model.timeseries().drop(columns=["seed"])
    if task.metrics:
        ts = ts[["date", "step", *task.metrics, *(name for name, _ in task.declared)]]
    n = len(ts)
    head = pd.DataFrame({
        "run_id": np.full(n, r.run_id, dtype=object), "arm": np.full(n, r.arm, dtype=object),
        "design_index": np.full(n, r.design_index, dtype=np.int64),
        "replicate": np.full(n, r.replicate, dtype=np.int64),
        "seed": np.full(n, r.seed, dtype=np.int64)})
    for name, value in r.params.items():
        head[name] = np.full(n, value)
    return pd.concat([head, ts.reset_index(drop=True)], axis=1)


def execute(task: Task) -> Result:
    """Run one task; a failure becomes a Result carrying its traceback (the sweep goes on)."""
    try:
        return Result(task.run.run_id, run_table(task))
    except Exception:  # any model failure is recorded, not raised
        return Result(task.run.run_id, None, traceback.format_exc())
