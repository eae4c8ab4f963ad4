"""World prices, energy embargoes and the three rerouting channels, on scripted arrays."""

import numpy as np
import pytest

from model.mechanisms import energy as en
from model.mechanisms import rerouting as rr
from model.mechanisms import trade as td
from tests.mechanisms.records import record


def test_energy_price_and_revenue_index():
    pi = en.price_index(np.array([0.0, 0.25]), 0.5, 2.0)  # oil halves, gas doubles
    assert pi == pytest.approx([0.5, 0.875])
    assert en.revenue_index(np.array([0.0, 0.8]), pi) == pytest.approx([1.0, 0.8 * 0.875 + 0.2])


def test_embargoed_energy_is_resold_to_non_banning_importers_at_a_discount():
    energy = np.zeros((3, 3))
    energy[0, 1], energy[0, 2] = 10.0, 5.0  # exporter 0 sells to 1 and 2
    ban = np.zeros((3, 3))
    ban[0, 1] = 0.5  # importer 1 bans half of its energy imports from 0
    en.reroute(energy, ban, record(energy_reroute_discount=0.2))
    # lost 5, resold 0.8 * 5 = 4, all to importer 2 (importer 1 offers no outlet for what it
    # refuses itself)
    assert energy[0, 1] == pytest.approx(5.0)
    assert energy[0, 2] == pytest.approx(5.0 + 4.0)
    untouched = np.ones((3, 3))
    en.reroute(untouched, np.zeros((3, 3)), record())
    assert (untouched == 1.0).all()


def test_embargoes_are_nested_a_common_ban_leaves_no_outlet():
    energy = np.zeros((4, 4))
    energy[0, 1:] = [10.0, 10.0, 20.0]
    common = np.zeros((4, 4))
    common[0, 1:] = 0.6  # every importer bans 0.6 of exporter 0's energy (a UN-style regime)
    en.reroute(energy, common, record(energy_reroute_discount=0.0))
    assert energy[0, 1:] == pytest.approx([4.0, 4.0, 8.0])  # removed, resold nowhere
    energy = np.zeros((4, 4))
    energy[0, 1:] = [10.0, 10.0, 20.0]
    some = np.zeros((4, 4))
    some[0, 1], some[0, 2] = 1.0, 0.5  # 1 bans all, 2 half, 3 nothing
    en.reroute(energy, some, record(energy_reroute_discount=0.0))
    # 1's 10: outlets 2 (nu = 0.5, c = 10) and 3 (nu = 1, c = 20): 2 and 8;
    # 2's 5: outlet 3 only (nu = 1; 1 bans more): 5
    assert energy[0, 1:] == pytest.approx([0.0, 5.0 + 2.0, 20.0 + 8.0 + 5.0])


def test_free_flows_price_fuels_and_leave_other_goods_to_the_economy():
    x0 = np.array([[0.0, 100.0], [50.0, 0.0]])
    parts = td.free_flows(x0, np.ones(2), 1.0, np.array([0.6, 0.0]), np.array([0.5, 1.0]),
                          np.zeros((2, 2)), record(energy_income_elasticity=0.0))
    assert parts[td.ENERGY, 0, 1] == pytest.approx(100 * 0.6 * 0.5)  # value = price × volume
    assert parts[td.OTHER, 0, 1] == pytest.approx(100 * 0.4)
    assert parts[td.ENERGY, 1, 0] == 0.0 and parts[td.OTHER, 1, 0] == pytest.approx(50.0)
    rich = td.free_flows(x0, np.ones(2), 1.0, np.array([0.6, 0.0]), np.array([2.0, 1.0]),
                         np.zeros((2, 2)), record(energy_income_elasticity=1.0))
    # the energy exporter imports in proportion to its revenue index R = 0.6 * 2 + 0.4 = 1.6
    assert rich[td.OTHER, 1, 0] == pytest.approx(50.0 * 1.6)


