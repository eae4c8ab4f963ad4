"""A second world through data files only: Europe 1872–1907 (issue 7, part 3).

Six powers (GB, FR, RU, GE, AH, IT) start in 1872-01 with no alliances, France and Germany
hostile after 1870–71, and four disputes (Alsace-Lorraine, the Balkans, the Great Game, Italian
irredentism). The timeline enters the treaties of 1873–1907 as `defence_pact` / `alliance_end`
events between their signatories only. The classic reading (Antal, Krapivsky & Redner 2006):
structural balance turns this sequence into two blocs, {GB, FR, RU} against {GE, AH, IT}, and
the hostile relations no treaty or dispute set are the ones balance created.

What the model does:

- **Default parameters: no two blocs** (``test_with_default_parameters_...``). A treaty moves
  its signatories' trust once, at signing (``trust_pact_boost`` 0.4 × the new strength; half of
  it enters the baseline, which is forgiven over 10 years); nothing keeps allies' trust up while
  the alliance lasts. So trust drifts back to its 1872 values, and the balance pull (0.01/month,
  equal to the relaxation rate toward the baseline) cannot split the system: in 1907 France and
  Russia still distrust each other despite their 1894 alliance.
- **With an explicit override, two blocs** (``test_two_blocs_...``), see OVERRIDE.
- **Only in a window of balance rates** (``test_the_blocs_need_...``): slower balance leaves
  Britain friends with everybody; faster balance locks in the Three Emperors' structure of the
  1870s before the Franco-Russian alliance, and Russia ends on Germany's side.
"""

from __future__ import annotations

import numpy as np
import pytest

from model.mechanisms import balance as bal
from model.model import AllianceModel
from model.scenario import load_scenario, shipped_scenarios

SCENARIO = "europe_1872"
SEEDS = (1, 2, 3)
BLOCS = (("GB", "FR", "RU"), ("GE", "AH", "IT"))
SIGNATORIES = {("GE", "RU"), ("GE", "AH"), ("AH", "RU"), ("GE", "IT"), ("AH", "IT"),
               ("FR", "RU"), ("GB", "FR"), ("GB", "RU")}  # every pair any event touches
# Override for the two-bloc test, each value inside its declared bounds (all "to be
# calibrated" estimates in model/params.py):
# - trust_init_alignment 0.7 -> 0.05: this world's alignment column is a regime proxy (Polity),
#   a weak guide to great-power alignment in an era when republican France allied with
#   autocratic Russia; initial trust then comes from the sourced war legacy (FR-GE) and the
#   four disputes, and is near 0 elsewhere (after five great-power wars in 1854-71).
# - trust_pact_boost 0.4 -> 1.0 (its upper bound): the signing shock is the only way a treaty
#   moves trust in this model; at 0.4 a full alliance (0.9) moves trust by 0.36 and then fades.
# - trust_balance_rate 0.01 -> 0.04: balance four times the relaxation rate, so that two blocs
#   are a stable state rather than eroded by the baselines (ARK: balance must dominate).
# The point was chosen from a scan (init 0.0/0.05 x balance 0.03-0.05 x 20 seeds): at 0.04 all
# 20 seeds give the two blocs; at 0.035 14/20, at 0.045 2/20; at 0.03 and 0.05 almost none.
OVERRIDE = {"trust_init_alignment": 0.05, "trust_balance_rate": 0.04, "trust_pact_boost": 1.0}
# Cross-bloc hostility that no event, dispute or trust override touches: made by balance.
CREATED_BY_BALANCE = [("GB", "GE"), ("GB", "AH"), ("GB", "IT"), ("FR", "AH"), ("FR", "IT"),
                      ("RU", "IT")]


