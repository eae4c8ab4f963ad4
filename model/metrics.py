"""Outcome measures computed from the world each month — the names the outputs promise.

Each :class:`Metric` names the actors and groups it needs; metrics whose actors are absent
from a world are simply not computed (so other worlds still run). To add a metric, append a
``Metric`` to :data:`METRICS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from model.calendar import parse_month
from model.effect_sizes import default_sesoi

SANCTIONING_THRESHOLD = 0.5  # "sanctions_on_rus": count of states sanctioning RUS at >= 0.5
DIVESTMENT_REFERENCE = "2021-12"  # divestment = share of the end-2021 stock exited
#: Months to lethal arming are counted from the full-scale invasion (timeline invasion_2022).
ARMING_REFERENCE = "2022-02"
#: Supplier-victim pairs with support and timing metrics (arming_metrics), and their units.
ARMING_PAIRS = (("KOR", "UKR"), ("JPN", "UKR"))
ARMING_UNITS = {"nonlethal": "0/1", "lethal_by": "0/1", "months_to_lethal": "months"}


@dataclass(frozen=True)
class Metric:
    name: str
    unit: str
    meaning: str
    fn: Callable  # fn(model) -> float
    actors: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    sesoi: float | None = None  # smallest effect of interest; None: the unit's convention

    @property
    def smallest_effect(self) -> float:
        """The declared ``sesoi``, or the convention for the unit (model/effect_sizes.py)."""
        return default_sesoi(self.unit) if self.sesoi is None else self.sesoi


def total_trade(x: np.ndarray, i: int) -> float:
    """Exports plus imports of actor i (USD bn/yr)."""
    return float(x[i].sum() + x[:, i].sum())


def trade_share(x: np.ndarray, i: int, j: int) -> float:
    """(X_ij + X_ji) / total trade of i."""
    tot = total_trade(x, i)
    return float((x[i, j] + x[j, i]) / tot) if tot > 0 else 0.0


def trade_hhi(x: np.ndarray, i: int) -> float:
    """Herfindahl index of i's trade over partners: Σ_j share_ij² ∈ (0, 1]."""
    tot = total_trade(x, i)
    if tot <= 0:
        return 0.0
    shares = (x[i] + x[:, i]) / tot
    return float((shares * shares).sum())


def polarization(trust: np.ndarray, active: np.ndarray) -> float:
    """Bloc polarisation: vᵀ T_s v / (n(n-1)) with v = sign of T_s's leading eigenvector.

    T_s = (T + Tᵀ)/2 over active actors. 1 = two perfectly hostile, internally friendly
    blocs (or one all-friendly bloc scores by its cohesion); 0 = no structure. Cf. the
    spectral view of structural balance (Marvel et al., PNAS 2011).
    """
    t = 0.5 * (trust + trust.T)[np.ix_(active, active)]
    n = t.shape[0]
    if n < 2:
        return 0.0
    _, vecs = np.linalg.eigh(t)
    v = np.where(vecs[:, -1] >= 0, 1.0, -1.0)
    return float(v @ t @ v / (n * (n - 1)))


def _x(m):
    """Customs trade: the flows trade statistics record (no in-kind payments such as barter
    for arms)."""
    return m.state.exports


def _with_transfers(m):
    """Transfers basis: customs trade plus in-kind payments outside it (arms barter)."""
    return m.state.exports + m.state.transfers


def _i(m, code):
    return m.world.index(code)


def _pair_trade(m, a: str, b: str) -> float:
    x, i, j = _x(m), _i(m, a), _i(m, b)
    return float(x[i, j] + x[j, i])


def _threat(a, b):
    return lambda m: float(m.state.threat[_i(m, a), _i(m, b)])


def _trust_in(m, group: str, target: str) -> float:
    """Proximity-weighted mean trust of the group's members in ``target``."""
    j = _i(m, target)
    members = [k for k in m.world.groups[group] if k != j]
    w = m.proximity[members, j]
    return float((m.state.trust[members, j] * w).sum() / w.sum())


