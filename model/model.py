"""AllianceModel: owns the random streams, the world, the state, and runs the month's phases.

Each step is one calendar month: the phases of :data:`model.phases.PHASES`, in order (printed
by ``alliancesim phases``; docs/phases.md): events, capability, norms, threat, trust, the
states' decisions (sanctions, arming, pressure), the firms' decisions, trade, investment,
record. The model is the phases' context: it holds what they read and write.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

import mesa
import numpy as np
import pandas as pd

from agents.firm import FirmAgent, FirmStatus
from agents.state import StateAgent
from model import firms as firm_layer
from model.calendar import month_label, month_start
from model.declared_metrics import declare
from model.event_types import REGISTRY
from model.mechanisms import energy as energy_mech
from model.mechanisms import investment as inv_mech
from model.mechanisms import norms as norm_mech
from model.mechanisms import threat as threat_mech
from model.mechanisms import trade as trade_mech
from model.mechanisms.arrays import alliance_operator
from model.metrics import available, reference_month, references
from model.phases import PHASES, sanction_drivers
from model.scenario import Scenario, load_scenario
from model.state import initial_state

RELATION_FIELDS = ("trust", "threat", "sanctions", "exports_usd_bn", "fdi_usd_bn",
                   "transfers_usd_bn")
TROOPS_UNIT = 1e4  # unit convention: troop effects are per 10,000 troops


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
                 metrics: Iterable[str] | None = None,
                 declared_metrics: Iterable[tuple[str, str]] = (), **param_kwargs) -> None:
        """``record_months``: absolute month indices whose metrics are computed and kept
        (None: every month); ``metrics``: names of the metrics to compute (None: every metric
        the world supports); ``declared_metrics``: (name, expression) pairs of metrics
        declared from relations (:mod:`model.declared_metrics`), computed as well. None of
        these changes the dynamics, only what is measured."""
        if rng is None:
            rng = int(np.random.SeedSequence().entropy % (2**63))
        super().__init__(rng=rng)
        self.seed = int(rng)
        self.scenario_def = scenario if isinstance(scenario, Scenario) else load_scenario(
            scenario, end=end)
        self.world = w = self.scenario_def.world
        self.params = self.scenario_def.param_set({**(params or {}), **param_kwargs})
        self.param_record = self.params.record()  # what compiled kernels read by name
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
        self.free_flows = self.flows.copy()  # frictionless flows (the start is at rest)
        self.war_norms: dict[tuple[int, int], str] = {}  # (aggressor, victim) -> war norm
        self.refresh()
        self.threat0 = self.state.threat.copy()
        self.demand = np.ones(w.n)
        self.proximity = threat_mech.proximity(w.distance_km, self.params)
        years = (np.arange(self.n_months) + self.start_month) / 12.0 - w.base_year
        self.gdp_path = w.gdp0[None, :] * (1.0 + w.gdp_growth[None, :]) ** years[:, None]
        years = [int(self.start_month + k) // 12 for k in range(self.n_months)]
        trend = self.params.energy_price_trend  # the scenario's path after the observed years
        self.energy_price_path = np.array([  # π_i(t): each exporter's energy price index
            energy_mech.price_index(w.gas_share, w.price_index("oil", y, trend),
                                    w.price_index("gas", y, trend)) for y in years])
        self.gdp = w.gdp0.copy()
        st, p0 = self.state, self.param_record[0]
        # frictions and political risk at the start: the observed start is an equilibrium
        self.friction0 = trade_mech.frictions(st.sanctions, st.export_ban, st.import_ban,
                                              st.trust, st.war, p0)
        self.ban0 = trade_mech.bans(st.export_ban, st.import_ban, p0)
        self.sanction_drivers0 = sanction_drivers(self)
        # allies' sanctions, updated in place by the states each month
        self.allied_sanctions = self.sanction_drivers0[1].copy()
        self.risk0 = inv_mech.political_risk(st.threat, st.sanctions, st.export_ban,
                                             self.at_war, p0)
        self.ref_month = reference_month()
        # values some metrics compare with (model.metrics.REFERENCES), taken at their month
        self.references = {r.name: r.fn(self) for r in references(w)
                           if self.start_month > r.month}
        self._references_due = [r for r in references(w) if r.month >= self.start_month]

        self.state_agents = [StateAgent(self, c, nm, i, bool(w.passive[i]))
                             for i, (c, nm) in enumerate(zip(w.codes, w.names, strict=True))]
        self.firms = firm_layer.init_firms(self, self.streams["firm_tolerance"])
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
        self.metrics += tuple(declare(w, name, expr) for name, expr in declared_metrics)
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
        """One month: the phases of :data:`model.phases.PHASES`, in order."""
        if self.steps > self.n_months:
            raise RuntimeError("the scenario's end has been reached")
        self.month = self.start_month + self.steps - 1  # Mesa has counted this step
        for phase in PHASES:
            phase.fn(self)

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

    def on_decision(self, actor: int, kind: str, target: int, **facts) -> None:
        """A phase reports a notable decision of state ``actor``; the StateAgent logs it.
        Facts that are actor indices (``aggressor``) are given as codes."""
        codes = self.world.codes
        named = {k: codes[v] if k == "aggressor" else v for k, v in facts.items()}
        self.state_agents[actor].decided(kind, codes[target], **named)

    # ------------------------------------------------------------------ bookkeeping phases
    def apply_events(self) -> None:
        """The ``events`` phase: expiries, then this month's timeline events."""
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
            self.refresh()

    def refresh(self) -> None:
        """Recompute what follows from event-driven state (wars, alliances, flows), which
        changes only through events and expiries."""
        st, p = self.state, self.params
        self.at_war = st.war.max(axis=1)  # intensity of each state's wars
        self.aggressions = [(int(a), int(v)) for a, v in zip(*np.nonzero(st.aggressor),
                                                              strict=True)]
        self.alliance_op = alliance_operator(st.alliance)
        self.war_norm_rows = np.array(  # (aggressor, norm index)
            [(g, st.norm_index(nm)) for (g, _), nm in self.war_norms.items()],
            dtype=np.int64).reshape(-1, 2)
        self.intensities = (  # munitions, technology, troops (per 10,000), 0..1
            norm_mech.exchange_intensity(st.arms_flow, self.param_record[0]),
            st.tech_flow.copy(), st.troops / TROOPS_UNIT)
        self.arms_payments = st.arms_flow.T * (p.arms_unit_value_usd_bn * p.arms_payment_share)

    def record_month(self) -> None:
        """The ``record`` phase: metric references due, firm statuses, metrics, relations."""
        k = self.steps - 1
        st = self.state
        for r in self._references_due:
            if r.month == self.month:
                self.references[r.name] = r.fn(self)
        if self.firms is not None:
            if self.month == self.ref_month:
                firm_layer.mark_reference(self)
            self.firm_status[k] = self.firms.status
            self.firm_assets[k] = self.firms.assets
        row = self.record_rows.get(self.month)
        if row is not None:
            self.metric_values[row] = [m.fn(self) for m in self.metrics]
        if self.record_relations:
            for f, arr in enumerate((st.trust, st.threat, st.sanctions,
                                     st.exports, st.fdi, st.transfers)):
                self.relations[f, k] = arr

    # ------------------------------------------------------------------ tables
    @property
    def firm_summary(self):
        """This month's firm counts, divestment and losses per (home, host) group (computed
        once per month, on first use)."""
        if self._summary is None or self._summary[0] != self.steps:
            self._summary = (self.steps, firm_layer.summarise(self))
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
        rows = sorted(self.decision_log + firm_layer.transitions_table(self),
                      key=lambda r: r["date"])
        df = pd.DataFrame(rows, columns=["date", "actor", "decision", "target", "detail"])
        df["date"] = pd.to_datetime(df["date"])
        return df
