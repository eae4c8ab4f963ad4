"""Forced decisions (model/decision_events.py) on the mini-world: they change the state through
the endogenous decisions' code (trust shock, capability, floors) and write the decision log."""

import json

import pytest

from model.errors import InputError
from model.model import AllianceModel
from model.scenario import load_scenario
from tests.conftest import MINI_NO_PACT, write_scenario

WAR = {"id": "war", "date": "2001-01", "type": "invasion", "actor": "AGG", "target": "OBS",
       "severity": 0.0, "note": "test"}  # AGG invades OBS


def ev(id, date, type, **fields) -> dict:
    return {"id": id, "date": date, "type": type, **fields, "note": "test"}


def scenario(tmp_path, events, end, name) -> object:
    """The mini-world without its placeholder events, plus ``events`` (dicts)."""
    table = ", ".join("{" + ", ".join(f"{k} = {json.dumps(v)}" for k, v in e.items()) + "}"
                      for e in events)
    return load_scenario(write_scenario(tmp_path, f'extends = "{MINI_NO_PACT}"\nend = "{end}"\n'
                                        f'remove = {{ids = ["invade", "arms"]}}\n'
                                        f'add = [{table}]\n', name))


def run(tmp_path, *events, end="2002-02", seed=3, name="s.toml", war=True, **params):
    sc = scenario(tmp_path, [WAR, *events] if war else list(events), end, name)
    return AllianceModel(sc, rng=seed, params=params).run()


def arm(lethal: bool, **aggressor) -> dict:
    return ev("help", "2002-01", "arm_victim", supplier="HUB", victim="OBS", lethal=lethal,
              **aggressor)


def idx(m, *codes):
    return [m.world.index(c) for c in codes]


def kinds(m):
    return [(d["actor"], d["decision"]) for d in m.decision_log]


def test_arm_victim_sets_support_shocks_the_aggressor_and_is_logged(tmp_path):
    # the arming threshold is out of reach: only the forced decision arms OBS
    kw = {"arm_victim_threshold": 1.0, "arm_victim_ally_pressure": 0.0}
    none = run(tmp_path, name="a.toml", **kw)
    lethal = run(tmp_path, arm(True), name="b.toml", **kw)
    soft = run(tmp_path, arm(False, aggressor="AGG"), name="c.toml",
               nonlethal_support_share=0.25, **kw)
    agg, hub, obs = idx(none, "AGG", "HUB", "OBS")
    assert none.state.arming[hub, obs] == 0
    assert lethal.state.arming[hub, obs] == 1.0 and soft.state.arming[hub, obs] == 0.25
    drop_lethal = none.state.trust[agg, hub] - lethal.state.trust[agg, hub]
    drop_soft = none.state.trust[agg, hub] - soft.state.trust[agg, hub]
    assert drop_lethal > 0.05 and 0 < drop_soft < drop_lethal
    cap = [m.state.capability[obs] for m in (none, soft, lethal)]
    assert cap[0] < cap[1] < cap[2]
    log = [d for d in lethal.decision_log if d["decision"] == "arms_victim"]
    assert [(d["actor"], d["target"]) for d in log] == [("HUB", "OBS")]
    assert "against AGG" in log[0]["detail"]


def test_arm_victim_without_an_aggression_names_the_field(tmp_path):
    with pytest.raises(InputError, match="aggressor"):
        run(tmp_path, arm(True), war=False)


def test_join_and_lift_sanctions_hold_a_floor_and_log_the_crossings(tmp_path):
    join = ev("join", "2001-06", "join_sanctions", senders=["HUB"], target="AGG",
              intensity=0.7)
    joined = run(tmp_path, join, end="2002-06", name="a.toml")
    hub, agg = idx(joined, "HUB", "AGG")
    assert joined.state.sanctions[hub, agg] >= 0.7 and joined.state.sanction_floor[hub, agg] > 0
    assert ("HUB", "joins_sanctions") in kinds(joined)
    lift = ev("lift", "2002-01", "lift_sanctions", senders=["HUB"], target="AGG")
    lifted = run(tmp_path, join, lift, end="2002-01", name="b.toml")
    assert lifted.state.sanction_floor[hub, agg] == 0 and lifted.state.sanctions[hub, agg] < 0.5
    assert ("HUB", "leaves_sanctions") in kinds(lifted)


def test_press_firms_holds_pressure_until_released(tmp_path):
    press = ev("press", "2001-03", "press_firms", home="OBS", hosts=["AGG"], level=0.8)
    kw = {"pressure_threat_weight": 0.0, "pressure_ally_weight": 0.0}
    held = run(tmp_path, press, end="2002-06", name="a.toml", **kw)
    obs, agg = idx(held, "OBS", "AGG")
    assert held.state.pressure[obs, agg] == pytest.approx(0.8)
    assert [k for a, k in kinds(held) if a == "OBS"] == ["presses_firms"]
    release = ev("release", "2001-06", "release_firms", home="OBS", hosts=["AGG"])
    released = run(tmp_path, press, release, end="2002-06", name="b.toml", **kw)
    # released in 2001-06: about 13 months relaxing toward a target of 0
    rate = released.params.pressure_adjust_rate
    assert released.state.pressure[obs, agg] == pytest.approx(0.8 * (1 - rate) ** 13, rel=0.2)
