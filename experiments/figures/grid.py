"""Figure family 4: heatmaps of the paired effect over a 2-D grid design, and the robustness
of each hypothesis across the design points (grid or Latin hypercube).

Heatmaps: the mean paired effect per design point (over replicates) of each hypothesis metric
at the last analysis date, on the first two varied parameters (averaged over any others),
diverging colours centred at 0, each cell annotated. Robustness: the share of design points
whose mean effect has the claimed sign (``analysis/robustness.csv``).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.colors import Normalize
from matplotlib.patches import Patch

from experiments.figures import style
from experiments.figures.data import (
    Missing,
    Source,
    hypotheses_by_metric,
    metric_title,
    metric_unit,
)

WHAT_HEAT = "grid heatmaps"
WHAT_ROB = "robustness"


def _hypotheses(src: Source, df: pd.DataFrame):
    from experiments.analysis import applicable_hypotheses

    return applicable_hypotheses(src.spec, src.manifest, src.treatment, df.columns)


def _computed(src: Source) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(robustness, effects by design point) as `alliancesim analyze` writes them."""
    from experiments.analysis import robustness

    df = src.results
    dates = [d for d in src.analysis_dates if (df["date"] == d).any()]
    hyps = _hypotheses(src, df)
    if not hyps or not dates:
        raise Missing(f"{WHAT_ROB}: needs hypothesis metrics recorded at the analysis dates")
    return robustness(df, hyps, src.treatment, src.control, dates, src.parameters)


def per_point_effects(src: Source) -> pd.DataFrame:
    pp = src.analysis_csv("effects_by_design_point.csv")
    return pp if pp is not None else _computed(src)[1]


def robustness_table(src: Source) -> pd.DataFrame:
    rob = src.analysis_csv("robustness.csv")
    return rob if rob is not None else _computed(src)[0]


def _require_design(src: Source, what: str, designs: tuple[str, ...], extra: str = "") -> None:
    src.require_paired(what)
    if src.design not in designs:
        raise Missing(f"{what}: needs a {' or '.join(designs)} design{extra} (this sweep's "
                      f"design is {src.design!r})")


def heat_grid(pp: pd.DataFrame, hid: str, metric: str, date: str, px: str, py: str):
    """Mean effect per (py, px) cell (averaged over other parameters); |v| < ZERO → 0."""
    from experiments.analysis import ZERO

    sub = pp[(pp["id"] == hid) & (pp["metric"] == metric) & (pp["date"].astype(str) == date)]
    grid = sub.pivot_table(index=py, columns=px, values="mean", aggfunc="mean").sort_index()
    return grid.where(grid.abs() >= ZERO, 0.0)


def draw_heatmap(fig, ax, grid: pd.DataFrame, title: str, unit: str, px: str, py: str,
                 annotate_pt: float) -> None:
    lim = style.symmetric_limit(grid.to_numpy(), floor=1.0)
    norm = Normalize(-lim, lim)
    im = ax.imshow(grid.to_numpy(), cmap=style.DIVERGING, norm=norm, origin="lower",
                   aspect="auto")
    ax.set_xticks(range(grid.shape[1]), [f"{v:g}" for v in grid.columns])
    ax.set_yticks(range(grid.shape[0]), [f"{v:g}" for v in grid.index])
    ax.set_xlabel(px)
    ax.set_ylabel(py)
    ax.set_title(title, loc="left")
    ax.spines[:].set_visible(False)
    ax.tick_params(length=0)
    for (i, j), v in np.ndenumerate(grid.to_numpy()):
        dark = np.isfinite(v) and abs(v) > 0.6 * lim
        ax.text(j, i, style.fmt(v), ha="center", va="center", fontsize=annotate_pt,
                color="white" if dark else style.BLACK)
    cb = fig.colorbar(im, ax=ax, shrink=0.9, pad=0.02, aspect=15)
    cb.set_label(f"Δ {unit}" if unit else "Δ", fontsize=style.SMALL_PT)
    cb.ax.tick_params(labelsize=style.TINY_PT, length=2)
    cb.outline.set_linewidth(0.4)


