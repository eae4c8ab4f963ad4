"""Experiment designs (grid, Latin hypercube, Sobol, Morris; draws from the calibration's
priors or from a stored posterior, by weight) and per-run seeds.

Designs come from well-kept libraries: scipy.stats.qmc (LHS), SALib (Sobol/Saltelli, Morris).
Every run is (arm, design point, replicate); all arms of a (point, replicate) share one seed
(common random numbers → paired differences). Seeds come from
``SeedSequence(root_seed, spawn_key=(design_index, replicate))``, so extending a sweep (more
points or replicates) leaves existing runs' seeds unchanged.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from experiments.spec import Experiment


@dataclass(frozen=True)
class Run:
    run_id: str
    arm: str
    design_index: int
    replicate: int
    seed: int
    params: dict


def problem(exp: Experiment) -> dict:
    """The SALib problem dict for a sampled design."""
    names = list(exp.parameters)
    return {"num_vars": len(names), "names": names,
            "bounds": [list(exp.parameters[n]) for n in names]}


def design_points(exp: Experiment) -> pd.DataFrame:
    """One row per design point: ``design_index`` and a column per varied parameter."""
    names = list(exp.parameters)
    if exp.design_type == "none":
        x = np.zeros((1, 0))
    elif exp.design_type == "grid":
        x = np.array(list(itertools.product(*exp.parameters.values())), dtype=float)
    elif exp.design_type == "lhs":
        from scipy.stats import qmc

        unit = qmc.LatinHypercube(d=len(names), rng=np.random.default_rng(exp.root_seed)
                                  ).random(exp.samples)
        b = np.array([exp.parameters[n] for n in names])
        x = qmc.scale(unit, b[:, 0], b[:, 1])
    elif exp.design_type == "sobol":
        from SALib.sample import sobol

        x = sobol.sample(problem(exp), exp.samples, calc_second_order=exp.second_order,
                         scramble=True, seed=exp.root_seed)
    elif exp.design_type == "prior":
        from experiments.calibration.priors import load_priors, sample_prior

        x = sample_prior(load_priors(exp.draws_from), exp.samples,
                         exp.root_seed)[names].to_numpy()
    elif exp.design_type == "posterior":
        from experiments.calibration.posterior import load_posterior

        x = load_posterior(exp.draws_from).draw(exp.samples, exp.root_seed)[names].to_numpy()
    else:
        from SALib.sample import morris

        x = morris.sample(problem(exp), exp.samples, num_levels=exp.levels,
                          seed=exp.root_seed)
    df = pd.DataFrame(x, columns=names)
    df.insert(0, "design_index", np.arange(len(df), dtype=np.int64))
    return df


def run_seed(root: int, design_index: int, replicate: int) -> int:
    """A 63-bit integer seed from SeedSequence(root, spawn_key=(design_index, replicate))."""
    ss = np.random.SeedSequence(root, spawn_key=(design_index, replicate))
    return int(ss.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))


def runs(exp: Experiment, points: pd.DataFrame | None = None) -> list[Run]:
    """Every run of the experiment, in a fixed order (point, replicate, arm)."""
    points = design_points(exp) if points is None else points
    names = list(exp.parameters)
    out = []
    for row in points.to_dict("records"):  # names such as commitment.<norm>.<actor>
        d = int(row["design_index"])
        params = {n: float(row[n]) for n in names}
        for r in range(exp.replicates):
            seed = run_seed(exp.root_seed, d, r)
            for arm in exp.arms:
                out.append(Run(f"{arm}|{d}|{r}", arm, d, r, seed, params))
    return out
