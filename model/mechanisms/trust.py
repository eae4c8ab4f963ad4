"""Trust between states: relaxation, reciprocity, structural balance and material ties.

T_ij ∈ [-1, 1] is i's trust in j (directed). Event shocks (norm violations, pacts, protests)
are applied by the event handlers through :func:`shock`.
"""

from __future__ import annotations

import numpy as np


def initial_trust(alignment: np.ndarray, alliance: np.ndarray, dispute: np.ndarray,
                  w_align: float, w_ally: float, w_dispute: float) -> np.ndarray:
    """T0_ij = clip(w_a (1 - |a_i - a_j|) + w_A A_ij - w_D D_ij, -1, 1), T0_ii = 0.

    Alignment similarity as in UNGA ideal-point affinity (Bailey, Strezhnev & Voeten 2017).
    """
    t = w_align * (1.0 - np.abs(alignment[:, None] - alignment[None, :]))
    t = np.clip(t + w_ally * alliance - w_dispute * dispute, -1.0, 1.0)
    np.fill_diagonal(t, 0.0)
    return t


def balance_pull(trust: np.ndarray, rate: float) -> np.ndarray:
    """ΔT_ij = β · mean_{k≠i,j}(T_ik T_kj) · (1 - T_ij²).

    Heider's balance ("the friend of my enemy is my enemy") as a saturating version of the
    continuous-time model dX/dt = X² (Marvel, Kleinberg, Kleinberg & Strogatz, PNAS 2011).
    The diagonal of ``trust`` must be zero so that k = i, j drop out of the product.
    """
    n = trust.shape[0]
    if n < 3:
        return np.zeros_like(trust)
    return rate * (trust @ trust) / (n - 2) * (1.0 - trust * trust)


def step_trust(trust: np.ndarray, base: np.ndarray, sanctions: np.ndarray, war: np.ndarray,
               dependence: np.ndarray, cooperation: np.ndarray, noise: np.ndarray, *,
               decay: float, reciprocity: float, balance: float, sanction_penalty: float,
               war_penalty: float, trade_affinity: float, cooperation_rate: float,
               ) -> np.ndarray:
    """One month of trust dynamics.

    ΔT = δ(B - T) + ρ(Tᵀ - T) + balance(T) - σ Sᵀ - ω W + α dep + κ C + ε

    B: baseline (2013 trust shifted by remembered shocks); Sᵀ_ij = S_ji: being sanctioned by
    j lowers i's trust in j; W: war intensity; dep_ij = (X_ij + X_ji)/GDP_i (Jackson & Nei
    2015); C: symmetric cooperation intensity (arms, technology, troops); ε: noise.
    Result clipped to [-1, 1]; diagonal kept at 0.
    """
    delta = decay * (base - trust) + reciprocity * (trust.T - trust)
    delta += balance_pull(trust, balance)
    delta += trade_affinity * dependence + cooperation_rate * cooperation
    delta -= sanction_penalty * sanctions.T + war_penalty * war
    out = np.clip(trust + delta + noise, -1.0, 1.0)
    np.fill_diagonal(out, 0.0)
    return out


def forgive(base: np.ndarray, base0: np.ndarray, months: float) -> None:
    """B ← B + (B0 - B)/τ (in place): remembered shocks fade over τ months."""
    base += (base0 - base) / months


def shock(trust: np.ndarray, base: np.ndarray, delta: np.ndarray, memory: float) -> None:
    """Apply an event's trust change in place: T += Δ; B += m·Δ (reputation memory m)."""
    np.add(trust, delta, out=trust)
    np.clip(trust, -1.0, 1.0, out=trust)
    np.add(base, memory * delta, out=base)
    np.clip(base, -1.0, 1.0, out=base)
    np.fill_diagonal(trust, 0.0)
    np.fill_diagonal(base, 0.0)
