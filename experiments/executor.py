"""Backends behind one interface: ``execute_all(tasks, fn, backend, jobs, scheduler)`` yields
results as they complete, keeping at most a few tasks per worker in flight (memory stays flat
however many runs there are).

- ``serial``: in this process (``--jobs 1``).
- ``process``: a ProcessPoolExecutor on the ``forkserver`` start method (no fork of a
  multi-threaded parent; workers import the model once).

Workers of both parallel backends run single-threaded BLAS (``SINGLE_THREADED``).
- ``dask``: a ``dask.distributed`` Client on an existing scheduler (``--scheduler``) or on a
  LocalCluster of ``jobs`` single-threaded worker processes.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager

from experiments import lifeline
from model.errors import InputError

BACKENDS = ("serial", "process", "dask")
IN_FLIGHT_PER_WORKER = 4
# Each worker is one process on one core: BLAS thread pools inside workers would compete with
# the other workers (on a busy 2-core machine a 200-state run's matrix product became 15 times
# slower). Workers inherit these at start-up, before NumPy loads its BLAS.
SINGLE_THREADED = {k: "1" for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                    "MKL_NUM_THREADS")}


# Workers fork from a server that has imported the model and loaded its compiled kernels.
# experiments.lifeline comes first: the server dies with the sweep even while it warms up.
PRELOAD = ["experiments.lifeline", "experiments.worker", "model.warmup"]
SCHEDULER_TIMEOUT_S = 10


def prestart(backend: str, jobs: int, preload: tuple[str, ...] = ()) -> None:
    """Start the process backend's forkserver now, so that its imports and kernel loading
    (several seconds) overlap the caller's own preparation; a no-op for other backends.
    ``preload``: more modules for the server to import (every worker then has them)."""
    if backend == "process" and jobs > 1:
        from multiprocessing import forkserver

        multiprocessing.get_context("forkserver").set_forkserver_preload([*PRELOAD, *preload])
        with _worker_environment():
            forkserver.ensure_running()


@contextmanager
def _worker_environment():
    env = {**SINGLE_THREADED, lifeline.PARENT_ENV: str(os.getpid())}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@contextmanager
def _sigint_ignored():
    """SIGINT ignored while child processes are started (they keep ignoring it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def execute_all(tasks: Iterable, fn: Callable, *, backend: str = "process", jobs: int = 1,
                scheduler: str | None = None) -> Iterator:
    if backend == "serial" or (backend == "process" and jobs == 1):
        yield from map(fn, tasks)
    elif backend == "process":
        with _worker_environment():
            yield from _process(tasks, fn, jobs)
    elif backend == "dask":
        with _worker_environment():
            yield from _dask(tasks, fn, jobs, scheduler)
    else:
        raise ValueError(f"unknown backend {backend!r}")


def _process(tasks, fn, jobs) -> Iterator:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    it = iter(tasks)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx,
                               initializer=lifeline.worker_init)
    try:
        pending = set()
        for t in it:
            pending.add(pool.submit(fn, t))
            if len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    yield f.result()
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                yield f.result()
    finally:  # on Ctrl-C or an early close: drop the queued tasks, let running ones end
        pool.shutdown(wait=True, cancel_futures=True)


def check_scheduler(address: str, timeout: float | None = None) -> None:
    """Connect to the Dask scheduler at ``address`` once, before the sweep writes anything;
    an unreachable or malformed address is bad input (one line)."""
    from dask.distributed import Client

    timeout = timeout or SCHEDULER_TIMEOUT_S
    hint = "expected the address of a running scheduler, such as tcp://HOST:8786"
    try:
        with _worker_environment(), Client(address, timeout=timeout):
            pass
    except (ValueError, TypeError) as exc:
        raise InputError(address, "--scheduler", f"not a Dask scheduler address "
                         f"({_short(exc)}); {hint}") from None
    except (OSError, TimeoutError) as exc:
        raise InputError(address, "--scheduler", f"no Dask scheduler answered within "
                         f"{timeout:g} s ({_short(exc)}); {hint}") from None


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__


def _dask(tasks, fn, jobs, scheduler) -> Iterator:
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        with _sigint_ignored():  # the workers inherit it: on Ctrl-C the sweep decides
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        client = Client(cluster)
    try:
        it = iter(tasks)
        limit = max(1, jobs) * IN_FLIGHT_PER_WORKER
        first = [client.submit(fn, t, pure=False) for _, t in zip(range(limit), it,
                                                                    strict=False)]
        queue = as_completed(first)
        for fut in queue:
            yield fut.result()
            fut.release()
            nxt = next(it, None)
            if nxt is not None:
                queue.add(client.submit(fn, nxt, pure=False))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
