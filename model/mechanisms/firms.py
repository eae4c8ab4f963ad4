"""Firms' stress in a host country: lost profit, political risk, peers, and the cost of exit.

For firm f of home i in host h (all vectorised over firms):

    loss_f   = max(w_s max(S_ih, S_hi), w_b B_ih) + w_a ally_ih + w_d max(0, 1 - D_h)
    risk_f   = w_θ max(0, Θ_ih - Θ0_ih) + w_p P_ih + w_w war_h
    peer_f   = w_q · (share of home-i firms in h suspended or exited)
    stress_f = e^S_k loss_f + e^P_k risk_f + peer_f      (k: the firm's sector)
    exit_f   = 1 - (1 - σ_f)(1 - δ_h)(1 - κ_h)(1 - q_h)(1 - ρ)^{d_h}   share lost by selling

D_h: host imports relative to their no-friction level (demand); P_ih: home i's government
pressure on its firms in h. The home's sanctions and its export controls on the host enter as
the heavier of the two, not their sum: for a firm inside the host they are instruments of one
policy whose burdens overlap (the same imported inputs, payments and customers), so a home that
adds export controls to its sanctions, as the West and South Korea did in 2022, does not stress
its firms twice for one cut (a specification choice, an estimate);
σ_f: sunk share; δ_h, κ_h, q_h, d_h: the host's forced sale discount, exit "contribution",
risk of temporary state management and approval delay (dated ``exit_rules`` events);
e^S_k, e^P_k: the sector's exposures (``sectors.csv``). The stay/sell decision compares the
value of staying with the value of selling: :func:`decisions`.
Weights, read from the parameter record ``p``: w_s ``firm_sanction_weight``, w_b
``firm_ban_weight``, w_a ``firm_ally_weight``, w_d ``firm_demand_weight``, w_θ
``firm_threat_weight``, w_p ``firm_pressure_weight``, w_w ``firm_war_weight``, w_q
``firm_peer_weight``.
Exit under sanctions and political risk: Crozet & Hinz (2020, country-risk channel); real
options and sunk costs in exit (Dixit, JPE 97(3), 1989): firms wait while exit is costly.
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.jit import kernel

OPERATING, SUSPENDED, EXITED = 0, 1, 2  # as agents.firm.FirmStatus


@kernel
def profit_loss(sanctions, export_ban, ally_sanctions, demand, home, host, p):
    """loss_f (see module docstring), for each (home, host) pair in ``home``, ``host``."""
    out = np.empty(home.size)
    for g in range(home.size):
        i, h = home[g], host[g]
        s = max(sanctions[i, h], sanctions[h, i])
        out[g] = (max(p.firm_sanction_weight * s, p.firm_ban_weight * export_ban[i, h])
                  + p.firm_ally_weight * ally_sanctions[i, h]
                  + p.firm_demand_weight * max(0.0, 1.0 - demand[h]))
    return out


@kernel
def political_risk(threat, threat0, pressure, at_war, home, host, p):
    """risk_f = w_θ max(0, Θ_ih - Θ0_ih) + w_p P_ih + w_w war_h, per (home, host) pair."""
    out = np.empty(home.size)
    for g in range(home.size):
        i, h = home[g], host[g]
        rise = max(0.0, threat[i, h] - threat0[i, h])
        out[g] = (p.firm_threat_weight * rise + p.firm_pressure_weight * pressure[i, h]
                  + p.firm_war_weight * at_war[h])
    return out


@kernel
def peer_stress(counts, group_size, p):
    """peer_f = w_q · (suspended + exited) / firms, per (home, host) group (``counts``: (G, 3)
    firms by status)."""
    out = np.empty(group_size.size)
    for g in range(group_size.size):
        left = counts[g, SUSPENDED] + counts[g, EXITED]
        out[g] = p.firm_peer_weight * left / max(group_size[g], 1)
    return out


@kernel
def presence(live0, assets0_total):
    """presence_g = Σ 2013 assets of g's operating firms / Σ 2013 assets of g's firms, in
    [0, 1] (the running sum is clipped: adding and removing firms leaves rounding residue)."""
    out = np.zeros(live0.size)
    for g in range(live0.size):
        if assets0_total[g] > 0:
            out[g] = min(max(live0[g] / assets0_total[g], 0.0), 1.0)
    return out


@kernel
def group_stress(sanctions, export_ban, ally_sanctions, demand, threat, threat0, pressure,
                 at_war, home, host, counts, group_size, params):
    """Per (home, host) group: (loss, risk, peer, stress = loss + risk + peer), from
    :func:`profit_loss`, :func:`political_risk` and :func:`peer_stress`. ``params``: the
    run's parameter record."""
    p = params[0]
    loss = profit_loss(sanctions, export_ban, ally_sanctions, demand, home, host, p)
    risk = political_risk(threat, threat0, pressure, at_war, home, host, p)
    peer = peer_stress(counts, group_size, p)
    return loss, risk, peer, loss + risk + peer


