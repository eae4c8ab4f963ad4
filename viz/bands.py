"""Uncertainty bands for the page: k seeds of each variant (the run and its dashed twin), run
in a worker process, summarised as 50% and 90% bands per metric and month.

No solara here. :func:`submit` queues the runs on one spawned worker process (so the page's
server keeps serving while they run; a spawned child shares no state with the server), and
:func:`collect` waits for them, reporting progress, and returns :class:`Bands`. Each variant
runs the same seeds ``seed, seed + 1, …, seed + k − 1`` (common random numbers, as the paired
comparison), so the bands show the spread over seeds of each variant and their gap the effect.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from threading import Lock

import numpy as np

QUANTILES = (0.05, 0.25, 0.75, 0.95)  # the 90% and 50% bands
DEFAULT_K, MAX_K = 10, 50
_pool: ProcessPoolExecutor | None = None
_pool_lock = Lock()


@dataclass(frozen=True)
class Variant:
    """One arm to run k seeds of: a shipped scenario name plus what-if event tables."""

    label: str
    scenario: str
    whatif: tuple[dict, ...] = ()


@dataclass(frozen=True, eq=False)  # compared and hashed by identity (a panel's key)
class Bands:
    """Per variant label: the start month index and, per metric, an array (4, months) of the
    QUANTILES over seeds."""

    k: int
    seeds: tuple[int, ...]
    start_month: dict[str, int]
    quantiles: dict[str, dict[str, np.ndarray]]


def variants(model) -> list[Variant]:
    """The run shown (with its what-if events) and its twin, if any."""
    out = [Variant(model.scenario_def.name, model.scenario_name, model.whatif)]
    twin = getattr(model, "twin", None)
    if twin is not None:
        out.append(Variant(twin.scenario_def.name, twin.scenario_def.name))
    return out


def run_one(variant: Variant, seed: int, overrides: dict, metrics: tuple[str, ...]
            ) -> tuple[int, dict[str, np.ndarray]]:
    """One full run of ``variant`` (in the worker): (start month, metric → monthly values)."""
    from model.model import AllianceModel
    from viz.whatif import load_whatif

    scenario = load_whatif(variant.scenario, list(variant.whatif)) if variant.whatif \
        else variant.scenario
    m = AllianceModel(scenario, rng=seed, record_relations=False, metrics=metrics, **overrides)
    while not m.finished:
        m.step()
    ts = m.timeseries()
    return m.start_month, {name: ts[name].to_numpy() for name in metrics}


def _worker_init(server_pid: int) -> None:
    """The worker leaves Ctrl-C (sent to the whole process group) to the server, which stops
    it, and dies with the server even when the server is killed outright (the sweeps' parent-
    death signal, :func:`experiments.lifeline.die_with_parent`): a killed server once left its
    worker and the worker's resource tracker running."""
    from experiments.lifeline import die_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(server_pid)


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_worker_init, initargs=(os.getpid(),))
        return _pool


def submit(model, k: int, metrics: tuple[str, ...]) -> list[tuple[str, Future]]:
    """Queue k seeds of each variant of ``model`` (same overrides, seeds from its seed)."""
    if not 1 <= k <= MAX_K:
        raise ValueError(f"k: expected 1..{MAX_K}, got {k}")
    names = tuple(m.name for m in model.metrics if m.name in metrics)
    seeds = range(model.seed, model.seed + k)
    pool = _executor()
    return [(v.label, pool.submit(run_one, v, s, dict(model.overrides), names))
            for v in variants(model) for s in seeds]


def collect(jobs: list[tuple[str, Future]], k: int, seed: int, progress=None) -> Bands:
    """Wait for the jobs (calling ``progress(done_share)`` as each finishes) into Bands."""
    runs: dict[str, list] = {}
    starts: dict[str, int] = {}
    for n, (label, fut) in enumerate(jobs, 1):
        start, values = fut.result()
        starts[label] = start
        runs.setdefault(label, []).append(values)
        if progress is not None:
            progress(n / len(jobs))
    return summarise(runs, starts, k, seed)


def summarise(runs: dict[str, list[dict[str, np.ndarray]]], starts: dict[str, int], k: int,
              seed: int) -> Bands:
    """Per variant and metric, the QUANTILES over its runs, month by month."""
    q = {label: {name: np.quantile(np.stack([r[name] for r in rs]), QUANTILES, axis=0)
                 for name in rs[0]}
         for label, rs in runs.items()}
    return Bands(k, tuple(range(seed, seed + k)), starts, q)


def shutdown() -> None:
    """Stop the worker process (the benchmark does; in the server, Python's exit handler for
    process pools does it when the server stops)."""
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=True)
            _pool = None
