"""World data: the actor table and the initial N×N relation arrays, loaded from a folder.

A world folder (see ``model/data/worlds/default/README.md``) holds ``world.toml`` and CSV
files: actors, exports, fdi, alliances, disputes, contiguity, norms, sanctions, trust
overrides, arms policy (optional), drivers and sources. Every loader validates and raises
:class:`InputError` naming the file and field. The :class:`World` is immutable input; the
model's changing state lives in :class:`model.state.State`.
"""

from __future__ import annotations

import csv
import math
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from model.calendar import parse_month
from model.errors import InputError, read_user_text

DATA_DIR = Path(__file__).resolve().parent / "data"
WORLDS_DIR = DATA_DIR / "worlds"
EARTH_RADIUS_KM = 6371.0

ACTOR_COLUMNS = ("code", "name", "gdp_usd_bn", "gdp_growth", "capability", "offense",
                 "nuclear", "unsc_p5", "lat", "lon", "alignment", "passive")
OPTIONAL_ACTOR_COLUMNS = {"energy_share": 0.0, "gas_share": 0.0, "sanction_disposition": 1.0}
#: Exogenous price series a world may give (prices.csv columns → series names).
PRICE_COLUMNS = {"crude_oil_usd_bbl": "oil", "gas_europe_usd_mmbtu": "gas"}


@dataclass(frozen=True)
class Norm:
    """A norm or sanctions regime: who is committed, who voted for it, whom it targets."""

    name: str
    target: int  # actor index of the regime's target, or -1 for a general norm
    commitment: np.ndarray  # (N,) in [0, 1]
    voted: np.ndarray  # (N,) 0/1


@dataclass(frozen=True)
class FirmTable:
    """Firms (expanded from firms.csv): identity, home and host indices, 2013 assets."""

    ids: tuple[str, ...]
    names: tuple[str, ...]
    sectors: tuple[str, ...]
    home: np.ndarray  # (F,) actor index
    host: np.ndarray  # (F,) actor index
    assets0: np.ndarray  # (F,) USD bn, scaled so each (home, host) sums to its FDI stock
    employees: np.ndarray  # (F,)
    sunk: np.ndarray  # (F,) sunk share of assets in [0, 1]
    # per firm, from its sector's row of sectors.csv (1, 1, 0 without that file):
    sanction_exposure: np.ndarray | None = None  # (F,) multiplier of the profit-loss stress
    pressure_exposure: np.ndarray | None = None  # (F,) multiplier of the political-risk stress
    stay_profit: np.ndarray | None = None  # (F,) stress units: what operating there earns

    def __post_init__(self):
        n = len(self.ids)
        for name, fill in (("sanction_exposure", 1.0), ("pressure_exposure", 1.0),
                           ("stay_profit", 0.0)):
            if getattr(self, name) is None:
                object.__setattr__(self, name, np.full(n, fill))

    @property
    def n(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class World:
    name: str
    path: Path
    codes: tuple[str, ...]
    names: tuple[str, ...]
    start_month: int
    base_year: int
    gdp0: np.ndarray
    gdp_growth: np.ndarray
    capability0: np.ndarray
    offense0: np.ndarray
    nuclear: np.ndarray
    unsc_p5: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    alignment: np.ndarray
    passive: np.ndarray
    energy_share: np.ndarray  # (N,) fuels' share of base-year exports
    gas_share: np.ndarray  # (N,) gas's share of those fuel exports (the rest priced as oil)
    sanction_disposition: np.ndarray  # (N,) d_i: disposition to sanction unilaterally, 0..1
    lethal_limit: np.ndarray  # (N,) L_i: limit on lethal exports to parties at war, 0..1
    distance_km: np.ndarray  # (N, N) effective distance: min(capitals, contiguity)
    exports0: np.ndarray  # (N, N) USD bn/yr, row exports to column
    fdi0: np.ndarray  # (N, N) USD bn stock of row in column
    alliance0: np.ndarray  # (N, N) symmetric strength in [0, 1]
    dispute: np.ndarray  # (N, N) symmetric intensity in [0, 1]
    sanctions0: np.ndarray  # (N, N) row sanctions column, intensity in [0, 1]
    trust_overrides: dict[tuple[int, int], float]
    norms: dict[str, Norm]
    groups: dict[str, tuple[int, ...]]
    prices: dict[str, dict[int, float]]  # series ("oil", "gas") → year → USD price
    sources: dict[str, str] = field(repr=False)
    firms: FirmTable | None = None

    @property
    def n(self) -> int:
        return len(self.codes)

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.codes)}

    def index(self, code: str) -> int:
        try:
            return self._positions[code]
        except KeyError:
            raise ValueError(f"{code!r} is not an actor of this world") from None

    def has(self, *codes: str) -> bool:
        return all(c in self.codes for c in codes)

    def price_index(self, series: str, year: int, trend: float = 0.0) -> float:
        """A price series relative to the base year: the observed value in ``year``; before
        the first observed year the first value; after the last, the last value grown by
        ``trend`` a year (the scenario assumption ``energy_price_trend``; 0 = flat). 1 where
        the world gives no such series."""
        values = self.prices.get(series)
        if not values:
            return 1.0
        years = sorted(values)
        y = min(max(year, years[0]), years[-1])
        while y not in values:
            y -= 1
        growth = (1.0 + trend) ** max(0, year - years[-1])
        return values[y] * growth / values.get(self.base_year, values[years[0]])


