"""The browser visualisation without a browser: controls from the declarations, the model as
SolaraViz drives it, the figures and texts of one step, the offline asset list, the command."""

from __future__ import annotations

import argparse
import ast
import io
import re
import socket
from pathlib import Path

import numpy as np
import PIL.Image
import pytest
from matplotlib.collections import PolyCollection

from model.params import PARAMS
from model.scenario import shipped_scenarios
from viz import assets, controls, figures, logview
from viz.vizmodel import VizModel

ROOT = Path(__file__).resolve().parent.parent
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def stepped():
    """A baseline model with its no_pact twin, run to July 2024 (after the treaty)."""
    m = VizModel(compare=True)
    while m.date_label != "2024-07":
        m.step()
    return m


# ---------------------------------------------------------------------- controls
def test_controls_come_from_the_declarations():
    mp = controls.model_params()
    assert mp["scenario_name"]["values"] == list(shipped_scenarios())
    assert mp["scenario_name"]["value"] == "baseline"
    assert mp["rng"]["type"] == "InputText" and mp["compare"]["type"] == "Checkbox"
    sliders = {k: v for k, v in mp.items() if v["type"].startswith("Slider")}
    assert list(sliders) == list(controls.KEY_PARAMS)
    for name, s in sliders.items():
        p = PARAMS[name]
        assert (s["min"], s["max"], s["value"]) == (p.lo, p.hi, p.default)
        assert s["label"].startswith(name)
        positions = (p.hi - p.lo) / s["step"]
        assert 100 <= positions <= controls.MAX_POSITIONS
        k = (p.default - p.lo) / s["step"]
        assert abs(k - round(k)) < 1e-6  # the default is on the slider's grid


def test_counterpart_pairs_each_shipped_scenario():
    assert controls.counterpart("baseline") == "no_pact"
    assert controls.counterpart("no_pact") == "baseline"
    assert controls.counterpart("ceasefire_2026") == "ceasefire_2026_no_pact"
    assert controls.counterpart("ceasefire_2026_no_pact") == "ceasefire_2026"
    assert controls.counterpart("something_else") is None
    assert controls.counterpart("europe_1872") is None  # another world: no twin
    for name in shipped_scenarios():
        assert controls.counterpart(name) in (*shipped_scenarios(), None)


def test_slider_values_are_made_valid():
    assert controls.clamp("tech_transfer_size", 0.30000000000000004) == 0.3
    assert controls.clamp("tech_transfer_size", -1e-17) == 0.0
    assert controls.parse_seed(" 42 ") == (42, "")
    seed, note = controls.parse_seed("abc")
    assert seed == controls.DEFAULT_SEED and "abc" in note


# ---------------------------------------------------------------------- the model
def test_vizmodel_as_reset_creates_it():
    """SolaraViz's Reset calls type(model)(**controls, scenario=<Mesa Scenario>)."""
    from mesa.experimental.scenarios import Scenario

    kwargs = {k: v["value"] for k, v in controls.model_params().items()}
    kwargs.update(scenario_name="no_pact", rng="7", tech_transfer_size=0.1)
    m = VizModel(**kwargs, scenario=Scenario())
    assert m.scenario_def.name == "no_pact" and m.seed == 7 and m.twin is None
    assert m.params.tech_transfer_size == 0.1
    assert m.steps == 1 and m.date_label == "2013-01"  # opens after the first month
    m.step()
    assert m.date_label == "2013-02"


def test_twin_runs_in_lock_step_with_the_same_seed(stepped):
    twin = stepped.twin
    assert twin.scenario_def.name == "no_pact" and twin.seed == stepped.seed
    assert twin.steps == stepped.steps
    a, b = stepped.timeseries(), twin.timeseries()
    before = a["date"] < "2024-06-01"  # the scenarios differ only from the treaty on
    assert a[before].drop(columns="seed").equals(b[before].drop(columns="seed"))


def test_running_stops_at_the_end():
    m = VizModel()
    while m.running:
        m.step()
    assert m.finished and m.date_label == "2035-12"


# ---------------------------------------------------------------------- figures
def test_network_panel_draws_every_layer(stepped):
    w = stepped.world
    xs, ys = figures.node_positions(w)
    assert np.isfinite(xs).all() and np.isfinite(ys).all()
    for layer in figures.LAYERS:
        panel = figures.NetworkPanel(stepped, layer)
        data = panel.render(stepped)
        assert data.startswith(PNG_SIGNATURE)
        assert len(panel.nodes.get_offsets()) == int((~w.passive).sum())
        e = figures.edges(stepped, layer)
        assert e.pairs, layer
        assert all(not w.passive[i] and not w.passive[j] for i, j in e.pairs)
        assert panel.edge_artists and "July 2024" in panel.title.get_text()
        assert len(panel.fig.axes) == 3  # the map and two colour bars
        panel.close()


