"""Sweeps: streaming shards, resume after kill -9, backend equality, failures, bad input."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from experiments.cli import main
from experiments.provenance import source_digest
from experiments.spec import load_experiment
from experiments.sweep import finished_run_ids, load_results, status, sweep
from tests.conftest import FIXTURES

MINI = FIXTURES / "experiments" / "mini_pair.toml"


def _call(args) -> int:
    try:
        return main(args)
    except SystemExit as exc:
        return exc.code


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    out = tmp_path_factory.mktemp("ref") / "sweep"
    rep = sweep(load_experiment(MINI), out, backend="serial", progress=False, batch=3)
    assert rep.done == rep.total == 16 and rep.failed == 0
    return out, load_results(out)


def test_rows_seeds_and_manifest(reference):
    out, df = reference
    assert len(df) == 16 * 2  # runs × recorded months
    assert set(df["date"].dt.strftime("%Y-%m")) == {"2004-12", "2006-12"}
    for col in ("run_id", "arm", "design_index", "replicate", "seed", "threat_gain",
                "bloc_polarization"):
        assert col in df
    paired = df.groupby(["design_index", "replicate"])["seed"].nunique()
    assert (paired == 1).all()
    man = json.loads((out / "manifest.json").read_text())
    assert man["n_runs"] == 16 and man["done"] == 16 and man["experiment"] == "mini_pair"
    assert len(man["experiment_sha256"]) == 64 and "commit" in man["code"]
    assert (out / "experiment.toml").read_text() == MINI.read_text()
    assert len(list((out / "shards").glob("part-*.parquet"))) == 6  # batches of 3
    ev = pd.read_parquet(out / "events" / "mini_base.parquet")
    assert list(ev["id"]) == ["invade", "arms", "pact", "tech"]
    assert "pact" not in set(pd.read_parquet(out / "events" / "mini_no_pact.parquet")["id"])


def test_backends_give_identical_results(reference, tmp_path):
    _, ref = reference
    for backend, jobs in (("process", 2), ("dask", 2)):
        out = tmp_path / backend
        sweep(load_experiment(MINI), out, backend=backend, jobs=jobs, progress=False)
        pd.testing.assert_frame_equal(load_results(out), ref, check_exact=True)


def test_kill_minus_9_then_resume_equals_uninterrupted(reference, tmp_path):
    _, ref = reference
    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "experiments.cli", "sweep", str(MINI), "--out", str(out),
           "--jobs", "1", "--batch", "1", "--quiet"]
    proc = subprocess.Popen(cmd, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if len(finished_run_ids(out)) >= 3 if (out / "shards").exists() else False:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the sweep finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = len(finished_run_ids(out))
    assert 3 <= partial < 16
    assert _call(["sweep", str(MINI), "--out", str(out), "--jobs", "1", "--resume",
                  "--quiet"]) == 0
    pd.testing.assert_frame_equal(load_results(out), ref, check_exact=True)
    assert status(out).done == 16 and status(out).missing == 0


def test_failing_runs_are_logged_reported_and_retried(tmp_path, monkeypatch, capsys):
    import experiments.worker as worker

    real = worker.run_table

    def flaky(task):
        if task.run.replicate == 1:
            raise ValueError("boom in replicate 1")
        return real(task)

    monkeypatch.setattr(worker, "run_table", flaky)
    out = tmp_path / "f"
    rc = _call(["sweep", str(MINI), "--out", str(out), "--jobs", "1", "--quiet"])
    assert rc == 1
    assert "4 runs failed" in capsys.readouterr().err
    assert len(list((out / "failures").glob("*.txt"))) == 4
    assert "boom in replicate 1" in next((out / "failures").glob("*.txt")).read_text()
    assert status(out).done == 12 and status(out).failed == 4
    monkeypatch.setattr(worker, "run_table", real)
    assert _call(["sweep", str(MINI), "--out", str(out), "--jobs", "1", "--resume",
                  "--quiet"]) == 0
    assert status(out).done == 16 and not list((out / "failures").glob("*.txt"))


def test_resume_refuses_a_different_experiment(reference, tmp_path, capsys):
    out, _ = reference
    other = tmp_path / "other.toml"
    scen = str(FIXTURES / "scenarios") + "/"
    other.write_text(MINI.read_text().replace("replicates = 4", "replicates = 2")
                     .replace("../scenarios/", scen))
    before = sorted(p.name for p in (out / "shards").iterdir())
    assert _call(["sweep", str(other), "--out", str(out), "--resume", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "--resume: directory holds a different experiment" in err and err.count("\n") == 1
    assert sorted(p.name for p in (out / "shards").iterdir()) == before


def test_resume_refuses_runs_of_different_model_code(reference, tmp_path, capsys):
    src, _ = reference
    out = tmp_path / "sweep"
    shutil.copytree(src, out)
    man = json.loads((out / "manifest.json").read_text())
    assert man["source_sha256"] == source_digest()
    man["source_sha256"] = "0" * 64  # as if made before a model edit
    (out / "manifest.json").write_text(json.dumps(man))
    assert _call(["sweep", str(MINI), "--out", str(out), "--resume", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "--resume: its runs were made by different model code" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("args,needle", [
    (["sweep", "no_such_experiment"], "no such experiment"),
    (["sweep", str(MINI), "--jobs", "0"], "expected a positive integer"),
    (["sweep", str(MINI), "--backend", "ray"], "invalid choice"),
    (["status", "/nonexistent/dir"], "not a sweep directory"),
    (["analyze", "/nonexistent/dir"], "not a sweep directory"),
])
def test_bad_sweep_input(tmp_path, capsys, args, needle):
    out = tmp_path / "never"
    rc = _call([*args, "--out", str(out)] if args[0] == "sweep" else args)
    err = capsys.readouterr().err
    assert rc == 2 and needle in err and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_existing_output_is_not_overwritten(reference, capsys):
    out, _ = reference
    assert _call(["sweep", str(MINI), "--out", str(out), "--quiet"]) == 2
    assert "exists and is not empty" in capsys.readouterr().err
