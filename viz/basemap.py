"""The world map under the network drawings: Natural Earth 1:110m country outlines (public
domain; ``viz/data/PROVENANCE.md``) in the Miller cylindrical projection.

Miller (1942): x = λ, y = 5/4 · ln tan(π/4 + 2φ/5), both in degrees of longitude here. It is
conformal-looking at low latitudes and stretches high latitudes far less than Mercator, so
Europe (≈ 50°N) and East Asia (≈ 35°N) keep their shapes on one page. Nodes and coastlines go
through the same :func:`project`. No solara here: used by :mod:`viz.figures` and
:mod:`experiments.figures.network`.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np
from matplotlib.collections import PolyCollection

DATA = Path(__file__).resolve().with_name("data") / "ne_110m_countries.npz"
LAND = "#ECEAE4"  # country fill
BORDER = "#C9C5BC"  # country outlines
OCEAN = "#F3F7FA"  # the axes' background


def miller_y(lat) -> np.ndarray:
    """Miller's y (in degrees, so that x = longitude is on the same scale) of latitudes."""
    phi = np.radians(np.asarray(lat, dtype=float))
    return np.degrees(1.25 * np.log(np.tan(np.pi / 4 + 0.4 * phi)))


def project(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) map coordinates of longitudes and latitudes (Miller)."""
    return np.asarray(lon, dtype=float), miller_y(lat)


@lru_cache(maxsize=1)
def rings() -> tuple[np.ndarray, ...]:
    """The country rings, projected: one (n, 2) array each."""
    with np.load(DATA) as f:
        pts, off = f["points"].astype(float), f["offsets"]
    x, y = project(pts[:, 0], pts[:, 1])
    xy = np.column_stack([x, y])
    return tuple(xy[a:b] for a, b in pairwise(off))


def visible(extent: tuple[float, float, float, float]) -> list[np.ndarray]:
    """The rings that touch ``extent`` = (x0, x1, y0, y1) in map coordinates."""
    x0, x1, y0, y1 = extent
    return [r for r in rings() if r[:, 0].max() >= x0 and r[:, 0].min() <= x1
            and r[:, 1].max() >= y0 and r[:, 1].min() <= y1]


def add_land(ax, extent, scale: float = 1.0, origin=(0.0, 0.0), zorder: float = 0.0,
             linewidth: float = 0.4) -> PolyCollection:
    """Countries within ``extent`` (map coordinates) on ``ax`` as one collection, drawn in
    data coordinates ``(p − origin) · scale`` (so a figure laid out in inches can use it)."""
    o = np.asarray(origin, dtype=float)
    polys = [(r - o) * scale for r in visible(extent)]
    land = PolyCollection(polys, facecolors=LAND, edgecolors=BORDER, linewidths=linewidth,
                          zorder=zorder, antialiased=True)
    return ax.add_collection(land, autolim=False)
