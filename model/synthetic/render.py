"""The text of each file of a synthetic world folder, from its :class:`Draws` (formats in
``model/data/worlds/default/README.md``): CSV with ``\\n`` line ends, numbers positional."""

from __future__ import annotations

import csv
import io
import json

import numpy as np

from model.calendar import month_label
from model.synthetic.constants import NOTE, REGIME, SOURCE_ID
from model.synthetic.draws import Draws
from model.synthetic.economy import FIRM_SECTORS


def _num(x: float, digits: int = 4) -> str:
    """A number with ``digits`` significant digits, positional (no exponent)."""
    return np.format_float_positional(float(x), precision=digits, unique=False,
                                      fractional=False, trim="-")


def _csv(header: tuple[str, ...], rows) -> str:
    """CSV text with ``\\n`` line ends (the same bytes on every platform)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _toml(value) -> str:
    """A TOML value: strings as basic strings (JSON escapes are valid TOML), lists inline."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return _num(value, 6)


def _label(d: Draws) -> str:
    """What was generated, in words (for descriptions and sources.csv)."""
    return (f"{len(d.codes)} states, {len(d.firms['home'])} firms, {len(d.events)} events, "
            f"{month_label(d.start)}..{month_label(d.end)}, seed {d.seed}")


def _name(d: Draws) -> str:
    """The world's and the scenario's name: synthetic_n<states>_f<firms>_s<seed>."""
    return f"synthetic_n{len(d.codes)}_f{len(d.firms['home'])}_s{d.seed}"


def actors_csv(d: Draws) -> str:
    """actors.csv: one row per state; none is passive."""
    bloc_name = {-1: "bloc_a", 0: "non-aligned", 1: "bloc_b"}
    rows = [(c, f"Synthetic state {c[1:]}", _num(d.gdp[i]), _num(d.growth[i], 3),
             _num(d.capability[i]), _num(d.offense[i], 3), int(d.nuclear[i]), int(d.p5[i]),
             _num(d.lat[i]), _num(d.lon[i]), _num(d.alignment[i], 3), 0,
             _num(d.energy[i], 3), SOURCE_ID,
             f"{NOTE}; region {d.region[i] + 1}, {bloc_name[int(d.bloc[i])]}")
            for i, c in enumerate(d.codes)]
    return _csv(("code", "name", "gdp_usd_bn", "gdp_growth", "capability", "offense",
                 "nuclear", "unsc_p5", "lat", "lon", "alignment", "passive", "energy_share",
                 "source_ids", "note"), rows)


def flows_csv(d: Draws, matrix: np.ndarray, what: str) -> str:
    """exports.csv or fdi.csv: every non-zero off-diagonal entry, row → column."""
    year = d.start // 12
    i, j = np.nonzero(matrix)
    rows = [(d.codes[a], d.codes[b], _num(matrix[a, b]), year, SOURCE_ID, f"{NOTE}; {what}")
            for a, b in zip(i.tolist(), j.tolist(), strict=True) if a != b]
    return _csv(("source", "target", "value_usd_bn", "year", "source_id", "note"), rows)


def alliances_csv(d: Draws) -> str:
    """alliances.csv: one row per defence pact."""
    year = d.start // 12
    rows = [(d.codes[a], d.codes[b], _num(s, 2), f"Synthetic pact {d.codes[a]}-{d.codes[b]}",
             year - age, SOURCE_ID, NOTE) for a, b, s, age in d.alliances]
    return _csv(("a", "b", "strength", "name", "since", "source_id", "note"), rows)


def disputes_csv(d: Draws) -> str:
    """disputes.csv: one row per dispute."""
    rows = [(d.codes[a], d.codes[b], kind, _num(x, 2), SOURCE_ID, NOTE)
            for a, b, kind, x in sorted(d.disputes)]
    return _csv(("a", "b", "kind", "intensity", "source_id", "note"), rows)


def contiguity_csv(d: Draws) -> str:
    """contiguity.csv: the land borders of
    :func:`~model.synthetic.geography.land_borders`, distance 0."""
    rows = [(d.codes[a], d.codes[b], 0, "land", SOURCE_ID, f"{NOTE}; nearest neighbours")
            for a, b in d.borders]
    return _csv(("a", "b", "distance_km", "kind", "source_id", "note"), rows)