def _pair(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(SCENARIO)


def _final(scenario, seed: int, params: dict) -> AllianceModel:
    return AllianceModel(scenario, rng=seed, params=params, record_relations=False).run()


def _touched(scenario) -> set[frozenset[str]]:
    """Pairs set by data or events: any event's (a, b), any dispute, any trust override."""
    w, codes = scenario.world, scenario.world.codes
    pairs = {_pair(e.fields["a"], e.fields["b"]) for e in scenario.events}
    pairs |= {_pair(codes[i], codes[j]) for i, j in zip(*np.nonzero(w.dispute), strict=True)}
    pairs |= {_pair(codes[i], codes[j]) for i, j in w.trust_overrides}
    return pairs


def _symmetric(model) -> np.ndarray:
    return (model.state.trust + model.state.trust.T) / 2


def test_the_world_is_data_only_and_events_touch_only_signatories(scenario):
    w = scenario.world
    assert SCENARIO in shipped_scenarios()
    assert w.codes == ("GB", "FR", "RU", "GE", "AH", "IT")
    assert w.start_month == 1872 * 12 and scenario.end_month == 1907 * 12 + 11
    off = ~np.eye(w.n, dtype=bool)
    assert (w.exports0[off] > 0).all()  # all 30 ordered pairs
    assert not w.alliance0.any() and not w.sanctions0.any()
    assert set(w.trust_overrides) == {(w.index("FR"), w.index("GE")),
                                      (w.index("GE"), w.index("FR"))}
    assert {e.type for e in scenario.events} == {"defence_pact", "alliance_end"}
    assert {_pair(e.fields["a"], e.fields["b"]) for e in scenario.events} == {
        _pair(a, b) for a, b in SIGNATORIES}
    assert [e.id for e in scenario.events if e.type == "alliance_end"] == [
        "three_emperors_expires_ah_ru", "reinsurance_lapses"]


def test_alliance_end_removes_the_pact_and_its_trust():
    sc = load_scenario(SCENARIO)
    m = AllianceModel(sc, rng=1, params={"trust_noise_sd": 0.0})
    ge, ru = m.world.index("GE"), m.world.index("RU")
    while m.date_label != "1890-05":
        m.step()
    before_a, before_t = m.state.alliance[ge, ru], m.state.trust[ge, ru]
    assert before_a == 0.5
    m.step()  # 1890-06: the Reinsurance Treaty lapses
    assert m.state.alliance[ge, ru] == m.state.alliance[ru, ge] == 0.0
    shock = -m.params.trust_pact_boost * before_a
    assert m.state.trust[ge, ru] == pytest.approx(before_t + shock, abs=0.02)


def test_with_default_parameters_the_treaties_do_not_split_europe(scenario):
    codes = scenario.world.codes
    for seed in SEEDS[:2]:
        m = _final(scenario, seed, {})
        t, s = _symmetric(m), bal.signed(m.state.trust)
        hostile = sorted(f"{codes[i]}-{codes[j]}" for i, j in zip(*np.triu_indices(6, 1),
                                                                    strict=True) if s[i, j] < 0)
        print(f"defaults, seed {seed}: hostile {hostile}")
        assert not bal.is_balanced(s)
        fr, ru, ge = (codes.index(c) for c in ("FR", "RU", "GE"))
        assert t[fr, ge] < -0.3  # the 1871 legacy persists
        assert t[fr, ru] < 0  # the 1894 alliance has faded back to the 1872 distrust


def test_two_blocs_and_the_hostility_that_balance_created(scenario):
    """With OVERRIDE (see above), every seed ends in {GB, FR, RU} vs {GE, AH, IT}. The hostile
    cross-bloc relations that no event, dispute or trust override touches are GB-GE, GB-AH,
    GB-IT, FR-AH, FR-IT and RU-IT; a counterfactual run without balance (same seed, balance
    rate 0) leaves each of them near neutral, so the balance mechanism made them."""
    codes = scenario.world.codes
    touched = _touched(scenario)
    for seed in SEEDS:
        m = _final(scenario, seed, OVERRIDE)
        s = bal.signed(m.state.trust)
        assert bal.blocs(s, codes) == BLOCS
        t = _symmetric(m)
        cross = [(a, b) for a in BLOCS[0] for b in BLOCS[1]]
        hostile = [(a, b) for a, b in cross if t[codes.index(a), codes.index(b)] < 0]
        assert hostile == cross
        created = [(a, b) for a, b in hostile if _pair(a, b) not in touched]
        print(f"seed {seed}: hostility created by balance: "
              + ", ".join(f"{a}-{b} {t[codes.index(a), codes.index(b)]:+.2f}"
                          for a, b in created))
        assert created == CREATED_BY_BALANCE
        no_balance = _symmetric(_final(scenario, seed, {**OVERRIDE, "trust_balance_rate": 0.0}))
        for a, b in created:
            i, j = codes.index(a), codes.index(b)
            assert t[i, j] < -0.3 and abs(no_balance[i, j]) < 0.15, (seed, a, b)


def test_the_blocs_need_a_balance_rate_in_a_window(scenario):
    codes = scenario.world.codes
    slow = bal.signed(_final(scenario, 1, {**OVERRIDE, "trust_balance_rate": 0.03}).state.trust)
    gb = codes.index("GB")
    assert not bal.is_balanced(slow)
    assert (slow[gb, np.arange(6) != gb] > 0).all()  # Britain stays everybody's friend
    core = [codes.index(c) for c in ("FR", "RU", "GE", "AH", "IT")]
    assert bal.blocs(slow[np.ix_(core, core)], ["FR", "RU", "GE", "AH", "IT"]) == (
        ("FR", "RU"), ("GE", "AH", "IT"))
    fast = bal.signed(_final(scenario, 1, {**OVERRIDE, "trust_balance_rate": 0.05}).state.trust)
    assert bal.blocs(fast, codes) == (("GB", "FR"), ("RU", "GE", "AH", "IT"))