def test_trust_edges_are_signed_and_sized_by_trade(stepped):
    e = figures.edges(stepped, "trust")
    assert e.norm.vmin == -1 and e.norm.vmax == 1 and e.cmap == "RdBu"
    assert (e.values < 0).any() and (e.values > 0).any()
    assert (e.widths > 0).all()
    rus, chn = stepped.world.index("RUS"), stepped.world.index("CHN")
    assert (min(rus, chn), max(rus, chn)) in {(min(p), max(p)) for p in e.pairs}


@pytest.mark.parametrize("key", sorted(figures.PANELS))
def test_series_panels_plot_this_run_and_the_twin(stepped, key):
    panel = figures.PANELS[key](stepped)
    data = panel.render(stepped)
    assert data.startswith(PNG_SIGNATURE)
    assert panel.lines
    for metric, line, dot, dashed in panel.lines:
        x, y = line.get_data()
        assert len(x) == stepped.steps and np.allclose(y, stepped.timeseries()[metric])
        assert dashed is not None and len(dashed.get_data()[0]) == stepped.twin.steps
        assert len(dot.get_data()[0]) == 1
    for ax in panel.fig.axes:
        assert ax.get_xlabel() == "year" and ax.get_ylabel() and ax.get_title()
    texts = [t.get_text() for leg in panel.fig.legends for t in leg.get_texts()]
    assert "baseline" in texts and "no_pact (dashed)" in texts
    assert panel.render(stepped) == data  # same month → the same picture
    panel.close()


def test_a_step_changes_the_pictures():
    m = VizModel()
    network, threat = figures.NetworkPanel(m), figures.ThreatPanel(m)
    a, b = network.render(m), threat.render(m)
    m.step()
    assert network.render(m) != a and threat.render(m) != b


def test_panels_are_reused_for_a_model_with_the_same_key():
    a, b = VizModel(), VizModel(rng="2", tech_transfer_size=0.2)
    assert figures.Panel.key(a) == figures.Panel.key(b)
    assert figures.Panel.key(a) != figures.Panel.key(VizModel(compare=True))
    for _ in range(30):
        b.step()
    for cls in (figures.NetworkPanel, figures.FirmsPanel):
        assert cls(a).render(b) == cls(b).render(b)


def test_month_names():
    assert figures.month_name("2024-06") == "June 2024"
    assert logview.short_month("2013-01") == "Jan 2013"


# ---------------------------------------------------------------------- texts
def test_overview_shows_date_scenario_and_next_events(stepped):
    text = logview.overview_html(stepped)
    assert '<div class="as-date">July 2024</div>' in text
    assert '<span class="as-scenario">baseline</span>' in text
    assert "compared with</b> no_pact" in text
    nxt = logview.next_events(stepped)
    assert nxt and all(m > "2024-07" for m, _, _ in nxt)
    assert all(t in text for _, t, _ in nxt)


def test_log_lists_events_and_decisions_newest_first(stepped):
    rows = logview.log_rows(stepped, limit=10_000)
    months = [r.month for r in rows]
    assert months == sorted(months, reverse=True)
    texts = [r.text for r in rows if r.kind == "event"]
    assert "treaty signed (defence_pact: RUS–PRK)" in texts
    assert any(r.kind == "decision" and "sanctions RUS" in r.text for r in rows)
    assert any(r.kind == "firms" and "in RUS" in r.text for r in rows)
    assert logview.log_html(stepped).count("<tr") == logview.N_LOG


def test_html_is_escaped():
    class Ev:
        id, type, fields, source = "a<b", "summit", {"a": "X", "b": "Y"}, ""

    assert logview.describe_event(Ev) == "a<b (summit: X–Y)"
    assert "<b>" not in logview._e("<b>")


# ---------------------------------------------------------------------- offline assets
def test_asset_cache_dir_is_solaras():
    import solara.server.settings as settings

    assert assets.cache_dir() == Path(settings.assets.proxy_cache_dir)


