"""Backends: workers run single-threaded BLAS, and the parent's environment is restored."""

import os

import pytest

from experiments.executor import SINGLE_THREADED, execute_all


@pytest.mark.parametrize("backend", ["process", "dask"])
def test_workers_run_single_threaded_blas(backend):
    before = {k: os.environ.get(k) for k in SINGLE_THREADED}
    seen = list(execute_all(list(SINGLE_THREADED), os.getenv, backend=backend, jobs=2))
    assert sorted(seen) == ["1"] * len(SINGLE_THREADED)
    assert {k: os.environ.get(k) for k in SINGLE_THREADED} == before
