"""Figure family 6: network snapshots of the state system before and after the treaty, from
one run's ``relations.parquet``.

Nodes sit at their capitals (from the world's ``actors.csv``) on a world map (Natural Earth
1:110m countries in the Miller projection, :mod:`viz.basemap`), nudged apart so that none
overlaps; node area ∝ capability (the world's base-year value). Edges: mutual trust
(T_ij + T_ji)/2 where |trust| > 0.2, coloured on a diverging scale (red distrust, blue
trust), width ∝ √(trade both ways). The passive rest of the world (ROW) is left out.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib import patheffects as pe
from matplotlib.cm import ScalarMappable
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize
from matplotlib.lines import Line2D

from experiments.figures import style
from experiments.figures.data import Missing, Source
from viz.basemap import OCEAN, add_land, project

WHAT = "network snapshots"
BEFORE, AFTER = "2024-05", "2025-06"
TRUST_MIN = 0.2
CHANGE = 0.05  # |Δ mutual trust| between the snapshots above which an edge is emphasised
PANEL_W, PANEL_H = 6.0, 2.3  # in: the target drawing area of one snapshot
PAD_DEG = 14.0
GAP_IN = 0.05


def snapshot_dates(dates: pd.Series, wanted=(BEFORE, AFTER)) -> tuple[pd.Timestamp,
                                                                       pd.Timestamp]:
    """The two snapshot months (``wanted``, default the treaty's before/after), each moved to
    the first / last recorded month when outside the run."""
    first, last = dates.min(), dates.max()
    b, a = (pd.Timestamp(f"{w}-01") for w in wanted)
    return (b if first <= b <= last else first), (a if first <= a <= last else last)


def node_area(cap: np.ndarray, cap_max: float) -> np.ndarray:
    """Marker area in pt² ∝ capability (with a floor so the smallest stay visible)."""
    return 25.0 + 380.0 * cap / cap_max


def layout(lon: np.ndarray, lat: np.ndarray, area: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray, float]:
    """(positions in inches, map origin, inches per map unit): the capitals projected
    (Miller) and scaled to the panel, then pushed apart pairwise (deterministic) until no two
    nodes (or their labels) overlap. The map itself is drawn with the same origin and scale."""
    x, y = project(lon, lat)
    x0, x1 = x.min() - PAD_DEG, x.max() + PAD_DEG
    y0, y1 = y.min() - PAD_DEG / 2, y.max() + PAD_DEG / 2
    scale = min(PANEL_W / (x1 - x0), PANEL_H / (y1 - y0))
    origin = np.array([x0, y0])
    p = (np.column_stack([x, y]) - origin) * scale
    r = np.sqrt(area / np.pi) / 72.0  # in
    need = np.maximum(r[:, None] + r[None, :], 0.22) + GAP_IN
    n = len(p)
    for _ in range(400):
        moved = False
        for i in range(n):
            for j in range(i + 1, n):
                d = p[j] - p[i]
                dist = float(np.hypot(*d))
                if dist >= need[i, j]:
                    continue
                u = d / dist if dist > 1e-9 else np.array([1.0, 0.0])
                shift = 0.5 * (need[i, j] - dist) + 1e-4
                p[i] -= u * shift
                p[j] += u * shift
                moved = True
        if not moved:
            break
    return p, origin, scale


def draw(src: Source, out: Path, formats) -> list[Path]:
    rel_path = src.path / "relations.parquet"
    if src.kind != "run" or not rel_path.is_file():
        raise Missing(f"{WHAT}: needs relations.parquet (a single-run directory from "
                      "`alliancesim run`, without --no-relations)")
    actors = src.world_actors()
    if "passive" in actors:
        actors = actors[actors["passive"].fillna(0).astype(int) == 0]
    actors = actors[actors["code"] != "ROW"].reset_index(drop=True)
    codes = actors["code"].tolist()
    rel = pd.read_parquet(rel_path, columns=["date", "source", "target", "trust",
                                             "exports_usd_bn"])
    rel = rel.assign(source=rel["source"].astype(str), target=rel["target"].astype(str))
    rel = rel[rel["source"].isin(codes) & rel["target"].isin(codes)]
    if rel.empty:
        raise Missing(f"{WHAT}: relations.parquet has no pairs of the world's actors")
    dates = snapshot_dates(rel["date"], src.snapshots or (BEFORE, AFTER))
    cap = actors["capability"].to_numpy(dtype=float)
    area = node_area(cap, cap.max())
    pos, origin, scale = layout(actors["lon"].to_numpy(float), actors["lat"].to_numpy(float), area)
    edges, trust = {}, {}
    for d in dates:
        snap = rel[rel["date"] == d]
        t = snap.pivot_table(index="source", columns="target", values="trust",
                             aggfunc="first").reindex(index=codes, columns=codes)
        x = snap.pivot_table(index="source", columns="target", values="exports_usd_bn",
                             aggfunc="first").reindex(index=codes, columns=codes).fillna(0)
        tm = 0.5 * (t.to_numpy() + t.to_numpy().T)
        trust[d] = tm
        trade = x.to_numpy() + x.to_numpy().T
        edges[d] = [(i, j, tm[i, j], trade[i, j]) for i in range(len(codes))
                    for j in range(i + 1, len(codes))
                    if np.isfinite(tm[i, j]) and abs(tm[i, j]) > TRUST_MIN]
    delta = np.nan_to_num(trust[dates[1]] - trust[dates[0]])
    tmax = max((e[3] for es in edges.values() for e in es), default=1.0) or 1.0
    norm = Normalize(-1, 1)
    cmap = colormaps[style.TRUST_CMAP]

    def width(trade):
        return 0.3 + 3.2 * np.sqrt(max(trade, 0.0) / tmax)

    with style.figure_style():
        fig = style.new_figure(style.PAGE, 2 * (PANEL_H + 0.35) + 0.55)
        axes = fig.subplots(2, 1)
        for ax, d in zip(axes, dates, strict=True):
            es = sorted(edges[d], key=lambda e: (abs(delta[e[0], e[1]]) >= CHANGE,
                                                 abs(e[2])))
            segs = [[pos[i], pos[j]] for i, j, _, _ in es]
            colours = [(*cmap(norm(e[2]))[:3],
                        0.95 if abs(delta[e[0], e[1]]) >= CHANGE else 0.22) for e in es]
            lc = LineCollection(segs, colors=colours, linewidths=[width(e[3]) for e in es],
                                zorder=1, capstyle="round")
            ax.add_collection(lc)
            ax.scatter(pos[:, 0], pos[:, 1], s=area, c="#F4F4F4", edgecolors=style.BLACK,
                       linewidths=0.6, zorder=2)
            for k, c in enumerate(codes):
                ax.text(pos[k, 0], pos[k, 1], c, ha="center", va="center",
                        fontsize=style.TINY_PT, fontweight="bold", zorder=3,
                        path_effects=[pe.withStroke(linewidth=1.6, foreground="white")])
            ax.set_aspect("equal")
            m = 0.2
            lim = (pos[:, 0].min() - m, pos[:, 0].max() + m, pos[:, 1].min() - m,
                   pos[:, 1].max() + m)
            ax.set_xlim(*lim[:2])
            ax.set_ylim(*lim[2:])
            extent = (lim[0] / scale + origin[0], lim[1] / scale + origin[0],
                      lim[2] / scale + origin[1], lim[3] / scale + origin[1])
            add_land(ax, extent, scale, origin, zorder=0.5, linewidth=0.3)
            ax.set_facecolor(OCEAN)
            ax.set_xticks([])
            ax.set_yticks([])
            for side in ax.spines.values():
                side.set_color("0.8")
            when = {BEFORE: " (before the treaty)", AFTER: " (after the treaty)"}.get(
                f"{d:%Y-%m}", "")
            changed = sum(abs(delta[i, j]) >= CHANGE for i, j, _, _ in es)
            ax.set_title(f"{d:%Y-%m}{when}: {len(es)} pairs with |trust| > {TRUST_MIN}; "
                         f"solid: {changed} whose trust changed by ≥ {CHANGE} between the "
                         "snapshots", loc="left")
        sm = ScalarMappable(norm=norm, cmap=cmap)
        cb = fig.colorbar(sm, ax=list(axes), shrink=0.6, aspect=25, pad=0.01)
        cb.set_label("mutual trust (−1 to 1)")
        cb.outline.set_linewidth(0.4)
        refs = [v for v in (1, 10, 50, 200, 500) if v <= tmax] or [round(tmax, 1)]
        refs = refs[-3:]
        caps = [v for v in (0.01, 0.05, 0.2) if v <= cap.max() * 1.01] or [cap.max()]
        widths = [Line2D([], [], color=style.GREY, lw=width(v), label=f"{v:g}") for v in refs]
        sizes = [Line2D([], [], ls="none", marker="o", mfc="#F4F4F4", mec=style.BLACK, mew=0.6,
                        ms=float(np.sqrt(node_area(np.array(v), cap.max()))), label=f"{v:g}")
                 for v in caps]
        for handles, where, title in (
                (widths, "outside lower left", "edge width: trade both ways, USD bn/yr"),
                (sizes, "outside lower right", "node area: capability, CINC-like share")):
            leg = fig.legend(handles=handles, loc=where, ncols=len(handles), title=title,
                             handlelength=2.4, handleheight=3.2, columnspacing=1.4)
            leg.get_title().set_fontsize(style.SMALL_PT)
        cap_text = (f"Network snapshots of the state system in one run, {dates[0]:%Y-%m} "
                    f"and {dates[1]:%Y-%m}. Edges: pairs whose mutual trust (the mean of "
                    f"the two directed trusts) exceeds {TRUST_MIN} in absolute value, "
                    "coloured by trust (blue trust, red distrust), width ∝ √(trade both "
                    "ways, USD bn/yr; same scale in both panels). Edges whose mutual trust "
                    f"changed by at least {CHANGE} between the two snapshots are drawn "
                    "solid, the others faded. Nodes: at the capitals on a map of Natural "
                    "Earth 1:110m country outlines (public domain) in the Miller projection "
                    "(nodes nudged apart where they would overlap), area ∝ capability in "
                    "the world's base year "
                    f"({src.manifest.get('world', {}).get('name', 'world')} actors.csv; "
                    "the run does not store capability over time). The passive rest of the "
                    f"world (ROW) is left out.\n{src.describe()}")
        return style.save(fig, out, "network", formats, cap_text)
