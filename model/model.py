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
    fdi_from_firms,
    grow_assets,
    init_firms,
    mark_reference,
    presence,
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


def stream(seed: int, name: str) -> np.random.Generator:
    """A named random stream derived from the run seed (stable across model changes)."""
    ss = np.random.SeedSequence(seed, spawn_key=(zlib.crc32(name.encode()),))
    return np.random.Generator(np.random.PCG64(ss))


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
        self.n_months = self.end_month - self.start_month + 1
        self.active = ~w.passive
        self.streams = {k: stream(self.seed, k)
                        for k in ("threat_noise", "trust_noise", "firm_tolerance")}

        self.state = initial_state(w, self.params)
        self.at_war = self.state.war.max(axis=1)  # intensity of each state's wars
        self.flows = self.state.exports + self.state.transfers  # trade + arms payments
        self._alliance_seen = self.state.alliance.copy()
        self.alliance_op = alliance_operator(self.state.alliance)
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
        self.allied_sanctions = self.sanction_drivers0[1]  # updated by the states each month
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
        self.all_pairs = np.ones((w.n, w.n), dtype=bool)
        self._queue = list(self.scenario_def.events)  # already in date order
        self._expiries: dict[int, list[tuple[str, int, int]]] = {}
        self.war_norms: dict[tuple[int, int], str] = {}  # (aggressor, victim) -> war norm
        self._war_norm_rows = np.zeros((0, 2), dtype=np.int64)  # (aggressor, norm index)
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
    @property
    def month(self) -> int:
        """Absolute index of the month being (or last) simulated."""
        return self.start_month + max(self.steps, 1) - 1

    @property
    def date_label(self) -> str:
        return month_label(self.month)

    @property
    def finished(self) -> bool:
        return self.steps >= self.n_months

    def step(self) -> None:
        if self.steps > self.n_months:
            raise RuntimeError("the scenario's end has been reached")
        self._events()
        self._capability()
        self._perceive()
        decide(self)
        decide_firms(self)
        self._economy()
        self._record()

    def run(self) -> AllianceModel:
        """Run to the scenario's end."""
        while not self.finished:
            self.step()
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
        for attr, i, j in self._expiries.pop(self.month, []):
            getattr(st, attr)[i, j] = 0.0
        handled = False
        while self._queue and self._queue[0].month == self.month:
            ev = self._queue.pop(0)
            REGISTRY[ev.type].handler(self, ev)
            handled = True
            self.event_log.append({"date": ev.date, "month": month_start(ev.month),
                                   "id": ev.id, "type": ev.type, "tags": ",".join(ev.tags),
                                   "source": ev.source})
        if handled:  # wars and their norms change only through events
            self._war_norm_rows = np.array(
                [(g, st.norm_index(nm)) for (g, _), nm in self.war_norms.items()],
                dtype=np.int64).reshape(-1, 2)
        if not np.array_equal(st.alliance, self._alliance_seen):  # a pact was made or ended
            self._alliance_seen = st.alliance.copy()
            self.alliance_op = alliance_operator(st.alliance)
        self.at_war = st.war.max(axis=1)

    def _intensities(self):
        st = self.state
        arms = norm_mech.exchange_intensity(st.arms_flow, self.params.arms_reference_volume)
        troops = st.troops / TROOPS_UNIT
        return arms, st.tech_flow, troops

    def _capability(self) -> None:
        st, p, w = self.state, self.params, self.world
        cap_mech.accumulate(st.tech_years, st.experience, st.tech_flow, st.troops, self.at_war)
        st.attrition = cap_mech.attrition_step(st.attrition, self.at_war, p.war_attrition_rate)
        st.capability = cap_mech.capability(
            w.capability0, st.tech_years, st.arms_flow, st.troops, st.arming, st.attrition,
            tech_gain=p.tech_capability_gain, arms_gain=p.arms_capability_gain,
            troop_gain=p.troop_capability_gain, support_gain=p.arms_support_gain)
        st.offense = cap_mech.offense(w.offense0, st.tech_years, st.experience,
                                      tech_size=p.tech_transfer_size,
                                      experience_gain=p.combat_experience_gain)

    def _perceive(self) -> None:
        st, p, w = self.state, self.params, self.world
        arms, tech, troops = self._intensities()
        if norm_mech.flow_violations(st.violations, st.norm_targets, arms, tech, troops,
                                     self._war_norm_rows, st.aggressor,
                                     arms_severity=p.arms_violation_severity,
                                     tech_severity=p.tech_violation_severity,
                                     troop_severity=p.troop_violation_severity):
            delta = norm_mech.violation_trust_delta(
                st.violations, st.commitment, st.voted, st.norm_targets, self.proximity,
                self.active, shock=p.trust_norm_shock, hypocrisy=p.trust_hypocrisy_factor,
                floor=p.norm_exposure_floor)
            trust_mech.shock(st.trust, st.trust_base, delta, p.trust_memory_share)
            norm_mech.erode_commitment(st.commitment, st.violations, p.commitment_erosion)
        norm_mech.update_record(st.record, st.violations, p.violation_memory_months)

        power = threat_mech.coalition_power(st.capability, st.alliance,
                                            p.threat_alliance_pooling)
        off = threat_mech.offensive_factor(st.offense, w.nuclear, p.threat_offense_weight,
                                           p.threat_nuclear_weight)
        host = threat_mech.hostility(st.trust, p.threat_intent_exponent)
        target = threat_mech.threat_target(power, self.proximity, off, host, self.alliance_op,
                                           p.threat_ally_sharing, p.threat_gain, self.active)
        noise = self.streams["threat_noise"].normal(0.0, p.perception_noise_sd, (w.n, w.n))
        st.threat = threat_mech.smooth(st.threat, target, p.threat_adjust_rate, noise,
                                       self.active)

        coop = trust_mech.cooperation(arms, tech, troops)
        noise = self.streams["trust_noise"].normal(0.0, p.trust_noise_sd, (w.n, w.n))
        st.trust = trust_mech.step_trust(
            st.trust, st.trust_base, st.sanctions, st.war,
            trade_mech.dependence(self.flows, self.gdp), coop, noise, w.passive,
            decay=p.trust_decay_rate, reciprocity=p.trust_reciprocity,
            balance=p.trust_balance_rate, sanction_penalty=p.trust_sanction_penalty,
            war_penalty=p.trust_war_penalty, trade_affinity=p.trust_trade_affinity,
            cooperation_rate=p.trust_cooperation_rate)
        trust_mech.forgive(st.trust_base, st.trust_anchor, p.trust_forgiveness_months)

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
        base = trade_mech.base_flows(w.exports0, self.gdp / w.gdp0, self._oil_path[k],
                                     w.energy_share, p.oil_price_elasticity,
                                     p.oil_import_elasticity)
        free = base
        if self.firms is not None:
            fs = self.firms
            base = trade_mech.firm_ties(base, fs.pair_home, fs.pair_host, presence(fs),
                                        p.firm_trade_tie)
        st.exports = trade_mech.step_trade(
            st.exports, base, self._friction(), self._friction0, st.trust, st.sanctions,
            share=p.deflection_share, import_share=p.import_substitution_share,
            trust_weight=p.deflection_trust_weight, rate=p.trade_adjust_rate)
        st.transfers = st.arms_flow.T * (p.arms_unit_value_usd_bn * p.arms_payment_share)
        self.flows = st.exports + st.transfers
        self.demand = trade_mech.import_demand(self.flows, free)
        grow_assets(self)
        fdi = inv_mech.step_fdi(st.fdi, self._risk(), self._risk0, w.gdp_growth,
                                exit_rate=p.fdi_exit_rate, threshold=p.fdi_risk_threshold)
        st.fdi = fdi_from_firms(self, fdi)

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
