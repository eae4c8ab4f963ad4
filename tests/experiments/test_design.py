"""Designs: sizes, bounds, determinism; seeds stable when a sweep is extended."""

import numpy as np
import pytest

from experiments.design import design_points, run_seed, runs
from experiments.spec import load_experiment
from model.errors import InputError
from tests.conftest import FIXTURES

MINI = FIXTURES / "experiments" / "mini_pair.toml"


def _exp(tmp_path, design: str, arms='["baseline"]', extra=""):
    p = tmp_path / "e.toml"
    p.write_text(f'name = "t"\narms = {arms}\nreplicates = 2\nroot_seed = 3\n{extra}'
                 f'[design]\n{design}')
    return load_experiment(p)


def test_grid_with_lists_and_ranges(tmp_path):
    e = _exp(tmp_path, 'type = "grid"\nranges = ["threat_gain"]\n[design.parameters]\n'
             'threat_gain = [2.0, 2.0, 8.0]\ndeflection_share = [0.3, 0.9]\n')
    pts = design_points(e)
    assert len(pts) == 4 * 2
    assert sorted(set(pts["threat_gain"])) == [2.0, 4.0, 6.0, 8.0]
    assert list(pts["design_index"]) == list(range(8))


@pytest.mark.parametrize("kind,samples,rows", [("lhs", 10, 10), ("sobol", 8, 8 * (3 + 2)),
                                               ("morris", 5, 5 * (3 + 1))])
def test_sampled_designs_size_bounds_determinism(tmp_path, kind, samples, rows):
    design = (f'type = "{kind}"\nsamples = {samples}\n[design.parameters]\n'
              'threat_gain = {lo = 2.0, hi = 8.0}\ndeflection_share = {lo = 0.3, hi = 0.9}\n'
              'tech_transfer_size = [0.0, 0.3]\n')
    e = _exp(tmp_path, design)
    a, b = design_points(e), design_points(e)
    assert len(a) == rows
    assert a.equals(b)
    eps = 1e-12
    assert a["threat_gain"].between(2.0 - eps, 8.0 + eps).all()
    assert a["deflection_share"].between(0.3 - eps, 0.9 + eps).all()
    assert a["tech_transfer_size"].between(0.0, 0.3 + eps).all()


def test_seeds_paired_across_arms_and_stable_when_extended():
    e = load_experiment(MINI)
    r = runs(e)
    assert len(r) == 2 * 4 * 2  # points × replicates × arms
    by_key = {}
    for run in r:
        by_key.setdefault((run.design_index, run.replicate), set()).add(run.seed)
    assert all(len(s) == 1 for s in by_key.values())  # arms share the seed
    assert len({next(iter(s)) for s in by_key.values()}) == len(by_key)  # distinct otherwise
    more = {(x.run_id): x.seed for x in runs(load_experiment(MINI, replicates=9))}
    assert all(more[x.run_id] == x.seed for x in r)  # extending keeps existing seeds
    assert run_seed(5, 1, 2) == int(np.random.SeedSequence(5, spawn_key=(1, 2))
                                     .generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))


@pytest.mark.parametrize("body,field,msg", [
    ('[design]\ntype = "grid"\n[design.parameters]\nnope = [1.0]\n', "design.parameters.nope",
     "unknown parameter"),
    ('[design]\ntype = "grid"\n[design.parameters]\ndeflection_share = [0.5, 2.0]\n',
     "design.parameters.deflection_share", "outside declared bounds"),
    ('[design]\ntype = "lhs"\nsamples = 4\n[design.parameters]\n'
     'threat_gain = {lo = 0.0, hi = 3.0}\n', "design.parameters.threat_gain",
     "outside declared bounds"),
    ('[design]\ntype = "factorial"\n', "design.type", "unknown design type"),
    ('[design]\ntype = "sobol"\nsamples = 6\n[design.parameters]\n'
     'threat_gain = {lo = 2.0, hi = 3.0}\n', "design.samples", "power of 2"),
    ('[design]\ntype = "none"\ncolour = 1\n', "design.colour", "unknown key"),
])
def test_bad_designs(tmp_path, body, field, msg):
    p = tmp_path / "e.toml"
    p.write_text('name = "t"\narms = ["baseline"]\n' + body)
    with pytest.raises(InputError) as exc:
        load_experiment(p)
    assert exc.value.field == field and msg in exc.value.message


def test_bad_experiment_files(tmp_path):
    p = tmp_path / "e.toml"
    p.write_text("arms = [\n")
    with pytest.raises(InputError, match="toml"):
        load_experiment(p)
    p.write_text('arms = ["no_such_scenario"]\n')
    with pytest.raises(InputError, match="unknown scenario"):
        load_experiment(p)
    with pytest.raises(InputError, match="no such experiment"):
        load_experiment("no_such_experiment")


def test_shipped_experiments_load():
    from experiments.spec import shipped_experiments

    names = set(shipped_experiments())
    assert {"pact_effect", "kor_response", "global_sensitivity", "ceasefire_recovery"} <= names
    pe = load_experiment("pact_effect")
    assert pe.replicates == 100 and pe.arms == ("baseline", "no_pact")
    gs = load_experiment("global_sensitivity")
    assert len(gs.parameters) == 8 and len(design_points(gs)) == 64 * (8 + 2)
