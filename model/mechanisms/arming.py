"""Arming a victim of aggression: which states want to start (the StateAgents' rule).

While a war with aggressor a and victim v goes on, state i wants to arm v when

    Θ_ia > θ̄ - π · share_i   and   T_iv ≥ T_min,

θ̄ ``arm_victim_threshold``, π ``arm_victim_ally_pressure``, T_min ``arm_victim_min_trust``;
share_i = (i's allies already arming v) / (i's allies), i ∉ {a, v}, i active, not already arming
v and not itself at war with v. Alliance dependence and burden sharing: Snyder, *Alliance
Politics* (1997).
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.jit import kernel
from model.mechanisms.trust import shock as trust_shock


@kernel
def wants_to_arm(threat, trust, arming, war, alliance, active, a: int, v: int,
                 params) -> np.ndarray:
    """Indices of the states that start arming victim ``v`` of aggressor ``a`` this month
    (``params``: the run's parameter record)."""
    p = params[0]
    n = threat.shape[0]
    want = np.zeros(n, dtype=np.bool_)
    for i in range(n):
        if i in (a, v) or not active[i] or arming[i, v] != 0 or war[i, v] != 0:
            continue
        allies = arming_allies = 0
        for m in range(n):
            if alliance[i, m] > 0:
                allies += 1
                if arming[m, v] > 0:
                    arming_allies += 1
        share = arming_allies / max(allies, 1)
        want[i] = (threat[i, a] > p.arm_victim_threshold - p.arm_victim_ally_pressure * share
                   and trust[i, v] >= p.arm_victim_min_trust)
    return np.flatnonzero(want)


@kernel
def start_arming(arming, trust, trust_base, aggressor, supplier, victim, level, params):
    """``supplier`` arms ``victim`` at support ``level`` (A_sv = level, in place: 1 lethal aid,
    ``nonlethal_support_share`` non-lethal), and the aggressor's trust in the supplier drops by
    ``trust_arms_supply_shock`` × the rise in support, partly remembered
    (:func:`model.mechanisms.trust.shock`). The endogenous rule starts at 0 with level 1; a
    forced decision (event ``arm_victim``) may set any level. ``params``: the run's parameter
    record."""
    p = params[0]
    rise = max(0.0, level - arming[supplier, victim])
    arming[supplier, victim] = level
    delta = np.zeros_like(trust)
    delta[aggressor, supplier] = -p.trust_arms_supply_shock * rise
    trust_shock(trust, trust_base, delta, p)
