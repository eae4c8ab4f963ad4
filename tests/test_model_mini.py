"""Model behaviour on the scripted mini-world: each mechanism moves outcomes as it should.

AGG (aggressor, big), SAT (small satellite under a regime of sanctions), OBS (an observer
near SAT, committed to the regime), HUB (a big trading hub allied with SAT).
"""

import numpy as np
import pytest

from model.model import AllianceModel
from model.scenario import load_scenario
from tests.conftest import MINI_BASE, MINI_NO_PACT, write_scenario


def run(path, seed=1, **params):
    return AllianceModel(load_scenario(path), rng=seed, params=params).run()


def idx(m, *codes):
    return [m.world.index(c) for c in codes]


def test_pact_raises_observer_threat_from_satellite():
    agg, sat, obs = None, None, None
    for seed in (1, 2, 3):
        with_pact, without = run(MINI_BASE, seed), run(MINI_NO_PACT, seed)
        agg, sat, obs = idx(with_pact, "AGG", "SAT", "OBS")
        assert with_pact.state.alliance[agg, sat] == 1.0 and without.state.alliance[agg, sat] == 0
        assert with_pact.state.threat[obs, sat] > without.state.threat[obs, sat] + 0.02
        # technology transfer raised the satellite's strike reach
        assert with_pact.state.offense[sat] > without.state.offense[sat] + 0.1


def test_embargoed_arms_trade_costs_the_partner_trust(tmp_path):
    no_arms = write_scenario(tmp_path, f'extends = "{MINI_NO_PACT}"\n[remove]\nids = ["arms"]\n')
    a, b = run(MINI_NO_PACT, params_seed := 4), run(no_arms, params_seed)
    agg, obs = idx(a, "AGG", "OBS")
    # OBS (committed to the regime on SAT) trusts AGG less after AGG buys SAT's munitions
    assert a.state.trust[obs, agg] < b.state.trust[obs, agg] - 0.05
    k = a.state.norm_index("regime")
    assert a.state.record[k, agg] > 0 and b.state.record[k, agg] == 0
    # ... and AGG's own commitment to the regime erodes
    assert a.state.commitment[k, agg] < b.state.commitment[k, agg]
    # the munitions are paid in goods: AGG -> SAT transfers
    assert a.state.transfers[agg, idx(a, "SAT")[0]] > 0


def test_sanctions_cut_trade_and_deflect_it_to_a_friendly_hub(tmp_path):
    sanc = write_scenario(tmp_path, f'''extends = "{MINI_NO_PACT}"
[remove]
ids = ["arms"]
[[add]]
id = "s"
date = "2001-01"
type = "sanctions"
senders = ["OBS"]
target = "AGG"
intensity = 0.9
note = "test"
''')
    quiet = write_scenario(tmp_path, f'extends = "{MINI_NO_PACT}"\n[remove]\nids = ["arms"]\n',
                           "q.toml")
    frictions = dict(trade_sanction_friction=2.0, deflection_share=0.67)
    a, b = run(sanc, 5, **frictions), run(quiet, 5, **frictions)
    agg, obs, hub = idx(a, "AGG", "OBS", "HUB")
    # sanctions bite AGG's other goods, not its fuels (energy share 0.5: only embargoes do)
    e = a.world.energy_share[agg]
    assert a.state.exports[agg, obs] < (e + 0.3 * (1 - e)) * b.state.exports[agg, obs]
    assert a.state.exports[agg, hub] > b.state.exports[agg, hub] + 1.0  # deflected
    assert a.state.sanctions[obs, agg] >= 0.9  # the event's floor holds
    # the target distrusts the sender more
    assert a.state.trust[agg, obs] < b.state.trust[agg, obs]


def test_invasion_war_lowers_trust_and_trade(tmp_path):
    quiet = write_scenario(tmp_path, f'extends = "{MINI_NO_PACT}"\n[remove]\nids = ["arms"]\n',
                           "q.toml")
    war = write_scenario(tmp_path, f'''extends = "{MINI_NO_PACT}"
[remove]
ids = ["invade", "arms"]
[[add]]
id = "war"
date = "2001-06"
type = "invasion"
actor = "AGG"
target = "OBS"
severity = 1.0
note = "test"
''')
    a, b = run(war, 6), run(quiet, 6)
    agg, obs, hub = idx(a, "AGG", "OBS", "HUB")
    assert a.state.war[agg, obs] == 1.0
    assert a.state.trust[obs, agg] < b.state.trust[obs, agg] - 0.2
    assert a.state.exports[obs, agg] < 0.2 * b.state.exports[obs, agg]
    assert a.state.capability[agg] < b.state.capability[agg]  # attrition
    # HUB (no war) sees a violation of a norm it is committed to: its trust in AGG falls
    assert a.state.trust[hub, agg] < b.state.trust[hub, agg]


def test_same_seed_same_run_different_seed_different_run():
    a, b, c = run(MINI_BASE, 11), run(MINI_BASE, 11), run(MINI_BASE, 12)
    assert np.array_equal(a.metric_values, b.metric_values)
    assert np.array_equal(a.relations, b.relations)
    assert not np.array_equal(a.relations, c.relations)


def test_noise_free_runs_do_not_depend_on_the_seed():
    a = run(MINI_BASE, 1, perception_noise_sd=0.0, trust_noise_sd=0.0)
    b = run(MINI_BASE, 2, perception_noise_sd=0.0, trust_noise_sd=0.0)
    assert np.array_equal(a.relations, b.relations)


def test_events_fire_in_their_month_and_are_logged():
    m = run(MINI_BASE)
    log = m.events_table()
    assert list(log["id"]) == ["invade", "arms", "pact", "tech"]
    assert str(log.loc[log["id"] == "pact", "month"].iloc[0])[:7] == "2003-01"


def test_flow_expires_at_until(tmp_path):
    s = write_scenario(tmp_path, f'''extends = "{MINI_NO_PACT}"
[remove]
ids = ["arms"]
[[add]]
id = "arms2"
date = "2001-01"
type = "arms_transfer"
supplier = "SAT"
recipient = "AGG"
volume = 2.0
until = "2002-01"
note = "test"
''')
    m = AllianceModel(load_scenario(s), rng=1)
    sat, agg = idx(m, "SAT", "AGG")
    for _ in range(24):  # the mini-world starts in 2000-01
        m.step()
    assert m.date_label == "2001-12" and m.state.arms_flow[sat, agg] == 2.0
    m.step()
    assert m.state.arms_flow[sat, agg] == 0.0  # 2002-01


def test_stepping_past_the_end_is_an_error():
    m = run(MINI_BASE)
    assert m.finished
    with pytest.raises(RuntimeError):
        m.step()
        m.step()
