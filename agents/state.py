"""StateAgent: a state's identity, and the author of its decisions in the decision log.

What each state decides is computed for all states at once, in the month's decision phases
(:mod:`model.phases`: ``sanctions``, ``arming``, ``pressure``), by the rules of
:mod:`model.mechanisms.sanctions` (desired sanctions from threat, allies, the target's
violations, trade dependence and trust), :mod:`model.mechanisms.arming` (arming the victim of
an aggression) and :mod:`model.mechanisms.pressure` (pressing its firms to leave a host): one
place per rule, compiled, and shared by the model and the benchmark floor. Each notable choice
is then handed to the deciding StateAgent (``AllianceModel.on_decision``), which writes it in
its own words to the model's decision log. (Computing the rules agent by agent in Python would
cost about a hundred times more per month; see benchmarks/results.md.)
"""

from __future__ import annotations

import mesa

#: The decision kinds a state logs, and their sentence (``actor``, ``target`` are codes; the
#: other fields are the facts the deciding phase reports).
MESSAGES = {
    "joins_sanctions": "{actor} sanctions {target} at >= {level}",
    "leaves_sanctions": "{actor} eases sanctions on {target} below {level}",
    "arms_victim": "{actor} starts arming {target} against {aggressor}",
    "aids_victim": "{actor} starts non-lethal aid to {target} against {aggressor}",
    "presses_firms": "{actor} presses its firms to leave {target} (pressure >= {level})",
}


class StateAgent(mesa.Agent):
    """A state (or a passive aggregate such as the rest of the world)."""

    def __init__(self, model, code: str, name: str, index: int, passive: bool) -> None:
        super().__init__(model)
        self.code = code
        self.name = name
        self.index = index
        self.passive = passive

    def decided(self, kind: str, target: str, **facts) -> None:
        """Write one of this state's decisions (a kind of :data:`MESSAGES`) to the log."""
        detail = MESSAGES[kind].format(actor=self.code, target=target, **facts)
        self.model.log_decision(self.code, kind, target, detail)
