"""Endogenous sanctions: states move their sanctions toward a desired level.

Desired intensity of i's sanctions on j, anchored at the observed 2013 level S0 (states are
taken to be at their 2013 equilibrium; only changes in the drivers move them):

    S*_ij = clip(S0_ij + w_θ ΔΘ_ij + d_i (w_a Δally_ij + w_n Δnorm_ij)
                 - w_d Δdep_ij - w_t Δtrust⁺_ij, 0, 1)

ally_ij = Σ_m A_im S_mj / max(1, Σ_m A_im)   allies' sanctions (Early, *Busted Sanctions* 2015)
norm_ij = Σ_k c_ki R_kj                       j's violation record, weighted by i's commitment
dep_ij  = (X̄_ij + X̄_ji) / GDP_i               trade dependence on frictionless trade X̄ (sender
                                             costs: Crozet & Hinz 2020): what sanctioning
                                             would forgo, not trade that sanctions already cut
trust⁺  = max(T_ij, 0)
d_i     = i's disposition to sanction unilaterally (world data, ``sanction_disposition`` of
          actors.csv, 0..1): joining allies' measures and enforcing norms by sanctions of one's
          own is a foreign-policy doctrine some states have and others reject (only UN-mandated
          sanctions); threat, dependence and trust act on every state alike. Senders sanction
          adversaries, not partners (Drezner 1999); third states with ties to the target trade
          more with it (Early 2015).

w_θ ``sanction_threat_weight``, w_a ``sanction_ally_weight``, w_n ``sanction_norm_weight``,
w_d ``sanction_dependence_weight``, w_t ``sanction_trust_weight``, r ``sanction_adjust_rate``,
read from the parameter record ``p``.

and S ← max(S + r (S* - S), floor): event-imposed sanctions act as floors (laws stay on the books).
Threat-driven coercion: Drezner, *The Sanctions Paradox* (1999).
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.arrays import allies_mean, crossings
from model.mechanisms.jit import kernel


@kernel
def allied_sanctions(a_hat, sanctions):
    """ally_ij = Σ_m A_im S_mj / max(1, Σ_m A_im) = (Â S)_ij: i's allies' sanctions on j.
    ``a_hat`` is :func:`model.mechanisms.arrays.alliance_operator` of the alliances."""
    return allies_mean(a_hat, sanctions)


@kernel
def norm_driver(commitment, record, i, j):
    """norm_ij = Σ_k c_ki R_kj: j's violation record, weighted by i's commitment to each norm."""
    out = 0.0
    for k in range(record.shape[0]):
        if commitment[k, i] != 0.0:
            out += commitment[k, i] * record[k, j]
    return out


@kernel
def dependence_driver(flows, gdp, i, j):
    """dep_ij = (X_ij + X_ji) / GDP_i: i's trade dependence on j."""
    return (flows[i, j] + flows[j, i]) / gdp[i]


@kernel
def drivers(threat, a_hat, sanctions, commitment, record, flows, gdp, trust):
    """The five drivers of desired sanctions as (N, N) arrays, in the order of the equation
    (``a_hat``: the row-normalised alliance operator)."""
    n = threat.shape[0]
    norm, dep = np.empty((n, n)), np.empty((n, n))
    for i in range(n):
        for j in range(n):
            norm[i, j] = norm_driver(commitment, record, i, j)
            dep[i, j] = dependence_driver(flows, gdp, i, j)
    return (threat.copy(), allied_sanctions(a_hat, sanctions), norm, dep,
            np.maximum(trust, 0.0))


@kernel
def desired(anchor, start, threat, a_hat, sanctions, commitment, record, flows, gdp, trust,
            disposition, p):
    """S* from the drivers now (those of :func:`drivers`, element by element) and ``start``,
    the drivers at the start (see module docstring)."""
    threat0, ally0, norm0, dep0, trust0 = start
    ally = allied_sanctions(a_hat, sanctions)
    n = threat.shape[0]
    s = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            own = (p.sanction_ally_weight * (ally[i, j] - ally0[i, j])
                   + p.sanction_norm_weight * (norm_driver(commitment, record, i, j)
                                               - norm0[i, j]))
            v = (anchor[i, j] + p.sanction_threat_weight * (threat[i, j] - threat0[i, j])
                 + disposition[i] * own
                 - p.sanction_dependence_weight * (dependence_driver(flows, gdp, i, j)
                                                   - dep0[i, j])
                 - p.sanction_trust_weight * (max(trust[i, j], 0.0) - trust0[i, j]))
            s[i, j] = min(max(v, 0.0), 1.0)
    return s


@kernel
def step_sanctions(sanctions, target, sanction_floor, active, p):
    """S ← max(S + r (S* - S), floor) for active senders on active targets
    (r = ``sanction_adjust_rate``; floor: event-imposed minimum).

    Passive actors (e.g. the rest of the world) do not decide: their rows keep what data and
    events set (UN members' enforcement), and nobody targets them.
    """
    n = sanctions.shape[0]
    out = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            if i == j or not active[j]:
                out[i, j] = 0.0
            elif not active[i]:
                out[i, j] = sanctions[i, j]
            else:
                out[i, j] = max(sanctions[i, j]
                                + p.sanction_adjust_rate * (target[i, j] - sanctions[i, j]),
                                sanction_floor[i, j])
    return out


@kernel
def sanctions_month(anchor, start, threat, a_hat, sanctions, ally, commitment, record, free,
                    gdp, trust, disposition, sanction_floor, active, params, level):
    """One month of sanctions decisions: :func:`desired` (dependence on the frictionless flows
    ``free``; ``disposition``: each sender's d_i), then :func:`step_sanctions`, in place on
    ``sanctions``; ``ally`` becomes the allies' sanctions after the decisions
    (:func:`allied_sanctions`). Returns the (i, j) pairs whose S crossed ``level`` either way
    (joining or leaving). ``params``: the run's parameter record."""
    p = params[0]
    target = desired(anchor, start, threat, a_hat, sanctions, commitment, record, free, gdp,
                     trust, disposition, p)
    new = step_sanctions(sanctions, target, sanction_floor, active, p)
    n = new.shape[0]
    crossed = crossings(sanctions, new, level, np.ones((n, n), dtype=np.bool_))
    sanctions[:] = new
    ally[:] = allied_sanctions(a_hat, new)
    return crossed
