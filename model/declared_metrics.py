"""Metrics declared in an experiment file from relations and actors, e.g.
``trust(CHN, RUS)`` or ``trade_usd_bn(RUS, CHN)`` (``[declared_metrics]``, docs/experiments.md).

Each function reads one relation (A, B) or one actor's value from the state; the result is a
:class:`model.metrics.Metric` like the built-in ones, recorded by runs and sweeps under its
declared name, with the function's unit (and so its smallest effect of interest).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from model.metrics import Metric, trade_share

_PAIR: dict[str, tuple[str, str, Callable]] = {
    "trust": ("-1..1", "trust of A in B", lambda st, i, j: st.trust[i, j]),
    "threat": ("0-1", "A's perceived threat from B", lambda st, i, j: st.threat[i, j]),
    "sanctions": ("0-1", "A's sanctions on B", lambda st, i, j: st.sanctions[i, j]),
    "export_ban": ("0-1", "A's export controls on B", lambda st, i, j: st.export_ban[i, j]),
    "alliance": ("0-1", "alliance strength of A and B", lambda st, i, j: st.alliance[i, j]),
    "arming": ("0-1", "A's support arming B (1 lethal)", lambda st, i, j: st.arming[i, j]),
    "pressure": ("0-1", "A's pressure on its firms in B", lambda st, i, j: st.pressure[i, j]),
    "exports_usd_bn": ("USD bn/yr", "A's customs exports to B", lambda st, i, j:
                       st.exports[i, j]),
    "trade_usd_bn": ("USD bn/yr", "A–B customs trade, both ways", lambda st, i, j:
                     st.exports[i, j] + st.exports[j, i]),
    "trade_share": ("share", "B's share of A's customs trade", lambda st, i, j:
                    trade_share(st.exports, i, j)),
    "fdi_usd_bn": ("USD bn", "A's FDI stock in B", lambda st, i, j: st.fdi[i, j]),
}
_ACTOR: dict[str, tuple[str, str, Callable]] = {
    "capability": ("CINC-like share", "A's military capability", lambda st, i:
                   st.capability[i]),
    "offense": ("0-1", "A's long-range strike index", lambda st, i: st.offense[i]),
}
FUNCTIONS = {**{k: 2 for k in _PAIR}, **{k: 1 for k in _ACTOR}}
_CALL = re.compile(r"^\s*([A-Za-z_]\w*)\s*\(([^()]*)\)\s*$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def parse(expr: str) -> tuple[str, tuple[str, ...]]:
    """``"trust(CHN, RUS)"`` → ``("trust", ("CHN", "RUS"))``; ValueError says what is wrong."""
    m = _CALL.match(expr) if isinstance(expr, str) else None
    if not m:
        raise ValueError(f"expected FUNCTION(A, B) or FUNCTION(A), got {expr!r}")
    fn, args = m.group(1), tuple(a.strip() for a in m.group(2).split(",") if a.strip())
    if fn not in FUNCTIONS:
        raise ValueError(f"unknown function {fn!r} (known: {', '.join(sorted(FUNCTIONS))})")
    if len(args) != FUNCTIONS[fn]:
        raise ValueError(f"{fn} takes {FUNCTIONS[fn]} actor code(s), got {len(args)}")
    return fn, args


def unit_of(expr: str) -> str:
    fn, _ = parse(expr)
    return (_PAIR.get(fn) or _ACTOR[fn])[0]


def declare(world, name: str, expr: str) -> Metric:
    """The metric ``name`` = ``expr`` on ``world``; ValueError for a bad name, function or
    an actor the world lacks."""
    if not _NAME.match(name):
        raise ValueError(f"metric name {name!r}: lowercase letters, digits and _ only")
    fn, args = parse(expr)
    for a in args:
        if not world.has(a):
            raise ValueError(f"unknown actor {a!r} in {expr!r} (actors: "
                             f"{', '.join(world.codes)})")
    unit, meaning, get = _PAIR.get(fn) or _ACTOR[fn]
    text = meaning.replace("A", args[0], 1).replace("B", args[-1], 1) if len(args) == 2 \
        else meaning.replace("A", args[0], 1)
    idx = [world.index(a) for a in args]
    return Metric(name, unit, f"{text} (declared: {expr})",
                  lambda m, idx=idx: float(get(m.state, *idx)), tuple(args))
