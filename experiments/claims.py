"""Claims: what an experiment expects of a paired effect, in the researcher's own words.

An experiment file states its claims as ``[[claims]]`` tables (docs/experiments.md)::

    [[claims]]
    id = "C1"
    text = "China's sanctions lower China's share of Russia's trade"
    metric = "rus_trade_share_chn"        # or metrics = [...]
    sign = -1                             # +1: the effect is an increase, -1: a decrease
    contrast = ["china_sanctions.toml", "baseline"]   # optional [treatment, control]
    dates = ["2027-12"]                   # optional; default: [analysis] dates
    sesoi = 0.01                          # optional; default: the metric's (docs/metrics.md)

or ``claims = "treaty"``: the Russia–DPRK treaty's claims H1–H8 (experiments/hypotheses.toml),
which the shipped treaty experiments use. Without ``claims`` an experiment has none: the
analysis reports effects with no claimed direction and no verdict.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from model.errors import InputError

TREATY = Path(__file__).resolve().parent / "hypotheses.toml"
CLAIM_SETS = {"treaty": TREATY}
CLAIM_KEYS = {"id", "text", "metric", "metrics", "sign", "contrast", "dates", "sesoi",
              "ceasefire"}


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str  # the claim's own text, used in tables and figures
    metrics: tuple[str, ...]
    sign: int
    ceasefire: bool = False  # tested only where the treatment arm has a ceasefire event
    sesoi: float | None = None  # overrides the metrics' smallest effect of interest
    dates: tuple[str, ...] | None = None  # None: the experiment's analysis dates
    contrast: tuple[str, str] | str | None = None  # (treatment, control), or the name of a
    # [[contrasts]] / [[interactions]] entry; None: the analysis pair


def load_claim_file(path: Path = TREATY) -> list[Claim]:
    """The claims of a claim-set file (``[[hypothesis]]`` tables, e.g. H1–H8)."""
    data = tomllib.loads(Path(path).read_text())
    return [Claim(h["id"], h["claim"], tuple(h["metrics"]), int(h["sign"]),
                  bool(h.get("ceasefire", False)), h.get("sesoi"))
            for h in data["hypothesis"]]


def parse_claims(path, value, arms=None, names=None) -> list[Claim]:
    """The claims of an experiment file's ``claims`` value (a claim-set name, a list of
    tables, or None; ``names``: the declared contrasts and interactions); InputError names the
    file and the field (``claims[i].key``)."""
    if value is None:
        return []
    if isinstance(value, str):
        if value not in CLAIM_SETS:
            raise InputError(path, "claims", f"unknown claim set {value!r} (known: "
                             f"{', '.join(CLAIM_SETS)}; or [[claims]] tables)")
        return load_claim_file(CLAIM_SETS[value])
    if not isinstance(value, list) or not all(isinstance(c, dict) for c in value):
        raise InputError(path, "claims", "expected [[claims]] tables or a claim-set name")
    out, seen = [], set()
    for k, c in enumerate(value):
        out.append(_claim(path, f"claims[{k}]", c, arms, names))
        if out[-1].id in seen:
            raise InputError(path, f"claims[{k}].id", f"duplicate claim id {out[-1].id!r}")
        seen.add(out[-1].id)
    return out


def _claim(path, where: str, c: dict, arms, names) -> Claim:
    bad = set(c) - CLAIM_KEYS
    if bad:
        raise InputError(path, f"{where}.{sorted(bad)[0]}", "unknown key (known: "
                         f"{', '.join(sorted(CLAIM_KEYS))})")
    for key in ("id", "text"):
        if not isinstance(c.get(key), str) or not c[key].strip():
            raise InputError(path, f"{where}.{key}", "missing or not a non-empty string")
    metrics = c.get("metrics", [c["metric"]] if "metric" in c else None)
    if ("metric" in c) == ("metrics" in c) or not isinstance(metrics, list) or not metrics \
            or not all(isinstance(m, str) for m in metrics):
        raise InputError(path, f"{where}.metric", "give one metric name (metric = \"...\") "
                         "or a list (metrics = [...])")
    sign = c.get("sign")
    if sign not in (1, -1) or isinstance(sign, bool):
        raise InputError(path, f"{where}.sign", f"expected 1 (an increase) or -1 (a "
                         f"decrease), got {sign!r}")
    contrast = c.get("contrast")
    if isinstance(contrast, str):
        if names is not None and contrast not in names:
            raise InputError(path, f"{where}.contrast", f"{contrast!r} is no [[contrasts]] or "
                             f"[[interactions]] name (declared: {', '.join(names) or 'none'})")
    elif contrast is not None:
        if not (isinstance(contrast, list) and len(contrast) == 2
                and all(isinstance(a, str) for a in contrast)):
            raise InputError(path, f"{where}.contrast", "expected [treatment, control] arms or "
                             "a contrast's name")
        for a in contrast:
            if arms is not None and a not in arms:
                raise InputError(path, f"{where}.contrast", f"{a!r} is not one of the arms")
        contrast = tuple(contrast)
    dates = c.get("dates")
    if dates is not None and (not isinstance(dates, list) or not dates
                              or not all(isinstance(d, str) for d in dates)):
        raise InputError(path, f"{where}.dates", "expected a list of YYYY-MM months")
    sesoi = c.get("sesoi")
    if sesoi is not None and (isinstance(sesoi, bool) or not isinstance(sesoi, int | float)
                              or sesoi < 0):
        raise InputError(path, f"{where}.sesoi", f"expected a number >= 0, got {sesoi!r}")
    ceasefire = c.get("ceasefire", False)
    if not isinstance(ceasefire, bool):
        raise InputError(path, f"{where}.ceasefire", "expected true or false")
    return Claim(c["id"], c["text"].strip(), tuple(metrics), sign, ceasefire,
                 None if sesoi is None else float(sesoi),
                 None if dates is None else tuple(dates), contrast)


def spec_claims(spec: dict, path="experiment.toml") -> list[Claim]:
    """The claims of a parsed experiment file (as stored in a sweep folder)."""
    return parse_claims(path, spec.get("claims"))


def check_claims(path, claims: list[Claim], scenarios: dict, record, pair, defs,
                 declared=()) -> None:
    """Refuse, at load time, claims the sweep could not evaluate: no contrast (neither the
    claim's nor the ``[analysis]`` pair), a metric an arm of its contrast lacks, a date the
    runs do not record."""
    from experiments.contrasts import arms_of
    from experiments.limits import check_dates
    from model.metrics import available

    declared = {name for name, _ in declared}
    for k, c in enumerate(claims):
        where = f"claims[{k}]"
        arms = (arms_of(defs[c.contrast], defs) if isinstance(c.contrast, str)
                else c.contrast or pair)
        if c.contrast is None and not all(pair):
            raise InputError(path, f"{where}.contrast", "no contrast: give contrast = "
                             "[treatment, control] or [analysis] treatment and control")
        for a in arms:
            names = {m.name for m in available(scenarios[a].world)} | set(declared)
            for m in c.metrics:
                if m not in names:
                    raise InputError(path, f"{where}.metric", f"{m!r} is not a metric of arm "
                                     f"{a!r} (docs/metrics.md)")
        if c.dates is not None:
            check_dates(path, c.dates, record, {a: scenarios[a] for a in arms},
                        field=f"{where}.dates")
