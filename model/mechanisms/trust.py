"""Trust between states: relaxation, reciprocity, structural balance and material ties.

T_ij ∈ [-1, 1] is i's trust in j (directed). It relaxes toward a baseline B, which holds the
structural anchor B* (initial trust, moved by alliances: :func:`realign`) plus remembered
shocks that fade back to B* (:func:`forgive`). Event shocks (norm violations, pacts,
protests) are applied by the event handlers through :func:`shock`.
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.arrays import clip, clip_inplace, zero_diagonal
from model.mechanisms.jit import kernel
from model.mechanisms.trade import dependence


def initial_trust(alignment: np.ndarray, alliance: np.ndarray, dispute: np.ndarray,
                  w_align: float, w_ally: float, w_dispute: float) -> np.ndarray:
    """T0_ij = clip(w_a (1 - |a_i - a_j|) + w_A A_ij - w_D D_ij, -1, 1), T0_ii = 0.

    Alignment similarity as in UNGA ideal-point affinity (Bailey, Strezhnev & Voeten 2017).
    """
    t = w_align * (1.0 - np.abs(alignment[:, None] - alignment[None, :]))
    t = clip(t + w_ally * alliance - w_dispute * dispute, -1.0, 1.0)
    zero_diagonal(t)
    return t


@kernel
def balance_pull(trust: np.ndarray, rate: float) -> np.ndarray:
    """ΔT_ij = β · mean_{k≠i,j}(T_ik T_kj) · (1 - T_ij²).

    Heider's balance ("the friend of my enemy is my enemy") as a saturating version of the
    continuous-time model dX/dt = X² (Marvel, Kleinberg, Kleinberg & Strogatz, PNAS 2011).
    The diagonal of ``trust`` must be zero so that k = i, j drop out of the product.
    """
    n = trust.shape[0]
    if n < 3:
        return np.zeros_like(trust)
    t = np.ascontiguousarray(trust)
    return rate * (t @ t) / (n - 2) * (1.0 - trust * trust)


@kernel
def cooperation(arms: np.ndarray, tech: np.ndarray, troops: np.ndarray) -> np.ndarray:
    """C_ij = clip(a_ij + a_ji + τ_ij + τ_ji + q_ij + q_ji, 0, 1): symmetric cooperation
    intensity of munitions, technology and troop flows between i and j."""
    flows = arms + tech + troops
    return clip(flows + flows.T, 0.0, 1.0)


@kernel
def step_trust(trust: np.ndarray, base: np.ndarray, sanctions: np.ndarray, war: np.ndarray,
               dependence: np.ndarray, cooperation: np.ndarray, noise: np.ndarray,
               passive: np.ndarray, decay: float, reciprocity: float, balance: float,
               sanction_penalty: float,
               war_penalty: float, trade_affinity: float, cooperation_rate: float,
               ) -> np.ndarray:
    """One month of trust dynamics.

    ΔT = δ(B - T) + ρ(Tᵀ - T) + balance(T) - σ Sᵀ - ω W + α dep + κ C + ε

    B: baseline (2013 trust shifted by remembered shocks); Sᵀ_ij = S_ji: being sanctioned by
    j lowers i's trust in j; W: war intensity; dep_ij = (X_ij + X_ji)/GDP_i (Jackson & Nei
    2015); C: symmetric cooperation intensity (arms, technology, troops); ε: noise.
    Result clipped to [-1, 1]; diagonal kept at 0; passive actors' rows and columns are kept
    as they were (their relations stay as given).
    """
    delta = decay * (base - trust) + reciprocity * (trust.T - trust)
    delta += balance_pull(trust, balance)
    delta += trade_affinity * dependence + cooperation_rate * cooperation
    delta -= sanction_penalty * sanctions.T + war_penalty * war
    out = clip(trust + delta + noise, -1.0, 1.0)
    zero_diagonal(out)
    for p in np.flatnonzero(passive):
        out[p, :] = trust[p, :]
        out[:, p] = trust[:, p]
    return out


@kernel
def forgive(base: np.ndarray, anchor: np.ndarray, months: float) -> None:
    """B ← B + (B* - B)/τ (in place): remembered shocks fade over τ months, back to the
    structural anchor B* (see :func:`realign`)."""
    base += (anchor - base) / months


def realign(anchor: np.ndarray, base: np.ndarray, i: int, j: int, d_alliance: float,
            w_ally: float) -> None:
    """A change in alliance strength ΔA_ij moves the structural anchor, in place:
    B*_ij, B*_ji += w_A ΔA_ij, and the baseline B by the same amount.

    The anchor is the trust the structure implies, T0 at the start; the same w_A that sets
    initial trust between allies (:func:`initial_trust`) holds it while a pact lasts, so a
    pact signed later ends where one in force at the start began, and the bonus is withdrawn
    when the pact ends. Alliances as standing commitments that keep shaping partners'
    expectations (Snyder 1984, "The security dilemma in alliance politics"; Leeds 2003,
    "Alliance reliability in times of war"); unlike the signing shock, it does not fade.
    """
    for arr in (anchor, base):
        arr[i, j] = min(max(arr[i, j] + w_ally * d_alliance, -1.0), 1.0)
        arr[j, i] = min(max(arr[j, i] + w_ally * d_alliance, -1.0), 1.0)


@kernel
def shock(trust: np.ndarray, base: np.ndarray, delta: np.ndarray, memory: float) -> None:
    """Apply an event's trust change in place: T += Δ; B += m·Δ (reputation memory m)."""
    trust += delta
    clip_inplace(trust, -1.0, 1.0)
    base += memory * delta
    clip_inplace(base, -1.0, 1.0)
    zero_diagonal(trust)
    zero_diagonal(base)


@kernel
def trust_month(trust, base, anchor, sanctions, war, flows, gdp, arms, tech, troops, z,
                noise_sd, passive, decay, reciprocity, balance, sanction_penalty, war_penalty,
                trade_affinity, cooperation_rate, forgiveness_months):
    """One month of trust: :func:`step_trust` with trade dependence
    (:func:`model.mechanisms.trade.dependence` of ``flows``) and :func:`cooperation` of the
    arms, technology and troop intensities; then remembered shocks fade (:func:`forgive`, in
    place on ``base``). Noise ε = σ·z (z standard normal). Updates ``trust`` in place."""
    out = step_trust(trust, base, sanctions, war, dependence(flows, gdp),
                     cooperation(arms, tech, troops), noise_sd * z, passive, decay, reciprocity,
                     balance, sanction_penalty, war_penalty, trade_affinity, cooperation_rate)
    forgive(base, anchor, forgiveness_months)
    trust[:] = out
