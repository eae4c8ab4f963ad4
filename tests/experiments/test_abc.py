"""Bayesian calibration: ABC-SMC recovers a known posterior, is seed-deterministic and
resumable; the posterior directory; priors."""

import hashlib
import json

import numpy as np
import pandas as pd
import pyabc
import pytest

from experiments.calibration.abc import calibration_targets, history, informed, run_abc
from experiments.calibration.abc_sampler import BatchSampler
from experiments.calibration.posterior import KIND, ess, load_posterior
from experiments.calibration.priors import Prior, load_priors, sample_prior
from experiments.weighted import weighted_quantile
from model.errors import InputError

OBS, N_OBS, SIGMA = 1.3, 25, 1.0  # toy: the mean of 25 draws of N(theta, 1), observed 1.3


def toy_model(pars):
    """Known likelihood: x̄ ~ N(θ, σ²/n); with a flat prior the posterior is N(x̄_obs, σ²/n)."""
    x = np.random.normal(pars["theta"], SIGMA, N_OBS)  # noqa: NPY002 (seeded by the sampler)
    return {"mean": float(x.mean())}


def toy_distance(x, x0):
    return abs(x["mean"] - x0["mean"])


def _toy_posterior(seed, population=150, generations=8):
    abc = pyabc.ABCSMC(toy_model, pyabc.Distribution(theta=pyabc.RV("uniform", -5, 10)),
                       toy_distance, population_size=population,
                       sampler=BatchSampler(seed, backend="serial", batch=25))
    abc.new("sqlite://", {"mean": OBS})
    hist = abc.run(minimum_epsilon=0.05, max_nr_populations=generations)
    return hist.get_distribution(m=0, t=hist.max_t)


def test_toy_posterior_recovers_the_known_one():
    df, w = _toy_posterior(7)
    theta = df["theta"].to_numpy()
    lo, med, hi = weighted_quantile(theta, w, (0.05, 0.5, 0.95))
    sd = SIGMA / np.sqrt(N_OBS)  # the exact posterior: N(1.3, 0.2²)
    assert lo < OBS < hi  # the truth-generating value lies in the 90% interval
    assert med == pytest.approx(OBS, abs=0.1)
    assert (hi - lo) / 2 == pytest.approx(1.645 * sd, rel=0.3)  # and so does its width
    assert ess(w) > 50


def test_toy_posterior_is_seed_deterministic():
    a, wa = _toy_posterior(11, 40, 3)
    b, wb = _toy_posterior(11, 40, 3)
    c, _ = _toy_posterior(12, 40, 3)
    assert np.array_equal(a["theta"].to_numpy(), b["theta"].to_numpy())
    assert np.array_equal(wa, wb)
    assert not np.array_equal(a["theta"].to_numpy(), c["theta"].to_numpy())


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_real_abc_same_seed_same_posterior_and_resume(tmp_path):
    kw = dict(population=12, budget=10_000, tolerance=0.01, seed=5, progress=False)
    full = run_abc(tmp_path / "a", max_generations=2, **kw)
    again = run_abc(tmp_path / "b", max_generations=2, **kw)
    for f in ("particles.parquet", "generations.parquet"):
        assert _digest(tmp_path / "a" / f) == _digest(tmp_path / "b" / f)
    # a run stopped after one generation and resumed gives the same posterior
    run_abc(tmp_path / "c", max_generations=1, **kw)
    run_abc(tmp_path / "c", max_generations=2, resume=True, **kw)
    assert _digest(tmp_path / "a" / "particles.parquet") == \
        _digest(tmp_path / "c" / "particles.parquet")
    post = load_posterior(tmp_path / "a")
    assert full["kind"] == KIND and again["generations"] == 2 == full["generations"]
    assert len(post.names) >= 10 and "commitment.un_dprk_sanctions.CHN" in post.names
    assert post.weights.sum() == pytest.approx(1.0)
    gens = pd.read_parquet(tmp_path / "a" / "generations.parquet")
    assert list(gens["t"]) == [-1, 0, 1]
    assert (gens["epsilon"].iloc[2] <= gens["epsilon"].iloc[1])
    assert ((gens["acceptance_rate"] > 0) & (gens["acceptance_rate"] <= 1)).all()


