"""Threat perception — Walt's balance of threat.

Walt, *The Origins of Alliances* (1987): a state's threat from another grows with the other's
aggregate power, proximity, offensive capability and perceived aggressive intent.
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.arrays import clip, zero_diagonal


def coalition_power(capability: np.ndarray, alliance: np.ndarray, pooling: float) -> np.ndarray:
    """P_i = c_i + π Σ_k A_ik c_k — own capability plus pooled allied capability."""
    return capability + pooling * (alliance @ capability)


def proximity(distance_km: np.ndarray, scale_km: float) -> np.ndarray:
    """p_ij = exp(-d_ij / λ) — Boulding's loss-of-strength gradient."""
    return np.exp(-distance_km / scale_km)


def offensive_factor(offense: np.ndarray, nuclear: np.ndarray, w_off: float,
                     w_nuc: float) -> np.ndarray:
    """o_j = (1 + w_o·m_j + w_n·nuc_j) / (1 + w_o + w_n) ∈ (0, 1] — strike reach and nukes."""
    return (1.0 + w_off * offense + w_nuc * nuclear) / (1.0 + w_off + w_nuc)


def hostility(trust: np.ndarray, exponent: float) -> np.ndarray:
    """h_ij = ((1 - T_ij) / 2)^k — perceived aggressive intent from (dis)trust.

    Whole-number k (the default is 3) is computed by repeated multiplication, several times
    faster than the general power on large worlds."""
    base = (1.0 - trust) * 0.5
    if float(exponent).is_integer() and 1 <= exponent <= 4:
        out = base.copy()
        for _ in range(int(exponent) - 1):
            out *= base
        return out
    return base ** exponent


def threat_target(power: np.ndarray, prox: np.ndarray, offence: np.ndarray,
                  host: np.ndarray, a_hat, sharing: float, gain: float,
                  active: np.ndarray) -> np.ndarray:
    """Target threat of i from j.

    raw_ij  = P_j / (P_i + P_j) · p_ij · o_j · h_ij            (Walt's four sources)
    shared  = raw + s · Â raw,  Â_ik = A_ik / max(1, Σ_k A_ik) (allies' threats partly adopted;
              a state with weak alliances adopts proportionally less; raw_jj = 0)
    Θ*_ij   = 1 - exp(-g · shared_ij),  Θ*_ii = 0; passive actors neither feel nor pose threat.
    """
    rel = power[None, :] / (power[:, None] + power[None, :] + 1e-12)
    raw = rel * prox * offence[None, :] * host
    zero_diagonal(raw)
    shared = raw + sharing * (a_hat @ raw)
    target = 1.0 - np.exp(-gain * shared)
    mask = active[:, None] & active[None, :]
    zero_diagonal(mask)
    return np.where(mask, target, 0.0)


def smooth(threat: np.ndarray, target: np.ndarray, rate: float,
           noise: np.ndarray) -> np.ndarray:
    """Θ ← clip(Θ + r (Θ* - Θ) + ε, 0, 1) — perceptions adjust gradually, with noise."""
    out = threat + rate * (target - threat) + noise
    return clip(out, 0.0, 1.0, out=out)
