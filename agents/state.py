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
import numpy as np

from model.mechanisms import arming as arm_mech
from model.mechanisms import sanctions as sanc_mech
from model.mechanisms import trust as trust_mech
from model.mechanisms.arrays import clip, zero_diagonal
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
        st.arming[self.index, victim] = 1.0
        delta = np.zeros_like(st.trust)
        delta[aggressor, self.index] = -p.trust_arms_supply_shock
        trust_mech.shock(st.trust, st.trust_base, delta, p.trust_memory_share)
        codes = m.world.codes
        m.log_decision(self.code, "arms_victim", codes[victim],
                       f"{self.code} starts arming {codes[victim]} against {codes[aggressor]}")


def decide(model) -> None:
    """Decision phase for all states (order fixed: sanctions, arming victims, pressure on
    their firms)."""
    decide_sanctions(model)
    st = model.state
    # allies' sanctions after this month's decisions: read by pressure and by the firms
    model.allied_sanctions = sanc_mech.allied_sanctions(model.alliance_op, st.sanctions)
    decide_arming(model)
    decide_pressure(model)


def decide_pressure(model) -> None:
    """Home-government pressure on its firms in each host:

    P*_ih = clip(g_θ max(0, Θ_ih - Θ0_ih) + g_a ally_ih, 0, 1),   P ← P + r (P* - P)

    (a jump in threat from the host — e.g. after a treaty — and allies' sanctions on the host,
    i.e. alliance pressure, make a government lean on its firms to leave).
    """
    st, p = model.state, model.params
    ally = model.allied_sanctions
    target = clip(p.pressure_threat_weight * np.maximum(0.0, st.threat - model.threat0)
                     + p.pressure_ally_weight * ally, 0.0, 1.0)
    target[~model.active] = 0.0
    new = st.pressure + p.pressure_adjust_rate * (target - st.pressure)
    zero_diagonal(new)
    if model.pressure_pairs.size:
        i, h = model.pressure_pairs
        up = (new[i, h] >= 0.5) & (st.pressure[i, h] < 0.5)
        for a, b in zip(i[up], h[up], strict=True):
            model.log_decision(model.world.codes[a], "presses_firms", model.world.codes[b],
                               f"{model.world.codes[a]} presses its firms to leave "
                               f"{model.world.codes[b]} (pressure >= 0.5)")
    st.pressure = new


def sanction_drivers(model):
    st = model.state
    return sanc_mech.drivers(st.threat, model.alliance_op, st.sanctions, st.commitment, st.record,
                             st.exports + st.transfers, model.gdp, st.trust)


def decide_sanctions(model) -> None:
    st, p = model.state, model.params
    target = sanc_mech.desired(
        model.world.sanctions0, sanction_drivers(model), model.sanction_drivers0,
        w_threat=p.sanction_threat_weight, w_ally=p.sanction_ally_weight,
        w_norm=p.sanction_norm_weight, w_dep=p.sanction_dependence_weight,
        w_trust=p.sanction_trust_weight)
    new = sanc_mech.adjust(st.sanctions, target, st.sanction_floor, p.sanction_adjust_rate,
                           model.active)
    was, now = st.sanctions >= SANCTIONING_THRESHOLD, new >= SANCTIONING_THRESHOLD
    st.sanctions = new
    for i, j in zip(*np.nonzero(now != was), strict=True):
        agent = model.state_agents[i]
        (agent.joined_sanctions if now[i, j] else agent.left_sanctions)(int(j))


def decide_arming(model) -> None:
    st, p = model.state, model.params
    for a, v in zip(*np.nonzero(st.aggressor), strict=True):
        for i in arm_mech.wants_to_arm(st.threat, st.trust, st.arming, st.war, st.alliance,
                                       model.active, a, v, threshold=p.arm_victim_threshold,
                                       ally_pressure=p.arm_victim_ally_pressure,
                                       min_trust=p.arm_victim_min_trust):
            model.state_agents[i].start_arming(int(v), int(a))

