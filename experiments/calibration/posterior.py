"""The posterior directory of `calibrate --method abc`, written and read back.

Files (Parquet byte-identical for the same seed; the manifest also records the wall time):

- ``particles.parquet``: the last generation's weighted particles: one column per uncertain
  quantity, ``weight`` (summing to 1) and ``distance`` ρ;
- ``generations.parquet``: per generation ``t`` (−1: pyabc's calibration sample): ε,
  simulations, accepted particles, acceptance rate and effective sample size (Kish);
- ``manifest.json``: ``kind = "alliancesim-posterior"``, the priors, targets, tolerance,
  budget, seed, whether the tolerance was reached, and provenance (code, packages);
- ``abc.db``: pyabc's SQLite history (every generation; ``--resume`` reads it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from model.errors import InputError

KIND = "alliancesim-posterior"
FILES = ("particles.parquet", "generations.parquet", "manifest.json")


def ess(w: np.ndarray) -> float:
    """Kish's effective sample size (Σw)² / Σw²."""
    w = np.asarray(w, dtype=float)
    return float(w.sum() ** 2 / (w**2).sum()) if w.size else 0.0


def write_posterior(out: Path, hist, setup: dict) -> dict:
    from experiments.provenance import environment
    from experiments.store import write_parquet

    names = [p["name"] for p in setup["priors"]]
    t_last = hist.max_t
    pop = hist.get_population(t_last)
    rows = [{**{n: float(p.parameter[n]) for n in names}, "weight": float(p.weight),
             "distance": float(p.distance)} for p in pop.particles]
    particles = pd.DataFrame(rows, columns=[*names, "weight", "distance"])
    particles["weight"] /= particles["weight"].sum()
    gens = hist.get_all_populations()
    gens = gens[gens["t"] >= -1].sort_values("t")
    table = pd.DataFrame({
        "t": gens["t"].astype("int64").to_numpy(),
        "epsilon": gens["epsilon"].astype(float).to_numpy(),
        "simulations": gens["samples"].astype("int64").to_numpy(),
        "accepted": gens["particles"].astype("int64").to_numpy()})
    prior_sample = table["t"] == -1  # pyabc keeps only a marker row: all were accepted
    table.loc[prior_sample, "accepted"] = table.loc[prior_sample, "simulations"]
    table["acceptance_rate"] = table["accepted"] / table["simulations"].clip(lower=1)
    table["ess"] = [ess(hist.get_distribution(m=0, t=int(t))[1]) if t >= 0 else np.nan
                    for t in table["t"]]
    ident = {"kind": KIND, "seed": setup["seed"]}
    write_parquet(particles, out / "particles.parquet", ident)
    write_parquet(table, out / "generations.parquet", ident)
    final_eps = float(table["epsilon"].iloc[-1])
    manifest = {"kind": KIND, **setup, "generations": int(t_last) + 1,
                "simulations": int(hist.total_nr_simulations),
                "final_epsilon": final_eps,
                "reached_tolerance": bool(final_eps <= setup["tolerance"]),
                "ess": ess(particles["weight"].to_numpy()), **environment()}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, default=str) + "\n")
    return manifest


@dataclass(frozen=True)
class Posterior:
    path: Path
    particles: pd.DataFrame
    names: tuple[str, ...]
    manifest: dict

    @property
    def weights(self) -> np.ndarray:
        return self.particles["weight"].to_numpy(dtype=float)

    def draw(self, n: int, seed: int) -> pd.DataFrame:
        """``n`` parameter sets drawn by weight (with replacement), seeded."""
        rng = np.random.default_rng(seed)
        idx = rng.choice(len(self.particles), size=n, p=self.weights)
        return self.particles.iloc[idx][list(self.names)].reset_index(drop=True)


def load_posterior(path) -> Posterior:
    """Read a posterior directory; a missing or foreign one is one line (exit 2)."""
    from experiments.uncertain import is_uncertain
    from model.params import PARAMS

    path = Path(path)
    if not path.is_dir():
        raise InputError(path, "posterior", "no such directory (expected the --out of "
                         "`alliancesim calibrate --method abc`)")
    for f in FILES:
        if not (path / f).is_file():
            raise InputError(path, "posterior", f"missing {f}: not a posterior directory "
                             "of `alliancesim calibrate --method abc`")
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(path / "manifest.json", "manifest", f"unreadable ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("kind") != KIND:
        raise InputError(path / "manifest.json", "kind", f"not {KIND!r}: a foreign directory")
    try:
        particles = pd.read_parquet(path / "particles.parquet")
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise InputError(path / "particles.parquet", "file", f"unreadable ({exc})") from None
    names = tuple(c for c in particles.columns if c not in ("weight", "distance"))
    for n in names:
        if n not in PARAMS and not is_uncertain(n):
            raise InputError(path / "particles.parquet", n, "unknown parameter")
    w = particles.get("weight")
    if w is None or not len(w) or not np.isfinite(w).all() or (w < 0).any() or w.sum() <= 0:
        raise InputError(path / "particles.parquet", "weight", "missing or invalid weights")
    particles = particles.assign(weight=w / w.sum())
    return Posterior(path, particles, names, manifest)