def test_sanctions_bear_on_fuels_only_through_their_financial_share():
    s = np.array([[0.0, 0.5], [0.0, 0.0]])
    z = np.zeros((2, 2))
    exempt = td.frictions(s, z, z, z, z, record(trade_sanction_friction=2.0,
                                             trade_sanction_energy_exposure=0.0))
    assert exempt[td.OTHER, 0, 1] == pytest.approx(np.exp(-1.0))
    assert exempt[td.ENERGY, 0, 1] == 1.0
    exposed = td.frictions(s, z, z, z, z, record(trade_sanction_friction=2.0,
                                              trade_sanction_energy_exposure=0.25))
    assert exposed[td.OTHER, 0, 1] == pytest.approx(np.exp(-1.0))
    assert exposed[td.ENERGY, 0, 1] == pytest.approx(np.exp(-0.25))
    ban = td.frictions(z, s, z, z, z, record(trade_ban_friction=2.0,
                                          trade_sanction_energy_exposure=1.0))
    assert ban[td.ENERGY, 0, 1] == 1.0  # export bans never bear on fuels


def test_rerouted_trade_builds_up_at_its_own_slower_rate():
    """The direct part adjusts at r, the rerouted stock at r_Z: one month after a sanction,
    the destroyed flow has fallen by r of its loss, while deflection has built only r_Z of its
    target."""
    x0 = np.array([[0.0, 10.0, 10.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    parts = np.zeros((2, 3, 3))
    parts[td.OTHER] = x0
    s = np.zeros((3, 3))
    s[1, 0] = 1.0  # state 1 sanctions exporter 0
    z = np.zeros((3, 3))
    p = record(trade_sanction_friction=np.log(2.0), trade_adjust_rate=0.5,
               reroute_adjust_rate=0.1, deflection_share=1.0, deflection_trust_weight=0.0,
               import_substitution_share=0.0)
    fric = td.frictions(s, z, z, z, z, p)
    rerouted, openness = np.zeros((3, 3)), np.ones((2, 3, 3))
    x = td.step_trade(rerouted, openness, parts, fric, np.ones((2, 3, 3)), np.ones((3, 3)),
                      np.ones((3, 3)), np.ones((3, 3)), z, s, z,
                      np.zeros(3), np.zeros(3, dtype=np.bool_), p)
    assert x[0, 1] == pytest.approx(10.0 - 0.5 * 5.0)  # direct: halfway to 5 in one month
    assert rerouted[0, 2] == pytest.approx(0.1 * 5.0)  # deflection: 10% of the lost 5
    assert x[0, 2] == pytest.approx(10.0 + 0.5)


def test_prices_pass_through_at_once_frictions_adjust_at_their_rate():
    """Value = price × volume: when the world price halves, a flow's value halves the same
    month; a new friction takes effect only at the rate r, whatever the price does."""
    x0 = np.array([[0.0, 10.0], [0.0, 0.0]])
    parts = np.zeros((2, 2, 2))
    parts[td.ENERGY] = 0.5 * x0  # the price has halved
    z, s = np.zeros((2, 2)), np.zeros((2, 2))
    p = record(trade_adjust_rate=0.25, reroute_adjust_rate=0.1, trade_sanction_friction=1.0,
               trade_sanction_energy_exposure=1.0, deflection_share=0.0,
               import_substitution_share=0.0)
    openness = np.ones((2, 2, 2))
    x = td.step_trade(np.zeros((2, 2)), openness, parts, td.frictions(s, z, z, z, z, p),
                      np.ones((2, 2, 2)), np.ones((2, 2)), np.ones((2, 2)), np.ones((2, 2)), z,
                      s, z, np.zeros(2),
                      np.zeros(2, dtype=np.bool_), p)
    assert x[0, 1] == pytest.approx(5.0)
    s[1, 0] = 1.0  # now a sanction: the friction factor falls to e^-1, a quarter of the way
    x = td.step_trade(np.zeros((2, 2)), openness, parts, td.frictions(s, z, z, z, z, p),
                      np.ones((2, 2, 2)), np.ones((2, 2)), np.ones((2, 2)), np.ones((2, 2)), z,
                      s, z, np.zeros(2),
                      np.zeros(2, dtype=np.bool_), p)
    assert openness[td.ENERGY, 0, 1] == pytest.approx(1.0 - 0.25 * (1.0 - np.exp(-1.0)))
    assert x[0, 1] == pytest.approx(5.0 * openness[td.ENERGY, 0, 1])


def test_import_substitution_goes_to_remaining_suppliers_by_current_supply():
    frictionless, direct = np.zeros((4, 4)), np.zeros((4, 4))
    frictionless[0, 2] = 10.0  # supplier 0's flow to 2 is destroyed
    direct[1, 2], direct[3, 2] = 6.0, 2.0
    frictionless[1, 2], frictionless[3, 2] = 6.0, 2.0
    sanctions = np.zeros((4, 4))
    sanctions[3, 2] = 0.5  # supplier 3 half-sanctions the importer
    lost, cut = rr.losses(frictionless, direct)
    out = rr.substitute_imports(frictionless, direct, lost, cut, sanctions, np.zeros(4),
                                record(import_substitution_share=0.7))
    # weights: what each remaining supplier sells now, net of sanctions (6 and 2 × 0.5), over
    # what they would sell without frictions (6 + 2): the half-closed supplier takes less,
    # and the total re-sourced is below σ·10
    assert out[1, 2] == pytest.approx(0.7 * 10 * 6 / 8)
    assert out[3, 2] == pytest.approx(0.7 * 10 * 1 / 8)
    replaced = rr.substitute_imports(frictionless, direct, lost, cut, sanctions,
                                     np.array([0, 0, 4.0, 0]),
                                     record(import_substitution_share=0.7))
    # what hubs replaced (4 of the 10 lost) is not re-sourced
    assert replaced[:, 2].sum() == pytest.approx(0.7 * 6 * 7 / 8)


def _hub_world(ban_01):
    """Exporter 0 bans ``ban_01`` of its goods to 1 (10 a year); state 2 is the hub, which
    sells 1 4 a year: (other goods, bans, hubs, open routes, parameters)."""
    other = np.zeros((3, 3))
    other[0, 1], other[2, 1] = 10.0, 4.0
    ban = np.zeros((3, 3))
    ban[0, 1] = ban_01
    p = record(reexport_share=0.3, reexport_enforcement_effect=2.0, trade_ban_friction=1.5)
    return other, ban, np.array([False, False, True]), np.ones((3, 3)), p


def test_reexports_through_the_hub_shrink_with_enforcement():
    other, ban, hubs, route, p = _hub_world(1.0)
    banned = 10.0 * (1 - np.exp(-1.5))
    free = rr.reexports(other, ban, route, np.zeros(3), hubs, p)
    assert free[2, 1] == pytest.approx(0.3 * banned)
    enforced = rr.reexports(other, ban, route, np.array([0.5, 0.0, 0.0]), hubs, p)
    assert enforced[2, 1] == pytest.approx(0.3 * banned * np.exp(-1.0))
    assert rr.reexports(other, ban, route, np.zeros(3), np.zeros(3, dtype=bool), p).sum() == 0.0


def test_reexports_pass_only_the_hubs_open_route_and_the_goods_it_does_not_ban_itself():
    other, ban, hubs, route, p = _hub_world(0.8)
    full = rr.reexports(other, ban, route, np.zeros(3), hubs, p)[2, 1]
    route[2, 1] = 0.25  # the hub's own route to the target is three-quarters closed
    assert rr.reexports(other, ban, route, np.zeros(3), hubs, p)[2, 1] == pytest.approx(
        0.25 * full)
    route[2, 1] = 1.0
    ban[2, 1] = 0.2  # the hub bans a quarter of the same goods itself
    assert rr.reexports(other, ban, route, np.zeros(3), hubs, p)[2, 1] == pytest.approx(
        0.75 * full)
    ban[2, 1] = 0.8  # a common regime: the hub bans them all, nothing passes
    assert rr.reexports(other, ban, route, np.zeros(3), hubs, p)[2, 1] == 0.0


def test_rerouted_trade_never_returns_to_the_partner_it_was_lost_on():
    """A partly sanctioning buyer (S = 0.5) keeps half its direct flow; the half it loses is
    deflected to the exporter's other buyer only. With no other buyer, nothing is deflected;
    the same holds for import substitution on the importer's side."""
    frictionless = np.array([[0.0, 10.0, 10.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    direct = frictionless.copy()
    direct[0, 1] = 5.0
    s = np.zeros((3, 3))
    s[1, 0] = 0.5
    p = record(deflection_share=1.0, deflection_trust_weight=0.0, import_substitution_share=1.0)
    out = rr.deflect(frictionless, direct, *rr.losses(frictionless, direct), np.zeros((3, 3)),
                     s, p)
    assert out[0, 1] == 0.0 and out[0, 2] == pytest.approx(5.0)
    f2, d2 = frictionless[:2, :2].copy(), direct[:2, :2].copy()
    alone = rr.deflect(f2, d2, *rr.losses(f2, d2), np.zeros((2, 2)), s[:2, :2].copy(), p)
    assert alone.sum() == 0.0
    ft, dt = frictionless.T.copy(), direct.T.copy()
    imports = rr.substitute_imports(ft, dt, *rr.losses(ft, dt), s.T.copy(), np.zeros(3), p)
    assert imports[1, 0] == 0.0 and imports[2, 0] == pytest.approx(5.0)


def _spread_direct(lost, w, w0, cut):
    """The definition of rerouting.spread, summed term by term in O(N³)."""
    n = lost.shape[0]
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if j == i or lost[i, j] <= 0 or cut[i, j] <= 0:
                continue
            nu = np.array([max(0.0, 1 - cut[i, k] / cut[i, j]) for k in range(n)])
            nu[j] = 0.0
            market = sum(w0[i, k] for k in range(n) if k != j and cut[i, k] <= cut[i, j])
            norm = max(market, (w[i] * nu).sum())
            if norm <= 1e-300:
                continue
            out[i] += lost[i, j] * w[i] * nu / norm
    return out


def test_spread_by_prefix_sums_equals_its_definition():
    rng = np.random.default_rng(5)
    for n in (2, 3, 7, 12):
        lost = rng.uniform(0, 5, (n, n)) * (rng.uniform(size=(n, n)) < 0.6)
        w0 = rng.uniform(0, 3, (n, n))
        w = w0 * rng.uniform(0, 1.2, (n, n))  # some partners more open than at the start
        cut = rng.uniform(0, 1, (n, n)) * (rng.uniform(size=(n, n)) < 0.7)
        cut[:, 0] = cut[:, 1]  # ties: equally restricted partners take nothing from each other
        for m in (lost, w, w0, cut):
            np.fill_diagonal(m, 0.0)
        assert np.allclose(rr.spread(lost, w, w0, cut), _spread_direct(lost, w, w0, cut),
                           rtol=1e-12, atol=1e-12)


def test_spread_reroutes_over_the_market_a_lost_flow_competes_in():
    # exporter 0 loses 6 on its flow to 1 (cut 0.6); 2 restricts as much (a common regime: no
    # outlet, but part of the market); 3 is unrestricted; 4 is closed for its own reasons more
    # than 1 (no outlet and no part of the market)
    lost = np.zeros((5, 5))
    lost[0, 1] = 6.0
    cut = np.zeros((5, 5))
    cut[0, 1], cut[0, 2], cut[0, 4] = 0.6, 0.6, 0.9
    w0 = np.zeros((5, 5))
    w0[0, 1:] = [10.0, 15.0, 5.0, 40.0]
    w = w0 * (1 - cut)
    out = rr.spread(lost, w, w0, cut)
    assert out[0, 3] == pytest.approx(6.0 * 5.0 / 20.0) and out.sum() == out[0, 3]
    # without the common-regime partner, the open one is the whole market: all is rerouted
    w0[0, 2] = w[0, 2] = 0.0
    assert rr.spread(lost, w, w0, cut)[0, 3] == pytest.approx(6.0)
    # a partner more open than at the start cannot take more than was lost
    assert rr.spread(lost, 2.0 * w, w0, cut).sum() == pytest.approx(6.0)
