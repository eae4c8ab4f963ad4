"""Sweeps: run every (arm, design point, replicate), streaming results to Parquet shards.

Directory layout of a sweep ``DIR``::

    manifest.json        experiment copy + hash, code and package versions, command, times
    experiment.toml      the experiment file as run
    design.parquet       the design points
    events/<arm>.parquet each arm's dated timeline (same columns as a run's events.parquet)
    shards/part-*.parquet   one row per run × recorded month (written atomically)
    failures/*.txt       tracebacks of failed runs (a failed run is retried on --resume)
    quarantine/          unreadable shards, moved aside by --resume (their runs are rerun)
    .lock                held by the sweep writing here (one writer at a time)

Finished runs are flushed every ``batch`` runs (or ``flush_seconds``); a crash loses at most
the unflushed batch, and ``--resume`` runs exactly the runs missing from the shards.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pandas as pd

from experiments.contrasts import arm_label
from experiments.design import design_points, runs
from experiments.executor import check_scheduler, execute_all
from experiments.lock import LOCK_NAME, check_unlocked, sweep_lock
from experiments.outdir import check_writable
from experiments.provenance import environment, source_digest
from experiments.results import (  # noqa: F401  (re-exported: the sweep API)
    SHARD,
    Report,
    failed_run_ids,
    finished_run_ids,
    load_results,
    read_manifest,
    scan_shards,
    shards,
    status,
)
from experiments.spec import Experiment
from experiments.store import write_parquet
from experiments.worker import Task, execute
from model.errors import InputError

QUARANTINE = "quarantine"  # unreadable shards, moved here by --resume


def _write_json_atomic(obj: dict, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(obj, indent=2, sort_keys=True, default=str) + "\n")
    os.replace(tmp, path)


def _prepare(exp: Experiment, out: Path, resume: bool, command: str, n_runs: int) -> dict:
    out = Path(out)
    has_manifest = (out / "manifest.json").exists()
    if resume:
        if not has_manifest:
            raise InputError(out, "--resume", "no sweep to resume here (no manifest.json)")
        man = read_manifest(out)
        if man.get("experiment_sha256") != exp.digest or man.get("n_runs") != n_runs:
            raise InputError(out, "--resume", f"directory holds a different experiment "
                             f"({man.get('experiment')!r}, {man.get('n_runs')} runs); "
                             f"refusing to mix it with {exp.name!r} ({n_runs} runs)")
        if man.get("source_sha256") != source_digest():
            raise InputError(out, "--resume", "its runs were made by different model code "
                             "(source_sha256 differs); refusing to mix them with runs of this "
                             "code (choose another --out)")
        man.setdefault("resumed", []).append({"command": command,
                                              "at": time.strftime("%Y-%m-%dT%H:%M:%S%z")})
        if not (out / "events").exists():  # sweeps made before events/ existed
            write_events(exp, out)
        return man
    if any(p.name != LOCK_NAME for p in out.iterdir()):  # another sweep was quicker
        raise _not_empty(out)
    (out / "shards").mkdir(parents=True, exist_ok=True)
    (out / "experiment.toml").write_text(exp.text)
    write_parquet(design_points(exp), out / "design.parquet", {"experiment": exp.name})
    write_events(exp, out)
    return {"experiment": exp.name, "experiment_file": str(exp.path),
            "experiment_sha256": exp.digest, "arms": list(exp.arms),
            "replicates": exp.replicates, "root_seed": exp.root_seed,
            "design": exp.design_type, "parameters": list(exp.parameters),
            "n_runs": n_runs, "command": command,
            "arm_event_types": {a: sorted({e.type for e in s.events})
                                for a, s in exp.scenarios.items()},
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "scenario_digests": {a: s.digest for a, s in exp.scenarios.items()},
            **environment()}


def _not_empty(out: Path) -> InputError:
    return InputError(out, "--out", "exists and is not empty (use --resume to continue a "
                      "sweep, or choose another directory)")


def sweep(exp: Experiment, out: Path, *, jobs: int = 1, backend: str = "process",
          scheduler: str | None = None, resume: bool = False, batch: int = 20,
          flush_seconds: float = 10.0, command: str = "", progress: bool = True) -> Report:
    """Run the missing runs of ``exp`` into ``out`` (see module docstring), holding the
    folder's lock. Everything is checked before the first file is written; on Ctrl-C the
    finished runs are flushed and KeyboardInterrupt propagates."""
    out = Path(out)
    check_writable(out)
    if resume:
        read_manifest(out)  # a sweep folder, before the lock file is made in it
    elif out.exists() and any(out.iterdir()):
        check_unlocked(out)  # "another sweep is writing" says more than "not empty"
        raise _not_empty(out)
    if backend == "dask" and scheduler:
        check_scheduler(scheduler)
    out.mkdir(parents=True, exist_ok=True)
    with sweep_lock(out):
        return _sweep(exp, out, jobs, backend, scheduler, resume, batch, flush_seconds,
                      command, progress)


def _sweep(exp, out, jobs, backend, scheduler, resume, batch, flush_seconds, command,
           progress) -> Report:
    from tqdm import tqdm

    all_runs = runs(exp)
    manifest = _prepare(exp, out, resume, command, len(all_runs))
    quarantined = quarantine(out) if resume else []
    manifest.setdefault("quarantined", []).extend(str(q.relative_to(out)) for q in quarantined)
    _write_json_atomic(manifest, out / "manifest.json")
    (out / "shards").mkdir(exist_ok=True)
    for stale in (out / "shards").glob(".*.tmp"):
        stale.unlink()
    done = finished_run_ids(out)
    todo = [r for r in all_runs if r.run_id not in done]
    refs = {a: _ref(exp, a) for a in exp.arms}
    tasks = (Task(r, refs[r.arm], exp.end, exp.record, exp.metrics, exp.declared)
             for r in todo)
    seq = max((int(m.group(1)) for p in [*shards(out), *(out / QUARANTINE).glob("*")]
               if (m := SHARD.match(p.name))), default=0)
    failures = failed_run_ids(out)
    t0 = time.perf_counter()
    buffer: list[pd.DataFrame] = []
    last = time.monotonic()
    ran = 0
    tqdm.monitor_interval = 0  # no monitor thread
    results = execute_all(tasks, execute, backend=backend, jobs=jobs, scheduler=scheduler)
    interrupted = False
    bar = tqdm(total=len(all_runs), initial=len(done), unit="run", disable=not progress,
               desc=exp.name, dynamic_ncols=True)
    try:
        for res in results:
            ran += 1
            if res.error is None:
                buffer.append(res.table)
                if res.run_id in failures:
                    failures.pop(res.run_id).unlink(missing_ok=True)
            else:
                _record_failure(out, res.run_id, res.error)
            if buffer and (len(buffer) >= batch or time.monotonic() - last > flush_seconds):
                seq += 1
                full, buffer = buffer, []  # never written twice, even if Ctrl-C lands here
                _flush(out, full, seq, exp)
                last = time.monotonic()
            bar.update(1)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        bar.close()
        results.close()  # stops the workers (queued tasks are dropped)
        if buffer:  # finished runs are kept, on Ctrl-C too
            _flush(out, buffer, seq + 1, exp)
    n_done = len(finished_run_ids(out))
    manifest.update({"finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "done": n_done,
                     "failed": len(failed_run_ids(out)),
                     "last_wall_time_s": round(time.perf_counter() - t0, 3),
                     "backend": backend, "jobs": jobs, "interrupted": interrupted})
    _write_json_atomic(manifest, out / "manifest.json")
    if interrupted:
        raise KeyboardInterrupt
    return Report(len(all_runs), n_done, len(failed_run_ids(out)), ran,
                  time.perf_counter() - t0, tuple(quarantined))


def quarantine(out: Path) -> list[Path]:
    """Move unreadable shards to ``out/quarantine/`` (their runs become missing, so the
    resume reruns them); return their new paths."""
    moved = []
    for bad in scan_shards(out, full=True)[1]:
        (out / QUARANTINE).mkdir(exist_ok=True)
        dest = out / QUARANTINE / bad.name
        k = 1
        while dest.exists():
            dest, k = out / QUARANTINE / f"{bad.stem}.{k}{bad.suffix}", k + 1
        os.replace(bad, dest)
        moved.append(dest)
    return moved


def write_events(exp: Experiment, out: Path) -> None:
    """Each arm's dated timeline to ``out/events/<arm>.parquet``."""
    (out / "events").mkdir(exist_ok=True)
    for arm, sc in exp.scenarios.items():
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", arm_label(arm))
        write_parquet(scenario_events(sc), out / "events" / f"{name}.parquet",
                      {"experiment": exp.name, "arm": arm})


