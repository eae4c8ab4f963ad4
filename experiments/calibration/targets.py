"""Calibration targets (model/data/calibration/targets.csv) and the model's observables.

Each target names an observable computed from finished runs of ``baseline`` (and, for the
two stylised sanctions patterns, the ``no_2014_sanctions`` counterfactual with the same seed).
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from model.calendar import month_label, parse_month
from model.errors import InputError
from model.world import DATA_DIR

TARGETS = DATA_DIR / "calibration" / "targets.csv"
KINDS = ("pair_trade", "share", "total_trade", "flow", "change", "sanctions_export_loss",
         "senders_export_loss", "deflection", "firms_present", "firms_exited_share",
         "firm_exit_month", "threat_order", "sanctions_max")
SANCTIONER_GAP = 0.05  # a sanctioner's mean sanctions on the target differ by >= this
#: kinds observed against the ``no_2014_sanctions`` counterfactual run
COUNTERFACTUAL_KINDS = ("sanctions_export_loss", "senders_export_loss", "deflection")
#: kinds measured on the firm layer (firm facts up to mid-2024)
FIRM_KINDS = ("firms_present", "firms_exited_share", "firm_exit_month")


def is_firm_fact(t) -> bool:
    """A target measured on the firm layer (the firm facts the firm layer is fitted to)."""
    return t.kind in FIRM_KINDS


def is_firm_parameter(name: str) -> bool:
    """A parameter of the firm layer (declared in group ``firms``): the firm facts inform it;
    the facts up to 2021 do not."""
    from model.params import PARAMS

    return name in PARAMS and PARAMS[name].group == "firms"


@dataclass(frozen=True)
class Target:
    id: str
    kind: str
    a: str
    b: str
    period: str
    value: float
    unit: str
    tolerance: float
    tol_kind: str
    weight: float
    role: str
    fact: str
    note: str

    @property
    def band(self) -> float:
        """Half-width of the pass interval around the value (relative tolerances scaled)."""
        return self.tolerance * abs(self.value) if self.tol_kind == "rel" else self.tolerance

    def passes(self, model_value: float) -> bool:
        if not math.isfinite(model_value):
            return False
        return abs(model_value - self.value) <= self.band + 1e-12

    def loss(self, model_value: float) -> float:
        """Squared error in units of the tolerance band (log ratio for relative targets)."""
        if not math.isfinite(model_value):
            return 1e6
        if self.tol_kind == "rel":
            if model_value <= 0:
                return 1e3
            return (math.log(model_value / self.value) / math.log(1 + self.tolerance)) ** 2
        return ((model_value - self.value) / max(self.tolerance, 1e-9)) ** 2


def load_targets(path: Path = TARGETS) -> list[Target]:
    out = []
    with Path(path).open(newline="", encoding="utf-8") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            if row["kind"] not in KINDS:
                raise InputError(path, f"line {line}: kind", f"unknown kind {row['kind']!r}")
            value = (parse_month(row["value"]) if row["kind"] == "firm_exit_month"
                     else float(row["value"]))
            out.append(Target(row["id"], row["kind"], row["a"], row["b"], row["period"],
                              float(value), row["unit"], float(row["tolerance"]),
                              row["tol_kind"], float(row["weight"]), row["role"], row["fact"],
                              row["note"]))
    return out


def months(period: str) -> tuple[int, int]:
    """'2014' → Jan..Dec 2014; '2014..2015' → Jan 2014..Dec 2015; 'YYYY-MM..YYYY-MM'."""
    lo, _, hi = period.partition("..")
    hi = hi or lo
    first = parse_month(lo if "-" in lo else f"{lo}-01")
    last = parse_month(hi if "-" in hi else f"{hi}-12")
    return first, last


def _window(model, period: str) -> slice:
    first, last = months(period)
    return slice(first - model.start_month, last - model.start_month + 1)


def _flows(model) -> np.ndarray:
    return model.relations[3]  # customs exports (no in-kind transfers), (T, N, N), annual rates


def observe(t: Target, base, counterfactual=None) -> float:
    """The model's value of target ``t`` from a finished baseline run (relations recorded)."""
    w = base.world
    x = _flows(base)
    if t.kind in ("pair_trade", "share", "total_trade", "flow"):
        sl = _window(base, t.period)
        i = w.index(t.a)
        if t.kind == "flow":
            return float(x[sl, i, w.index(t.b)].mean())
        total = x[sl, i, :].sum(axis=1) + x[sl, :, i].sum(axis=1)
        if t.kind == "total_trade":
            return float(total.mean())
        j = w.index(t.b)
        pair = x[sl, i, j] + x[sl, j, i]
        return float(pair.mean()) if t.kind == "pair_trade" else float(
            pair.sum() / total.sum())
    if t.kind == "change":
        y0, y1 = t.period.split("->")
        i, j = w.index(t.a), w.index(t.b)
        v0 = x[_window(base, y0), i, j].mean()
        v1 = x[_window(base, y1), i, j].mean()
        return float(v1 / v0 - 1.0)
    if t.kind in COUNTERFACTUAL_KINDS:
        return _sanctions_pattern(t, base, counterfactual)
    if t.kind == "firms_present":
        k = parse_month(t.period) - base.start_month
        ft = w.firms
        mask = (ft.home == w.index(t.a)) & (ft.host == w.index(t.b))
        return float((base.firm_status[k, mask] != 2).sum())
    if t.kind == "firms_exited_share":  # share of the firms of homes a ("EU;USA") in b, by count
        return _exited_share(t, base)
    if t.kind == "firm_exit_month":
        f = w.firms.ids.index(t.a)
        ex = base.firms.exit_month[f]
        return float(ex) if ex >= 0 else float(base.end_month + 12)
    if t.kind == "sanctions_max":  # the most a sends b's way over the period: who sanctioned
        k = _window(base, t.period)
        return float(base.relations[2][k, w.index(t.a), w.index(t.b)].max())
    if t.kind == "threat_order":
        hi, lo = t.b.split(">")
        k = _window(base, t.period)
        th = base.relations[1][k]
        i = w.index(t.a)
        return float(th[:, i, w.index(hi)].mean() > th[:, i, w.index(lo)].mean())
    raise ValueError(t.kind)


