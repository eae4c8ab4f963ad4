"""Norm violations: reputational trust shocks, violation records and commitment erosion.

A violation by actor a of norm k with severity v lowers every observer o's trust in a by

    ΔT_oa = -η · v · c_ko · e_koa · (1 + χ·voted_ka)

c_ko: o's commitment to the norm; voted_ka: a voted for the regime it now breaks (hypocrisy);
e_koa = f + (1 - f)·max(p(o, target_k), p(o, a)): exposure rises with proximity to the violator
or to the regime's target (a neighbour of the violator, or of the sanctioned state, has more at
stake). Reputation costs of broken commitments: Tomz, *Reputation and International
Cooperation* (2007); norm-violation trust shocks: Finnemore & Sikkink, IO 52(4) (1998).
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.arrays import zero_diagonal


def exchange_intensity(volume: np.ndarray, reference: float) -> np.ndarray:
    """q = 1 - exp(-volume / reference): the intensity (0..1) of a flow such as munitions.

    Evaluated only where there is a flow (q = 0 elsewhere); flows are sparse."""
    return -np.expm1(-volume / reference, out=np.zeros_like(volume), where=volume > 0)


def flow_violations(violations: np.ndarray, targets: np.ndarray, arms: np.ndarray,
                    tech: np.ndarray, troops: np.ndarray, war_norms, aggressor: np.ndarray, *,
                    arms_severity: float, tech_severity: float,
                    troop_severity: float) -> None:
    """Add this month's flow violations to ``violations`` (K, N), in place.

    Regime k with target t: v_ka += s_a (a_at + a_ta) + s_τ (τ_at + τ_ta) + s_q (q_at + q_ta)
    for every partner a of the target, and the target violates by the sum of its partners'
    (ongoing embargoed flows implicate both parties). War norms: for each (aggressor g, norm k)
    still at war, senders of troops fighting for g violate k by s_q q_ig (complicity).
    ``war_norms``: (aggressor index, norm index) pairs.
    """
    for k, t in enumerate(targets):
        if t < 0:
            continue
        pair = (arms_severity * (arms[:, t] + arms[t, :])
                + tech_severity * (tech[:, t] + tech[t, :])
                + troop_severity * (troops[:, t] + troops[t, :]))
        pair[t] = 0.0
        violations[k] += pair
        violations[k, t] += pair.sum()
    for g, k in war_norms:
        if aggressor[g].any() and troops[:, g].any():
            violations[k] += troop_severity * troops[:, g]


def exposure(prox: np.ndarray, target: int, floor: float) -> np.ndarray:
    """e_oa = f + (1 - f)·max(p_o,target, p_oa) as an (observer × violator) matrix."""
    near = prox if target < 0 else np.maximum(prox, prox[:, [target]])
    return floor + (1.0 - floor) * near


def violation_trust_delta(violations: np.ndarray, commitment: np.ndarray, voted: np.ndarray,
                          targets: np.ndarray, prox: np.ndarray, *, shock: float,
                          hypocrisy: float, floor: float) -> np.ndarray:
    """Sum over norms k of ΔT_oa (observer rows, violator columns). ``violations`` is (K, N)."""
    n = prox.shape[0]
    delta = np.zeros((n, n))
    for k in np.flatnonzero(violations.any(axis=1)):
        v = violations[k] * (1.0 + hypocrisy * voted[k])  # (N,) per violator
        delta -= shock * commitment[k][:, None] * exposure(prox, int(targets[k]), floor) * v
    zero_diagonal(delta)
    return delta


def update_record(record: np.ndarray, violations: np.ndarray, memory_months: float) -> None:
    """R_ka ← R_ka·exp(-1/τ) + v_ka (in place): a decaying record of each actor's violations."""
    record *= np.exp(-1.0 / memory_months)
    record += violations


def erode_commitment(commitment: np.ndarray, violations: np.ndarray, rate: float) -> None:
    """c_ka ← c_ka·exp(-ρ·v_ka) (in place): violators come to care less for the norm."""
    commitment *= np.exp(-rate * violations)
