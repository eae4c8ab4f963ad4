"""The ``[design.parameters]`` table of an experiment file: names and bounds checked against
``model.params.PARAMS``; grid values as lists or ``[start, step, end]`` ranges."""

from __future__ import annotations

from experiments.limits import check_range_length
from experiments.uncertain import is_uncertain
from model.errors import InputError
from model.params import PARAMS, Param

#: The declared range of a norm commitment (``commitment.<norm>.<actor>``).
COMMITMENT = Param("commitment", 0.5, 0.0, 1.0, "share", "norm commitment", "norms.csv")


def parameters(path, dtype, params, ranges) -> dict[str, object]:
    if not isinstance(params, dict):
        raise InputError(path, "design.parameters", "expected a table")
    if dtype == "none" and params:
        raise InputError(path, "design.parameters", "design type 'none' takes no parameters")
    if not isinstance(ranges, list) or not all(r in params for r in ranges):
        raise InputError(path, "design.ranges", "expected names of listed parameters")
    out: dict[str, object] = {}
    for name, spec in params.items():
        where = f"design.parameters.{name}"
        if is_uncertain(name):  # a world estimate: checked against the arms' worlds later
            p = COMMITMENT
        elif name not in PARAMS:
            raise InputError(path, where, "unknown parameter (see `alliancesim params`)")
        else:
            p = PARAMS[name]
        if dtype == "grid":
            values = _grid_values(path, where, spec, name in ranges)
            for v in values:
                if not p.lo <= v <= p.hi:
                    raise InputError(path, where, f"value {v:g} outside declared bounds "
                                     f"[{p.lo:g}, {p.hi:g}]")
            out[name] = values
        else:
            if isinstance(spec, dict):
                if set(spec) - {"lo", "hi"}:
                    raise InputError(path, where, "expected {lo = ..., hi = ...}")
                lo, hi = spec.get("lo", p.lo), spec.get("hi", p.hi)
            elif isinstance(spec, list) and len(spec) == 2:
                lo, hi = spec
            else:
                raise InputError(path, where, "expected {lo = ..., hi = ...} or [lo, hi]")
            if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lo, hi)):
                raise InputError(path, where, "bounds must be numbers")
            if not p.lo <= lo < hi <= p.hi:
                raise InputError(path, where, f"bounds [{lo:g}, {hi:g}] outside declared "
                                 f"bounds [{p.lo:g}, {p.hi:g}] or empty")
            out[name] = (float(lo), float(hi))
    if dtype in ("lhs", "sobol", "morris") and not out:
        raise InputError(path, "design.parameters", f"design {dtype!r} needs parameters")
    return out


def _grid_values(path, where, spec, is_range) -> tuple[float, ...]:
    if not isinstance(spec, list) or not spec or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in spec):
        raise InputError(path, where, "expected a list of numbers")
    if not is_range:
        return tuple(float(v) for v in spec)
    if len(spec) != 3 or spec[1] <= 0 or spec[2] < spec[0]:
        raise InputError(path, where, "a range is [start, step, end] with step > 0")
    start, step, end = (float(v) for v in spec)
    check_range_length(path, where, start, step, end)
    n = round((end - start) / step) + 1
    return tuple(round(start + k * step, 12) for k in range(n) if start + k * step
                 <= end + 1e-9)


def drawn_parameters(path, dtype, design) -> tuple[dict[str, tuple[float, float]], str]:
    """The quantities of a ``prior`` design (``design.priors``: a priors file, default
    model/data/calibration/priors.toml) or a ``posterior`` design (``design.posterior``: a
    posterior directory, relative to the experiment file): name → (lo, hi), and the source."""
    from pathlib import Path

    from experiments.calibration.posterior import load_posterior
    from experiments.calibration.priors import PRIORS, load_priors

    if design.get("parameters"):
        raise InputError(path, "design.parameters", f"a {dtype} design draws its parameters "
                         f"from the {'priors' if dtype == 'prior' else 'posterior'}; list none")
    other = "posterior" if dtype == "prior" else "priors"
    if other in design:
        raise InputError(path, f"design.{other}", f"not a key of a {dtype} design")
    ref = design.get("priors" if dtype == "prior" else "posterior")
    if ref is not None and not isinstance(ref, str):
        raise InputError(path, f"design.{dtype}", "expected a path")
    if dtype == "prior":
        src = Path(path).parent / ref if ref else PRIORS
        priors = load_priors(src)
        return {p.name: (p.lo, p.hi) for p in priors}, str(src)
    if ref is None:
        raise InputError(path, "design.posterior", "a posterior design needs the posterior "
                         "directory (`alliancesim calibrate --method abc --out DIR`)")
    src = Path(ref) if Path(ref).is_absolute() else Path(path).parent / ref
    post = load_posterior(src)
    return {n: (float(post.particles[n].min()), float(post.particles[n].max()))
            for n in post.names}, str(src)
