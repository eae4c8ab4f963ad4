"""The firm layer: per-firm state arrays, and the ``firms`` phase that applies the firms' rules.

Each firm is operating, suspended or exited (:class:`agents.firm.FirmStatus`). Every month,
for all firms at once, :func:`decide` applies the transition rules of
:func:`model.mechanisms.firms.decisions` (their equations are there) to the arrays of
:class:`FirmState`: suspending, resuming, putting up for sale, completing sales after the
host's approval delay (the assets pass to a host buyer, the loss is recorded), re-entering.
Tolerance τ_f is drawn once per firm from Normal(``firm_tolerance_mean``,
``firm_tolerance_sd``) (negative draws clipped to 0) through the model's ``firm_tolerance``
stream. All transitions are computed from the same start-of-month state and applied
together; every change is logged with its cause (the stress components). Home-government
pressure on firms is a state decision (the ``pressure`` phase, :mod:`model.phases`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from agents.firm import FirmStatus
from model.calendar import month_start
from model.mechanisms import firms as firm_mech
from model.state import EXIT_TERMS

DELAY = EXIT_TERMS.index("delay_months")  # column of State.exit_rules

NO_PAIRS, NO_SHARES = np.zeros(0, dtype=np.int64), np.zeros(0)  # a world without firms


@dataclass
class FirmState:
    """Per-firm arrays (F,) plus per-(home, host)-group tallies (G,) kept in step with every
    status change, so that peers, presence and metrics cost O(G) a month, not O(F)."""

    status: np.ndarray  # (F,) int8 FirmStatus
    assets: np.ndarray  # (F,) USD bn in the host (0 once exited)
    assets_before_exit: np.ndarray  # (F,) kept for a buyback on re-entry
    assets_ref: np.ndarray  # (F,) assets at the divestment reference month (2021-12)
    tolerance: np.ndarray  # (F,)
    months_suspended: np.ndarray  # (F,)
    exit_due: np.ndarray  # (F,) month index when a pending sale completes, -1 if none
    exit_month: np.ndarray  # (F,) month index of the exit, -1 if none
    loss: np.ndarray  # (F,) USD bn lost on exits
    group: np.ndarray  # (F,) index into pair_home / pair_host
    pair_home: np.ndarray  # (G,) home of each (home, host) group
    pair_host: np.ndarray  # (G,) host of each group
    group_size: np.ndarray  # (G,) firms per group
    assets0_total: np.ndarray  # (G,) Σ 2013 assets
    counts: np.ndarray  # (G, 3) firms by FirmStatus
    live0: np.ndarray  # (G,) Σ 2013 assets of operating firms
    group_loss: np.ndarray  # (G,) Σ exit losses
    ref_total: np.ndarray  # (G,) Σ assets at the reference month
    divested_ref: np.ndarray  # (G,) Σ reference assets of firms that exited after it
    log: list  # transitions: (month, kind, firm indices, stress, loss, risk, peer)

    def move(self, idx: np.ndarray, old: FirmStatus, new: FirmStatus, assets0) -> None:
        """Change the status of firms ``idx`` (all currently ``old``) and update tallies."""
        if idx.size:
            firm_mech.move(idx, int(old), int(new), self.status, self.group, self.counts,
                           self.live0, assets0)



def init_firms(model, rng: np.random.Generator) -> FirmState | None:
    """The firms' starting state (None in a world without firms)."""
    ft, p = model.world.firms, model.params
    if ft is None:
        return None
    tol = np.maximum(rng.normal(p.firm_tolerance_mean, p.firm_tolerance_sd, ft.n), 0.0)
    pairs, group = np.unique(np.stack([ft.home, ft.host]), axis=1, return_inverse=True)
    group = group.reshape(-1)
    size = pairs.shape[1]
    counts = np.zeros((size, 3), dtype=np.int64)
    counts[:, FirmStatus.OPERATING] = np.bincount(group, minlength=size)
    total0 = np.bincount(group, weights=ft.assets0, minlength=size)
    return FirmState(
        status=np.zeros(ft.n, dtype=np.int8), assets=ft.assets0.copy(),
        assets_before_exit=ft.assets0.copy(), assets_ref=ft.assets0.copy(), tolerance=tol,
        months_suspended=np.zeros(ft.n), exit_due=np.full(ft.n, -1),
        exit_month=np.full(ft.n, -1), loss=np.zeros(ft.n), group=group,
        pair_home=pairs[0], pair_host=pairs[1], group_size=counts[:, 0].copy(),
        assets0_total=total0, counts=counts, live0=total0.copy(), group_loss=np.zeros(size),
        ref_total=total0.copy(), divested_ref=np.zeros(size), log=[])


def group_stress(model):
    """(loss, risk, peer, stress) per (home, host) group: all depend only on the group."""
    st, fs = model.state, model.firms
    return firm_mech.group_stress(
        st.sanctions, st.export_ban, model.allied_sanctions, model.demand, st.threat,
        model.threat0, st.pressure, model.at_war, fs.pair_home, fs.pair_host, fs.counts,
        fs.group_size, model.param_record)


