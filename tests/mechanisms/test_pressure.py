"""Home governments' pressure on their firms: threat acts on every home alike, following
allies' sanctions is scaled by the home's disposition to sanction unilaterally."""

import numpy as np
import pytest

from model.mechanisms import pressure as pm
from tests.mechanisms.records import record

P = record(pressure_threat_weight=1.0, pressure_ally_weight=0.8, pressure_adjust_rate=1.0)


def _target(threat_rise, ally, disposition):
    z = np.zeros((2, 2))
    threat = z.copy()
    threat[0, 1] = threat_rise
    allies = z.copy()
    allies[0, 1] = ally
    return pm.step_pressure(z.copy(), z.copy(), threat, z.copy(), allies,
                            np.array([disposition, 1.0]), np.ones(2, dtype=np.bool_), P)[0, 1]


def test_allies_sanctions_press_a_home_in_proportion_to_its_disposition():
    assert _target(0.0, 0.5, 1.0) == pytest.approx(0.4)
    assert _target(0.0, 0.5, 0.3) == pytest.approx(0.3 * 0.4)
    assert _target(0.0, 0.5, 0.0) == 0.0


def test_threat_presses_every_home_alike():
    assert _target(0.25, 0.0, 0.1) == pytest.approx(0.25)
    assert _target(0.25, 0.5, 0.1) == pytest.approx(0.25 + 0.1 * 0.4)
