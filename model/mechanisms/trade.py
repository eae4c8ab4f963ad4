"""Bilateral trade: gravity anchored at the observed 2013 flows, political frictions,
deflection of sanction-destroyed trade, and partial adjustment.

Structural gravity with political frictions (Yotov, Piermartini, Monteiro & Larch, *An Advanced
Guide to Trade Policy Analysis*, WTO/UNCTAD 2016); sanctions' trade costs (Crozet & Hinz,
Economic Policy 2020); deflection to friendlier third countries (Haidar, Economic Policy 2017).
Parameters are read by their declared names from the parameter record ``p``.
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.firms import presence
from model.mechanisms.jit import kernel


@kernel
def friction(sanctions, export_ban, trust, war, p):
    """f_ij = exp(-φ_s max(S_ij, S_ji) - φ_b B_ij - φ_d max(0, -(T_ij + T_ji)/2) - φ_w W_ij).

    φ_s ``trade_sanction_friction``, φ_b ``trade_ban_friction``, φ_d
    ``trade_distrust_friction``, φ_w ``trade_war_friction``.

    Sanctions bite both ways (counter-sanctions); an export ban only on the banning exporter's
    flow; distrust raises country risk (the main channel in Crozet & Hinz).
    """
    phi_s, phi_b = p.trade_sanction_friction, p.trade_ban_friction
    phi_d, phi_w = p.trade_distrust_friction, p.trade_war_friction
    n = sanctions.shape[0]
    out = np.ones((n, n))
    for i in range(n):
        for j in range(n):
            s = max(sanctions[i, j], sanctions[j, i])
            distrust = max(0.0, -0.5 * (trust[i, j] + trust[j, i]))
            cost = phi_s * s + phi_b * export_ban[i, j] + phi_d * distrust + phi_w * war[i, j]
            if cost > 0:  # f = 1 where nothing stands between a pair
                out[i, j] = np.exp(-cost)
    return out


@kernel
def free_flows(exports0, gdp_index, oil_index, energy_share, p):
    """X̄_ij = X0_ij · sqrt(g_i g_j) · (oil/oil0)^(ε·e_i) · (oil/oil0)^(ε_m·e_j).

    ε ``oil_price_elasticity``, ε_m ``oil_import_elasticity``.
    No-friction trade at time t. g: GDP relative to the base year; e: energy share of
    exports. The exporter term is the value of energy exports; the importer term is the
    income effect of energy revenue on an energy exporter's imports (terms of trade).
    """
    export_value = oil_index ** (p.oil_price_elasticity * energy_share)
    import_income = oil_index ** (p.oil_import_elasticity * energy_share)
    n = gdp_index.size
    out = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            out[i, j] = (exports0[i, j] * np.sqrt(gdp_index[i] * gdp_index[j])
                         * export_value[i] * import_income[j])
    return out


@kernel
def deflect(frictionless, direct, fric, trust, sanctions, p):
    """Reroute destroyed trade L = max(X̄ - X_direct, 0) to other partners.

    L counts trade destroyed by any political friction (sanctions, bans, distrust, war).
    Two processes run side by side: exporter i re-sells δ·Σ_j L_ij to new buyers k
    (export deflection: Haidar 2017, δ ≈ 2/3 for Iran) and importer j re-sources
    δ_m·Σ_i L_ij from new suppliers k (import substitution). New partners are weighted by
    w_ik = X_direct,ik · f_ik · exp(κ T_ik) · (1 - max(S_ik, S_ki)): partners that already
    trade, are trusted and do not sanction each other ("non-sanctioning, politically
    friendlier countries"). An importer j weights supplier k by w_kj. Returns the deflected
    flows (N, N) to add to ``direct``. δ ``deflection_share``, δ_m
    ``import_substitution_share``, κ ``deflection_trust_weight``.
    """
    trust_weight = p.deflection_trust_weight
    n = frictionless.shape[0]
    w = np.zeros((n, n))
    row, col = np.zeros(n), np.zeros(n)  # Σ_k w_ik, Σ_k w_kj
    lost_out, lost_in = np.zeros(n), np.zeros(n)  # Σ_j L_ij, Σ_i L_ij
    for i in range(n):
        for j in range(n):
            lost = max(frictionless[i, j] - direct[i, j], 0.0)
            lost_out[i] += lost
            lost_in[j] += lost
            if i != j and direct[i, j] != 0.0:
                w[i, j] = (direct[i, j] * fric[i, j] * np.exp(trust_weight * trust[i, j])
                           * (1.0 - max(sanctions[i, j], sanctions[j, i])))
                row[i] += w[i, j]
                col[j] += w[i, j]
    # exporter i re-sells δ L_i· over its buyers k:   out_ik += δ L_i· w_ik / Σ_k w_ik
    # importer j re-sources δ_m L_·j over suppliers k: out_kj += δ_m L_·j w_kj / Σ_k w_kj
    per_export, per_import = np.zeros(n), np.zeros(n)
    for i in range(n):
        if row[i] > 0:
            per_export[i] = p.deflection_share * lost_out[i] / row[i]
        if col[i] > 0:
            per_import[i] = p.import_substitution_share * lost_in[i] / col[i]
    for i in range(n):
        for j in range(n):
            w[i, j] *= per_export[i] + per_import[j]
    return w


@kernel
def step_trade(exports, frictionless, fric, fric0, trust, sanctions, p):
    """One month of trade: X ← X + r (X_direct + X_deflected - X), with
    X_direct = X̄ · f / f0 (frictions relative to the start, so the observed start flows are an
    equilibrium) and X_deflected from :func:`deflect`."""
    direct = frictionless * (fric / fric0)
    deflected = deflect(frictionless, direct, fric, trust, sanctions, p)
    return partial_adjustment(exports, direct + deflected, p)


@kernel
def import_demand(flows, free):
    """D_j = Σ_i X_ij / Σ_i X̄_ij: imports relative to their no-friction level (1 where
    there is no free trade to compare with)."""
    imports, reference = flows.sum(axis=0), free.sum(axis=0)
    out = np.ones(imports.size)
    for j in range(imports.size):
        if reference[j] > 0:
            out[j] = imports[j] / reference[j]
    return out


@kernel
def firm_ties(free, home, host, presence, p):
    """X̄_ih ← X̄_ih · (1 - τ (1 - presence_ih)) for the (home, host) pairs with firms.

    presence_ih: share (by 2013 assets) of i's firms in h still operating; τ: the share of
    the pair's trade tied to those firms (intra-firm trade, supply chains; τ =
    ``firm_trade_tie``). A copy of ``free`` is returned; pairs without firms are unchanged.
    """
    out = free.copy()
    for g in range(home.size):
        out[home[g], host[g]] *= 1.0 - p.firm_trade_tie * (1.0 - presence[g])
    return out


@kernel
def partial_adjustment(exports, target, p):
    """X ← X + r (X* - X) — partial adjustment (contracts, logistics, search take time;
    r = ``trade_adjust_rate``)."""
    return exports + p.trade_adjust_rate * (target - exports)


@kernel
def dependence(exports, gdp):
    """dep_ij = (X_ij + X_ji) / GDP_i — i's trade exposure to j as a share of its GDP."""
    return (exports + exports.T) / gdp.reshape(-1, 1)


@kernel
def trade_month(exports, flows, demand, transfers, exports0, gdp_index, oil_index, energy_share,
                home, host, live0, total0, sanctions, export_ban, trust, war, fric0, params):
    """One month of trade: no-friction flows (:func:`free_flows`, then :func:`firm_ties` for
    the (home, host) pairs with firms, at their :func:`model.mechanisms.firms.presence` of
    ``live0`` / ``total0``; none if ``home`` is empty), political frictions
    (:func:`friction`), :func:`step_trade`, and the importers' demand
    (:func:`import_demand`) against the no-friction flows. ``transfers``: arms payments, which
    count as flows. Updates ``exports``, ``flows`` = exports + transfers and ``demand`` in
    place. ``params``: the run's parameter record."""
    p = params[0]
    free = free_flows(exports0, gdp_index, oil_index, energy_share, p)
    frictionless = firm_ties(free, home, host, presence(live0, total0), p)
    fric = friction(sanctions, export_ban, trust, war, p)
    exports[:] = step_trade(exports, frictionless, fric, fric0, trust, sanctions, p)
    flows[:] = exports + transfers
    demand[:] = import_demand(flows, free)
