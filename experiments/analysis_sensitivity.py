"""Sobol and Morris indices of a claim's paired effect across a design's points (SALib), for
:func:`experiments.analysis.analyze` and the sensitivity figure. Never imports the model."""

from __future__ import annotations

import numpy as np
import pandas as pd

from experiments.contrasts import claim_cases
from model.errors import InputError


def sensitivity(out, df, spec, hyps, treat, ctrl, dates) -> pd.DataFrame:
    design = spec["design"]
    params = design["parameters"]
    names = list(params)
    problem = {"num_vars": len(names), "names": names,
               "bounds": [[float(params[n]["lo"]), float(params[n]["hi"])]
                          if isinstance(params[n], dict) else [float(v) for v in params[n]]
                          for n in names]}
    points = pd.read_parquet(out / "design.parquet").sort_values("design_index")
    rows = []
    for h, metric, d, effects, _ in claim_cases(df, hyps, treat, ctrl, dates):
        eff = effects(metric, d)
        y = eff.groupby("design_index")["effect"].mean().reindex(points["design_index"])
        if y.isna().any():
            raise InputError(out, "shards", "sensitivity analysis needs every design "
                             f"point; {int(y.isna().sum())} are missing")
        rows += _indices(design, problem, points[names].to_numpy(), y.to_numpy(), h.id,
                         metric, f"{d:%Y-%m}")
    return pd.DataFrame(rows)


def _indices(design, problem, x, y, hid, metric, date) -> list[dict]:
    base = {"id": hid, "metric": metric, "date": date}
    if np.allclose(y, y[0]):
        return [{**base, "parameter": n, "note": "no variation in the effect"}
                for n in problem["names"]]
    if design["type"] == "sobol":
        from SALib.analyze import sobol

        res = sobol.analyze(problem, y, calc_second_order=bool(design.get("second_order")),
                            num_resamples=100, seed=0)
        return [{**base, "parameter": n, "S1": res["S1"][k], "S1_conf": res["S1_conf"][k],
                 "ST": res["ST"][k], "ST_conf": res["ST_conf"][k]}
                for k, n in enumerate(problem["names"])]
    from SALib.analyze import morris

    res = morris.analyze(problem, x, y, num_levels=int(design.get("levels", 4)), seed=0)
    return [{**base, "parameter": n, "mu_star": res["mu_star"][k],
             "mu_star_conf": res["mu_star_conf"][k], "sigma": res["sigma"][k]}
            for k, n in enumerate(problem["names"])]
