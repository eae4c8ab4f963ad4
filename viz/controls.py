"""The page's controls, derived from the single parameter declarations.

Scenario choices come from :func:`model.scenario.shipped_scenarios`; the sliders from
:data:`model.params.PARAMS` (declared default and bounds) for the names in :data:`KEY_PARAMS`.
"""

from __future__ import annotations

import math

from model.params import PARAMS
from model.scenario import shipped_scenarios

DEFAULT_SCENARIO = "baseline"
DEFAULT_SEED = 1  # as `alliancesim run`
# The key uncertain parameters offered as sliders (everything else keeps its declared value).
KEY_PARAMS = (
    "tech_transfer_size",
    "deflection_share",
    "threat_gain",
    "trust_norm_shock",
    "sanction_threat_weight",
    "firm_tolerance_mean",
    "arm_victim_threshold",
    "pressure_threat_weight",
)
COMPARE_LABEL = "Compare with no_pact (same seed)"
MAX_POSITIONS = 100_000  # finest slider grid (calibrated defaults carry four decimals)


def scenario_names() -> list[str]:
    return list(shipped_scenarios())


def counterpart(name: str) -> str | None:
    """The paired arm of a scenario for the side-by-side comparison: ``baseline`` ↔ ``no_pact``,
    ``X`` ↔ ``X_no_pact`` where that is shipped; None when a scenario has no paired arm (e.g.
    another world, whose actors a default-world twin would not share)."""
    shipped = shipped_scenarios()
    if name == "no_pact":
        return DEFAULT_SCENARIO
    if name == DEFAULT_SCENARIO:
        return "no_pact"
    if name.endswith("_no_pact") and name.removesuffix("_no_pact") in shipped:
        return name.removesuffix("_no_pact")
    if f"{name}_no_pact" in shipped:
        return f"{name}_no_pact"
    return None


def slider_step(lo: float, hi: float, default: float) -> float:
    """A power-of-ten step giving at least 100 positions over [lo, hi], made finer (up to
    MAX_POSITIONS) until the declared — possibly calibrated — default lies on the grid."""
    step = 10.0 ** math.floor(math.log10((hi - lo) / 100.0))
    while True:
        k = (default - lo) / step
        if abs(k - round(k)) < 1e-6 or (hi - lo) / (step / 10.0) > MAX_POSITIONS:
            return step
        step /= 10.0


def clamp(name: str, value) -> float:
    """A slider value made valid for the declared bounds (float steps can overshoot)."""
    p = PARAMS[name]
    v = min(max(float(value), p.lo), p.hi)
    return float(round(v)) if p.integer else round(v, 12)


def model_params() -> dict:
    """SolaraViz ``model_params``: scenario select, seed, comparison checkbox, sliders."""
    params: dict = {
        "scenario_name": {"type": "Select", "value": DEFAULT_SCENARIO,
                          "values": scenario_names(), "label": "Scenario"},
        "rng": {"type": "InputText", "value": str(DEFAULT_SEED), "label": "Seed"},
        "compare": {"type": "Checkbox", "value": False, "label": COMPARE_LABEL},
    }
    for name in KEY_PARAMS:
        p = PARAMS[name]
        label = name if p.unit in ("1", "") else f"{name} ({p.unit})"
        if p.integer:
            params[name] = {"type": "SliderInt", "value": int(p.default), "min": int(p.lo),
                            "max": int(p.hi), "step": 1, "label": label}
        else:
            params[name] = {"type": "SliderFloat", "value": p.default, "min": p.lo,
                            "max": p.hi, "step": slider_step(p.lo, p.hi, p.default),
                            "label": label}
    return params


def parse_seed(value) -> tuple[int, str]:
    """A seed from the text box: (seed, note). Bad input falls back to the default seed."""
    text = str(value).strip()
    if text.isdigit():
        return int(text), ""
    return DEFAULT_SEED, f"seed {text!r} is not a non-negative integer; using {DEFAULT_SEED}"
