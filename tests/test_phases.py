"""The month as data: model.phases.PHASES is the one place the order and wiring live.

Each phase's declared reads and writes must match its code (both ways), the model's step must
run exactly these phases in this order, and the floor the mechanism phases among them.
"""

from __future__ import annotations

import inspect
import re

import pytest

from benchmarks import floor
from model import phases as ph
from model.model import AllianceModel

MECHANISMS = [p for p in ph.PHASES if p.floor]


def _used(src: str) -> set[str]:
    """Context attributes a phase's code uses: ``m.X``, and ``st.X`` as ``state.X``."""
    used = set(re.findall(r"\bm\.(\w+)", src))
    used |= {f"state.{x}" for x in re.findall(r"\bst\.(\w+)", src)}
    return used


def test_the_month_in_order():
    assert [p.name for p in ph.PHASES] == [
        "events", "capability", "norms", "threat", "trust", "sanctions", "arming", "pressure",
        "firms", "trade", "investment", "record"]
    assert [p.name for p in ph.PHASES if not p.floor] == ["events", "record"]


@pytest.mark.parametrize("phase", MECHANISMS, ids=lambda p: p.name)
def test_declared_reads_and_writes_match_the_code(phase):
    src = inspect.getsource(phase.fn)
    used = _used(src) - {"state"}
    declared = set(phase.reads) | set(phase.writes)
    # a declared whole ``state`` covers its fields (the firm phase hands the state on)
    undeclared = {u for u in used - declared
                  if not (u.startswith("state.") and "state" in declared)}
    assert not undeclared, f"{phase.name} uses but does not declare {sorted(undeclared)}"
    if phase.name != "firms":  # the firm phase delegates to model/firms.py
        unused = {d for d in declared if d not in used and d != "state"}
        assert not unused, f"{phase.name} declares but does not use {sorted(unused)}"


def test_step_runs_the_phases_in_order(monkeypatch):
    calls = []
    wrapped = tuple(ph.Phase(p.name, (lambda fn, n: lambda m: (calls.append(n), fn(m)))(
        p.fn, p.name), p.reads, p.writes, p.floor) for p in ph.PHASES)
    monkeypatch.setattr("model.model.PHASES", wrapped)
    m = AllianceModel("baseline", rng=1, end="2013-02", record_relations=False)
    m.step()
    assert calls == [p.name for p in ph.PHASES]


def test_the_floor_copies_what_its_phases_declare_and_runs_them():
    m = AllianceModel("baseline", rng=2, end="2014-12", record_relations=False)
    for _ in range(3):
        m.step()
    f = floor.from_model(m)
    declared = {n.split(".")[0] for p in MECHANISMS for n in p.reads + p.writes}
    assert set(floor.INPUTS) == declared - {"on_decision"}
    assert f.state is not m.state and f.firms is not m.firms  # copies, not the model's own
    before = f.state.trust.copy()
    floor.month(f)
    assert (f.state.trust != before).any() and f.month == m.month + 2
