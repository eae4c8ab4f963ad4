"""`alliancesim calibrate`: fit the free parameters to the calibration targets.

Procedure (seeded, reproducible):
1. a Latin hypercube of ``samples`` points over the free parameters' search box, plus the
   current defaults, each evaluated with one run pair (baseline to 2025-12 and the
   ``no_2014_sanctions`` counterfactual, same seed) for each of ``fit_seeds`` common seeds,
   in parallel; a point's loss is its mean over those seeds;
2. Nelder–Mead (scipy.optimize) from each of the best ``starts`` points, within the box (the
   starts in parallel, each evaluation the mean over the same seeds);
3. the best point re-evaluated over ``replicates`` seeds.
Objective: Σ weight · loss over the targets with role ``calibrate`` (loss = squared error in
tolerance units; log-ratio for relative targets). Held-out targets (role ``validate``) are
never used here. With ``apply``, the values are written to
``model/data/calibration/calibrated.toml``, which ``model/params.py`` reads as defaults.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from experiments.calibration.targets import load_targets, observe
from experiments.executor import execute_all
from experiments.provenance import environment
from model.params import PARAMS
from model.world import DATA_DIR

CALIBRATED = DATA_DIR / "calibration" / "calibrated.toml"
BASELINE_END = "2025-12"


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


def evaluate(task: tuple[dict, int]) -> Evaluation:
    """One (params, seed) pair → observables of every target and the calibration loss."""
    from model.model import AllianceModel
    from model.scenario import load_scenario

    params, seed = task
    base = AllianceModel(load_scenario("baseline", end=BASELINE_END), rng=seed,
                         params=params).run()
    cf = AllianceModel(load_scenario("no_2014_sanctions"), rng=seed, params=params).run()
    values, loss = {}, 0.0
    for t in load_targets():
        v = observe(t, base, cf)
        values[t.id] = v
        if t.role == "calibrate":
            loss += t.weight * t.loss(v)
    return Evaluation(params, seed, values, loss)


def calibrate(out: Path, *, samples: int = 64, starts: int = 2, maxfev: int = 40,
              replicates: int = 5, seed: int = 2013, jobs: int = 1, apply: bool = False,
              progress: bool = True, fit_seeds: int = 2) -> dict:
    from scipy.stats import qmc
    from tqdm import tqdm

    box = free_parameters()
    for name, (lo, hi) in box.items():
        p = PARAMS[name]
        assert p.lo <= lo < hi <= p.hi, name
    names = list(box)
    lo = np.array([box[n][0] for n in names])
    hi = np.array([box[n][1] for n in names])
    t0 = time.perf_counter()
    unit = qmc.LatinHypercube(d=len(names), rng=np.random.default_rng(seed)).random(samples)
    points = [dict(zip(names, row, strict=True)) for row in qmc.scale(unit, lo, hi)]
    points.insert(0, {n: PARAMS[n].default for n in names})
    seeds = [seed + k for k in range(fit_seeds)]  # common random numbers for every point
    evals: list[Evaluation] = []  # one per point: its loss is the mean over ``seeds``
    tqdm.monitor_interval = 0
    with tqdm(total=len(points), desc="calibrate: sample", disable=not progress) as bar:
        for chunk in range(0, len(points), 32):  # keep both cores busy, show progress
            evals += _mean_losses(points[chunk:chunk + 32], seeds, jobs)
            bar.update(len(points[chunk:chunk + 32]))
    evals.sort(key=lambda e: (e.loss, json.dumps(e.params, sort_keys=True)))

    searches = [(start.params, names, lo, hi, seeds, maxfev) for start in evals[:starts]]
    with tqdm(total=len(searches), desc="calibrate: Nelder-Mead", disable=not progress) as bar:
        for found in execute_all(searches, _nelder_mead, jobs=jobs):  # one start per core
            evals += found
            bar.update(1)
    best = min(evals, key=lambda e: (e.loss, json.dumps(e.params, sort_keys=True)))
    best_params = {n: float(round(best.params[n], 4)) for n in names}
    reps = list(execute_all([(best_params, seed + r) for r in range(replicates)], evaluate,
                            jobs=jobs))
    report = _report(best_params, reps, evals, samples, starts, maxfev, replicates, seed,
                     time.perf_counter() - t0, fit_seeds, box)
    out.mkdir(parents=True, exist_ok=True)
    (out / "calibration.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    (out / "calibration.md").write_text(report_markdown(report))
    if apply:
        write_calibrated(report)
    return report


def _mean_losses(points: list[dict], seeds: list[int], jobs: int) -> list[Evaluation]:
    """Each point evaluated at every seed (in parallel); its loss is the mean over seeds, so
    the search does not chase one seed's noise (the firm layer's draws, say). Results come
    back in completion order and are matched to their point by its parameters."""
    def key(pt):
        return json.dumps(pt, sort_keys=True)

    runs: dict[str, list[Evaluation]] = {key(pt): [] for pt in points}
    for r in execute_all([(pt, s) for pt in points for s in seeds], evaluate, jobs=jobs):
        runs[key(r.params)].append(r)
    out = []
    for pt in points:
        rs = sorted(runs[key(pt)], key=lambda r: r.seed)
        out.append(Evaluation(pt, rs[0].seed, rs[0].values,
                              float(np.mean([r.loss for r in rs]))))
    return out


def _nelder_mead(task) -> list[Evaluation]:
    """One Nelder–Mead search (scipy) from a start point within the box, each evaluation the
    mean loss over the common seeds (run serially: the starts run in parallel)."""
    from scipy.optimize import minimize

    start, names, lo, hi, seeds, maxfev = task
    found: list[Evaluation] = []

    def objective(x):
        ev, = _mean_losses([dict(zip(names, np.clip(x, lo, hi), strict=True))], seeds, 1)
        found.append(ev)
        return ev.loss

    minimize(objective, np.array([start[n] for n in names]), method="Nelder-Mead",
             bounds=list(zip(lo, hi, strict=True)),
             options={"maxfev": maxfev, "xatol": 1e-3, "fatol": 1e-3})
    return found


def _report(best, reps, evals, samples, starts, maxfev, replicates, seed, wall,
            fit_seeds, box) -> dict:
    targets = load_targets()
    rows = []
    for t in targets:
        vals = np.array([r.values[t.id] for r in reps], dtype=float)
        med = float(np.nanmedian(vals))
        rows.append({"id": t.id, "role": t.role, "fact": t.fact, "target": t.value,
                     "model_median": med, "passes": t.passes(med)})
    return {"params": best, "search_box": box,
            "loss_mean": float(np.mean([r.loss for r in reps])),
            "evaluations": len(evals), "samples": samples, "starts": starts,
            "maxfev": maxfev, "replicates": replicates, "seed": seed, "fit_seeds": fit_seeds,
            "wall_time_s": round(wall, 1), "targets": rows,
            "date": time.strftime("%Y-%m-%d"), **environment()}


def report_markdown(report: dict) -> str:
    lines = [f"# Calibration ({report['date']})", "",
             f"{report['evaluations']} evaluations (LHS {report['samples']} + Nelder–Mead "
             f"from {report['starts']} starts, ≤ {report['maxfev']} each; each point's loss "
             f"the mean over {report.get('fit_seeds', 1)} common seeds), seed "
             f"{report['seed']}; mean loss over {report['replicates']} replicates "
             f"{report['loss_mean']:.3g}; code {report['code']['commit'][:10]}.", "",
             "| parameter | calibrated | search box | prior default |", "| --- | --- | --- | --- |"]
    for n, v in report["params"].items():
        box = report["search_box"][n]
        lines.append(f"| `{n}` | {v:g} | [{box[0]:g}, {box[1]:g}] | "
                     f"{PARAMS[n].prior if PARAMS[n].prior is not None else PARAMS[n].default:g} |")
    lines += ["", "| target | role | fact | target value | model (median) | pass |",
              "| --- | --- | --- | --- | --- | --- |"]
    for r in report["targets"]:
        lines.append(f"| {r['id']} | {r['role']} | {r['fact']} | {r['target']:.4g} | "
                     f"{r['model_median']:.4g} | {'yes' if r['passes'] else 'no'} |")
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
