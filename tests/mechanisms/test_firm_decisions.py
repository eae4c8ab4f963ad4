"""Firm kernels on scripted arrays: stress, exposures, exit terms and the stay/sell decision."""

import numpy as np
import pytest

from model.mechanisms import firms as fm
from tests.mechanisms.records import record

NO_RULES = np.zeros((2, 4))  # hosts' exit terms: discount, contribution, seizure, delay


def test_firm_stress_and_exit_cost():
    s = np.array([[0, 0.5], [0.2, 0]])
    b = np.array([[0, 0.4], [0, 0]])
    loss = fm.profit_loss(s, b, np.zeros((2, 2)), np.array([1.0, 0.7]), np.array([0]),
                          np.array([1]),
                          record(firm_sanction_weight=1.0, firm_ban_weight=0.5,
                                 firm_ally_weight=0.3, firm_demand_weight=1.0))
    # the heavier of sanctions (1.0 × 0.5) and export controls (0.5 × 0.4), plus demand
    assert loss[0] == pytest.approx(0.5 + 0.3)
    b[0, 1] = 1.4  # controls now weigh more than the sanctions: they set the loss
    loss = fm.profit_loss(s, b, np.zeros((2, 2)), np.array([1.0, 0.7]), np.array([0]),
                          np.array([1]),
                          record(firm_sanction_weight=1.0, firm_ban_weight=0.5,
                                 firm_ally_weight=0.3, firm_demand_weight=1.0))
    assert loss[0] == pytest.approx(0.7 + 0.3)
    risk = fm.political_risk(np.array([[0, 0.6], [0, 0]]), np.array([[0, 0.2], [0, 0]]),
                             np.array([[0, 0.5], [0, 0]]), np.array([0.0, 1.0]),
                             np.array([0]), np.array([1]),
                             record(firm_threat_weight=1.0, firm_pressure_weight=0.5,
                                    firm_war_weight=0.2))
    assert risk[0] == pytest.approx(0.4 + 0.25 + 0.2)
    # the sector weights the group's loss and risk: e^S·loss + e^P·risk + peer
    assert fm.firm_stress(1.4, 0.6, 1.0, 0.85, 0.1) == pytest.approx(1.4 + 0.51 + 0.1)


def test_sale_keeps_less_under_each_exit_barrier():
    """k = (1-δ)(1-κ)(1-q)(1-ρ)^d; x = 1 - (1-σ)k."""
    p = record(firm_sale_wait_discount=0.02)
    assert fm.sale_keep(0.0, 0.0, 0.0, 0.0, p) == 1.0
    keep = fm.sale_keep(0.5, 0.1, 0.05, 6.0, p)
    assert keep == pytest.approx(0.5 * 0.9 * 0.95 * 0.98 ** 6)
    assert fm.exit_cost(0.7, keep) == pytest.approx(1 - 0.3 * keep)
    assert fm.exit_cost(0.7, fm.sale_keep(0.5, 0.1, 0.0, 0.0, p)) == pytest.approx(
        1 - 0.3 * 0.5 * 0.9)


def test_presence_is_a_share_despite_rounding_residue():
    out = fm.presence(np.array([-4.7e-13, 2.0, 0.5, 0.25]), np.array([1.0, 1.0, 0.0, 0.5]))
    assert out.tolist() == [0.0, 1.0, 0.0, 0.5]


def _decide(status, months=0.0, loss=1.0, risk=0.0, sunk=0.0, tol=1.0, exposure=(1.0, 1.0),
            profit=0.0, rules=NO_RULES, **values):
    """One firm in host 1 with group stress loss + risk; returns (suspend, resume, sell)."""
    params, one = _params(values), np.array
    _, _, suspend, resume, sell, _ = fm.decisions(
        one([0]), one([1]), one([tol]), one([status], dtype=np.int8), one([-1]), one([months]),
        one([sunk]), one([exposure[0]]), one([exposure[1]]), one([profit]), one([loss]),
        one([risk]), one([0.0]), rules, np.zeros(2), params)
    return suspend.size == 1, resume.size == 1, sell.size == 1


def _params(values):
    from model.params import ParamSet

    return ParamSet({"firm_hysteresis": 0.1, "firm_exit_margin": 0.3,
                     "firm_exit_cost_weight": 0.0, **values}).record()


def test_idle_cost_is_bounded_by_its_cap():
    """A suspended firm sells when -w_x·x - (τ + π - s - min(c·m, c̄)) > μ: past the cap, more
    idle months add nothing."""
    def sells(months: float, cap: float) -> bool:
        return _decide(fm.SUSPENDED, months, firm_idle_cost=0.1, firm_idle_cost_cap=cap)[2]

    # stress 1.0 = tolerance: the idle term must exceed the margin 0.3
    assert sells(4.0, cap=10.0) and not sells(2.0, cap=10.0)  # 0.4 > 0.3 > 0.2
    assert not sells(4.0, cap=0.25) and not sells(400.0, cap=0.25)  # capped at 0.25 < 0.3
    assert sells(400.0, cap=0.35)


def test_sector_exposure_and_profit_from_staying_decide_who_suspends():
    """Group loss 0.8, risk 0.3, τ = 1: a bank (e^S 1.4) suspends (1.12 + 0.3 > 1), a food
    maker (e^S 0.4, π 0.4) does not (0.32 + 0.36 < 1.4); profit alone can hold a firm."""
    bank = _decide(fm.OPERATING, loss=0.8, risk=0.3, exposure=(1.4, 1.0))
    food = _decide(fm.OPERATING, loss=0.8, risk=0.3, exposure=(0.4, 1.2), profit=0.4)
    assert bank[0] and not food[0]
    assert _decide(fm.OPERATING, loss=1.1, risk=0.0)[0]
    assert not _decide(fm.OPERATING, loss=1.1, risk=0.0, profit=0.2)[0]


def test_host_exit_terms_hold_a_suspended_firm_back():
    """s = 1.6, τ = 1, idle 0.2 (capped), w_x = 1, σ = 0.3: without rules x = 0.3 and
    -0.3 + 0.8 = 0.5 > μ 0.3 → sells; under a 50% discount and 10% contribution
    x = 1 - 0.7·0.45 = 0.685 → 0.115 < 0.3 → stays idle; a seizure risk alone
    (q = 0.5: x = 0.65) does the same."""
    kw = dict(months=50.0, loss=1.6, sunk=0.3, firm_idle_cost=0.02, firm_idle_cost_cap=0.2,
              firm_exit_cost_weight=1.0, firm_sale_wait_discount=0.0)
    assert _decide(fm.SUSPENDED, **kw)[2]
    rules = NO_RULES.copy()
    rules[1] = [0.5, 0.1, 0.0, 0.0]
    assert not _decide(fm.SUSPENDED, rules=rules, **kw)[2]
    rules[1] = [0.0, 0.0, 0.5, 0.0]
    assert not _decide(fm.SUSPENDED, rules=rules, **kw)[2]
    rules[1] = [0.0, 0.0, 0.0, 24.0]  # a two-year approval at ρ = 0.02 a month: keep 0.616
    assert not _decide(fm.SUSPENDED, rules=rules,
                       **{**kw, "firm_sale_wait_discount": 0.02})[2]
