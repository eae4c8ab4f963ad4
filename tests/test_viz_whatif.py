"""What-if events, k-seed bands and downloads of the page, without a browser (the browser
test drives the same through Chromium)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from experiments.cli import main
from model.errors import InputError
from model.event_types import REGISTRY
from viz import bands, downloads, whatif
from viz.vizmodel import VizModel, session_class

CHN_ON_RUS = {"senders": ["CHN"], "target": "RUS", "intensity": 0.8}


def _event(month="2026-01", values=CHN_ON_RUS, etype="sanctions", taken=()):
    return whatif.new_event(etype, month, values, set(taken))


def test_the_form_is_the_registry():
    """Every registered type gets a form; each field keeps its declared kind and bounds, and
    its starting value is valid for it."""
    assert whatif.types() == sorted(REGISTRY)
    codes = ("RUS", "CHN")
    for name, et in REGISTRY.items():
        fields = whatif.form_fields(name)
        assert [f.name for f in fields] == list(et.fields)
        for f in fields:
            spec = et.fields[f.name]
            assert (f.kind, f.lo, f.hi) == (spec.kind, spec.lo, spec.hi)
            v = f.initial(codes)
            if f.kind == "number":
                assert spec.lo <= v <= spec.hi
    intensity = {f.name: f for f in whatif.form_fields("sanctions")}["intensity"]
    assert (intensity.lo, intensity.hi, intensity.initial(codes)) == (0, 1, 0.5)


def test_added_events_make_a_scenario_that_loads_and_names_bad_fields():
    a = _event()
    b = _event(taken={a["id"]})
    assert (a["id"], b["id"]) == ("whatif_sanctions_2026_01", "whatif_sanctions_2026_01_2")
    assert whatif.describe(a) == "2026-01 sanctions: senders CHN; target RUS; intensity 0.8"
    sc = whatif.load_whatif("baseline", [a])
    added = [e for e in sc.events if e.id == a["id"]]
    assert sc.name == "baseline_whatif" and len(added) == 1
    assert added[0].fields["senders"] == ("CHN",) and added[0].fields["intensity"] == 0.8
    with pytest.raises(InputError) as err:
        whatif.load_whatif("baseline", [_event(values={**CHN_ON_RUS, "intensity": 1.5})])
    assert err.value.field == "event 'whatif_sanctions_2026_01'.intensity"
    with pytest.raises(ValueError, match="expected YYYY-MM"):
        _event(month="Jan 2026")


def test_saved_scenario_runs_from_the_cli(tmp_path):
    """The file the page saves is a scenario `alliancesim run --scenario` accepts, and the
    run applies the added events."""
    path = tmp_path / "mine.toml"
    path.write_text(whatif.scenario_toml("baseline", [
        _event(),
        _event("2025-03", {"supplier": "KOR", "recipient": "UKR", "volume": 2.0},
               "arms_transfer"),
        _event("2025-06", {"a": "RUS", "b": "UKR"}, "ceasefire")]))
    out = tmp_path / "run"
    assert main(["run", "--scenario", str(path), "--end", "2026-02", "--out", str(out),
                 "--no-relations"]) == 0
    ev = pd.read_parquet(out / "events.parquet")
    assert {"whatif_sanctions_2026_01", "whatif_arms_transfer_2025_03",
            "whatif_ceasefire_2025_06"} <= set(ev["id"])


@pytest.fixture(scope="module")
def pair():
    """Baseline + China sanctions Russia in 2026-01, with the unmodified baseline as twin."""
    m = VizModel(whatif=(_event(),))
    while m.date_label != "2026-03":
        m.step()
    return m


def test_whatif_run_has_the_unmodified_scenario_as_twin_and_diverges_at_the_date(pair):
    assert pair.scenario_def.name == "baseline_whatif"
    assert pair.twin.scenario_def.name == "baseline" and pair.twin.seed == pair.seed
    first, _, gap = whatif.divergence(pair)
    assert first == "2026-01" and gap > 0.01
    a, b = pair.timeseries(), pair.twin.timeseries()
    before = a["date"] < "2026-01-01"
    pd.testing.assert_frame_equal(a[before], b[before])
    chn = pair.world.index("CHN"), pair.world.index("RUS")
    assert pair.state.sanctions[chn] > pair.twin.state.sanctions[chn] + 0.3


def test_session_class_keeps_the_sessions_events_on_reset():
    from types import SimpleNamespace

    box = SimpleNamespace(value=[_event()])
    cls = session_class(box)
    m = cls(scenario_name="baseline", rng="3", compare=False, whatif=())
    assert m.whatif == (box.value[0],) and m.twin.scenario_def.name == "baseline"
    box.value = []
    plain = cls(**m.init_kwargs)
    assert plain.whatif == () and plain.twin is None and plain.seed == 3


def test_events_another_world_lacks_are_set_aside_with_a_note():
    m = VizModel("europe_1872", whatif=(_event("1873-01"),))
    assert m.whatif == () and m.twin is None
    assert m.whatif_note.startswith("what-if events not applied: ")
    assert "unknown actor code 'CHN'" in m.whatif_note


def test_bands_are_quantiles_over_seeds():
    runs = {"a": [{"x": np.array([0.0, 1.0])}, {"x": np.array([1.0, 3.0])},
                  {"x": np.array([2.0, 5.0])}]}
    b = bands.summarise(runs, {"a": 100}, 3, 7)
    assert b.seeds == (7, 8, 9) and b.start_month == {"a": 100}
    np.testing.assert_allclose(b.quantiles["a"]["x"][:, 0], [0.1, 0.5, 1.5, 1.9])
    np.testing.assert_allclose(b.quantiles["a"]["x"][:, 1], [1.2, 2.0, 4.0, 4.8])
    with pytest.raises(ValueError, match="k: expected"):
        bands.submit(VizModel.__new__(VizModel), 0, ())


def test_a_seed_run_in_the_worker_equals_the_page_run(pair):
    """run_one (what the worker runs) gives the page's own series for the same seed."""
    v = bands.variants(pair)
    assert [x.label for x in v] == ["baseline_whatif", "baseline"]
    start, values = bands.run_one(v[0], pair.seed, dict(pair.overrides),
                                  ("rus_trade_share_chn",))
    n = len(pair.timeseries())
    assert start == pair.start_month
    np.testing.assert_array_equal(values["rus_trade_share_chn"][:n],
                                  pair.timeseries()["rus_trade_share_chn"].to_numpy())


