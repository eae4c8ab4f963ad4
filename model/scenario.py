"""Scenarios: a world + its timeline + edits (remove events by id/tag, add events, set params).

A scenario file (TOML)::

    name = "no_pact"
    description = "..."
    extends = "baseline"          # optional: a shipped scenario name or a path
    world = "default"             # a shipped world or a folder (relative to this file)
    end = "2035-12"
    [remove]
    ids = ["treaty_signed"]
    tags = ["pact"]
    [[add]]                       # events, same fields as in a timeline
    id = "..."
    [params]
    tech_transfer_size = 0.1
    [[commitments]]               # edit the world's norm commitments (sensitivity analyses)
    norm = "un_dprk_sanctions"
    actor = "CHN"
    commitment = 0.1
    note = "why"                  # a source or a note, as for events

Shipped scenarios live in ``model/data/scenarios/``; a user passes a path to run their own.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from model.calendar import month_label, parse_month
from model.errors import InputError, read_user_text
from model.event_fields import Event
from model.events import load_timeline, order, parse_events
from model.params import ParamSet, coerce
from model.world import DATA_DIR, World, load_world, resolve_world

SCENARIOS_DIR = DATA_DIR / "scenarios"
KEYS = {"name", "description", "extends", "world", "end", "remove", "add", "params",
        "commitments"}
COMMITMENT_KEYS = {"norm", "actor", "commitment", "note", "source"}
MAX_MONTH = parse_month("2100-12")


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    world: World
    events: tuple[Event, ...]
    end_month: int
    params: dict[str, float] = field(default_factory=dict)
    removed: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    digest: str = ""

    def param_set(self, overrides=None) -> ParamSet:
        merged = dict(self.params)
        merged.update(overrides or {})
        return ParamSet(merged)


def shipped_scenarios() -> dict[str, Path]:
    return {path.stem: path for path in sorted(SCENARIOS_DIR.glob("*.toml"))}


def resolve(name_or_path: str | Path) -> Path:
    path = Path(name_or_path)
    if path.is_dir():
        raise InputError(name_or_path, "scenario", "is a folder; expected a scenario .toml "
                         "file")
    if path.suffix == ".toml" and path.exists():
        return path.resolve()
    shipped = shipped_scenarios()
    if str(name_or_path) in shipped:
        return shipped[str(name_or_path)]
    if path.suffix == ".toml":
        raise InputError(name_or_path, "scenario", "file not found")
    raise InputError(name_or_path, "scenario",
                     f"unknown scenario (shipped: {', '.join(shipped)}; or give a .toml path)")


def _read(path: Path) -> dict:
    try:
        data = tomllib.loads(read_user_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, "toml", str(exc)) from None
    unknown = set(data) - KEYS
    if unknown:
        raise InputError(path, sorted(unknown)[0],
                         f"unknown key (allowed: {', '.join(sorted(KEYS))})")
    return data


def load_scenario(name_or_path: str | Path, end: str | None = None,
                  _chain: tuple[Path, ...] = ()) -> Scenario:
    """Load, resolve ``extends``, apply edits, and validate against the world."""
    path = resolve(name_or_path)
    if path in _chain:
        raise InputError(path, "extends", "circular extends")
    data = _read(path)
    parent = None
    if "extends" in data:
        if not isinstance(data["extends"], str):
            raise InputError(path, "extends", "expected a scenario name or path")
        ref = data["extends"]
        rel = path.parent / ref
        try:
            parent = load_scenario(rel if rel.suffix == ".toml" and rel.exists() else ref,
                                   None, (*_chain, path))
        except InputError as exc:
            if exc.field != "scenario":  # an error inside the parent names its own file
                raise
            raise InputError(path, "extends", f"{ref!r}: {exc.message}") from None

    if "world" in data:
        if not isinstance(data["world"], str):
            raise InputError(path, "world", "expected a world name or folder path")
        try:
            world = load_world(resolve_world(data["world"], relative_to=path.parent))
        except InputError as exc:
            if exc.field == "world":
                raise InputError(path, "world", exc.message) from None
            raise
        timeline = world.path / "timeline.toml"
        if timeline.exists():
            read_user_text(timeline)  # a folder or a binary file: one line, not a traceback
        events = load_timeline(timeline, world.codes) if timeline.exists() else []
    elif parent is not None:
        world, events = parent.world, list(parent.events)
    else:
        raise InputError(path, "world", "a scenario needs `world` or `extends`")

    world = _edit_commitments(world, data.get("commitments", []), path)
    params = dict(parent.params) if parent else {}
    raw_params = data.get("params", {})
    if not isinstance(raw_params, dict):
        raise InputError(path, "params", "expected a table")
    for k, v in raw_params.items():
        try:
            params[k] = coerce(k, v)
        except InputError as exc:
            raise InputError(path, f"params.{k}", exc.message) from None

    removed = list(parent.removed) if parent else []
    remove = data.get("remove", {})
    if not isinstance(remove, dict) or set(remove) - {"ids", "tags"}:
        raise InputError(path, "remove", "expected a table with `ids` and/or `tags` lists")
    ids, tags = remove.get("ids", []), remove.get("tags", [])
    for fname, lst in (("ids", ids), ("tags", tags)):
        if not isinstance(lst, list) or not all(isinstance(x, str) for x in lst):
            raise InputError(path, f"remove.{fname}", "expected a list of strings")
    known_ids = {e.id for e in events}
    known_tags = {t for e in events for t in e.tags}
    for i in ids:
        if i not in known_ids:
            raise InputError(path, "remove.ids", f"no event with id {i!r}")
    for t in tags:
        if t not in known_tags:
            raise InputError(path, "remove.tags", f"no event with tag {t!r}")
    kept = [e for e in events if e.id not in ids and not set(e.tags) & set(tags)]
    removed += [e.id for e in events if e not in kept]
    added = parse_events(data.get("add", []), world.codes, str(path), "add")
    clash = {e.id for e in added} & {e.id for e in kept}
    if clash:
        raise InputError(path, "add", f"event id {sorted(clash)[0]!r} already in the timeline")
    all_events = order(kept + added)

    end_text = end or data.get("end")
    if end_text is None and parent is not None:
        end_month = parent.end_month
    else:
        if end_text is None:
            raise InputError(path, "end", "missing (YYYY-MM)")
        try:
            end_month = parse_month(end_text)
        except ValueError as exc:
            raise InputError("--end" if end else path, "end", str(exc)) from None
    if not world.start_month <= end_month <= MAX_MONTH:
        raise InputError("--end" if end else path, "end",
                         f"{month_label(end_month)} outside {month_label(world.start_month)}"
                         f"..{month_label(MAX_MONTH)}")
    for e in all_events:
        if e.month < world.start_month:
            raise InputError(path, f"event {e.id!r}.date",
                             f"before the world's start {month_label(world.start_month)}")
        for f in ("until",):
            u = e.fields.get(f)
            if u is not None and u < e.month:
                raise InputError(path, f"event {e.id!r}.until", "before the event's date")
        norm = e.fields.get("norm")
        if norm and norm not in world.norms:
            raise InputError(path, f"event {e.id!r}.norm",
                             f"norm {norm!r} not defined in the world's norms.csv")
    for e in added:
        if e.month > end_month:
            raise InputError(path, f"event {e.id!r}.date", "after the scenario's end")

    files = (*(parent.files if parent else ()), str(path))
    digest = _digest(world, all_events, params, end_month)
    return Scenario(str(data.get("name", path.stem)), str(data.get("description", "")),
                    world, tuple(all_events), end_month, params, tuple(removed), files,
                    digest)


def _edit_commitments(world: World, rows, path: Path) -> World:
    """A copy of ``world`` with the listed actors' commitments to the listed norms replaced."""
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise InputError(path, "commitments", "expected [[commitments]] tables")
    norms = dict(world.norms)
    for k, row in enumerate(rows):
        where = f"commitments[{k}]"
        unknown = set(row) - COMMITMENT_KEYS
        if unknown:
            raise InputError(path, f"{where}.{sorted(unknown)[0]}", "unknown key")
        name, actor = row.get("norm"), row.get("actor")
        if name not in norms:
            raise InputError(path, f"{where}.norm", f"norm {name!r} not defined in the "
                             "world's norms.csv")
        if actor not in world.codes:
            raise InputError(path, f"{where}.actor", f"unknown actor code {actor!r}")
        value = row.get("commitment")
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not 0.0 <= value <= 1.0:
            raise InputError(path, f"{where}.commitment", f"expected a number in [0, 1], "
                             f"got {value!r}")
        if not str(row.get("note", "")).strip() and not str(row.get("source", "")).strip():
            raise InputError(path, f"{where}.source", "needs a source or a note")
        commitment = norms[name].commitment.copy()
        commitment[world.index(actor)] = float(value)
        norms[name] = dataclasses.replace(norms[name], commitment=commitment)
    return world if not rows else dataclasses.replace(world, norms=norms)


