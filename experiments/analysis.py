"""Analysis of stored sweeps (never imports or re-runs the model).

- Paired experiments: the claims table (the experiment's ``[[claims]]``,
  :mod:`experiments.claims`; ``claims = "treaty"``: H1–H8): for each claim and date, the
  paired effect treatment − control over replicates: mean, 95% t-interval,
  share of replicates with the claimed sign and a verdict with the metric's smallest effect
  of interest (:mod:`experiments.verdicts`): *supported* / *contradicted* (the interval lies
  beyond it on the claimed / other side), *negligible* (inside it) or *inconclusive*.
- Grid / LHS designs: the effect per design point and each hypothesis's robustness (share of
  points whose mean effect has the claimed sign).
- Sobol / Morris designs: S1/ST or mu*/sigma of the effect (or outcome) with CIs via SALib
  (:mod:`experiments.analysis_sensitivity`).

Everything is written as CSV and Markdown under ``DIR/analysis/`` and returned as text.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from experiments.claims import TREATY, Claim, load_claim_file, spec_claims
from experiments.contrasts import (
    arm_label,
    claim_cases,
    contrast_table,
    paired_effects,
    spec_contrasts,
)
from experiments.results import load_results, read_manifest, read_spec, status
from experiments.verdicts import RULE, interval_verdict, sesoi_of
from model.errors import InputError

HYPOTHESES = TREATY  # the treaty's claims H1–H8 (claims = "treaty" in an experiment file)
ZERO = 1e-12  # |effect| below this counts as exactly zero
Hypothesis = Claim


def load_hypotheses(path: Path = HYPOTHESES) -> list[Claim]:
    return load_claim_file(path)


def applicable_hypotheses(spec: dict, manifest: dict, treat: str | None,
                          columns) -> list[Claim]:
    """The experiment's claims (``spec``: its parsed file) that a sweep can test: those with a
    recorded metric among ``columns`` and a contrast (their own or ``treat`` with the
    analysis control), the ceasefire claims only where their treatment arm has a ceasefire
    event (the one filter for the table, the forest plot, robustness and sensitivity)."""
    types = manifest.get("arm_event_types", {})
    out = []
    defs = spec_contrasts(spec)
    for h in spec_claims(spec):
        t = (treat if not h.contrast else arms_first(defs, h.contrast))
        if t is None or (h.ceasefire and "ceasefire" not in types.get(t, [])):
            continue
        if any(m in columns for m in h.metrics):
            out.append(h)
    return out


def arms_first(defs, contrast) -> str:
    """The treatment arm of a claim's contrast (of its first pair, for an interaction)."""
    if isinstance(contrast, str):
        c = defs[contrast]
        return arms_first(defs, c.of[0]) if c.of else c.treatment
    return contrast[0]


def effect_stats(effects: np.ndarray, sign: int, sesoi: float = 0.0) -> dict:
    """n, mean, 95% t-interval, share with the claimed sign, the smallest effect of interest
    and the verdict (:func:`experiments.verdicts.interval_verdict`)."""
    e = effects[np.isfinite(effects)]
    e = np.where(np.abs(e) < ZERO, 0.0, e)  # floating-point noise is no effect
    n = e.size
    mean = float(e.mean()) if n else np.nan
    if n > 1:
        sd = float(e.std(ddof=1))
        half = float(stats.t.ppf(0.975, n - 1) * sd / np.sqrt(n)) if sd > 0 else 0.0
    else:
        half = np.inf
    low, high = mean - half, mean + half
    return {"n": n, "mean": mean, "ci_low": low, "ci_high": high,
            "share_claimed_sign": float((sign * e > 0).mean()) if n else np.nan,
            "sesoi": sesoi,
            "verdict": interval_verdict(low, high, sign, sesoi) if n else "inconclusive"}