def draw_heatmaps(src: Source, out: Path, formats) -> list[Path]:
    _require_design(src, WHAT_HEAT, ("grid",), " with at least 2 varied parameters")
    params = src.parameters
    if len(params) < 2:
        raise Missing(f"{WHAT_HEAT}: needs a grid over at least 2 parameters (this grid "
                      f"varies {len(params)}: {', '.join(params) or 'none'})")
    px, py = params[0], params[1]
    rest = params[2:]
    pp = per_point_effects(src)
    if pp.empty:
        raise Missing(f"{WHAT_HEAT}: no per-point effects (analysis/"
                      "effects_by_design_point.csv is empty)")
    date = sorted(pp["date"].astype(str).unique())[-1]
    rows = list(dict.fromkeys(zip(pp["id"], pp["metric"], strict=True)))
    signs = hypotheses_by_metric(src.spec)
    treat, ctrl = src.treatment, src.control
    reps = src.manifest.get("replicates")
    averaged = (f" Averaged over the other varied parameters ({', '.join(rest)})."
                if rest else "")
    base = (f"mean paired effect {style.arm_name(treat)} − {style.arm_name(ctrl)} at {date} "
            f"(over {reps} replicate(s) per "
            f"design point) on the grid of {px} (x) × {py} (y), in the outcome's units; "
            f"diverging colours centred at 0 (red: higher with {treat}, blue: lower), each "
            f"cell annotated.{averaged}")
    paths: list[Path] = []
    with style.figure_style():
        ncols = 3 if len(rows) > 4 else 2
        nrows = math.ceil(len(rows) / ncols)
        fig = style.new_figure(style.PAGE, nrows * 1.95 + 0.2)
        axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
        grids = {}
        for ax, (hid, metric) in zip(axes, rows, strict=False):
            grids[metric] = heat_grid(pp, hid, metric, date, px, py)
            arrow = " ↑" if signs.get(metric, ("", 1))[1] > 0 else " ↓"
            draw_heatmap(fig, ax, grids[metric], f"{hid} · {metric_title(metric)}{arrow}",
                         metric_unit(metric), px, py, style.TINY_PT)
        for ax in axes[len(rows):]:
            ax.set_visible(False)
        cap = (f"Heatmaps, one per hypothesis metric: the {base} An arrow after the title "
               f"gives the direction the claim states.\n{src.describe()}")
        paths += style.save(fig, out, "grid_heatmaps", formats, cap)
        for hid, metric in rows:
            fig = style.new_figure(style.COLUMN, 2.6)
            ax = fig.subplots()
            arrow = " ↑" if signs.get(metric, ("", 1))[1] > 0 else " ↓"
            draw_heatmap(fig, ax, grids[metric], f"{hid} · {metric_title(metric)}{arrow}",
                         metric_unit(metric), px, py, style.SMALL_PT)
            cap = (f"Heatmap of {metric} ({metric_title(metric)}, hypothesis {hid}): the "
                   f"{base}\n{src.describe()}")
            paths += style.save(fig, out, f"grid_heatmap_{metric}", formats, cap)
    return paths


def draw_robustness(src: Source, out: Path, formats) -> list[Path]:
    _require_design(src, WHAT_ROB, ("grid", "lhs"))
    rob = robustness_table(src)
    if rob.empty:
        raise Missing(f"{WHAT_ROB}: analysis/robustness.csv is empty")
    rob = rob.assign(date=rob["date"].astype(str))
    dates = sorted(rob["date"].unique())
    rows = list(dict.fromkeys(zip(rob["id"], rob["metric"], strict=True)))
    colours = [style.SKY_BLUE, style.BLUE, style.GREEN, style.ORANGE]
    h = 1.0 / (len(dates) + 1)
    with style.figure_style():
        fig = style.new_figure(style.COLUMN,
                               max(1.6, 0.8 + len(rows) * (0.1 + 0.1 * len(dates))))
        ax = fig.subplots()
        for k, d in enumerate(dates):
            sub = rob[rob["date"] == d].set_index(["id", "metric"])
            y = np.arange(len(rows)) + (k - (len(dates) - 1) / 2) * h
            vals = [float(sub.loc[r, "share_points_claimed_sign"]) if r in sub.index
                    else np.nan for r in rows]
            ax.barh(y, vals, height=h * 0.9, color=colours[k % len(colours)], label=d)
            for yy, v, r in zip(y, vals, rows, strict=True):
                if np.isfinite(v):
                    pts = int(sub.loc[r, "points"])
                    ax.text(v + 0.01, yy, f"{round(v * pts)}/{pts}", va="center",
                            fontsize=style.TINY_PT)
        ax.set_yticks(range(len(rows)), [f"{i} · {metric_title(m)}" for i, m in rows])
        ax.invert_yaxis()
        ax.set_xlim(0, 1.12)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.axvline(0.5, color=style.GREY, lw=0.5, ls="--")
        ax.set_xlabel("share of points with claimed sign")
        ax.grid(axis="x")
        handles = [Patch(color=colours[k % len(colours)], label=d) for k, d in enumerate(dates)]
        fig.legend(handles=handles, loc="outside upper center", ncols=len(dates),
                   title="analysis date")
        points = int(rob["points"].max())
        cap = (f"Robustness of each hypothesis across the {points} design points of the "
               f"{src.design} design over {', '.join(src.parameters)}: the share of points "
               f"whose mean paired effect {src.treatment} − {src.control} (over replicates) "
               "has the sign its claim states (labels: points with the claimed sign / all "
               "points). 1 = the claim holds everywhere in the design, 0 = nowhere."
               f"\n{src.describe()}")
        return style.save(fig, out, "robustness", formats, cap)