def with_commitments(scenario: Scenario, values: dict[tuple[str, str], float]) -> Scenario:
    """``scenario`` with norm commitments replaced: ``{(norm, actor): value}`` (uncertain world
    estimates sampled by a design or a calibration, :mod:`experiments.uncertain`)."""
    if not values:
        return scenario
    rows = [{"norm": n, "actor": a, "commitment": v, "note": "sampled"}
            for (n, a), v in sorted(values.items())]
    world = _edit_commitments(scenario.world, rows, Path(scenario.files[-1]))
    edit = json.dumps([scenario.digest, [[n, a, v] for (n, a), v in sorted(values.items())]])
    return dataclasses.replace(scenario, world=world,
                               digest=hashlib.sha256(edit.encode()).hexdigest())


def _digest(world: World, events, params, end_month) -> str:
    """SHA-256 over the world's files, the final event list, params, end and the norm
    commitments (which a scenario may edit): the scenario identity recorded in every output."""
    h = hashlib.sha256()
    for f in sorted(world.path.glob("*")):
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    payload = [(e.id, e.month, e.type, sorted((k, str(v)) for k, v in e.fields.items()))
               for e in events]
    commitments = sorted((k, n.commitment.tolist()) for k, n in world.norms.items())
    h.update(json.dumps([payload, sorted(params.items()), end_month, commitments]).encode())
    return h.hexdigest()
