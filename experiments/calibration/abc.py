"""`alliancesim calibrate --method abc`: a posterior over the uncertain quantities by
approximate Bayesian computation with sequential Monte Carlo (ABC-SMC; Toni et al., J. R. Soc.
Interface 6:187, 2009; Del Moral et al., Stat. Comput. 22:1009, 2012), with pyabc (Schälte et
al., JOSS 7:4304, 2022).

- Priors: ``model/data/calibration/priors.toml`` (:mod:`experiments.calibration.priors`):
  declared parameters and uncertain world estimates such as a norm commitment.
- Data: the targets with role ``calibrate`` in ``model/data/calibration/targets.csv`` whose
  period ends by ``until`` (default 2021-12: the ≤2021 facts; ``--until 2023-12`` adds the
  firm facts). One simulated history is ``baseline`` from 2013 to ``until`` plus, when a
  stylised sanctions pattern is among the targets, the ``no_2014_sanctions`` counterfactual
  (same seed), run through the same compiled model as sweeps (:class:`model.model.AllianceModel`;
  metrics that no target reads are not computed).
- Distance: ρ = sqrt(Σ wₖ·lossₖ / Σ wₖ), lossₖ the point fit's squared error in units of the
  target's tolerance band (:meth:`experiments.calibration.targets.Target.loss`): ρ ≤ 1 means
  the targets lie, in a weighted root-mean-square sense, within their tolerance bands.
- Schedule: ε₀ from a prior sample, then the median of the last generation's distances
  (pyabc's ``MedianEpsilon``); multivariate-normal perturbation kernels with adapted scale.
  Stops at ε ≤ ``tolerance``, at ``max_generations`` or at ``budget`` simulations.
- Reproducible and resumable: :class:`experiments.calibration.abc_sampler.BatchSampler`;
  generations are stored in ``abc.db`` (SQLite, pyabc's history); ``--resume`` continues
  from the last finished generation.
"""

from __future__ import annotations

import logging
import math
import time
from functools import lru_cache
from pathlib import Path

import numpy as np

from experiments.calibration.targets import (
    COUNTERFACTUAL_KINDS,
    Target,
    is_firm_fact,
    is_firm_parameter,
    load_targets,
    months,
)

UNTIL = "2021-12"


def last_month(t: Target) -> int:
    """The last month a target reads (``a->b`` periods: the later one)."""
    return max(months(p)[1] for p in t.period.split("->"))


def calibration_targets(until: str = UNTIL, role: str | None = "calibrate") -> list[Target]:
    """The targets of ``role`` (None: every role) whose period ends by ``until``."""
    from model.calendar import parse_month

    end = parse_month(until)
    return [t for t in load_targets() if role in (None, t.role) and last_month(t) <= end]


@lru_cache(maxsize=4)
def _scenarios(until: str):
    from model.scenario import load_scenario

    return load_scenario("baseline", end=until), load_scenario("no_2014_sanctions")


@lru_cache(maxsize=4)
def _targets(until: str, role: str | None) -> tuple[Target, ...]:
    return tuple(calibration_targets(until, role))


def history(params: dict, seed: int, until: str = UNTIL,
            role: str | None = "calibrate") -> dict[str, float]:
    """One simulated history to ``until``: the observable of every target of ``role`` and
    the distance ρ over them (key ``distance``)."""
    from experiments.calibration.targets import observe
    from experiments.uncertain import scenario_for
    from model.model import AllianceModel

    targets = _targets(until, role)
    base_sc, cf_sc = _scenarios(until)
    base_sc, model_params = scenario_for(base_sc, params)
    base = AllianceModel(base_sc, rng=seed, params=model_params, metrics=()).run()
    cf = None
    if any(t.kind in COUNTERFACTUAL_KINDS for t in targets):
        cf_sc, _ = scenario_for(cf_sc, params)
        cf = AllianceModel(cf_sc, rng=seed, params=model_params, metrics=()).run()
    values = {t.id: observe(t, base, cf) for t in targets}
    weight = sum(t.weight for t in targets)
    loss = sum(t.weight * t.loss(values[t.id]) for t in targets)
    return {"distance": math.sqrt(loss / weight), **values}


class Simulator:
    """pyabc's model callable: parameters → summary statistics of one history. The run seed
    comes from the global generator that the sampler seeds per candidate."""

    def __init__(self, until: str):
        self.until = until

    def __call__(self, pars) -> dict:
        seed = int(np.random.randint(0, 2**62))  # noqa: NPY002  (seeded per candidate)
        return history(dict(pars), seed, self.until)