def analyze(out: Path) -> str:
    """Write the analysis tables for the sweep in ``out``; return them as Markdown text."""
    out = Path(out)
    man = read_manifest(out)
    spec = read_spec(out)
    rep = status(out)
    df = load_results(out)
    an = spec.get("analysis", {})
    treat, ctrl = an.get("treatment"), an.get("control")
    dates = [pd.Timestamp(f"{d}-01") for d in an.get("dates", ["2026-12", "2030-12"])]
    missing = [d for d in dates if not (df["date"] == d).any()]
    if missing and "analysis" not in spec:  # default dates: those the runs recorded
        dates, missing = [d for d in dates if d not in missing], []
    if missing:
        raise InputError(out, "analysis.dates", f"{missing[0]:%Y-%m} was not recorded")
    adir = out / "analysis"
    adir.mkdir(exist_ok=True)
    design = spec.get("design", {}).get("type", "none")
    parts = [f"# {man['experiment']}: analysis\n",
             f"{rep.done} of {rep.total} runs finished ({rep.failed} failed, "
             f"{rep.missing} missing); design {design}; "
             f"arms {', '.join(map(arm_label, man['arms']))}.\n"]
    hyps = applicable_hypotheses(spec, man, treat, df.columns)
    defs = spec_contrasts(spec)
    declared = spec.get("declared_metrics", {})
    if not (treat and ctrl) and not hyps and not defs:
        table = outcome_table(df, dates, man.get("parameters", []))
        table.to_csv(adir / "outcomes.csv", index=False)
        parts.append(_md(table))
        return _finish(adir, parts)
    if treat and ctrl:
        effects = effect_table(df, treat, ctrl, dates, man.get("parameters", []))
        effects.to_csv(adir / "effects.csv", index=False)
    if defs:
        ctable = contrast_table(df, defs, metric_columns(df, man.get("parameters", [])),
                                dates, effect_stats,
                                lambda m: sesoi_of(m, None, declared))
        ctable.to_csv(adir / "contrasts.csv", index=False)
        parts += ["## Contrasts and interactions (paired by seed)\n", _md(ctable), ""]
    if hyps:
        htable = hypothesis_table(df, hyps, treat, ctrl, dates, defs, declared)
        htable.to_csv(adir / "hypotheses.csv", index=False)
        pair = (f"effect of {arm_label(treat)} − {arm_label(ctrl)}" if treat and ctrl
                else "paired effects")
        parts += [f"## Claims: {pair} (paired seeds; the contrast column names each row's)\n",
                  _md(htable.drop(columns=["claim"]))]
        parts.append("\nClaims: " + "; ".join(f"**{h.id}** {h.claim}" for h in hyps) + ".\n")
        parts.append(f"Verdicts: {RULE}; `sesoi` is in the metric's units.\n")
    else:
        parts += [f"## Effects of {arm_label(treat)} − {arm_label(ctrl)} (paired seeds)\n",
                  "This experiment states no claim on a recorded metric (`[[claims]]`, "
                  "docs/experiments.md); every metric's effect:\n", _md(effects)]
    if design in ("grid", "lhs") and hyps:
        rob, per_point = robustness(df, hyps, treat, ctrl, dates, man.get("parameters", []))
        rob.to_csv(adir / "robustness.csv", index=False)
        per_point.to_csv(adir / "effects_by_design_point.csv", index=False)
        parts += ["\n## Robustness across design points\n", _md(rob)]
    if design in ("prior", "posterior") and hyps:
        from experiments.analysis_draws import RULE as DRAWS_RULE
        from experiments.analysis_draws import draws_table

        dt = draws_table(df, hyps, treat, ctrl, dates, defs, declared)
        dt.to_csv(adir / "hypotheses_draws.csv", index=False)
        parts += [f"\n## Claims under the {design}'s uncertainty (each draw: seed-averaged "
                  "paired effect)\n", _md(dt), f"\nVerdicts: {DRAWS_RULE}.\n"]
    if design in ("sobol", "morris") and hyps:
        from experiments.analysis_sensitivity import sensitivity

        sens = sensitivity(out, df, spec, hyps, treat, ctrl, dates)
        sens.to_csv(adir / f"{design}.csv", index=False)
        parts += [f"\n## {design.capitalize()} indices of the effect\n", _md(sens)]
    return _finish(adir, parts)