def test_asset_specs_are_exactly_what_solara_requests():
    import solara

    assert solara.__version__ == assets.SOLARA_VERSION
    base = Path(solara.__file__).parent
    found = set()
    pattern = re.compile(r"(?:\{\{cdn\}\}|getCdn\(\)\}|\{\{ ?cdn ?\}\})/((?:@[\w.-]+/)?[\w.-]+"
                         r"@[\w.^~-]+)/")
    for f in [*base.glob("server/templates/*"), *base.rglob("*.vue"), *base.rglob("*.py")]:
        if "website" in f.parts or not f.is_file():
            continue
        found |= set(pattern.findall(f.read_text(errors="replace")))
    import solara.server.settings as settings

    found.add(settings.assets.fontawesome_path.strip("/").split("/")[0])
    assert found == set(assets.SPECS) | set(assets.NOT_NEEDED)


def test_assets_without_npm_fail_clearly(tmp_path, monkeypatch):
    monkeypatch.setattr(assets.shutil, "which", lambda name: None)
    with pytest.raises(assets.AssetError, match="npm not found"):
        assets.ensure(tmp_path / "cache")
    assert assets.main(["--check"]) in (0, 1)


def test_solara_navigator_fix_is_the_one_word_change():
    from solara.widgets import widgets

    from viz import solara_fix

    original = Path(widgets.__file__).parent / "vue" / "navigator.vue"
    fixed = solara_fix.FIXED_TEMPLATE.read_text(encoding="utf-8")
    assert fixed == original.read_text(encoding="utf-8").replace(
        "modules.export =", "module.exports =", 1)
    assert "module.exports =" in fixed


# ---------------------------------------------------------------------- the page and command
def test_app_defines_the_page():
    from reacton.core import Component

    from viz import app, panels

    assert isinstance(app.Page, Component)
    assert all(isinstance(c, Component) for c in panels.COMPONENTS)
    source = "".join(f.read_text(encoding="utf-8") for f in (ROOT / "viz").glob("*.py"))
    assert "Markdown(" not in source  # its maths/diagram assets are not cached


def test_cli_parser_defaults_to_loopback():
    from viz import cli

    class Parser(argparse.ArgumentParser):
        def error(self, message):
            raise SystemExit(message)

    p = Parser(prog="alliancesim")
    cli.add_parser(p.add_subparsers(dest="command", parser_class=Parser))
    args = p.parse_args(["viz"])
    assert (args.host, args.port) == ("127.0.0.1", 8765)
    assert p.parse_args(["viz", "--port", "9000"]).port == 9000
    with pytest.raises(SystemExit, match="--port"):
        p.parse_args(["viz", "--port", "70000"])


def test_serve_refuses_a_busy_port(capsys):
    from viz.serve import serve

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        assert serve("127.0.0.1", s.getsockname()[1]) == 2
    assert "cannot listen" in capsys.readouterr().err


def test_the_model_never_imports_viz_solara_or_matplotlib():
    banned = {"viz", "solara", "matplotlib", "mesa.visualization"}
    for folder in ("model", "agents"):
        for f in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                for n in names:
                    assert not any(n == b or n.startswith(b + ".") for b in banned), (f, n)


def test_basemap_is_natural_earth_in_miller():
    """The committed map: Natural Earth 110m rings, Miller projection (y(0) = 0, y(±φ) odd,
    y(60°) = 5/4 · ln tan(45° + 24°) in degrees ≈ 68.57), Korea's outline around Seoul."""
    from viz import basemap

    assert basemap.miller_y(0.0) == pytest.approx(0.0, abs=1e-9)
    assert basemap.miller_y(60.0) == pytest.approx(68.57, abs=0.01)
    assert basemap.miller_y(-30.0) == pytest.approx(-basemap.miller_y(30.0))
    rings = basemap.rings()
    assert 200 < len(rings) < 400 and sum(len(r) for r in rings) < 20_000
    seoul = basemap.project(127.0, 37.6)
    near = basemap.visible((seoul[0] - 1, seoul[0] + 1, seoul[1] - 1, seoul[1] + 1))
    assert near and len(near) < 5


def test_network_panel_draws_the_map_once(stepped):
    """Countries are in the static background (the first picture already has land colour),
    not redrawn per month: the land collection is not animated."""
    from viz.basemap import LAND

    panel = figures.NetworkPanel(stepped, "trust")
    land = [c for c in panel.ax.collections
            if isinstance(c, PolyCollection) and not c.get_animated()]
    assert len(land) == 1 and len(land[0].get_paths()) > 50
    img = np.asarray(PIL.Image.open(io.BytesIO(panel.render(stepped))).convert("RGB"))
    rgb = tuple(int(LAND[k:k + 2], 16) for k in (1, 3, 5))
    assert (np.abs(img.astype(int) - rgb).sum(axis=2) < 6).mean() > 0.1
