"""What-if events from the page: a form built from the event-type registry, the added events
as timeline tables, and the scenario they make (no solara here; the form is :mod:`viz.forms`).

An added event is a raw TOML table, exactly as in a scenario's ``[[add]]`` (id, date, type,
the type's fields, a note). :func:`scenario_toml` writes the scenario file (``extends`` the
selected scenario, ``[[add]]`` the events); :func:`load_whatif` loads that very text through
:func:`model.scenario.load_scenario`, so what the page runs, what it saves and what
``alliancesim run --scenario FILE`` runs are one thing, validated once.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from model.event_fields import FieldSpec
from model.event_types import REGISTRY
from model.scenario import Scenario, load_scenario

NOTE = "hypothetical: what-if event added in the browser"
TAG = "whatif"
KINDS = ("actor", "actors", "number", "month", "bool", "text")


@dataclass(frozen=True)
class FormField:
    """One input of the form: a field of the event type with its kind, bounds and default."""

    name: str
    kind: str
    required: bool
    lo: float
    hi: float
    default: object

    @classmethod
    def of(cls, name: str, fs: FieldSpec) -> FormField:
        if fs.kind not in KINDS:
            raise ValueError(f"field {name!r}: no form input for kind {fs.kind!r}")
        return cls(name, fs.kind, fs.required, fs.lo, fs.hi, fs.default)

    def initial(self, codes: tuple[str, ...], k: int = 0):
        """A valid starting value: the declared default, else the middle of the declared
        bounds (0 if unbounded), the k-th actor, an empty list or text."""
        if self.default is not None:
            return self.default
        if self.kind == "number":
            bounded = self.lo > float("-inf") and self.hi < float("inf")
            return (self.lo + self.hi) / 2.0 if bounded else min(max(0.0, self.lo), self.hi)
        if self.kind == "actor":
            return codes[k % len(codes)]
        return {"actors": [codes[k % len(codes)]], "bool": False}.get(self.kind, "")


def types() -> list[str]:
    return sorted(REGISTRY)


def form_fields(etype: str) -> list[FormField]:
    """The inputs for ``etype``, in declaration order, from its registry entry."""
    return [FormField.of(n, fs) for n, fs in REGISTRY[etype].fields.items()]


def doc(etype: str) -> str:
    return " ".join(REGISTRY[etype].doc.split())


def new_event(etype: str, month: str, values: dict, taken: set[str]) -> dict:
    """The raw table of an added event: a fresh id (``whatif_<type>_<YYYY_MM>[_k]``), the date
    (first of ``month``, YYYY-MM), the type, its fields (optional empty ones left out), a
    note. Not validated here: :func:`load_whatif` does that."""
    if not re.fullmatch(r"\d{4}-\d{2}", month.strip()):
        raise ValueError(f"date: expected YYYY-MM, got {month!r}")
    base = f"{TAG}_{etype}_{month.strip().replace('-', '_')}"
    eid, k = base, 2
    while eid in taken:
        eid, k = f"{base}_{k}", k + 1
    table: dict = {"id": eid, "date": f"{month.strip()}-01", "type": etype}
    for f in form_fields(etype):
        v = values.get(f.name)
        if v is None or (not f.required and v in ("", [])):
            continue
        table[f.name] = list(v) if f.kind == "actors" else v
    table["tags"] = [TAG]
    table["note"] = NOTE
    return table


def describe(table: dict) -> str:
    """One line for the list of added events: ``2026-01 sanctions: senders CHN, target RUS``."""
    fields = [f"{k} {', '.join(v) if isinstance(v, list) else v}" for k, v in table.items()
              if k not in ("id", "date", "type", "tags", "note")]
    return f"{table['date'][:7]} {table['type']}: {'; '.join(fields)}"


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(float(v)) if isinstance(v, float) else str(v)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'


def scenario_toml(base: str, added: list[dict]) -> str:
    """The scenario file: ``base`` (a shipped scenario's name) plus the added events."""
    lines = [f"name = {_value(whatif_name(base))}",
             f"description = {_value(f'{base} with {len(added)} what-if event(s) added in '
                                     'the browser (alliancesim viz)')}",
             f"extends = {_value(base)}"]
    for table in added:
        lines += ["", "[[add]]"] + [f"{k} = {_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def whatif_name(base: str) -> str:
    return f"{base}_whatif"


def load_whatif(base: str, added: list[dict]) -> Scenario:
    """The scenario ``base`` + ``added`` (InputError naming the event and field if invalid)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{whatif_name(base)}.toml"
        path.write_text(scenario_toml(base, added), encoding="utf-8")
        return load_scenario(path)


def divergence(model) -> tuple[str, str, float] | None:
    """Where the run first departs from its twin: (first month YYYY-MM where any metric
    differs, the metric with the largest gap so far, that gap), or None while they agree."""
    twin = getattr(model, "twin", None)
    if twin is None:
        return None
    a, b = model.timeseries(), twin.timeseries()
    n = min(len(a), len(b))
    cols = [c for c in a.columns if c in b.columns and c not in ("date", "step", "seed")]
    gap = (a[cols].iloc[:n] - b[cols].iloc[:n]).abs().fillna(0.0)
    rows = gap.to_numpy().max(axis=1) > 1e-12
    if not rows.any():
        return None
    first = int(rows.argmax())
    worst = gap.max(axis=0)
    return f"{a['date'].iloc[first]:%Y-%m}", str(worst.idxmax()), float(worst.max())