def _exited_share(t: Target, base) -> float:
    """Share of the firms of homes ``a`` ("EU;USA") in host ``b`` exited by the end of the
    period. A window "A..B" counts, among the firms still present at the end of the month
    before A, those exited by the end of B (exits since an event, as the firm facts count
    them: divestments after the 2022 invasion); a single month counts every firm."""
    w, ft = base.world, base.world.firms
    mask = np.isin(ft.home, [w.index(c) for c in t.a.split(";")]) & (ft.host == w.index(t.b))
    first, last = months(t.period)
    exited = base.firm_status[last - base.start_month, mask] == 2
    if ".." not in t.period:
        return float(exited.mean())
    before = first - 1 - base.start_month
    present = base.firm_status[before, mask] != 2 if before >= 0 else np.ones(mask.sum(), bool)
    return float(exited[present].mean()) if present.any() else float("nan")


def gravity_loss(xb, xc, treated) -> float:
    """The sanctions' trade loss as a structural gravity estimate reports it, on one country's
    flows (each column one partner; rows months), baseline ``xb`` against counterfactual ``xc``:

        ρ = (Σ_S X_B / Σ_S X_C) / (Σ_U X_B / Σ_U X_C),   loss = Σ_S X_C · (1 − ρ)

    S the sanctioning partners (``treated``), U the others. The gravity equation's country-time
    fixed effects (Yotov, Piermartini, Monteiro & Larch, *An Advanced Guide to Trade Policy
    Analysis*, WTO/UNCTAD 2016, ch. 1; the framework of Crozet & Hinz, Economic Policy 2020)
    absorb what moves all of the country's trade alike (prices, its currency) and with it any
    trade deflected to U: the estimate is the sanctioned pairs' change relative to the others',
    larger than the net loss 1 − ΣX_B/ΣX_C when deflection lifts U. The facts are estimates of
    this kind, so the model is observed the same way (indirect inference). Returns the loss in
    the flows' units summed over the rows; nan without untreated trade to compare with."""
    sb, sc = xb[:, treated].sum(), xc[:, treated].sum()
    ub, uc = xb[:, ~treated].sum(), xc[:, ~treated].sum()
    if sc <= 0 or uc <= 0 or ub <= 0:
        return float("nan")
    return float(sc * (1.0 - (sb / sc) / (ub / uc)))


def _sanctions_pattern(t: Target, base, cf) -> float:
    """Over the period, against the counterfactual: ``a``'s export loss as a share of its
    counterfactual exports, and the senders' lost exports to ``a`` (USD bn), both as a gravity
    estimate reports them (:func:`gravity_loss`; senders: states whose mean sanctions on ``a``
    exceed the counterfactual's by ``SANCTIONER_GAP``); or the deflected share of ``a``'s
    exports lost to the senders, Σ_U (X_B − X_C) / Σ_S (X_C − X_B) (Haidar 2017)."""
    if cf is None:
        raise ValueError("needs the counterfactual run")
    w, sl = base.world, _window(base, t.period)
    i = w.index(t.a)
    gap = (base.relations[2][sl, :, i] - cf.relations[2][sl, :, i]).mean(axis=0)
    senders = gap >= SANCTIONER_GAP
    xb, xc = _flows(base)[sl, i, :], _flows(cf)[sl, i, :]
    if t.kind == "sanctions_export_loss":
        return gravity_loss(xb, xc, senders) / float(xc.sum())
    if t.kind == "senders_export_loss":  # annual rates, monthly: / 12 gives USD bn
        return gravity_loss(_flows(base)[sl, :, i], _flows(cf)[sl, :, i], senders) / 12.0
    lost = (xc[:, senders] - xb[:, senders]).sum()
    gained = (xb[:, ~senders] - xc[:, ~senders]).sum()
    return float(gained / lost) if lost > 0 else float("nan")


def describe(t: Target, value: float) -> str:
    if t.kind == "firm_exit_month":
        return month_label(int(value))
    return f"{value:.4g}"
