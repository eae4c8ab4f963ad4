"""`alliancesim calibrate`: fit the free parameters to the calibration targets.

Two stages, in order (:data:`STAGES`), because the data rules differ: the economy's parameters
(trade and rerouting) are fitted to the facts up to 2021 only, the firm layer's (group
``firms`` in model/params.py) to the firm facts up to mid-2024 with the economy's fixed. One
joint objective would let the 2022-24 firm facts move the trade parameters through the firms'
stress (host demand), i.e. calibrate trade on post-2021 outcomes. Each stage (seeded,
reproducible):
1. a Latin hypercube of ``samples`` points (half as many for the firm stage, which has fewer
   dimensions) over the stage's parameters' search box, plus their current values, each
   evaluated with one run pair (baseline to 2025-12 and, where a stage's targets need it, the
   ``no_2014_sanctions`` counterfactual, same seed) for each of ``fit_seeds`` common seeds
   (:data:`FIRM_SEED_FACTOR` times as many for the firm stage), in parallel; a point's loss is
   its mean over those seeds;
2. Nelder–Mead (scipy.optimize) from each of the best ``starts`` points, within the box (the
   starts in parallel, each evaluation the mean over the same seeds).
Then the best point is re-evaluated over ``replicates`` seeds against every target.
Objective of a stage: Σ weight · loss over its targets with role ``calibrate`` (loss = squared
error in tolerance units; log-ratio for relative targets). Held-out targets (role
``validate``) are never used here. With ``apply``, the values are written to
``model/data/calibration/calibrated.toml``, which ``model/params.py`` reads as defaults.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from experiments.calibration.targets import (
    COUNTERFACTUAL_KINDS,
    describe,
    is_firm_fact,
    is_firm_parameter,
    load_targets,
    observe,
)
from experiments.executor import execute_all
from experiments.provenance import environment
from model.params import PARAMS
from model.world import DATA_DIR

CALIBRATED = DATA_DIR / "calibration" / "calibrated.toml"
BASELINE_END = "2025-12"
STAGES = ("economy", "firms")  # fitted in this order; "all": every target (the report)
#: the firm stage averages each point over this many times the seeds: its facts are counts
#: over few firms and one firm's sale month, noisy from seed to seed (the tolerance draws)
FIRM_SEED_FACTOR = 4


def target_stage(t) -> str:
    """The stage whose objective a target enters: the firm facts fit the firm layer."""
    return "firms" if is_firm_fact(t) else "economy"


def parameter_stage(name: str) -> str:
    """The stage that fits a parameter: the firm layer's (group ``firms``) or the economy."""
    return "firms" if is_firm_parameter(name) else "economy"


@lru_cache(maxsize=1)
def _targets() -> tuple:
    """targets.csv, read once per process (every evaluation of a fit reads the same file)."""
    return tuple(load_targets())


def free_parameters() -> dict[str, tuple[float, float]]:
    """The fitted parameters and their search box: the model parameters among the priors of
    model/data/calibration/priors.toml (their bounds; declared once, shared with ABC)."""
    from experiments.calibration.priors import load_priors

    return {p.name: (p.lo, p.hi) for p in load_priors() if p.name in PARAMS}


@dataclass(frozen=True)
class Evaluation:
    params: dict
    seed: int
    values: dict
    loss: float


def evaluate(task: tuple) -> Evaluation:
    """One (params, seed[, stage]) → observables and the calibration loss. With a stage
    (:data:`STAGES`), only that stage's targets are observed and summed, and the
    counterfactual run is made only if one of them needs it; without (or "all"), every
    target."""
    from model.model import AllianceModel
    from model.scenario import load_scenario

    params, seed, *rest = task
    stage = rest[0] if rest else "all"
    targets = [t for t in _targets() if stage == "all" or target_stage(t) == stage]
    base = AllianceModel(load_scenario("baseline", end=BASELINE_END), rng=seed,
                         params=params).run()
    cf = (AllianceModel(load_scenario("no_2014_sanctions"), rng=seed, params=params).run()
          if any(t.kind in COUNTERFACTUAL_KINDS for t in targets) else None)
    values, loss = {}, 0.0
    for t in targets:
        v = observe(t, base, cf)
        values[t.id] = v
        if t.role == "calibrate":
            loss += t.weight * t.loss(v)
    return Evaluation(params, seed, values, loss)