# --------------------------------------------------------------------------- helpers


def _read_csv(path: Path, required: tuple[str, ...], optional: bool = False) -> list[dict]:
    if not path.exists():
        if optional:
            return []
        raise InputError(path, "file", "missing")
    if not path.is_file():
        raise InputError(path, "file", "is a folder; expected a CSV file")
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise InputError(path, missing[0], "required column missing")
            rows = list(reader)
    except (UnicodeDecodeError, csv.Error, OSError) as exc:
        raise InputError(path, "file", f"unreadable CSV ({exc})") from None
    for i, row in enumerate(rows, start=2):
        row["__line__"] = i
        if None in row:
            raise InputError(path, f"line {i}", "more values than columns")
    return rows


def _num(path: Path, row: dict, col: str, lo: float = -math.inf, hi: float = math.inf) -> float:
    text = (row.get(col) or "").strip()
    where = f"line {row['__line__']}: {col}"
    try:
        value = float(text)
    except ValueError:
        raise InputError(path, where, f"expected a number, got {text!r}") from None
    if not math.isfinite(value) or not lo <= value <= hi:
        raise InputError(path, where, f"value {text} outside [{lo:g}, {hi:g}]")
    return value


def _code(path: Path, row: dict, col: str, index: dict[str, int]) -> int:
    code = (row.get(col) or "").strip()
    if code not in index:
        raise InputError(path, f"line {row['__line__']}: {col}", f"unknown actor code {code!r}")
    return index[code]


def _check_provenance(path: Path, row: dict, sources: dict[str, str], col="source_id") -> None:
    ids = [s for s in (row.get(col) or "").replace(",", ";").split(";") if s.strip()]
    for sid in ids:
        if sid.strip() not in sources:
            raise InputError(path, f"line {row['__line__']}: {col}",
                             f"source id {sid.strip()!r} not in sources.csv")
    if not ids and not (row.get("note") or "").strip().lower().startswith("estimate"):
        raise InputError(path, f"line {row['__line__']}: {col}",
                         "needs a source id or a note starting with 'estimate'")


