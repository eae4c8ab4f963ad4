"""Scenario discovery (issue 17): PRIM and CART recover a known box; ``alliancesim discover``
end to end on a tiny stored sweep (files, figures, determinism); refusals (exit 2, one line,
nothing written)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from experiments.discovery.core import Settings, run_cart, run_prim
from experiments.spec import load_experiment
from experiments.sweep import sweep
from tests.conftest import FIXTURES, cli_exit_code

# The known box: x1 < 0.3 and x2 > 0.6 among five uniform inputs (12% of the points).
LO, HI = 0.3, 0.6
TOL = 0.05  # recovered limits within 0.05 of the true ones
MIN_COVERAGE = MIN_DENSITY = 0.8  # the stated thresholds for PRIM and CART


@pytest.fixture(scope="module")
def known_box():
    rng = np.random.default_rng(17)
    x = pd.DataFrame(rng.uniform(size=(1000, 5)), columns=[f"x{i}" for i in range(1, 6)])
    y = ((x["x1"] < LO) & (x["x2"] > HI)).to_numpy()
    flip = rng.uniform(size=y.size) < 0.02  # 2% label noise: the box is not perfectly clean
    return x, y ^ flip


def test_prim_recovers_the_known_box(known_box):
    x, y = known_box
    traj, chosen, limits = run_prim(x, y, Settings(claim="test"))
    box = traj.iloc[chosen["id"]]
    assert box["coverage"] >= MIN_COVERAGE and box["density"] >= MIN_DENSITY, box
    lim = limits.set_index("input")
    assert set(lim.index) == {"x1", "x2"}, limits  # the three noise inputs stay free
    assert lim.loc["x1", "box_hi"] == pytest.approx(LO, abs=TOL)
    assert lim.loc["x2", "box_lo"] == pytest.approx(HI, abs=TOL)
    assert np.isnan(lim.loc["x1", "qp_lo"]) and lim.loc["x1", "qp_hi"] < 1e-6
    assert np.isnan(lim.loc["x2", "qp_hi"]) and lim.loc["x2", "qp_lo"] < 1e-6


def test_cart_recovers_the_known_box(known_box):
    x, y = known_box
    leaves, text = run_cart(x, y, Settings(claim="test"))
    top = leaves.iloc[0]  # the densest leaf
    assert top["coverage"] >= MIN_COVERAGE and top["density"] >= MIN_DENSITY, leaves
    x1 = float(re.search(r"x1 ≤ ([\d.]+)", top["rule"]).group(1))
    x2 = float(re.search(r"x2 > ([\d.]+)", top["rule"]).group(1))
    assert x1 == pytest.approx(LO, abs=TOL) and x2 == pytest.approx(HI, abs=TOL)
    assert not re.search(r"x[345]", top["rule"]) and "x1 <=" in text


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A tiny real paired LHS sweep: 12 points × 2 arms × 1 replicate to 2025-12."""
    out = tmp_path_factory.mktemp("discovery") / "sweep"
    sweep(load_experiment(FIXTURES / "experiments" / "discovery_lhs.toml"), out,
          backend="serial", progress=False)
    return out


def _files(d) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


