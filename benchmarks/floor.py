"""The floor (issue 8b): the model's month without the model.

No Mesa, no agents, no event handlers, no decision log, no data collection: one month is the
mechanism phases of :data:`model.phases.PHASES` (those marked ``floor``: capability, norms,
threat, trust, sanctions, arming, pressure, firms, trade, investment), the very functions
``AllianceModel.step`` runs, on a plain copy of what they read and write. It starts from the
state a model has reached (so wars, flows and sanctions are in place and every term does work)
and is checked against the model month by month in tests/test_floor.py. What follows from
events only (wars, alliances, flow intensities, arms payments) is taken once from the model,
as no events happen here; past the scenario's end the exogenous paths wrap around.
"""

from __future__ import annotations

import copy

from model.phases import PHASES

FLOOR_PHASES = tuple(ph for ph in PHASES if ph.floor)
#: What the floor's phases read and write (their declared context attributes).
INPUTS = tuple(sorted({name.split(".")[0] for ph in FLOOR_PHASES
                       for name in ph.reads + ph.writes} - {"on_decision"}))
#: What they write, and the noise streams they draw from: deep-copied, so the floor never
#: touches the model's own arrays.
MUTABLE = tuple(sorted({name.split(".")[0] for ph in FLOOR_PHASES for name in ph.writes}
                       | {"noise"}))


class Floor:
    """A plain namespace holding what the floor's phases use, copied out of a model."""

    def __init__(self, model) -> None:
        for name in INPUTS:
            value = getattr(model, name)
            setattr(self, name, copy.deepcopy(value) if name in MUTABLE else value)
        self.end_month = model.end_month  # (start_month is among the phases' inputs)
        # the next month the model would simulate
        self.month = model.month + 1 if model.steps else model.start_month

    @staticmethod
    def on_decision(*_args, **_facts) -> None:
        """Decisions are not logged in the floor."""


def from_model(model) -> Floor:
    """Copy a model's state and precomputed inputs into a :class:`Floor`."""
    return Floor(model)


def month(f: Floor) -> None:
    """One month of mechanisms, in the model's phase order."""
    if f.month > f.end_month:  # past the end: the exogenous paths wrap around
        f.month = f.start_month
    for phase in FLOOR_PHASES:
        phase.fn(f)
    f.month += 1


def run(floor: Floor, months: int) -> Floor:
    for _ in range(months):
        month(floor)
    return floor
