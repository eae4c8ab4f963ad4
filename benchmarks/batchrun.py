"""The same 200-run design through mesa.batch_run and through `alliancesim sweep` (issue 8c).

Design: arms baseline and no_pact × 100 seeds, 2013-01 → 2035-12, every metric the default
world supports, analysed at 2026-12 and 2030-12.

- **batch_run**, the Mesa idiom: the model class takes the scenario as a keyword argument and
  owns a ``mesa.DataCollector`` with every metric as a model reporter, collected each step
  (batch_run can only thin by a fixed period, and the analysis dates are mid-run);
  ``batch_run(..., number_processes=2, data_collection_period=1)``, then
  ``pd.DataFrame(results)``. All rows are held in the parent's memory until the end.
- **sweep**: ``alliancesim sweep`` with ``record = ["2026-12", "2030-12"]``, two worker
  processes, shards streamed to Parquet as runs finish.

Each side runs in a fresh interpreter; wall time and the peak memory of its whole process
tree are measured from outside (benchmarks/probe.py).
"""

from __future__ import annotations

import os
import tempfile
import textwrap
from pathlib import Path

import mesa

from benchmarks.probe import measure
from model.metrics import available
from model.model import AllianceModel

ROOT = Path(__file__).resolve().parent.parent
SEEDS = int(os.environ.get("BENCH_SEEDS", "100"))  # smaller for a smoke test
ARMS = ("baseline", "no_pact")
DATES = ("2026-12", "2030-12")
N_STEPS = 276  # 2013-01 .. 2035-12


class MesaAllianceModel(AllianceModel):
    """AllianceModel as a Mesa user would batch it: DataCollector, collected every step."""

    def __init__(self, scenario: str = "baseline", rng: int | None = None) -> None:
        super().__init__(scenario, rng=rng, record_relations=False, record_months=())
        self.datacollector = mesa.DataCollector(
            model_reporters={m.name: m.fn for m in available(self.world)})

    def step(self) -> None:
        super().step()
        self.datacollector.collect(self)
        self.running = not self.finished


BATCH = """
import json
import pandas as pd
from mesa.batchrunner import batch_run
from benchmarks.batchrun import ARMS, N_STEPS, SEEDS, MesaAllianceModel

if __name__ == "__main__":  # batch_run's "spawn" workers re-import this file
    results = batch_run(MesaAllianceModel, parameters={"scenario": list(ARMS)},
                        number_processes=2, rng=list(range(1, SEEDS + 1)),
                        data_collection_period=1, max_steps=N_STEPS, display_progress=False)
    print(json.dumps({"rows": len(pd.DataFrame(results))}))
"""

SWEEP = """
import json, sys
from experiments.cli import main
from experiments.results import load_results

if __name__ == "__main__":  # process workers re-import this file
    assert main(sys.argv[1:]) == 0
    print(json.dumps({"rows": len(load_results(sys.argv[4]))}))
"""


def run() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        exp = Path(tmp) / "design200.toml"
        exp.write_text(f'name = "design200"\narms = {list(ARMS)!r}\nreplicates = {SEEDS}\n'
                       f'root_seed = 1\nend = "2035-12"\nrecord = {list(DATES)!r}\n'
                       '[design]\ntype = "none"\n'.replace("'", '"'))
        sweep = measure(SWEEP, "sweep", str(exp), "--out", str(Path(tmp) / "out"), "--jobs",
                        "2", "--quiet")
        batch = measure(BATCH)
    n = SEEDS * len(ARMS)
    rate_s, rate_b = n / sweep["wall"], n / batch["wall"]
    speed, memory = rate_s / rate_b, sweep["pss_mb"] / batch["pss_mb"]
    return textwrap.dedent(f"""\
        ## (c) The same {n}-run design: mesa.batch_run vs alliancesim sweep

        | | runs/s | wall | peak memory of the process tree: PSS (RSS) | rows kept |
        | --- | --- | --- | --- | --- |
        | mesa.batch_run (2 processes) | {rate_b:.2f} | {batch['wall']:.1f} s | \
{batch['pss_mb']:.0f} MB ({batch['rss_mb']:.0f} MB) | {batch['rows']:,} |
        | alliancesim sweep (--jobs 2) | {rate_s:.2f} | {sweep['wall']:.1f} s | \
{sweep['pss_mb']:.0f} MB ({sweep['rss_mb']:.0f} MB) | {sweep['rows']:,} |

        Speed: sweep / batch_run = **{speed:.2f}x** (target >= 3x: \
{'met' if speed >= 3 else 'not met'}). Memory (PSS): sweep / batch_run = **{memory:.2f}** \
(target <= 0.10: {'met' if memory <= 0.10 else 'not met'}).
        """)
