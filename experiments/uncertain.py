"""Uncertain world estimates sampled like parameters.

A world estimate that drives findings (a norm commitment such as China's commitment to the UN
sanctions on the DPRK, an estimate in ``norms.csv``) is named ``commitment.<norm>.<actor>``
and may then appear wherever a parameter name may: in an experiment's
``[design.parameters]`` (bounds within [0, 1]), in the priors of the Bayesian calibration
(``model/data/calibration/priors.toml``) and so in prior and posterior designs. A run's
parameter dict is split into model parameters and commitments
(:func:`split`); the commitments replace the world's values for that run
(:func:`model.scenario.with_commitments`).
"""

from __future__ import annotations

from model.errors import InputError

PREFIX = "commitment."


def is_uncertain(name: str) -> bool:
    return name.startswith(PREFIX)


def parse(name: str) -> tuple[str, str]:
    """``commitment.<norm>.<actor>`` → (norm, actor)."""
    norm, _, actor = name.removeprefix(PREFIX).rpartition(".")
    return norm, actor


def check(file, field: str, name: str, worlds) -> None:
    """One line naming ``file`` and ``field`` if the norm or the actor is unknown to any of
    ``worlds``."""
    norm, actor = parse(name)
    for w in worlds:
        if not norm or norm not in w.norms:
            raise InputError(file, field, f"unknown norm {norm!r} in {name!r} (the world's "
                             f"norms: {', '.join(sorted(w.norms)) or 'none'})")
        if actor not in w.codes:
            raise InputError(file, field, f"unknown actor {actor!r} in {name!r}")


def split(params: dict) -> tuple[dict, dict[tuple[str, str], float]]:
    """(model parameters, {(norm, actor): commitment}) of a run's parameter dict."""
    model = {k: v for k, v in params.items() if not is_uncertain(k)}
    return model, {parse(k): float(v) for k, v in params.items() if is_uncertain(k)}


def scenario_for(scenario, params: dict):
    """(the scenario with the run's commitments, the model parameters)."""
    from model.scenario import with_commitments

    model, commitments = split(params)
    return with_commitments(scenario, commitments), model
