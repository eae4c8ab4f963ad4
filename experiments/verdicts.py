"""The one verdict rule for a claimed direction of an effect, with a smallest effect of
interest (SESOI, per metric: :mod:`model.effect_sizes`; a claim may override it).

- *supported*: the effect lies beyond +SESOI on the claimed side;
- *contradicted*: it lies beyond SESOI on the other side;
- *negligible*: it lies inside [−SESOI, +SESOI] (equivalence: the effect is too small to
  matter, whatever its sign);
- *inconclusive*: anything else.

"Lies" is judged from a 95% interval (:func:`interval_verdict`, the hypothesis table and
figures) or from a distribution's draws (:func:`draws_verdict`: the share of draws, e.g. of
a posterior, in each region); both decide through :func:`decide`.
"""

from __future__ import annotations

import numpy as np

RULE = ("supported / contradicted: the 95% interval lies beyond the smallest effect of interest "
        "(SESOI) on the claimed / other side; negligible: it lies inside ±SESOI; otherwise "
        "inconclusive")


def decide(claimed: bool, other: bool, inside: bool) -> str:
    """The verdict from where the effect lies: beyond +SESOI on the claimed side, beyond it
    on the other side, or inside ±SESOI (at most one is true)."""
    if claimed:
        return "supported"
    if other:
        return "contradicted"
    return "negligible" if inside else "inconclusive"


def interval_verdict(low: float, high: float, sign: int, sesoi: float = 0.0) -> str:
    """Verdict of the interval [low, high] for claimed sign ``sign`` (+1 / −1)."""
    if not (np.isfinite(low) and np.isfinite(high)):
        return "inconclusive"
    lo, hi = sorted((sign * low, sign * high))
    return decide(lo > sesoi, hi < -sesoi, -sesoi <= low and high <= sesoi)


def draws_verdict(draws, sign: int, sesoi: float = 0.0, prob: float = 0.95) -> str:
    """Verdict of a distribution given by ``draws``: a region is where the effect lies when at
    least ``prob`` of the draws are in it."""
    d = sign * np.asarray(draws, dtype=float)
    d = d[np.isfinite(d)]
    if d.size == 0:
        return "inconclusive"
    return decide(bool((d > sesoi).mean() >= prob), bool((d < -sesoi).mean() >= prob),
                  bool((np.abs(d) <= sesoi).mean() >= prob))


def sesoi_of(metric: str, override: float | None = None, declared: dict | None = None) -> float:
    """The SESOI for ``metric``: the claim's override, else the built-in metric's declared one
    (firm and arming metrics included) or the unit's convention for a metric of ``declared``
    (name → expression, an experiment's ``[declared_metrics]``), else 0 (any effect beyond 0
    counts)."""
    if override is not None:
        return float(override)
    from model.effect_sizes import default_sesoi
    from model.metrics import ARMING_PAIRS, ARMING_UNITS, FIRM_HOMES, FIRM_UNITS, METRICS

    if declared and metric in declared:
        from model.declared_metrics import unit_of

        return default_sesoi(unit_of(declared[metric]))

    for m in METRICS:
        if m.name == metric:
            return m.smallest_effect
    prefixed = [(home.lower(), FIRM_UNITS) for home in FIRM_HOMES]
    prefixed += [(f"{s}_{v}".lower(), ARMING_UNITS) for s, v in ARMING_PAIRS]
    for prefix, units in prefixed:
        suffix = metric.removeprefix(prefix + "_")
        if suffix != metric and suffix in units:
            return default_sesoi(units[suffix])
    return 0.0
