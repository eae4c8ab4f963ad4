"""Sanctions decisions, norm violations, FDI and capability mechanisms."""

import numpy as np
import pytest

from model.mechanisms import capability as cap
from model.mechanisms import investment as inv
from model.mechanisms import norms as nm
from model.mechanisms import sanctions as sc
from model.mechanisms.arrays import alliance_operator
from tests.mechanisms.records import record

Z = np.zeros((3, 3))
W = record(sanction_threat_weight=1.0, sanction_ally_weight=0.5, sanction_norm_weight=2.0,
           sanction_dependence_weight=10.0, sanction_trust_weight=0.5)


def _args(threat=Z, alliance=Z, sanctions=Z, record=None, exports=Z, trust=Z):
    record = np.zeros((1, 3)) if record is None else record
    return (threat, alliance_operator(alliance), sanctions, np.ones((1, 3)), record, exports,
            np.full(3, 100.0), trust)


def _drivers(**kw):
    return sc.drivers(*_args(**kw))


def _desired(start, disposition=None, **kw):
    disposition = np.ones(3) if disposition is None else disposition
    return sc.desired(Z, start, *_args(**kw), disposition, W)


def test_desired_sanctions_rise_with_threat_and_fall_with_dependence():
    start = _drivers()
    th = Z.copy()
    th[0, 1] = 0.3
    up = _desired(start, threat=th)
    assert up[0, 1] == pytest.approx(0.3)
    x = Z.copy()
    x[0, 1] = 1.0  # 1% of GDP of trade
    down = _desired(start, threat=th, exports=x)
    assert down[0, 1] == pytest.approx(0.3 - 10.0 * 0.01)


def test_allies_and_violation_record_drive_sanctions():
    start = _drivers()
    a = Z.copy()
    a[0, 2] = a[2, 0] = 1.0
    s = Z.copy()
    s[2, 1] = 0.8
    out = _desired(start, alliance=a, sanctions=s)
    assert out[0, 1] == pytest.approx(0.4)
    rec = np.array([[0.0, 0.1, 0.0]])
    out = _desired(start, record=rec)
    assert out[0, 1] == pytest.approx(0.2) and out[0, 2] == 0


def test_disposition_scales_the_ally_and_norm_terms_not_threat():
    """d_i: a state whose doctrine rejects unilateral sanctions follows its allies and
    punishes violations less; threat still moves it."""
    start = _drivers()
    a, s = Z.copy(), Z.copy()
    a[0, 2] = a[2, 0] = 1.0
    s[2, 1] = 0.8
    th = Z.copy()
    th[0, 1] = 0.1
    reluctant = np.array([0.25, 1.0, 1.0])
    out = _desired(start, disposition=reluctant, alliance=a, sanctions=s, threat=th)
    assert out[0, 1] == pytest.approx(0.1 + 0.25 * 0.5 * 0.8)
    rec = np.array([[0.0, 0.1, 0.0]])
    assert _desired(start, disposition=reluctant, record=rec)[0, 1] == pytest.approx(0.25 * 0.2)


def test_step_sanctions_respects_floor_and_passive():
    floor = Z.copy()
    floor[0, 1] = 0.5
    out = sc.step_sanctions(np.full((3, 3), 0.6), Z, floor, np.array([True, True, False]),
                            record(sanction_adjust_rate=0.5))
    assert out[0, 1] == 0.5 and out[1, 0] == pytest.approx(0.3)
    assert out[2, 0] == 0.6 and out[2, 1] == 0.6  # a passive sender keeps what was set
    assert out[:, 2].sum() == 0 and np.all(np.diag(out) == 0)  # nobody targets it


def test_violation_shock_scales_with_commitment_exposure_and_hypocrisy():
    prox = np.array([[1, 0.9, 0.1], [0.9, 1, 0.1], [0.1, 0.1, 1]])
    v = np.array([[0.0, 0.1, 0.0]])  # actor 1 violates
    commit = np.array([[1.0, 0.0, 1.0]])
    everyone = np.ones(3, dtype=bool)
    p = record(trust_norm_shock=1.0, trust_hypocrisy_factor=0.5, norm_exposure_floor=0.3)
    base = nm.violation_trust_delta(v, commit, np.zeros((1, 3)), np.array([-1]), prox, everyone,
                                    p)
    assert base[0, 1] == pytest.approx(-0.1 * (0.3 + 0.7 * 0.9))  # near observer
    assert base[2, 1] == pytest.approx(-0.1 * (0.3 + 0.7 * 0.1))  # far observer
    assert base[0, 1] < base[2, 1] < 0
    hyp = nm.violation_trust_delta(v, commit, np.ones((1, 3)), np.array([-1]), prox, everyone,
                                   p)
    assert hyp[0, 1] == pytest.approx(1.5 * base[0, 1])
    # regime targeting actor 2: observers near 2 are more exposed
    p = record(trust_norm_shock=1.0, trust_hypocrisy_factor=0.0, norm_exposure_floor=0.3)
    reg = nm.violation_trust_delta(v, commit, np.zeros((1, 3)), np.array([2]), prox, everyone,
                                   p)
    assert reg[2, 1] == pytest.approx(-0.1)
    # passive observers do not react
    deaf = nm.violation_trust_delta(v, commit, np.zeros((1, 3)), np.array([2]), prox,
                                    np.array([True, True, False]), p)
    assert deaf[2].sum() == 0 and deaf[0, 1] == reg[0, 1]


def test_record_decays_and_commitment_erodes():
    r = np.array([[1.0]])
    v = np.array([[0.5]])
    nm.update_record(r, v, record(violation_memory_months=12.0))
    assert r[0, 0] == pytest.approx(np.exp(-1 / 12) + 0.5)
    assert v[0, 0] == 0  # this month's reports are cleared once on record
    c = np.array([[1.0]])
    nm.erode_commitment(c, np.array([[0.2]]), record(commitment_erosion=1.0))
    assert c[0, 0] == pytest.approx(np.exp(-0.2))


def test_fdi_shrinks_only_above_anchored_risk():
    f = np.array([[0, 10.0], [0, 0]])
    risk0 = np.full((2, 2), 0.1)
    p = record(fdi_exit_rate=0.05, fdi_risk_threshold=0.2)
    calm = inv.step_fdi(f, risk0, risk0, np.array([0.0, 0.12]), p)
    assert calm[0, 1] == pytest.approx(10.1)
    risky = inv.step_fdi(f, np.full((2, 2), 0.7), risk0, np.zeros(2), p)
    assert risky[0, 1] == pytest.approx(10.0 * (1 - 0.05 * 0.5))


def test_capability_and_offense_from_transfers():
    flows_in = np.array([[0.0, 3.0], [0.0, 0.0]]), np.array([[0.0, 1e4], [0.0, 0.0]])
    arming = np.array([[0.0, 1.0], [0.0, 0.0]])
    c = cap.capability(np.array([0.02, 0.01]), np.array([0.0, 2.0]), *flows_in, arming,
                       np.array([1.0, 0.9]),
                       record(tech_capability_gain=0.05, arms_capability_gain=0.1,
                              troop_capability_gain=0.01, arms_support_gain=0.02))
    assert c[1] == pytest.approx(0.01 * 1.1 * 1.3 * 1.01 * 1.02 * 0.9)  # what flows into 1
    assert c[0] == 0.02
    m = cap.offense(np.array([0.45, 0.99]), np.array([2.0, 2.0]), np.array([1.0, 0.0]),
                    record(tech_transfer_size=0.05, combat_experience_gain=0.03))
    assert m[0] == pytest.approx(0.58) and m[1] == 1.0
