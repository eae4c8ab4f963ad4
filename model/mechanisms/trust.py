"""Trust between states: relaxation, reciprocity, structural balance and material ties.

T_ij ∈ [-1, 1] is i's trust in j (directed). It relaxes toward a baseline B, which holds the
structural anchor B* (initial trust, moved by alliances: :func:`realign`) plus remembered
shocks that fade back to B* (:func:`forgive`). Event shocks (norm violations, pacts,
protests) are applied by the event handlers through :func:`shock`.

Every function reads its parameters by their declared names from ``p``, the run's parameter
record (:meth:`model.params.ParamSet.record`; a :class:`~model.params.ParamSet` serves in
plain Python).
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.arrays import clip, zero_diagonal
from model.mechanisms.jit import kernel
from model.mechanisms.trade import dependence


def initial_trust(alignment: np.ndarray, alliance: np.ndarray, dispute: np.ndarray,
                  p) -> np.ndarray:
    """T0_ij = clip(w_a (1 - |a_i - a_j|) + w_A A_ij - w_D D_ij, -1, 1), T0_ii = 0.

    w_a = ``trust_init_alignment``, w_A = ``trust_init_alliance``, w_D = ``trust_init_dispute``.
    Alignment similarity as in UNGA ideal-point affinity (Bailey, Strezhnev & Voeten 2017).
    """
    t = p.trust_init_alignment * (1.0 - np.abs(alignment[:, None] - alignment[None, :]))
    t = clip(t + p.trust_init_alliance * alliance - p.trust_init_dispute * dispute, -1.0, 1.0)
    zero_diagonal(t)
    return t


@kernel
def balance_pull(trust: np.ndarray, p) -> np.ndarray:
    """ΔT_ij = β · mean_{k≠i,j}(T_ik T_kj) · (1 - T_ij²),  β = ``trust_balance_rate``.

    Heider's balance ("the friend of my enemy is my enemy") as a saturating version of the
    continuous-time model dX/dt = X² (Marvel, Kleinberg, Kleinberg & Strogatz, PNAS 2011).
    The diagonal of ``trust`` must be zero so that k = i, j drop out of the product.
    """
    n = trust.shape[0]
    if n < 3:
        return np.zeros_like(trust)
    t = np.ascontiguousarray(trust)
    return p.trust_balance_rate * (t @ t) / (n - 2) * (1.0 - trust * trust)


@kernel
def cooperation(arms: np.ndarray, tech: np.ndarray, troops: np.ndarray) -> np.ndarray:
    """C_ij = clip(a_ij + a_ji + τ_ij + τ_ji + q_ij + q_ji, 0, 1): symmetric cooperation
    intensity of munitions, technology and troop flows between i and j."""
    flows = arms + tech + troops
    return clip(flows + flows.T, 0.0, 1.0)


@kernel
def step_trust(trust: np.ndarray, trust_base: np.ndarray, sanctions: np.ndarray,
               war: np.ndarray, dependence: np.ndarray, cooperation: np.ndarray,
               noise: np.ndarray, passive: np.ndarray, p) -> np.ndarray:
    """One month of trust dynamics.

    T' = T + δ(B - T) + ρ(Tᵀ - T) + balance(T) + sat_T(D),   D = - σ Sᵀ - ω W + α dep + κ C + ε

    δ ``trust_decay_rate``, ρ ``trust_reciprocity``, balance :func:`balance_pull`,
    σ ``trust_sanction_penalty``, ω ``trust_war_penalty``, α ``trust_trade_affinity``,
    κ ``trust_cooperation_rate``.
    B: baseline (2013 trust shifted by remembered shocks); Sᵀ_ij = S_ji: being sanctioned by
    j lowers i's trust in j; W: war intensity; dep_ij = (X_ij + X_ji)/GDP_i (Jackson & Nei
    2015); C: symmetric cooperation intensity (arms, technology, troops); ε: noise.
    The drivers D act with saturation (sat_T, :func:`bounded_step`: scaled by the distance to
    the bound they push toward); the relaxation toward B and reciprocity act linearly, and
    balance carries its own (1 - T²) saturation; so a lasting driver settles trust inside the
    bounds: a war alone at T* = (δB - ω)/(δ + ω) > -1.
    Result clipped to [-1, 1]; diagonal kept at 0; passive actors' rows and columns are kept as
    they were (their relations stay as given).
    """
    linear = (p.trust_decay_rate * (trust_base - trust)
              + p.trust_reciprocity * (trust.T - trust) + balance_pull(trust, p))
    drivers = p.trust_trade_affinity * dependence + p.trust_cooperation_rate * cooperation
    drivers -= p.trust_sanction_penalty * sanctions.T + p.trust_war_penalty * war
    out = clip(bounded_step(trust, drivers + noise) + linear, -1.0, 1.0)
    zero_diagonal(out)
    for a in np.flatnonzero(passive):
        out[a, :] = trust[a, :]
        out[:, a] = trust[:, a]
    return out


@kernel
def bounded_step(trust: np.ndarray, change: np.ndarray) -> np.ndarray:
    """T' = T + ΔT·(1 - max(T, 0)) where ΔT > 0, T + ΔT·(1 + min(T, 0)) where ΔT < 0 (then
    clipped to [-1, 1] against steps larger than the distance).

    A change toward the bound that trust is already nearer is scaled by the distance to it
    (1 - |T|); a change back toward 0 acts in full. A stated modelling choice, the same kind of
    saturation as the balance term's (1 - T²) factor: drivers and event shocks that last (a
    war, a violation repeated every month) move trust ever less as it nears ±1, so the linear
    pull back to the baseline holds it inside the bounds (:func:`step_trust`), where the linear
    update pinned it at ±1.
    """
    out = np.empty_like(trust)
    flat_t, flat_c, flat_o = trust.reshape(-1), change.reshape(-1), out.reshape(-1)
    for k in range(flat_t.size):
        t, c = flat_t[k], flat_c[k]
        v = t + c * (1.0 - max(t, 0.0)) if c > 0.0 else t + c * (1.0 + min(t, 0.0))
        flat_o[k] = min(max(v, -1.0), 1.0)
    return out


@kernel
def forgive(trust_base: np.ndarray, anchor: np.ndarray, p) -> None:
    """B ← B + (B* - B)/τ (in place), τ = ``trust_forgiveness_months``: remembered shocks
    fade back to the structural anchor B* (see :func:`realign`)."""
    trust_base += (anchor - trust_base) / p.trust_forgiveness_months


def realign(anchor: np.ndarray, trust_base: np.ndarray, i: int, j: int, d_alliance: float,
            p) -> None:
    """A change in alliance strength ΔA_ij moves the structural anchor, in place:
    B*_ij, B*_ji += w_A ΔA_ij (w_A = ``trust_init_alliance``), and the baseline B by the same
    amount.

    The anchor is the trust the structure implies, T0 at the start; the same w_A that sets
    initial trust between allies (:func:`initial_trust`) holds it while a pact lasts, so a
    pact signed later ends where one in force at the start began, and the bonus is withdrawn
    when the pact ends. Alliances as standing commitments that keep shaping partners'
    expectations (Snyder 1984, "The security dilemma in alliance politics"; Leeds 2003,
    "Alliance reliability in times of war"); unlike the signing shock, it does not fade.
    """
    step = p.trust_init_alliance * d_alliance
    for arr in (anchor, trust_base):
        arr[i, j] = min(max(arr[i, j] + step, -1.0), 1.0)
        arr[j, i] = min(max(arr[j, i] + step, -1.0), 1.0)


@kernel
def shock(trust: np.ndarray, trust_base: np.ndarray, delta: np.ndarray, p) -> None:
    """Apply an event's trust change in place: T += Δ; B += m·Δ, with the reputation memory
    m = ``trust_memory_share``, both with the saturation of :func:`bounded_step` (repeated
    shocks, such as a month-by-month violation, approach ±1 only asymptotically)."""
    trust[:] = bounded_step(trust, delta)
    trust_base[:] = bounded_step(trust_base, p.trust_memory_share * delta)
    zero_diagonal(trust)
    zero_diagonal(trust_base)


@kernel
def trust_month(trust, trust_base, anchor, sanctions, war, flows, gdp, arms, tech, troops, z,
                passive, params):
    """One month of trust: :func:`step_trust` with trade dependence
    (:func:`model.mechanisms.trade.dependence` of ``flows``) and :func:`cooperation` of the
    arms, technology and troop intensities; then remembered shocks fade (:func:`forgive`, in
    place on ``trust_base``). Noise ε = σ·z (z standard normal, σ = ``trust_noise_sd``).
    ``params``: the run's parameter record. Updates ``trust`` in place."""
    p = params[0]
    out = step_trust(trust, trust_base, sanctions, war, dependence(flows, gdp),
                     cooperation(arms, tech, troops), p.trust_noise_sd * z, passive, p)
    forgive(trust_base, anchor, p)
    trust[:] = out
