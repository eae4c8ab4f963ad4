"""Every parameter is declared once and read by that name: no code reads an undeclared name,
and no declared parameter is read nowhere.

Parameters are read as ``p.NAME`` (``p``: the parameter record in compiled kernels, a
ParamSet in plain Python) or ``<...>.params.NAME`` (a model's ParamSet), in model/ and agents/;
timelines and scenarios may reference one as ``"$NAME"``. The scan is of the source text (the
AST), so it sees the compiled kernels too.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from model.params import PARAMS, ParamSet

ROOT = Path(__file__).resolve().parents[1]
CODE = ("model", "agents")
DATA = ROOT / "model" / "data"
METHODS = {name for name in dir(ParamSet) if not name.startswith("_")}


def _holder(node: ast.expr) -> bool:
    """``p`` or anything ending in ``.params`` / named ``params``."""
    if isinstance(node, ast.Name):
        return node.id in ("p", "params")
    return isinstance(node, ast.Attribute) and node.attr == "params"


def reads_in_source(text: str) -> set[str]:
    """Names read as parameters in one Python source text."""
    out = set()
    for node in ast.walk(ast.parse(text)):
        if (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load)
                and _holder(node.value) and node.attr not in METHODS):
            out.add(node.attr)
    return out


def code_reads() -> dict[str, set[Path]]:
    found: dict[str, set[Path]] = {}
    for folder in CODE:
        for path in (ROOT / folder).rglob("*.py"):
            for name in reads_in_source(path.read_text(encoding="utf-8")):
                found.setdefault(name, set()).add(path.relative_to(ROOT))
    return found


def data_reads() -> set[str]:
    names = set()
    for path in DATA.rglob("*.toml"):
        names |= set(re.findall(r'"\$([A-Za-z_][A-Za-z0-9_]*)"', path.read_text("utf-8")))
    return names


def test_code_reads_only_declared_parameters():
    undeclared = {n: sorted(map(str, f)) for n, f in code_reads().items() if n not in PARAMS}
    assert not undeclared, f"read but not declared in model/params.py: {undeclared}"
    assert data_reads() <= set(PARAMS), sorted(data_reads() - set(PARAMS))


def test_every_declared_parameter_is_read_somewhere():
    used = set(code_reads()) | data_reads()
    unused = sorted(set(PARAMS) - used)
    assert not unused, f"declared in model/params.py but read nowhere: {unused}"


@pytest.mark.parametrize("text, expected", [
    ("def f(p):\n    return p.trust_war_penalty * 2\n", {"trust_war_penalty"}),
    ("def f(m):\n    return m.params.threat_gain\n", {"threat_gain"}),
    ("def f(params):\n    p = params[0]\n    return p.not_a_parameter\n", {"not_a_parameter"}),
    ("def f(p):\n    p.trust_war_penalty = 1\n    return p.replace({})\n", set()),
])
def test_the_scan_sees_reads_by_name(text, expected):
    """The scanner itself: reads through ``p`` or ``.params`` count; stores and ParamSet
    methods do not (so the two tests above can fail)."""
    assert reads_in_source(text) == expected
