"""Where trade destroyed by political frictions goes: three channels.

L_ij = max(X̄_ij - X_direct,ij, 0) is the i → j trade that frictions (sanctions, bans,
distrust, war) destroy this month.

1. Export deflection (:func:`deflect`): exporter i re-sells δ·Σ_j L_ij to other buyers
   (never to j itself), favouring partners that already trade, are trusted and do not
   sanction it (Haidar, Economic Policy 32(90), 2017: about two-thirds of Iran's
   sanction-destroyed exports).
2. Import substitution (:func:`substitute_imports`): importer j re-sources σ·Σ_i L_ij from
   the suppliers that remain (never from the supplier whose flow was lost), in proportion to
   what they sell j now (capacity and price as trade reveals them), leaving out those that
   sanction j; no trust weighting: buyers buy where they can.
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
def spread(lost, w, w0, cut):
    """out_ik = Σ_{j≠k} L_ij · w_ik ν_jk / max(M_ij, Σ_k' w_ik' ν_jk'), M_ij = Σ_{k'≠j, c_ik' ≤
    c_ij} w0_ik': each lost flow i → j is spread over the market it competes in, i's partners
    that restrict their trade with i no more than j does, in proportion to their no-friction
    weights w0, and each takes the part of its share that is open to it, w_ik ν_jk / w0_ik
    (w0 ≥ w are the weights without frictions and sanctions); never back to j itself, never
    more than was lost. Partners restricted more than j are shut for reasons of their own and
    are no part of that market; a market whose other partners are nearly closed reroutes
    little, and a flow with no other partner is not rerouted at all.

    ν_jk = ν(c_ij, c_ik) = max(0, 1 - c_ik / c_ij): restrictions are taken as nested. c_ik ∈
    [0, 1] (``cut``) is the share of the flow i–k that frictions remove; a partner k that
    restricts its trade with i as much as j does (a common regime, such as the UN's on the
    DPRK, that binds every member) offers no outlet for what j's restrictions removed, one
    that restricts half as much takes half its open share, and an unrestricted one all of it.

    With a_j = L_ij / max(M_ij, ...), out_ik = w_ik (Σ_{c_j > c_k} a_j - c_k Σ_{c_j > c_k}
    a_j / c_j); M_ij and Σ_k' w_ik' ν_jk' = Σ_{c_k' < c_j} w_ik' - Σ_{c_k' < c_j} w_ik' c_k' /
    c_j are prefix sums: two sweeps over the partners sorted by their cut (partners with equal
    cuts share their sums), O(N² log N), not O(N³)."""
    n = lost.shape[0]
    out = np.zeros((n, n))
    a = np.empty(n)
    for i in range(n):
        m = 0
        for j in range(n):
            a[j] = 0.0
            if lost[i, j] > 0.0 and cut[i, j] > 0.0:
                m += 1
        if m == 0:
            continue
        order = np.argsort(cut[i])  # partners by their cut, smallest first
        p0, pw, pwc = 0.0, 0.0, 0.0  # over partners cut less than the current group
        start = 0
        while start < n:
            c = cut[i, order[start]]
            end = start
            while end < n and cut[i, order[end]] == c:
                end += 1
            if c > 0.0:
                group = 0.0  # the partners restricted as much as j: no outlet, but its market
                for q in range(start, end):
                    group += w0[i, order[q]]
                for q in range(start, end):
                    j = order[q]
                    if lost[i, j] > 0.0:
                        norm = max(p0 + group - w0[i, j], pw - pwc / c)
                        if norm > 1e-300:
                            a[j] = lost[i, j] / norm
            for q in range(start, end):
                k = order[q]
                p0 += w0[i, k]
                pw += w[i, k]
                pwc += w[i, k] * c
            start = end
        sum_a, sum_ac = 0.0, 0.0  # over the lost flows cut more than the current group
        start = n - 1
        while start >= 0:
            c = cut[i, order[start]]
            end = start
            while end >= 0 and cut[i, order[end]] == c:
                end -= 1
            total_k = sum_a - c * sum_ac
            if total_k > 0.0:
                for q in range(end + 1, start + 1):
                    k = order[q]
                    if w[i, k] > 0.0:
                        out[i, k] = w[i, k] * total_k
            for q in range(end + 1, start + 1):
                j = order[q]
                if a[j] > 0.0:
                    sum_a += a[j]
                    sum_ac += a[j] / c
            start = end
    return out


@kernel
def nested_outlet(cut_k, cut_j):
    """ν = max(0, 1 - c_k / c_j): the share of what j's restriction removed that partner k,
    restricted by c_k, can take (restrictions taken as nested: one as strict as j's offers no
    outlet, an unrestricted one a full outlet). Used by :func:`spread` (in its summed form),
    :func:`reexports` and :func:`model.mechanisms.energy.reroute`."""
    return max(0.0, 1.0 - cut_k / cut_j)


@kernel
def losses(frictionless, direct):
    """L_ij = max(X̄_ij - X_direct,ij, 0), the trade frictions destroy, and c_ij = max(0, 1 -
    X_direct,ij / X̄_ij), the share of the flow i → j they remove (0 where there is no
    frictionless flow): computed once a month for deflection and substitution."""
    n = frictionless.shape[0]
    lost, cut = np.zeros((n, n)), np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            lost[i, j] = max(frictionless[i, j] - direct[i, j], 0.0)
            if frictionless[i, j] > 0.0:
                cut[i, j] = max(0.0, 1.0 - direct[i, j] / frictionless[i, j])
    return lost, cut


@kernel
def deflect(frictionless, direct, lost, cut, trust, sanctions, p):
    """Export deflection: out = δ · :func:`spread` (L, w, w0, cut), each lost flow spread over
    the market it competes in, with w_ik = X_direct,ik · exp(κ T_ik) · (1 - max(S_ik, S_ki))
    ("non-sanctioning, politically friendlier countries") and w0_ik = X̄_ik · exp(κ T_ik), the
    same weight without frictions and sanctions: exports lost on i → j go to i's other
    buyers, never back to j, and only as far as those buyers are open (w_ik / w0_ik = the share
    of the flow i → k that frictions leave, times its openness to sanctioned trade: an
    unrestricted buyer counts in full). Returns the deflected flows (N, N)."""
    n = frictionless.shape[0]
    w, w0, lost = np.zeros((n, n)), np.zeros((n, n)), np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            lost[i, j] = max(frictionless[i, j] - direct[i, j], 0.0)
            if i != j:
                affinity = np.exp(p.deflection_trust_weight * trust[i, j])
                w0[i, j] = frictionless[i, j] * affinity
                w[i, j] = (direct[i, j] * affinity
                           * (1.0 - max(sanctions[i, j], sanctions[j, i])))
    return p.deflection_share * spread(lost, w, w0, cut)


@kernel
def substitute_imports(frictionless, direct, lost, cut, sanctions, replaced, p):
    """Import substitution: out_kj = σ φ_j · :func:`spread` on the transposed flows, with
    weights v_kj = X_direct,kj · (1 - max(S_kj, S_jk)), k ≠ j: the
    remaining suppliers, in proportion to what they sell j now (their capacity and price to
    j, as trade reveals them: a CES importer with one elasticity reallocates in proportion to
    current shares), except those that sanction j and never the supplier whose flow was lost,
    and only as far as the suppliers are open (their no-friction flows X̄_kj weigh the market);
    φ_j = max(0, 1 - R_j / Σ_i L_ij) leaves out the lost imports already replaced through
    third countries (R_j = ``replaced[j]``, :func:`reexports`). ``lost``, ``cut``:
    :func:`losses`. Returns the re-sourced flows (N, N)."""
    n = frictionless.shape[0]
    lost_t = lost.T.copy()  # transposed: [importer, supplier]
    v_t = np.zeros((n, n))
    v0_t = np.zeros((n, n))  # the suppliers' no-friction flows: how open they are, relatively
    for j in range(n):
        for i in range(n):
            if i != j:
                v_t[j, i] = direct[i, j] * (1.0 - max(sanctions[i, j], sanctions[j, i]))
                v0_t[j, i] = frictionless[i, j]
    out_t = spread(lost_t, v_t, v0_t, cut.T.copy())
    out = np.zeros((n, n))
    for j in range(n):
        lost_in = lost_t[j].sum()
        if lost_in <= 0.0:
            continue
        keep = p.import_substitution_share * max(0.0, 1.0 - replaced[j] / lost_in)
        for k in range(n):
            out[k, j] = keep * out_t[j, k]
    return out


@kernel
def reexports(other, export_ban, route, enforcement, hubs, p):
    """Third-country channel: the goods (other than fuels) that exporter i's ban destroys on
    its flow to j, other_ij · (1 - exp(-φ_b B_ij)) (φ_b ``trade_ban_friction``), reach j
    through the hubs (the world's passive actors: the rest of the world) in the share
    ρ·exp(-γ E_i), split over hubs h by their current exports to j (equally if none), and on
    each hub's route only as far as that route is open:

        R_hj += ρ e^{-γ E_i} · banned_ij · share_h · route_hj · max(0, 1 - B_hj / B_ij)

    route_hj = f_hj / f0_hj, the hub's own frictions to j relative to the start (a hub whose
    trade with j is sanctioned or closed passes less), and a hub that bans exports to j itself
    re-exports only the goods it does not ban: ban lists are taken as nested, so a hub with
    B_hj ≥ B_ij bans all of them (a multilateral regime such as the UN's on the DPRK binds the
    hubs too and leaves no legal third-country channel). Returns the hubs' added exports
    (N, N)."""
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
                    unbanned = nested_outlet(export_ban[h, j], export_ban[i, j])
                    out[h, j] += leak * banned * share * route[h, j] * unbanned
    return out