def _finish(adir: Path, parts: list[str]) -> str:
    text = "\n".join(parts)
    (adir / "report.md").write_text(text)
    return text


def _md(df: pd.DataFrame) -> str:
    def fmt(v):
        if isinstance(v, float):
            return "" if np.isnan(v) else f"{v:.4g}"
        return str(v)

    cols = list(df.columns)
    lines = ["| " + " | ".join(cols) + " |", "| " + " | ".join("---" for _ in cols) + " |"]
    lines += ["| " + " | ".join(fmt(v) for v in row) + " |"
              for row in df.itertuples(index=False)]
    return "\n".join(lines) + "\n"


def hypothesis_table(df, hyps, treat, ctrl, dates, defs=None, declared=None) -> pd.DataFrame:
    rows = []
    for h, metric, d, effects, label in claim_cases(df, hyps, treat, ctrl, dates, defs):
        eff = effects(metric, d)["effect"].to_numpy()
        rows.append({"id": h.id, "claim": h.claim, "metric": metric, "date": f"{d:%Y-%m}",
                     "contrast": label,
                     "claimed_sign": "+" if h.sign > 0 else "−",
                     **effect_stats(eff, h.sign, sesoi_of(metric, h.sesoi, declared))})
    return pd.DataFrame(rows)


def effect_table(df, treat, ctrl, dates, params) -> pd.DataFrame:
    """Paired effect of every recorded metric (no claimed sign: share is of positive ones)."""
    rows = []
    for metric in metric_columns(df, params):
        for d in dates:
            eff = paired_effects(df, treat, ctrl, metric, d)["effect"].to_numpy()
            st = effect_stats(eff, 1)
            rows.append({"metric": metric, "date": f"{d:%Y-%m}", "n": st["n"],
                         "mean": st["mean"], "ci_low": st["ci_low"], "ci_high": st["ci_high"],
                         "share_positive": st["share_claimed_sign"],
                         "sesoi": sesoi_of(metric)})
    return pd.DataFrame(rows)


def robustness(df, hyps, treat, ctrl, dates, params):
    per_point, rows = [], []
    for h, metric, d, effects, _ in claim_cases(df, hyps, treat, ctrl, dates):
        eff = effects(metric, d)
        means = eff.groupby("design_index")["effect"].mean()
        rows.append({"id": h.id, "metric": metric, "date": f"{d:%Y-%m}",
                     "points": int(means.size),
                     "share_points_claimed_sign": float((h.sign * means > 0).mean()),
                     "min_effect": float(means.min()), "max_effect": float(means.max())})
        pts = eff.groupby("design_index")["effect"].agg(["mean", "std", "count"])
        per_point.append(pts.reset_index().assign(id=h.id, metric=metric, date=f"{d:%Y-%m}"))
    design = df.drop_duplicates("design_index")[["design_index", *params]]
    pp = pd.concat(per_point, ignore_index=True).merge(design, on="design_index") \
        if per_point else pd.DataFrame()
    return pd.DataFrame(rows), pp


ID_COLUMNS = ("run_id", "arm", "design_index", "replicate", "seed", "date", "step")


def metric_columns(df: pd.DataFrame, params) -> list[str]:
    return [c for c in df.columns if c not in ID_COLUMNS and c not in params]


def outcome_table(df: pd.DataFrame, dates, params) -> pd.DataFrame:
    """Single-arm experiments: mean and 95% interval of every metric per arm and date."""
    metrics = metric_columns(df, params)
    rows = []
    for (arm, d), g in df[df["date"].isin(dates)].groupby(["arm", "date"]):
        for m in metrics:
            s = effect_stats(g[m].to_numpy(dtype=float), 1)
            rows.append({"arm": arm, "date": f"{d:%Y-%m}", "metric": m, "n": s["n"],
                         "mean": s["mean"], "ci_low": s["ci_low"], "ci_high": s["ci_high"]})
    return pd.DataFrame(rows)
