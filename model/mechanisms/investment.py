"""Foreign direct investment stocks under political risk.

risk_ij = w_θ Θ_ij + w_s max(S_ij, S_ji, B_ij) + w_w war_j       (home i, host j)
excess  = max(0, risk_ij - max(risk0_ij, r̄))                      (anchored at 2013)
F_ij   ← F_ij · (1 + g_j/12 · [excess = 0] - ε · excess)

Political risk and FDI: Jensen, *Nation-States and the Multinational Corporation* (2006);
w_θ ``fdi_risk_threat_weight``, w_s ``fdi_risk_sanction_weight``, w_w ``fdi_risk_war_weight``,
r̄ ``fdi_risk_threshold``, ε ``fdi_exit_rate``, read from the parameter record ``p``. Firms in
Russia after 2022 — exit under sanctions and threat (a firm-by-firm version is the
FirmAgent layer).
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.jit import kernel


@kernel
def political_risk(threat, sanctions, export_ban, at_war, p):
    """risk_ij for home i investing in host j (see module docstring)."""
    pressure = np.maximum(np.maximum(sanctions, sanctions.T), export_ban)
    return (p.fdi_risk_threat_weight * threat + p.fdi_risk_sanction_weight * pressure
            + p.fdi_risk_war_weight * at_war.reshape(1, -1))


@kernel
def step_fdi(fdi, risk, risk0, host_growth, p):
    """One month of FDI stock change (see module docstring); never negative."""
    excess = np.maximum(0.0, risk - np.maximum(risk0, p.fdi_risk_threshold))
    grow = np.where(excess > 0, 0.0, host_growth.reshape(1, -1) / 12.0)
    return np.maximum(fdi * (1.0 + grow - p.fdi_exit_rate * excess), 0.0)


@kernel
def fdi_month(fdi, threat, sanctions, export_ban, at_war, risk0, host_growth, params):
    """One month of FDI stocks, in place: :func:`step_fdi` under this month's
    :func:`political_risk`. ``params``: the run's parameter record."""
    p = params[0]
    risk = political_risk(threat, sanctions, export_ban, at_war, p)
    fdi[:] = step_fdi(fdi, risk, risk0, host_growth, p)
