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


def test_h7_verdict_on_the_timing_of_lethal_arming_with_censoring():
    from experiments.analysis import effect_stats
    from experiments.claims import load_claim_file
    from model.metrics import months_to_lethal

    h7 = next(c for c in load_claim_file() if c.id == "H7")
    assert h7.metrics == ("kor_ukr_months_to_lethal",) and h7.sign == -1  # sooner
    sesoi = sesoi_of(h7.metrics[0])
    assert sesoi == 1.0  # a month

    def verdict(treaty, control, date=58):  # first lethal month per paired run; -1: none
        e = np.array([months_to_lethal(t, date, 0) - months_to_lethal(c, date, 0)
                      for t, c in zip(treaty, control, strict=True)])
        return effect_stats(e, h7.sign, sesoi)["verdict"], e

    # sooner with the treaty; three control runs censored at the date (58 months)
    v, e = verdict([40, 45, 50, 44, 47], [-1, -1, 55, -1, 52])
    assert v == "supported" and list(e) == [-18, -13, -5, -14, -5]
    # both arms armed by the date in every pair: a yes/no outcome sees no effect, the timing does
    v, e = verdict([30, 31, 29, 33], [40, 44, 41, 45])
    assert v == "supported" and e.mean() == -11.75
    assert verdict([-1] * 5, [-1] * 5)[0] == "negligible"  # censored in both: no effect
    assert verdict([50, 52, 51, 53], [40, 41, 43, 42])[0] == "contradicted"
    assert verdict([40, -1, 50, -1], [-1, 40, -1, 50])[0] == "inconclusive"