def haversine_km(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Great-circle distances between all capitals (N×N, km)."""
    la, lo = np.radians(lat), np.radians(lon)
    dlat = la[:, None] - la[None, :]
    dlon = lo[:, None] - lo[None, :]
    a = np.sin(dlat / 2) ** 2 + np.cos(la[:, None]) * np.cos(la[None, :]) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def _pair_matrix(path, rows, index, value_col, lo, hi, sources, *, symmetric, a="source",
                 b="target"):
    n = len(index)
    mat = np.zeros((n, n))
    seen: set[tuple[int, int]] = set()
    for row in rows:
        i, j = _code(path, row, a, index), _code(path, row, b, index)
        if i == j:
            raise InputError(path, f"line {row['__line__']}: {b}", "self-pair not allowed")
        key = (min(i, j), max(i, j)) if symmetric else (i, j)
        if key in seen:
            raise InputError(path, f"line {row['__line__']}: {a},{b}", "duplicate pair")
        seen.add(key)
        _check_provenance(path, row, sources)
        v = _num(path, row, value_col, lo, hi)
        mat[i, j] = v
        if symmetric:
            mat[j, i] = v
    return mat


def _load_prices(path: Path, sources: dict) -> dict[str, dict[int, float]]:
    """Exogenous energy prices: ``prices.csv`` (year and any of :data:`PRICE_COLUMNS`, one
    source per row), or a legacy ``drivers.csv`` (year, oil_price_usd) for oil only."""
    series: dict[str, dict[int, float]] = {}
    f = path / "prices.csv"
    if f.exists():
        for row in _read_csv(f, ("year",)):
            _check_provenance(f, row, sources)
            year = int(_num(f, row, "year", 1800, 2200))
            for column, name in PRICE_COLUMNS.items():
                if (row.get(column) or "").strip():
                    series.setdefault(name, {})[year] = _num(f, row, column, 0.01, 1e5)
        return series
    f = path / "drivers.csv"
    for row in _read_csv(f, ("year", "oil_price_usd"), optional=True):
        _check_provenance(f, row, sources)
        year = int(_num(f, row, "year", 1800, 2200))
        series.setdefault("oil", {})[year] = _num(f, row, "oil_price_usd", 0.01, 1e4)
    return series


# --------------------------------------------------------------------------- loader


def resolve_world(name_or_path: str | Path, relative_to: Path | None = None) -> Path:
    """A world name (shipped under model/data/worlds) or a folder path."""
    candidate = Path(name_or_path)
    if relative_to is not None and not candidate.is_absolute():
        rel = (relative_to / candidate).resolve()
        if rel.is_dir():
            return rel
    if candidate.is_dir():
        return candidate.resolve()
    shipped = WORLDS_DIR / str(name_or_path)
    if shipped.is_dir():
        return shipped
    raise InputError(str(name_or_path), "world", "no such world folder or shipped world")


def load_world(name_or_path: str | Path = "default") -> World:
    path = resolve_world(name_or_path)
    meta_path = path / "world.toml"
    try:
        meta = tomllib.loads(read_user_text(meta_path))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(meta_path, "toml", str(exc)) from None
    unknown = set(meta) - {"name", "description", "start", "base_year", "groups"}
    if unknown:
        raise InputError(meta_path, sorted(unknown)[0], "unknown key")
    try:
        start_month = parse_month(meta.get("start", ""))
    except ValueError as exc:
        raise InputError(meta_path, "start", str(exc)) from None
    base_year = meta.get("base_year", start_month // 12)
    if not isinstance(base_year, int):
        raise InputError(meta_path, "base_year", "expected an integer year")

    sources_rows = _read_csv(path / "sources.csv", ("id", "title"))
    sources = {r["id"].strip(): r["title"] for r in sources_rows}

    apath = path / "actors.csv"
    arows = _read_csv(apath, ACTOR_COLUMNS)
    if len(arows) < 2:
        raise InputError(apath, "rows", "a world needs at least two actors")
    codes = [r["code"].strip() for r in arows]
    for r, c in zip(arows, codes, strict=True):
        if not c or not c.replace("_", "").isalnum():
            raise InputError(apath, f"line {r['__line__']}: code", f"invalid code {c!r}")
        if codes.count(c) > 1:
            raise InputError(apath, f"line {r['__line__']}: code", f"duplicate code {c!r}")
        _check_provenance(apath, r, sources, col="source_ids")
    index = {c: i for i, c in enumerate(codes)}

    def col(name, lo=-math.inf, hi=math.inf):
        return np.array([_num(apath, r, name, lo, hi) for r in arows])

    def opt(name, default, lo, hi):
        return np.array([_num(apath, r, name, lo, hi) if (r.get(name) or "").strip()
                         else default for r in arows])

    lat, lon = col("lat", -90, 90), col("lon", -180, 180)
    distance = haversine_km(lat, lon)
    for row in _read_csv(path / "contiguity.csv", ("a", "b", "distance_km"), optional=True):
        i, j = _code(path / "contiguity.csv", row, "a", index), _code(
            path / "contiguity.csv", row, "b", index)
        _check_provenance(path / "contiguity.csv", row, sources)
        d = _num(path / "contiguity.csv", row, "distance_km", 0, 40000)
        distance[i, j] = distance[j, i] = min(distance[i, j], d)
    np.fill_diagonal(distance, 0.0)

    f = path / "exports.csv"
    exports = _pair_matrix(f, _read_csv(f, ("source", "target", "value_usd_bn")), index,
                           "value_usd_bn", 0, 1e5, sources, symmetric=False)
    f = path / "fdi.csv"
    fdi = _pair_matrix(f, _read_csv(f, ("source", "target", "value_usd_bn"), optional=True),
                       index, "value_usd_bn", 0, 1e5, sources, symmetric=False)
    f = path / "alliances.csv"
    alliance = _pair_matrix(f, _read_csv(f, ("a", "b", "strength"), optional=True), index,
                            "strength", 0, 1, sources, symmetric=True, a="a", b="b")
    f = path / "disputes.csv"
    dispute = _pair_matrix(f, _read_csv(f, ("a", "b", "intensity"), optional=True), index,
                           "intensity", 0, 1, sources, symmetric=True, a="a", b="b")
    f = path / "sanctions.csv"
    sanctions = _pair_matrix(f, _read_csv(f, ("sender", "target", "intensity"), optional=True),
                             index, "intensity", 0, 1, sources, symmetric=False, a="sender")

    f = path / "trust.csv"
    overrides: dict[tuple[int, int], float] = {}
    for row in _read_csv(f, ("source", "target", "value"), optional=True):
        i, j = _code(f, row, "source", index), _code(f, row, "target", index)
        _check_provenance(f, row, sources)
        overrides[(i, j)] = _num(f, row, "value", -1, 1)

    norms = _load_norms(path / "norms.csv", index, sources)
    groups = {}
    for gname, members in (meta.get("groups") or {}).items():
        if not isinstance(members, list):
            raise InputError(meta_path, f"groups.{gname}", "expected a list of actor codes")
        for m in members:
            if m not in index:
                raise InputError(meta_path, f"groups.{gname}", f"unknown actor code {m!r}")
        groups[gname] = tuple(index[m] for m in members)

    prices = _load_prices(path, sources)

    firms = _load_firms(path / "firms.csv", index, sources, fdi)

    return World(
        name=str(meta.get("name", path.name)), path=path, codes=tuple(codes),
        names=tuple(r["name"] for r in arows), start_month=start_month, base_year=base_year,
        gdp0=col("gdp_usd_bn", 0, 1e6), gdp_growth=col("gdp_growth", -0.5, 0.5),
        capability0=col("capability", 0, 1), offense0=col("offense", 0, 1),
        nuclear=col("nuclear", 0, 1), unsc_p5=col("unsc_p5", 0, 1),
        lat=lat, lon=lon, alignment=col("alignment", -1, 1),
        passive=col("passive", 0, 1).astype(bool),
        energy_share=opt("energy_share", 0.0, 0, 1), gas_share=opt("gas_share", 0.0, 0, 1),
        sanction_disposition=opt("sanction_disposition", 1.0, 0, 1),
        lethal_limit=_load_arms_policy(path / "arms_policy.csv", index, sources),
        distance_km=distance,
        exports0=exports, fdi0=fdi, alliance0=alliance, dispute=dispute, sanctions0=sanctions,
        trust_overrides=overrides, norms=norms, groups=groups, prices=prices, sources=sources,
        firms=firms,
    )


def _load_arms_policy(path: Path, index: dict[str, int], sources: dict[str, str]) -> np.ndarray:
    """L_i from the optional ``arms_policy.csv`` (code, lethal_export_limit in [0, 1], sources):
    a state's legal or declared limit on lethal exports to parties at war; 0 for actors not
    listed."""
    limit = np.zeros(len(index))
    seen: set[int] = set()
    for row in _read_csv(path, ("code", "lethal_export_limit"), optional=True):
        i = _code(path, row, "code", index)
        if i in seen:
            raise InputError(path, f"line {row['__line__']}: code", "duplicate actor")
        seen.add(i)
        _check_provenance(path, row, sources, col="source_ids")
        limit[i] = _num(path, row, "lethal_export_limit", 0, 1)
    return limit


def _load_norms(path: Path, index: dict[str, int], sources: dict[str, str]) -> dict[str, Norm]:
    n = len(index)
    out: dict[str, dict] = {}
    for row in _read_csv(path, ("norm", "target", "actor", "commitment", "voted"),
                         optional=True):
        name = (row["norm"] or "").strip()
        if not name:
            raise InputError(path, f"line {row['__line__']}: norm", "empty norm name")
        target = (row["target"] or "").strip()
        tgt = _code(path, row, "target", index) if target else -1
        entry = out.setdefault(name, {"target": tgt, "c": np.zeros(n), "v": np.zeros(n)})
        if entry["target"] != tgt:
            raise InputError(path, f"line {row['__line__']}: target",
                             f"norm {name!r} has two different targets")
        i = _code(path, row, "actor", index)
        _check_provenance(path, row, sources)
        entry["c"][i] = _num(path, row, "commitment", 0, 1)
        entry["v"][i] = _num(path, row, "voted", 0, 1)
    return {k: Norm(k, v["target"], v["c"], v["v"]) for k, v in out.items()}


def _load_firms(path: Path, index: dict[str, int], sources: dict[str, str],
                fdi: np.ndarray) -> FirmTable | None:
    """Expand ``count`` rows and scale weights to each (home, host) FDI stock."""
    rows = _read_csv(path, ("id", "name", "home", "host", "sector", "weight", "employees",
                            "sunk_share", "count"), optional=True)
    if not rows:
        return None
    ids, names, sectors, home, host, weight, emp, sunk = [], [], [], [], [], [], [], []
    seen = set()
    for row in rows:
        fid = (row["id"] or "").strip()
        where = f"line {row['__line__']}: id"
        if not fid or fid in seen:
            raise InputError(path, where, f"missing or duplicate firm id {fid!r}")
        seen.add(fid)
        _check_provenance(path, row, sources)
        i, h = _code(path, row, "home", index), _code(path, row, "host", index)
        if i == h:
            raise InputError(path, f"line {row['__line__']}: host", "home and host are equal")
        count = _num(path, row, "count", 1, 1e6)
        if count != int(count):
            raise InputError(path, f"line {row['__line__']}: count", "expected an integer")
        w = _num(path, row, "weight", 1e-12, 1e9)
        e = _num(path, row, "employees", 0, 1e7)
        sk = _num(path, row, "sunk_share", 0, 1)
        for k in range(int(count)):
            ids.append(fid if count == 1 else f"{fid}_{k + 1:03d}")
            names.append(row["name"] if count == 1 else f"{row['name']} #{k + 1}")
            sectors.append((row["sector"] or "").strip())
            home.append(i)
            host.append(h)
            weight.append(w / count)
            emp.append(e / count)
            sunk.append(sk)
    home_a, host_a, weight_a = np.array(home), np.array(host), np.array(weight)
    assets = np.zeros_like(weight_a)
    for i, h in sorted(set(zip(home, host, strict=True))):
        mask = (home_a == i) & (host_a == h)
        if fdi[i, h] <= 0:
            codes = list(index)
            raise InputError(path, "home,host", f"firms of {codes[i]} in {codes[h]} but "
                             "fdi.csv has no stock for that pair to scale them to")
        assets[mask] = weight_a[mask] / weight_a[mask].sum() * fdi[i, h]
    exposure = _load_sectors(path.parent / "sectors.csv", sectors, sources)
    return FirmTable(tuple(ids), tuple(names), tuple(sectors), home_a, host_a, assets,
                     np.array(emp), np.array(sunk), *exposure)


SECTOR_COLUMNS = ("sanction_exposure", "pressure_exposure", "stay_profit")


def _load_sectors(path: Path, sectors: list[str], sources: dict[str, str]) -> tuple:
    """Per-firm (sanction exposure, pressure exposure, profit from staying) from sectors.csv
    (one row per sector; every firm's sector must have one). Without the file: (1, 1, 0)."""
    rows = _read_csv(path, ("sector", *SECTOR_COLUMNS), optional=True)
    if not rows:
        return None, None, None
    table = {}
    for row in rows:
        _check_provenance(path, row, sources)
        table[(row["sector"] or "").strip()] = [
            _num(path, row, c, 0, 5) for c in SECTOR_COLUMNS]
    missing = sorted(set(sectors) - set(table))
    if missing:
        raise InputError(path, "sector", f"no row for sector {missing[0]!r} (used in firms.csv)")
    values = np.array([table[s] for s in sectors]).reshape(-1, 3)
    return values[:, 0].copy(), values[:, 1].copy(), values[:, 2].copy()
