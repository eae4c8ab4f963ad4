"""Research figures (issue 6) from small stored results: files, sizes, captions, skip messages
and exit codes. The stores are built once per session (≈ 30 s); drawing uses PNG only except
where the formats themselves are tested."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from experiments.figures import style
from experiments.figures.cli import FORMATS, add_parser, draw, draw_all, run
from experiments.figures.data import OUTCOMES, open_source

ROOT = Path(__file__).resolve().parent.parent
# Five of the eleven H1–H8 outcomes (the run fixture draws all eleven) plus the firm metrics.
PAIR_METRICS = ["kor_divestment", "rus_trade_share_chn", "threat_kor_from_prk",
                "kor_arms_to_ukr", "rus_west_trust",
                *(f"{h}_firms_{s}" for h in ("kor", "jpn", "eu", "usa")
                  for s in ("operating", "suspended", "exited"))]


def _experiment(folder: Path, name: str, body: str) -> Path:
    path = folder / f"{name}.toml"
    body = textwrap.dedent(body).replace("PAIR_METRICS", json.dumps(PAIR_METRICS))
    path.write_text(f'name = "{name}"\ndescription = "figures test fixture"\n{body}')
    return path


@pytest.fixture(scope="session")
def stores(tmp_path_factory) -> dict[str, Path]:
    """(b) one run to 2026-12; (a) a paired monthly sweep with events/<arm>.parquet;
    (c) a 2×2 grid and a small Morris design, analysed."""
    from experiments.analysis import analyze
    from experiments.cli import main
    from experiments.spec import load_experiment
    from experiments.sweep import sweep

    root = tmp_path_factory.mktemp("figures")
    run_dir = root / "run"
    assert main(["run", "--end", "2026-12", "--out", str(run_dir)]) == 0
    exps = root / "experiments"
    exps.mkdir()
    pair = _experiment(exps, "figtest_pair", """
        arms = ["baseline", "no_pact"]
        replicates = 3
        root_seed = 1
        end = "2031-12"
        record = "monthly"
        metrics = PAIR_METRICS
        claims = "treaty"
        [analysis]
        treatment = "baseline"
        control = "no_pact"
        dates = ["2026-12", "2030-12"]
        """)
    small = """
        arms = ["baseline", "no_pact"]
        root_seed = 2
        end = "2027-12"
        record = ["2026-12"]
        metrics = ["kor_divestment", "threat_kor_from_prk", "rus_west_trust"]
        claims = "treaty"
        [analysis]
        treatment = "baseline"
        control = "no_pact"
        dates = ["2026-12"]
        """
    grid = _experiment(exps, "figtest_grid", "replicates = 2" + small + """
        [design]
        type = "grid"
        [design.parameters]
        pressure_threat_weight = [0.0, 8.0]
        sanction_ally_weight = [0.0, 1.0]
        """)
    morris = _experiment(exps, "figtest_morris", "replicates = 1" + small + """
        [design]
        type = "morris"
        samples = 2
        [design.parameters]
        threat_gain = {lo = 2.0, hi = 8.0}
        tech_transfer_size = {lo = 0.0, hi = 0.3}
        """)
    out = {"run": run_dir}
    for key, path in (("pair", pair), ("grid", grid), ("morris", morris)):
        out[key] = root / key
        sweep(load_experiment(path), out[key], backend="serial", progress=False)
        analyze(out[key])
    events = out["pair"] / "events"  # written by the sweep; else copied from the run
    if not events.exists():
        events.mkdir()
        for arm in ("baseline", "no_pact"):
            shutil.copy(run_dir / "events.parquet", events / f"{arm}.parquet")
    return out


@pytest.fixture(scope="session")
def drawn(stores, tmp_path_factory) -> dict[str, tuple[Path, list[str]]]:
    """draw_all on each store (PNG only), into a separate figures directory."""
    res = {}
    for key, src in stores.items():
        fig_dir = tmp_path_factory.mktemp(f"fig_{key}")
        res[key] = (fig_dir, draw_all(src, fig_dir, formats=("png",)))
    return res


def _pngs(fig_dir: Path) -> set[str]:
    return {p.stem for p in fig_dir.glob("*.png")}


def _check_png(path: Path) -> None:
    assert path.stat().st_size > 10_000, path
    with Image.open(path) as im:
        w, h = im.size
        dpi = im.info.get("dpi", (0, 0))
    assert w in (round(style.COLUMN * style.DPI), round(style.PAGE * style.DPI)), (path, w)
    assert h >= style.DPI, (path, h)
    assert dpi[0] == pytest.approx(style.DPI, abs=0.1), (path, dpi)


def _check_caption(fig_dir: Path, stem: str, name: str, runs: int, src: Path) -> str:
    text = (fig_dir / f"{stem}.caption.txt").read_text()
    commit = json.loads((src / "manifest.json").read_text())["code"]["commit"][:12]
    assert name in text and f"{runs} run" in text and commit in text, text
    return text


# --- each figure family from its fixture --------------------------------------------------------
def test_pair_sweep_draws_time_series_effects_forest_and_firms(drawn, stores):
    fig_dir, lines = drawn["pair"]
    stems = _pngs(fig_dir)
    assert {"timeseries", "effects", "forest", "firms"} <= stems
    assert {f"timeseries_{m}" for m in PAIR_METRICS if m in OUTCOMES} <= stems
    for stem in stems:
        _check_png(fig_dir / f"{stem}.png")
        _check_caption(fig_dir, stem, "figtest_pair", 6, stores["pair"])
    cap = (fig_dir / "timeseries.caption.txt").read_text()
    assert "Treaty 2024-06-19" in cap and "median" in cap
    assert sum(x.startswith("drew ") for x in lines) == 4
    assert any(x.startswith("skipped network snapshots: needs relations.parquet")
               for x in lines)
    assert any("skipped grid heatmaps: needs a grid design" in x for x in lines)


def test_run_dir_draws_time_series_network_and_firms(drawn, stores):
    fig_dir, lines = drawn["run"]
    stems = _pngs(fig_dir)
    assert {"timeseries", "network", "firms"} <= stems
    assert {f"timeseries_{m}" for m in OUTCOMES} <= stems
    assert not {"effects", "forest"} & stems
    for stem in stems:
        _check_png(fig_dir / f"{stem}.png")
        _check_caption(fig_dir, stem, "baseline", 1, stores["run"])
    net = (fig_dir / "network.caption.txt").read_text()
    assert "2024-05 and 2025-06" in net and "ROW" in net
    skipped = [x for x in lines if x.startswith("skipped")]
    assert any("paired effect over time: needs a paired sweep" in x for x in skipped)
    assert all("needs" in x for x in skipped)


def test_grid_sweep_draws_heatmaps_and_robustness(drawn, stores):
    fig_dir, lines = drawn["grid"]
    stems = _pngs(fig_dir)
    assert {"grid_heatmaps", "robustness", "forest"} <= stems
    assert {f"grid_heatmap_{m}" for m in ("kor_divestment", "threat_kor_from_prk",
                                          "rus_west_trust")} <= stems
    for stem in stems:
        _check_png(fig_dir / f"{stem}.png")
        _check_caption(fig_dir, stem, "figtest_grid", 16, stores["grid"])
    assert any("skipped outcome time series: needs at least 2 recorded months" in x
               for x in lines)


def test_morris_sweep_draws_sensitivity(drawn, stores):
    fig_dir, _ = drawn["morris"]
    assert {"morris", "forest"} <= _pngs(fig_dir)
    _check_png(fig_dir / "morris.png")
    text = _check_caption(fig_dir, "morris", "figtest_morris", 12, stores["morris"])
    assert "μ*" in text and "threat_gain" in text


def test_missing_analysis_tables_are_computed(stores, tmp_path):
    """Forest and robustness work from the shards alone (analysis/ deleted)."""
    from experiments.figures import forest, grid

    for key, fn, stem in (("pair", forest.draw, "forest"),
                          ("grid", grid.draw_robustness, "robustness")):
        copy = tmp_path / key
        shutil.copytree(stores[key], copy, ignore=shutil.ignore_patterns("analysis",
                                                                         "figures"))
        paths = fn(open_source(copy), tmp_path / f"out_{key}", ("png",))
        assert (tmp_path / f"out_{key}" / f"{stem}.png") in paths


def test_effect_over_time_matches_the_hypothesis_table(stores):
    from experiments.figures.effects import effect_over_time, paired_differences

    src = open_source(stores["pair"])
    table = pd.read_csv(stores["pair"] / "analysis" / "hypotheses.csv")
    diff = paired_differences(src.results, "baseline", "no_pact", PAIR_METRICS)
    for row in table.itertuples():
        e = effect_over_time(diff[row.metric]).loc[pd.Timestamp(f"{row.date}-01")]
        assert e["n"] == row.n == 3
        for col in ("mean", "ci_low", "ci_high"):
            assert e[col] == pytest.approx(getattr(row, col), abs=1e-12), (row.metric, col)


def test_key_events_of_a_sweep_come_from_events_dir(stores, tmp_path):
    src = open_source(stores["pair"])
    labels = [lab for _, lab in src.key_events("2013-01-01", "2031-12-01")]
    assert labels == ["Crimea", "Invasion", "Treaty", "DPRK troops", "In force"]
    assert [lab for _, lab in src.key_events("2024-01-01", "2024-10-31")] == [
        "Treaty", "DPRK troops"]
    copy = tmp_path / "no_events"
    shutil.copytree(stores["grid"], copy, ignore=shutil.ignore_patterns("events"))
    assert open_source(copy).key_events("2013-01-01", "2031-12-01") == []


# --- formats and the style module ------------------------------------------------------------
def test_save_writes_png_at_300_dpi_vector_formats_and_caption(tmp_path):
    with style.figure_style():
        fig = style.new_figure(style.COLUMN, 2.4)
        fig.subplots().plot([0, 1], [1, 0])
        paths = style.save(fig, tmp_path, "x", ("pdf", "svg"), "A caption.")
    assert [p.name for p in paths] == ["x.png", "x.pdf", "x.svg", "x.caption.txt"]
    with Image.open(tmp_path / "x.png") as im:
        assert im.size == (1050, 720)
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")
    assert "<svg" in (tmp_path / "x.svg").read_text()
    assert (tmp_path / "x.caption.txt").read_text() == "A caption.\n"


def test_palette_is_okabe_ito():
    assert style.OKABE_ITO == ("#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442",
                               "#0072B2", "#D55E00", "#CC79A7")
    assert set(style.ARM_COLOURS) <= set(style.OKABE_ITO)


# --- the command line ---------------------------------------------------------------------------
def _cli(argv: list[str]) -> int:
    """`alliancesim figures ...` through the same parser wiring as experiments/cli.py."""
    from experiments.cli import Parser

    p = Parser(prog="alliancesim")
    add_parser(p.add_subparsers(dest="command", required=True, parser_class=Parser))
    return run(p.parse_args(["figures", *argv]))


def test_cli_writes_every_requested_format(stores, tmp_path, capsys):
    out = tmp_path / "figs"
    assert _cli([str(stores["morris"]), "--format", "png,pdf,svg", "--out", str(out)]) == 0
    for stem in ("morris", "forest"):
        for f in FORMATS:
            assert (out / f"{stem}.{f}").stat().st_size > 1000, (stem, f)
        assert (out / f"{stem}.caption.txt").stat().st_size > 0
    text = capsys.readouterr().out
    assert "drew sensitivity" in text and "skipped network snapshots" in text


def test_cli_default_out_is_src_figures(stores, tmp_path, capsys):
    copy = tmp_path / "m"
    shutil.copytree(stores["morris"], copy)
    assert _cli([str(copy), "--format", "png"]) == 0
    assert (copy / "figures" / "morris.png").exists()
    assert not (copy / "figures" / "morris.pdf").exists()


def test_cli_bad_format_is_one_line_exit_2(stores, tmp_path, capsys):
    assert _cli([str(stores["morris"]), "--format", "png,jpg", "--out",
                 str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown format 'jpg'" in err
    assert not (tmp_path / "x").exists()


def test_cli_not_a_results_dir_is_one_line_exit_2(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("hello")
    assert _cli([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a results directory" in err
    assert _cli([str(tmp_path / "missing")]) == 2
    assert "no such directory" in capsys.readouterr().err
    with pytest.raises(ValueError, match="not a results directory"):
        draw(tmp_path)


def test_nothing_drawable_exits_2_naming_what_is_missing(tmp_path, capsys):
    """A run directory whose time series has no outcome metric, no firms and no relations."""
    d = tmp_path / "bare"
    d.mkdir()
    dates = pd.date_range("2020-01-01", periods=24, freq="MS")
    pd.DataFrame({"date": dates, "step": np.arange(1, 25), "seed": 1,
                  "bloc_polarization": 0.5}).to_parquet(d / "timeseries.parquet")
    (d / "manifest.json").write_text(json.dumps({"scenario": "bare", "seed": 1}))
    assert _cli([str(d), "--out", str(tmp_path / "f")]) == 2
    cap = capsys.readouterr()
    assert "no figure could be drawn" in cap.err and cap.err.count("\n") == 1
    assert ("skipped outcome time series: needs at least one claim's (or H1–H8) outcome "
            "metric") in cap.out
    assert "skipped firm status: needs firms.parquet" in cap.out
    assert "skipped network snapshots: needs relations.parquet" in cap.out


def test_figures_package_does_not_import_the_model():
    for path in (ROOT / "experiments" / "figures").glob("*.py"):
        text = path.read_text()
        for bad in ("from model", "import model", "from agents", "import agents"):
            assert bad not in text, (path.name, bad)


def test_network_snapshot_months_are_an_option(stores, tmp_path, capsys):
    out = tmp_path / "net"
    assert _cli([str(stores["run"]), "--out", str(out), "--format", "png",
                 "--snapshots", "2020-01,2026-06"]) == 0
    net = (out / "network.caption.txt").read_text()
    assert "2020-01 and 2026-06" in net
    assert _cli([str(stores["run"]), "--snapshots", "2020-13,2026-06"]) == 2
    assert "--snapshots" in capsys.readouterr().err
