"""Uncertain world estimates (norm commitments) sampled like parameters; prior and posterior
designs; the verdict over draws; bad input at the command line."""

import json

import numpy as np
import pandas as pd
import pytest

from experiments.analysis_draws import draws_summary
from experiments.design import design_points, runs
from experiments.spec import load_experiment
from experiments.uncertain import split
from experiments.worker import Task, run_table
from model.errors import InputError
from tests.conftest import cli_exit_code

CHN = "commitment.un_dprk_sanctions.CHN"


def _exp(tmp_path, design: str, name="e.toml"):
    p = tmp_path / name
    p.write_text('name = "t"\narms = ["baseline", "no_pact"]\nreplicates = 2\nroot_seed = 3\n'
                 f'record = ["2014-12"]\nend = "2014-12"\n[design]\n{design}')
    return load_experiment(p)


def test_a_commitment_is_swept_like_a_parameter(tmp_path):
    e = _exp(tmp_path, f'type = "grid"\n[design.parameters]\n"{CHN}" = [0.1, 0.9]\n')
    rs = [r for r in runs(e) if r.arm == "baseline" and r.replicate == 0]
    assert [r.params[CHN] for r in rs] == [0.1, 0.9]
    assert split(rs[0].params) == ({}, {("un_dprk_sanctions", "CHN"): 0.1})
    tables = [run_table(Task(r, "baseline", "2014-12", e.record, ("rus_trade_share_chn",)))
              for r in rs]
    assert tables[0][CHN].iloc[0] == 0.1
    # the same seed, a different commitment: the world differs, so the history does (once
    # the treaty's transfers break the regime China is committed to)
    from model.model import AllianceModel
    from model.scenario import load_scenario, with_commitments

    sc = load_scenario("baseline", end="2026-12")
    lo = with_commitments(sc, {("un_dprk_sanctions", "CHN"): 0.1})
    assert lo.world.norms["un_dprk_sanctions"].commitment[sc.world.index("CHN")] == 0.1
    assert sc.world.norms["un_dprk_sanctions"].commitment[sc.world.index("CHN")] == 0.55
    assert lo.digest != sc.digest
    a = AllianceModel(sc, rng=1).run().relations[0][-1]
    b = AllianceModel(lo, rng=1).run().relations[0][-1]
    assert not np.array_equal(a, b)


@pytest.mark.parametrize(("name", "msg"), [("commitment.no_norm.CHN", "unknown norm"),
                                           ("commitment.un_dprk_sanctions.XX", "unknown actor")])
def test_unknown_norm_or_actor(tmp_path, name, msg):
    with pytest.raises(InputError, match=msg) as exc:
        _exp(tmp_path, f'type = "lhs"\nsamples = 2\n[design.parameters]\n"{name}" = [0, 1]\n')
    assert exc.value.field == f"design.parameters.{name}"


def test_prior_design_draws_from_the_priors(tmp_path):
    from experiments.calibration.priors import load_priors

    e = _exp(tmp_path, 'type = "prior"\nsamples = 40\n')
    pts = design_points(e)
    priors = load_priors()
    assert len(pts) == 40 and list(pts.columns[1:]) == [p.name for p in priors]
    for p in priors:
        assert pts[p.name].between(p.lo, p.hi).all()
    assert pts.equals(design_points(e))
    assert len(runs(e)) == 40 * 2 * 2  # draws × replicates × arms, paired by seed
    r = runs(e)
    assert r[0].seed == r[1].seed and r[0].arm != r[1].arm


def test_posterior_design_draws_by_weight(tmp_path):
    from experiments.calibration.posterior import KIND
    from experiments.store import write_parquet

    d = tmp_path / "post"
    d.mkdir()
    write_parquet(pd.DataFrame({"threat_gain": [2.0, 5.0], CHN: [0.2, 0.5],
                                "weight": [0.8, 0.2], "distance": [0.5, 0.6]}),
                  d / "particles.parquet", {"kind": KIND})
    write_parquet(pd.DataFrame({"t": [0]}), d / "generations.parquet", {"kind": KIND})
    (d / "manifest.json").write_text(json.dumps({"kind": KIND, "priors": []}))
    e = _exp(tmp_path, 'type = "posterior"\nsamples = 4000\nposterior = "post"\n')
    pts = design_points(e)
    assert set(pts.columns) == {"design_index", "threat_gain", CHN}
    assert (pts["threat_gain"] == 2.0).mean() == pytest.approx(0.8, abs=0.02)
    assert ((pts["threat_gain"] == 2.0) == (pts[CHN] == 0.2)).all()  # whole particles
    with pytest.raises(InputError, match="no such directory"):
        _exp(tmp_path, 'type = "posterior"\nsamples = 4\nposterior = "nowhere"\n')
    with pytest.raises(InputError, match="needs the posterior"):
        _exp(tmp_path, 'type = "posterior"\nsamples = 4\n')


def _effects(per_draw: dict[int, list[float]]) -> pd.DataFrame:
    return pd.DataFrame([{"design_index": d, "replicate": r, "effect": e}
                         for d, es in per_draw.items() for r, e in enumerate(es)])


def test_verdict_over_draws_on_scripted_effects():
    # 20 draws: 19 clearly positive, one negative → 95% on the claimed side: supported
    eff = _effects({d: [1.0 + 0.1 * d, 1.2 + 0.1 * d] for d in range(19)} | {19: [-1, -1.2]})
    s = draws_summary(eff, sign=1, sesoi=0.1)
    assert s["draws"] == 20 and s["share_claimed_side"] == pytest.approx(0.95)
    assert s["verdict"] == "supported"
    assert s["median"] == pytest.approx(np.median([1.1 + 0.1 * d for d in range(19)] + [-1.1]))
    assert draws_summary(eff, sign=-1, sesoi=0.1)["verdict"] == "contradicted"
    # 80% positive: the seed-only interval of the mean is tight, but only 80% of the
    # posterior is on the claimed side: inconclusive over draws
    eff = _effects({d: [1.0, 1.0001] if d < 16 else [-1.0, -1.0001] for d in range(20)})
    s = draws_summary(eff, sign=1, sesoi=0.1)
    assert s["verdict"] == "inconclusive" and s["seed_verdict"] == "supported"
    assert s["seed_ci_high"] - s["seed_ci_low"] < 0.01
    # all draws inside ±SESOI: negligible
    eff = _effects({d: [0.01, -0.01] for d in range(10)})
    assert draws_summary(eff, sign=1, sesoi=0.1)["verdict"] == "negligible"


def _no_new_files(root, before):
    return sorted(p for p in root.rglob("*") if p not in before)


@pytest.mark.parametrize("make", ["missing", "foreign"])
def test_validate_bad_posterior_is_one_line_exit_2(tmp_path, capsys, make):
    d = tmp_path / "post"
    if make == "foreign":
        d.mkdir()
        (d / "manifest.json").write_text("{}")
    out = tmp_path / "val"
    before = set(tmp_path.rglob("*"))
    assert cli_exit_code(["validate", "--posterior", str(d), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "posterior" in err[0]
    assert _no_new_files(tmp_path, before) == []


def test_calibrate_bad_prior_is_one_line_exit_2(tmp_path, capsys):
    pri = tmp_path / "p.toml"
    pri.write_text("[threat_gain]\nlo = 0.1\nhi = 4\nnote = 'x'\n")
    before = set(tmp_path.rglob("*"))
    assert cli_exit_code(["calibrate", "--method", "abc", "--priors", str(pri),
                          "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "threat_gain.lo" in err[0] and "p.toml" in err[0]
    assert _no_new_files(tmp_path, before) == []
