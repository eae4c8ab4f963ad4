"""Figure family 3: forest plot of the hypothesis table.

One row per (hypothesis, metric); in each row the paired effect and its 95% interval at each
analysis date (marker shape = date; colour and fill = verdict). The outcomes have different
units, so every row has its own x axis, symmetric about zero (zero is always the centre line)
— that reads better than standardising effects whose spread across replicates is tiny. The
half of the row on the side the claim states is shaded; the grey band is ±the smallest effect
of interest (SESOI) of the verdicts (:mod:`experiments.verdicts`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from experiments.figures import style
from experiments.figures.data import Missing, Source, metric_title, metric_unit
from experiments.verdicts import RULE

WHAT = "forest plot"
DATE_MARKERS = ("o", "s", "^", "D", "v")
ROW_H = 0.46  # in


def hypothesis_rows(src: Source) -> pd.DataFrame:
    """analysis/hypotheses.csv, or the same table computed from the stored results."""
    table = src.analysis_csv("hypotheses.csv")
    if table is not None:
        return table
    treat, ctrl = src.require_paired(WHAT)
    from experiments.analysis import applicable_hypotheses, hypothesis_table

    df = src.results
    hyps = applicable_hypotheses(src.spec, src.manifest, treat, df.columns)
    dates = [d for d in src.analysis_dates if (df["date"] == d).any()]
    if not hyps or not dates:
        raise Missing(f"{WHAT}: needs analysis/hypotheses.csv (`alliancesim analyze DIR`) or "
                      "hypothesis metrics recorded at the analysis dates")
    return hypothesis_table(df, hyps, treat, ctrl, dates)


def _interval(v: float) -> str:
    return style.fmt(v) if np.isfinite(v) else "n/a"


def draw(src: Source, out: Path, formats) -> list[Path]:
    treat, ctrl = src.require_paired(WHAT)
    table = hypothesis_rows(src)
    if table.empty:
        raise Missing(f"{WHAT}: the hypothesis table is empty (no hypothesis metric recorded)")
    table = table.assign(date=table["date"].astype(str))
    dates = sorted(table["date"].unique())
    rows = list(dict.fromkeys(zip(table["id"], table["metric"], strict=True)))
    n_rows = len(rows)
    offsets = np.linspace(0.28, -0.28, len(dates)) if len(dates) > 1 else np.zeros(1)

    with style.figure_style():
        fig = style.new_figure(style.PAGE, n_rows * ROW_H + 0.75)
        axes = fig.subplots(n_rows, 1, squeeze=False)[:, 0]
        for ax, (hid, metric) in zip(axes, rows, strict=True):
            sub = table[(table["id"] == hid) & (table["metric"] == metric)]
            sign = 1 if str(sub["claimed_sign"].iloc[0]).strip() == "+" else -1
            sesoi = float(sub["sesoi"].iloc[0]) if "sesoi" in sub else 0.0
            lim = max(style.symmetric_limit(pd.concat([sub["mean"], sub["ci_low"],
                                                       sub["ci_high"]]), floor=0.0),
                      1.5 * sesoi) * 1.15
            all_zero = lim == 0
            lim = lim or 1.0
            ax.set_xlim(-lim, lim)
            ax.set_ylim(-0.6, 0.6)
            ax.axvspan(0, sign * lim, color=style.GREEN, alpha=0.08, lw=0, zorder=0)
            if sesoi > 0:
                ax.axvspan(-sesoi, sesoi, color=style.GREY, alpha=0.2, lw=0, zorder=0)
            ax.axvline(0, color=style.BLACK, lw=0.6, zorder=1)
            texts = []
            for k, d in enumerate(dates):
                r = sub[sub["date"] == d]
                if r.empty:
                    continue
                r = r.iloc[0]
                colour, _, filled = style.VERDICT_STYLE.get(r["verdict"],
                                                            style.VERDICT_STYLE["inconclusive"])
                y = offsets[k]
                lo, hi = float(r["ci_low"]), float(r["ci_high"])
                if np.isfinite(lo) and np.isfinite(hi):
                    ax.plot([lo, hi], [y, y], color=colour, lw=1.2, solid_capstyle="butt",
                            zorder=2)
                ax.plot([r["mean"]], [y], marker=DATE_MARKERS[k % len(DATE_MARKERS)],
                        ms=4.2, color=colour, mfc=colour if filled else "white", mew=0.9,
                        ls="none", zorder=3)
                texts.append((y, f"{d}: {r['mean']:+.3g} [{_interval(lo)}, {_interval(hi)}]"
                              f"  {r['verdict']}", colour))
            for y, text, colour in texts:
                ax.text(1.02, (y + 0.6) / 1.2, text, transform=ax.transAxes,
                        fontsize=style.TINY_PT, va="center", ha="left", color=colour)
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
            if all_zero:  # every effect exactly 0: no scale to show
                ax.set_xticks([0])
            else:
                ax.xaxis.set_major_locator(MaxNLocator(nbins=4, symmetric=True))
            ax.tick_params(axis="x", labelsize=style.TINY_PT, pad=1)
            unit = metric_unit(metric)
            ax.set_ylabel(f"{hid} · {metric_title(metric)}\nΔ {unit}", rotation=0,
                          ha="right", va="center", fontsize=style.SMALL_PT)
        handles = [Line2D([], [], marker=DATE_MARKERS[k % len(DATE_MARKERS)], ls="none",
                          color=style.BLACK, mfc="white", ms=4.2, label=d)
                   for k, d in enumerate(dates)]
        handles += [Line2D([], [], marker="o", ls="-", lw=1.2, color=c,
                           mfc=c if filled else "white", ms=3.5, label=v)
                    for v, (c, _, filled) in style.VERDICT_STYLE.items()]
        handles.append(Patch(color=style.GREEN, alpha=0.15, lw=0, label="claimed direction"))
        handles.append(Patch(color=style.GREY, alpha=0.3, lw=0, label="±SESOI"))
        fig.legend(handles=handles, loc="outside upper center",
                   ncols=-(-len(handles) // 2))  # two rows: one would overrun the page width
        claims = ""
        if "claim" in table:
            claims = " Claims: " + "; ".join(
                f"{h}: {c}" for h, c in dict(zip(table["id"], table["claim"],
                                                 strict=True)).items()) + "."
        n = int(table["n"].max()) if "n" in table else 0
        cap = (f"Forest plot of the claims table: the paired effect {style.arm_name(treat)} "
               f"− {style.arm_name(ctrl)} (unless the row's claim names its own contrast) "
               f"(mean over {n} paired runs, with its 95% t-interval) of each hypothesis "
               f"outcome at {', '.join(dates)} (marker shape = date). Colour gives the "
               f"verdict ({RULE}). Each row has its own x axis in the outcome's units, "
               "symmetric about 0 (the vertical line); the grey band is ±SESOI, the green "
               "half the claimed direction. The numbers to the right are the mean and "
               "interval."
               f"{claims}\n{src.describe()}")
        return style.save(fig, out, "forest", formats, cap)
