"""Matplotlib panels of the page, built from a model's current state and its series so far.

No solara here. Each panel builds its :class:`matplotlib.figure.Figure` once per world and
comparison (laid out once with the constrained layout engine, then frozen) and redraws only
its changing artists each month, because a fresh figure costs several times more to draw on a
small machine. Figures are created directly, not through pyplot: nothing is registered
globally, so a panel's figure is freed with the panel (``close()`` clears it explicitly).
Rendering uses the Agg canvas.

Colour maps are colour-blind safe: RdBu (diverging) for trust, PuOr (diverging) for alignment,
sequential maps for trade, sanctions and threat, Okabe–Ito colours for lines.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import PIL.Image
from matplotlib import colormaps
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.cm import ScalarMappable
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import Colormap, ListedColormap, LogNorm, Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.patheffects import withStroke
from matplotlib.ticker import FixedLocator, FormatStrFormatter
from matplotlib.transforms import IdentityTransform

from viz.basemap import OCEAN, add_land, project

DPI = 100
PANEL_SIZE = (6.4, 4.0)  # inches at DPI (640 × 400 px), shown scaled to a grid cell
NETWORK_SIZE = (6.4, 3.9)  # fills a cell under the edge-layer switch
PNG_COMPRESS_LEVEL = 3  # zlib level: fast to encode, little larger than the default
LAYERS = ("trust", "trade", "sanctions", "threat")
# Okabe–Ito colours (colour-blind safe), for lines.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
MAP_EXTENT = (-105.0, 155.0, -6.0, 70.0)  # lon0, lon1, lat0, lat1 of the map
MAX_EDGES = 160  # a layer draws at most its strongest edges (readable at 80 states)
MAP_PIXELS = (560.0, 290.0)  # approximate size of the map axes, for the overlap relaxation
LABEL_ROOM_PX = 12.0  # extra gap between neighbouring nodes (room for a label)
ARROW_BEND = 0.18  # sideways offset of a directed edge's control point, share of its length
TRUST_EDGE_MIN_TRADE = 2.0  # USD bn/yr: trust edges of pairs that hardly trade are left out
EDGE_FLOOR = {"trust": 0.35, "trade": 1.0, "sanctions": 0.1, "threat": 0.1}


def month_name(label: str) -> str:
    """``'2024-06'`` → ``'June 2024'``."""
    return dt.date(int(label[:4]), int(label[5:7]), 1).strftime("%B %Y")


class Panel:
    """A figure for one model that is drawn in full once, then redrawn cheaply each month.

    ``build`` creates the artists; ``update`` sets this month's data and returns the artists
    that change (marked animated). The static part (axes, ticks, labels, legends, colour
    bars) is rendered once and kept as a bitmap; :meth:`render` restores it, draws only the
    changing artists on top (blitting) and encodes a PNG. Text layout dominates matplotlib's
    cost, so this is several times faster than redrawing a figure.
    """

    size = PANEL_SIZE

    def __init__(self, model) -> None:
        self.fig = Figure(figsize=self.size, dpi=DPI, layout="constrained")
        self.canvas = FigureCanvasAgg(self.fig)
        self.build(model)
        for a in self.update(model):
            a.set_animated(True)
        self.canvas.draw()  # lays out (constrained) and draws all but the animated artists
        self.fig.set_layout_engine("none")  # keep that layout from now on
        self.background = self.canvas.copy_from_bbox(self.fig.bbox)

    @staticmethod
    def key(model) -> tuple:
        """What the static part depends on: a panel serves every model with an equal key (so
        Reset with the same world and comparison reuses it)."""
        w, twin = model.world, getattr(model, "twin", None)
        return (str(w.path), w.codes, model.start_month, model.end_month,
                None if twin is None else (model.scenario_def.name, twin.scenario_def.name),
                getattr(model, "bands", None))

    def build(self, model) -> None:
        raise NotImplementedError

    def update(self, model) -> list[Artist]:
        raise NotImplementedError

    def render(self, model) -> bytes:
        """This month's picture as PNG bytes."""
        dynamic = self.update(model)
        self.canvas.restore_region(self.background)
        renderer = self.canvas.get_renderer()
        for a in dynamic:
            a.set_animated(True)
            a.draw(renderer)
        rgb = PIL.Image.fromarray(np.asarray(self.canvas.buffer_rgba())).convert("RGB")
        buf = io.BytesIO()
        rgb.save(buf, format="png", compress_level=PNG_COMPRESS_LEVEL)
        return buf.getvalue()

    def close(self) -> None:
        self.fig.clear()