def scenario_events(sc) -> pd.DataFrame:
    """An arm's timeline as a table (same columns as a run's events.parquet)."""
    from model.calendar import month_start

    rows = [{"date": e.date, "month": month_start(e.month), "id": e.id, "type": e.type,
             "tags": ",".join(e.tags), "source": e.source}
            for e in sc.events if e.month <= sc.end_month]
    df = pd.DataFrame(rows, columns=["date", "month", "id", "type", "tags", "source"])
    df["date"] = pd.to_datetime(df["date"])
    df["month"] = pd.to_datetime(df["month"])
    return df


def _ref(exp: Experiment, arm: str) -> str:
    """The reference a worker uses to load an arm's scenario (absolute path if a file)."""
    cand = exp.path.parent / arm
    if cand.suffix == ".toml" and cand.exists():
        return str(cand.resolve())
    p = Path(arm)
    return str(p.resolve()) if p.suffix == ".toml" and p.exists() else arm


def _flush(out: Path, tables: list[pd.DataFrame], seq: int, exp: Experiment) -> None:
    df = pd.concat(tables, ignore_index=True)
    final = out / "shards" / f"part-{seq:06d}.parquet"
    tmp = final.with_name(f".{final.name}.tmp")
    try:
        write_parquet(df, tmp, {"experiment": exp.name, "experiment_sha256": exp.digest,
                                "run_ids": sorted(df["run_id"].unique().tolist())})
        os.replace(tmp, final)
    except BaseException:  # Ctrl-C or an error mid-write: leave no half-written shard
        tmp.unlink(missing_ok=True)
        raise


def _record_failure(out: Path, run_id: str, error: str) -> None:
    d = out / "failures"
    d.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", run_id)
    (d / f"{name}.txt").write_text(f"run_id: {run_id}\n{error}")
