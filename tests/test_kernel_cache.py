"""The kernel cache (model/mechanisms/kernel_cache.py): one folder per version of all the
mechanism files, and the CLI's notice that the first run compiles."""

from model.mechanisms import kernel_cache as kc


def test_any_mechanism_change_moves_the_cache_and_makes_every_kernel_cold(tmp_path, monkeypatch):
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.delenv("NUMBA_DISABLE_JIT", raising=False)
    (tmp_path / "mech.py").write_text("@kernel\ndef f(x):\n    return x\n")
    (tmp_path / "other.py").write_text("@kernel\ndef g(x):\n    return x\n")
    (tmp_path / "plain.py").write_text("def h(x):\n    return x  # @kernel in a comment\n")
    assert kc.cold_modules(tmp_path) == ["mech", "other"]  # never compiled
    cache = kc.cache_dir(tmp_path)
    (cache / "sub").mkdir(parents=True)
    for stem in ("mech", "other"):
        (cache / "sub" / f"{stem}.f-1.py312.nbi").write_text("")
    assert kc.cold_modules(tmp_path) == []
    # a callee's file changes: the digest moves, so its callers in other files recompile too
    (tmp_path / "other.py").write_text("@kernel\ndef g(x):\n    return 2 * x\n")
    assert kc.cache_dir(tmp_path) != cache
    assert kc.cold_modules(tmp_path) == ["mech", "other"]
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path))
    assert kc.cold_modules(tmp_path) == []  # a cache elsewhere: unknown, no notice


def test_the_model_uses_the_digest_cache():
    import numba

    import model.mechanisms.jit  # noqa: F401  (sets the cache folder)

    assert str(kc.cache_dir()) == numba.config.CACHE_DIR
