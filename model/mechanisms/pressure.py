"""Home governments' pressure on their firms abroad (the StateAgents' rule).

    P*_ih = clip(g_θ max(0, Θ_ih - Θ0_ih) + d_i g_a ally_ih, 0, 1),   P ← P + r (P* - P)

A jump in threat from the host (e.g. after a treaty) and allies' sanctions on the host
(alliance pressure) make a government lean on its firms to leave. Leaning on one's firms to
follow allies' sanctions is a unilateral measure like joining those sanctions, so the ally term
is scaled, as in :mod:`model.mechanisms.sanctions`, by the home's disposition to sanction
unilaterally d_i (world data, ``sanction_disposition`` of actors.csv); threat acts on every
state alike. g_θ
``pressure_threat_weight``, g_a ``pressure_ally_weight``, r ``pressure_adjust_rate``, read from
the parameter record ``p``. Home-state pressure on multinationals in sanctioned markets:
Meyer, Fang, Panibratov, Peng & Gaur, "International business under sanctions", J. World
Business 58(2) (2023).
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.arrays import clip_inplace, crossings, zero_diagonal
from model.mechanisms.jit import kernel

PRESSING = 0.5  # pressure from which a government is logged as pressing its firms to leave


@kernel
def step_pressure(pressure, floor, threat, threat0, ally, disposition, active, p):
    """One month of P (see module docstring); inactive homes aim at 0; P_ii = 0; P stays at or
    above the ``floor`` a forced decision set (event ``press_firms``)."""
    target = (p.pressure_threat_weight * np.maximum(0.0, threat - threat0)
              + p.pressure_ally_weight * disposition.reshape(-1, 1) * ally)
    clip_inplace(target, 0.0, 1.0)
    for i in range(active.size):
        if not active[i]:
            target[i, :] = 0.0
    out = np.maximum(pressure + p.pressure_adjust_rate * (target - pressure), floor)
    zero_diagonal(out)
    return out


@kernel
def pressure_month(pressure, floor, threat, threat0, ally, disposition, active, pairs, params,
                   level):
    """One month of :func:`step_pressure`, in place on ``pressure``. Returns the (home, host)
    pairs among ``pairs`` (a boolean mask) whose pressure rose to ``level`` or above;
    ``disposition``: each home's d_i.
    ``params``: the run's parameter record."""
    new = step_pressure(pressure, floor, threat, threat0, ally, disposition, active, params[0])
    crossed = crossings(pressure, new, level, pairs)
    rose = np.zeros(crossed.shape[0], dtype=np.bool_)
    for r in range(crossed.shape[0]):
        rose[r] = new[crossed[r, 0], crossed[r, 1]] >= level
    pressure[:] = new
    return crossed[rose]
