"""Build the ``icio`` world folder (80 economies, base year 2022) from the OECD ICIO table
shipped by sanction-simulator: ``python -m model.icio build [--out DIR]`` or
``alliancesim world icio``. The folder is written atomically and validated by the loader."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from model.icio import politics as pol
from model.icio.source import Aggregates, aggregate, aggregates_csv
from model.synthetic.writer import write_folder
from model.world import WORLDS_DIR, load_world

HERE = Path(__file__).resolve().parent
DEFAULT = WORLDS_DIR / "default"
OUT = WORLDS_DIR / "icio"
AGGREGATES = HERE / "source_aggregates.csv"
START, BASE_YEAR = "2022-01", 2022
GROWTH = 0.03  # estimate: rule, trend nominal-USD GDP growth for every economy


def _read(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _csv(rows: list[dict], columns: tuple[str, ...]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def _alignment(code: str, default: dict) -> tuple[float, str]:
    if code in pol.DEFAULT_ACTORS:
        return float(default[code]["alignment"]), "alignment as in the default world (bsv2017)"
    if code in pol.EU27:
        return float(default["EU"]["alignment"]), "alignment: the default world's EU value"
    rule = {"CAN": -0.8, "AUS": -0.8, "NZL": -0.75, "NOR": -0.8, "ISL": -0.8, "CHE": -0.6,
            "BLR": 0.7, "KAZ": 0.2}
    return rule.get(code, 0.0), ("alignment: rule, -0.8 for NATO/ANZUS members outside the "
                                 "default world, CHE -0.6, NZL -0.75, BLR +0.7 (CSTO, Union "
                                 "State), KAZ +0.2 (CSTO, multi-vector), 0 for all others")


def actors(agg: Aggregates) -> list[dict]:
    default = {r["code"]: r for r in _read(DEFAULT / "actors.csv")}
    caps = {r["code"]: (float(r["lat"]), float(r["lon"])) for r in _read(HERE / "capitals.csv")}
    codes, gdp = agg.countries, dict(zip(agg.countries, agg.value_added, strict=True))
    cap = {c: float(default[c]["capability"]) for c in codes if c in pol.DEFAULT_ACTORS}
    eu_gdp = sum(gdp[c] for c in pol.EU27)
    cap |= {c: float(default["EU"]["capability"]) * gdp[c] / eu_gdp for c in pol.EU27}
    rest = [c for c in codes if c not in cap]
    left = 1.0 - sum(cap.values())
    cap |= {c: left * gdp[c] / sum(gdp[r] for r in rest) for c in rest}
    names = {r["code"]: r["country_or_region"] for r in _read_names()}
    rows = []
    for i, c in enumerate(codes):
        exp = agg.flows[i].sum()
        align, anote = _alignment(c, default)
        sids = ["oecd_icio_2025", "capitals"]
        if c in pol.DEFAULT_ACTORS:
            sids += ["cow_nmc6", "iiss_milbal2013", "bsv2017"]
            offense, onote = float(default[c]["offense"]), "offense as in the default world"
        else:
            offense = 0.45 if c == "FRA" else 0.3 if c in pol.NUCLEAR else 0.05
            onote = ("offense: rule, FRA 0.45 (the default world's EU value, France's "
                     "deterrent), other nuclear states 0.3, others 0.05")
        capnote = ("capability as in the default world (CINC ~2012)" if c in pol.DEFAULT_ACTORS
                   else "capability: rule, the default world's EU value split by GDP share"
                   if c in pol.EU27 else "capability: rule, what the sourced actors leave of "
                   "1, split by GDP share")
        gas = default["RUS"]["gas_share"] if c == "RUS" else "0"
        if c == "RUS":
            sids.append("zeit_2014_rus_exports")
        rows.append({
            "code": c, "name": names.get(c, c), "gdp_usd_bn": f"{gdp[c]:.1f}",
            "gdp_growth": GROWTH, "capability": f"{cap[c]:.5f}", "offense": offense,
            "nuclear": int(c in pol.NUCLEAR), "unsc_p5": int(c in pol.P5),
            "lat": caps[c][0], "lon": caps[c][1], "alignment": align, "passive": 0,
            "energy_share": f"{agg.energy[i].sum() / exp if exp > 0 else 0:.3f}",
            "gas_share": gas, "source_ids": ";".join(sids),
            "note": (f"estimate: GDP 2022 = gross output minus intermediate inputs in the "
                     f"ICIO table; energy_share = sectors B05, B06, C19 in the table's "
                     f"intermediate exports; growth {GROWTH} by rule; {capnote}; {onote}; "
                     f"{anote}; gas_share 0.20 for RUS from the default world, else 0; "
                     f"lat/lon: capital coordinates from general knowledge, rounded; "
                     f"nuclear: the five NPT nuclear-weapon states plus IND, PAK and ISR "
                     f"(undeclared)"),
        })
    return rows


def _read_names() -> list[dict]:
    from model.icio.source import package_cache

    path = package_cache()[0].parent / "OECD_ICIO_2025_country_code_mapping.csv"
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def exports(agg: Aggregates) -> list[dict]:
    rows = []
    for i, a in enumerate(agg.countries):
        for j, b in enumerate(agg.countries):
            v = agg.flows[i, j]
            if i != j and v >= 0.0005:
                rows.append({"source": a, "target": b, "value_usd_bn": f"{v:.3f}",
                             "year": BASE_YEAR, "source_id": "oecd_icio_2025",
                             "note": "intermediate use only"})
    return rows


def norms(codes) -> list[dict]:
    values: dict[str, dict[str, float]] = {}
    for r in _read(DEFAULT / "norms.csv"):
        if not r["target"]:
            values.setdefault(r["norm"], {})[r["actor"]] = float(r["commitment"])
    return [row for c in codes for row in pol.norm_rows(c, values)]


def world_files(agg: Aggregates) -> dict[str, str]:
    """The text of every file of the folder."""
    from model.icio.sources import sources_csv

    files = {
        "world.toml": (HERE / "world.toml.in").read_text(encoding="utf-8"),
        "README.md": (HERE / "README.world.md").read_text(encoding="utf-8"),
        "actors.csv": _csv(actors(agg), (
            "code", "name", "gdp_usd_bn", "gdp_growth", "capability", "offense", "nuclear",
            "unsc_p5", "lat", "lon", "alignment", "passive", "energy_share", "gas_share",
            "source_ids", "note")),
        "exports.csv": _csv(exports(agg), ("source", "target", "value_usd_bn", "year",
                                           "source_id", "note")),
        "alliances.csv": _csv(pol.alliances(), ("a", "b", "strength", "name", "since",
                                                "source_id", "note")),
        "disputes.csv": _csv(pol.disputes(), ("a", "b", "kind", "intensity", "source_id",
                                              "note")),
        "sanctions.csv": _csv(pol.sanctions(), ("sender", "target", "intensity",
                                                "source_id", "note")),
        "norms.csv": _csv(norms(agg.countries), ("norm", "target", "actor", "commitment",
                                                 "voted", "source_id", "note")),
        "prices.csv": (DEFAULT / "prices.csv").read_text(encoding="utf-8"),
        "sources.csv": sources_csv(agg, DEFAULT / "sources.csv"),
    }
    return files


def build(out: Path = OUT, aggregates_out: Path = AGGREGATES) -> Path:
    agg = aggregate()
    write_folder(out, world_files(agg), load_world, replace=True)
    aggregates_out.write_text(aggregates_csv(agg), encoding="utf-8")
    return out
