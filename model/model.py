"""AllianceModel: owns the random streams, the world, the state and the order of phases.

Each step is one calendar month. The phases, in order (documented in docs/ODD.md §3):

1. events      — expire ended flows; fire this month's timeline events (registry handlers)
2. capability  — capability and strike reach from technology, munitions, troops, attrition
3. perceptions — norm violations → trust shocks and records; threat; trust dynamics
4. decisions   — StateAgents: sanctions, arming victims, pressure on their firms; then
                 FirmAgents: operate / suspend / sell / re-enter
5. economy     — trade (gravity + frictions + firm ties + deflection), in-kind payments,
                 host demand, FDI (firm-by-firm where firms are modelled)
6. metrics     — outcome measures and relation snapshots recorded for this month
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

import mesa
import numpy as np
import pandas as pd

from agents.firm import (
    FirmAgent,
    FirmStatus,
    decide_firms,
    firms_invest,
    init_firms,
    mark_reference,
    summarise,
    transitions_table,
)
from agents.state import StateAgent, decide, sanction_drivers
from model.calendar import month_label, month_start
from model.events import REGISTRY
from model.mechanisms import capability as cap_mech
from model.mechanisms import investment as inv_mech
from model.mechanisms import norms as norm_mech
from model.mechanisms import threat as threat_mech
from model.mechanisms import trade as trade_mech
from model.mechanisms import trust as trust_mech
from model.mechanisms.arrays import alliance_operator
from model.metrics import available, reference_month
from model.scenario import Scenario, load_scenario
from model.state import initial_state

RELATION_FIELDS = ("trust", "threat", "sanctions", "exports_usd_bn", "fdi_usd_bn")
TROOPS_UNIT = 1e4  # unit convention: troop effects are per 10,000 troops
NO_PAIRS, NO_SHARES = np.zeros(0, dtype=np.int64), np.zeros(0)  # a world without firms


def stream(seed: int, name: str) -> np.random.Generator:
    """A named random stream derived from the run seed (stable across model changes)."""
    ss = np.random.SeedSequence(seed, spawn_key=(zlib.crc32(name.encode()),))
    return np.random.Generator(np.random.PCG64(ss))


class MonthlyNormals:
    """One (N, N) standard-normal draw per month from a stream, drawn a year at a time.

    The values are exactly those of drawing month by month (a Generator fills an array in
    order, and ``normal(0, sd)`` is ``sd`` times the standard draw), at one call a year
    instead of one a month."""

    CHUNK = 12

    def __init__(self, gen: np.random.Generator, n: int) -> None:
        self.gen, self.shape = gen, (self.CHUNK, n, n)
        self._buf, self._k = np.empty(self.shape), self.CHUNK

    def next(self) -> np.ndarray:
        if self._k == self.CHUNK:
            self._buf, self._k = self.gen.standard_normal(self.shape), 0
        self._k += 1
        return self._buf[self._k - 1]


class AllianceModel(mesa.Model):
    """The state system under a scenario. ``rng`` is the run seed (an int)."""

    def __init__(self, scenario: str | Scenario = "baseline", *, rng: int | None = None,
                 params: dict | None = None, end: str | None = None,
                 record_relations: bool = True, record_months: Iterable[int] | None = None,
                 metrics: Iterable[str] | None = None, **param_kwargs) -> None:
        """``record_months``: absolute month indices whose metrics are computed and kept
        (None: every month); ``metrics``: names of the metrics to compute (None: every metric
        the world supports). Neither changes the dynamics, only what is measured."""
        if rng is None:
            rng = int(np.random.SeedSequence().entropy % (2**63))
        super().__init__(rng=rng)
        self.seed = int(rng)
        self.scenario_def = scenario if isinstance(scenario, Scenario) else load_scenario(
            scenario, end=end)
        self.world = w = self.scenario_def.world
        self.params = self.scenario_def.param_set({**(params or {}), **param_kwargs})
        self.start_month, self.end_month = w.start_month, self.scenario_def.end_month
        self.month = self.start_month  # absolute index of the month being (or last) simulated
        self.n_months = self.end_month - self.start_month + 1
        self.active = ~w.passive
        self.streams = {k: stream(self.seed, k)
                        for k in ("threat_noise", "trust_noise", "firm_tolerance")}

        self.state = initial_state(w, self.params)
        self.noise = {k: MonthlyNormals(self.streams[k], w.n)
                      for k in ("threat_noise", "trust_noise")}
        self.flows = self.state.exports + self.state.transfers  # trade + arms payments
        self.war_norms: dict[tuple[int, int], str] = {}  # (aggressor, victim) -> war norm
        self._refresh()
        self.threat0 = self.state.threat.copy()
        self.demand = np.ones(w.n)
        self.proximity = threat_mech.proximity(w.distance_km, self.params.threat_proximity_km)
        years = (np.arange(self.n_months) + self.start_month) / 12.0 - w.base_year
        self._gdp_path = w.gdp0[None, :] * (1.0 + w.gdp_growth[None, :]) ** years[:, None]
        self._oil_path = np.array([w.oil_index(int(self.start_month + k) // 12)
                                   for k in range(self.n_months)])
        self.gdp = w.gdp0.copy()
        self._friction0 = self._friction()
        self.sanction_drivers0 = sanction_drivers(self)
        # allies' sanctions, updated in place by the states each month
        self.allied_sanctions = self.sanction_drivers0[1].copy()
        self._risk0 = self._risk()
        self.ref_month = reference_month()
        self.reference_fdi = None if self.start_month <= self.ref_month else float(
            self.state.fdi[w.index("KOR"), w.index("RUS")]) if w.has("KOR", "RUS") else None

        self.state_agents = [StateAgent(self, c, nm, i, bool(w.passive[i]))
                             for i, (c, nm) in enumerate(zip(w.codes, w.names, strict=True))]
        self.firms = init_firms(self, self.streams["firm_tolerance"])
        ft = w.firms
        self.firm_agents = [] if ft is None else [
            FirmAgent(self, k, ft.ids[k], ft.names[k], w.codes[ft.home[k]], w.codes[ft.host[k]],
                      ft.sectors[k]) for k in range(ft.n)]
        pairs = (np.zeros((2, 0), dtype=int) if ft is None
                 else np.stack([self.firms.pair_home, self.firms.pair_host]))
        self.firm_groups = {(int(a), int(b)): g for g, (a, b) in enumerate(pairs.T)}
        self.firm_pair_mask = np.zeros((w.n, w.n), dtype=bool)  # (home, host) with firms
        self.firm_pair_mask[pairs[0], pairs[1]] = True
        self._queue = list(self.scenario_def.events)  # already in date order
        self._expiries: dict[int, list[tuple[str, int, int]]] = {}
        self.event_log: list[dict] = []
        self.decision_log: list[dict] = []
        self._summary = None  # (step, FirmSummary) cache for firm_summary

        self.metrics = available(w)
        if metrics is not None:
            wanted = set(metrics)
            self.metrics = tuple(m for m in self.metrics if m.name in wanted)
        months = (range(self.start_month, self.end_month + 1) if record_months is None
                  else sorted({int(k) for k in record_months
                               if self.start_month <= k <= self.end_month}))
        self.record_rows = {int(k): r for r, k in enumerate(months)}
        self.metric_values = np.full((len(self.record_rows), len(self.metrics)), np.nan)
        self.record_relations = record_relations
        if record_relations:
            self.relations = np.zeros((len(RELATION_FIELDS), self.n_months, w.n, w.n))
        if ft is not None:
            self.firm_status = np.zeros((self.n_months, ft.n), dtype=np.int8)
            self.firm_assets = np.zeros((self.n_months, ft.n))

    # ------------------------------------------------------------------ time
    # ``month``: absolute index of the month being (or last) simulated; set in step()

    @property
    def date_label(self) -> str:
        return month_label(self.month)

    @property
    def finished(self) -> bool:
        return self.steps >= self.n_months

    def step(self) -> None:
        if self.steps > self.n_months:
            raise RuntimeError("the scenario's end has been reached")
        self.month = self.start_month + self.steps - 1  # Mesa has counted this step
        self._events()
        self._capability()
        self._perceive()
        decide(self)
        decide_firms(self)
        self._economy()
        self._record()

    def run(self) -> AllianceModel:
        """Run to the scenario's end (Mesa's ``run_for``: one scheduled step per month)."""
        if not self.finished:
            self.run_for(self.n_months - self.steps)
        return self

    # ------------------------------------------------------------------ API for handlers
    def violate(self, norm: str, actor: int, severity: float) -> None:
        """Report a violation of ``norm`` by ``actor`` this month (processed in perceptions)."""
        if norm in self.state.norm_names and severity > 0:
            self.state.violations[self.state.norm_index(norm), actor] += severity

    def expire(self, month: int | None, attr: str, i: int, j: int) -> None:
        """Set flow ``attr[i, j]`` back to 0 at the start of ``month`` (None: never)."""
        if month is not None:
            self._expiries.setdefault(month, []).append((attr, i, j))

    def log_decision(self, actor: str, kind: str, target: str, detail: str) -> None:
        self.decision_log.append({"date": month_start(self.month), "actor": actor,
                                  "decision": kind, "target": target, "detail": detail})

    # ------------------------------------------------------------------ phases
    def _events(self) -> None:
        st = self.state
        expiring = self._expiries.pop(self.month, [])
        for attr, i, j in expiring:
            getattr(st, attr)[i, j] = 0.0
        handled = False
        while self._queue and self._queue[0].month == self.month:
            ev = self._queue.pop(0)
            REGISTRY[ev.type].handler(self, ev)
            handled = True
            self.event_log.append({"date": ev.date, "month": month_start(ev.month),
                                   "id": ev.id, "type": ev.type, "tags": ",".join(ev.tags),
                                   "source": ev.source})
        if handled or expiring:
            self._refresh()

    def _refresh(self) -> None:
        """Recompute what follows from event-driven state (wars, alliances, flows), which
        changes only through events and expiries."""
        st, p = self.state, self.params
        self.at_war = st.war.max(axis=1)  # intensity of each state's wars
        self.aggressions = [(int(a), int(v)) for a, v in zip(*np.nonzero(st.aggressor),
                                                              strict=True)]
        self.alliance_op = alliance_operator(st.alliance)
        self._war_norm_rows = np.array(  # (aggressor, norm index)
            [(g, st.norm_index(nm)) for (g, _), nm in self.war_norms.items()],
            dtype=np.int64).reshape(-1, 2)
        self.intensities = (  # munitions, technology, troops (per 10,000), 0..1
            norm_mech.exchange_intensity(st.arms_flow, p.arms_reference_volume),
            st.tech_flow.copy(), st.troops / TROOPS_UNIT)
        self.arms_payments = st.arms_flow.T * (p.arms_unit_value_usd_bn * p.arms_payment_share)

    def _capability(self) -> None:
        st, p, w = self.state, self.params, self.world
        cap_mech.capability_month(
            w.capability0, w.offense0, st.tech_years, st.experience, st.attrition, st.capability,
            st.offense, st.tech_flow, st.arms_flow, st.troops, st.arming, self.at_war,
            p.war_attrition_rate,
            p.tech_capability_gain, p.arms_capability_gain, p.troop_capability_gain,
            p.arms_support_gain, p.tech_transfer_size, p.combat_experience_gain)

    def _perceive(self) -> None:
        st, p, w = self.state, self.params, self.world
        arms, tech, troops = self.intensities
        norm_mech.norms_month(
            st.violations, st.record, st.commitment, st.trust, st.trust_base, st.norm_targets,
            st.voted, arms, tech, troops, self._war_norm_rows, st.aggressor, self.proximity,
            self.active, p.arms_violation_severity, p.tech_violation_severity,
            p.troop_violation_severity, p.trust_norm_shock, p.trust_hypocrisy_factor,
            p.norm_exposure_floor, p.trust_memory_share, p.commitment_erosion,
            p.violation_memory_months)

        threat_mech.step_threat(
            st.threat, st.capability, st.alliance, st.offense, w.nuclear, st.trust,
            self.proximity, self.alliance_op, self.noise["threat_noise"].next(),
            p.perception_noise_sd, self.active, p.threat_alliance_pooling,
            p.threat_offense_weight, p.threat_nuclear_weight, p.threat_intent_exponent,
            p.threat_ally_sharing, p.threat_gain, p.threat_adjust_rate)

        trust_mech.trust_month(
            st.trust, st.trust_base, st.trust_anchor, st.sanctions, st.war, self.flows, self.gdp,
            arms, tech, troops, self.noise["trust_noise"].next(), p.trust_noise_sd, w.passive,
            p.trust_decay_rate, p.trust_reciprocity, p.trust_balance_rate,
            p.trust_sanction_penalty, p.trust_war_penalty, p.trust_trade_affinity,
            p.trust_cooperation_rate, p.trust_forgiveness_months)

    def _friction(self):
        st, p = self.state, self.params
        return trade_mech.friction(st.sanctions, st.export_ban, st.trust, st.war,
                                   phi_s=p.trade_sanction_friction, phi_b=p.trade_ban_friction,
                                   phi_d=p.trade_distrust_friction, phi_w=p.trade_war_friction)

    def _risk(self):
        st, p = self.state, self.params
        return inv_mech.political_risk(st.threat, st.sanctions, st.export_ban, self.at_war,
                                       w_threat=p.fdi_risk_threat_weight,
                                       w_sanction=p.fdi_risk_sanction_weight,
                                       w_war=p.fdi_risk_war_weight)

    def _economy(self) -> None:
        st, p, w = self.state, self.params, self.world
        k = self.steps - 1
        self.gdp = self._gdp_path[k]
        fs = self.firms
        home, host, live0, total0 = (
            (fs.pair_home, fs.pair_host, fs.live0, fs.assets0_total) if fs is not None
            else (NO_PAIRS, NO_PAIRS, NO_SHARES, NO_SHARES))
        st.transfers = self.arms_payments
        trade_mech.trade_month(
            st.exports, self.flows, self.demand, st.transfers, w.exports0, self.gdp / w.gdp0,
            self._oil_path[k], w.energy_share, p.oil_price_elasticity, p.oil_import_elasticity,
            home, host, live0, total0, p.firm_trade_tie, st.sanctions, st.export_ban, st.trust,
            st.war, self._friction0, p.trade_sanction_friction, p.trade_ban_friction,
            p.trade_distrust_friction, p.trade_war_friction, p.deflection_share,
            p.import_substitution_share, p.deflection_trust_weight, p.trade_adjust_rate)
        inv_mech.fdi_month(st.fdi, st.threat, st.sanctions, st.export_ban, self.at_war,
                                 self._risk0, w.gdp_growth, p.fdi_risk_threat_weight,
                                 p.fdi_risk_sanction_weight, p.fdi_risk_war_weight,
                                 p.fdi_exit_rate, p.fdi_risk_threshold)
        firms_invest(self)

    def _record(self) -> None:
        k = self.steps - 1
        st = self.state
        if self.month == self.ref_month and self.world.has("KOR", "RUS"):
            self.reference_fdi = float(st.fdi[self.world.index("KOR"),
                                              self.world.index("RUS")])
        if self.firms is not None:
            if self.month == self.ref_month:
                mark_reference(self)
            self.firm_status[k] = self.firms.status
            self.firm_assets[k] = self.firms.assets
        row = self.record_rows.get(self.month)
        if row is not None:
            self.metric_values[row] = [m.fn(self) for m in self.metrics]
        if self.record_relations:
            for f, arr in enumerate((st.trust, st.threat, st.sanctions,
                                     st.exports + st.transfers, st.fdi)):
                self.relations[f, k] = arr

    # ------------------------------------------------------------------ tables
    @property
    def firm_summary(self):
        """This month's firm counts, divestment and losses per (home, host) group (computed
        once per month, on first use)."""
        if self._summary is None or self._summary[0] != self.steps:
            self._summary = (self.steps, summarise(self))
        return self._summary[1]

    def timeseries(self) -> pd.DataFrame:
        """One row per recorded month simulated so far: date, step, seed and the metrics."""
        months = [k for k in self.record_rows if k <= self.month and self.steps > 0]
        done = len(months)
        df = pd.DataFrame(self.metric_values[:done], columns=[m.name for m in self.metrics])
        df.insert(0, "seed", np.full(done, self.seed, dtype=np.int64))
        df.insert(0, "step", np.array([k - self.start_month + 1 for k in months],
                                      dtype=np.int64))
        df.insert(0, "date", pd.to_datetime([month_start(k) for k in months]))
        return df

    def relations_table(self) -> pd.DataFrame:
        """Long format: date, source, target and each relation field, per ordered pair."""
        if not self.record_relations:
            raise RuntimeError("relations were not recorded (record_relations=False)")
        n, done = self.world.n, self.steps
        src, tgt = np.nonzero(~np.eye(n, dtype=bool))
        dates = pd.to_datetime([month_start(self.start_month + i) for i in range(done)])
        codes = np.array(self.world.codes)
        df = pd.DataFrame({
            "date": np.repeat(dates, src.size),
            "source": pd.Categorical(np.tile(codes[src], done), categories=codes),
            "target": pd.Categorical(np.tile(codes[tgt], done), categories=codes),
        })
        for f, name in enumerate(RELATION_FIELDS):
            df[name] = self.relations[f, :done][:, src, tgt].reshape(-1)
        return df

    def firms_table(self) -> pd.DataFrame | None:
        """Long format: date, firm, home, host, status, assets — one row per month and firm."""
        if self.firms is None:
            return None
        ft, done, codes = self.world.firms, self.steps, np.array(self.world.codes)
        dates = pd.to_datetime([month_start(self.start_month + i) for i in range(done)])
        names = [s.name.lower() for s in FirmStatus]
        return pd.DataFrame({
            "date": np.repeat(dates, ft.n),
            "firm": pd.Categorical(np.tile(np.array(ft.ids), done), categories=list(ft.ids)),
            "home": pd.Categorical(np.tile(codes[ft.home], done), categories=codes),
            "host": pd.Categorical(np.tile(codes[ft.host], done), categories=codes),
            "status": pd.Categorical.from_codes(self.firm_status[:done].reshape(-1),
                                                categories=names),
            "assets_usd_bn": self.firm_assets[:done].reshape(-1),
        })

    def events_table(self) -> pd.DataFrame:
        cols = ["date", "month", "id", "type", "tags", "source"]
        df = pd.DataFrame(self.event_log, columns=cols)
        df["date"] = pd.to_datetime(df["date"])
        df["month"] = pd.to_datetime(df["month"])
        return df

    def decisions_table(self) -> pd.DataFrame:
        rows = sorted(self.decision_log + transitions_table(self), key=lambda r: r["date"])
        df = pd.DataFrame(rows, columns=["date", "actor", "decision", "target", "detail"])
        df["date"] = pd.to_datetime(df["date"])
        return df
