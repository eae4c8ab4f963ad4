"""A killed sweep leaves nothing running; Ctrl-C keeps the finished shards and --resume
completes them. The sweep runs in a subprocess in its own session, so that every process it
starts (forkserver, workers, resource tracker) is in its process group, and only that group
is ever signalled or cleaned up."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq

from experiments.results import load_results, status
from tests.conftest import FIXTURES

MINI = FIXTURES / "experiments" / "mini_pair.toml"
REPLICATES = 150  # 600 runs: far more than run before the signal


def _group(pgid: int) -> list[int]:
    """Live (not zombie) processes of process group ``pgid``."""
    members = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(d.name))
    return members


def _start(out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "experiments.cli", "sweep", str(MINI), "--out", str(out),
         "--replicates", str(REPLICATES), "--jobs", "2", "--batch", "5", "--quiet"],
        start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_shards(out: Path, proc: subprocess.Popen, n: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while len(list((out / "shards").glob("part-*.parquet"))) < n:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the sweep wrote no shards"
        time.sleep(0.1)


def _cleanup(pgid: int) -> None:
    for pid in _group(pgid):  # only if the test failed: our own group, by pid
        os.kill(pid, signal.SIGKILL)


def test_sigkill_leaves_no_process_of_the_sweep(tmp_path):
    out = tmp_path / "sweep"
    proc = _start(out)
    try:
        _wait_for_shards(out, proc, 1)
        members = _group(proc.pid)
        assert len(members) >= 4  # the sweep, the forkserver and 2 workers (at least)
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        deadline = time.monotonic() + 5
        while _group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _group(proc.pid) == []
    finally:
        _cleanup(proc.pid)


def test_sigint_keeps_the_finished_shards_and_resume_completes_them(tmp_path):
    out = tmp_path / "sweep"
    proc = _start(out)
    try:
        _wait_for_shards(out, proc, 3)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130
        assert err.count("\n") == 1 and "Traceback" not in err
        assert "interrupted" in err and "--resume" in err
        time.sleep(1)
        assert _group(proc.pid) == []
    finally:
        _cleanup(proc.pid)
    files = sorted((out / "shards").glob("part-*.parquet"))
    assert len(files) >= 3 and not list((out / "shards").glob(".*"))
    kept = [rid for f in files for rid in pq.read_table(f).column("run_id").to_pylist()]
    man = json.loads((out / "manifest.json").read_text())
    assert man["interrupted"] is True and man["done"] == status(out).done
    total = 2 * REPLICATES * 2  # points × replicates × arms
    assert 0 < status(out).done < total

    from experiments.cli import main

    assert main(["sweep", str(MINI), "--out", str(out), "--replicates", str(REPLICATES),
                 "--jobs", "2", "--resume", "--quiet"]) == 0
    df = load_results(out)
    assert status(out).done == total and df["run_id"].nunique() == total
    assert len(df) == 2 * total  # two recorded months a run: no run twice
    assert set(kept) <= set(df["run_id"])