# ---------------------------------------------------------------------- the network map
def node_sizes(capability: np.ndarray, reference: float) -> np.ndarray:
    """Marker areas (points²) from capability, relative to a fixed per-world reference."""
    return 25.0 + 600.0 * np.sqrt(np.clip(capability, 0.0, None) / reference)


def map_extent(world) -> tuple[float, float, float, float]:
    """The map's extent in map coordinates (:func:`viz.basemap.project`): MAP_EXTENT, or
    wider (the world's capitals plus a margin) where a world's capitals lie outside it (e.g.
    the southern hemisphere of the 80-economy ICIO world)."""
    x0, x1, y0, y1 = MAP_EXTENT
    act = ~world.passive
    lon, lat = world.lon[act], world.lat[act]
    if not (lon.min() >= x0 and lon.max() <= x1 and lat.min() >= y0 and lat.max() <= y1):
        x0, x1 = min(x0, float(lon.min()) - 12.0), max(x1, float(lon.max()) + 12.0)
        y0, y1 = min(y0, float(lat.min()) - 8.0), max(y1, float(lat.max()) + 5.0)
    _, (py0, py1) = project([x0, x1], [y0, y1])
    return (x0, x1, float(py0), float(py1))


@lru_cache(maxsize=8)
def _layout(lon: tuple, lat: tuple, radius: tuple,
            extent: tuple) -> tuple[np.ndarray, np.ndarray]:
    """Capitals' map coordinates (x, y in ``extent``), nudged apart where nodes would overlap
    on the panel (a fixed, deterministic relaxation: two nodes closer than their radii plus
    LABEL_ROOM_PX push each other apart)."""
    x0, x1, y0, y1 = extent
    w, h = MAP_PIXELS
    pos = np.column_stack([(np.array(lon) - x0) / (x1 - x0) * w,
                           (np.array(lat) - y0) / (y1 - y0) * h])
    r = np.array(radius)
    need = r[:, None] + r[None, :] + LABEL_ROOM_PX
    for _ in range(300):
        d = pos[:, None, :] - pos[None, :, :]
        dist = np.hypot(d[..., 0], d[..., 1]) + np.eye(len(pos))
        overlap = np.clip(need - dist, 0.0, None)
        np.fill_diagonal(overlap, 0.0)
        if overlap.max() < 0.5:
            break
        pos += (d / dist[..., None] * overlap[..., None] * 0.25).sum(axis=1)
        pos[:, 0] = np.clip(pos[:, 0], 10.0, w - 10.0)
        pos[:, 1] = np.clip(pos[:, 1], 10.0, h - 10.0)
    return pos[:, 0] / w * (x1 - x0) + x0, pos[:, 1] / h * (y1 - y0) + y0


def capability_reference(world) -> float:
    return float(world.capability0[~world.passive].max())


def node_positions(world) -> tuple[np.ndarray, np.ndarray]:
    """Map positions: the capitals projected (Miller), declustered for the node sizes."""
    radius = np.sqrt(node_sizes(world.capability0, capability_reference(world))) / 2 * DPI / 72
    radius[world.passive] = 4.0
    x, y = project(world.lon, world.lat)
    return _layout(tuple(map(float, x)), tuple(map(float, y)),
                   tuple(np.round(radius, 3)), map_extent(world))


@dataclass(frozen=True)
class Edges:
    """The edges of one layer: pairs (i, j), values, widths, directed or not, colours."""

    pairs: list[tuple[int, int]]
    values: np.ndarray
    widths: np.ndarray
    directed: bool
    cmap: str
    norm: Normalize
    label: str
    title: str


def _width(trade: np.ndarray, ref: float) -> np.ndarray:
    """Line width from bilateral trade (log scale, fixed reference: comparable over time)."""
    return 0.4 + 4.0 * np.log1p(np.maximum(trade, 0.0)) / np.log1p(ref)