def test_history_distance_is_the_weighted_rms_of_the_losses():
    targets = calibration_targets()
    assert targets and all(t.role == "calibrate" for t in targets)
    assert all(t.kind != "firms_present" for t in targets)  # 2023 facts need --until 2023-12
    h = history({"commitment.un_dprk_sanctions.CHN": 0.2}, seed=3)
    w = sum(t.weight for t in targets)
    rms = np.sqrt(sum(t.weight * t.loss(h[t.id]) for t in targets) / w)
    assert h["distance"] == pytest.approx(rms)


def _posterior_dir(tmp_path, weights):
    from experiments.store import write_parquet

    d = tmp_path / "post"
    d.mkdir()
    p = pd.DataFrame({"threat_gain": [1.0, 2.0, 3.0, 4.0], "weight": weights,
                      "distance": [0.1] * 4})
    write_parquet(p, d / "particles.parquet", {"kind": KIND})
    write_parquet(pd.DataFrame({"t": [0]}), d / "generations.parquet", {"kind": KIND})
    (d / "manifest.json").write_text(json.dumps({"kind": KIND, "priors": []}))
    return d


def test_posterior_draws_by_weight(tmp_path):
    post = load_posterior(_posterior_dir(tmp_path, [0.6, 0.3, 0.1, 0.0]))
    x = post.draw(20_000, seed=1)["threat_gain"].to_numpy()
    freq = [(x == v).mean() for v in (1.0, 2.0, 3.0, 4.0)]
    assert freq == pytest.approx([0.6, 0.3, 0.1, 0.0], abs=0.015)
    assert post.draw(50, seed=2).equals(post.draw(50, seed=2))


def test_bad_posterior_directories(tmp_path):
    with pytest.raises(InputError, match="no such directory"):
        load_posterior(tmp_path / "nope")
    (tmp_path / "foreign").mkdir()
    with pytest.raises(InputError, match=r"missing particles\.parquet"):
        load_posterior(tmp_path / "foreign")
    d = _posterior_dir(tmp_path, [1, 1, 1, 1])
    (d / "manifest.json").write_text('{"kind": "sweep"}')
    with pytest.raises(InputError, match="foreign"):
        load_posterior(d)


def test_shipped_priors_and_sampling():
    priors = load_priors()
    assert len(priors) >= 10
    x = sample_prior(priors, 2000, seed=3)
    for p in priors:
        assert x[p.name].between(p.lo, p.hi).all()
    lu = Prior("a", 0.01, 1.0, "loguniform")
    q = lu.from_unit(np.array([0.0, 0.5, 1.0]))
    assert q == pytest.approx([0.01, 0.1, 1.0])
    assert sample_prior(priors, 5, seed=3).equals(sample_prior(priors, 5, seed=3))


@pytest.mark.parametrize(("text", "field", "msg"), [
    ("[threat_gain]\nlo = 0.5\nhi = 4\nnote = 'x'\n", "threat_gain.lo", "outside the declared"),
    ("[nope]\nnote = 'x'\n", "nope", "unknown parameter"),
    ("['commitment.no_such_norm.CHN']\nnote = 'x'\n", "commitment.no_such_norm.CHN",
     "unknown norm"),
    ("['commitment.un_dprk_sanctions.XXX']\nnote = 'x'\n",
     "commitment.un_dprk_sanctions.XXX", "unknown actor"),
    ("[threat_gain]\nlo = 2\nhi = 4\n", "threat_gain.source", "source id or a note"),
    ("[threat_gain]\nshape = 'normal'\nnote = 'x'\n", "threat_gain.shape", "unknown shape"),
])
def test_bad_priors(tmp_path, text, field, msg):
    path = tmp_path / "p.toml"
    path.write_text(text)
    with pytest.raises(InputError, match=msg) as exc:
        load_priors(path)
    assert exc.value.field == field


def test_firm_parameters_are_sampled_only_when_a_firm_fact_is_a_target():
    priors = load_priors()
    firm = {p.name for p in priors if p.name.startswith("firm_")}
    assert firm  # the shipped priors declare some
    early = informed(priors, calibration_targets("2021-12"))
    late = informed(priors, calibration_targets("2023-12"))
    assert not firm & {p.name for p in early}
    assert firm <= {p.name for p in late} and len(late) == len(priors)
    assert "commitment.un_dprk_sanctions.CHN" in {p.name for p in early}

