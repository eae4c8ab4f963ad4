"""The benchmark floor (benchmarks/floor.py) is the model's computation without the model.

Started from the same state, the floor's plain copy running the mechanism phases must
reproduce the model's state month by month (past the last event, so that only the monthly
mechanisms act). Otherwise (a)/(b) in benchmarks/results.md would compare different work.
"""

import dataclasses

import numpy as np
import pytest

from benchmarks import floor
from model.model import AllianceModel
from model.scenario import load_scenario

FIELDS = ("trust", "trust_base", "threat", "sanctions", "pressure", "exports", "transfers",
          "fdi", "capability", "offense", "record", "commitment")


@pytest.mark.parametrize("with_firms", [False, True])
def test_floor_reproduces_the_model_month_by_month(with_firms):
    sc = load_scenario("baseline", end="2027-12")
    if not with_firms:
        sc = dataclasses.replace(sc, world=dataclasses.replace(sc.world, firms=None))
    m = AllianceModel(sc, rng=5, record_relations=False)
    while m.date_label != "2025-12":  # after the last timeline event
        m.step()
    f = floor.from_model(m)
    for _ in range(24):
        m.step()
        floor.month(f)
        for name in FIELDS:
            np.testing.assert_allclose(getattr(f.state, name), getattr(m.state, name),
                                       rtol=1e-12, atol=1e-12, err_msg=name)
        if with_firms:
            np.testing.assert_array_equal(f.firms.status, m.firms.status)
    assert m.finished
    assert np.abs(m.state.trust).sum() > 1.0 and m.state.war.any()  # real work was done


def test_floor_runs_with_firms():
    m = AllianceModel("baseline", rng=1, record_relations=False, end="2023-12")
    m.run()
    f = floor.run(floor.from_model(m), 12)
    assert f.month == m.start_month + 12  # past the end, the paths wrap around
    assert set(np.unique(f.firms.status)) <= {0, 1, 2}
