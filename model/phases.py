"""The month as data: the ordered phases of one step, each with what it reads and writes.

``AllianceModel.step`` and the benchmark floor (benchmarks/floor.py) both iterate
:data:`PHASES`, so the order and the wiring of the mechanisms exist once. A phase is a small
function of ``m``, the month's context: the model itself, or the floor's plain copy of it
(which carries the same attributes and runs only the phases marked ``floor``). Reads and
writes name the context's attributes (``state.X`` for a field of :class:`model.state.State`);
tests check that each named attribute appears in the phase's code, and the floor copies
exactly what its phases declare. ``alliancesim phases`` prints the table (docs/phases.md).

Decisions that a person would want to read about (joining sanctions, arming a victim,
pressing firms) are reported through ``m.on_decision``: the model hands them to the deciding
StateAgent, which writes the decision log; the floor ignores them.

To add a mechanism: write its kernel in ``model/mechanisms/``, then a phase function here and
its :class:`Phase` entry in :data:`PHASES` at its place in the month (docs/CONTRIBUTING.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from model import firms as firm_layer
from model.decision_events import report_sanctions_crossing, start_support
from model.mechanisms import arming as arm_mech
from model.mechanisms import capability as cap_mech
from model.mechanisms import investment as inv_mech
from model.mechanisms import norms as norm_mech
from model.mechanisms import pressure as pressure_mech
from model.mechanisms import sanctions as sanc_mech
from model.mechanisms import threat as threat_mech
from model.mechanisms import trade as trade_mech
from model.mechanisms import trust as trust_mech
from model.metrics import SANCTIONING_THRESHOLD


@dataclass(frozen=True)
class Phase:
    name: str
    fn: Callable  # fn(m) -> None
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    floor: bool = True  # a mechanism (in the floor), not the model's bookkeeping

    @property
    def doc(self) -> str:
        """The first sentence of the phase function's docstring."""
        return " ".join((self.fn.__doc__ or "").split()).split(". ")[0].rstrip(".")


# ------------------------------------------------------------------ bookkeeping (model only)
def events(m) -> None:
    """Expire ended flows and fire this month's timeline events through the event-type
    registry; recompute what follows from events (wars, alliances, flow intensities)."""
    m.apply_events()


def record(m) -> None:
    """Keep this month's metrics, relations, firm statuses and metric reference values."""
    m.record_month()


# ------------------------------------------------------------------ mechanisms
def capability(m) -> None:
    """Capability and strike reach from technology, munitions, troops, states arming a
    victim, and war attrition (model/mechanisms/capability.py)."""
    st, w = m.state, m.world
    cap_mech.capability_month(
        w.capability0, w.offense0, st.tech_years, st.experience, st.attrition, st.capability,
        st.offense, st.tech_flow, st.arms_flow, st.troops, st.arming, m.at_war, m.param_record)


def norms(m) -> None:
    """Embargoed flows and reported acts violate norms: observers' trust falls, violators'
    records grow and commitments erode (model/mechanisms/norms.py)."""
    st = m.state
    arms, tech, troops = m.intensities
    norm_mech.norms_month(
        st.violations, st.record, st.commitment, st.trust, st.trust_base, st.norm_targets,
        st.voted, arms, tech, troops, m.war_norm_rows, st.aggressor, m.proximity, m.active,
        m.param_record)


def threat(m) -> None:
    """Perceived threat moves toward Walt's balance-of-threat target, with noise
    (model/mechanisms/threat.py)."""
    st = m.state
    threat_mech.threat_month(
        st.threat, st.capability, st.alliance, st.offense, m.world.nuclear, st.trust,
        m.proximity, m.alliance_op, m.noise["threat_noise"].next(), m.active, m.param_record)


def trust(m) -> None:
    """Trust relaxes, reciprocates, balances and follows sanctions, war, trade and
    cooperation; remembered shocks fade (model/mechanisms/trust.py)."""
    st = m.state
    arms, tech, troops = m.intensities
    trust_mech.trust_month(
        st.trust, st.trust_base, st.trust_anchor, st.sanctions, st.war, m.flows, m.gdp, arms,
        tech, troops, m.noise["trust_noise"].next(), m.world.passive, m.param_record)


def sanction_drivers(m) -> tuple:
    """The drivers of desired sanctions now (:func:`model.mechanisms.sanctions.drivers`)."""
    st = m.state
    return sanc_mech.drivers(st.threat, m.alliance_op, st.sanctions, st.commitment, st.record,
                             m.free_flows, m.gdp, st.trust)


def sanctions(m) -> None:
    """States move their sanctions toward the desired level; crossing the sanctioning
    threshold either way is a logged decision (model/mechanisms/sanctions.py)."""
    st = m.state
    crossed = sanc_mech.sanctions_month(
        m.world.sanctions0, m.sanction_drivers0, st.threat, m.alliance_op, st.sanctions,
        m.allied_sanctions, st.commitment, st.record, m.free_flows, m.gdp, st.trust,
        m.world.sanction_disposition, st.sanction_floor, m.active, m.param_record,
        SANCTIONING_THRESHOLD)
    for i, j in crossed:
        report_sanctions_crossing(m.on_decision, st.sanctions, int(i), int(j))


def arming(m) -> None:
    """While an aggression goes on, threatened states start supporting its victim: lethal arms,
    or non-lethal aid where a limit on lethal exports holds them back; the aggressor's trust in
    each new supplier drops (model/mechanisms/arming.py, :func:`start_support`)."""
    st = m.state
    for a, v in m.aggressions:
        level = arm_mech.support_wanted(st.threat, st.trust, st.arming, st.war, st.alliance,
                                        m.active, m.world.lethal_limit, a, v, m.param_record)
        for i in np.flatnonzero(level):
            start_support(m.on_decision, st.arming, st.trust, st.trust_base, st.lethal_since,
                          m.month, m.param_record, int(i), v, a, float(level[i]))