def test_downloads_are_the_runs_tables_and_panels(pair):
    files = {name: make(pair, "trust") for name, make, _ in downloads.available(pair)}
    stem = "baseline_whatif-seed1-2026-03"
    assert set(files) == {f"{stem}-{w}.{x}" for w in ("timeseries", "relations")
                          for x in ("csv", "parquet")} | {
        f"{stem}-{k}.png" for k in ("network", "china_share", "threat", "firms", "trust")}
    ts = pd.read_csv(io.BytesIO(files[f"{stem}-timeseries.csv"]))
    assert len(ts) == pair.steps and ts["rus_trade_share_chn"].iloc[-1] == pytest.approx(
        pair.timeseries()["rus_trade_share_chn"].iloc[-1])
    rel = pd.read_parquet(io.BytesIO(files[f"{stem}-relations.parquet"]))
    n = pair.world.n
    assert len(rel) == pair.steps * n * (n - 1)
    assert all(files[f"{stem}-{k}.png"].startswith(b"\x89PNG") for k in ("network", "trust"))


def test_a_large_world_offers_no_relations():
    m = VizModel("icio_baseline")
    names = [name for name, _, _ in downloads.available(m)]
    assert not m.record_relations and m.world.n > 40
    assert len(names) == 7 and not any("relations" in n for n in names)


def test_series_panels_draw_both_variants_bands(pair):
    """With bands, a panel has two filled bands (50%, 90%) per series for the run and two
    dotted 90% outlines per series for the twin, at the bands' values."""
    from matplotlib.collections import PolyCollection

    from viz.figures import TrustPanel

    metrics = [s.metric for g in TrustPanel.groups for s in g[3]]
    months = pair.n_months
    runs = {label: [{m: np.full(months, v + d) for m in metrics} for d in (0.0, 0.1, 0.2)]
            for label, v in (("baseline_whatif", 0.3), ("baseline", -0.4))}
    pair.bands = bands.summarise(runs, {k: pair.start_month for k in runs}, 3, pair.seed)
    try:
        panel = TrustPanel(pair)
        ax = panel.fig.axes[0]
        fills = [c for c in ax.collections if isinstance(c, PolyCollection)]
        dotted = [ln for ln in ax.lines if ln.get_linestyle() == ":"]
        assert len(fills) == 2 * len(metrics) and len(dotted) == 2 * len(metrics)
        assert sorted({round(float(ln.get_ydata()[0]), 6) for ln in dotted}) == [-0.39, -0.21]
        ys = fills[0].get_paths()[0].vertices[:, 1]
        assert ys.min() == pytest.approx(0.31) and ys.max() == pytest.approx(0.49)
    finally:
        del pair.bands


def test_the_bands_worker_dies_with_a_killed_server():
    """The bands worker is a spawned process; if the page's server is killed outright (no exit
    handler runs) the worker must not outlive it (it once did, with its resource tracker)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    code = ("import os, sys\nfrom viz import bands\n"
            "print(bands._executor().submit(os.getpid).result(), flush=True)\nsys.stdin.read()\n")
    with subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True) as server:
        worker = int(server.stdout.readline())
        os.kill(worker, 0)  # alive while the server is
        server.kill()  # SIGKILL: no exit handler runs
        server.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(worker, signal.SIGKILL)
    raise AssertionError("the bands worker outlived the killed server")
