"""Threat mechanism: direction and size of each of Walt's four sources."""

import numpy as np
import pytest

from model.mechanisms import threat as th
from model.mechanisms.arrays import alliance_operator, allies_mean
from tests.mechanisms.records import record

ACTIVE = np.ones(3, dtype=bool)


def _target(cap, dist, off, trust, alliance=None, pooling=0.5, sharing=0.0, gain=5.0):
    alliance = np.zeros((3, 3)) if alliance is None else alliance
    p = record(threat_alliance_pooling=pooling, threat_proximity_km=2500.0,
               threat_offense_weight=1.0, threat_nuclear_weight=0.5, threat_intent_exponent=2.0,
               threat_ally_sharing=sharing, threat_gain=gain)
    power = th.coalition_power(np.asarray(cap, float), alliance, p)
    prox = th.proximity(np.asarray(dist, float), p)
    o = th.offensive_factor(np.asarray(off, float), np.zeros(3), p)
    host = th.hostility(np.asarray(trust, float), p)
    return th.threat_target(power, prox, o, host, alliance_operator(alliance), ACTIVE, p)


D = np.array([[0, 500, 5000], [500, 0, 5000], [5000, 5000, 0]])
T = np.array([[0, -0.8, 0.0], [-0.8, 0, 0.0], [0.0, 0.0, 0]])


def test_more_power_more_threat():
    lo = _target([0.1, 0.1, 0.1], D, [0.5] * 3, T)
    hi = _target([0.1, 0.3, 0.1], D, [0.5] * 3, T)
    assert hi[0, 1] > lo[0, 1]


def test_proximity_and_intent():
    t = _target([0.1, 0.1, 0.1], D, [0.5] * 3, T)
    # 1 is near and hostile to 0; 2 is far and neutral: far less threatening
    assert t[0, 1] > 3 * t[0, 2]
    assert t[0, 0] == 0.0


def test_offense_raises_threat():
    lo = _target([0.1] * 3, D, [0.2, 0.2, 0.2], T)
    hi = _target([0.1] * 3, D, [0.2, 0.9, 0.2], T)
    assert hi[0, 1] > lo[0, 1]


def test_alliance_pooling_makes_small_state_more_threatening():
    # actor 1 (small, hostile to 0) gains a big ally 2
    cap = [0.1, 0.02, 0.3]
    alone = _target(cap, D, [0.5] * 3, T)
    a = np.zeros((3, 3))
    a[1, 2] = a[2, 1] = 1.0
    allied = _target(cap, D, [0.5] * 3, T, alliance=a)
    assert allied[0, 1] > 1.5 * alone[0, 1]


def test_bounds_and_passive_mask():
    rng = np.random.default_rng(0)
    tr = rng.uniform(-1, 1, (3, 3))
    t = _target(rng.uniform(0, 1, 3), D, rng.uniform(0, 1, 3), tr, gain=50)
    assert ((t >= 0) & (t <= 1)).all()
    power = np.ones(3)
    active = np.array([True, True, False])
    out = th.threat_target(power, np.ones((3, 3)), np.ones(3), np.ones((3, 3)),
                           np.zeros((3, 3)), active, record(threat_ally_sharing=0.0,
                                                            threat_gain=5.0))
    assert out[2].sum() == 0 and out[:, 2].sum() == 0


def test_smooth_moves_toward_target_and_passive_actors_feel_no_threat():
    cur, tgt = np.full((3, 3), 0.2), np.full((3, 3), 0.6)
    p = record(threat_adjust_rate=0.25)
    out = th.smooth(cur, tgt, np.zeros((3, 3)), np.array([True, True, False]), p)
    expected = np.array([[0.0, 0.3, 0.0], [0.3, 0.0, 0.0], [0.0, 0.0, 0.0]])
    assert out == pytest.approx(expected)
    noisy = th.smooth(cur, tgt, np.full((3, 3), 0.9), np.ones(3, dtype=bool), p)
    assert noisy[0, 1] == 1.0  # clipped to [0, 1]


def test_allies_mean_skips_zero_alliances_but_equals_the_dense_product():
    """allies_mean(Â, X) loops over the non-zero alliances only; it equals Â @ X."""
    rng = np.random.default_rng(3)
    n = 70
    a = np.zeros((n, n))
    i, j = rng.integers(0, n, (2, 3 * n))
    a[i, j] = a[j, i] = rng.uniform(0.2, 1.0, i.size)
    np.fill_diagonal(a, 0.0)
    x = rng.uniform(0, 1, (n, n))
    dense = (a @ x) / np.maximum(a.sum(axis=1, keepdims=True), 1.0)
    np.testing.assert_allclose(allies_mean(alliance_operator(a), x), dense, rtol=1e-12,
                               atol=1e-15)
    lonely = np.flatnonzero(a.sum(axis=1) == 0)
    assert (allies_mean(alliance_operator(a), x)[lonely] == 0).all()