def pressure(m) -> None:
    """Home governments press their firms to leave threatening or sanctioned hosts
    (model/mechanisms/pressure.py)."""
    st = m.state
    rose = pressure_mech.pressure_month(
        st.pressure, st.pressure_floor, st.threat, m.threat0, m.allied_sanctions,
        m.world.sanction_disposition, m.active, m.firm_pair_mask, m.param_record,
        pressure_mech.PRESSING)
    for a, b in rose:
        m.on_decision(int(a), "presses_firms", int(b), level=pressure_mech.PRESSING)


def firms(m) -> None:
    """Foreign firms operate, suspend, sell or re-enter by comparing the value of operating,
    of staying idle and of selling under the host's exit terms (model/firms.py,
    model/mechanisms/firms.py)."""
    firm_layer.decide(m)


def trade(m) -> None:
    """Trade moves toward no-friction flows (GDP, world energy prices and embargoes, firm
    ties) under political frictions, with deflection; arms payments are transfers, not
    customs trade (model/mechanisms/trade.py, energy.py)."""
    st, w, fs = m.state, m.world, m.firms
    k = m.month - m.start_month
    m.gdp = m.gdp_path[k]
    st.transfers = m.arms_payments
    home, host, live0, total0 = firm_layer.trade_ties(fs)
    trade_mech.trade_month(
        st.exports, st.rerouted, st.openness, m.flows, m.demand, st.transfers, w.exports0,
        m.gdp / w.gdp0, m.gdp.sum() / w.gdp0.sum(), w.energy_share, m.energy_price_path[k],
        st.energy_ban, home, host, live0, total0, st.sanctions, st.export_ban, st.import_ban,
        st.closure, st.enforcement, w.passive, st.trust, st.war, m.friction0, m.ban0,
        m.free_flows, m.param_record)


def investment(m) -> None:
    """FDI stocks grow or are withdrawn under political risk; where firms are modelled, a
    pair's stock is its firms' assets (model/mechanisms/investment.py)."""
    st, growth = m.state, m.world.gdp_growth
    inv_mech.fdi_month(st.fdi, st.threat, st.sanctions, st.export_ban, m.at_war, m.risk0,
                       growth, m.param_record)
    firm_layer.invest(m.firms, st.fdi, growth)


_S = "state."
PHASES: tuple[Phase, ...] = (
    Phase("events", events, ("month",), ("state", "war_norm_rows", "intensities"), floor=False),
    Phase("capability", capability,
          ("world", _S + "tech_flow", _S + "arms_flow", _S + "troops", _S + "arming", "at_war",
           "param_record"),
          (_S + "tech_years", _S + "experience", _S + "attrition", _S + "capability",
           _S + "offense")),
    Phase("norms", norms,
          ("intensities", "war_norm_rows", _S + "aggressor", _S + "norm_targets", _S + "voted",
           "proximity", "active", "param_record"),
          (_S + "violations", _S + "record", _S + "commitment", _S + "trust",
           _S + "trust_base")),
    Phase("threat", threat,
          (_S + "capability", _S + "alliance", _S + "offense", "world", _S + "trust",
           "proximity", "alliance_op", "noise", "active", "param_record"),
          (_S + "threat",)),
    Phase("trust", trust,
          (_S + "trust_anchor", _S + "sanctions", _S + "war", "flows", "gdp", "intensities",
           "noise", "world", "param_record"),
          (_S + "trust", _S + "trust_base")),
    Phase("sanctions", sanctions,
          ("world", "sanction_drivers0", _S + "threat", "alliance_op", _S + "commitment",
           _S + "record", "free_flows", "gdp", _S + "trust", _S + "sanction_floor", "active",
           "param_record"),
          (_S + "sanctions", "allied_sanctions", "on_decision")),
    Phase("arming", arming,
          ("aggressions", _S + "threat", _S + "war", _S + "alliance", "active", "world",
           "month", "param_record"),
          (_S + "arming", _S + "trust", _S + "trust_base", _S + "lethal_since", "on_decision")),
    Phase("pressure", pressure,
          (_S + "pressure_floor", _S + "threat", "threat0", "allied_sanctions", "world",
           "active", "firm_pair_mask", "param_record"),
          (_S + "pressure", "on_decision")),
    Phase("firms", firms,
          ("firms", "world", "state", "allied_sanctions", "demand", "threat0", "at_war",
           "month", "ref_month", "param_record"),
          ("firms",)),
    Phase("trade", trade,
          ("month", "start_month", "gdp_path", "energy_price_path", "arms_payments", "firms",
           "world", _S + "energy_ban", _S + "sanctions", _S + "export_ban", _S + "import_ban",
           _S + "closure", _S + "enforcement",
           _S + "trust",
           _S + "war", "friction0", "ban0", "param_record"),
          ("gdp", _S + "transfers", _S + "exports", _S + "rerouted", _S + "openness", "flows",
           "demand", "free_flows")),
    Phase("investment", investment,
          (_S + "threat", _S + "sanctions", _S + "export_ban", "at_war", "risk0", "world",
           "firms", "param_record"),
          (_S + "fdi", "firms")),
    Phase("record", record, ("month", "state", "firms"), ("metric_values", "relations"),
          floor=False),
)