def norms_csv(d: Draws) -> str:
    """norms.csv: territorial_integrity (no target) and the regime on the pariah."""
    rows = [(name, d.codes[t] if t >= 0 else "", d.codes[i], _num(c, 3), v, SOURCE_ID, NOTE)
            for name, t, i, c, v in d.norms]
    return _csv(("norm", "target", "actor", "commitment", "voted", "source_id", "note"), rows)


def sanctions_csv(d: Draws) -> str:
    """sanctions.csv: the regime's sanctions in force at the start."""
    rows = [(d.codes[s], d.codes[t], _num(x, 2), SOURCE_ID, f"{NOTE}; {REGIME}")
            for s, t, x in d.sanctions]
    return _csv(("sender", "target", "intensity", "source_id", "note"), rows)


def drivers_csv(d: Draws) -> str:
    """drivers.csv: the oil price from the start year to the end year."""
    rows = [(y, _num(p, 4), SOURCE_ID, NOTE) for y, p in d.oil]
    return _csv(("year", "oil_price_usd", "source_id", "note"), rows)


def firms_csv(d: Draws) -> str:
    """firms.csv: one row per firm (count 1), weights in USD bn."""
    f, c = d.firms, d.codes
    width = max(5, len(str(len(f["home"]))))
    rows = [(f"f{k + 1:0{width}d}", f"Synthetic firm {k + 1} (synthetic)", c[f["home"][k]],
             c[f["host"][k]], FIRM_SECTORS[f["sector"][k]], _num(f["weight"][k]),
             int(f["employees"][k]), _num(f["sunk"][k], 2), 1, SOURCE_ID, NOTE)
            for k in range(len(f["home"]))]
    return _csv(("id", "name", "home", "host", "sector", "weight", "employees", "sunk_share",
                 "count", "source_id", "note"), rows)


def sources_csv(d: Draws) -> str:
    """sources.csv: the one ``synthetic`` source every row cites."""
    return _csv(("id", "title", "url", "note"), [(
        SOURCE_ID, f"generated by alliancesim synth, seed {d.seed}", "",
        f"model/synthetic: {_label(d)}; every number is drawn, none is observed")])


def world_toml(d: Draws) -> str:
    """world.toml, with groups: the blocs, the non-aligned, each region and the story's
    belligerents."""
    codes = np.array(d.codes)
    groups = {"bloc_a": codes[d.bloc == -1], "bloc_b": codes[d.bloc == 1],
              "nonaligned": codes[d.bloc == 0],
              **{f"region_{r + 1}": codes[d.region == r] for r in range(d.region.max() + 1)},
              "belligerents": codes[[d.story.aggressor, d.story.victim]]}
    about = (f"Synthetic world generated by alliancesim synth: {_label(d)}. Every number is "
             "an estimate: synthetic (model/synthetic).")
    lines = [f"name = {_toml(_name(d))}", f"description = {_toml(about)}",
             f"start = {_toml(month_label(d.start))}", f"base_year = {d.start // 12}", "",
             "[groups]  # blocs by alignment, regions by location, the invaded pair"]
    lines += [f"{k} = {_toml(v.tolist())}" for k, v in groups.items() if v.size]
    return "\n".join(lines) + "\n"


def timeline_toml(d: Draws) -> str:
    """timeline.toml: the dated events as ``[[event]]`` tables."""
    s = d.story
    about = (f"Synthetic timeline: the story (tag 'story') of {d.codes[s.aggressor]}'s "
             f"invasion of {d.codes[s.victim]}, backed by the sanctioned {d.codes[s.pariah]}, "
             "and background events (tag 'background').")
    lines = [f"description = {_toml(about)}"]
    for ev in d.events:
        lines += ["", "[[event]]"]
        lines += [f"{k} = {_toml(v)}" for k, v in ev.items()]
    return "\n".join(lines) + "\n"


def scenario_toml(d: Draws) -> str:
    """scenario.toml: the world in this folder, run to the end month."""
    return "\n".join([
        f"name = {_toml(_name(d))}",
        f"description = {_toml('Synthetic world: ' + _label(d) + '.')}",
        'world = "."  # this folder', f"end = {_toml(month_label(d.end))}", ""])
