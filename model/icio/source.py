"""The source table: the OECD ICIO 2025 release (year 2022) as shipped by sanction-simulator.

``sanction_simulator/data/bench_cache.npz`` holds, for 80 economies × 50 sectors (node
``i = sector * 80 + country``, sector-major): ``A`` (4000×4000, buyer-column shares of
intermediate inputs: column j sums to 1 over its suppliers), ``omb`` (intermediate inputs /
gross output, capped at 0.98 in two columns by the package), ``go`` (gross output, USD mn),
``z`` (sales to non-intermediate use: final demand of all destinations plus the table's
residuals), and the country and sector codes. The table's rest-of-world region is dropped
by the package.

What the table holds and lacks, as used here:

- **Holds** intermediate flows by (seller country, sector) × (buyer country, sector):
  ``X[i, j] = A[i, j] * omb[j] * go[j]``, USD mn in 2022; goods *and* services.
- **Lacks** final demand by destination (the cache keeps only the total ``z`` of each node),
  so exports of final goods (consumer goods, investment goods) cannot be split by partner and
  are **not** in the built world; value added, taxes and the rest of the world are not
  separate either (``go − intermediate inputs`` is value added plus net taxes on
  intermediate products).
"""

from __future__ import annotations

import hashlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from model.errors import InputError

PACKAGE = "sanction_simulator"
CACHE = "data/bench_cache.npz"
#: Sectors counted as energy (priced with oil and gas): coal; crude petroleum and natural gas;
#: coke and refined petroleum products (ISIC rev. 4 B05, B06, C19).
ENERGY_SECTORS = ("B05", "B06", "C19")


@dataclass(frozen=True)
class Aggregates:
    """Country-level aggregates of the table (USD bn per year, 2022)."""

    countries: tuple[str, ...]
    flows: np.ndarray  # (C, C) intermediate exports of row to column, off-diagonal; diag 0
    energy: np.ndarray  # (C, C) the part of ``flows`` from ENERGY_SECTORS
    gross_output: np.ndarray  # (C,)
    value_added: np.ndarray  # (C,) gross output − intermediate inputs
    sha256: str
    version: str


def package_cache() -> tuple[Path, str]:
    """Path of the installed package's table and the package version; one-line error without."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise InputError(PACKAGE, "package", "not installed: pip install --no-deps "
                         "sanction-simulator (or the extra alliancesim[icio]) to build the "
                         "ICIO world or run the comparison")
    root = Path(next(iter(spec.submodule_search_locations)))
    path = root / CACHE
    if not path.is_file():
        raise InputError(path, "file", "missing from the installed sanction-simulator")
    from importlib.metadata import version

    return path, version("sanction-simulator")


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def aggregate(path: Path | None = None) -> Aggregates:
    """Read the table and aggregate its flows over sectors (country × country, USD bn)."""
    version = "?"
    if path is None:
        path, version = package_cache()
    try:
        d = np.load(path, allow_pickle=False)
        countries = tuple(str(c) for c in d["countries"])
        sectors = tuple(str(s) for s in d["sectors"])
        a, omb, go = d["A"], d["omb"], d["go"]
    except (OSError, KeyError, ValueError) as exc:
        raise InputError(path, "file", f"not a readable bench_cache.npz ({exc})") from None
    c, s = len(countries), len(sectors)
    if a.shape != (c * s, c * s) or go.shape != (c * s,):
        raise InputError(path, "A", f"shape {a.shape} does not match {c} × {s} nodes")
    x = (a * (omb * go)[None, :]).reshape(s, c, s, c)  # USD mn
    flows = x.sum(axis=(0, 2)) / 1000.0
    energy_idx = [sectors.index(e) for e in ENERGY_SECTORS]
    energy = x[energy_idx].sum(axis=(0, 2)) / 1000.0
    np.fill_diagonal(flows, 0.0)
    np.fill_diagonal(energy, 0.0)
    go_c = go.reshape(s, c).sum(axis=0) / 1000.0
    va_c = (go * (1.0 - omb)).reshape(s, c).sum(axis=0) / 1000.0
    return Aggregates(countries, flows, energy, go_c, va_c, sha256(path), version)


# ------------------------------------------------- the committed aggregates (CI check)

#: A few bilateral cells recorded with the country totals (the comparison's pairs).
CHECK_CELLS = (("RUS", "CHN"), ("CHN", "RUS"), ("RUS", "DEU"), ("DEU", "RUS"),
               ("RUS", "KOR"), ("KOR", "RUS"), ("USA", "CHN"), ("CHN", "USA"))


def aggregates_csv(agg: Aggregates) -> str:
    """Country totals (exports, imports, gross output, GDP) and CHECK_CELLS, USD bn, with the
    source checksum: the committed world can be checked without the package."""
    lines = [f"# sanction-simulator {agg.version} data/bench_cache.npz sha256 {agg.sha256}",
             "kind,source,target,value_usd_bn"]
    for i, code in enumerate(agg.countries):
        lines += [f"exports,{code},,{agg.flows[i].sum():.6f}",
                  f"imports,,{code},{agg.flows[:, i].sum():.6f}",
                  f"gross_output,{code},,{agg.gross_output[i]:.6f}",
                  f"gdp,{code},,{agg.value_added[i]:.6f}"]
    idx = {c: i for i, c in enumerate(agg.countries)}
    for a, b in CHECK_CELLS:
        lines.append(f"cell,{a},{b},{agg.flows[idx[a], idx[b]]:.6f}")
    return "\n".join(lines) + "\n"
