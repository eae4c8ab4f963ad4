"""`alliancesim validate --posterior DIR`: posterior predictive checks.

Draws ``draws`` parameter sets from the stored posterior by weight, simulates one history per
draw (its own seed, ``SeedSequence(seed, spawn_key=(k,))``) from 2013 to the last month any
target reads, and reports for every target (calibration and held-out): the fact, the
predictive median and 90% interval (5th–95th percentiles over draws), and whether the fact
lies inside the interval. The coverage over patterns is the share of facts inside; a
well-calibrated model with honest tolerances covers about 90% of them (Gelman et al., Bayesian
Data Analysis, 3rd ed., ch. 6: posterior predictive checking).
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd

from experiments.calibration.abc import history, last_month
from experiments.calibration.posterior import load_posterior
from experiments.calibration.targets import describe, load_targets
from experiments.design import run_seed
from experiments.executor import execute_all
from experiments.provenance import environment
from model.calendar import month_label


def _simulate(task: tuple[int, dict, int, str]) -> tuple[int, dict]:
    k, params, seed, until = task
    return k, history(params, seed, until, role=None)


def predictive(out: Path, posterior_dir: Path, *, draws: int = 100, seed: int = 1,
               jobs: int = 1, backend: str = "process") -> pd.DataFrame:
    from experiments.calibration.validate import to_markdown
    from experiments.store import write_parquet

    post = load_posterior(posterior_dir)
    targets = load_targets()
    until = month_label(max(last_month(t) for t in targets))
    t0 = time.perf_counter()
    sets = post.draw(draws, seed)
    tasks = [(k, {n: float(v) for n, v in row.items()}, run_seed(seed, k, 0), until)
             for k, row in enumerate(sets.to_dict("records"))]
    done = dict(execute_all(tasks, _simulate, jobs=jobs, backend=backend))
    sims = pd.DataFrame([done[k] for k in range(len(tasks))])
    rows = []
    for t in targets:
        v = sims[t.id].to_numpy(dtype=float)
        lo, med, hi = (float(np.nanpercentile(v, q)) for q in (5, 50, 95))
        rows.append({"id": t.id, "role": t.role, "fact": t.fact,
                     "target": describe(t, t.value), "unit": t.unit,
                     "predictive_median": describe(t, med), "p05": describe(t, lo),
                     "p95": describe(t, hi), "covered": bool(lo <= t.value <= hi),
                     "pass_median": t.passes(med)})
    df = pd.DataFrame(rows)
    out.mkdir(parents=True, exist_ok=True)
    sims = pd.concat([sets.add_prefix("param:"), sims.drop(columns=["distance"])], axis=1)
    write_parquet(sims, out / "predictive_draws.parquet", {"posterior": str(posterior_dir)})
    df.to_csv(out / "predictive.csv", index=False)
    cover = df.groupby("role")["covered"].agg(["sum", "count"])
    env = environment()
    head = (f"# Posterior predictive check ({draws} draws from {posterior_dir}, seed {seed}, "
            f"code {env['code']['commit'][:10]}, {time.perf_counter() - t0:.0f} s)\n\n"
            f"Coverage of the 90% predictive intervals: {int(df['covered'].sum())} of "
            f"{len(df)} patterns ({df['covered'].mean():.0%}); "
            + "; ".join(f"{r}: {int(c['sum'])} of {int(c['count'])}"
                        for r, c in cover.iterrows()) + ".\n\n")
    (out / "predictive.md").write_text(head + to_markdown(df))
    return df
