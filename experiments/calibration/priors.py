"""The priors of the Bayesian calibration: ``model/data/calibration/priors.toml``.

Each entry names a declared parameter (``model.params.PARAMS``; support within its declared
bounds) or an uncertain world estimate ``commitment.<norm>.<actor>`` (:mod:`experiments.uncertain`;
support within [0, 1], norm and actor known to the default world). Shapes: ``uniform`` (the
default) and ``loguniform``. A bad entry is one line naming the file and the field (exit 2).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from experiments.uncertain import check, is_uncertain
from model.errors import InputError, read_user_text
from model.params import PARAMS
from model.world import DATA_DIR

PRIORS = DATA_DIR / "calibration" / "priors.toml"
SHAPES = ("uniform", "loguniform")
KEYS = {"lo", "hi", "shape", "source", "note"}


@dataclass(frozen=True)
class Prior:
    name: str
    lo: float
    hi: float
    shape: str = "uniform"
    source: str = ""

    def from_unit(self, u: np.ndarray) -> np.ndarray:
        """The prior's quantiles at ``u`` in [0, 1] (inverse CDF)."""
        if self.shape == "loguniform":
            return np.exp(np.log(self.lo) + u * (np.log(self.hi) - np.log(self.lo)))
        return self.lo + u * (self.hi - self.lo)

    def rv(self):
        """The prior as a pyabc random variable (scipy.stats parametrisation)."""
        import pyabc

        if self.shape == "loguniform":
            return pyabc.RV("loguniform", self.lo, self.hi)
        return pyabc.RV("uniform", self.lo, self.hi - self.lo)


def load_priors(path: Path = PRIORS) -> list[Prior]:
    from model.world import load_world, resolve_world

    text = read_user_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, "toml", str(exc)) from None
    if not data:
        raise InputError(path, "priors", "no prior declared")
    world = None
    out = []
    for name, spec in data.items():
        if not isinstance(spec, dict) or set(spec) - KEYS:
            bad = sorted(set(spec) - KEYS)[0] if isinstance(spec, dict) else ""
            raise InputError(path, f"{name}.{bad}" if bad else name,
                             f"expected a table with keys {', '.join(sorted(KEYS))}")
        if is_uncertain(name):
            world = world or load_world(resolve_world("default"))
            check(path, name, name, [world])
            lo_d, hi_d = 0.0, 1.0
        elif name in PARAMS:
            lo_d, hi_d = PARAMS[name].lo, PARAMS[name].hi
        else:
            raise InputError(path, name, "unknown parameter (see `alliancesim params`) and "
                             "not a world estimate `commitment.<norm>.<actor>`")
        lo, hi = spec.get("lo", lo_d), spec.get("hi", hi_d)
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lo, hi)):
            raise InputError(path, f"{name}.lo", "bounds must be numbers")
        if not lo_d <= lo < hi <= hi_d:
            raise InputError(path, f"{name}.lo", f"prior [{lo:g}, {hi:g}] outside the "
                             f"declared bounds [{lo_d:g}, {hi_d:g}] or empty")
        shape = spec.get("shape", "uniform")
        if shape not in SHAPES:
            raise InputError(path, f"{name}.shape", f"unknown shape {shape!r} (known: "
                             f"{', '.join(SHAPES)})")
        if shape == "loguniform" and lo <= 0:
            raise InputError(path, f"{name}.lo", "a loguniform prior needs lo > 0")
        src = str(spec.get("source", "")).strip()
        if not src and not str(spec.get("note", "")).strip():
            raise InputError(path, f"{name}.source", "needs a source id or a note")
        if src:
            world = world or load_world(resolve_world("default"))
            if src not in world.sources:
                raise InputError(path, f"{name}.source", f"unknown source id {src!r} "
                                 "(sources.csv)")
        out.append(Prior(name, float(lo), float(hi), shape, src))
    return out


def sample_prior(priors: list[Prior], n: int, seed: int) -> pd.DataFrame:
    """``n`` independent draws from the priors (one column each), seeded."""
    u = np.random.default_rng(seed).random((n, len(priors)))
    return pd.DataFrame({p.name: p.from_unit(u[:, k]) for k, p in enumerate(priors)})