def _trade_reference(world) -> float:
    act = np.flatnonzero(~world.passive)
    x0 = world.exports0 + world.exports0.T
    return 2.0 * float(x0[np.ix_(act, act)].max())


def edges(model, layer: str) -> Edges:
    """The edges of ``layer`` between active actors; weaker ones (EDGE_FLOOR) left out, and
    beyond the strongest MAX_EDGES (sorted weakest first, so the strongest draw on top)."""
    e = _all_edges(model, layer)
    if len(e.pairs) <= MAX_EDGES:
        return e
    k = len(e.pairs) - MAX_EDGES
    return Edges(e.pairs[k:], e.values[k:], e.widths[k:], e.directed, e.cmap, e.norm, e.label,
                 f"{e.title}, strongest {MAX_EDGES}")


def _all_edges(model, layer: str) -> Edges:
    st, w = model.state, model.world
    if layer not in LAYERS:
        raise ValueError(f"unknown edge layer {layer!r} (expected one of {LAYERS})")
    act = np.flatnonzero(~w.passive)
    floor, ref = EDGE_FLOOR[layer], _trade_reference(w)
    if layer in ("trust", "trade"):
        i, j = np.triu_indices(len(act), k=1)
        i, j = act[i], act[j]
        x = st.exports + st.transfers
        trade = (x + x.T)[i, j]
        if layer == "trust":
            t = 0.5 * (st.trust[i, j] + st.trust[j, i])
            sel = np.flatnonzero((np.abs(t) >= floor) & (trade >= TRUST_EDGE_MIN_TRADE))
            sel = sel[np.argsort(np.abs(t[sel]), kind="stable")]  # strongest on top
            return Edges(list(zip(i[sel], j[sel], strict=True)), t[sel], _width(trade[sel], ref),
                         False, "RdBu", Normalize(-1.0, 1.0), "trust (mean of both directions)",
                         "trust (colour) and trade (width)")
        sel = np.flatnonzero(trade >= floor)
        sel = sel[np.argsort(trade[sel], kind="stable")]
        return Edges(list(zip(i[sel], j[sel], strict=True)), trade[sel],
                     _width(trade[sel], ref), False, "viridis_r", LogNorm(floor, ref),
                     "bilateral trade, USD bn/yr", "bilateral trade (colour and width)")
    if layer == "sanctions":
        m, cmap = st.sanctions, "Reds_from_floor"
        label, title = "sanction intensity (sender → target)", "sanctions (sender → target)"
    else:  # threat[i, j] is i's threat from j: draw j → i
        m, cmap = st.threat.T, "Greys_from_floor"
        label, title = "perceived threat (source → threatened)", "perceived threat"
    sub = m[np.ix_(act, act)]
    a, b = np.nonzero(sub >= floor)
    vals = sub[a, b]
    order = np.argsort(vals, kind="stable")
    pairs = list(zip(act[a][order], act[b][order], strict=True))
    return Edges(pairs, vals[order], 0.6 + 3.0 * vals[order], True, cmap, Normalize(0.0, 1.0),
                 label, title)


