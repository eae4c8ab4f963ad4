"""Figure family 1: outcome time series of the H1–H8 outcomes.

Median across replicates with the central 50% and 90% bands, arms overlaid, dated event markers
with short labels; one multi-panel figure and one figure per outcome. Also the shared helpers
for time panels with an event strip (used by the effect and firm figures).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from experiments.figures import style
from experiments.figures.data import (
    BINARY,
    OUTCOMES,
    Missing,
    Source,
    hypotheses_by_metric,
    metric_title,
    metric_unit,
)

WHAT = "outcome time series"
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
STRIP_LEVELS = 4
STRIP_H = 0.42  # in: the event-label strip above a column of panels
PANEL_H = 1.35  # in: one time panel in a multi-panel figure


# --- time panels with an event strip (shared) ------------------------------------------------
@dataclass
class Strip:
    ax: object
    events: list
    texts: list = field(default_factory=list)


def time_panels(fig, n: int, ncols: int, events: list, panel_h: float = PANEL_H):
    """``n`` panels sharing one date axis in ``ncols`` columns, below one event strip per
    column (if there are events). Returns (axes, strips)."""
    nrows = math.ceil(n / ncols)
    strip = bool(events)
    ratios = ([STRIP_H] if strip else []) + [panel_h] * nrows
    gs = fig.add_gridspec(len(ratios), ncols, height_ratios=ratios)
    axes = []
    for k in range(n):
        r, c = divmod(k, ncols)
        ax = fig.add_subplot(gs[r + strip, c], sharex=axes[0] if axes else None)
        axes.append(ax)
    for k, ax in enumerate(axes):  # x tick labels only where no panel sits below
        if k + ncols < n:
            ax.tick_params(axis="x", labelbottom=False)
    strips = []
    if strip:
        for c in range(min(ncols, n)):
            sax = fig.add_subplot(gs[0, c], sharex=axes[0])
            strips.append(draw_strip(sax, events))
    for ax in axes:
        event_lines(ax, events)
    return axes, strips


def event_lines(ax, events, zorder: float = 0, colour: str = style.GREY) -> None:
    for date, _ in events:
        ax.axvline(date, color=colour, lw=0.5, ls=(0, (1.5, 1.5)), zorder=zorder)


def draw_strip(ax, events) -> Strip:
    """An axis-less strip with one short label per event (levels set by place_labels)."""
    ax.set_ylim(0, STRIP_LEVELS)
    ax.set_axis_off()
    s = Strip(ax, list(events))
    for date, label in events:
        t = ax.text(date, 0.15, label, fontsize=style.TINY_PT, ha="left", va="bottom",
                    color="#333333", clip_on=False, zorder=3,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.4})
        t.set_in_layout(False)
        s.texts.append(t)
    return s


def place_labels(fig, strips: Sequence[Strip]) -> None:
    """Stack the event labels of each strip on up to STRIP_LEVELS levels so that none
    overlaps (measured after layout); a label that would leave the axes is right-aligned."""
    if not strips:
        return
    renderer = fig.canvas.get_renderer()
    fig.get_layout_engine().execute(fig)  # the final axes positions (labels are not in layout)
    for s in strips:
        bbox = s.ax.get_window_extent(renderer)
        used: list[list[tuple[float, float]]] = [[] for _ in range(STRIP_LEVELS)]
        pad = 3.0  # px
        for (date, _), t in zip(s.events, s.texts, strict=True):
            x = s.ax.transData.transform((style.date2num(date), 0))[0]
            w = t.get_window_extent(renderer).width
            options = [((x + 1, x + 1 + w), "left"), ((x - 1 - w, x - 1), "right")]
            options = [o for o in options if o[0][1] <= bbox.x1 + 2 and o[0][0] >= bbox.x0 - 2]
            options = options or [((x - 1 - w, x - 1), "right")]
            choice = None
            for lv in range(STRIP_LEVELS):
                for span, ha in options:
                    if all(span[0] > b + pad or span[1] < a - pad for a, b in used[lv]):
                        choice = (lv, span, ha)
                        break
                if choice:
                    break
            if choice is None:  # crowded: the level with the fewest labels
                lv = min(range(STRIP_LEVELS), key=lambda k: len(used[k]))
                choice = (lv, *options[0])
            lv, span, ha = choice
            used[lv].append(span)
            t.set_ha(ha)
            t.set_y(0.15 + lv)
            s.ax.plot([date, date], [0, 0.9 + lv], color=style.GREY, lw=0.5, clip_on=False,
                      zorder=1)


def events_caption(events) -> str:
    if not events:
        return ""
    return ("Dotted vertical lines: key dated events (" + "; ".join(
        f"{label} {d:%Y-%m-%d}" for d, label in events) + ").")


def no_events_note(src: Source) -> str:
    if src.kind == "sweep" and src.events() is None:
        return ("No event markers: this sweep directory stores no events/<arm>.parquet "
                "files.")
    return ""


# --- figure 1 --------------------------------------------------------------------------------
def outcome_stats(df: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Per (arm, date): quantiles across runs, or the mean for a 0/1 outcome (column 0.5)."""
    g = df.groupby(["arm", "date"], sort=True)[metric]
    if metric in BINARY:
        return g.mean().to_frame(0.5)
    return g.quantile(list(QUANTILES)).unstack()


SPARSE = 12  # fewer recorded months than this: drawn as points (record = a list of months)


