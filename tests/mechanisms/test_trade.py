"""Trade: frictions, deflection (Haidar's two-thirds), partial adjustment."""

import numpy as np
import pytest

from model.mechanisms import rerouting as rr
from model.mechanisms import trade as td
from tests.mechanisms.records import record

Z = np.zeros((3, 3))
FRICTION = record(trade_sanction_friction=2.0, trade_ban_friction=1.0,
                  trade_distrust_friction=0.8, trade_war_friction=3.0)


def _shares(share, trust_weight):
    return record(deflection_share=share, deflection_trust_weight=trust_weight)


def test_friction_sanctions_bite_both_ways():
    s = Z.copy()
    s[0, 1] = 0.5
    f = td.frictions(s, Z, Z, Z, Z, FRICTION)[td.OTHER]
    assert f[0, 1] == pytest.approx(np.exp(-1.0)) and f[1, 0] == pytest.approx(np.exp(-1.0))
    assert f[0, 2] == 1.0


def test_friction_export_ban_one_way_and_distrust():
    b = Z.copy()
    b[0, 1] = 1.0
    t = Z.copy()
    t[0, 2] = t[2, 0] = -0.5
    f = td.frictions(Z, b, Z, t, Z, FRICTION)[td.OTHER]
    assert f[0, 1] == pytest.approx(np.exp(-1.0)) and f[1, 0] == 1.0
    assert f[0, 2] == pytest.approx(np.exp(-0.4))


def test_import_ban_bears_on_its_flow_like_an_export_ban_and_not_on_fuels():
    m = Z.copy()
    m[0, 1] = 1.0  # importer 1 bans goods from exporter 0 (on the flow 0 -> 1)
    f = td.frictions(Z, Z, m, Z, Z, FRICTION)
    assert f[td.OTHER, 0, 1] == pytest.approx(np.exp(-1.0)) and f[td.OTHER, 1, 0] == 1.0
    assert f[td.ENERGY, 0, 1] == 1.0
    both = td.frictions(Z, m, m, Z, Z, FRICTION)  # banned by both sides: banned once
    assert both[td.OTHER, 0, 1] == pytest.approx(np.exp(-1.0))


def test_border_closure_stops_its_share_of_every_flow_both_ways_at_once():
    closure = np.array([0.0, 0.9, 0.0])  # state 1 closes its borders
    c = td.open_borders(closure)
    assert c[0, 1] == pytest.approx(0.1) and c[1, 0] == pytest.approx(0.1)
    assert c[1, 2] == pytest.approx(0.1) and c[0, 2] == 1.0  # others' flows untouched
    # a closure is not a friction: it binds the month it is decided, on every part, while
    # a sanction's friction reaches the flow only at the adjustment rate
    x0 = np.full((2, 3, 3), 10.0)
    p = record(trade_adjust_rate=0.25, reroute_adjust_rate=0.3, deflection_share=1.0,
               import_substitution_share=1.0)
    ones = np.ones((2, 3, 3))
    x = td.step_trade(np.zeros((3, 3)), ones.copy(), x0, ones, ones, np.ones((3, 3)),
                      np.ones((3, 3)), c, Z, Z, Z, np.zeros(3), np.zeros(3, dtype=np.bool_), p)
    assert x[0, 1] == pytest.approx(0.1 * 20.0)
    # ... and the trade it stops is not rerouted to the open pairs (full deflection here)
    assert x[0, 2] == pytest.approx(20.0)


def test_a_ban_binds_at_once_while_a_sanction_adjusts():
    """A ban is a legal prohibition in force from its date: its part of the friction reaches
    the flow the same month; a sanction's (country risk, contracts) only at the rate r."""
    p = record(trade_adjust_rate=0.25, reroute_adjust_rate=0.1, trade_ban_friction=1.0,
               trade_sanction_friction=1.0, deflection_share=0.0, import_substitution_share=0.0)
    b = Z.copy()
    b[0, 1] = 1.0  # 0 bans its exports of other goods to 1
    x0 = np.zeros((2, 3, 3))
    x0[td.OTHER] = 10.0
    fric0, ban0 = td.frictions(Z, Z, Z, Z, Z, p), td.bans(Z, Z, p)
    assert td.bans(b, Z, p)[0, 1] == pytest.approx(np.exp(-1.0))
    assert td.bans(Z, b, p)[0, 1] == pytest.approx(np.exp(-1.0))  # an import ban alike
    openness = np.ones((2, 3, 3))
    x = td.step_trade(np.zeros((3, 3)), openness, x0, td.frictions(Z, b, Z, Z, Z, p), fric0,
                      td.bans(b, Z, p), ban0, np.ones((3, 3)), Z, Z, b, np.zeros(3),
                      np.zeros(3, dtype=np.bool_), p)
    assert x[0, 1] == pytest.approx(10.0 * np.exp(-1.0))  # the whole ban, the first month
    assert openness[td.OTHER, 0, 1] == pytest.approx(1.0)  # nothing left to adjust
    s = Z.copy()
    s[1, 0] = 1.0  # a sanction instead: a quarter of the way in the first month
    openness = np.ones((2, 3, 3))
    x = td.step_trade(np.zeros((3, 3)), openness, x0, td.frictions(s, Z, Z, Z, Z, p), fric0,
                      ban0, ban0, np.ones((3, 3)), Z, s, Z, np.zeros(3),
                      np.zeros(3, dtype=np.bool_), p)
    assert x[0, 1] == pytest.approx(10.0 * (1.0 - 0.25 * (1.0 - np.exp(-1.0))))


