"""Figure family 7: status of the foreign firms in Russia over time — stacked operating /
suspended / exited counts for KOR, JPN, EU and USA firms.

From a run's ``firms.parquet`` (counts of its firms), or from a sweep's firm metrics
(``<home>_firms_operating|suspended|exited``): the mean over the runs of the treatment arm
(means, unlike medians, add up to the number of firms), with the control arm's firms still
present (operating + suspended) as a dashed line.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from experiments.figures import style
from experiments.figures import timeseries as ts
from experiments.figures.data import FIRM_HOMES, FIRM_STATUSES, Missing, Source

WHAT = "firm status"


def run_counts(src: Source) -> dict[str, pd.DataFrame]:
    """home → DataFrame(date × status) of firm counts in one run."""
    path = src.path / "firms.parquet"
    if not path.is_file():
        raise Missing(f"{WHAT}: needs firms.parquet (a run of a world with firms) or the "
                      "<home>_firms_operating|suspended|exited metrics of a sweep")
    f = pd.read_parquet(path, columns=["date", "home", "status"])
    f = f.assign(home=f["home"].astype(str), status=f["status"].astype(str))
    counts = f.groupby(["home", "date", "status"], observed=True).size().unstack("status")
    counts = counts.reindex(columns=list(FIRM_STATUSES)).fillna(0)
    return {h: counts.loc[h] for h in FIRM_HOMES if h in counts.index.get_level_values(0)}


def sweep_counts(df: pd.DataFrame, arm: str) -> dict[str, pd.DataFrame]:
    """home → mean firm counts by status over the runs of ``arm``."""
    out = {}
    sub = df[df["arm"] == arm]
    for h in FIRM_HOMES:
        cols = [f"{h.lower()}_firms_{s}" for s in FIRM_STATUSES]
        if all(c in sub for c in cols):
            m = sub.groupby("date")[cols].mean()
            m.columns = list(FIRM_STATUSES)
            out[h] = m
    return out


def draw(src: Source, out: Path, formats) -> list[Path]:
    control = None
    if src.kind == "run":
        counts = run_counts(src)
        arm = src.name
        how = "counts of the run's firms"
    else:
        arm = src.treatment or src.arms[0]
        counts = sweep_counts(src.results, arm)
        if not counts:
            raise Missing(f"{WHAT}: needs the firm metrics <home>_firms_operating|suspended|"
                          "exited in the results (a world with firms)")
        src.require_months(WHAT, 12)
        n_arm = src.results.loc[src.results["arm"] == arm, "run_id"].nunique()
        how = f"mean counts over the {n_arm} runs of arm {arm!r}"
        if src.control:
            control = sweep_counts(src.results, src.control)
            how += (f"; dashed line: firms still present (operating + suspended) in arm "
                    f"{src.control!r}")
    if not counts:
        raise Missing(f"{WHAT}: needs firms of {', '.join(FIRM_HOMES)} in Russia (this "
                      "run's world has none)")
    homes = list(counts)
    start = min(c.index.min() for c in counts.values())
    end = max(c.index.max() for c in counts.values())
    events = src.key_events(start, end)
    with style.figure_style():
        ncols = 2 if len(homes) > 1 else 1
        nrows = -(-len(homes) // ncols)
        fig = style.new_figure(style.PAGE if ncols > 1 else style.COLUMN,
                               nrows * 1.75 + (ts.STRIP_H if events else 0) + 0.35)
        axes, strips = ts.time_panels(fig, len(homes), ncols, events, panel_h=1.45)
        for ax, h in zip(axes, homes, strict=True):
            c = counts[h]
            ax.stackplot(c.index, *(c[s] for s in FIRM_STATUSES),
                         colors=[style.STATUS_COLOURS[s] for s in FIRM_STATUSES],
                         alpha=0.85, lw=0)
            if control and h in control:
                cc = control[h]
                ax.plot(cc.index, cc["operating"] + cc["suspended"], color=style.BLACK,
                        lw=0.9, ls="--")
            ts.event_lines(ax, events, zorder=3, colour="#444444")
            total = round(float(c.iloc[0].sum()))
            ax.set_title(f"{h} firms in Russia ({total})", loc="left")
            ax.set_ylabel("firms")
            ax.set_ylim(0, total * 1.02 if total else 1)
            ax.margins(x=0)
        style.year_axis(axes[0], start, end)
        handles = [Patch(color=style.STATUS_COLOURS[s], alpha=0.85, label=s)
                   for s in FIRM_STATUSES]
        if control:
            handles.append(Line2D([], [], color=style.BLACK, lw=0.9, ls="--",
                                  label=f"present in {src.control}"))
        fig.legend(handles=handles, loc="outside upper center", ncols=len(handles))
        ts.place_labels(fig, strips)
        cap = (f"Status of the foreign firms in Russia over time, by home ("
               f"{', '.join(homes)}): stacked numbers of firms operating, suspended (idle "
               f"but still owning their assets) and exited (sold), {how}. "
               + " ".join(x for x in (ts.events_caption(events), ts.no_events_note(src)) if x)
               + f"\n{src.describe()}")
        return style.save(fig, out, "firms", formats, cap)