def _mutual_trust(m, group: str, target: str) -> float:
    j = _i(m, target)
    members = [k for k in m.world.groups[group] if k != j]
    t = m.state.trust
    return float(0.5 * (t[members, j] + t[j, members]).mean())


FIRM_HOMES = ("KOR", "JPN", "EU", "USA")  # firm metrics for these homes' firms in Russia
FIRM_HOST = "RUS"
FIRM_UNITS = {"firms_operating": "count", "firms_suspended": "count", "firms_exited": "count",
              "divestment": "share", "exit_losses_usd_bn": "USD bn"}


def _group(m, home: str) -> int:
    return m.firm_groups[(m.world.index(home), m.world.index(FIRM_HOST))]


def _firm_count(home: str, status: int):
    return lambda m: float(m.firm_summary.counts[_group(m, home), status])


def _firm_divestment(home: str):
    """Share of the home's end-2021 firm assets in the host held by firms that have exited
    since (0 before the reference month)."""
    return lambda m: float(m.firm_summary.divestment[_group(m, home)])


def _firm_losses(home: str):
    return lambda m: float(m.firm_summary.losses[_group(m, home)])


def firm_metrics(world) -> tuple[Metric, ...]:
    """Per-home firm metrics for homes that have firms in Russia in this world."""
    ft = world.firms
    if ft is None or not world.has(FIRM_HOST):
        return ()
    out = []
    host = world.index(FIRM_HOST)
    for home in FIRM_HOMES:
        if not world.has(home) or not ((ft.home == world.index(home)) & (ft.host == host)).any():
            continue
        h, u = home.lower(), FIRM_UNITS
        out += [
            Metric(f"{h}_firms_operating", u["firms_operating"],
                   f"{home} firms operating in Russia.", _firm_count(home, 0), (home, FIRM_HOST)),
            Metric(f"{h}_firms_suspended", u["firms_suspended"], f"{home} firms in Russia with "
                   "operations suspended.", _firm_count(home, 1), (home, FIRM_HOST)),
            Metric(f"{h}_firms_exited", u["firms_exited"],
                   f"{home} firms that have sold out of Russia.", _firm_count(home, 2),
                   (home, FIRM_HOST)),
            Metric(f"{h}_divestment", u["divestment"], f"Share of {home} firms' end-2021 assets "
                   "in Russia exited since (0 before 2021-12).", _firm_divestment(home),
                   (home, FIRM_HOST)),
            Metric(f"{h}_exit_losses_usd_bn", u["exit_losses_usd_bn"], f"Cumulative losses of "
                   f"{home} firms on selling their Russian assets.", _firm_losses(home),
                   (home, FIRM_HOST)),
        ]
    return tuple(out)


def months_to_lethal(lethal_since: float, month: int, reference: int) -> float:
    """Restricted time to the first lethal arming: min(F, t) − R, clipped at 0, with F the
    month of the first lethal arming (−1: none yet), t the month now and R the reference month.
    Censored at t where there has been none (then it grows with t), so its paired mean at a
    date is the difference in restricted mean time to arming up to that date (Royston &
    Parmar, BMC Med Res Methodol 13:152, 2013); ``{pair}_lethal_by`` says which runs are
    censored."""
    end = month if lethal_since < 0 or lethal_since > month else lethal_since
    return float(max(0.0, end - reference))


