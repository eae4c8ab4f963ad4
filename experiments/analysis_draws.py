"""The hypothesis table under total uncertainty: prior and posterior designs.

Each design point is a draw of the uncertain quantities (from the priors or, by weight, from a
stored posterior); each draw runs ``replicates`` seeds × arms, paired by seed. Per claim,
metric and date:

- the paired effect averaged over a draw's seeds gives one value per draw; the table reports
  their median and 90% interval (5th–95th percentiles) and the share of draws on the claimed
  side (sign · effect > 0);
- ``verdict`` (:func:`experiments.verdicts.draws_verdict`, probability :data:`PROB`):
  *supported* when at least 90% of the draws lie beyond the smallest effect of interest on
  the claimed side, *contradicted* when 90% lie beyond it on the other side, *negligible*
  when 90% lie inside ±SESOI, otherwise *inconclusive* (the verdict does not survive what we
  do not know);
- the seed-only 95% interval, kept as separate columns: the mean effect ± the t-interval
  half-width of the within-draw seed noise (what a table at one known parameter point would
  show), with its own verdict (:func:`experiments.verdicts.interval_verdict`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from experiments.contrasts import claim_cases
from experiments.verdicts import draws_verdict, interval_verdict, sesoi_of

PROB = 0.9
RULE = ("over the draws (each averaged over its seeds): supported / contradicted when at least "
        "90% of draws lie beyond the SESOI on the claimed / other side; negligible when 90% "
        "lie inside ±SESOI; otherwise inconclusive. seed_ci: the seed-only 95% interval")


def draws_summary(eff: pd.DataFrame, sign: int, sesoi: float) -> dict:
    """Summary of paired effects (columns design_index, replicate, effect)."""
    per_draw = eff.groupby("design_index")["effect"].mean().to_numpy(dtype=float)
    per_draw = per_draw[np.isfinite(per_draw)]
    if per_draw.size == 0:
        return {"draws": 0, "median": np.nan, "p05": np.nan, "p95": np.nan,
                "share_claimed_side": np.nan, "verdict": "inconclusive",
                "seed_ci_low": np.nan, "seed_ci_high": np.nan, "seed_verdict": "inconclusive"}
    within = eff.groupby("design_index")["effect"].agg(["var", "count"]).dropna()
    reps = float(within["count"].mean()) if len(within) else 1.0
    if reps > 1:
        half = float(stats.t.ppf(0.975, reps - 1) * np.sqrt(within["var"].mean() / reps))
    else:
        half = np.inf
    mean = float(per_draw.mean())
    return {"draws": int(per_draw.size), "median": float(np.median(per_draw)),
            "p05": float(np.percentile(per_draw, 5)),
            "p95": float(np.percentile(per_draw, 95)),
            "share_claimed_side": float((sign * per_draw > 0).mean()),
            "sesoi": sesoi, "verdict": draws_verdict(per_draw, sign, sesoi, PROB),
            "seed_ci_low": mean - half, "seed_ci_high": mean + half,
            "seed_verdict": interval_verdict(mean - half, mean + half, sign, sesoi)}


def draws_table(df, hyps, treat, ctrl, dates, defs=None, declared=None) -> pd.DataFrame:
    rows = []
    for h, metric, d, effects, label in claim_cases(df, hyps, treat, ctrl, dates, defs):
        sesoi = sesoi_of(metric, h.sesoi, declared)
        rows.append({"id": h.id, "metric": metric, "date": f"{d:%Y-%m}", "contrast": label,
                     "claimed_sign": "+" if h.sign > 0 else "−",
                     **draws_summary(effects(metric, d), h.sign, sesoi)})
    return pd.DataFrame(rows)