@kernel
def firm_stress(sanction_exposure, pressure_exposure, loss, risk, peer):
    """s_f = e^S_k·loss_g + e^P_k·risk_g + peer_g: the group's stress weighted by the exposures
    of the firm's sector k (``sectors.csv``: sanctions and export bans hit finance, energy and
    car makers hardest; home pressure and boycotts hit consumer-facing brands)."""
    return sanction_exposure * loss + pressure_exposure * risk + peer


@kernel
def sale_keep(discount, contribution, seizure, delay, p):
    """k_h = (1 - δ_h)(1 - κ_h)(1 - q_h)(1 - ρ)^{d_h}: share of a firm's recoverable value a
    sale in host h keeps, after the forced discount δ_h, the exit contribution κ_h, the risk
    q_h that the asset is put under temporary state management while the sale awaits
    approval, and ρ ``firm_sale_wait_discount`` per month of the approval delay d_h."""
    return ((1.0 - discount) * (1.0 - contribution) * (1.0 - seizure)
            * (1.0 - p.firm_sale_wait_discount) ** delay)


@kernel
def exit_cost(sunk, keep):
    """x_f = 1 - (1 - σ_f)·k_h: share of the firm's value lost by selling in host h."""
    return 1.0 - (1.0 - sunk) * keep


@kernel
def idle_cost(months, p):
    """min(c·m_f, c̄): the cost of m_f months idle (plant kept, staff on the payroll), bounded
    by c̄ ``firm_idle_cost_cap`` (c ``firm_idle_cost``): past the cap, a firm that keeps its
    idle plant grows no keener to sell."""
    return min(p.firm_idle_cost * months, p.firm_idle_cost_cap)


@kernel
def decisions(group, pair_host, tolerance, status, exit_due, months_suspended, sunk,
              sanction_exposure, pressure_exposure, stay_profit, loss, risk, peer, exit_rules,
              host_at_war, params):
    """Every firm's move this month, all from the same start-of-month state: a comparison of
    the value of staying (operating or idle) with the value of selling under the host's terms.

    For firm f of sector k in group g (home i, host h):

        s_f      = :func:`firm_stress` (sector-weighted loss, risk and peers of g)
        v_f      = τ_f + π_k - s_f                   value of operating this month
        V_wait_f = v_f - min(c·m_f, c̄)              value of staying idle (:func:`idle_cost`)
        V_sell_f = -w_x·x_f                          value of selling now (:func:`exit_cost`)

        operating → suspended   if v_f < 0
        suspended → operating   if v_f > h                          (waiting, no sale due)
        suspended → selling     if V_sell_f - V_wait_f > μ          (waiting)
        exited    → operating   if the host is at peace and v_f > r

    τ_f: the firm's tolerance; π_k: the sector's profit from staying (``sectors.csv``); m_f:
    months suspended; x_f with the host's exit terms ``exit_rules`` (H, 4): forced discount,
    exit contribution, seizure risk and approval delay in months (:func:`sale_keep`). h
    ``firm_hysteresis``, w_x ``firm_exit_cost_weight``, μ ``firm_exit_margin``, r
    ``firm_reentry_margin`` (``params``: the parameter record).

    Real options in exit (Dixit, JPE 97(3), 1989): a firm waits while selling destroys more
    value than staying idle costs; because the idle cost is bounded, a firm whose stress stays
    moderate keeps its idle plant indefinitely (what most Western owners did in 2022:
    Evenett & Pisani 2022, under 9% divested by Nov 2022). Returns (stress, exit_f,
    suspend, resume, sell, reenter): two (F,) arrays and four arrays of firm indices.
    """
    p = params[0]
    n = group.size
    keep = np.empty(exit_rules.shape[0])
    for h in range(keep.size):
        keep[h] = sale_keep(exit_rules[h, 0], exit_rules[h, 1], exit_rules[h, 2],
                            exit_rules[h, 3], p)
    stress, exitc = np.empty(n), np.empty(n)
    move = np.zeros(n, dtype=np.int8)  # 1 suspend, 2 resume, 3 sell, 4 re-enter
    for f in range(n):
        g = group[f]
        h = pair_host[g]
        s = firm_stress(sanction_exposure[f], pressure_exposure[f], loss[g], risk[g], peer[g])
        stress[f] = s
        exitc[f] = exit_cost(sunk[f], keep[h])
        value = tolerance[f] + stay_profit[f] - s
        if status[f] == OPERATING:
            if value < 0.0:
                move[f] = 1
        elif status[f] == SUSPENDED:
            if exit_due[f] < 0:  # waiting: no sale under way
                wait = value - idle_cost(months_suspended[f], p)
                if value > p.firm_hysteresis:
                    move[f] = 2
                elif -p.firm_exit_cost_weight * exitc[f] - wait > p.firm_exit_margin:
                    move[f] = 3
        elif host_at_war[h] == 0 and value > p.firm_reentry_margin:
            move[f] = 4
    return (stress, exitc, np.flatnonzero(move == 1), np.flatnonzero(move == 2),
            np.flatnonzero(move == 3), np.flatnonzero(move == 4))


