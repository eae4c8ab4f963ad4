"""Endogenous sanctions: states move their sanctions toward a desired level.

Desired intensity of i's sanctions on j, anchored at the observed 2013 level S0 (states are
taken to be at their 2013 equilibrium; only changes in the drivers move them):

    S*_ij = clip(S0_ij + w_θ ΔΘ_ij + w_a Δally_ij + w_n Δnorm_ij
                 - w_d Δdep_ij - w_t Δtrust⁺_ij, 0, 1)

ally_ij = Σ_m A_im S_mj / max(1, Σ_m A_im)   allies' sanctions (Early, *Busted Sanctions* 2015)
norm_ij = Σ_k c_ki R_kj                       j's violation record, weighted by i's commitment
dep_ij  = (X_ij + X_ji) / GDP_i               trade dependence (sender costs: Crozet & Hinz 2020)
trust⁺  = max(T_ij, 0)

and S ← max(S + r (S* - S), floor): event-imposed sanctions act as floors (laws stay on the books).
Threat-driven coercion: Drezner, *The Sanctions Paradox* (1999).
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.arrays import allies_mean, clip_inplace, crossings, zero_diagonal
from model.mechanisms.jit import kernel


@kernel
def allied_sanctions(a_hat, sanctions):
    """ally_ij = Σ_m A_im S_mj / max(1, Σ_m A_im) = (Â S)_ij: i's allies' sanctions on j.
    ``a_hat`` is :func:`model.mechanisms.arrays.alliance_operator` of the alliances."""
    return allies_mean(a_hat, sanctions)


@kernel
def drivers(threat, a_hat, sanctions, commitment, record, exports, gdp, trust):
    """The five drivers of desired sanctions as (N, N) arrays, in the order of the equation
    (``a_hat``: the row-normalised alliance operator)."""
    ally = allied_sanctions(a_hat, sanctions)
    n = threat.shape[0]
    norm = np.zeros((n, n))  # Σ_k c_ki R_kj
    for k in range(record.shape[0]):
        for i in range(n):
            if commitment[k, i] != 0.0:
                norm[i, :] += commitment[k, i] * record[k, :]
    dep = (exports + exports.T) / gdp.reshape(-1, 1)
    return threat.copy(), ally, norm, dep, np.maximum(trust, 0.0)


@kernel
def desired(anchor, start, threat, a_hat, sanctions, commitment, record, flows, gdp, trust,
            w_threat, w_ally, w_norm, w_dep, w_trust):
    """S* from the drivers now (:func:`drivers` of the other arguments) and ``start``, the
    drivers at the start (see module docstring)."""
    now = drivers(threat, a_hat, sanctions, commitment, record, flows, gdp, trust)
    s = (anchor + w_threat * (now[0] - start[0]) + w_ally * (now[1] - start[1])
         + w_norm * (now[2] - start[2]) - w_dep * (now[3] - start[3])
         - w_trust * (now[4] - start[4]))
    clip_inplace(s, 0.0, 1.0)
    return s


@kernel
def adjust(sanctions, target, floor, rate, active):
    """S ← max(S + r (S* - S), floor) for active senders on active targets.

    Passive actors (e.g. the rest of the world) do not decide: their rows keep what data and
    events set (UN members' enforcement), and nobody targets them.
    """
    out = np.maximum(sanctions + rate * (target - sanctions), floor)
    for p in range(active.size):
        if not active[p]:
            out[p, :] = sanctions[p, :]
    for p in range(active.size):
        if not active[p]:
            out[:, p] = 0.0
    zero_diagonal(out)
    return out


@kernel
def sanctions_month(anchor, start, threat, a_hat, sanctions, ally, commitment, record, flows,
                    gdp, trust, floor, active, w_threat, w_ally, w_norm, w_dep, w_trust, rate,
                    level):
    """One month of sanctions decisions: :func:`desired`, then :func:`adjust`, in place on
    ``sanctions``; ``ally`` becomes the allies' sanctions after the decisions
    (:func:`allied_sanctions`). Returns the (i, j) pairs whose S crossed ``level`` either way
    (joining or leaving)."""
    target = desired(anchor, start, threat, a_hat, sanctions, commitment, record, flows, gdp,
                     trust, w_threat, w_ally, w_norm, w_dep, w_trust)
    new = adjust(sanctions, target, floor, rate, active)
    n = new.shape[0]
    crossed = crossings(sanctions, new, level, np.ones((n, n), dtype=np.bool_))
    sanctions[:] = new
    ally[:] = allied_sanctions(a_hat, new)
    return crossed
