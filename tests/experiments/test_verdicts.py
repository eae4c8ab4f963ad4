"""The verdict rule with a smallest effect of interest (experiments/verdicts.py)."""

import numpy as np
import pytest

from experiments.verdicts import draws_verdict, interval_verdict, sesoi_of


@pytest.mark.parametrize(("low", "high", "sign", "expected"), [
    (0.02, 0.03, 1, "supported"),          # beyond +SESOI on the claimed side
    (0.004, 0.03, 1, "inconclusive"),      # reaches into the band
    (-0.03, -0.02, 1, "contradicted"),
    (-0.03, -0.02, -1, "supported"),       # a claimed fall
    (-0.004, 0.003, 1, "negligible"),      # inside ±SESOI: equivalence
    (-1e-13, 1e-13, -1, "negligible"),
    (-0.004, 0.006, 1, "inconclusive"),
    (0.0, np.inf, 1, "inconclusive"),      # n = 1
])
def test_interval_verdict_with_a_sesoi_of_0_005(low, high, sign, expected):
    assert interval_verdict(low, high, sign, 0.005) == expected


def test_without_a_sesoi_any_interval_off_zero_decides():
    assert interval_verdict(2e-6, 3e-6, 1) == "supported"
    assert interval_verdict(-1e-6, 3e-6, 1) == "inconclusive"


def test_draws_verdict_uses_the_same_regions():
    rng = np.random.default_rng(1)
    assert draws_verdict(rng.normal(0.05, 0.01, 4000), 1, 0.01) == "supported"
    assert draws_verdict(rng.normal(0.05, 0.01, 4000), -1, 0.01) == "contradicted"
    assert draws_verdict(rng.normal(0.0, 0.002, 4000), 1, 0.01) == "negligible"
    assert draws_verdict(rng.normal(0.01, 0.01, 4000), 1, 0.01) == "inconclusive"


def test_sesoi_per_metric_unit_firm_metrics_and_overrides():
    assert sesoi_of("rus_trade_share_chn") == 0.005  # share
    assert sesoi_of("rus_west_trust") == 0.01  # trust scale
    assert sesoi_of("rus_kor_trade_usd_bn") == 0.5  # USD bn
    assert sesoi_of("kor_arms_to_ukr") == 0.05  # 0/1 indicator
    assert sesoi_of("jpn_firms_exited") == 0.5  # a firm metric (count)
    assert sesoi_of("rus_trade_share_chn", 0.02) == 0.02  # the claim's override
    assert sesoi_of("no_such_metric") == 0.0
