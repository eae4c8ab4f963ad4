"""The timeline loader: dated, typed events read from TOML and checked against their types.

An event type is one small handler function in ``model/event_types.py``, declared with
:func:`model.event_fields.event_type` (its fields, so timelines are validated when loaded, with
clear errors) and listed in that module's ``REGISTRY``. This module loads timelines and checks
each event against its type's declaration.

Timeline files are TOML with ``[[event]]`` tables::

    [[event]]
    id = "treaty_signed"
    date = "2024-06-19"
    type = "defence_pact"
    a = "RUS"
    b = "PRK"
    strength = 0.5
    tags = ["pact"]
    source = "Interfax, https://interfax.com/newsroom/top-stories/108291/"

Any numeric field may name a declared parameter instead: ``intensity = "$tech_transfer_size"``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from model.calendar import parse_month
from model.errors import InputError
from model.event_fields import COMMON_FIELDS, Event, FieldSpec
from model.event_types import REGISTRY
from model.params import PARAMS


def parse_event(raw: dict, codes: tuple[str, ...], origin: str, where: str) -> Event:
    """Validate one raw TOML table into an :class:`Event` (InputError on any problem)."""
    if not isinstance(raw, dict):
        raise InputError(origin, where, "expected a table")
    eid = raw.get("id")
    if not isinstance(eid, str) or not eid:
        raise InputError(origin, f"{where}.id", "missing or not a string")
    where = f"event {eid!r}"
    etype = raw.get("type")
    if etype not in REGISTRY:
        raise InputError(origin, f"{where}.type",
                         f"unknown event type {etype!r} (known: {', '.join(sorted(REGISTRY))})")
    spec = REGISTRY[etype]
    unknown = set(raw) - COMMON_FIELDS - set(spec.fields)
    if unknown:
        raise InputError(origin, f"{where}.{sorted(unknown)[0]}",
                         f"unknown field for type {etype!r}")
    try:
        month_idx = parse_month(raw.get("date", ""))
        date = raw["date"] if isinstance(raw["date"], dt.date) else None
        if date is None:
            from model.calendar import parse_date

            date = parse_date(raw["date"])
    except (ValueError, KeyError) as exc:
        raise InputError(origin, f"{where}.date", str(exc) or "missing") from None
    if not (raw.get("source") or raw.get("note")):
        raise InputError(origin, f"{where}.source", "every event needs a source or a note")
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise InputError(origin, f"{where}.tags", "expected a list of strings")
    values = {}
    for fname, fs in spec.fields.items():
        fwhere = f"{where}.{fname}"
        if fname not in raw:
            if fs.required:
                raise InputError(origin, fwhere, f"required for type {etype!r}")
            values[fname] = fs.default
            continue
        values[fname] = _check_field(raw[fname], fs, codes, origin, fwhere)
    return Event(eid, month_idx, date, etype, values, tuple(tags),
                 str(raw.get("source") or raw.get("note")))


def _check_field(value, fs: FieldSpec, codes, origin, where):
    if fs.kind == "actor":
        if value not in codes:
            raise InputError(origin, where, f"unknown actor code {value!r}")
        return value
    if fs.kind == "actors":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise InputError(origin, where, "expected a non-empty list of actor codes")
        for v in value:
            if v not in codes:
                raise InputError(origin, where, f"unknown actor code {v!r}")
        return tuple(value)
    if fs.kind == "number":
        if isinstance(value, str) and value.startswith("$"):
            if value[1:] not in PARAMS:
                raise InputError(origin, where, f"unknown parameter reference {value!r}")
            decl = PARAMS[value[1:]]
            if decl.lo < fs.lo or decl.hi > fs.hi:
                raise InputError(origin, where, f"parameter {value!r} bounds exceed the field's")
            return value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InputError(origin, where, f"expected a number, got {value!r}")
        if not fs.lo <= value <= fs.hi:
            raise InputError(origin, where, f"value {value} outside [{fs.lo:g}, {fs.hi:g}]")
        return float(value)
    if fs.kind == "month":
        try:
            return parse_month(value)
        except ValueError as exc:
            raise InputError(origin, where, str(exc)) from None
    if fs.kind == "bool":
        if not isinstance(value, bool):
            raise InputError(origin, where, "expected true or false")
        return value
    if not isinstance(value, str):
        raise InputError(origin, where, "expected a string")
    return value


def load_timeline(path: Path, codes: tuple[str, ...]) -> list[Event]:
    """Read ``[[event]]`` tables from a TOML file."""
    import tomllib

    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "file", "missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, "toml", str(exc)) from None
    unknown = set(data) - {"event", "description"}
    if unknown:
        raise InputError(path, sorted(unknown)[0], "unknown key (expected [[event]] tables)")
    return parse_events(data.get("event", []), codes, str(path), "event")


def parse_events(raws, codes, origin, where) -> list[Event]:
    if not isinstance(raws, list):
        raise InputError(origin, where, "expected an array of tables ([[...]])")
    events = [parse_event(r, codes, origin, f"{where}[{i}]") for i, r in enumerate(raws)]
    seen = set()
    for e in events:
        if e.id in seen:
            raise InputError(origin, f"event {e.id!r}.id", "duplicate event id")
        seen.add(e.id)
    return events


def order(events: list[Event]) -> list[Event]:
    """Stable chronological order (date, then file order)."""
    return sorted(events, key=lambda e: e.date)