def calibrate(out: Path, *, samples: int = 64, starts: int = 2, maxfev: int = 40,
              replicates: int = 5, seed: int = 2013, jobs: int = 1, apply: bool = False,
              progress: bool = True, fit_seeds: int = 2) -> dict:
    box = free_parameters()
    for name, (lo, hi) in box.items():
        p = PARAMS[name]
        assert p.lo <= lo < hi <= p.hi, name
    t0 = time.perf_counter()
    seeds = [seed + k for k in range(fit_seeds)]  # common random numbers for every point
    fixed: dict[str, float] = {}  # the earlier stages' best values
    evals: list[Evaluation] = []
    stage_loss: dict[str, float] = {}
    for k, stage in enumerate(STAGES):
        names = [n for n in box if parameter_stage(n) == stage]
        if not names:
            continue
        n_samples = samples if stage == STAGES[0] else max(1, samples // 2)
        stage_seeds = (seeds if stage != "firms" else
                       [seed + j for j in range(fit_seeds * FIRM_SEED_FACTOR)])
        found = _fit_stage(stage, names, box, fixed, n_samples, starts, maxfev, stage_seeds,
                           seed + 1000 * k, jobs, progress)
        evals += found
        best = min(found, key=lambda e: (e.loss, json.dumps(e.params, sort_keys=True)))
        fixed.update({n: float(round(best.params[n], 4)) for n in names})
        stage_loss[stage] = best.loss
    best_params = {n: fixed[n] for n in box}
    reps = list(execute_all([(best_params, seed + r) for r in range(replicates)], evaluate,
                            jobs=jobs))
    report = _report(best_params, reps, evals, samples, starts, maxfev, replicates, seed,
                     time.perf_counter() - t0, fit_seeds, box, stage_loss)
    out.mkdir(parents=True, exist_ok=True)
    (out / "calibration.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    (out / "calibration.md").write_text(report_markdown(report))
    if apply:
        write_calibrated(report)
    return report


def _fit_stage(stage, names, box, fixed, samples, starts, maxfev, seeds, seed, jobs,
               progress) -> list[Evaluation]:
    """LHS then Nelder–Mead over one stage's parameters (the others at ``fixed`` or their
    defaults), against that stage's targets. Returns every evaluation made."""
    from scipy.stats import qmc
    from tqdm import tqdm

    lo = np.array([box[n][0] for n in names])
    hi = np.array([box[n][1] for n in names])
    unit = qmc.LatinHypercube(d=len(names), rng=np.random.default_rng(seed)).random(samples)
    points = [{**fixed, **dict(zip(names, row, strict=True))}
              for row in qmc.scale(unit, lo, hi)]
    points.insert(0, {**fixed, **{n: PARAMS[n].default for n in names}})
    evals: list[Evaluation] = []  # one per point: its loss is the mean over ``seeds``
    tqdm.monitor_interval = 0
    with tqdm(total=len(points), desc=f"calibrate {stage}: sample",
              disable=not progress) as bar:
        for chunk in range(0, len(points), 32):  # keep both cores busy, show progress
            evals += _mean_losses(points[chunk:chunk + 32], seeds, jobs, stage)
            bar.update(len(points[chunk:chunk + 32]))
    evals.sort(key=lambda e: (e.loss, json.dumps(e.params, sort_keys=True)))
    searches = [(start.params, names, lo, hi, seeds, maxfev, stage)
                for start in evals[:starts]]
    with tqdm(total=len(searches), desc=f"calibrate {stage}: Nelder-Mead",
              disable=not progress) as bar:
        for found in execute_all(searches, _nelder_mead, jobs=jobs):  # one start per core
            evals += found
            bar.update(1)
    return evals


def _mean_losses(points: list[dict], seeds: list[int], jobs: int,
                 stage: str = "all") -> list[Evaluation]:
    """Each point evaluated at every seed (in parallel) against the stage's targets; its loss
    is the mean over seeds, so the search does not chase one seed's noise (the firm layer's
    draws, say). Results come back in completion order and are matched to their point by its
    parameters."""
    def key(pt):
        return json.dumps(pt, sort_keys=True)

    runs: dict[str, list[Evaluation]] = {key(pt): [] for pt in points}
    for r in execute_all([(pt, s, stage) for pt in points for s in seeds], evaluate,
                         jobs=jobs):
        runs[key(r.params)].append(r)
    out = []
    for pt in points:
        rs = sorted(runs[key(pt)], key=lambda r: r.seed)
        out.append(Evaluation(pt, rs[0].seed, rs[0].values,
                              float(np.mean([r.loss for r in rs]))))
    return out


def _nelder_mead(task) -> list[Evaluation]:
    """One Nelder–Mead search (scipy) from a start point within the box over the stage's
    parameters ``names`` (the start's other values held), each evaluation the mean loss over
    the common seeds (run serially: the starts run in parallel)."""
    from scipy.optimize import minimize

    start, names, lo, hi, seeds, maxfev, stage = task
    found: list[Evaluation] = []

    def objective(x):
        pt = {**start, **dict(zip(names, np.clip(x, lo, hi), strict=True))}
        ev, = _mean_losses([pt], seeds, 1, stage)
        found.append(ev)
        return ev.loss

    minimize(objective, np.array([start[n] for n in names]), method="Nelder-Mead",
             bounds=list(zip(lo, hi, strict=True)),
             options={"maxfev": maxfev, "xatol": 1e-3, "fatol": 1e-3})
    return found


def _report(best, reps, evals, samples, starts, maxfev, replicates, seed, wall,
            fit_seeds, box, stage_loss) -> dict:
    targets = _targets()
    rows = []
    for t in targets:
        vals = np.array([r.values[t.id] for r in reps], dtype=float)
        med = float(np.nanmedian(vals))
        rows.append({"id": t.id, "role": t.role, "fact": t.fact, "target": t.value,
                     "model_median": med, "passes": t.passes(med),
                     "target_text": describe(t, t.value), "model_text": describe(t, med)})
    return {"params": best, "search_box": box,
            "loss_mean": float(np.mean([r.loss for r in reps])),
            "stage_loss": {k: float(v) for k, v in stage_loss.items()},
            "stages": {n: parameter_stage(n) for n in best},
            "evaluations": len(evals), "samples": samples, "starts": starts,
            "maxfev": maxfev, "replicates": replicates, "seed": seed, "fit_seeds": fit_seeds,
            "wall_time_s": round(wall, 1), "targets": rows,
            "date": time.strftime("%Y-%m-%d"), **environment()}


def report_markdown(report: dict) -> str:
    stages = report.get("stage_loss", {})
    lines = [f"# Calibration ({report['date']})", "",
             f"{report['evaluations']} evaluations in {len(stages) or 1} stage(s) "
             f"({', '.join(stages) or 'one'}; each: LHS over the stage's parameters "
             f"({report['samples']} points for the first, half for the next) + Nelder–Mead "
             f"from {report['starts']} starts, ≤ {report['maxfev']} each; each point's loss "
             f"the mean over {report.get('fit_seeds', 1)} common seeds), seed "
             f"{report['seed']}; best loss by stage "
             + (", ".join(f"{k} {v:.3g}" for k, v in stages.items()) or "n/a")
             + f"; mean loss over {report['replicates']} replicates, every calibration "
             f"target, {report['loss_mean']:.3g}; code {report['code']['commit'][:10]}.", "",
             "| parameter | stage | calibrated | search box | prior default |",
             "| --- | --- | --- | --- | --- |"]
    for n, v in report["params"].items():
        box = report["search_box"][n]
        prior = PARAMS[n].prior if PARAMS[n].prior is not None else PARAMS[n].default
        lines.append(f"| `{n}` | {report.get('stages', {}).get(n, '')} | {v:g} | "
                     f"[{box[0]:g}, {box[1]:g}] | {prior:g} |")
    lines += ["", "| target | role | fact | target value | model (median) | pass |",
              "| --- | --- | --- | --- | --- | --- |"]
    for r in report["targets"]:
        lines.append(f"| {r['id']} | {r['role']} | {r['fact']} | {r['target_text']} | "
                     f"{r['model_text']} | {'yes' if r['passes'] else 'no'} |")
    return "\n".join(lines) + "\n"


def write_calibrated(report: dict) -> None:
    lines = ["# Written by `alliancesim calibrate --apply`; read by model/params.py as defaults.",
             f"# {report['evaluations']} evaluations, seed {report['seed']}, mean loss "
             f"{report['loss_mean']:.4g}, code {report['code']['commit']}, {report['date']}.",
             "# Fit report: docs/calibration.md", "", "[params]"]
    lines += [f"{n} = {v!r}" for n, v in report["params"].items()]
    lines += ["", "[meta]", f'date = "{report["date"]}"', f"seed = {report['seed']}",
              f"loss = {report['loss_mean']!r}", f"evaluations = {report['evaluations']}",
              f'code = "{report["code"]["commit"]}"']
    CALIBRATED.write_text("\n".join(lines) + "\n")
