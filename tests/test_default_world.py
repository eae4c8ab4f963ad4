"""The default world: data loads, 2013 matches its sources, and the treaty's consequences
emerge (baseline vs no_pact, paired seeds). Nothing in the model names these actors."""

import numpy as np
import pandas as pd
import pytest

from model.model import AllianceModel
from model.scenario import load_scenario
from model.world import load_world

SEEDS = (1, 2, 3)
WHEN = pd.Timestamp("2026-12-01")


@pytest.fixture(scope="module")
def paired():
    base, nop = load_scenario("baseline", end="2026-12"), load_scenario("no_pact", end="2026-12")
    out = {}
    for s in SEEDS:
        out[s] = tuple(AllianceModel(sc, rng=s, record_relations=False).run().timeseries()
                       .set_index("date").loc[WHEN] for sc in (base, nop))
    return out


def test_default_world_2013_matches_its_sources():
    w = load_world("default")
    assert w.n == 15 and w.passive.sum() == 1 and w.codes[-1] == "ROW"
    i = w.index
    rus = w.exports0[i("RUS")].sum() + w.exports0[:, i("RUS")].sum()
    chn = w.exports0[i("RUS"), i("CHN")] + w.exports0[i("CHN"), i("RUS")]
    assert chn == pytest.approx(89.21, abs=0.01)  # calibration_facts.csv, 2013
    assert 0.09 < chn / rus < 0.12
    prk = w.exports0[i("PRK")].sum() + w.exports0[:, i("PRK")].sum()
    prk_chn = w.exports0[i("PRK"), i("CHN")] + w.exports0[i("CHN"), i("PRK")]
    assert prk_chn == pytest.approx(6.54, abs=0.01) and prk_chn / prk > 0.85
    assert w.capability0.sum() == pytest.approx(1.0, abs=1e-3)
    assert w.alliance0[i("USA"), i("KOR")] == 1.0 and w.alliance0[i("CHN"), i("PRK")] > 0
    assert w.norms["un_dprk_sanctions"].voted[i("RUS")] == 1  # Russia voted for the regime
    assert w.norms["un_dprk_sanctions"].target == i("PRK")


def test_the_treaty_raises_kor_and_jpn_threat_from_the_dprk(paired):
    for s, (b, n) in paired.items():
        assert b["threat_kor_from_prk"] > n["threat_kor_from_prk"] + 0.01, s
        assert b["threat_jpn_from_prk"] > n["threat_jpn_from_prk"] + 0.01, s


def test_the_treaty_lowers_trust_in_russia_in_its_neighbourhood(paired):
    for s, (b, n) in paired.items():
        assert b["trust_in_rus_neighbourhood"] < n["trust_in_rus_neighbourhood"] - 0.02, s


def test_histories_agree_before_the_treaty():
    base = AllianceModel("baseline", rng=5, end="2024-05", record_relations=False).run()
    nop = AllianceModel("no_pact", rng=5, end="2024-05", record_relations=False).run()
    assert np.array_equal(base.metric_values, nop.metric_values)
