"""What an event is: its type's declaration (fields with kinds and bounds) and a parsed event.

An event type is a handler function ``fn(model, event)`` in :mod:`model.event_types`, declared
with :func:`event_type` and its fields (so timelines are validated when loaded, with clear
errors), and listed in that module's registry. The timeline loader (:mod:`model.events`)
checks raw TOML tables against these declarations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

COMMON_FIELDS = {"id", "date", "type", "tags", "source", "note"}


@dataclass(frozen=True)
class FieldSpec:
    kind: str  # actor | actors | number | month | bool | text
    required: bool = True
    lo: float = float("-inf")
    hi: float = float("inf")
    default: object = None


@dataclass(frozen=True)
class EventType:
    name: str
    handler: Callable
    fields: dict[str, FieldSpec]
    doc: str


@dataclass(frozen=True)
class Event:
    id: str
    month: int
    date: dt.date
    type: str
    fields: dict = field(hash=False)
    tags: tuple[str, ...] = ()
    source: str = ""

    def get(self, name, params=None):
        """Field value; ``$name`` references resolve against ``params``."""
        value = self.fields.get(name)
        if isinstance(value, str) and value.startswith("$") and params is not None:
            return params[value[1:]]
        return value


def event_type(name: str, **fields: FieldSpec):
    """Decorator declaring an event handler ``fn(model, event)`` as the type ``name`` with its
    fields: it sets ``fn.event_type`` (an :class:`EventType`) and registers nothing; the
    registry is the explicit list in :mod:`model.event_types` (:func:`registry`)."""

    def wrap(fn):
        fn.event_type = EventType(name, fn, dict(fields), (fn.__doc__ or "").strip())
        return fn

    return wrap


def registry(*handlers: Callable) -> dict[str, EventType]:
    """The event-type registry of the given declared handlers, by type name."""
    out = {}
    for fn in handlers:
        et = fn.event_type
        if et.name in out:
            raise ValueError(f"event type {et.name!r} declared twice")
        out[et.name] = et
    return out


def actor(required=True):
    return FieldSpec("actor", required)


def actors():
    return FieldSpec("actors")


def number(lo=float("-inf"), hi=float("inf"), required=True, default=None):
    return FieldSpec("number", required, lo, hi, default)


def month(required=False):
    return FieldSpec("month", required)


def flag(default=False):
    return FieldSpec("bool", False, default=default)


def text(required=False, default=""):
    return FieldSpec("text", required, default=default)


