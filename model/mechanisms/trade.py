"""Bilateral trade: gravity anchored at the observed 2013 flows, political frictions,
deflection of sanction-destroyed trade, and partial adjustment.

Structural gravity with political frictions (Yotov, Piermartini, Monteiro & Larch, *An Advanced
Guide to Trade Policy Analysis*, WTO/UNCTAD 2016); sanctions' trade costs (Crozet & Hinz,
Economic Policy 2020); deflection to friendlier third countries (Haidar, Economic Policy 2017).
Parameters are read by their declared names from the parameter record ``p``.
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.energy import reroute, revenue_index
from model.mechanisms.firms import presence
from model.mechanisms.jit import kernel
from model.mechanisms.rerouting import deflect, losses, reexports, substitute_imports

ENERGY, OTHER = 0, 1  # the two parts of a flow: fuels, and all other goods


@kernel
def frictions(sanctions, export_ban, import_ban, trust, war, p):
    """Political frictions of each part of a flow i → j, (2, N, N):

        [OTHER]  f = exp(-φ_s max(S_ij, S_ji) - φ_b max(B_ij, M_ij) - φ_d d_ij - φ_w W_ij)
        [ENERGY] f = exp(-x φ_s max(S_ij, S_ji) - φ_d d_ij - φ_w W_ij)

    with d_ij = max(0, -(T_ij + T_ji)/2) mutual distrust. Sanctions bite both ways
    (counter-sanctions); a ban bears on its own flow: the exporter's export controls B_ij and
    the importer's ban on goods from i, M_ij (``import_ban``, on the flow i → j; a flow banned
    by both sides is banned once). Bans bear on goods other than fuels, whose embargoes are
    explicit events (:func:`model.mechanisms.energy.reroute`): energy was exempt from the 2014
    sanctions on Russia. Sanctions bear on fuels only through their financial side, the share
    x = ``trade_sanction_energy_exposure`` of φ_s (country risk and trade finance: Crozet &
    Hinz 2020 find the bulk of the loss on goods not directly targeted). Distrust raises
    country risk; war bears on both parts. φ_s ``trade_sanction_friction``, φ_b
    ``trade_ban_friction``, φ_d ``trade_distrust_friction``, φ_w ``trade_war_friction``.
    """
    phi_s, phi_b = p.trade_sanction_friction, p.trade_ban_friction
    phi_d, phi_w = p.trade_distrust_friction, p.trade_war_friction
    x = p.trade_sanction_energy_exposure
    n = sanctions.shape[0]
    out = np.ones((2, n, n))
    for i in range(n):
        for j in range(n):
            distrust = max(0.0, -0.5 * (trust[i, j] + trust[j, i]))
            s = max(sanctions[i, j], sanctions[j, i])
            ban = max(export_ban[i, j], import_ban[i, j])
            common = phi_d * distrust + phi_w * war[i, j]
            other = phi_s * s + phi_b * ban + common
            fuels = x * phi_s * s + common
            if other > 0:  # f = 1 where nothing stands between a pair
                out[OTHER, i, j] = np.exp(-other)
            if fuels > 0:
                out[ENERGY, i, j] = np.exp(-fuels)
    return out


@kernel
def bans(export_ban, import_ban, p):
    """b_ij = exp(-φ_b max(B_ij, M_ij)): the part of the friction f^N_ij (:func:`frictions`)
    that the bans on the flow i → j make, the exporter's export controls B and the importer's
    ban M on goods other than fuels (φ_b ``trade_ban_friction``). A ban is a legal
    prohibition in force from its date, so it binds at once (:func:`step_trade`); the other
    frictions work through country risk, contracts and search, and take time. Returns (N, N).
    """
    n = export_ban.shape[0]
    out = np.ones((n, n))
    for i in range(n):
        for j in range(n):
            ban = max(export_ban[i, j], import_ban[i, j])
            if ban > 0:
                out[i, j] = np.exp(-p.trade_ban_friction * ban)
    return out


@kernel
def open_borders(closure):
    """c_ij = 1 - max(C_i, C_j): the share of the freight between i and j that still crosses
    open borders, C = ``closure`` (e.g. the DPRK's pandemic closure of 2020 stops the share C
    of all its freight, both ways and every part). A closure is a quantity restriction, not a
    trade cost: it binds the month it is decided, on direct and rerouted trade alike, without
    the partial adjustment of contracts to frictions, and the trade it stops is not rerouted
    (it stops at the closing state's own borders). Returns (N, N)."""
    n = closure.size
    out = np.ones((n, n))
    for i in range(n):
        for j in range(n):
            shut = max(closure[i], closure[j])
            if shut > 0:
                out[i, j] = 1.0 - shut
    return out


@kernel
def free_flows(exports0, gdp_index, world_index, energy_share, energy_price, energy_ban, p):
    """X̄_ij = X0_ij · g_i g_j / g_W · R_j^ε · [e_i π_i + (1 - e_i)], energy part rerouted.

    No-friction trade at time t. g: GDP relative to the base year, g_W = ``world_index`` the
    world's (Σ GDP / Σ GDP0): structural gravity's unit income elasticities, X_ij = Y_i Y_j / Y_W
    at given trade costs (Anderson & van Wincoop, AER 2003; Yotov, Piermartini, Monteiro & Larch,
    *An Advanced Guide to Trade Policy Analysis*, WTO/UNCTAD 2016, eq. 1-1), so a pair of fast
    growers trades more of the world's trade and world trade grows with world income; the
    exporter's fuel exports are worth price × base-year volume (e_i π_i,
    :mod:`model.mechanisms.energy`), its other exports (1 - e_i) grow with the economies only;
    R_j^ε: an energy exporter j imports more when its export revenue R_j is high (ε =
    ``energy_income_elasticity``; terms-of-trade income effect). Embargoes on the energy part
    are applied with rerouting (:func:`model.mechanisms.energy.reroute`). Returns the two
    parts, (2, N, N): [ENERGY] and [OTHER]; X̄ is their sum.
    """
    income = revenue_index(energy_share, energy_price) ** p.energy_income_elasticity
    n = gdp_index.size
    out = np.empty((2, n, n))  # [ENERGY], [OTHER]
    for i in range(n):
        for j in range(n):
            scale = exports0[i, j] * gdp_index[i] * gdp_index[j] / world_index * income[j]
            out[ENERGY, i, j] = scale * energy_share[i] * energy_price[i]
            out[OTHER, i, j] = scale * (1.0 - energy_share[i])
    reroute(out[ENERGY], energy_ban, p)
    return out


@kernel
def step_trade(rerouted, openness, parts, fric, fric0, banned, banned0, border, trust,
               sanctions, export_ban, enforcement, hubs, p):
    """One month of trade, X = c · (D + Z), c = ``border`` the share of each pair's freight
    that crosses open borders (:func:`open_borders`, at once). The direct part
    D = X̄_E · m_E + X̄_N · m_N · b / b0 carries this month's no-friction flows (``parts``: GDP,
    world prices, embargoes, firm ties, which pass through at once: value = price × volume)
    times the frictions' effect as adjusted so far, m (``openness``, (2, N, N), updated in
    place), which moves toward the frictions other than bans relative to the start,
    (f / f0) / (b / b0) for other goods and f / f0 for fuels (``fric``, ``fric0``: (2, N, N),
    :func:`frictions`; the observed start flows are an equilibrium), at the rate r: country
    risk, contracts and search take time to respond to a new sanction, a price does not. The
    bans' part b / b0 (``banned``, ``banned0``: (N, N), :func:`bans`) binds at once: a ban is
    a legal prohibition in force from its date. The rerouted
    stock Z (``rerouted``, updated in place) moves toward the trade that the three channels of
    :mod:`model.mechanisms.rerouting` reroute this month at the slower rate r_Z
    (:func:`partial_adjustment` with ``trade_adjust_rate`` and ``reroute_adjust_rate``):
    export deflection, third-country re-exports (``enforcement``: each state's
    secondary-sanctions enforcement; ``hubs``: the actors re-exports pass through), then
    import substitution of what is still missing. Returns the new X."""
    frictionless = parts[ENERGY] + parts[OTHER]
    relative = fric / fric0
    banned_rel = banned / banned0
    direct = parts[ENERGY] * relative[ENERGY] + parts[OTHER] * relative[OTHER]
    lost, cut = losses(frictionless, direct)
    deflected = deflect(frictionless, direct, lost, cut, trust, sanctions, p)
    via_hubs = reexports(parts[OTHER], export_ban, relative[OTHER], enforcement, hubs, p)
    substituted = substitute_imports(frictionless, direct, lost, cut, sanctions,
                                     via_hubs.sum(axis=0), p)
    soft = relative.copy()
    soft[OTHER] = relative[OTHER] / banned_rel
    openness[:] = partial_adjustment(openness, soft, p.trade_adjust_rate)
    rerouted[:] = partial_adjustment(rerouted, deflected + via_hubs + substituted,
                                     p.reroute_adjust_rate)
    return border * (parts[ENERGY] * openness[ENERGY]
                     + parts[OTHER] * openness[OTHER] * banned_rel + rerouted)


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
def partial_adjustment(level, target, rate):
    """X ← X + r (X* - X) — partial adjustment: contracts, logistics and search take time
    (r = ``trade_adjust_rate`` for existing flows; new relationships that rerouted trade needs
    form more slowly, r_Z = ``reroute_adjust_rate``: search and learning in new export markets,
    Eaton, Eslava, Jinkins, Krizan & Tybout, "A search and learning model of export dynamics",
    NBER WP 29100, 2021)."""
    return level + rate * (target - level)


@kernel
def dependence(exports, gdp):
    """dep_ij = (X_ij + X_ji) / GDP_i — i's trade exposure to j as a share of its GDP."""
    return (exports + exports.T) / gdp.reshape(-1, 1)


@kernel
def trade_month(exports, rerouted, openness, flows, demand, transfers, exports0, gdp_index,
                world_index, energy_share, energy_price, energy_ban, home, host, live0, total0,
                sanctions, export_ban, import_ban, closure, enforcement, hubs, trust, war, fric0,
                banned0, free_out, params):
    """One month of trade: no-friction flows (:func:`free_flows`, then :func:`firm_ties` for
    the (home, host) pairs with firms, at their :func:`model.mechanisms.firms.presence` of
    ``live0`` / ``total0``; none if ``home`` is empty), political frictions
    (:func:`frictions`), :func:`step_trade`, and the importers' demand
    (:func:`import_demand`) against the no-friction flows. ``gdp_index``, ``world_index``:
    each state's and the world's GDP relative to the start; ``energy_price``: π_i this month;
    ``energy_ban``, ``import_ban``: importers' bans on energy and on other goods (each on the
    flow exporter → importer); ``closure``: each state's border closure; ``fric0``,
    ``banned0``: the frictions and the bans' part of them at the start. ``transfers``: arms
    payments, which count as flows (not as customs trade). Updates ``exports``, its
    ``rerouted`` part, the frictions' adjusted effect ``openness`` (:func:`step_trade`),
    ``flows`` = exports + transfers and ``demand`` in place, and
    ``free_out`` = the frictionless flows X̄ (plus transfers), what states weigh as the cost
    of sanctioning. ``params``: the run's parameter record."""
    p = params[0]
    free = free_flows(exports0, gdp_index, world_index, energy_share, energy_price,
                      energy_ban, p)
    share = presence(live0, total0)
    tied = np.empty_like(free)
    for part in (ENERGY, OTHER):
        tied[part] = firm_ties(free[part], home, host, share, p)
    fric = frictions(sanctions, export_ban, import_ban, trust, war, p)
    exports[:] = step_trade(rerouted, openness, tied, fric, fric0,
                            bans(export_ban, import_ban, p), banned0, open_borders(closure),
                            trust, sanctions, export_ban, enforcement, hubs, p)
    flows[:] = exports + transfers
    free_total = free[ENERGY] + free[OTHER]
    demand[:] = import_demand(flows, free_total)
    free_out[:] = free_total + transfers
