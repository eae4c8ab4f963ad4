"""Where trade destroyed by political frictions goes: three channels.

L_ij = max(X̄_ij - X_direct,ij, 0) is the i → j trade that frictions (sanctions, bans,
distrust, war) destroy this month.

1. Export deflection (:func:`deflect`): exporter i re-sells δ·Σ_j L_ij to other buyers,
   favouring partners that already trade, are trusted and do not sanction it (Haidar,
   Economic Policy 32(90), 2017: about two-thirds of Iran's sanction-destroyed exports).
2. Import substitution (:func:`substitute_imports`): importer j re-sources σ·Σ_i L_ij from
   the suppliers that remain, in proportion to what they sell j now (capacity and price as
   trade reveals them), leaving out those that sanction j; no trust weighting: buyers buy
   where they can.
3. Third-country channel (:func:`reexports`): goods an exporter bans from a target reach it
   through the rest of the world (re-exports, "parallel imports"), a share ρ·exp(-γ E_i) of
   the banned flow, shrinking with the banning state's enforcement E_i against third-country
   firms and banks (secondary sanctions). Recorded as imports from the hub, as statistics
   record them. Circumvention of export controls via third countries: Chupilkin, Javorcik &
   Plekhanov, "The Eurasian roundabout: trade flows into Russia through the Caucasus and
   Central Asia", EBRD Working Paper 276 (2023).

Parameters, read from the record ``p``: δ ``deflection_share``, κ ``deflection_trust_weight``,
σ ``import_substitution_share``, ρ ``reexport_share``, γ ``reexport_enforcement_effect``.
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.jit import kernel


@kernel
def deflect(frictionless, direct, fric, trust, sanctions, p):
    """Export deflection: out_ik = δ L_i· w_ik / Σ_k w_ik with
    w_ik = X_direct,ik · f_ik · exp(κ T_ik) · (1 - max(S_ik, S_ki)) ("non-sanctioning,
    politically friendlier countries"). Returns the deflected flows (N, N)."""
    n = frictionless.shape[0]
    w = np.zeros((n, n))
    row, lost_out = np.zeros(n), np.zeros(n)  # Σ_k w_ik, Σ_j L_ij
    for i in range(n):
        for j in range(n):
            lost_out[i] += max(frictionless[i, j] - direct[i, j], 0.0)
            if i != j and direct[i, j] != 0.0:
                w[i, j] = (direct[i, j] * fric[i, j]
                           * np.exp(p.deflection_trust_weight * trust[i, j])
                           * (1.0 - max(sanctions[i, j], sanctions[j, i])))
                row[i] += w[i, j]
    for i in range(n):
        if row[i] > 0:
            per = p.deflection_share * lost_out[i] / row[i]
            for j in range(n):
                w[i, j] *= per
    return w


@kernel
def substitute_imports(frictionless, direct, sanctions, replaced, p):
    """Import substitution: out_kj = σ (L_·j - R_j) v_kj / Σ_k v_kj with
    v_kj = X_direct,kj · (1 - max(S_kj, S_jk)), k ≠ j: the remaining suppliers, in proportion
    to what they sell j now (their capacity and price to j, as trade reveals them: a CES
    importer with one elasticity reallocates in proportion to current shares), except those
    that sanction j; R_j = ``replaced[j]``, the lost imports already replaced through third
    countries (:func:`reexports`). Returns the re-sourced flows (N, N)."""
    n = frictionless.shape[0]
    out = np.zeros((n, n))
    for j in range(n):
        lost_in = -replaced[j]
        for i in range(n):
            lost_in += max(frictionless[i, j] - direct[i, j], 0.0)
        if lost_in <= 0.0:
            continue
        v = np.zeros(n)
        for k in range(n):
            if k != j:
                v[k] = direct[k, j] * (1.0 - max(sanctions[k, j], sanctions[j, k]))
        total = v.sum()
        if total <= 0.0:
            continue
        for k in range(n):
            out[k, j] = p.import_substitution_share * lost_in * v[k] / total
    return out


@kernel
def reexports(other, export_ban, enforcement, hubs, p):
    """Third-country channel: the goods (other than fuels) that exporter i's ban destroys on
    its flow to j, other_ij · (1 - exp(-φ_b B_ij)) (φ_b ``trade_ban_friction``), reach j
    through the hubs (the world's passive actors: the rest of the world) in the share
    ρ·exp(-γ E_i), split over hubs by their current exports to j (equally if none). Returns
    the hubs' added exports (N, N)."""
    n = other.shape[0]
    out = np.zeros((n, n))
    n_hubs = hubs.sum()
    if n_hubs == 0:
        return out
    for i in range(n):
        leak = p.reexport_share * np.exp(-p.reexport_enforcement_effect * enforcement[i])
        if leak <= 0.0:
            continue
        for j in range(n):
            if export_ban[i, j] <= 0.0 or hubs[j]:
                continue
            banned = other[i, j] * -np.expm1(-p.trade_ban_friction * export_ban[i, j])
            via = 0.0
            for h in range(n):
                if hubs[h] and h != i:
                    via += other[h, j]
            for h in range(n):
                if hubs[h] and h != i:
                    share = other[h, j] / via if via > 0 else 1.0 / n_hubs
                    out[h, j] += leak * banned * share
    return out
