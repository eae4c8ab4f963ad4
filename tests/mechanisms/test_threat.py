"""Threat mechanism: direction and size of each of Walt's four sources."""

import numpy as np
import pytest

from model.mechanisms import threat as th
from model.mechanisms.arrays import SPARSE_FROM_STATES, alliance_operator

ACTIVE = np.ones(3, dtype=bool)


def _target(cap, dist, off, trust, alliance=None, pooling=0.5, sharing=0.0, gain=5.0):
    alliance = np.zeros((3, 3)) if alliance is None else alliance
    power = th.coalition_power(np.asarray(cap, float), alliance, pooling)
    prox = th.proximity(np.asarray(dist, float), 2500.0)
    o = th.offensive_factor(np.asarray(off, float), np.zeros(3), 1.0, 0.5)
    host = th.hostility(np.asarray(trust, float), 2.0)
    return th.threat_target(power, prox, o, host, alliance_operator(alliance), sharing, gain,
                            ACTIVE)


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
                           np.zeros((3, 3)), 0.0, 5.0, active)
    assert out[2].sum() == 0 and out[:, 2].sum() == 0


def test_smooth_moves_toward_target():
    cur, tgt = np.full((2, 2), 0.2), np.full((2, 2), 0.6)
    out = th.smooth(cur, tgt, 0.25, np.zeros((2, 2)))
    assert out == pytest.approx(np.full((2, 2), 0.3))


def test_alliance_operator_is_the_same_dense_or_sparse():
    """Large worlds use a sparse alliance operator; its products equal the dense ones."""
    rng = np.random.default_rng(3)
    n = SPARSE_FROM_STATES + 6
    a = np.zeros((n, n))
    i, j = rng.integers(0, n, (2, 3 * n))
    a[i, j] = a[j, i] = rng.uniform(0.2, 1.0, i.size)
    np.fill_diagonal(a, 0.0)
    x = rng.uniform(0, 1, (n, n))
    op = alliance_operator(a)
    assert not isinstance(op, np.ndarray)  # sparse at this size
    dense = (a @ x) / np.maximum(a.sum(axis=1, keepdims=True), 1.0)
    np.testing.assert_allclose(op @ x, dense, rtol=1e-12, atol=1e-15)
    small = alliance_operator(a[:10, :10])
    assert isinstance(small, np.ndarray)
