"""Trust mechanisms: relaxation, reciprocity, structural balance, shocks."""

import numpy as np
import pytest

from model.mechanisms import trade as td
from model.mechanisms import trust as tr
from tests.mechanisms.records import record, unchecked_record

# every term of step_trust switched off by its declared name; a test turns on the one it checks
KW = dict(trust_decay_rate=0.0, trust_reciprocity=0.0, trust_balance_rate=0.0,
          trust_sanction_penalty=0.0, trust_war_penalty=0.0, trust_trade_affinity=0.0,
          trust_cooperation_rate=0.0)
NONE = np.zeros(2, dtype=bool)  # no passive actors
Z2 = (np.zeros((2, 2)),) * 5  # sanctions, war, dependence, cooperation, noise


def test_relaxation_to_baseline():
    t = np.array([[0, 0.8], [0.8, 0]])
    out = tr.step_trust(t, np.zeros((2, 2)), *Z2, NONE, record(**{**KW, "trust_decay_rate": 0.1}))
    assert out[0, 1] == pytest.approx(0.72)


def test_reciprocity_pulls_toward_the_others_view():
    t = np.array([[0, 0.8], [-0.2, 0]])
    out = tr.step_trust(t, t.copy(), *Z2, NONE, record(**{**KW, "trust_reciprocity": 0.1}))
    assert out[0, 1] == pytest.approx(0.7)
    assert out[1, 0] == pytest.approx(-0.1)


def test_passive_actors_keep_their_relations():
    t = np.array([[0, 0.8], [0.8, 0]])
    out = tr.step_trust(t, np.zeros((2, 2)), *Z2, np.array([False, True]),
                        record(**{**KW, "trust_decay_rate": 0.1}))
    assert out[0, 1] == 0.8 and out[1, 0] == 0.8


def test_structural_balance_friend_of_enemy():
    # 0 likes 1 strongly; 1 hates 2: balance pushes 0's view of 2 negative
    t = np.array([[0, 0.9, 0.0], [0.9, 0, -0.9], [0.0, -0.9, 0]])
    pull = tr.balance_pull(t, record(trust_balance_rate=0.1))
    assert pull[0, 2] == pytest.approx(0.1 * 0.9 * -0.9)  # n-2 = 1 third party
    assert pull[0, 2] < 0


def test_balance_saturates_at_bounds():
    t = np.array([[0, 1.0, 1.0], [1.0, 0, 1.0], [1.0, 1.0, 0]])
    off = ~np.eye(3, dtype=bool)
    # β = 0.5 is above the declared bound (0.2): kept from the original test, a large rate
    # makes any non-zero pull at saturation the easier to see
    assert np.allclose(tr.balance_pull(t, unchecked_record(trust_balance_rate=0.5))[off], 0.0)


def test_being_sanctioned_lowers_trust_in_sender():
    t = np.zeros((2, 2))
    s = np.array([[0, 1.0], [0, 0]])  # 0 sanctions 1
    z = np.zeros((2, 2))
    out = tr.step_trust(t, z, s, z, z, z, z, NONE,
                        record(**{**KW, "trust_sanction_penalty": 0.05}))
    assert out[1, 0] == pytest.approx(-0.05)  # target's trust in the sender
    assert out[0, 1] == 0.0


def test_shock_moves_baseline_by_memory_share():
    t, b = np.zeros((2, 2)), np.zeros((2, 2))
    d = np.array([[0, -0.4], [0, 0]])
    tr.shock(t, b, d, record(trust_memory_share=0.5))
    assert t[0, 1] == pytest.approx(-0.4) and b[0, 1] == pytest.approx(-0.2)


def test_initial_trust_from_alignment_alliance_dispute():
    a = np.array([-1.0, -0.8, 1.0])
    al = np.zeros((3, 3))
    al[0, 1] = al[1, 0] = 1.0
    dis = np.zeros((3, 3))
    dis[0, 2] = dis[2, 0] = 0.2
    t = tr.initial_trust(a, al, dis, record(trust_init_alignment=0.7, trust_init_alliance=0.4,
                                            trust_init_dispute=0.6))
    assert t[0, 1] == pytest.approx(min(1.0, 0.7 * 0.8 + 0.4))
    assert t[0, 2] == pytest.approx(0.7 * (1 - 2) - 0.12)
    assert np.all(np.diag(t) == 0)


