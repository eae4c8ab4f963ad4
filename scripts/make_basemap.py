"""Convert Natural Earth 1:110m country outlines (TopoJSON, from the npm package ``world-atlas``)
into ``viz/data/ne_110m_countries.npz``: the polygon rings as one float32 array of (lon, lat)
points (rounded to 0.01°) and the offsets where each ring starts. Run once; the output is
committed (see viz/data/PROVENANCE.md for the exact commands and the licences).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/make_basemap.py package/countries-110m.json viz/data/ne_110m_countries.npz
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

SOUTH_LIMIT = -60.0  # Antarctica is left out: no state of any world lies there


def decode_arcs(topo: dict) -> list[np.ndarray]:
    """TopoJSON's quantised, delta-encoded arcs as absolute (lon, lat) arrays."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        q = np.cumsum(np.asarray(arc, dtype=np.int64), axis=0)
        out.append(np.column_stack([q[:, 0] * sx + tx, q[:, 1] * sy + ty]))
    return out


def ring(arcs: list[np.ndarray], refs: list[int]) -> np.ndarray:
    """One ring from arc references (``~k`` means arc k reversed), shared ends joined once."""
    parts = []
    for k, r in enumerate(refs):
        a = arcs[r] if r >= 0 else arcs[~r][::-1]
        parts.append(a if k == 0 else a[1:])
    return np.concatenate(parts)


def rings(topo: dict, obj: str = "countries") -> list[np.ndarray]:
    arcs = decode_arcs(topo)
    out = []
    for geom in topo["objects"][obj]["geometries"]:
        polys = {"Polygon": [geom.get("arcs", [])],
                 "MultiPolygon": geom.get("arcs", [])}.get(geom["type"], [])
        for poly in polys:
            for refs in poly:
                r = ring(arcs, refs)
                if r[:, 1].max() > SOUTH_LIMIT:
                    out.append(r)
    return out


def main(src: str, dst: str) -> int:
    rs = rings(json.loads(Path(src).read_text(encoding="utf-8")))
    pts = np.round(np.concatenate(rs), 2).astype(np.float32)
    offsets = np.cumsum([0] + [len(r) for r in rs]).astype(np.int32)
    np.savez_compressed(dst, points=pts, offsets=offsets)
    print(f"{dst}: {len(rs)} rings, {len(pts)} points")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