class NetworkPanel(Panel):
    """The state system on a world map (Natural Earth 1:110m countries, Miller projection,
    drawn once into the static background): nodes at (nudged) capitals, size by capability,
    colour by alignment (passive actors small grey squares); edges of one layer."""

    size = NETWORK_SIZE

    def __init__(self, model, layer: str = "trust") -> None:
        self.layer = layer
        super().__init__(model)

    def build(self, model) -> None:
        w = model.world
        self.xs, self.ys = node_positions(w)
        ax = self.ax = self.fig.add_subplot()
        extent = map_extent(w)
        ax.set_xlim(*extent[:2])
        ax.set_ylim(*extent[2:])
        ax.set_facecolor(OCEAN)
        add_land(ax, extent)
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ax.spines.values():
            side.set_color("0.8")
        self.active = act = ~w.passive
        self.cap_ref = capability_reference(w)
        self.nodes = ax.scatter(self.xs[act], self.ys[act], s=self._sizes(model)[act],
                                c=w.alignment[act], cmap="PuOr", vmin=-1, vmax=1,
                                edgecolors="0.2", linewidths=0.6, zorder=3)
        if w.passive.any():
            ax.scatter(self.xs[~act], self.ys[~act], s=40, c="0.85", marker="s",
                       edgecolors="0.5", linewidths=0.6, zorder=3)
        below = np.sqrt(node_sizes(w.capability0, self.cap_ref)) / 2 + 1.0  # points
        below[w.passive] = 5.0
        self.labels = [
            ax.annotate(code, (self.xs[k], self.ys[k]), xytext=(0, -below[k]), ha="center",
                        va="top", textcoords="offset points", fontsize=8, zorder=4,
                        color="0.1" if act[k] else "0.5",
                        path_effects=[withStroke(linewidth=2.0, foreground="white")])
            for k, code in enumerate(w.codes)]  # redrawn each month, on top of the edges
        e = edges(model, self.layer)
        cb = self.fig.colorbar(_mappable(e.cmap, e.norm), ax=ax, shrink=0.8, pad=0.01,
                               fraction=0.04)
        cb.set_label(e.label, fontsize=7)
        cb.ax.tick_params(labelsize=6)
        ca = self.fig.colorbar(_mappable("PuOr", Normalize(-1, 1)), ax=ax, shrink=0.3,
                               pad=0.01, fraction=0.04, location="bottom")
        ca.set_ticks([-1, 0, 1], labels=["West", "0", "anti-West"])
        ca.set_label("node colour: alignment · node size: capability", fontsize=7)
        ca.ax.tick_params(labelsize=6)
        self.title = ax.set_title("", fontsize=9)
        self.edge_artists: list = []

    def _arrows(self, e: Edges, colours, model) -> list[Artist]:
        """Directed edges as curved arrows (quadratic Bézier, bent like ``arc3,rad=0.18``),
        computed in pixels and drawn as two collections: far cheaper than one patch each."""
        if not e.pairs:
            return []
        pts = self.ax.transData.transform(np.column_stack([self.xs, self.ys]))
        radius = np.sqrt(self._sizes(model)) / 2 * DPI / 72 + 2.0  # node radius in pixels
        radius[~self.active] = 6.0
        ii = np.array([i for i, _ in e.pairs])
        jj = np.array([j for _, j in e.pairs])
        p0, p1 = pts[ii], pts[jj]
        d = p1 - p0
        length = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)
        ctrl = 0.5 * (p0 + p1) + ARROW_BEND * np.column_stack([d[:, 1], -d[:, 0]])
        t0 = np.clip(radius[ii] / length, 0.0, 0.45)
        t1 = np.clip(1.0 - radius[jj] / length, 0.55, 1.0)
        t = t0[:, None] + (t1 - t0)[:, None] * np.linspace(0.0, 1.0, 16)[None, :]
        tt = t[..., None]
        curve = ((1 - tt) ** 2 * p0[:, None] + 2 * (1 - tt) * tt * ctrl[:, None]
                 + tt ** 2 * p1[:, None])
        tip = curve[:, -1]
        tangent = 2 * (1 - t1)[:, None] * (ctrl - p0) + 2 * t1[:, None] * (p1 - ctrl)
        tangent /= np.maximum(np.hypot(tangent[:, 0], tangent[:, 1]), 1e-9)[:, None]
        normal = np.column_stack([-tangent[:, 1], tangent[:, 0]])
        head = 5.0 + e.widths[:, None]
        base = tip - tangent * head
        heads = np.stack([tip, base + normal * head * 0.45, base - normal * head * 0.45], axis=1)
        curve[:, -1] = base  # the line stops where the head begins
        ident = IdentityTransform()
        lines = LineCollection(list(curve), colors=colours, linewidths=e.widths, alpha=0.85,
                               zorder=1, transform=ident, capstyle="round")
        tips = PolyCollection(list(heads), facecolors=colours, edgecolors="none", alpha=0.9,
                              zorder=1, transform=ident)
        return [self.ax.add_collection(lines, autolim=False),
                self.ax.add_collection(tips, autolim=False)]

    def _sizes(self, model) -> np.ndarray:
        return node_sizes(model.state.capability, self.cap_ref)

    def update(self, model) -> list[Artist]:
        for a in self.edge_artists:
            a.remove()
        e = edges(model, self.layer)
        colours = cmap(e.cmap)(e.norm(e.values)) if len(e.values) else []
        xs, ys = self.xs, self.ys
        if e.directed:
            self.edge_artists = self._arrows(e, colours, model)
        else:
            segs = [((xs[i], ys[i]), (xs[j], ys[j])) for i, j in e.pairs]
            self.edge_artists = [self.ax.add_collection(LineCollection(
                segs, colors=colours, linewidths=e.widths, alpha=0.85, zorder=1,
                capstyle="round"))]
        self.nodes.set_sizes(self._sizes(model)[self.active])
        self.title.set_text(f"State system, {month_name(model.date_label)}: {e.title}")
        return [*self.edge_artists, self.nodes, *self.labels, self.title]


