"""Synthetic worlds: valid for the normal loader, sized as asked, reproducible to the byte,
plausible (gravity, blocs), eventful, and reachable from the CLI with one-line errors."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from experiments.cli import main
from model.errors import InputError
from model.model import AllianceModel
from model.scenario import load_scenario
from model.synthetic import (
    default_events,
    synthetic_scenario,
    with_synthetic_firms,
    write_synthetic_world,
)
from model.world import haversine_km, load_world
from tests.conftest import cli_exit_code

STORY = ("invasion", "sanctions", "arms_transfer", "defence_pact", "ceasefire")


@pytest.fixture(scope="module")
def world50(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "w50"
    return load_scenario(write_synthetic_world(out, 50, 1000, seed=2)).world


@pytest.mark.parametrize("n_states,n_firms", [(15, 200), (50, 1000)])
def test_world_loads_through_the_normal_loader_with_the_sizes_asked(tmp_path, n_states,
                                                                    n_firms):
    scenario = load_scenario(write_synthetic_world(tmp_path / "w", n_states, n_firms, seed=3))
    w = scenario.world
    assert w.n == n_states and w.firms.n == n_firms
    assert w.codes[0] == "S001" and w.codes[-1] == f"S{n_states:03d}"
    assert len(scenario.events) == default_events(n_states)
    assert 0.99 <= w.capability0.sum() <= 1.0 and w.nuclear.sum() >= 2
    assert ((w.alignment >= -1) & (w.alignment <= 1)).all()
    assert set(w.sources) == {"synthetic"}
    assert {"bloc_a", "bloc_b", "belligerents"} <= set(w.groups)
    assert all(w.start_month <= e.month <= scenario.end_month for e in scenario.events)
    np.testing.assert_allclose(  # the loader's firm assets add up to the FDI stocks
        np.bincount(w.firms.home * w.n + w.firms.host, w.firms.assets0, w.n * w.n),
        np.where(np.bincount(w.firms.home * w.n + w.firms.host, minlength=w.n * w.n) > 0,
                 w.fdi0.ravel(), 0.0), rtol=1e-9)


def test_same_seed_gives_byte_identical_files_and_another_seed_another_world(tmp_path):
    a, b, c = (write_synthetic_world(tmp_path / name, 15, 100, seed=s).parent
               for name, s in (("a", 5), ("b", 5), ("c", 6)))
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    assert "firms.csv" in names and "scenario.toml" in names
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    for name in ("actors.csv", "exports.csv", "timeline.toml", "firms.csv"):
        assert (a / name).read_bytes() != (c / name).read_bytes(), name


def test_trade_follows_gravity(world50):
    w = world50
    off = ~np.eye(w.n, dtype=bool)
    resistance = np.log(w.exports0[off] / np.outer(w.gdp0, w.gdp0)[off])
    distance = np.log(haversine_km(w.lat, w.lon)[off])
    assert spearmanr(resistance, distance).statistic < -0.3


@pytest.mark.parametrize("n_states,seed", [(15, 1), (15, 2), (50, 2)])
def test_alliances_mostly_within_blocs_and_disputes_across(tmp_path, n_states, seed):
    w = load_scenario(write_synthetic_world(tmp_path / "w", n_states, 0, seed)).world
    bloc = np.zeros(w.n, dtype=int)
    bloc[list(w.groups["bloc_a"])], bloc[list(w.groups["bloc_b"])] = -1, 1
    i, j = np.nonzero(np.triu(w.alliance0))
    assert i.size >= n_states // 2
    assert np.mean((bloc[i] == bloc[j]) & (bloc[i] != 0)) >= 0.8
    i, j = np.nonzero(np.triu(w.dispute))
    assert i.size >= 2 and (bloc[i] * bloc[j] == -1).all()
    assert w.firms is None


def test_a_small_world_runs_and_the_invasion_bites(tmp_path):
    scenario = synthetic_scenario(15, 200, 1, start="2000-01", end="2001-12",
                                  directory=tmp_path / "w")
    model = AllianceModel(scenario, rng=1)
    a, v = scenario.world.groups["belligerents"]
    before = model.state.trust[[a, v], [v, a]].copy()
    for _ in range(24):
        model.step()
    fired = {e["type"] for e in model.event_log}
    assert {"invasion", "sanctions", "ceasefire"} <= fired
    assert (model.state.trust[[a, v], [v, a]] < before - 0.2).all()
    assert model.firms_table() is not None and model.steps == 24


def test_few_events_keep_the_core_story_in_order(tmp_path):
    scenario = load_scenario(write_synthetic_world(tmp_path / "w", 20, 50, 4, n_events=5,
                                                   start="2010-01", end="2014-12"))
    assert [e.type for e in scenario.events] == list(STORY)
    assert all(e.source for e in scenario.events)


def test_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    import model.scenario

    def broken(*args, **kwargs):
        raise InputError("x", "y", "broken loader")

    monkeypatch.setattr(model.scenario, "load_scenario", broken)
    with pytest.raises(InputError, match="broken loader"):
        write_synthetic_world(tmp_path / "w", 10, 10, 1)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kwargs,field", [
    ({"n_states": 3}, "n_states"), ({"n_firms": -1}, "n_firms"), ({"seed": -2}, "seed"),
    ({"n_events": 1.5}, "n_events"), ({"start": "2000-13"}, "start"),
    ({"start": "2001-01", "end": "2000-12"}, "end"),
])
def test_python_api_rejects_bad_arguments(tmp_path, kwargs, field):
    args = {"n_states": 10, "n_firms": 10, "seed": 1, **kwargs}
    with pytest.raises(InputError) as exc:
        write_synthetic_world(tmp_path / "w", **args)
    assert exc.value.field == field
    assert list(tmp_path.iterdir()) == []


def test_with_synthetic_firms_still_works():
    world = with_synthetic_firms(load_world("default"), 50, seed=0)
    assert world.firms.n == 50 and set(world.firms.host) == {world.index("RUS")}


def test_cli_writes_a_world_that_run_can_run(tmp_path, capsys):
    out = tmp_path / "synth"
    assert main(["synth", "--states", "15", "--firms", "100", "--seed", "7",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "firms.csv        100 rows" in printed
    assert f"alliancesim run --scenario {out / 'scenario.toml'}" in printed
    run = tmp_path / "run"
    assert main(["run", "--scenario", str(out / "scenario.toml"), "--end", "2000-06",
                 "--out", str(run)]) == 0
    ts = pd.read_parquet(run / "timeseries.parquet")
    assert len(ts) == 6 and ts["bloc_polarization"].notna().all()
    assert pd.read_parquet(run / "firms.parquet")["firm"].nunique() == 100


@pytest.mark.parametrize("args,needle", [
    (["--states", "2"], "--states: expected an integer in [8, 1000], got '2'"),
    (["--states", "many"], "--states: expected an integer"),
    (["--firms", "-1"], "--firms: expected an integer in [0, "),
    (["--events", "-3"], "--events: expected an integer"),
    (["--seed", "-1"], "--seed"),
    (["--start", "2000-13"], "--start: month out of range"),
    (["--start", "1700-01"], "synth: --start: 1700-01 outside 1800-01..2100-12"),
    (["--start", "2010-01", "--end", "2009-12"], "synth: --end: 2009-12 is before start"),
])
def test_bad_cli_input_one_line_exit_2_nothing_written(tmp_path, capsys, args, needle):
    out = tmp_path / "never"
    assert cli_exit_code(["synth", *args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert needle in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_existing_non_empty_out_is_refused_through_the_real_entry_point(tmp_path):
    out = tmp_path / "taken"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    proc = subprocess.run([sys.executable, "-m", "experiments.cli", "synth", "--states", "10",
                           "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().endswith(f"{out}: --out: exists and is not empty "
                                        "(choose a new folder)")
    assert proc.stderr.count("\n") == 1 and proc.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_an_empty_out_folder_is_filled(tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    assert cli_exit_code(["synth", "--states", "10", "--firms", "0", "--out", str(out)]) == 0
    assert (out / "scenario.toml").exists() and not (out / "firms.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]
