"""StateAgent: a state's identity and its decisions.

Decisions are computed for all states at once (vectorised, see ``decide``); each agent then
records its own notable choices (joining sanctions, starting to arm a victim of aggression) in
the model's decision log. Decision rules:

Sanctions — each state moves its sanctions on every other state toward the desired level of
:mod:`model.mechanisms.sanctions` (threat, allies' sanctions, the target's violation record,
minus trade dependence and trust), never below event-imposed floors.

Arming a victim — while a war with a marked aggressor goes on, a state starts arming the
victim by the rule of :mod:`model.mechanisms.arming` (threat from the aggressor, lowered by the
share of its allies already arming; enough trust in the victim). The decision sticks until a
ceasefire. It adds to the victim's capability, and the aggressor's trust in the state drops (a
one-off shock, partly remembered).
"""

from __future__ import annotations

import mesa

from model.mechanisms import arming as arm_mech
from model.mechanisms import pressure as pressure_mech
from model.mechanisms import sanctions as sanc_mech
from model.metrics import SANCTIONING_THRESHOLD


class StateAgent(mesa.Agent):
    """A state (or a passive aggregate such as the rest of the world)."""

    def __init__(self, model, code: str, name: str, index: int, passive: bool) -> None:
        super().__init__(model)
        self.code = code
        self.name = name
        self.index = index
        self.passive = passive

    def joined_sanctions(self, target: int) -> None:
        self.model.log_decision(self.code, "joins_sanctions", self.model.world.codes[target],
                                f"{self.code} sanctions {self.model.world.codes[target]} "
                                f"at >= {SANCTIONING_THRESHOLD}")

    def left_sanctions(self, target: int) -> None:
        self.model.log_decision(self.code, "leaves_sanctions", self.model.world.codes[target],
                                f"{self.code} eases sanctions on "
                                f"{self.model.world.codes[target]} below {SANCTIONING_THRESHOLD}")

    def start_arming(self, victim: int, aggressor: int) -> None:
        m = self.model
        st, p = m.state, m.params
        arm_mech.start_arming(st.arming, st.trust, st.trust_base, aggressor, self.index, victim,
                              p.trust_arms_supply_shock, p.trust_memory_share)
        codes = m.world.codes
        m.log_decision(self.code, "arms_victim", codes[victim],
                       f"{self.code} starts arming {codes[victim]} against {codes[aggressor]}")


def decide(model) -> None:
    """Decision phase for all states (order fixed: sanctions, arming victims, pressure on
    their firms)."""
    decide_sanctions(model)
    # it also sets model.allied_sanctions, allies' sanctions after this month's decisions,
    # which pressure and the firms read
    decide_arming(model)
    decide_pressure(model)


def decide_pressure(model) -> None:
    """Home-government pressure on its firms in each host, by the rule of
    :mod:`model.mechanisms.pressure` (threat from the host above its 2013 level, allies'
    sanctions on it); crossing 0.5 is logged."""
    st, p = model.state, model.params
    rose = pressure_mech.pressure_month(
        st.pressure, st.threat, model.threat0, model.allied_sanctions, model.active,
        model.firm_pair_mask, w_threat=p.pressure_threat_weight, w_ally=p.pressure_ally_weight,
        rate=p.pressure_adjust_rate, level=pressure_mech.PRESSING)
    codes = model.world.codes
    for a, b in rose:
        model.log_decision(codes[a], "presses_firms", codes[b],
                           f"{codes[a]} presses its firms to leave {codes[b]} "
                           f"(pressure >= {pressure_mech.PRESSING})")


def sanction_drivers(model):
    """The drivers of desired sanctions now (:func:`model.mechanisms.sanctions.drivers`)."""
    st = model.state
    return sanc_mech.drivers(st.threat, model.alliance_op, st.sanctions, st.commitment, st.record,
                             model.flows, model.gdp, st.trust)


def decide_sanctions(model) -> None:
    st, p = model.state, model.params
    crossed = sanc_mech.sanctions_month(
        model.world.sanctions0, model.sanction_drivers0, st.threat, model.alliance_op,
        st.sanctions, model.allied_sanctions, st.commitment, st.record, model.flows, model.gdp,
        st.trust, st.sanction_floor, model.active, w_threat=p.sanction_threat_weight,
        w_ally=p.sanction_ally_weight, w_norm=p.sanction_norm_weight,
        w_dep=p.sanction_dependence_weight, w_trust=p.sanction_trust_weight,
        rate=p.sanction_adjust_rate, level=SANCTIONING_THRESHOLD)
    for i, j in crossed:
        agent = model.state_agents[i]
        (agent.joined_sanctions if st.sanctions[i, j] >= SANCTIONING_THRESHOLD
         else agent.left_sanctions)(int(j))


def decide_arming(model) -> None:
    st, p = model.state, model.params
    for a, v in model.aggressions:
        for i in arm_mech.wants_to_arm(st.threat, st.trust, st.arming, st.war, st.alliance,
                                       model.active, a, v, threshold=p.arm_victim_threshold,
                                       ally_pressure=p.arm_victim_ally_pressure,
                                       min_trust=p.arm_victim_min_trust):
            model.state_agents[i].start_arming(int(v), int(a))

