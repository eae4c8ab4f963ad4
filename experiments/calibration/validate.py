"""`alliancesim validate`: the historical replay against every target (pattern table).

Runs ``baseline`` (to 2025-12) and the ``no_2014_sanctions`` counterfactual with the current
defaults for ``replicates`` seeds and reports, per target: the fact, the model's median and
90% band across replicates, the tolerance, pass/fail and whether the target was used in
calibration or held out (pattern-oriented modelling, Grimm et al., Science 310:987, 2005).
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd

from experiments.calibration.fit import evaluate
from experiments.calibration.targets import describe, load_targets
from experiments.executor import execute_all
from experiments.provenance import environment


def validate(out: Path, *, replicates: int = 10, seed: int = 1, jobs: int = 1,
             params: dict | None = None) -> pd.DataFrame:
    t0 = time.perf_counter()
    evs = list(execute_all([(params or {}, seed + r) for r in range(replicates)], evaluate,
                           jobs=jobs))
    rows = []
    targets = load_targets()
    for t in targets:
        vals = np.array([e.values[t.id] for e in evs], dtype=float)
        med = float(np.nanmedian(vals))
        rows.append({"id": t.id, "role": t.role, "fact": t.fact,
                     "target": describe(t, t.value), "unit": t.unit,
                     "model_median": describe(t, med),
                     "model_p05": describe(t, float(np.nanpercentile(vals, 5))),
                     "model_p95": describe(t, float(np.nanpercentile(vals, 95))),
                     "tolerance": f"±{t.band:.3g}", "pass": t.passes(med)})
    df = pd.DataFrame(rows)
    df.insert(1, "series", [series_key(t) for t in targets])
    out.mkdir(parents=True, exist_ok=True)
    df.to_csv(out / "validation.csv", index=False)
    env = environment()
    head = (f"# Validation: historical replay ({replicates} replicates, seeds {seed}.."
            f"{seed + replicates - 1}, code {env['code']['commit'][:10]}, "
            f"{time.perf_counter() - t0:.0f} s)\n\n"
            f"Passed {int(df['pass'].sum())} of {len(df)} patterns: "
            f"{int(df[df.role == 'calibrate']['pass'].sum())} of "
            f"{int((df.role == 'calibrate').sum())} calibration targets, "
            f"{int(df[df.role == 'validate']['pass'].sum())} of "
            f"{int((df.role == 'validate').sum())} held-out ones.\n\n"
            f"{series_summary(df)}\n\n")
    (out / "validation.md").write_text(head + to_markdown(df))
    return df


def series_key(t) -> str:
    """Targets that are yearly values of one series (same observable, same actors) share a
    key: they are not independent patterns."""
    return ":".join(x for x in (t.kind, t.a, t.b) if x)


def series_summary(df: pd.DataFrame) -> str:
    """How many independent series the patterns hold, and how many pass in every year."""
    by = df.groupby("series")["pass"]
    n, every, some = by.ngroups, int(by.all().sum()), int(by.any().sum())
    return (f"The {len(df)} patterns are values of {n} independent series (yearly copies of "
            f"one series share its `series` key): {every} series pass in every year they are "
            f"checked, {some} in at least one.")


def to_markdown(df: pd.DataFrame) -> str:
    cols = list(df.columns)
    lines = ["| " + " | ".join(cols) + " |", "| " + " | ".join("---" for _ in cols) + " |"]
    for row in df.itertuples(index=False):
        lines.append("| " + " | ".join("yes" if v is True else "no" if v is False else str(v)
                                       for v in row) + " |")
    return "\n".join(lines) + "\n"