def test_deflection_share_and_destination():
    # exporter 0 loses its flow to 1 (sanctioned); 2 is a trusted, unsanctioned partner
    base = np.array([[0, 10.0, 10.0], [0, 0, 0], [0, 0, 0]])
    direct = np.array([[0, 0.0, 10.0], [0, 0, 0], [0, 0, 0]])
    out = td.deflect(base, direct, *rr.losses(base, direct), Z, Z,
                     _shares(share=0.67, trust_weight=2.0))
    assert out.sum() == pytest.approx(6.7)  # two-thirds of the destroyed 10
    assert out[0, 2] == pytest.approx(6.7)  # all to the only open partner


def test_deflection_prefers_trusted_partners():
    base = np.zeros((4, 4))
    base[0, 1:] = 10.0
    direct = base.copy()
    direct[0, 1] = 0.0
    t = np.zeros((4, 4))
    t[0, 2], t[0, 3] = 0.8, -0.8
    out = td.deflect(base, direct, *rr.losses(base, direct), t, np.zeros((4, 4)),
                     _shares(share=1.0, trust_weight=2.0))
    assert out[0, 2] > 5 * out[0, 3]


def test_partial_adjustment_and_base_growth():
    assert td.partial_adjustment(np.array([10.0]), np.array([20.0]), 0.1)[0] == pytest.approx(
        11.0)
    x0 = np.array([[0, 4.0], [1.0, 0]])
    parts = td.free_flows(x0, np.array([1.21, 1.0]), 1.1, np.array([1.0, 0.0]),
                          np.array([2.0, 1.0]), np.zeros((2, 2)),
                          record(energy_income_elasticity=0.25))
    b = parts.sum(axis=0)
    # structural gravity: X ∝ g_i g_j / g_W = 1.21 / 1.1 (unit income elasticities)
    assert b[0, 1] == pytest.approx(4.0 * 1.1 * 2)  # energy exporter's exports: price × volume
    assert b[1, 0] == pytest.approx(1.0 * 1.1 * 2 ** 0.25)  # ... and its imports (income)
    # a pair that outgrows the world trades a larger share of it
    fast = td.free_flows(x0, np.array([1.21, 1.21]), 1.1, np.zeros(2), np.ones(2),
                         np.zeros((2, 2)), record(energy_income_elasticity=0.0)).sum(axis=0)
    assert fast[0, 1] == pytest.approx(4.0 * 1.21 ** 2 / 1.1)


def test_deflection_avoids_sanctioning_partners():
    base = np.zeros((4, 4))
    base[0, 1:] = 10.0
    direct = base.copy()
    direct[0, 1] = 0.0  # lost to 1
    s = np.zeros((4, 4))
    s[3, 0] = 1.0  # 3 sanctions 0: no deflection there
    out = td.deflect(base, direct, *rr.losses(base, direct), np.zeros((4, 4)), s,
                     _shares(share=1.0, trust_weight=0.0))
    # none to the sanctioning buyer; the open buyer is half of the alternatives (by their
    # no-friction flows), so it absorbs half of the lost 10
    assert out[0, 3] == 0.0 and out[0, 2] == pytest.approx(5.0)


def test_firm_ties_scale_only_pairs_with_firms():
    base = np.full((3, 3), 2.0)
    out = td.firm_ties(base, np.array([0, 2]), np.array([1, 1]), np.array([0.5, 1.0]),
                       record(firm_trade_tie=0.4))
    assert out[0, 1] == pytest.approx(2.0 * (1 - 0.4 * 0.5))  # half the firms gone
    assert out[2, 1] == 2.0  # all still operating
    assert out[1, 0] == 2.0 and base[0, 1] == 2.0  # other pairs, and the input, untouched