def decide(model) -> None:
    """One month of firm decisions (see module docstring), vectorised over all firms."""
    fs, ft, st = model.firms, model.world.firms, model.state
    if fs is None:
        return
    month = model.month
    loss, risk, peer, _ = group_stress(model)  # allies' sanctions: set by the states
    g = fs.group
    stress, _, suspend, resume, sell, reenter = firm_mech.decisions(
        g, fs.pair_host, fs.tolerance, fs.status, fs.exit_due, fs.months_suspended, ft.sunk,
        ft.sanction_exposure, ft.pressure_exposure, ft.stay_profit, loss, risk, peer,
        st.exit_rules, model.at_war, model.param_record)
    firm_mech.tick_suspended(fs.months_suspended, fs.status)
    fs.move(suspend, FirmStatus.OPERATING, FirmStatus.SUSPENDED, ft.assets0)
    fs.move(resume, FirmStatus.SUSPENDED, FirmStatus.OPERATING, ft.assets0)
    if resume.size:
        fs.months_suspended[resume] = 0
    if sell.size:
        fs.exit_due[sell] = month + st.exit_rules[ft.host[sell], DELAY].astype(int)
    now = firm_mech.sales_due(fs.status, fs.exit_due, month)
    if now.size:  # the loss is what the terms take now; x_f also priced risk and waiting
        rules = st.exit_rules[ft.host[now]]
        keep = firm_mech.sale_keep(rules[:, 0], rules[:, 1], 0.0, 0.0, model.param_record[0])
        _exit(model, now, firm_mech.exit_cost(ft.sunk[now], keep))
    if reenter.size:
        fs.move(reenter, FirmStatus.EXITED, FirmStatus.OPERATING, ft.assets0)
        fs.assets[reenter] = fs.assets_before_exit[reenter]
        fs.months_suspended[reenter] = 0
        after = reenter[fs.exit_month[reenter] > model.ref_month]
        fs.divested_ref -= np.bincount(g[after], weights=fs.assets_ref[after],
                                       minlength=fs.pair_home.size)
    for kind, idx in enumerate((suspend, resume, now, reenter)):
        if idx.size:  # the firm's own (sector-weighted) components of its stress
            fs.log.append((month, kind, idx, stress[idx],
                           ft.sanction_exposure[idx] * loss[g[idx]],
                           ft.pressure_exposure[idx] * risk[g[idx]], peer[g[idx]]))


def _exit(model, idx: np.ndarray, exit_share: np.ndarray) -> None:
    """Complete the sales of firms ``idx``: assets pass to a host buyer; losses recorded."""
    fs = model.firms
    firm_mech.complete_sales(idx, exit_share, model.month, model.month > model.ref_month,
                             fs.assets, fs.assets_before_exit, fs.assets_ref, fs.loss,
                             fs.group_loss, fs.divested_ref, fs.exit_month, fs.exit_due,
                             fs.status, fs.group, fs.counts, fs.live0, model.world.firms.assets0)


VERBS = ("suspends", "resumes", "exits", "re-enters")


def transitions_table(model) -> list[dict]:
    """The logged transitions as decision rows, each with its cause (built on demand)."""
    fs, rows = model.firms, []
    if fs is None:
        return rows
    tol = fs.tolerance + model.world.firms.stay_profit  # τ_f + π_k: where stress starts to bite
    for month, kind, idx, stress, loss, risk, peer in fs.log:
        verb = VERBS[kind]
        for k, f in enumerate(idx):
            a = model.firm_agents[f]
            rows.append({"date": month_start(month), "actor": a.fid,
                         "decision": f"firm_{verb.replace('-', '')}", "target": a.host,
                         "detail": f"{a.name} ({a.home}) {verb} in {a.host}: stress "
                                   f"{stress[k]:.2f} vs tolerance {tol[f]:.2f} "
                                   f"(profit loss {loss[k]:.2f}, risk {risk[k]:.2f}, peers "
                                   f"{peer[k]:.2f})"})
    return rows


def mark_reference(model) -> None:
    """At the divestment reference month: remember each firm's and group's assets."""
    fs = model.firms
    if fs is not None:
        fs.assets_ref = fs.assets.copy()
        fs.ref_total = np.bincount(fs.group, weights=fs.assets, minlength=fs.pair_home.size)


def trade_ties(fs: FirmState | None) -> tuple:
    """(home, host, live0, assets0_total) of the (home, host) groups with firms, for the
    trade phase's firm ties (empty arrays in a world without firms)."""
    if fs is None:
        return NO_PAIRS, NO_PAIRS, NO_SHARES, NO_SHARES
    return fs.pair_home, fs.pair_host, fs.live0, fs.assets0_total


def invest(fs: FirmState | None, fdi: np.ndarray, host_growth: np.ndarray) -> None:
    """Operating firms' assets grow with the host economy, a ← a·(1 + g_h/12), and the FDI
    stocks ``fdi`` of (home, host) pairs with firms become the sum of their firms' assets
    (in place; nothing in a world without firms)."""
    if fs is not None:
        firm_mech.invest_month(fdi, fs.assets, fs.status, fs.group, fs.pair_home, fs.pair_host,
                               host_growth)


@dataclass(frozen=True)
class FirmSummary:
    """Per (home, host) group, this month: firm counts by status, divested share, losses."""

    counts: np.ndarray  # (G, 3) by FirmStatus
    divestment: np.ndarray  # (G,) share of reference-month assets exited since then
    losses: np.ndarray  # (G,) USD bn


def summarise(model) -> FirmSummary:
    fs = model.firms
    div = np.divide(fs.divested_ref, fs.ref_total, out=np.zeros(fs.ref_total.size),
                    where=fs.ref_total > 0)
    if model.month < model.ref_month:
        div[:] = 0.0
    return FirmSummary(fs.counts.copy(), div, fs.group_loss.copy())
