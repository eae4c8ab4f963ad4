"""The forest plot with both intervals (prior or posterior designs): per claim, outcome and
date, the 90% interval of the seed-averaged paired effect over the draws (thick line, median
dot; colour = the verdict over draws) and the seed-only 95% interval (thin black line, the
interval a single parameter point would give). Each row has its own x axis, symmetric about 0;
the grey band is ±SESOI."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from experiments.figures import style
from experiments.figures.data import Missing, Source

WHAT = "forest plot over draws"


def draw(src: Source, out: Path, formats) -> list[Path]:
    table = src.analysis_csv("hypotheses_draws.csv")
    if table is None or table.empty:
        raise Missing(f"{WHAT}: needs analysis/hypotheses_draws.csv (a prior or posterior "
                      "design, `alliancesim analyze DIR`)")
    from experiments.analysis_draws import RULE

    table = table.assign(date=table["date"].astype(str))
    rows = list(table.itertuples(index=False))
    with style.figure_style():
        fig = style.new_figure(style.PAGE, 0.36 * len(rows) + 0.7)
        axes = fig.subplots(len(rows), 1, squeeze=False)[:, 0]
        for ax, r in zip(axes, rows, strict=True):
            vals = [r.p05, r.p95, r.seed_ci_low, r.seed_ci_high, r.median]
            sesoi = float(r.sesoi) if np.isfinite(r.sesoi) else 0.0
            lim = max(style.symmetric_limit(vals, floor=0.0), 1.5 * sesoi) * 1.15 or 1.0
            ax.set_xlim(-lim, lim)
            ax.set_ylim(-0.6, 0.6)
            sign = 1 if str(r.claimed_sign).strip() == "+" else -1
            ax.axvspan(0, sign * lim, color=style.GREEN, alpha=0.08, lw=0)
            if sesoi > 0:
                ax.axvspan(-sesoi, sesoi, color=style.GREY, alpha=0.2, lw=0)
            ax.axvline(0, color=style.BLACK, lw=0.6)
            colour = style.VERDICT_STYLE.get(r.verdict, style.VERDICT_STYLE["inconclusive"])[0]
            ax.plot([r.p05, r.p95], [0.12, 0.12], color=colour, lw=3, solid_capstyle="butt")
            ax.plot([r.median], [0.12], "o", color=colour, ms=3.5)
            if np.isfinite(r.seed_ci_low) and np.isfinite(r.seed_ci_high):
                ax.plot([r.seed_ci_low, r.seed_ci_high], [-0.22, -0.22], color=style.BLACK,
                        lw=0.9)
            ax.text(1.02, 0.5, f"{r.median:+.3g} [{style.fmt(r.p05)}, {style.fmt(r.p95)}] "
                    f"{r.share_claimed_side:.0%} claimed side  {r.verdict}",
                    transform=ax.transAxes, fontsize=style.TINY_PT, va="center",
                    color=colour)
            ax.set_yticks([])
            ax.tick_params(axis="x", labelsize=style.TINY_PT, pad=1)
            ax.set_ylabel(f"{r.id} · {r.metric} · {r.date}", rotation=0, ha="right",
                          va="center", fontsize=style.TINY_PT)
        n = int(table["draws"].max())
        cap = (f"Claims under total uncertainty ({src.design} design, {n} draws): thick "
               "line: 90% interval over draws of the seed-averaged paired effect, dot: its "
               "median, colour: the verdict (" + RULE + "). Thin black line: the seed-only "
               f"95% interval. Numbers: median, interval, share of draws on the claimed side."
               f"\n{src.describe()}")
        return style.save(fig, out, "forest_draws", formats, cap)
