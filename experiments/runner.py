"""One run → tables → files. The CLI and the experiment executors call these functions."""

from __future__ import annotations

import time
from pathlib import Path

from experiments.provenance import environment
from experiments.store import atomic_dir, write_json, write_parquet
from model.calendar import month_label
from model.model import AllianceModel
from model.scenario import Scenario, load_scenario


def run_scenario(scenario: str | Scenario, seed: int, *, end: str | None = None,
                 overrides: dict | None = None, record_relations: bool = True
                 ) -> AllianceModel:
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario, end=end)
    return AllianceModel(sc, rng=seed, params=overrides,
                         record_relations=record_relations).run()


def run_identity(model: AllianceModel) -> dict:
    """What identifies a run's outputs (stored inside every Parquet file)."""
    sc = model.scenario_def
    return {"seed": model.seed, "scenario": sc.name, "scenario_digest": sc.digest,
            "start": month_label(model.start_month), "end": month_label(model.end_month)}


def write_run(model: AllianceModel, out: Path, *, command: str = "",
              wall_time_s: float | None = None) -> Path:
    """Write timeseries, relations, events, decisions and the manifest atomically to ``out``."""
    ident = run_identity(model)
    sc = model.scenario_def
    manifest = {
        **ident,
        "description": sc.description,
        "scenario_files": list(sc.files),
        "world": {"name": sc.world.name, "path": str(sc.world.path), "actors": sc.world.codes},
        "removed_events": list(sc.removed),
        "events_in_timeline": [e.id for e in sc.events],
        "params": model.params.as_dict(),
        "param_overrides": dict(sc.params),
        "metrics": [m.name for m in model.metrics],
        "command": command,
        "wall_time_s": wall_time_s,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        **environment(),
    }
    with atomic_dir(out) as tmp:
        write_parquet(model.timeseries(), tmp / "timeseries.parquet", ident)
        if model.record_relations:
            write_parquet(model.relations_table(), tmp / "relations.parquet", ident)
        write_parquet(model.events_table(), tmp / "events.parquet", ident)
        write_parquet(model.decisions_table(), tmp / "decisions.parquet", ident)
        firms = model.firms_table()
        if firms is not None:
            write_parquet(firms, tmp / "firms.parquet", ident)
        write_json(manifest, tmp / "manifest.json")
    return Path(out)
