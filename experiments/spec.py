"""Experiment definitions (TOML): arms, design, replicates, seeds, recording.

An experiment file (see ``experiments/*.toml``)::

    name = "pact_effect"
    description = "..."
    arms = ["baseline", "no_pact"]       # scenarios compared; runs are paired across arms
    replicates = 100
    root_seed = 20240619
    end = "2035-12"                      # optional: overrides the scenarios' end
    record = "monthly"                   # or a list of months: ["2026-12", "2030-12"]
    metrics = []                         # optional subset; default: every available metric
    [design]
    type = "none"                        # none | grid | lhs | sobol | morris
    samples = 64                         # lhs/sobol base N/morris trajectories
    [design.parameters]
    threat_gain = [2.0, 4.0, 8.0]        # grid: a list of values ...
    deflection_share = [0.3, 0.1, 0.9]   # ... or [start, step, end] with `ranges = [...]`
    tech_transfer_size = {lo = 0.0, hi = 0.3}   # lhs/sobol/morris: bounds
    [analysis]
    treatment = "baseline"               # paired effect = treatment - control
    control = "no_pact"
    dates = ["2026-12", "2030-12"]
    [[claims]]                           # or claims = "treaty" (H1–H8); experiments/claims.py
    id = "C1"
    text = "The pact raises South Korea's threat from the DPRK"
    metric = "threat_kor_from_prk"
    sign = 1

Every key: docs/experiments.md.

Every parameter name and bound is checked against ``model.params.PARAMS``.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from experiments.claims import check_claims, parse_claims
from experiments.contrasts import parse_contrasts
from experiments.limits import check_dates, check_size, n_points
from experiments.spec_metrics import declared_metrics
from experiments.spec_params import drawn_parameters
from experiments.spec_params import parameters as _parameters
from experiments.uncertain import check, is_uncertain
from model.calendar import month_label, parse_month
from model.errors import InputError, read_user_text
from model.scenario import load_scenario

EXPERIMENTS_DIR = Path(__file__).resolve().parent
DESIGNS = ("none", "grid", "lhs", "sobol", "morris", "prior", "posterior")
KEYS = {"name", "description", "arms", "replicates", "root_seed", "end", "record", "metrics",
        "design", "analysis", "claims", "contrasts", "interactions", "declared_metrics"}
ANALYSIS_KEYS = {"treatment", "control", "dates"}
DESIGN_KEYS = {"type", "samples", "parameters", "ranges", "levels", "second_order",
               "posterior", "priors"}


@dataclass(frozen=True)
class Experiment:
    name: str
    description: str
    path: Path
    text: str
    arms: tuple[str, ...]
    replicates: int
    root_seed: int
    end: str | None
    record: tuple[int, ...] | None  # month indices, or None = every month
    metrics: tuple[str, ...]
    design_type: str
    samples: int
    parameters: dict[str, object]
    levels: int = 4
    second_order: bool = False
    treatment: str | None = None
    control: str | None = None
    dates: tuple[str, ...] = ("2026-12", "2030-12")
    declared: tuple[tuple[str, str], ...] = ()  # [declared_metrics]: (name, expression)
    draws_from: str | None = None  # prior/posterior designs: the priors file or posterior dir
    scenarios: dict = field(default_factory=dict, repr=False)

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


def resolve(name_or_path: str | Path) -> Path:
    p = Path(name_or_path)
    if p.is_dir():
        raise InputError(name_or_path, "experiment", "is a folder; expected an experiment "
                         ".toml file")
    if p.suffix == ".toml" and p.exists():
        return p.resolve()
    shipped = EXPERIMENTS_DIR / f"{name_or_path}.toml"
    if shipped.exists():
        return shipped
    raise InputError(name_or_path, "experiment", "no such experiment file or shipped name "
                     f"(shipped: {', '.join(sorted(shipped_experiments()))})")


def shipped_experiments() -> dict[str, Path]:
    return {p.stem: p for p in sorted(EXPERIMENTS_DIR.glob("*.toml")) if p.stem != "hypotheses"}


def load_experiment(name_or_path, *, replicates: int | None = None) -> Experiment:
    path = resolve(name_or_path)
    text = read_user_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, "toml", str(exc)) from None
    unknown = set(data) - KEYS
    if unknown:
        raise InputError(path, sorted(unknown)[0], "unknown key")
    arms = data.get("arms")
    if not isinstance(arms, list) or not arms or not all(isinstance(a, str) for a in arms):
        raise InputError(path, "arms", "expected a non-empty list of scenario names or paths")
    if len(set(arms)) != len(arms):
        raise InputError(path, "arms", "duplicate arm")
    end = data.get("end")
    if end is not None:
        try:
            parse_month(end)
        except (ValueError, TypeError) as exc:
            raise InputError(path, "end", str(exc)) from None
    scenarios = {}
    for a in arms:
        ref = path.parent / a if (path.parent / a).suffix == ".toml" else a
        try:
            scenarios[a] = load_scenario(ref, end=end)
        except InputError as exc:
            if exc.field == "scenario":  # unknown name, missing file or a folder
                raise InputError(path, "arms", f"{a!r}: {exc.message}") from None
            if exc.file == "--end":  # the experiment's `end`, not a flag
                raise InputError(path, "end", exc.message) from None
            raise  # an error inside the arm's scenario file names that file
    reps = replicates if replicates is not None else data.get("replicates", 1)
    if not isinstance(reps, int) or isinstance(reps, bool) or reps < 1:
        raise InputError("--replicates" if replicates is not None else path, "replicates",
                         "expected a positive integer")
    root = data.get("root_seed", 0)
    if not isinstance(root, int) or isinstance(root, bool) or root < 0:
        raise InputError(path, "root_seed", "expected a non-negative integer")
    record = _record(path, data.get("record", "monthly"), scenarios)
    metrics = data.get("metrics", [])
    if not isinstance(metrics, list) or not all(isinstance(m, str) for m in metrics):
        raise InputError(path, "metrics", "expected a list of metric names")
    from model.metrics import available

    for a, sc in scenarios.items():
        names = {m.name for m in available(sc.world)}
        for m in metrics:
            if m not in names:
                raise InputError(path, "metrics", f"metric {m!r} not available in arm {a!r}")
    declared = declared_metrics(path, data, scenarios)
    design = data.get("design", {"type": "none"})
    if not isinstance(design, dict):
        raise InputError(path, "design", "expected a table")
    bad = set(design) - DESIGN_KEYS
    if bad:
        raise InputError(path, f"design.{sorted(bad)[0]}", "unknown key")
    dtype = design.get("type", "none")
    if dtype not in DESIGNS:
        raise InputError(path, "design.type",
                         f"unknown design type {dtype!r} (known: {', '.join(DESIGNS)})")
    if dtype in ("prior", "posterior"):
        params, source = drawn_parameters(path, dtype, design)
    else:
        params, source = _parameters(path, dtype, design.get("parameters", {}),
                                     design.get("ranges", [])), None
    for name in params:
        if is_uncertain(name):
            check(path, f"design.parameters.{name}", name, [sc.world for sc in
                                                            scenarios.values()])
    samples = design.get("samples", 0 if dtype in ("none", "grid") else 16)
    if not isinstance(samples, int) or samples < 0 or (dtype not in ("none", "grid")
                                                        and samples < 1):
        raise InputError(path, "design.samples", "expected a positive integer")
    if dtype == "sobol" and samples & (samples - 1):
        raise InputError(path, "design.samples", "Sobol needs a power of 2")
    levels, second = design.get("levels", 4), design.get("second_order", False)
    if not isinstance(levels, int) or isinstance(levels, bool) or not 2 <= levels <= 1000:
        raise InputError(path, "design.levels", f"expected an integer in [2, 1000] (Morris "
                         f"grid levels), got {levels!r}")
    if not isinstance(second, bool):
        raise InputError(path, "design.second_order", f"expected true or false, got "
                         f"{second!r}")
    check_size("--replicates" if replicates is not None else path,
               n_points(dtype, params, samples, second), reps, len(arms))
    analysis = data.get("analysis", {})
    if not isinstance(analysis, dict):
        raise InputError(path, "analysis", "expected a table (keys: treatment, control, dates)")
    if set(analysis) - ANALYSIS_KEYS:
        bad = sorted(set(analysis) - ANALYSIS_KEYS)[0]
        hint = (f"; `{bad}` is a top-level key: write it before [analysis]" if bad in KEYS
                else "")
        raise InputError(path, f"analysis.{bad}",
                         f"unknown key (known: control, dates, treatment){hint}")
    treat, ctrl = analysis.get("treatment"), analysis.get("control")
    for key, arm in (("treatment", treat), ("control", ctrl)):
        if arm is not None and arm not in arms:
            raise InputError(path, f"analysis.{key}", f"{arm!r} is not one of the arms")
    dates = analysis.get("dates", ["2026-12", "2030-12"])
    if not isinstance(dates, list):
        raise InputError(path, "analysis.dates", "expected a list of YYYY-MM months")
    dates = tuple(dates)
    for d in dates:
        try:
            parse_month(d)
        except (ValueError, TypeError) as exc:
            raise InputError(path, "analysis.dates", str(exc)) from None
    if analysis:  # analyze will read these dates (its defaults too): refuse them now
        check_dates(path, dates, record, scenarios)
    defs = parse_contrasts(path, data, arms)
    claims = parse_claims(path, data.get("claims"), arms, defs)
    check_claims(path, claims, scenarios, record, (treat, ctrl), defs, declared)
    return Experiment(
        name=str(data.get("name", path.stem)), description=str(data.get("description", "")),
        path=path, text=text, arms=tuple(arms), replicates=reps, root_seed=root, end=end,
        record=record, metrics=tuple(metrics), design_type=dtype, samples=samples,
        parameters=params, levels=levels, second_order=second, treatment=treat, control=ctrl,
        dates=dates, declared=declared, scenarios=scenarios, draws_from=source)


def _record(path, rec, scenarios):
    if rec == "monthly":
        return None
    if not isinstance(rec, list) or not rec:
        raise InputError(path, "record", "expected \"monthly\" or a list of YYYY-MM months")
    months = []
    for r in rec:
        try:
            months.append(parse_month(r))
        except (ValueError, TypeError) as exc:
            raise InputError(path, "record", str(exc)) from None
    for sc in scenarios.values():
        for mth in months:
            if not sc.world.start_month <= mth <= sc.end_month:
                raise InputError(path, "record", f"{month_label(mth)} outside the run "
                                 f"{month_label(sc.world.start_month)}.."
                                 f"{month_label(sc.end_month)}")
    return tuple(sorted(set(months)))
