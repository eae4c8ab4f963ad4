"""Invariants over long runs with random parameters inside their declared bounds."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.model import AllianceModel
from model.params import PARAMS
from model.scenario import load_scenario
from tests.conftest import MINI_BASE

MINI = load_scenario(MINI_BASE)
BASELINE = load_scenario("baseline", end="2027-12")


def params_strategy():
    return st.fixed_dictionaries({
        name: st.floats(p.lo, p.hi, allow_nan=False) for name, p in PARAMS.items()})


def check(m: AllianceModel) -> None:
    st_ = m.state
    rel = m.relations[:, : m.steps]
    trust, threat, sanc, exports, fdi, transfers = rel
    assert np.isfinite(rel).all()
    assert (trust >= -1).all() and (trust <= 1).all()
    assert (threat >= 0).all() and (threat <= 1).all()
    assert (sanc >= 0).all() and (sanc <= 1).all()
    assert (exports >= 0).all() and (fdi >= 0).all() and (transfers >= 0).all()
    assert np.isfinite(m.metric_values).all()
    assert (st_.capability > 0).all() and (st_.offense <= 1).all()
    assert np.all(np.diag(st_.trust) == 0) and np.all(np.diag(st_.threat) == 0)
    assert np.allclose(st_.alliance, st_.alliance.T) and np.allclose(st_.war, st_.war.T)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=params_strategy(), seed=st.integers(0, 2**32))
def test_invariants_mini_world(params, seed):
    m = AllianceModel(MINI, rng=seed, params=params).run()
    check(m)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=params_strategy(), seed=st.integers(0, 2**32))
def test_invariants_default_world(params, seed):
    m = AllianceModel(BASELINE, rng=seed, params=params).run()
    check(m)
