"""An experiment file's ``[declared_metrics]``: metrics from relations and actors, e.g.
``chn_trust_in_rus = "trust(CHN, RUS)"`` (functions: :mod:`model.declared_metrics`)."""

from __future__ import annotations

from model.errors import InputError


def declared_metrics(path, data: dict, scenarios: dict) -> tuple[tuple[str, str], ...]:
    """(name, expression) pairs, each checked on every arm's world; InputError names the
    field ``declared_metrics.NAME`` in one line (unknown function or actor, bad name, a name
    a built-in metric has)."""
    from model.declared_metrics import declare
    from model.metrics import available

    table = data.get("declared_metrics", {})
    if not isinstance(table, dict):
        raise InputError(path, "declared_metrics", "expected a table: name = \"f(A, B)\"")
    out = []
    for name, expr in table.items():
        where = f"declared_metrics.{name}"
        if not isinstance(expr, str):
            raise InputError(path, where, "expected a string such as \"trust(CHN, RUS)\"")
        for arm, sc in scenarios.items():
            if name in {m.name for m in available(sc.world)}:
                raise InputError(path, where, "a built-in metric has this name")
            try:
                declare(sc.world, name, expr)
            except ValueError as exc:
                raise InputError(path, where, f"{exc} (arm {arm!r})") from None
        out.append((name, expr))
    return tuple(out)