def arming_metrics(world) -> tuple[Metric, ...]:
    """For each supplier-victim pair of :data:`ARMING_PAIRS` in this world: lethal arming and
    non-lethal aid now (0/1), whether the first lethal arming has happened by this date (0/1:
    0 = the timing is censored) and the months to it from :data:`ARMING_REFERENCE`."""
    ref, u, out = parse_month(ARMING_REFERENCE), ARMING_UNITS, []
    for s, v in ARMING_PAIRS:
        if not world.has(s, v):
            continue
        i, j, pre = world.index(s), world.index(v), f"{s.lower()}_{v.lower()}"
        out += [
            Metric(f"{pre}_nonlethal", u["nonlethal"], f"1 while {s} gives {v} non-lethal aid only "
                   "(reset by a ceasefire).",
                   lambda m, i=i, j=j: float(0 < m.state.arming[i, j] < 1), (s, v)),
            Metric(f"{pre}_lethal_by", u["lethal_by"], f"1 once {s} has armed {v} lethally (0: the "
                   f"timing {pre}_months_to_lethal is censored at this date).",
                   lambda m, i=i, j=j: float(0 <= m.state.lethal_since[i, j] <= m.month),
                   (s, v)),
            Metric(f"{pre}_months_to_lethal", u["months_to_lethal"],
                   f"Months from {ARMING_REFERENCE} to {s}'s first lethal arming of {v}, "
                   "restricted to this date (censored: the months elapsed; 0 before the "
                   "reference).",
                   lambda m, i=i, j=j: months_to_lethal(m.state.lethal_since[i, j], m.month,
                                                        ref), (s, v)),
        ]
    return tuple(out)


@dataclass(frozen=True)
class Reference:
    """A value a metric compares with, taken once: at ``month`` (an absolute month index), or
    at the start where the run starts later. The model keeps it in ``m.references[name]``."""

    name: str
    month: int
    fn: Callable  # fn(model) -> float
    actors: tuple[str, ...] = ()


REFERENCES: tuple[Reference, ...] = (
    Reference("kor_fdi_in_rus", parse_month(DIVESTMENT_REFERENCE),
              lambda m: float(m.state.fdi[_i(m, "KOR"), _i(m, "RUS")]), ("KOR", "RUS")),
)


def references(world) -> tuple[Reference, ...]:
    """The references a world supports (their actors exist)."""
    return tuple(r for r in REFERENCES if world.has(*r.actors))


def _divestment(m) -> float:
    ref = m.references.get("kor_fdi_in_rus")
    if ref is None or ref <= 0:
        return 0.0
    return float(max(0.0, 1.0 - m.state.fdi[_i(m, "KOR"), _i(m, "RUS")] / ref))