def draw_outcome(ax, stats: pd.DataFrame, arms: Sequence[str], metric: str, bands: bool,
                 hyp: tuple[str, int] | None, with_title: bool = True) -> None:
    for arm in arms:
        if arm not in stats.index.get_level_values(0):
            continue
        s = stats.loc[arm]
        c = style.arm_colour(arms, arm)
        if bands and metric not in BINARY:
            ax.fill_between(s.index, s[0.05], s[0.95], color=c, alpha=0.14, lw=0)
            ax.fill_between(s.index, s[0.25], s[0.75], color=c, alpha=0.28, lw=0)
        sparse = len(s.index) < SPARSE  # a few recorded months: points joined by lines
        ax.plot(s.index, s[0.5], color=c, lw=1.0, marker="o" if sparse else None, ms=3)
    unit = metric_unit(metric)
    if metric in BINARY and not bands:
        unit = "0 = no, 1 = yes"
    ax.set_ylabel(unit)
    if with_title:
        ax.set_title(f"{hyp[0]} · {metric_title(metric)}" if hyp else metric_title(metric),
                     loc="left")
    ax.grid(axis="y")


def legend_handles(arms: Sequence[str], bands: bool) -> list:
    h: list = [Line2D([], [], color=style.arm_colour(arms, a), lw=1.2,
                      label=style.arm_name(a)) for a in arms]
    if bands:
        h += [Patch(color=style.GREY, alpha=0.55, lw=0, label="50% of runs"),
              Patch(color=style.GREY, alpha=0.25, lw=0, label="90% of runs")]
    return h


def _lines_text(bands: bool, binary: list[str], points: int, only_binary: bool = False) -> str:
    if not bands:
        text = "One run per arm: lines are that run's values. "
    elif only_binary:
        text = "Lines: the share of each arm's runs with value 1. "
    else:
        text = ("Lines: median across the runs of each arm; shaded: the central 50% "
                "(25th–75th percentile) and 90% (5th–95th percentile) of runs. ")
        if binary:
            text += (f"For the 0/1 outcome {', '.join(binary)} the line is the share of runs "
                     "with value 1. ")
    if points > 1:
        text += f"Runs pooled over the {points} design points. "
    return text


def draw(src: Source, out: Path, formats) -> list[Path]:
    src.require_months(WHAT)
    df = src.results
    hyps = hypotheses_by_metric(src.spec)
    own = src.spec.get("claims") not in (None, "treaty")  # the researcher's own claims
    metrics = [m for m in (hyps if own else OUTCOMES) if m in df.columns]
    whose = ("of the experiment's claims" if own else "of the essay's hypotheses H1–H8"
             if hyps else "of the treaty's outcome metrics")
    if not metrics:
        raise Missing(f"{WHAT}: needs at least one claim's (or H1–H8) outcome metric "
                      f"({', '.join(OUTCOMES[:3])}, ...) in the results")
    arms = [a for a in src.arms if a in set(df["arm"])]
    runs_per_arm = df.groupby("arm")["run_id"].nunique()
    bands = bool(runs_per_arm.min() > 1)
    start, end = df["date"].min(), df["date"].max()
    events = src.key_events(start, end)
    stats = {m: outcome_stats(df, m) for m in metrics}
    n = src.n_runs

    points = df["design_index"].nunique()
    base = _lines_text(bands, [m for m in metrics if m in BINARY], points)
    tail = " ".join(x for x in (events_caption(events), no_events_note(src)) if x)
    paths: list[Path] = []
    with style.figure_style():
        ncols = 3 if len(metrics) > 4 else min(2, len(metrics))
        nrows = math.ceil(len(metrics) / ncols)
        height = nrows * (PANEL_H + 0.3) + (STRIP_H if events else 0) + 0.35
        fig = style.new_figure(style.PAGE if ncols > 1 else style.COLUMN, height)
        axes, strips = time_panels(fig, len(metrics), ncols, events)
        for ax, m in zip(axes, metrics, strict=True):
            draw_outcome(ax, stats[m], arms, m, bands, hyps.get(m))
        style.year_axis(axes[0], start, end)
        fig.legend(handles=legend_handles(arms, bands), loc="outside upper center",
                   ncols=len(arms) + 2 * bands)
        place_labels(fig, strips)
        cap = (f"Outcome time series {whose} ({len(metrics)} outcome "
               f"metrics: {', '.join(metrics)}), arms overlaid. {base}{tail}\n"
               f"{src.describe(n)}")
        paths += style.save(fig, out, "timeseries", formats, cap)

        for m in metrics:
            fig = style.new_figure(style.COLUMN, 2.4 + (STRIP_H if events else 0))
            axes, strips = time_panels(fig, 1, 1, events, panel_h=1.9)
            draw_outcome(axes[0], stats[m], arms, m, bands, hyps.get(m))
            style.year_axis(axes[0], start, end)
            with_bands = bands and m not in BINARY
            fig.legend(handles=legend_handles(arms, with_bands), loc="outside upper center",
                       ncols=2 if with_bands else len(arms))
            place_labels(fig, strips)
            hyp = hyps.get(m)
            cap = (f"Outcome time series of {m} ({metric_title(m)}, {metric_unit(m)})"
                   f"{f', an outcome of claim {hyp[0]}' if hyp else ''}, arms overlaid. "
                   f"{_lines_text(bands, [m] if m in BINARY else [], points, m in BINARY)}"
                   f"{tail}\n{src.describe(n)}")
            paths += style.save(fig, out, f"timeseries_{m}", formats, cap)
    return paths

