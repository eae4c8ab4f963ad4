"""Issue 18 for sweeps: one writer per folder, corrupted shards, sizes and dates checked
before any work, an unreachable scheduler refused before anything is written."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from experiments.lock import sweep_lock
from experiments.spec import load_experiment
from experiments.sweep import load_results, status, sweep
from tests.conftest import FIXTURES, cli_exit_code

MINI = FIXTURES / "experiments" / "mini_pair.toml"


@pytest.fixture(scope="module")
def done_sweep(tmp_path_factory):
    out = tmp_path_factory.mktemp("safe") / "sweep"
    rep = sweep(load_experiment(MINI), out, backend="serial", progress=False, batch=3)
    assert rep.done == 16
    return out


def _err_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_a_second_writer_is_refused(tmp_path, capsys, done_sweep):
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    with sweep_lock(fresh):  # another sweep holds it (flock: per open file, so in-process)
        assert cli_exit_code(["sweep", str(MINI), "--out", str(fresh), "--jobs", "1"]) == 2
        assert "another sweep (pid " in _err_line(capsys)
        assert [p.name for p in fresh.iterdir()] == [".lock"]
    copy = tmp_path / "copy"
    shutil.copytree(done_sweep, copy)
    before = (copy / "manifest.json").read_text()
    with sweep_lock(copy):
        assert cli_exit_code(["sweep", str(MINI), "--out", str(copy), "--resume"]) == 2
        assert "another sweep" in _err_line(capsys)
    assert (copy / "manifest.json").read_text() == before  # nothing appended
    assert cli_exit_code(["sweep", str(MINI), "--out", str(copy), "--resume", "--jobs",
                          "1", "--quiet"]) == 0  # the lock died with its holder


def test_corrupted_shard_named_refused_and_quarantined(tmp_path, capsys, done_sweep):
    out = tmp_path / "sweep"
    shutil.copytree(done_sweep, out)
    ref = load_results(done_sweep)
    bad = out / "shards" / "part-000002.parquet"
    bad.write_bytes(bad.read_bytes()[:200])  # truncated
    assert cli_exit_code(["status", str(out)]) == 2
    err = capsys.readouterr()
    assert "13 done, 3 missing" in err.out and "part-000002.parquet" in err.err
    for args in (["analyze", str(out)], ["figures", str(out)]):
        assert cli_exit_code(args) == 2
        assert "part-000002.parquet: shard: corrupted" in _err_line(capsys)
    assert not (out / "analysis").exists() and not (out / "figures").exists()
    assert cli_exit_code(["sweep", str(MINI), "--out", str(out), "--resume", "--jobs", "1",
                          "--quiet"]) == 0
    assert "quarantined the unreadable shard part-000002.parquet" in capsys.readouterr().err
    assert (out / "quarantine" / "part-000002.parquet").is_file()
    assert json.loads((out / "manifest.json").read_text())["quarantined"] == [
        "quarantine/part-000002.parquet"]
    assert status(out).done == 16
    pd.testing.assert_frame_equal(load_results(out), ref)


def _experiment(tmp_path, old: str, new: str):
    """The mini experiment, with absolute arm paths and ``old`` replaced by ``new``."""
    text = MINI.read_text().replace("../scenarios/", f"{FIXTURES}/scenarios/")
    assert old in text
    path = tmp_path / "exp.toml"
    path.write_text(text.replace(old, new))
    return path


@pytest.mark.parametrize("old,new,needle", [
    ("replicates = 4", "replicates = 4", None),  # the fixture itself: accepted
    ("replicates = 4", "replicates = 1000000000000",
     "replicates: the experiment would have 4,000,000,000,000 runs"),
    ('[design.parameters]\nthreat_gain = [2.0, 6.0]', 'ranges = ["threat_gain"]\n'
     '[design.parameters]\nthreat_gain = [1.0, 1e-9, 8.0]',
     "design.parameters.threat_gain: the range [1, 1e-09, 8] has 7,000,000,001 values"),
    ('dates = ["2004-12", "2006-12"]', 'dates = ["2005-06"]',
     "analysis.dates: 2005-06 is not a recorded month"),
    ('dates = ["2004-12", "2006-12"]', "",  # analyze's defaults, 2026-12 and 2030-12
     "analysis.dates: 2026-12 is not a recorded month"),
    ('type = "grid"', 'type = "morris"\nlevels = "abc"', "design.levels: expected"),
])
def test_checked_before_any_work(tmp_path, capsys, old, new, needle):
    path = _experiment(tmp_path, old, new)
    if needle is None:
        assert load_experiment(path).replicates == 4
        return
    out = tmp_path / "never"
    assert cli_exit_code(["sweep", str(path), "--out", str(out), "--jobs", "1"]) == 2
    assert needle in _err_line(capsys) and not out.exists()


def test_huge_replicates_flag_refused_at_once(tmp_path, capsys):
    out = tmp_path / "never"
    assert cli_exit_code(["sweep", str(MINI), "--replicates", str(2**70), "--out",
                          str(out)]) == 2
    assert "--replicates: replicates: the experiment would have" in _err_line(capsys)
    assert not out.exists()


def test_unreachable_scheduler_refused_before_writing(tmp_path, capsys, monkeypatch):
    import experiments.executor as ex

    monkeypatch.setattr(ex, "SCHEDULER_TIMEOUT_S", 1)
    out = tmp_path / "never"
    for address, needle in (("tcp://127.0.0.1:1", "no Dask scheduler answered within 1 s"),
                            ("not an address", "not a Dask scheduler address")):
        assert cli_exit_code(["sweep", str(MINI), "--scheduler", address, "--out",
                              str(out)]) == 2
        assert f"{address}: --scheduler: {needle}" in _err_line(capsys)
        assert not out.exists()