METRICS: tuple[Metric, ...] = (
    Metric("rus_trade_share_chn", "share",
           "China's share of Russia's customs trade (exports+imports).",
           lambda m: trade_share(_x(m), _i(m, "RUS"), _i(m, "CHN")), ("RUS", "CHN")),
    Metric("rus_trade_share_chn_with_transfers", "share",
           "China's share of Russia's trade, counting in-kind transfers (arms barter) as well "
           "as customs trade.",
           lambda m: trade_share(_with_transfers(m), _i(m, "RUS"), _i(m, "CHN")),
           ("RUS", "CHN")),
    Metric("rus_trade_hhi", "index", "Herfindahl concentration of Russia's trade partners.",
           lambda m: trade_hhi(_x(m), _i(m, "RUS")), ("RUS",)),
    Metric("rus_trade_total_usd_bn", "USD bn/yr", "Russia's total trade, annual rate.",
           lambda m: total_trade(_x(m), _i(m, "RUS")), ("RUS",)),
    Metric("rus_kor_trade_usd_bn", "USD bn/yr", "Russia–South Korea trade (both ways), "
           "annual rate.", lambda m: _pair_trade(m, "RUS", "KOR"), ("RUS", "KOR")),
    Metric("rus_jpn_trade_usd_bn", "USD bn/yr", "Russia–Japan trade (both ways), annual rate.",
           lambda m: _pair_trade(m, "RUS", "JPN"), ("RUS", "JPN")),
    Metric("jpn_fdi_in_rus_usd_bn", "USD bn", "Japan's FDI stock in Russia.",
           lambda m: float(m.state.fdi[_i(m, "JPN"), _i(m, "RUS")]), ("JPN", "RUS")),
    Metric("kor_fdi_in_rus_usd_bn", "USD bn",
           "South Korea's FDI stock in Russia (the sum of Korean firms' assets where firms "
           "are modelled).",
           lambda m: float(m.state.fdi[_i(m, "KOR"), _i(m, "RUS")]), ("KOR", "RUS")),
    Metric("kor_divestment", "share",
           f"Share of South Korea's {DIVESTMENT_REFERENCE} FDI stock in Russia exited "
           "(0 before then; firm-based where firms are modelled).", _divestment,
           ("KOR", "RUS")),
    Metric("threat_kor_from_prk", "0-1", "South Korea's perceived threat from the DPRK.",
           _threat("KOR", "PRK"), ("KOR", "PRK")),
    Metric("threat_kor_from_rus", "0-1", "South Korea's perceived threat from Russia.",
           _threat("KOR", "RUS"), ("KOR", "RUS")),
    Metric("threat_jpn_from_prk", "0-1", "Japan's perceived threat from the DPRK.",
           _threat("JPN", "PRK"), ("JPN", "PRK")),
    Metric("threat_jpn_from_rus", "0-1", "Japan's perceived threat from Russia.",
           _threat("JPN", "RUS"), ("JPN", "RUS")),
    Metric("trust_in_rus_neighbourhood", "-1..1",
           "Proximity-weighted mean trust in Russia of the russia_neighbourhood group.",
           lambda m: _trust_in(m, "russia_neighbourhood", "RUS"), ("RUS",),
           ("russia_neighbourhood",)),
    Metric("rus_west_trust", "-1..1", "Mean mutual trust between Russia and the west group.",
           lambda m: _mutual_trust(m, "west", "RUS"), ("RUS",), ("west",)),
    Metric("prk_trade_share_chn", "share", "China's share of the DPRK's customs trade.",
           lambda m: trade_share(_x(m), _i(m, "PRK"), _i(m, "CHN")), ("PRK", "CHN")),
    Metric("prk_trade_share_chn_with_transfers", "share",
           "China's share of the DPRK's trade, counting in-kind transfers (payments for "
           "munitions) as well as customs trade.",
           lambda m: trade_share(_with_transfers(m), _i(m, "PRK"), _i(m, "CHN")),
           ("PRK", "CHN")),
    Metric("prk_capability", "CINC-like share", "The DPRK's military capability.",
           lambda m: float(m.state.capability[_i(m, "PRK")]), ("PRK",)),
    Metric("prk_offense", "0-1", "The DPRK's long-range strike (missile) index.",
           lambda m: float(m.state.offense[_i(m, "PRK")]), ("PRK",)),
    Metric("sanctions_on_rus", "count",
           f"States sanctioning Russia at intensity >= {SANCTIONING_THRESHOLD}.",
           lambda m: float((m.state.sanctions[:, _i(m, "RUS")] >= SANCTIONING_THRESHOLD).sum()),
           ("RUS",)),
    Metric("bloc_polarization", "0-1", "Spectral bloc polarisation of symmetric trust.",
           lambda m: polarization(m.state.trust, m.active)),
    Metric("kor_arms_to_ukr", "0/1", "1 while South Korea arms Ukraine with lethal weapons "
           "(reset by a ceasefire; non-lethal aid: kor_ukr_nonlethal).",
           lambda m: float(m.state.arming[_i(m, "KOR"), _i(m, "UKR")] >= 1), ("KOR", "UKR")),
)


def available(world) -> tuple[Metric, ...]:
    """The metrics a world supports (its actors and groups exist). Where the world has Korean
    firms in Russia, ``kor_divestment`` is the firm-based measure."""
    firm = firm_metrics(world)
    names = {f.name for f in firm}
    base = tuple(m for m in METRICS if world.has(*m.actors) and m.name not in names
                 and all(g in world.groups for g in m.groups))
    return base + arming_metrics(world) + firm


def reference_month() -> int:
    return parse_month(DIVESTMENT_REFERENCE)
