"""Military capability and offensive (long-range strike) reach.

c_i(t) = c0_i · (1 + γ_T τ_i) · (1 + γ_A a_i) · (1 + γ_Q q_i/10⁴) · (1 + γ_S s_i) · ω_i
m_i(t) = min(1, m0_i + κ_T τ_i + κ_C e_i)

τ_i: years of full technology transfer received; a_i: munitions received (million rounds/yr);
q_i: foreign troops hosted; s_i: support by states arming i (1 each, or
``nonlethal_support_share`` for non-lethal aid); ω_i: cumulative war attrition; e_i:
combat experience (10,000 troop-years deployed). γ_T ``tech_capability_gain``, γ_A
``arms_capability_gain``, γ_Q ``troop_capability_gain``, γ_S ``arms_support_gain``, κ_T
``tech_transfer_size``, κ_C ``combat_experience_gain``, read from the parameter record ``p``.
Capability as in COW's CINC (Singer, Bremer &
Stuckey 1972); technology transfer as the essay's claimed channel to DPRK missiles.
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.jit import kernel


@kernel
def accumulate(tech_years, experience, tech_flow, troops, at_war) -> None:
    """One month, in place: τ_i += Σ_j tech_ji / 12;  e_i += Σ_j q_ij·war_j / 10⁴ / 12
    (experience of i's troops deployed in states at war, in 10,000 troop-years)."""
    tech_years += tech_flow.sum(axis=0) / 12.0
    experience += (troops * at_war.reshape(1, -1)).sum(axis=1) / 1e4 / 12.0


@kernel
def capability(c0, tech_years, arms_flow, troops, arming, attrition, p):
    """c_i(t) as in the module docstring, with a_i = Σ_j arms_ji, q_i = Σ_j troops_ji and
    s_i = Σ_j arming_ji (what flows into i)."""
    arms_in, troops_in, supporters = arms_flow.sum(axis=0), troops.sum(axis=0), arming.sum(axis=0)
    return (c0 * (1.0 + p.tech_capability_gain * tech_years)
            * (1.0 + p.arms_capability_gain * arms_in)
            * (1.0 + p.troop_capability_gain * troops_in / 1e4)
            * (1.0 + p.arms_support_gain * supporters) * attrition)


@kernel
def offense(m0, tech_years, experience, p):
    """m_i(t) = min(1, m0_i + κ_T τ_i + κ_C e_i)."""
    return np.minimum(1.0, m0 + p.tech_transfer_size * tech_years
                      + p.combat_experience_gain * experience)


@kernel
def attrition_step(attrition, at_war, p):
    """ω_i ← ω_i · (1 - r·war_i) — wars wear capability down (r = ``war_attrition_rate``)."""
    return attrition * (1.0 - p.war_attrition_rate * at_war)


@kernel
def capability_month(c0, m0, tech_years, experience, attrition, capability_now, offense_now,
                     tech_flow, arms_flow, troops, arming, at_war, params):
    """One month of military capability, in place: :func:`accumulate`, then
    :func:`attrition_step`, :func:`capability` and :func:`offense` into ``attrition``,
    ``capability_now`` and ``offense_now``. ``params``: the run's parameter record."""
    p = params[0]
    accumulate(tech_years, experience, tech_flow, troops, at_war)
    attrition[:] = attrition_step(attrition, at_war, p)
    capability_now[:] = capability(c0, tech_years, arms_flow, troops, arming, attrition, p)
    offense_now[:] = offense(m0, tech_years, experience, p)
