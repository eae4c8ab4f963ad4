"""The one style module of the research figures.

- Colours: the Okabe–Ito palette (safe for the common colour-vision deficiencies); diverging
  quantities use ColorBrewer's RdBu, which is colour-blind safe as well.
- Sizes: figures are drawn at journal column widths (``COLUMN`` ≈ 3.5 in, ``PAGE`` = 7 in)
  with fonts that stay legible when printed at that width (7–8 pt).
- Layout: matplotlib's constrained layout. Figures are :class:`matplotlib.figure.Figure`
  objects on an Agg canvas, created without pyplot: no GUI backend, no global figure state,
  nothing to close, and the backend of a process that imports this package is left alone.
- :func:`save` writes a 300 dpi PNG, the requested vector formats (PDF, SVG) and
  ``<stem>.caption.txt``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import matplotlib
import matplotlib.dates as mdates
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

# Okabe & Ito (2008), "Color Universal Design".
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#8C8C8C"
LIGHT_GREY = "#D9D9D9"
OKABE_ITO = (BLACK, ORANGE, SKY_BLUE, GREEN, YELLOW, BLUE, VERMILLION, PURPLE)

# Arms in the order of the experiment: the first (usually the treatment) vermillion, then blue.
ARM_COLOURS = (VERMILLION, BLUE, GREEN, ORANGE, PURPLE, SKY_BLUE, BLACK)
def arm_name(arm: str) -> str:
    """An arm's name in legends and captions (:func:`experiments.contrasts.arm_label`)."""
    from experiments.contrasts import arm_label

    return arm_label(arm)


VERDICT_STYLE = {  # colour, marker, filled
    "supported": (GREEN, "o", True),
    "contradicted": (VERMILLION, "s", True),
    "negligible": (BLUE, "o", False),
    "inconclusive": (GREY, "D", False),
}
STATUS_COLOURS = {"operating": BLUE, "suspended": ORANGE, "exited": "#C8C8C8"}
DIVERGING = "RdBu_r"  # negative blue, positive red; ColorBrewer, colour-blind safe
TRUST_CMAP = "RdBu"  # trust: distrust red, trust blue

COLUMN = 3.5  # in: one journal column
PAGE = 7.0  # in: two columns
DPI = 300
FORMATS = ("png", "pdf", "svg")

BASE_PT = 7.0
SMALL_PT = 6.5
TINY_PT = 5.5
RC = {
    "font.size": BASE_PT,
    "axes.titlesize": BASE_PT + 0.5,
    "axes.titleweight": "normal",
    "axes.labelsize": BASE_PT,
    "xtick.labelsize": SMALL_PT,
    "ytick.labelsize": SMALL_PT,
    "legend.fontsize": SMALL_PT,
    "legend.title_fontsize": SMALL_PT,
    "legend.frameon": False,
    "figure.titlesize": BASE_PT + 1,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.linewidth": 0.6,
    "axes.prop_cycle": matplotlib.cycler(color=ARM_COLOURS),
    "lines.linewidth": 1.1,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.major.size": 2.5,
    "ytick.major.size": 2.5,
    "grid.linewidth": 0.4,
    "grid.color": "#E5E5E5",
    "savefig.dpi": DPI,
    "pdf.fonttype": 42,  # embed TrueType: text stays text in the PDF
    "svg.fonttype": "none",  # text stays text in the SVG
    "svg.hashsalt": "alliancesim",  # deterministic SVG ids
    "figure.constrained_layout.h_pad": 0.03,
    "figure.constrained_layout.w_pad": 0.03,
}


@contextlib.contextmanager
def figure_style() -> Iterator[None]:
    """The rcParams of every research figure, restored on exit."""
    with matplotlib.rc_context(RC):
        yield


def new_figure(width: float, height: float) -> Figure:
    """A constrained-layout figure of ``width`` × ``height`` inches on an Agg canvas."""
    fig = Figure(figsize=(width, height), layout="constrained", dpi=100)
    FigureCanvasAgg(fig)
    return fig


date2num = mdates.date2num


def arm_colour(arms: Sequence[str], arm: str) -> str:
    return ARM_COLOURS[list(arms).index(arm) % len(ARM_COLOURS)]


def year_axis(ax, start, end) -> None:
    """Dates on the x axis, labelled by year (every 1, 2, 5 or 10 years by span); minor ticks
    each year. Fixed tick lists (no rrule locators: those are slow on long axes)."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    span = (end - start).days / 365.25
    base = 1 if span <= 5 else 2 if span <= 12 else 5 if span <= 30 else 10
    years = range(start.year, end.year + 2)
    ticks = [pd.Timestamp(year=y, month=1, day=1) for y in years]
    ticks = [t for t in ticks if start <= t <= end]
    ax.xaxis.set_major_locator(mticker.FixedLocator(
        [date2num(t) for t in ticks if t.year % base == 0]))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.xaxis.set_minor_locator(mticker.FixedLocator(
        [date2num(t) for t in ticks] if base > 1 else []))
    ax.tick_params(axis="x", which="minor", length=1.5, width=0.4)
    ax.set_xlim(start, end)


def symmetric_limit(values, floor: float = 0.0) -> float:
    """max |v| over the finite values (``floor`` if none or all zero)."""
    v = np.abs(np.asarray(values, dtype=float))
    v = v[np.isfinite(v)]
    m = float(v.max()) if v.size else 0.0
    return m if m > 0 else floor


def fmt(v: float) -> str:
    """A compact number for annotations."""
    if not np.isfinite(v):
        return "n/a"
    if v == 0:
        return "0"
    a = abs(v)
    if a >= 100:
        return f"{v:.0f}"
    if a >= 0.01:
        return f"{v:.3g}"
    return f"{v:.1e}"


def save(fig: Figure, out: Path, stem: str, formats: Sequence[str], caption: str
         ) -> list[Path]:
    """Write ``stem.png`` (300 dpi), ``stem.<fmt>`` for each vector format requested and
    ``stem.caption.txt``; return the paths written. The PNG is always written (it is what
    the README and a quick look use); ``formats`` adds PDF and/or SVG."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ValueError(f"unknown figure format {bad[0]!r} (choose from {', '.join(FORMATS)})")
    paths = []
    for f in ("png", *(f for f in FORMATS[1:] if f in formats)):
        path = out / f"{stem}.{f}"
        meta = {"png": {"Software": "alliancesim figures"},
                "pdf": {"Creator": "alliancesim figures", "CreationDate": None},
                "svg": {"Creator": "alliancesim figures", "Date": None}}[f]
        fig.savefig(path, format=f, dpi=DPI, metadata=meta)
        paths.append(path)
    cap = out / f"{stem}.caption.txt"
    cap.write_text(caption.strip() + "\n", encoding="utf-8")
    paths.append(cap)
    return paths