@kernel
def tick_suspended(months_suspended, status):
    """m_f ← m_f + 1 for suspended firms (in place): months idle, staff on the payroll."""
    for f in range(status.size):
        if status[f] == SUSPENDED:
            months_suspended[f] += 1.0


@kernel
def sales_due(status, exit_due, month):
    """Indices of suspended firms whose sale completes by ``month`` (0 <= due <= month)."""
    return np.flatnonzero((status == SUSPENDED) & (exit_due >= 0) & (exit_due <= month))


@kernel
def grow(assets, status, group, pair_host, host_growth):
    """a_f ← a_f · (1 + g_h/12) for operating firms (in place): assets grow with the host."""
    for f in range(status.size):
        if status[f] == OPERATING:
            assets[f] *= 1.0 + host_growth[pair_host[group[f]]] / 12.0


@kernel
def invest_month(fdi, assets, status, group, pair_home, pair_host, host_growth):
    """One month of firms' assets, in place: operating firms :func:`grow`; FDI stocks of the
    pairs with firms become their firms' assets (:func:`group_fdi`)."""
    grow(assets, status, group, pair_host, host_growth)
    fdi[:] = group_fdi(fdi, group, assets, pair_home, pair_host)


@kernel
def group_fdi(fdi, group, assets, pair_home, pair_host):
    """F_ih = Σ_{f in (i, h)} a_f for the (home, host) pairs with firms; a copy of ``fdi``."""
    out = fdi.copy()
    for g in range(pair_home.size):
        out[pair_home[g], pair_host[g]] = 0.0
    for f in range(group.size):
        g = group[f]
        out[pair_home[g], pair_host[g]] += assets[f]
    return out


@kernel
def move(idx, old, new, status, group, counts, live0, assets0):
    """Firms ``idx`` (all with status ``old``) take status ``new``, in place, and the group
    tallies follow: ``counts`` (G, 3) by status and ``live0``, the 2013 assets of each group's
    operating firms."""
    for f in idx:
        g = group[f]
        counts[g, old] -= 1
        counts[g, new] += 1
        if new == OPERATING:
            live0[g] += assets0[f]
        elif old == OPERATING:
            live0[g] -= assets0[f]
        status[f] = new


@kernel
def complete_sales(idx, exit_share, month, after_reference, assets, assets_before_exit,
                   assets_ref, loss, group_loss, divested_ref, exit_month, exit_due, status,
                   group, counts, live0, assets0):
    """Firms ``idx`` (suspended, their sale due) exit, in place: the host buyer takes the
    assets, the firm loses assets·exit_f (recorded per firm and group); firms exiting after
    the divestment reference month add their reference assets to the group's divested
    total."""
    for k in range(idx.size):
        f = idx[k]
        g = group[f]
        lost = assets[f] * exit_share[k]
        loss[f] += lost
        group_loss[g] += lost
        if after_reference:
            divested_ref[g] += assets_ref[f]
        assets_before_exit[f] = assets[f]
        assets[f] = 0.0
        exit_month[f] = month
        exit_due[f] = -1
    move(idx, SUSPENDED, EXITED, status, group, counts, live0, assets0)
