"""A seed-deterministic pyabc sampler that evaluates candidates through our executor.

pyabc's own multicore samplers accept particles in the order they finish, so the same seed
can give a different posterior. :class:`BatchSampler` instead numbers the candidates of a
generation ``t``: candidate ``i`` is drawn and simulated with the legacy global NumPy
generator (which pyabc's proposals and random variables use) seeded from
``SeedSequence(seed, spawn_key=(t + 1, i))``, wherever it runs; candidates are evaluated in
batches through :func:`experiments.executor.execute_all` (serial, process pool or Dask) and
accepted in candidate order until the population is full. So a generation is a function of
the seed and the previous generation only: the same seed gives the same posterior, whatever
the backend, the number of workers or an interruption between generations.
"""

from __future__ import annotations

import hashlib
import math

import numpy as np
from pyabc.sampler import Sampler

_LOADED: dict[str, object] = {}


def candidate_seed(seed: int, t: int, i: int) -> int:
    """The 32-bit seed of candidate ``i`` of generation ``t`` (t >= -1: -1 is pyabc's
    calibration sample)."""
    ss = np.random.SeedSequence(seed, spawn_key=(t + 1, i))
    return int(ss.generate_state(1, dtype=np.uint32)[0])


def simulate_batch(task: tuple[str, bytes, int, tuple[int, ...]]) -> tuple[int, list]:
    """Worker side: unpickle the generation's ``simulate_one`` (once per generation and
    worker) and run it once per seed. pyabc draws from the legacy global generator, so it is
    seeded here, per candidate."""
    import cloudpickle

    key, blob, index, seeds = task
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = cloudpickle.loads(blob)
    simulate_one = _LOADED[key]
    out = []
    for s in seeds:
        np.random.seed(s)  # noqa: NPY002  (pyabc's proposals read the global generator)
        out.append(simulate_one())
    return index, out


class BatchSampler(Sampler):
    """``sample_until_n_accepted`` over numbered, seeded candidates (see the module)."""

    def __init__(self, seed: int, *, backend: str = "process", jobs: int = 1,
                 scheduler: str | None = None, batch: int = 16, progress=None):
        super().__init__()
        self.seed, self.backend, self.jobs, self.scheduler = seed, backend, jobs, scheduler
        self.batch = batch
        self.progress = progress  # callable(t, accepted, n, evaluated) or None
        self.rate = 0.5  # the last generation's acceptance rate: sizes the next rounds

    def sample_until_n_accepted(self, n, simulate_one, t, *, max_eval=np.inf,
                                all_accepted=False, ana_vars=None):
        import cloudpickle

        from experiments.executor import execute_all

        blob = cloudpickle.dumps(simulate_one)
        key = hashlib.sha256(blob).hexdigest()
        sample = self._create_empty_sample()
        accepted = evaluated = nxt = 0
        while accepted < n and evaluated < max_eval:
            want = math.ceil((n - accepted) / max(self.rate, 0.02) * 1.1)
            want = max(self.jobs * self.batch, min(want, 50 * n))
            if max_eval < np.inf:
                want = min(want, int(max_eval - evaluated))
            starts = range(nxt, nxt + want, self.batch)
            tasks = [(key, blob, s, tuple(candidate_seed(self.seed, t, i)
                                       for i in range(s, min(s + self.batch, nxt + want))))
                     for s in starts]
            nxt += want
            # the executor yields in completion order: put the batches back in order
            done = dict(execute_all(tasks, simulate_batch, backend=self.backend,
                                    jobs=self.jobs, scheduler=self.scheduler))
            for s in starts:
                for particle in done[s]:
                    if accepted >= n:
                        break
                    evaluated += 1
                    sample.append(particle)
                    accepted += bool(particle.accepted)
            if self.progress:
                self.progress(t, accepted, n, evaluated)
        self.nr_evaluations_ = evaluated
        if not all_accepted:
            self.rate = max(accepted / max(evaluated, 1), 1e-3)
        if sample.n_accepted < n:
            sample.ok = False
        return sample