def test_discover_end_to_end_deterministic_and_figures(tiny, capsys):
    from experiments.analysis import paired_effects
    from experiments.sweep import load_results

    eff = paired_effects(load_results(tiny), "baseline", "no_pact", "rus_west_trust",
                         pd.Timestamp("2025-12-01"))["effect"]
    assert (eff < 0).all()  # H8 (Russia-West trust falls) holds in every point at 2025-12
    cut = f"{float(np.median(-eff)):.12g}"  # half the points beyond it
    args = ["discover", str(tiny), "--claim", "H8", "--threshold", cut]
    assert cli_exit_code(args) == 0
    text = capsys.readouterr().out
    case = tiny / "discovery" / "H8-rus_west_trust-2025-12-holds"
    assert "**H8 holds in 6 of 12 points (50%).**" in text
    assert re.search(r"H8 holds in \*\*\d+%\*\* of the points with ", text)
    first = _files(case)
    for name in ("points.csv", "prim_trajectory.csv", "prim_box.csv", "cart_leaves.csv",
                 "cart_tree.txt", "summary.json", "report.md", "prim_tradeoff.png",
                 "prim_box.pdf", "cart_tree.png", "cart_tree.caption.txt"):
        assert name in first, name
    points = pd.read_csv(case / "points.csv")
    assert len(points) == 12 and points["case"].sum() == 6
    assert list(points.columns[1:4]) == ["trust_norm_shock", "deflection_share", "threat_gain"]
    assert first["report.md"].decode() in text
    assert cli_exit_code(args) == 0  # same sweep, same settings: byte-identical files
    assert _files(case) == first
    capsys.readouterr()
    assert cli_exit_code(["figures", str(tiny)]) == 0
    assert "drew scenario discovery: 3 figure(s)" in capsys.readouterr().out
    assert (tiny / "figures" / f"discovery_{case.name}_cart_tree.png").is_file()


def test_a_claim_that_holds_nowhere_is_reported_without_boxes(tiny, capsys):
    args = ["discover", str(tiny), "--claim", "H8", "--contradicted", "--method", "prim"]
    assert cli_exit_code(args) == 0
    out = capsys.readouterr().out
    assert "H8 is contradicted in 0 of 12 points" in out and "No region to find" in out
    case = tiny / "discovery" / "H8-rus_west_trust-2025-12-contradicted"
    assert sorted(p.name for p in case.iterdir()) == ["points.csv", "report.md",
                                                      "summary.json"]


@pytest.mark.parametrize(("args", "message"), [
    (["--claim", "H9"], "--claim: H9: no such claim"),
    (["--claim", "H3"], "--claim: H3 was not recorded in this sweep (recorded: H1, H2, H8)"),
    (["--claim", "H2", "--date", "2030-12"], "--date: 2030-12 was not recorded"),
    (["--claim", "H1", "--metric", "kor_firms_exited"], "--metric: H1 is measured here by"),
])
def test_refusals_are_one_line_exit_2_and_write_nothing(tiny, capsys, args, message):
    before = sorted(p.name for p in (tiny / "discovery").iterdir()) \
        if (tiny / "discovery").exists() else []
    assert cli_exit_code(["discover", str(tiny), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err, err
    after = sorted(p.name for p in (tiny / "discovery").iterdir()) \
        if (tiny / "discovery").exists() else []
    assert after == before


def test_refuses_a_design_with_one_varied_input(tmp_path, capsys):
    out = tmp_path / "grid"
    sweep(load_experiment(FIXTURES / "experiments" / "mini_pair.toml"), out,
          backend="serial", progress=False)
    assert cli_exit_code(["discover", str(out), "--claim", "H2"]) == 2
    err = capsys.readouterr().err
    assert "design: discovery needs at least two varied inputs; this grid design varies 1 " \
           "(threat_gain)" in err and err.count("\n") == 1
    assert not (out / "discovery").exists()


def test_claims_discovery_is_a_large_paired_lhs_over_uncertain_parameters():
    from experiments.uncertain import is_uncertain
    from model.params import PARAMS

    exp = load_experiment("claims_discovery")
    assert exp.design_type == "lhs" and exp.samples >= 500
    assert len(exp.parameters) >= 12
    # uncertainty parameters, and uncertain world estimates (China's commitment to the UN
    # regime on the DPRK, the lever of H2)
    assert all(is_uncertain(n) or PARAMS[n].kind == "uncertainty" for n in exp.parameters)
    assert "commitment.un_dprk_sanctions.CHN" in exp.parameters
    assert exp.arms == ("baseline", "no_pact") and exp.treatment == "baseline"
    assert {"2026-12", "2030-12"} <= set(exp.dates)