def distance(x: dict, x0: dict) -> float:
    """ρ, computed with the summary statistics (:func:`history`)."""
    del x0
    return float(x["distance"])


def run_abc(out: Path, *, population: int = 400, tolerance: float = 1.0,
            budget: int = 20_000, max_generations: int = 20, seed: int = 2013,
            until: str = UNTIL, backend: str = "process", jobs: int = 1,
            scheduler: str | None = None, resume: bool = False, progress: bool = True,
            priors_path: Path | None = None) -> dict:
    """Run (or resume) ABC-SMC into ``out``; write the posterior files; return the
    manifest."""
    import pyabc

    from experiments.calibration.abc_sampler import BatchSampler
    from experiments.calibration.posterior import write_posterior
    from experiments.calibration.priors import PRIORS, load_priors
    from experiments.executor import prestart

    targets = calibration_targets(until)
    priors = informed(load_priors(priors_path or PRIORS), targets)
    # each generation starts a pool: its workers fork with pyabc and the model loaded
    prestart(backend, jobs, ("experiments.calibration.abc_sampler",))
    logging.getLogger("ABC").setLevel(logging.WARNING)
    for name in ("ABC.History", "ABC.Sampler", "ABC.Distance", "ABC.Epsilon",
                 "ABC.Transition", "ABC.Acceptor", "ABC.Predictor", "ABC.Population"):
        logging.getLogger(name).setLevel(logging.WARNING)
    bar = _progress(budget) if progress else None
    sampler = BatchSampler(seed, backend=backend, jobs=jobs, scheduler=scheduler,
                           progress=bar)
    prior = pyabc.Distribution(**{p.name: p.rv() for p in priors})
    # local covariance kernels (each particle perturbed with the covariance of its nearest
    # quarter of the population): one global Gaussian kernel let the importance weights
    # degenerate once the priors had 14 dimensions (effective sample size 2 of 500)
    abc = pyabc.ABCSMC(Simulator(until), prior, distance, population_size=population,
                       sampler=sampler, eps=pyabc.MedianEpsilon(),
                       transitions=pyabc.LocalTransition(k_fraction=0.25))
    db = out / "abc.db"
    t0 = time.perf_counter()
    np.random.seed(seed)  # noqa: NPY002  (pyabc's parent-side draws, if any)
    done = 0
    if resume and db.exists():
        hist = abc.load(f"sqlite:///{db}", 1)
        done = hist.max_t + 1  # finished generations count against max_generations
    else:
        out.mkdir(parents=True, exist_ok=True)
        db.unlink(missing_ok=True)
        abc.new(f"sqlite:///{db}", {"distance": 0.0, **{t.id: t.value for t in targets}})
    if done < max_generations:
        hist = abc.run(minimum_epsilon=tolerance, max_nr_populations=max_generations - done,
                       max_total_nr_simulations=budget)
    if bar:
        bar.close()
    setup = {"population": population, "tolerance": tolerance, "budget": budget,
             "max_generations": max_generations, "seed": seed, "until": until,
             "targets": [t.id for t in targets],
             "priors": [vars(p) for p in priors],
             "wall_time_s": round(time.perf_counter() - t0, 1)}
    return write_posterior(out, hist, setup)


def informed(priors: list, targets: list) -> list:
    """The priors the chosen facts can inform: the firm layer's parameters (group ``firms``)
    only when a firm fact is among the targets; otherwise they stay at their calibrated
    values (sampling quantities no fact informs only dilutes the importance weights)."""
    firm_facts = any(is_firm_fact(t) for t in targets)
    return [p for p in priors if firm_facts or not is_firm_parameter(p.name)]


class _progress:
    """A tqdm bar over simulated histories with the generation and acceptance in its label."""

    def __init__(self, total: int):
        from tqdm import tqdm

        tqdm.monitor_interval = 0
        self.bar = tqdm(total=total, desc="abc", unit="sim")
        self.seen: dict[int, int] = {}

    def __call__(self, t, accepted, n, evaluated):
        self.bar.update(evaluated - self.seen.get(t, 0))
        self.seen[t] = evaluated
        self.bar.set_description(f"abc: generation {t} accepted {accepted}/{n}")

    def close(self):
        self.bar.close()
