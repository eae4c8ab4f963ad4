"""Supporting a victim (model/mechanisms/arming.py) on scripted arrays, and the timing
measure of the first lethal arming (model/metrics.py: months_to_lethal)."""

import numpy as np
import pytest

from model.mechanisms import arming as arm
from model.metrics import months_to_lethal
from model.params import ParamSet

AGG, VIC, FREE, BOUND = 0, 1, 2, 3  # aggressor, victim, an unconstrained and a bound state
LIMIT = np.array([0.0, 0.0, 0.0, 1.0])  # BOUND has a full lethal-export limit


def wanted(threat_free, threat_bound, arming=None, trust=0.5, war=None, limit=LIMIT,
           **params):
    n = 4
    threat = np.zeros((n, n))
    threat[FREE, AGG], threat[BOUND, AGG] = threat_free, threat_bound
    values = {"arm_victim_threshold": 0.5, "arm_victim_ally_pressure": 0.0,
              "arm_lethal_limit_raise": 0.3, "nonlethal_support_share": 0.3,
              "arm_victim_min_trust": 0.0, **params}
    return arm.support_wanted(threat, np.full((n, n), trust),
                              np.zeros((n, n)) if arming is None else arming,
                              np.zeros((n, n)) if war is None else war, np.zeros((n, n)),
                              np.ones(n, dtype=bool), limit, AGG, VIC,
                              ParamSet(values).record())


def test_at_equal_threat_a_bound_state_gives_non_lethal_aid_where_a_free_one_arms():
    level = wanted(0.6, 0.6)
    assert level[FREE] == 1.0  # over θ̄ = 0.5: lethal arms at once
    assert level[BOUND] == pytest.approx(0.3)  # under θ̄ + λ·L = 0.8: non-lethal only
    assert level[AGG] == level[VIC] == 0.0
    assert (wanted(0.45, 0.45) == 0).all()  # under θ̄: nobody


def test_a_bound_state_arms_lethally_only_past_the_raised_threshold_and_moves_up():
    assert wanted(0.0, 0.81)[BOUND] == 1.0
    aiding = np.zeros((4, 4))
    aiding[BOUND, VIC] = 0.3
    assert wanted(0.0, 0.79, arming=aiding)[BOUND] == 0.0  # already aiding: no new decision
    assert wanted(0.0, 0.81, arming=aiding)[BOUND] == 1.0  # non-lethal aid becomes arms
    assert wanted(0.0, 0.81, arming=aiding, arm_lethal_limit_raise=0.5)[BOUND] == 0.0  # bar 1
    half = np.array([0.0, 0.0, 0.0, 0.5])
    assert wanted(0.0, 0.66, limit=half)[BOUND] == 1.0  # bar 0.5 + 0.3·0.5 = 0.65


def test_no_support_at_war_with_the_victim_already_armed_or_without_trust():
    armed = np.zeros((4, 4))
    armed[FREE, VIC] = 1.0
    assert wanted(0.9, 0.0, arming=armed)[FREE] == 0.0
    war = np.zeros((4, 4))
    war[FREE, VIC] = war[VIC, FREE] = 1.0
    assert wanted(0.9, 0.0, war=war)[FREE] == 0.0
    assert (wanted(0.9, 0.9, trust=-0.1) == 0).all()


@pytest.mark.parametrize(("first", "month", "expected"), [
    (-1, 130, 10),   # none yet: censored, the months elapsed since the reference (120)
    (124, 130, 4),   # armed 4 months after the reference
    (124, 200, 4),   # and it stays 4
    (-1, 100, 0),    # before the reference
    (110, 130, 0),   # armed before the reference: 0
    (140, 130, 10),  # a later first arming is not yet known at 130: censored
])
def test_months_to_lethal_is_restricted_and_censored(first, month, expected):
    assert months_to_lethal(first, month, 120) == expected


def test_start_arming_raises_support_and_shocks_trust_by_the_rise():
    trust = np.zeros((4, 4))
    base = trust.copy()
    arming = np.zeros((4, 4))
    arming[BOUND, VIC] = 0.3
    p = ParamSet({"trust_arms_supply_shock": 0.5}).record()
    arm.start_arming(arming, trust, base, AGG, BOUND, VIC, 1.0, p)
    after_raise = trust[AGG, BOUND]
    trust2, base2, arming2 = np.zeros((4, 4)), np.zeros((4, 4)), np.zeros((4, 4))
    arm.start_arming(arming2, trust2, base2, AGG, FREE, VIC, 1.0, p)
    assert arming[BOUND, VIC] == arming2[FREE, VIC] == 1.0
    assert after_raise < 0 and trust2[AGG, FREE] < after_raise  # rise 0.7 vs 1.0
    assert after_raise / trust2[AGG, FREE] == pytest.approx(0.7)