def cmap(name: str) -> Colormap:
    """A named colour map; ``<name>_from_floor``: a sequential map without its lightest
    quarter, so that the weakest edges drawn stay visible on white."""
    if name.endswith("_from_floor"):
        base = colormaps[name.removesuffix("_from_floor")]
        return ListedColormap(base(np.linspace(0.25, 1.0, 256)), name=name)
    return colormaps[name]


def _mappable(name: str, norm: Normalize) -> ScalarMappable:
    sm = ScalarMappable(norm=norm, cmap=cmap(name))
    sm.set_array([])
    return sm


# ---------------------------------------------------------------------- time series
@dataclass(frozen=True)
class Series:
    metric: str
    label: str


def decimal_years(start_month: int, n: int) -> np.ndarray:
    """Month indices (year·12 + month − 1) → decimal years, for a cheap numeric time axis."""
    return (start_month + np.arange(n)) / 12.0


class SeriesPanel(Panel):
    """Metric series over the whole scenario span (x fixed, so progress shows). The twin's
    series (``model.twin``, if any) are dashed in the same colours. With ``model.bands``
    (:class:`viz.bands.Bands`, k seeds of each variant) the static part also shows each
    series' 50% and 90% bands over seeds: filled for the run, outlined (dotted) for the twin."""

    title = ""
    groups: tuple[tuple[str, str, tuple[float, float], tuple[Series, ...]], ...] = ()
    colours: tuple[tuple[str, ...], ...] = ()
    zero_line = False

    def build(self, model) -> None:
        twin = getattr(model, "twin", None)
        axes = self.fig.subplots(1, len(self.groups), squeeze=False)[0]
        x0, x1 = model.start_month / 12.0, (model.end_month + 1) / 12.0
        self.lines: list[tuple[str, Line2D, Line2D, Line2D | None]] = []
        handles: list = []
        names = {m.name for m in model.metrics}
        for g, (ax, (title, ylabel, ylim, series)) in enumerate(
                zip(axes, self.groups, strict=True)):
            if self.zero_line:
                ax.axhline(0.0, color="0.6", lw=0.8)
            colours = self.colours[g] if self.colours else OKABE_ITO
            for k, s in enumerate(series):
                if s.metric not in names:
                    continue
                c = colours[k % len(colours)]
                line, = ax.plot([], [], color=c, lw=1.6, label=s.label)
                dot, = ax.plot([], [], "o", color=c, ms=3)
                dashed = None if twin is None else ax.plot([], [], color=c, lw=1.3, ls="--")[0]
                self.lines.append((s.metric, line, dot, dashed))
                draw_bands(ax, getattr(model, "bands", None), s.metric, c,
                           [model] + ([] if twin is None else [twin]))
            ax.set_xlim(x0, x1)
            ax.set_ylim(*ylim)
            ax.xaxis.set_major_locator(FixedLocator(
                [y for y in range(int(x0) + 1, int(x1) + 1) if y % 5 == 0]))
            ax.xaxis.set_major_formatter(FormatStrFormatter("%d"))
            ax.grid(True, color="0.92", lw=0.6)
            ax.tick_params(labelsize=7)
            ax.set_ylabel(ylabel, fontsize=8)
            ax.set_xlabel("year", fontsize=8)
            ax.set_title(title, fontsize=9)
            handles += ax.get_legend_handles_labels()[0]
        labels = [h.get_label() for h in handles]
        if twin is not None:  # line styles: this model solid, the twin dashed
            handles += [Line2D([], [], color="0.3", lw=1.6),
                        Line2D([], [], color="0.3", lw=1.3, ls="--")]
            labels += [model.scenario_def.name, f"{twin.scenario_def.name} (dashed)"]
        bands = getattr(model, "bands", None)
        if bands is not None:
            handles += [Patch(color="0.3", alpha=0.35), Patch(color="0.3", alpha=0.15)]
            labels += [f"50% of {bands.k} seeds", "90%"]
        self.fig.legend(handles, labels, loc="outside lower center", fontsize=7, frameon=False,
                        ncols=min(len(handles), 4), columnspacing=1.2, handlelength=1.8)
        if self.title:
            self.fig.suptitle(self.title, fontsize=9)

    def update(self, model) -> list[Artist]:
        twin = getattr(model, "twin", None)
        ts = model.timeseries()
        x = decimal_years(model.start_month, len(ts))
        tts = None if twin is None else twin.timeseries()
        for metric, line, dot, dashed in self.lines:
            y = ts[metric].to_numpy()
            line.set_data(x, y)
            dot.set_data(x[-1:], y[-1:])
            if dashed is not None and tts is not None:
                dashed.set_data(decimal_years(twin.start_month, len(tts)), tts[metric].to_numpy())
        return [a for _, *arts in self.lines for a in arts if a is not None]


