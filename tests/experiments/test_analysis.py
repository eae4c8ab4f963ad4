"""Analysis: the statistics on synthetic data with known effects, and on a stored sweep."""

import numpy as np
import pandas as pd
import pytest

from experiments.analysis import analyze, effect_stats, hypothesis_table, load_hypotheses
from experiments.spec import load_experiment
from experiments.sweep import sweep
from tests.conftest import FIXTURES


def test_effect_stats_known_values():
    e = np.array([1.0, 2.0, 3.0, 4.0])
    s = effect_stats(e, +1)
    half = 3.182446305284263 * np.std(e, ddof=1) / 2  # t(0.975, 3)
    assert s["mean"] == pytest.approx(2.5)
    assert s["ci_low"] == pytest.approx(2.5 - half) and s["ci_high"] == pytest.approx(2.5 + half)
    assert s["share_claimed_sign"] == 1.0 and s["verdict"] == "supported"
    assert effect_stats(e, -1)["verdict"] == "contradicted"
    assert effect_stats(np.array([-1.0, 1.0, -2.0, 2.0]), 1)["verdict"] == "inconclusive"
    assert effect_stats(np.zeros(5), 1)["verdict"] == "negligible"  # exactly no effect
    # a smallest effect of interest: an interval inside ±SESOI is negligible, one that
    # reaches beyond 0 but not beyond SESOI inconclusive (+2e-06 on a share is no effect)
    assert effect_stats(np.array([2e-6, 2.1e-6, 1.9e-6]), 1, 0.005)["verdict"] == "negligible"
    assert effect_stats(e, +1, 1.0)["verdict"] == "inconclusive"
    assert effect_stats(e + 10, -1, 1.0)["verdict"] == "contradicted"
    assert effect_stats(np.array([1e-17, -1e-17]), 1)["mean"] == 0.0
    assert effect_stats(np.array([3.0]), 1)["verdict"] == "inconclusive"  # n = 1


def test_hypothesis_table_on_synthetic_paired_data():
    rng = np.random.default_rng(0)
    n = 200
    rows = []
    for r in range(n):
        noise = rng.normal(0, 1)
        for arm, shift in (("t", 0.3), ("c", 0.0)):
            rows.append({"arm": arm, "design_index": 0, "replicate": r,
                         "date": pd.Timestamp("2030-12-01"),
                         "kor_divestment": 5 + noise + shift + rng.normal(0, 0.1),
                         "rus_trade_share_chn": 0.3 + noise - shift})
    df = pd.DataFrame(rows)
    hyps = [h for h in load_hypotheses() if h.id in ("H1", "H2")]
    t = hypothesis_table(df, hyps, "t", "c", [pd.Timestamp("2030-12-01")])
    h1 = t[(t["metric"] == "kor_divestment")].iloc[0]
    assert h1["mean"] == pytest.approx(0.3, abs=0.03) and h1["verdict"] == "supported"
    assert h1["ci_low"] < 0.3 < h1["ci_high"]
    h2 = t[(t["metric"] == "rus_trade_share_chn")].iloc[0]
    assert h2["mean"] == pytest.approx(-0.3) and h2["verdict"] == "contradicted"
    assert h2["share_claimed_sign"] == 0.0


def test_analyze_writes_tables(tmp_path):
    out = tmp_path / "s"
    sweep(load_experiment(FIXTURES / "experiments" / "mini_pair.toml"), out, backend="serial",
          progress=False)
    text = analyze(out)
    assert "bloc_polarization" in text and "16 of 16 runs finished" in text
    eff = pd.read_csv(out / "analysis" / "effects.csv")
    assert set(eff["date"]) == {"2004-12", "2006-12"} and (eff["n"] == 8).all()
    assert (out / "analysis" / "report.md").read_text() == text
