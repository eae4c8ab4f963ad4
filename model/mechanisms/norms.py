"""Norm violations: reputational trust shocks, violation records and commitment erosion.

A violation by actor a of norm k with severity v lowers every observer o's trust in a by

    ΔT_oa = -η · v · c_ko · e_koa · (1 + χ·voted_ka)

c_ko: o's commitment to the norm; voted_ka: a voted for the regime it now breaks (hypocrisy);
e_koa = f + (1 - f)·max(p(o, target_k), p(o, a)): exposure rises with proximity to the violator
or to the regime's target (a neighbour of the violator, or of the sanctioned state, has more at
stake). η = ``trust_norm_shock``, χ = ``trust_hypocrisy_factor``, f = ``norm_exposure_floor``,
read from the parameter record ``p``. Reputation costs of broken commitments: Tomz,
*Reputation and International Cooperation* (2007); norm-violation trust shocks: Finnemore &
Sikkink, IO 52(4) (1998).
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.arrays import zero_diagonal
from model.mechanisms.jit import kernel
from model.mechanisms.trust import shock as trust_shock


@kernel
def exchange_intensity(volume: np.ndarray, p) -> np.ndarray:
    """q = 1 - exp(-volume / V): the intensity (0..1) of a munitions flow
    (V = ``arms_reference_volume``).

    Evaluated only where there is a flow (q = 0 elsewhere); flows are sparse."""
    out = np.zeros_like(volume)
    for i in range(volume.shape[0]):
        for j in range(volume.shape[1]):
            if volume[i, j] > 0:
                out[i, j] = -np.expm1(-volume[i, j] / p.arms_reference_volume)
    return out


@kernel
def flow_violations(violations: np.ndarray, targets: np.ndarray, arms: np.ndarray,
                    tech: np.ndarray, troops: np.ndarray, war_norms: np.ndarray,
                    aggressor: np.ndarray, p) -> None:
    """Add this month's flow violations to ``violations`` (K, N), in place; True if any
    violation (of flows or reported by events) is on record this month.

    Regime k with target t: v_ka += s_a (a_at + a_ta) + s_τ (τ_at + τ_ta) + s_q (q_at + q_ta)
    (s_a ``arms_violation_severity``, s_τ ``tech_violation_severity``, s_q
    ``troop_violation_severity``)
    for every partner a of the target, and the target violates by the sum of its partners'
    (ongoing embargoed flows implicate both parties). War norms: for each (aggressor g, norm k)
    still at war, senders of troops fighting for g violate k by s_q q_ig (complicity).
    ``war_norms``: (W, 2) integer array of (aggressor index, norm index) rows.
    """
    for k in range(targets.size):
        t = targets[k]
        if t < 0:
            continue
        pair = (p.arms_violation_severity * (arms[:, t] + arms[t, :])
                + p.tech_violation_severity * (tech[:, t] + tech[t, :])
                + p.troop_violation_severity * (troops[:, t] + troops[t, :]))
        pair[t] = 0.0
        violations[k] += pair
        violations[k, t] += pair.sum()
    for r in range(war_norms.shape[0]):
        g, k = war_norms[r, 0], war_norms[r, 1]
        if aggressor[g].any() and troops[:, g].any():
            violations[k] += p.troop_violation_severity * troops[:, g]
    return violations.any()


@kernel
def exposure(prox: np.ndarray, target: int, p) -> np.ndarray:
    """e_oa = f + (1 - f)·max(prox_o,target, prox_oa) as an (observer × violator) matrix
    (f = ``norm_exposure_floor``)."""
    f = p.norm_exposure_floor
    if target < 0:
        return f + (1.0 - f) * prox
    near = np.maximum(prox, prox[:, target].copy().reshape(-1, 1))
    return f + (1.0 - f) * near


@kernel
def violation_trust_delta(violations: np.ndarray, commitment: np.ndarray, voted: np.ndarray,
                          targets: np.ndarray, prox: np.ndarray, observing: np.ndarray,
                          p) -> np.ndarray:
    """Sum over norms k of ΔT_oa (observer rows, violator columns). ``violations`` is (K, N);
    only ``observing`` states' rows are filled (passive actors do not react)."""
    n = prox.shape[0]
    delta = np.zeros((n, n))
    for k in range(violations.shape[0]):
        if not violations[k].any():
            continue
        v = violations[k] * (1.0 + p.trust_hypocrisy_factor * voted[k])  # (N,) per violator
        delta -= (p.trust_norm_shock * commitment[k].copy().reshape(-1, 1)
                  * exposure(prox, int(targets[k]), p) * v.reshape(1, -1))
    zero_diagonal(delta)
    for o in range(n):
        if not observing[o]:
            delta[o, :] = 0.0
    return delta


@kernel
def update_record(record: np.ndarray, violations: np.ndarray, p) -> None:
    """R_ka ← R_ka·exp(-1/τ) + v_ka (in place): a decaying record of each actor's violations
    (τ = ``violation_memory_months``); then v ← 0, ready for next month's reports."""
    record *= np.exp(-1.0 / p.violation_memory_months)
    record += violations
    violations[:] = 0.0


@kernel
def erode_commitment(commitment: np.ndarray, violations: np.ndarray, p) -> None:
    """c_ka ← c_ka·exp(-ρ·v_ka) (in place): violators come to care less for the norm
    (ρ = ``commitment_erosion``)."""
    commitment *= np.exp(-p.commitment_erosion * violations)


@kernel
def norms_month(violations, record, commitment, trust, trust_base, targets, voted, arms, tech,
                troops, war_norms, aggressor, prox, observing, params):
    """One month of norms, in place: this month's :func:`flow_violations` join those reported
    by events; if there are any, observers' trust falls (:func:`violation_trust_delta`,
    applied by :func:`model.mechanisms.trust.shock`) and violators' commitment erodes
    (:func:`erode_commitment`); then the record is updated (:func:`update_record`).
    ``params``: the run's parameter record."""
    p = params[0]
    if flow_violations(violations, targets, arms, tech, troops, war_norms, aggressor, p):
        delta = violation_trust_delta(violations, commitment, voted, targets, prox, observing,
                                      p)
        trust_shock(trust, trust_base, delta, p)
        erode_commitment(commitment, violations, p)
    update_record(record, violations, p)
