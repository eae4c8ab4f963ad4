"""Calibration targets, observables, the fit procedure and the validation table."""

import numpy as np
import pandas as pd
import pytest

import model.params as params_mod
from experiments.calibration.fit import CALIBRATED, _mean_losses, calibrate, evaluate
from experiments.calibration.targets import (
    Target,
    gravity_loss,
    load_targets,
    months,
    observe,
)
from experiments.calibration.validate import series_summary, validate
from model.errors import InputError
from model.model import AllianceModel
from model.scenario import load_scenario


@pytest.fixture(scope="module")
def pair():
    base = AllianceModel(load_scenario("baseline", end="2025-12"), rng=3).run()
    cf = AllianceModel(load_scenario("no_2014_sanctions"), rng=3).run()
    return base, cf


def _t(kind, a="RUS", b="CHN", period="2013", value=1.0, tol=0.1, tol_kind="rel"):
    return Target("x", kind, a, b, period, value, "", tol, tol_kind, 1.0, "validate", "", "")


def test_targets_come_from_the_calibration_facts():
    import csv

    from model.world import DATA_DIR

    quantities = set()
    for name in ("calibration_facts.csv", "firm_facts.csv"):
        with (DATA_DIR / "provenance" / name).open() as fh:
            quantities |= {r["quantity"] for r in csv.DictReader(fh)}
    with (DATA_DIR / "provenance" / "behaviour_facts.csv").open() as fh:
        non_senders = {r["actor"] for r in csv.DictReader(fh)
                       if r["topic"] == "sanctioned_russia_2014" and r["value"] == "no"}
    ts = load_targets()
    assert {t.role for t in ts} == {"calibrate", "validate"}
    for t in ts:
        if t.kind == "sanctions_max":  # who did not sanction Russia: sourced behaviour facts
            assert t.b == "RUS" and t.a in non_senders and t.value == 0, t.id
        else:
            assert t.fact in quantities, t.fact
    assert sum(t.role == "validate" for t in ts) >= 15  # held out: checked, never fitted


def test_months_and_pass_loss():
    assert months("2014") == (2014 * 12, 2014 * 12 + 11)
    assert months("2021-01..2021-08") == (2021 * 12, 2021 * 12 + 7)
    t = _t("pair_trade", value=100.0, tol=0.2)
    assert t.passes(119) and not t.passes(121) and t.loss(100.0) == 0.0
    assert t.loss(120) == pytest.approx((np.log(1.2) / np.log(1.2)) ** 2)
    a = _t("share", value=0.1, tol=0.02, tol_kind="abs")
    assert a.passes(0.115) and not a.passes(0.13) and a.loss(0.12) == pytest.approx(1.0)


def test_the_sanctions_loss_is_observed_as_a_gravity_estimate_reports_it():
    """Crozet & Hinz's losses come from a gravity equation whose country-time fixed effects
    absorb common shocks and trade deflected to the other partners: the observable is the
    sanctioned pairs' change relative to the others', not the net change of all exports."""
    xc = np.array([[100.0, 100.0], [100.0, 100.0]])  # months x [sender, other partner]
    treated = np.array([True, False])
    # nothing deflected: the estimate is the senders' lost trade
    assert gravity_loss(np.array([[80.0, 100.0]] * 2), xc, treated) == pytest.approx(40.0)
    # half of it deflected to the other partner: the net loss is 20, the estimate more than 40
    xb = np.array([[80.0, 110.0]] * 2)
    assert gravity_loss(xb, xc, treated) == pytest.approx(200 * (1 - 0.8 / 1.1))
    # a price fall that moves every flow alike is no sanctions loss
    assert gravity_loss(xc / 2, xc, treated) == pytest.approx(0.0)
    assert np.isnan(gravity_loss(xb, xc, np.array([True, True])))


def test_observables_on_a_replay(pair):
    base, cf = pair
    # 2013 trade starts from the data (89.21 bn) and adjusts only slowly
    assert observe(_t("pair_trade", period="2013-01..2013-01"), base) == pytest.approx(
        89.21, rel=0.02)
    share = observe(_t("share", period="2013"), base)
    assert 0.09 < share < 0.13
    loss = observe(_t("sanctions_export_loss", b="", period="2014..2015"), base, cf)
    deflected = observe(_t("deflection", b="", period="2014..2015"), base, cf)
    assert 0.0 < loss < 0.3 and 0.0 < deflected < 1.5
    t = _t("firm_exit_month", a="hyundai_motor_spb", b="", period="2023-12")
    assert observe(t, base) >= 2022 * 12
    present = _t("firms_present", a="KOR", b="RUS", period="2021-12")
    assert observe(present, base) <= 40
    assert observe(_t("threat_order", a="KOR", b="PRK>RUS", period="2023"), base) == 1.0


def test_evaluate_reports_every_target():
    ev = evaluate(({}, 1))
    assert set(ev.values) == {t.id for t in load_targets()}
    assert np.isfinite(ev.loss) and ev.loss > 0


