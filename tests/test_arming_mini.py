"""Arming a victim on the scripted mini-world: a state with a limit on lethal exports
(arms_policy.csv) gives non-lethal aid where, at the same threat, an unconstrained one arms;
the timing metrics record the first lethal arming, censored where there is none."""

import shutil

import pytest

from model import metrics
from model.errors import InputError
from model.model import AllianceModel
from model.scenario import load_scenario
from model.world import load_world
from tests.conftest import FIXTURES, write_scenario

WAR = ('[[add]]\nid = "war"\ndate = "2001-01"\ntype = "invasion"\nactor = "AGG"\n'
       'target = "OBS"\nseverity = 0.0\nnote = "test"\n')
# HUB's threat from AGG (about 0.02) passes this bar after the war starts: HUB decides
PARAMS = {"arm_victim_threshold": 0.01, "arm_victim_ally_pressure": 0.0,
          "arm_victim_min_trust": -1.0, "arm_lethal_limit_raise": 0.3}


def world(tmp_path, name, hub_limit=None):
    """A copy of the mini-world, with HUB's lethal-export limit when given."""
    dst = tmp_path / name
    shutil.copytree(FIXTURES / "mini", dst)
    if hub_limit is not None:
        (dst / "arms_policy.csv").write_text("code,lethal_export_limit,source_ids,note\n"
                                             f"HUB,{hub_limit},test,\n", encoding="utf-8")
    return dst


def run(tmp_path, name, hub_limit=None, extra="", end="2003-12", **params):
    folder = world(tmp_path, name, hub_limit)
    sc = write_scenario(tmp_path, f'world = "{folder.name}"\nend = "{end}"\n[remove]\n'
                        f'ids = ["invade", "arms", "pact", "tech"]\n{WAR}{extra}', f"{name}.toml")
    return AllianceModel(load_scenario(sc), rng=1, params={**PARAMS, **params}).run()


def support(m, actor="HUB"):
    return [(d["date"].strftime("%Y-%m"), d["decision"]) for d in m.decision_log
            if d["actor"] == actor and d["decision"] in ("arms_victim", "aids_victim")]


def test_at_equal_threat_the_bound_state_aids_where_the_free_one_arms(tmp_path):
    free, bound = run(tmp_path, "free"), run(tmp_path, "bound", hub_limit=1)
    hub, obs = free.world.index("HUB"), free.world.index("OBS")
    assert free.world.lethal_limit[hub] == 0 and bound.world.lethal_limit[hub] == 1
    (month, kind), = support(free)
    assert kind == "arms_victim" and "2001-01" < month < "2003-12"
    assert support(bound) == [(month, "aids_victim")]  # same month, same threat, non-lethal
    assert free.state.arming[hub, obs] == 1.0
    assert bound.state.arming[hub, obs] == pytest.approx(
        bound.params.nonlethal_support_share)
    # the aggressor's trust in the supplier falls less for non-lethal aid
    agg = free.world.index("AGG")
    assert bound.state.trust[agg, hub] > free.state.trust[agg, hub]
    # a lower limit, or a smaller raise, lets the bound state arm
    assert support(run(tmp_path, "low", hub_limit=1, arm_lethal_limit_raise=0.0)) == [
        (month, "arms_victim")]


def test_timing_metrics_record_the_first_lethal_arming_and_censoring(tmp_path, monkeypatch):
    monkeypatch.setattr(metrics, "ARMING_PAIRS", (("HUB", "OBS"),))
    monkeypatch.setattr(metrics, "ARMING_REFERENCE", "2001-01")
    free, bound = run(tmp_path, "free"), run(tmp_path, "bound", hub_limit=1)
    (month, _), = support(free)
    armed_after = (int(month[:4]) - 2001) * 12 + int(month[5:]) - 1  # months from 2001-01
    ft, bt = (m.timeseries().set_index("date") for m in (free, bound))
    end = "2003-12-01"
    assert ft.loc[end, "hub_obs_lethal_by"] == 1 and ft.loc[end, "hub_obs_months_to_lethal"] \
        == armed_after
    assert ft.loc[end, "hub_obs_nonlethal"] == 0
    # the bound state never arms lethally: censored, the restricted time is the time elapsed
    assert bt.loc[end, "hub_obs_lethal_by"] == 0 and bt.loc[end, "hub_obs_nonlethal"] == 1
    assert bt.loc[end, "hub_obs_months_to_lethal"] == 35
    assert (bt["hub_obs_months_to_lethal"] >= ft["hub_obs_months_to_lethal"]).all()
    # a forced lethal delivery counts, whatever the limit (here after non-lethal aid)
    forced = run(tmp_path, "forced", hub_limit=1, extra=(
        '[[add]]\nid = "nlaw"\ndate = "2001-06"\ntype = "arm_victim"\nsupplier = "HUB"\n'
        'victim = "OBS"\nnote = "test"\n'))
    fo = forced.timeseries().set_index("date")
    assert support(forced) == [*support(bound), ("2001-06", "arms_victim")]
    assert fo.loc[end, "hub_obs_months_to_lethal"] == 5 and fo.loc[end, "hub_obs_lethal_by"] == 1


@pytest.mark.parametrize(("row", "field"), [
    ("HUB,1.5,test,", "lethal_export_limit"),
    ("XXX,1,test,", "code"),
    ("HUB,1,,", "source_ids"),
])
def test_bad_arms_policy_names_file_and_field(tmp_path, row, field):
    folder = world(tmp_path, "bad")
    (folder / "arms_policy.csv").write_text("code,lethal_export_limit,source_ids,note\n"
                                            f"{row}\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_world(folder)
    assert err.value.file.endswith("arms_policy.csv") and field in err.value.field


def test_default_world_limits_are_sourced_data():
    w = load_world("default")
    limit = dict(zip(w.codes, w.lethal_limit, strict=True))
    assert limit["KOR"] == limit["JPN"] == 1.0
    assert limit["USA"] == limit["GBR"] == limit["EU"] == 0.0
