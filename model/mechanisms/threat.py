"""Threat perception — Walt's balance of threat.

Walt, *The Origins of Alliances* (1987): a state's threat from another grows with the other's
aggregate power, proximity, offensive capability and perceived aggressive intent.
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.arrays import allies_mean, clip_inplace, zero_outside
from model.mechanisms.jit import kernel


@kernel
def coalition_power(capability: np.ndarray, alliance: np.ndarray, p) -> np.ndarray:
    """P_i = c_i + π Σ_k A_ik c_k — own capability plus pooled allied capability
    (π = ``threat_alliance_pooling``)."""
    n = capability.size
    out = np.empty(n)
    for i in range(n):
        pooled = 0.0
        for k in range(n):
            if alliance[i, k] != 0.0:
                pooled += alliance[i, k] * capability[k]
        out[i] = capability[i] + p.threat_alliance_pooling * pooled
    return out


def proximity(distance_km: np.ndarray, p) -> np.ndarray:
    """prox_ij = exp(-d_ij / λ) — Boulding's loss-of-strength gradient
    (λ = ``threat_proximity_km``)."""
    return np.exp(-distance_km / p.threat_proximity_km)


@kernel
def offensive_factor(offense: np.ndarray, nuclear: np.ndarray, p) -> np.ndarray:
    """o_j = (1 + w_o·m_j + w_n·nuc_j) / (1 + w_o + w_n) ∈ (0, 1] — strike reach and nukes
    (w_o = ``threat_offense_weight``, w_n = ``threat_nuclear_weight``)."""
    w_off, w_nuc = p.threat_offense_weight, p.threat_nuclear_weight
    return (1.0 + w_off * offense + w_nuc * nuclear) / (1.0 + w_off + w_nuc)


@kernel
def hostility(trust: np.ndarray, p) -> np.ndarray:
    """h_ij = ((1 - T_ij) / 2)^k — perceived aggressive intent from (dis)trust
    (k = ``threat_intent_exponent``).

    Whole-number k (the default is 3) is computed by repeated multiplication, several times
    faster than the general power on large worlds."""
    exponent = p.threat_intent_exponent
    base = (1.0 - trust) * 0.5
    if exponent == np.floor(exponent) and 1 <= exponent <= 4:
        out = base.copy()
        for _ in range(int(exponent) - 1):
            out *= base
        return out
    return base ** exponent


@kernel
def threat_target(power: np.ndarray, prox: np.ndarray, offence: np.ndarray,
                  host: np.ndarray, a_hat: np.ndarray, active: np.ndarray,
                  p) -> np.ndarray:
    """Target threat of i from j.

    raw_ij  = P_j / (P_i + P_j) · p_ij · o_j · h_ij            (Walt's four sources)
    shared  = raw + s · Â raw,  Â_ik = A_ik / max(1, Σ_k A_ik) (allies' threats partly adopted;
              a state with weak alliances adopts proportionally less; raw_jj = 0)
    Θ*_ij   = 1 - exp(-g · shared_ij),  Θ*_ii = 0; passive actors neither feel nor pose threat.

    s = ``threat_ally_sharing``, g = ``threat_gain``.
    """
    n = power.size
    raw = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if i != j:
                rel = power[j] / (power[i] + power[j] + 1e-12)
                raw[i, j] = rel * prox[i, j] * offence[j] * host[i, j]
    shared = raw + p.threat_ally_sharing * allies_mean(a_hat, raw)
    target = 1.0 - np.exp(-p.threat_gain * shared)
    zero_outside(target, active)
    return target


@kernel
def smooth(threat: np.ndarray, target: np.ndarray, noise: np.ndarray, active: np.ndarray,
           p) -> np.ndarray:
    """Θ ← clip(Θ + r (Θ* - Θ) + ε, 0, 1) — perceptions adjust gradually, with noise
    (r = ``threat_adjust_rate``); Θ_ij = 0 where i or j is passive, and Θ_ii = 0."""
    out = threat + p.threat_adjust_rate * (target - threat) + noise
    clip_inplace(out, 0.0, 1.0)
    zero_outside(out, active)
    return out


@kernel
def threat_month(threat, capability, alliance, offense, nuclear, trust, prox, a_hat, z,
                 active, params):
    """One month of perceived threat: Walt's four sources (:func:`coalition_power`,
    :func:`offensive_factor`, :func:`hostility`, proximity) give :func:`threat_target`, which
    perceptions approach by :func:`smooth` with noise ε = σ·z (z standard normal,
    σ = ``perception_noise_sd``). ``params``: the run's parameter record. Updates ``threat``
    in place."""
    p = params[0]
    power = coalition_power(capability, alliance, p)
    target = threat_target(power, prox, offensive_factor(offense, nuclear, p),
                           hostility(trust, p), a_hat, active, p)
    threat[:] = smooth(threat, target, p.perception_noise_sd * z, active, p)
