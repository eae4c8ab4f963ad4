"""Smallest effects of interest (SESOI): how large a difference between two arms must be to
matter, per metric, in the metric's units.

A :class:`model.metrics.Metric` may declare its own ``sesoi``; otherwise it takes the
convention for its unit below. These are conventions of this project (not estimates): half a
percentage point of a share, a hundredth of a trust or threat scale, half a billion dollars a
year, five percentage points of a 0/1 indicator (a probability), half a state or firm in a
count, one month (the model's step) of a timing. A claim may override its metric's SESOI
(``sesoi`` in the claim). The verdict rule that uses them is :mod:`experiments.verdicts`.
"""

from __future__ import annotations

SESOI_BY_UNIT = {
    "share": 0.005,
    "index": 0.005,
    "CINC-like share": 0.0005,
    "0-1": 0.01,
    "-1..1": 0.01,
    "USD bn/yr": 0.5,
    "USD bn": 0.5,
    "0/1": 0.05,
    "count": 0.5,
    "months": 1.0,
}


def default_sesoi(unit: str) -> float:
    """The convention for ``unit`` (0 for a unit without one: every nonzero effect matters)."""
    return SESOI_BY_UNIT.get(unit, 0.0)

