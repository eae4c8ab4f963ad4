"""Firms' stress in a host country: lost profit, political risk, peers, and the cost of exit.

For firm f of home i in host h (all vectorised over firms):

    loss_f   = w_s max(S_ih, S_hi) + w_b B_ih + w_a ally_ih + w_d max(0, 1 - D_h)
    risk_f   = w_θ max(0, Θ_ih - Θ0_ih) + w_p P_ih + w_w war_h
    peer_f   = w_q · (share of home-i firms in h suspended or exited)
    stress_f = loss_f + risk_f + peer_f
    exit_f   = 1 - (1 - σ_f)(1 - δ_h)(1 - κ_h)     share of assets lost by selling

D_h: host imports relative to their no-friction level (demand); P_ih: home i's government
pressure on its firms in h;
σ_f: sunk share; δ_h, κ_h: the host's forced sale discount and exit "contribution".
Exit under sanctions and political risk: Crozet & Hinz (2020, country-risk channel); real
options and sunk costs in exit (Dixit, JPE 97(3), 1989): firms wait while exit is costly.
"""

from __future__ import annotations

import numpy as np


def profit_loss(sanctions, export_ban, ally_sanctions, demand, home, host, *, w_s, w_b, w_a,
                w_d):
    """loss_f (see module docstring); matrices indexed by each firm's (home, host)."""
    s = np.maximum(sanctions[home, host], sanctions[host, home])
    return (w_s * s + w_b * export_ban[home, host] + w_a * ally_sanctions[home, host]
            + w_d * np.maximum(0.0, 1.0 - demand[host]))


def political_risk(threat, threat0, pressure, at_war, home, host, *, w_t, w_p, w_w):
    """risk_f = w_θ max(0, Θ_ih - Θ0_ih) + w_p P_ih + w_w war_h."""
    rise = np.maximum(0.0, threat[home, host] - threat0[home, host])
    return w_t * rise + w_p * pressure[home, host] + w_w * at_war[host]


def sale_keep(discount, contribution):
    """(1 - δ_h)(1 - κ_h): share of a firm's recoverable value a sale in host h keeps."""
    return (1.0 - discount) * (1.0 - contribution)


def exit_cost(sunk, keep):
    """exit_f = 1 - (1 - σ_f)·keep_h = 1 - (1 - σ_f)(1 - δ_h)(1 - κ_h)."""
    return 1.0 - (1.0 - sunk) * keep
