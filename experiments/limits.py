"""Checks an experiment must pass before any work starts: its size, and the analysis dates
it records. A huge design is refused in one line instead of filling memory, and an analysis
date the runs will not record is refused before the sweep, not after it."""

from __future__ import annotations

from math import prod

from model.calendar import month_label, parse_month
from model.errors import InputError

# One million runs is about a day on a 2-core machine; the run list and the set of finished
# runs stay well under a gigabyte.
MAX_RUNS = 1_000_000


def n_points(dtype: str, parameters: dict, samples: int, second_order: bool) -> int:
    """Design points of a design, computed without building the design."""
    d = len(parameters)
    if dtype == "none":
        return 1
    if dtype == "grid":
        return prod(len(v) for v in parameters.values())
    if dtype in ("lhs", "prior", "posterior"):
        return samples
    if dtype == "sobol":
        return samples * (2 * d + 2 if second_order else d + 2)
    return samples * (d + 1)  # morris: trajectories × (parameters + 1)


def check_size(path, points: int, replicates: int, arms: int) -> None:
    """Refuse an experiment of more than MAX_RUNS runs (``path``: the file or the flag)."""
    total = points * replicates * arms
    if total > MAX_RUNS:
        raise InputError(path, "replicates" if points * arms <= MAX_RUNS else "design",
                         f"the experiment would have {total:,} runs ({points:,} design "
                         f"points × {replicates:,} replicates × {arms} arms), more than the "
                         f"limit of {MAX_RUNS:,}; use fewer replicates or design points")


def check_range_length(path, where: str, start: float, step: float, end: float) -> int:
    n = int((end - start) / step) + 1
    if n > MAX_RUNS:
        raise InputError(path, where, f"the range [{start:g}, {step:g}, {end:g}] has {n:,} "
                         f"values, more than the limit of {MAX_RUNS:,}")
    return n


def check_dates(path, dates, record, scenarios, field="analysis.dates") -> None:
    """Every analysis date must be a month the runs record: one of ``record`` (month
    indices) or, when every month is recorded, inside every arm's run."""
    for d in dates:
        try:
            m = parse_month(d)
        except (ValueError, TypeError) as exc:
            raise InputError(path, field, str(exc)) from None
        if record is not None and m not in record:
            raise InputError(path, field, f"{d} is not a recorded month (record: "
                             f"{', '.join(month_label(r) for r in record)})")
        for arm, sc in scenarios.items():
            if not sc.world.start_month <= m <= sc.end_month:
                raise InputError(path, field, f"{d} is outside arm {arm!r}'s run "
                                 f"{month_label(sc.world.start_month)}.."
                                 f"{month_label(sc.end_month)}")
