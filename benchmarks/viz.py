"""Cost of the browser visualisation per step: advancing the model one month and rendering
everything the page shows for it (the network on its world map, four time-series panels,
overview, event log), alone, with the no_pact twin, and with a what-if event (the unmodified
run as twin); and the k-seed bands (10 seeds of both variants in the worker process).
Target: well under a second with the default world (budget 0.5 s)."""

from __future__ import annotations

import statistics
import time

from viz import bands, whatif
from viz.figures import LAYERS, PANELS, NetworkPanel
from viz.forms import BAND_METRICS
from viz.logview import log_html, overview_html
from viz.vizmodel import VizModel

TARGET_S = 0.5
SAMPLE_MONTHS = (24, 100, 138, 160, 275)  # render times measured at these steps
BAND_SEEDS = 10
# "China imposes sanctions on Russia in 2026-01", as an analyst adds it on the page
WHATIF = whatif.new_event("sanctions", "2026-01",
                          {"senders": ["CHN"], "target": "RUS", "intensity": 0.5}, set())
RUNS = (("baseline", {}), ("baseline + no_pact twin", {"compare": True}),
        ("baseline + what-if event, unmodified twin", {"whatif": (WHATIF,)}))


def _render_all(model, panels) -> dict[str, float]:
    out = {}
    for name, panel in panels.items():
        t0 = time.perf_counter()
        panel.render(model)
        out[name] = time.perf_counter() - t0
    t0 = time.perf_counter()
    overview_html(model)
    log_html(model)
    out["text"] = time.perf_counter() - t0
    return out


def measure(**kwargs) -> tuple[float, dict[str, float], float]:
    """(median seconds per step incl. model step, median per part, seconds to build panels)."""
    model = VizModel(**kwargs)
    t0 = time.perf_counter()
    panels = {"network": NetworkPanel(model, "trust")} | {k: P(model) for k, P in PANELS.items()}
    build = time.perf_counter() - t0
    totals, parts = [], {}
    while not model.finished:
        t0 = time.perf_counter()
        model.step()
        step = time.perf_counter() - t0
        if model.steps in SAMPLE_MONTHS:
            times = _render_all(model, panels)
            totals.append(step + sum(times.values()))
            for k, v in times.items():
                parts.setdefault(k, []).append(v)
    return (statistics.median(totals), {k: statistics.median(v) for k, v in parts.items()},
            build)


def layers() -> dict[str, float]:
    model = VizModel()
    for _ in range(150):
        model.step()
    out = {}
    for layer in LAYERS:
        panel = NetworkPanel(model, layer)
        t0 = time.perf_counter()
        for _ in range(3):
            panel.render(model)
        out[layer] = (time.perf_counter() - t0) / 3
    return out


def band_seconds() -> float:
    """Wall time of the bands of BAND_SEEDS seeds of both variants of the what-if run, in the
    worker (including its start)."""
    model = VizModel(whatif=(WHATIF,))
    t0 = time.perf_counter()
    bands.collect(bands.submit(model, BAND_SEEDS, BAND_METRICS), BAND_SEEDS, model.seed)
    took = time.perf_counter() - t0
    bands.shutdown()
    return took


def run() -> str:
    rows, worst = [], 0.0
    for label, kwargs in RUNS:
        total, parts, build = measure(**kwargs)
        worst = max(worst, total)
        detail = ", ".join(f"{k} {v * 1e3:.0f}" for k, v in parts.items())
        rows.append(f"| {label} | {total * 1e3:.0f} | {detail} | {build:.2f} |")
    lay = ", ".join(f"{k} {v * 1e3:.0f}" for k, v in layers().items())
    band = band_seconds()
    verdict = "met" if worst <= TARGET_S else "not met"
    return ("## Browser visualisation\n\n"
            "| run | ms per step: model step + all renders (median) | parts, ms | "
            "panels first built, s |\n| --- | --- | --- | --- |\n" + "\n".join(rows) +
            f"\n\nNetwork map (over Natural Earth countries) by edge layer, ms per render: "
            f"{lay}.\n\nBands of {BAND_SEEDS} seeds of both variants of the what-if run "
            f"({2 * BAND_SEEDS} runs to 2035-12 in the worker process, incl. its start): "
            f"{band:.1f} s.\n\n"
            f"Worst median: **{worst * 1e3:.0f} ms per step** (target <= {TARGET_S * 1e3:.0f} "
            f"ms): {verdict}. Measured at steps {', '.join(map(str, SAMPLE_MONTHS))} of the "
            "default world, without the browser (PNG bytes ready to send).")


if __name__ == "__main__":
    print(run())
