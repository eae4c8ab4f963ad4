"""The bounded trust update: drivers saturate near the bounds, so lasting conflict settles
trust inside them (issue: trust pinned at ±1 under long conflicts)."""

import numpy as np
import pytest

from model.mechanisms import trust as tr
from tests.mechanisms.records import record

OFF = dict(trust_reciprocity=0.0, trust_balance_rate=0.0, trust_sanction_penalty=0.0,
           trust_trade_affinity=0.0, trust_cooperation_rate=0.0)


def test_bounded_step_scales_a_change_by_the_distance_to_its_bound():
    t = np.array([[0.5, -0.5], [0.9, -0.9]])
    out = tr.bounded_step(t, np.array([[0.2, -0.2], [0.5, -0.5]]))
    assert out == pytest.approx(np.array([[0.6, -0.6], [0.95, -0.95]]))
    repeated = np.zeros((1, 1))
    for _ in range(200):
        repeated = tr.bounded_step(repeated, np.full((1, 1), -0.1))
    assert -1.0 < repeated[0, 0] < -0.99  # approaches, never reaches


def test_a_long_war_settles_inside_the_bounds():
    p = record(trust_decay_rate=0.02, trust_war_penalty=0.05, **OFF)
    t, base = np.zeros((2, 2)), np.full((2, 2), 0.2)
    war, z = np.array([[0.0, 1.0], [1.0, 0.0]]), np.zeros((2, 2))
    for _ in range(3000):
        t = tr.step_trust(t, base, z, war, z, z, z, np.zeros(2, dtype=bool), p)
    expected = (0.02 * 0.2 - 0.05) / (0.02 + 0.05)  # T* = (δB - ω)/(δ + ω) = -0.657
    assert t[0, 1] == pytest.approx(expected, abs=1e-6)
    assert t[0, 1] > -0.9


def test_repeated_shocks_saturate_and_the_baseline_remembers_less_near_the_bound():
    p = record(trust_memory_share=0.5)
    t, base = np.zeros((2, 2)), np.zeros((2, 2))
    delta = np.array([[0.0, -0.4], [0.0, 0.0]])
    tr.shock(t, base, delta, p)
    assert t[0, 1] == pytest.approx(-0.4) and base[0, 1] == pytest.approx(-0.2)
    tr.shock(t, base, delta, p)
    assert t[0, 1] == pytest.approx(-0.4 - 0.4 * 0.6)  # (1 + T) = 0.6 left to the bound
