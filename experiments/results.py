"""Reading a sweep directory (light: pandas and pyarrow only, no model code).

The figures, the analysis and ``alliancesim status`` read sweeps through this module, so they
do not import the simulation. The layout is described in :mod:`experiments.sweep`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from model.errors import InputError

SHARD = re.compile(r"^part-(\d+)\.parquet$")


@dataclass(frozen=True)
class Report:
    total: int
    done: int
    failed: int
    ran: int
    seconds: float
    corrupt: tuple[Path, ...] = ()  # status: corrupted shards; sweep: those quarantined

    @property
    def missing(self) -> int:
        return self.total - self.done - self.failed


class CorruptShard(InputError):
    """A shard that cannot be read (truncated, overwritten, not Parquet)."""

    def __init__(self, path: Path, exc: Exception) -> None:
        reason = " ".join(str(exc).split())[:120]
        super().__init__(path, "shard", f"corrupted or truncated Parquet file ({reason}); "
                         "`alliancesim sweep EXPERIMENT --out DIR --resume` quarantines it "
                         "and reruns its runs")


def shards(out: Path) -> list[Path]:
    d = Path(out) / "shards"
    return sorted(p for p in d.glob("part-*.parquet") if SHARD.match(p.name)) \
        if d.exists() else []


def read_shard(path: Path, columns: list[str] | None = None) -> pa.Table:
    """One shard (all columns, or ``columns``); :class:`CorruptShard` if it is unreadable."""
    try:
        table = pq.read_table(path, columns=columns)
        if "run_id" not in table.column_names:
            raise ValueError("no run_id column")
        return table
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise CorruptShard(path, exc) from None


def scan_shards(out: Path, full: bool = False) -> tuple[set[str], list[Path]]:
    """The run ids in the readable shards, and the corrupted shards (``full``: read every
    column, not only the footer and ``run_id``)."""
    done: set[str] = set()
    corrupt = []
    for p in shards(out):
        try:
            table = read_shard(p, None if full else ["run_id"])
        except CorruptShard:
            corrupt.append(p)
            continue
        done.update(table.column("run_id").to_pylist())
    return done, corrupt


def finished_run_ids(out: Path) -> set[str]:
    """Run ids of every shard; :class:`CorruptShard` names the first unreadable one."""
    done, corrupt = scan_shards(out)
    if corrupt:
        read_shard(corrupt[0])  # raises CorruptShard
    return done


def failed_run_ids(out: Path) -> dict[str, Path]:
    d = Path(out) / "failures"
    if not d.exists():
        return {}
    return {p.read_text().split("\n", 1)[0].removeprefix("run_id: "): p
            for p in sorted(d.glob("*.txt"))}


def load_results(out: Path) -> pd.DataFrame:
    """All rows of a sweep, sorted by (arm, design_index, replicate, date)."""
    files = shards(out)
    if not files:
        raise InputError(out, "shards", "no finished runs in this directory")
    df = pd.concat([read_shard(p).to_pandas() for p in files], ignore_index=True)
    return df.sort_values(["arm", "design_index", "replicate", "date"], kind="stable",
                          ignore_index=True)


def read_manifest(out: Path) -> dict:
    """A sweep folder's manifest; :class:`InputError` for anything else (a file, a run
    folder, a folder without or with a damaged manifest)."""
    out = Path(out)
    if not out.is_dir():
        raise InputError(out, "DIR", "not a sweep directory (" + (
            "a file; expected the folder `alliancesim sweep` wrote" if out.exists()
            else "no such folder") + ")")
    path = out / "manifest.json"
    try:
        man = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(out, "manifest.json", "not a sweep directory (no manifest)") from None
    except (ValueError, OSError) as exc:  # JSON, UTF-8, a folder, permissions
        raise InputError(path, "json", " ".join(str(exc).split())) from None
    if isinstance(man, dict) and "seed" in man and "n_runs" not in man:
        raise InputError(out, "DIR", "a run folder (from `alliancesim run`), not a sweep "
                         "folder; `alliancesim figures` draws a run folder")
    if not isinstance(man, dict) or not isinstance(man.get("n_runs"), int) \
            or not isinstance(man.get("experiment"), str):
        raise InputError(path, "n_runs", "not a sweep manifest (expected `experiment` and "
                         "`n_runs`)")
    return man


def status(out: Path) -> Report:
    """Done, failed and missing runs; corrupted shards are listed, their runs missing."""
    man = read_manifest(out)
    done, corrupt = scan_shards(out)
    failed = {k for k in failed_run_ids(out) if k not in done}
    return Report(int(man["n_runs"]), len(done), len(failed), 0, 0.0, tuple(corrupt))


def read_spec(out: Path) -> dict:
    """The sweep's ``experiment.toml``, parsed; refused (InputError) when it is not the file
    the sweep ran (its SHA-256 differs from the manifest's ``experiment_sha256``): an edited
    copy would be analysed as if the runs had followed it."""
    import hashlib
    import tomllib

    from model.errors import read_user_text

    man = read_manifest(out)
    path = Path(out) / "experiment.toml"
    text = read_user_text(path)
    want = man.get("experiment_sha256")
    if want and hashlib.sha256(text.encode()).hexdigest() != want:
        raise InputError(path, "experiment_sha256", "differs from the manifest's: the file was "
                         "edited after the sweep ran; restore it, or run a new sweep with the "
                         "edited experiment (`alliancesim sweep`)")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, "toml", str(exc)) from None


def check_sweep_dir(out: Path) -> None:
    """Everything the analysis reads: the manifest, ``experiment.toml`` (as run) and every
    shard."""
    read_spec(out)
    finished_run_ids(out)
