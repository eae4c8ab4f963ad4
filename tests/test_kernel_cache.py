"""The CLI's notice that the first run compiles the kernels (model/mechanisms/kernel_cache.py)."""

import os

from model.mechanisms.kernel_cache import cold_modules


def test_a_module_is_cold_without_a_cache_index_newer_than_its_source(tmp_path, monkeypatch):
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.delenv("NUMBA_DISABLE_JIT", raising=False)
    (tmp_path / "mech.py").write_text("@kernel\ndef f(x):\n    return x\n")
    (tmp_path / "plain.py").write_text("def g(x):\n    return x  # @kernel in a comment\n")
    assert cold_modules(tmp_path) == ["mech"]  # never compiled
    cache = tmp_path / "__pycache__"
    cache.mkdir()
    index = cache / "mech.f-1.py312.nbi"
    index.write_text("")
    os.utime(tmp_path / "mech.py", (1_000, 1_000))
    assert cold_modules(tmp_path) == []  # compiled after the last change
    os.utime(index, (500, 500))
    assert cold_modules(tmp_path) == ["mech"]  # the source changed since
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path))
    assert cold_modules(tmp_path) == []  # a cache elsewhere: unknown, no notice
