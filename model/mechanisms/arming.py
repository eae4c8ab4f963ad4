"""Supporting a victim of aggression: which states start, and with what (the StateAgents' rule).

While a war with aggressor a and victim v goes on, state i's bar for arming v is

    θ_i = θ̄ - π · share_i,

θ̄ ``arm_victim_threshold``, π ``arm_victim_ally_pressure``, share_i = (i's allies already
supporting v) / (i's allies). With T_iv ≥ T_min (``arm_victim_min_trust``), i ∉ {a, v}, i
active and not itself at war with v, i wants to give

    lethal arms (A_iv = 1)          when Θ_ia > θ_i + λ · L_i,
    non-lethal aid (A_iv = s_nl)    when θ_i < Θ_ia ≤ θ_i + λ · L_i and it gives nothing yet,

λ ``arm_lethal_limit_raise``, L_i ∈ [0, 1] i's legal or declared limit on lethal exports to
parties at war (``lethal_export_limit``, world data arms_policy.csv; 0 where none), s_nl
``nonlethal_support_share``. An unconstrained state (L_i = 0) arms lethally at θ_i; a
constrained one gives non-lethal aid first and crosses to lethal arms only at a threat higher by
λ·L_i (a state giving non-lethal aid moves up once its threat passes the raised bar). Alliance
dependence and burden sharing: Snyder, *Alliance Politics* (1997); a domestic legal constraint
as a raised decision threshold: Putnam, "Diplomacy and domestic politics", *International
Organization* 42 (1988) (a narrower win-set), the form a model convention.
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.jit import kernel
from model.mechanisms.trust import shock as trust_shock


@kernel
def support_wanted(threat, trust, arming, war, alliance, active, lethal_limit, a: int, v: int,
                   params) -> np.ndarray:
    """(N,) the support level each state starts (or raises to) for victim ``v`` of aggressor
    ``a`` this month: 1 lethal, ``nonlethal_support_share`` non-lethal, 0 no new decision
    (``params``: the run's parameter record)."""
    p = params[0]
    n = threat.shape[0]
    level = np.zeros(n)
    for i in range(n):
        if (i in (a, v) or not active[i] or arming[i, v] >= 1.0 or war[i, v] != 0
                or trust[i, v] < p.arm_victim_min_trust):
            continue
        allies = arming_allies = 0
        for m in range(n):
            if alliance[i, m] > 0:
                allies += 1
                if arming[m, v] > 0:
                    arming_allies += 1
        bar = p.arm_victim_threshold - p.arm_victim_ally_pressure * arming_allies / max(allies, 1)
        if threat[i, a] > bar + p.arm_lethal_limit_raise * lethal_limit[i]:
            level[i] = 1.0
        elif threat[i, a] > bar and arming[i, v] == 0:
            level[i] = p.nonlethal_support_share
    return level


@kernel
def start_arming(arming, trust, trust_base, aggressor, supplier, victim, level, params):
    """``supplier`` supports ``victim`` at ``level`` (A_sv = level, in place: 1 lethal arms,
    ``nonlethal_support_share`` non-lethal aid), and the aggressor's trust in the supplier drops
    by ``trust_arms_supply_shock`` × the rise in support, partly remembered
    (:func:`model.mechanisms.trust.shock`). The endogenous rule (:func:`support_wanted`)
    starts at 0 or raises non-lethal aid to lethal arms; a forced decision (event
    ``arm_victim``) may set any level. ``params``: the run's parameter record."""
    p = params[0]
    rise = max(0.0, level - arming[supplier, victim])
    arming[supplier, victim] = level
    delta = np.zeros_like(trust)
    delta[aggressor, supplier] = -p.trust_arms_supply_shock * rise
    trust_shock(trust, trust_base, delta, p)