def test_realign_moves_anchor_and_baseline_for_the_pair_only():
    anchor, base = np.zeros((3, 3)), np.full((3, 3), 0.1)
    p = record(trust_init_alliance=0.4)
    tr.realign(anchor, base, 0, 2, 0.5, p)
    assert anchor[0, 2] == anchor[2, 0] == pytest.approx(0.2)
    assert base[0, 2] == base[2, 0] == pytest.approx(0.3)
    assert anchor[0, 1] == 0.0 and base[1, 2] == 0.1
    tr.realign(anchor, base, 0, 2, -0.5, p)  # the pact ends: the bonus is withdrawn
    assert anchor[0, 2] == pytest.approx(0.0) and base[0, 2] == pytest.approx(0.1)


def test_a_pact_signed_later_holds_trust_where_an_initial_pact_would():
    """With the anchor, a pact's trust no longer fades when shocks are forgiven: trust ends at
    w_A × strength above where it started, the same bonus an initial pact gives."""
    w_ally, strength = 0.4, 0.9
    p = record(**{**KW, "trust_decay_rate": 0.05}, trust_init_alignment=0.0,
               trust_init_alliance=w_ally, trust_init_dispute=0.0, trust_memory_share=0.5,
               trust_forgiveness_months=60.0)
    t = tr.initial_trust(np.zeros(2), np.zeros((2, 2)), np.zeros((2, 2)), p)
    base, anchor = t.copy(), t.copy()
    tr.realign(anchor, base, 0, 1, strength, p)
    tr.shock(t, base, np.array([[0, 0.4], [0.4, 0]]), p)
    for _ in range(3000):
        t = tr.step_trust(t, base, *Z2, NONE, p)
        tr.forgive(base, anchor, p)
    initial = tr.initial_trust(np.zeros(2), np.full((2, 2), strength), np.zeros((2, 2)), p)
    assert t[0, 1] == pytest.approx(initial[0, 1], abs=1e-3) == pytest.approx(0.36, abs=1e-3)


def test_cooperation_is_symmetric_and_saturates():
    arms = np.array([[0, 0.3, 0], [0, 0, 0], [0.9, 0, 0]])
    tech = np.array([[0, 0, 0], [0.2, 0, 0], [0, 0, 0]])
    troops = np.array([[0, 0, 0], [0, 0, 0], [0.5, 0, 0]])
    c = tr.cooperation(arms, tech, troops)
    assert np.array_equal(c, c.T)
    assert c[0, 1] == pytest.approx(0.5)  # 0.3 one way + 0.2 the other
    assert c[0, 2] == 1.0  # 0.9 + 0.5 saturates
    assert c[1, 2] == 0.0


def test_war_penalty_and_trade_affinity_are_read_by_their_own_names():
    """ω = ``trust_war_penalty`` multiplies war, α = ``trust_trade_affinity`` dependence: each
    case sets one to a known value and the other to 0 with both war and dependence present, so
    a kernel reading either name for the other term fails."""
    t = np.array([[0, 0.5], [0.5, 0]])
    war = np.array([[0, 1.0], [1.0, 0]])
    dep = td.dependence(np.array([[0, 30.0], [20.0, 0]]), np.array([100.0, 500.0]))
    assert dep.tolist() == [[0.0, 0.5], [0.1, 0.0]]
    z = np.zeros((2, 2))
    at_war = record(**{**KW, "trust_war_penalty": 0.2, "trust_trade_affinity": 0.0})
    out = t
    for month in range(1, 4):  # 0.2 lower each month (in full while T >= 0), both ways
        out = tr.step_trust(out, t, z, war, dep, z, z, NONE, at_war)
        assert out[0, 1] == pytest.approx(0.5 - 0.2 * month, abs=1e-12)
        assert out[1, 0] == pytest.approx(0.5 - 0.2 * month, abs=1e-12)
    out = tr.step_trust(out, t, z, war, dep, z, z, NONE, at_war)  # from -0.1: scaled by 0.9
    assert out[0, 1] == pytest.approx(-0.1 - 0.2 * 0.9, abs=1e-12)
    trading = record(**{**KW, "trust_war_penalty": 0.0, "trust_trade_affinity": 0.1})
    out = tr.step_trust(t, t, z, war, dep, z, z, NONE, trading)  # war regardless
    assert out[0, 1] == pytest.approx(0.5 + 0.1 * 0.5 * (1 - 0.5), abs=1e-12)
    assert out[1, 0] == pytest.approx(0.5 + 0.1 * 0.1 * (1 - 0.5), abs=1e-12)