def test_calibrate_smoke_does_not_touch_defaults_without_apply(tmp_path):
    before = CALIBRATED.read_bytes() if CALIBRATED.exists() else None
    rep = calibrate(tmp_path, samples=2, starts=1, maxfev=2, replicates=1, jobs=1,
                    progress=False)
    assert (tmp_path / "calibration.md").exists() and (tmp_path / "calibration.json").exists()
    assert rep["evaluations"] >= 3 and set(rep["params"]) <= set(params_mod.PARAMS)
    after = CALIBRATED.read_bytes() if CALIBRATED.exists() else None
    assert before == after


def test_a_points_loss_is_its_mean_over_the_common_seeds():
    pts = [{"deflection_share": 0.5}, {"deflection_share": 0.9}]
    got = _mean_losses(pts, [3, 4], jobs=1)
    assert [e.params for e in got] == pts
    for e, pt in zip(got, pts, strict=True):
        direct = [evaluate((pt, s)).loss for s in (3, 4)]
        assert e.loss == pytest.approx(np.mean(direct)) and e.seed == 3
    assert got[0].loss != got[1].loss


def test_validate_writes_the_pattern_table(tmp_path):
    df = validate(tmp_path, replicates=2, jobs=1)
    assert len(df) == len(load_targets())
    assert {"fact", "target", "model_median", "model_p05", "model_p95", "tolerance",
            "pass", "role"} <= set(df.columns)
    text = (tmp_path / "validation.md").read_text()
    assert "held-out" in text and "crozet_hinz_loss" in text
    # yearly copies of one series share a key: fewer series than patterns
    assert df.loc[df.id == "rus_chn_2014", "series"].item() == "pair_trade:RUS:CHN"
    assert (df.series == "pair_trade:RUS:CHN").sum() >= 5
    assert f"values of {df.series.nunique()} independent series" in text


def test_series_summary_counts_series_that_pass_in_every_year():
    df = pd.DataFrame({"series": ["a", "a", "b", "c"], "pass": [True, False, True, False]})
    assert series_summary(df).endswith(
        "3 independent series (yearly copies of one series share its `series` key): 1 series "
        "pass in every year they are checked, 2 in at least one.")


def test_calibrated_defaults_keep_their_prior(tmp_path, monkeypatch):
    f = tmp_path / "c.toml"
    f.write_text("[params]\ndeflection_share = 0.5\n")
    monkeypatch.setattr(params_mod, "CALIBRATED", f)
    ps = params_mod._with_calibration(params_mod._DECLARED)
    assert ps["deflection_share"].default == 0.5
    assert ps["deflection_share"].prior == 0.67
    assert ps["deflection_share"].source.startswith("calibrated")
    f.write_text("[params]\ndeflection_share = 5.0\n")
    with pytest.raises(InputError, match="outside declared bounds"):
        params_mod._with_calibration(params_mod._DECLARED)
    f.write_text("[params]\nnope = 1.0\n")
    with pytest.raises(InputError, match="unknown parameter"):
        params_mod._with_calibration(params_mod._DECLARED)


def test_the_firm_stage_fits_firm_parameters_on_firm_facts_with_the_economy_fixed():
    from experiments.calibration.fit import (
        _fit_stage,
        free_parameters,
        parameter_stage,
        target_stage,
    )

    box = free_parameters()
    firm = [n for n in box if parameter_stage(n) == "firms"]
    economy = {n: box[n][0] for n in box if parameter_stage(n) == "economy"}
    assert firm and economy  # both stages have parameters
    evals = _fit_stage("firms", firm, box, economy, 2, 1, 2, [1], 7, 1, False)
    assert len(evals) >= 3
    for e in evals:
        assert {n: e.params[n] for n in economy} == economy  # the economy is held
        assert set(e.values) == {t.id for t in load_targets() if target_stage(t) == "firms"}
    # a firm-stage loss sums only the firm facts; the economy's facts have a stage of their own
    ev = evaluate((evals[0].params, 1, "economy"))
    assert not set(ev.values) & set(evals[0].values)
    assert ev.loss > 0 and evals[0].loss > 0


def test_exit_shares_over_a_window_count_exits_among_the_firms_present_at_its_start(pair):
    base, _ = pair
    whole = observe(_t("firms_exited_share", a="EU;USA", b="RUS", period="2022-11"), base)
    before = observe(_t("firms_exited_share", a="EU;USA", b="RUS", period="2022-01"), base)
    since = observe(_t("firms_exited_share", a="EU;USA", b="RUS", period="2022-02..2022-11"),
                    base)
    # exits since the invasion among the firms still there in Jan 2022 (nothing re-enters
    # while the war lasts): (exited by Nov - exited by Jan) / (present in Jan)
    assert since == pytest.approx((whole - before) / (1.0 - before))
    assert 0.0 <= since <= whole <= 1.0
