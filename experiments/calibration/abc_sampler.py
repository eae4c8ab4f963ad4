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

    def sample_until_n_accepted(self, n, simulate_one, t, *, max_eval=np.inf,
                                all_accepted=False, ana_vars=None):
        import cloudpickle

        from experiments.executor import execute_all

        blob = cloudpickle.dumps(simulate_one)
        key = hashlib.sha256(blob).hexdigest()

        def tasks():  # numbered batches of numbered candidates, as many as are consumed
            i = 0
            while True:
                yield key, blob, i, tuple(candidate_seed(self.seed, t, j)
                                          for j in range(i, i + self.batch))
                i += self.batch

        sample = self._create_empty_sample()
        accepted = evaluated = nxt = 0
        done: dict[int, list] = {}
        results = execute_all(tasks(), simulate_batch, backend=self.backend, jobs=self.jobs,
                              scheduler=self.scheduler)
        try:
            for index, particles in results:  # completion order: accept in candidate order
                done[index] = particles
                while nxt in done and accepted < n and evaluated < max_eval:
                    for particle in done.pop(nxt):
                        if accepted >= n or evaluated >= max_eval:
                            break
                        evaluated += 1
                        sample.append(particle)
                        accepted += bool(particle.accepted)
                    nxt += self.batch
                if self.progress:
                    self.progress(t, accepted, n, evaluated)
                if accepted >= n or evaluated >= max_eval:
                    break
        finally:
            results.close()  # drops the queued batches
        self.nr_evaluations_ = evaluated
        if sample.n_accepted < n:
            sample.ok = False
        return sample
