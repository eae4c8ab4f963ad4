"""Arming a victim of aggression: which states want to start (the StateAgents' rule).

While a war with aggressor a and victim v goes on, state i wants to arm v when

    Θ_ia > θ̄ - π · share_i   and   T_iv ≥ T_min,

share_i = (i's allies already arming v) / (i's allies), i ∉ {a, v}, i active, not already arming
v and not itself at war with v. Alliance dependence and burden sharing: Snyder, *Alliance
Politics* (1997).
"""

from __future__ import annotations

import numpy as np


def wants_to_arm(threat, trust, arming, war, alliance, active, a: int, v: int, *,
                 threshold: float, ally_pressure: float, min_trust: float) -> np.ndarray:
    """Indices of the states that start arming victim ``v`` of aggressor ``a`` this month."""
    allies = alliance > 0
    share = (allies & (arming[:, v] > 0)[None, :]).sum(axis=1) / np.maximum(
        allies.sum(axis=1), 1)
    want = ((threat[:, a] > threshold - ally_pressure * share) & (trust[:, v] >= min_trust)
            & active & (arming[:, v] == 0) & (war[:, v] == 0))
    want[[a, v]] = False
    return np.flatnonzero(want)