def draw_bands(ax, bands, metric: str, colour: str, models: list) -> None:
    """The 50% and 90% bands of ``metric`` for each model's variant in ``bands``: the first
    (the run) filled, the others (the twin) as dotted outlines of the 90% band."""
    if bands is None:
        return
    for k, m in enumerate(models):
        q = bands.quantiles.get(m.scenario_def.name, {}).get(metric)
        if q is None:
            continue
        x = decimal_years(bands.start_month[m.scenario_def.name], q.shape[1])
        if k == 0:
            ax.fill_between(x, q[0], q[3], color=colour, alpha=0.15, lw=0)
            ax.fill_between(x, q[1], q[2], color=colour, alpha=0.3, lw=0)
        else:
            ax.plot(x, q[0], color=colour, lw=0.8, ls=":")
            ax.plot(x, q[3], color=colour, lw=0.8, ls=":")


class ChinaSharePanel(SeriesPanel):
    groups = (("Dependence on China: China's share of each state's trade",
               "share of total trade", (0.0, 1.0),
               (Series("rus_trade_share_chn", "Russia"), Series("prk_trade_share_chn", "DPRK"))),)


class ThreatPanel(SeriesPanel):
    groups = (("Threat perceived by South Korea and Japan", "perceived threat (0–1)",
               (0.0, 1.05),
               (Series("threat_kor_from_prk", "KOR from DPRK"),
                Series("threat_kor_from_rus", "KOR from Russia"),
                Series("threat_jpn_from_prk", "JPN from DPRK"),
                Series("threat_jpn_from_rus", "JPN from Russia"))),)


class TrustPanel(SeriesPanel):
    zero_line = True
    groups = (("Trust in Russia", "trust (−1 to 1)", (-1.05, 1.05),
               (Series("trust_in_rus_neighbourhood", "by its neighbourhood (proximity-weighted)"),
                Series("rus_west_trust", "mutual, with the West"))),)


class FirmsPanel(SeriesPanel):
    """South Korea's divestment from Russia (share) and its firms there by status."""

    colours = (OKABE_ITO, ("#009E73", "#E69F00", "#CC79A7"))

    def build(self, model) -> None:
        w, ft = model.world, model.world.firms
        n = 1
        if ft is not None and w.has("KOR"):
            n = max(1, int((ft.home == w.index("KOR")).sum()))
        self.groups = (
            ("South Korean divestment from Russia", "share of end-2021 stock exited",
             (0.0, 1.0), (Series("kor_divestment", "KOR divestment"),)),
            ("South Korean firms in Russia", "number of firms", (0.0, 1.05 * n),
             (Series("kor_firms_operating", "operating"),
              Series("kor_firms_suspended", "suspended"),
              Series("kor_firms_exited", "exited"))),
        )
        super().build(model)


PANELS = {"china_share": ChinaSharePanel, "threat": ThreatPanel, "firms": FirmsPanel,
          "trust": TrustPanel}
