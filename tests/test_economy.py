"""The economy on the default world: observed prices as inputs, the EU's energy embargo,
and the two trade accountings."""

import dataclasses

import numpy as np
import pytest

from model.model import AllianceModel
from model.scenario import load_scenario
from model.world import load_world


def test_prices_are_observed_then_follow_the_declared_trend():
    w = load_world("default")
    assert w.price_index("oil", 2013) == 1.0
    assert w.price_index("oil", 2015) == pytest.approx(50.75 / 104.08)  # Pink Sheet, sourced
    assert w.price_index("gas", 2021) == pytest.approx(16.12 / 11.79)
    last = w.price_index("oil", 2024)
    assert w.price_index("oil", 2030) == pytest.approx(last)  # flat by default
    assert w.price_index("oil", 2026, trend=0.05) == pytest.approx(last * 1.05**2)
    assert w.price_index("coal", 2020) == 1.0  # a series the world does not give


def test_russias_energy_price_index_mixes_oil_and_gas():
    m = AllianceModel("baseline", rng=1, end="2021-12", record_relations=False)
    r = m.world.index("RUS")
    k = 2021 * 12 - m.start_month  # January 2021
    oil, gas = 69.07 / 104.08, 16.12 / 11.79
    assert m.energy_price_path[k, r] == pytest.approx(0.8 * oil + 0.2 * gas)
    assert m.energy_price_path[k, m.world.index("USA")] == pytest.approx(oil)


def _run(drop_tag=None, end="2023-12", params=None):
    sc = load_scenario("baseline", end=end)
    if drop_tag:
        sc = dataclasses.replace(sc, events=tuple(e for e in sc.events if drop_tag not in e.tags))
    return AllianceModel(sc, rng=3, params=params, record_relations=False).run()


def test_the_eu_energy_embargo_reroutes_russian_energy_at_a_discount():
    # with fuels exempt from the sanctions friction, the embargo alone removes EU energy
    # trade; otherwise the sanctions have already squeezed it and the comparison mixes the two
    exempt = {"trade_sanction_energy_exposure": 0.0}
    with_ban, without = _run(params=exempt), _run(drop_tag="energy_embargo", params=exempt)
    w = with_ban.world
    r, eu = w.index("RUS"), w.index("EU")
    asia = [w.index("CHN"), w.index("IND")]
    assert with_ban.state.energy_ban[r, eu] == 0.6 and without.state.energy_ban[r].sum() == 0
    x1, x0 = with_ban.state.exports, without.state.exports
    assert x1[r, eu] < 0.8 * x0[r, eu]
    assert x1[r, asia].sum() > x0[r, asia].sum()
    assert x1[r].sum() < x0[r].sum()  # resold at a discount, and not all of it


def test_customs_and_transfers_bases_differ_only_by_arms_payments():
    m = AllianceModel("baseline", rng=2, end="2025-12", record_relations=True).run()
    ts = m.timeseries().iloc[-1]
    assert m.state.transfers.sum() > 0  # DPRK munitions are paid in goods by 2025
    assert ts["prk_trade_share_chn_with_transfers"] < ts["prk_trade_share_chn"]
    rel = m.relations_table()
    last = rel[rel["date"] == rel["date"].max()].set_index(["source", "target"])
    assert last.loc[("RUS", "PRK"), "transfers_usd_bn"] > 0
    assert np.isclose(last.loc[("RUS", "PRK"), "exports_usd_bn"],
                      m.state.exports[m.world.index("RUS"), m.world.index("PRK")])
