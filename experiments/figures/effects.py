"""Figure family 2: the paired effect (treatment − control) of each H1–H8 outcome over time.

Per month, the mean over (design_index, replicate) pairs of treatment − control (same seeds)
with its 95% t-interval — the statistics of the hypothesis table
(:func:`experiments.analysis.effect_stats`), computed at every recorded month.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from experiments.figures import style
from experiments.figures import timeseries as ts
from experiments.figures.data import (
    OUTCOMES,
    Missing,
    Source,
    hypotheses_by_metric,
    metric_title,
    metric_unit,
)
from experiments.verdicts import sesoi_of

WHAT = "paired effect over time"


def paired_differences(df: pd.DataFrame, treat: str, ctrl: str, metrics) -> pd.DataFrame:
    """treatment − control per (date, design_index, replicate) for each metric (same seed)."""
    key = ["date", "design_index", "replicate"]
    t = df.loc[df["arm"] == treat, [*key, *metrics]].set_index(key)
    c = df.loc[df["arm"] == ctrl, [*key, *metrics]].set_index(key)
    return (t - c).dropna(how="all").sort_index()


def effect_over_time(diff: pd.Series) -> pd.DataFrame:
    """Per date: n, mean, ci_low, ci_high of the paired differences ``diff`` (indexed by
    date, ...) — the statistics of :func:`experiments.analysis.effect_stats` (|effect| < ZERO
    counts as 0; 95% t-interval; infinite for n = 1), vectorised over dates."""
    from scipy import stats

    from experiments.analysis import ZERO

    eff = diff.dropna()
    eff = eff.where(eff.abs() >= ZERO, 0.0)
    g = eff.groupby(level="date", sort=True).agg(["count", "mean", "std"])
    n = g["count"].to_numpy(dtype=float)
    sd = g["std"].fillna(0.0).to_numpy()
    q = stats.t.ppf(0.975, np.maximum(n - 1, 1))
    half = np.where(n > 1, np.where(sd > 0, q * sd / np.sqrt(np.maximum(n, 1)), 0.0), np.inf)
    mean = g["mean"].to_numpy()
    return pd.DataFrame({"n": n.astype(int), "mean": mean, "ci_low": mean - half,
                         "ci_high": mean + half}, index=g.index)


def draw(src: Source, out: Path, formats) -> list[Path]:
    treat, ctrl = src.require_paired(WHAT)
    src.require_months(WHAT)
    t_name, c_name = style.arm_name(treat), style.arm_name(ctrl)
    df = src.results
    hyps = hypotheses_by_metric(src.spec)
    own = src.spec.get("claims") not in (None, "treaty")  # the researcher's own claims
    metrics = [m for m in (hyps if own else OUTCOMES) if m in df.columns]
    whose = ("the claims' outcomes" if own else "the essay's H1–H8 outcomes" if hyps
             else "the treaty's outcome metrics (no claims)")
    if not metrics:
        raise Missing(f"{WHAT}: needs at least one claim's (or H1–H8) metric in the results")
    diff = paired_differences(df, treat, ctrl, metrics)
    if diff.empty:
        raise Missing(f"{WHAT}: needs runs of both {treat!r} and {ctrl!r} with the same seeds")
    effects = {m: effect_over_time(diff[m]) for m in metrics}
    start, end = df["date"].min(), df["date"].max()
    nonzero = [e.index[(e["mean"] != 0) | (e["ci_high"] != e["ci_low"])]
               for e in effects.values()]
    first = min((ix[0] for ix in nonzero if len(ix)), default=start)
    zoom = max(start, pd.Timestamp(year=first.year - 2, month=1, day=1))
    note = (f"Before {first:%Y-%m} the effect is exactly 0 in every pair (same seeds, same "
            f"events), so the axis starts at {zoom:%Y}. " if zoom > start else "")
    start = zoom
    events = src.key_events(start, end)
    marks = [d for d in src.analysis_dates if start <= d <= end]
    n_pairs = int(max(e["n"].max() for e in effects.values()))
    single_pair = n_pairs < 2

    with style.figure_style():
        ncols = 3 if len(metrics) > 4 else min(2, len(metrics))
        nrows = math.ceil(len(metrics) / ncols)
        height = nrows * (ts.PANEL_H + 0.3) + (ts.STRIP_H if events else 0) + 0.35
        fig = style.new_figure(style.PAGE if ncols > 1 else style.COLUMN, height)
        axes, strips = ts.time_panels(fig, len(metrics), ncols, events)
        for ax, m in zip(axes, metrics, strict=True):
            e = effects[m]
            lo = e["ci_low"].where(np.isfinite(e["ci_low"]))
            hi = e["ci_high"].where(np.isfinite(e["ci_high"]))
            ax.axhline(0, color=style.BLACK, lw=0.6, zorder=1)
            sesoi = sesoi_of(m, hyps[m][2] if m in hyps else None)
            if sesoi > 0:  # the band of negligible effects; noise inside it reads as such
                ax.axhspan(-sesoi, sesoi, color=style.GREY, alpha=0.2, lw=0, zorder=0)
                span = np.nanmax(np.abs(np.r_[lo.to_numpy(), hi.to_numpy(), e["mean"]]))
                if not np.isfinite(span) or span < 1.5 * sesoi:
                    ax.set_ylim(-1.5 * sesoi, 1.5 * sesoi)
            ax.ticklabel_format(axis="y", useOffset=False)
            for d in marks:
                ax.axvline(d, color=style.BLACK, lw=0.6, ls="--", zorder=1)
            if not single_pair:
                ax.fill_between(e.index, lo, hi, color=style.VERMILLION, alpha=0.3, lw=0)
            ax.plot(e.index, e["mean"], color=style.VERMILLION, lw=1.0, ms=3,
                    marker="o" if len(e.index) < ts.SPARSE else None)
            hyp = hyps.get(m)
            arrow = ("" if hyp is None else " ↑" if hyp[1] > 0 else " ↓")
            ax.set_title(f"{hyp[0]} · {metric_title(m)}{arrow}" if hyp else metric_title(m),
                         loc="left")
            unit = metric_unit(m)
            ax.set_ylabel(f"Δ {unit}" if unit else "Δ")
            ax.grid(axis="y")
        style.year_axis(axes[0], start, end)
        handles = [Line2D([], [], color=style.VERMILLION, lw=1.2,
                          label=f"mean effect {t_name} − {c_name}")]
        if not single_pair:
            handles.append(Patch(color=style.VERMILLION, alpha=0.3, lw=0, label="95% CI"))
        handles.append(Patch(color=style.GREY, alpha=0.3, lw=0, label="±SESOI"))
        if marks:
            handles.append(Line2D([], [], color=style.BLACK, lw=0.6, ls="--",
                                  label="analysis dates"))
        fig.legend(handles=handles, loc="outside upper center", ncols=len(handles))
        ts.place_labels(fig, strips)
        points = df["design_index"].nunique()
        cap = (f"Paired effect of {t_name} − {c_name} on {whose} over time: "
               f"per month, the mean over {n_pairs} paired runs (same seed in both arms"
               f"{f', pooled over {points} design points' if points > 1 else ''}) "
               + ("" if single_pair else "with its 95% t-interval (shaded) ")
               + "of treatment minus control, in the outcome's units. An arrow after the "
               "title gives the direction the claim states (↑ increase, ↓ decrease). Dashed "
               f"lines: the analysis dates ({', '.join(f'{d:%Y-%m}' for d in marks)}) of "
               "the hypothesis table. Grey band: ± the smallest effect of interest (SESOI); an "
               "effect inside it is negligible. " + note
               + " ".join(x for x in (ts.events_caption(events), ts.no_events_note(src)) if x)
               + f"\n{src.describe()}")
        return style.save(fig, out, "effects", formats, cap)
