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

    @property
    def missing(self) -> int:
        return self.total - self.done - self.failed


def shards(out: Path) -> list[Path]:
    d = Path(out) / "shards"
    return sorted(p for p in d.glob("part-*.parquet") if SHARD.match(p.name)) \
        if d.exists() else []


def finished_run_ids(out: Path) -> set[str]:
    done: set[str] = set()
    for p in shards(out):
        done.update(pq.read_table(p, columns=["run_id"]).column("run_id").to_pylist())
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
    df = pd.concat([pd.read_parquet(p) for p in files], ignore_index=True)
    return df.sort_values(["arm", "design_index", "replicate", "date"], kind="stable",
                          ignore_index=True)


def read_manifest(out: Path) -> dict:
    path = Path(out) / "manifest.json"
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        raise InputError(out, "manifest.json", "not a sweep directory (no manifest)") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, "json", str(exc)) from None


def status(out: Path) -> Report:
    man = read_manifest(out)
    done = finished_run_ids(out)
    failed = {k for k in failed_run_ids(out) if k not in done}
    return Report(int(man["n_runs"]), len(done), len(failed), 0, 0.0)
