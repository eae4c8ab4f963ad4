"""Named contrasts and interactions (experiments/contrasts.py): a three-arm mini-world sweep
with two forced decisions, analysed end to end; an interaction is the per-seed difference of
two paired effects."""

import pandas as pd
import pytest

from experiments.analysis import analyze
from experiments.spec import load_experiment
from experiments.sweep import sweep
from model.errors import InputError
from tests.experiments.test_claims import JOIN, WAR

PRESS = (', {id = "press", date = "2001-03", type = "press_firms", home = "OBS", '
         'hosts = ["AGG"], level = 0.9, note = "test"}')
EXPERIMENT = '''name = "three"
arms = ["war.toml", "join.toml", "press.toml"]
replicates = 3
root_seed = 4
record = ["2002-06", "2002-12"]
[analysis]
dates = ["2002-12"]
[[contrasts]]
name = "sanctions"
treatment = "join.toml"
control = "war.toml"
[[contrasts]]
name = "pressure"
treatment = "press.toml"
control = "war.toml"
[[interactions]]
name = "sanctions_vs_pressure"
of = ["sanctions", "pressure"]
[[claims]]
id = "I1"
text = "Sanctions move polarisation more than pressing firms does"
metric = "bloc_polarization"
sign = 1
contrast = "sanctions_vs_pressure"
[[claims]]
id = "I2"
text = "Hub's forced decision raises its sanctions on the aggressor"
metric = "hub_sanctions_on_agg"
sign = 1
contrast = "sanctions"
[declared_metrics]
hub_sanctions_on_agg = "sanctions(HUB, AGG)"
obs_pressure_in_agg = "pressure(OBS, AGG)"
'''


def write(tmp_path, text=EXPERIMENT):
    (tmp_path / "war.toml").write_text(WAR + "]\n")
    (tmp_path / "join.toml").write_text(WAR + JOIN + "]\n")
    (tmp_path / "press.toml").write_text(WAR + PRESS + "]\n")
    (tmp_path / "three.toml").write_text(text)
    return tmp_path / "three.toml"


def test_three_arms_two_contrasts_and_their_interaction(tmp_path):
    out = tmp_path / "sweep"
    sweep(load_experiment(write(tmp_path)), out, backend="serial", progress=False)
    text = analyze(out)
    assert "Sanctions move polarisation more than pressing firms does" in text
    table = pd.read_csv(out / "analysis" / "contrasts.csv")
    assert set(table["metric"]) == {"bloc_polarization", "hub_sanctions_on_agg",
                                    "obs_pressure_in_agg"}
    table = table[table["metric"] == "bloc_polarization"].set_index("contrast")
    assert list(table["kind"]) == ["pair", "pair", "interaction"]
    assert (table["n"] == 3).all()
    # the interaction is the difference of the two paired effects, seed by seed
    inter = table.loc["sanctions_vs_pressure"]
    assert inter["mean"] == pytest.approx(table.loc["sanctions", "mean"]
                                          - table.loc["pressure", "mean"])
    assert inter["mean"] != 0 and inter["ci_low"] < inter["mean"] < inter["ci_high"]
    # ... which, with three arms sharing the control, is join − press per seed
    from experiments.results import load_results

    df = load_results(out)
    df = df[df["date"] == "2002-12-01"]
    wide = df.pivot_table(index="replicate", columns="arm", values="bloc_polarization")
    assert inter["mean"] == pytest.approx((wide["join.toml"] - wide["press.toml"]).mean())
    claims = pd.read_csv(out / "analysis" / "hypotheses.csv").set_index("id")
    assert claims.loc["I1", "contrast"] == "sanctions_vs_pressure"
    assert claims.loc["I1", "mean"] == pytest.approx(inter["mean"])
    # declared relation metrics are recorded like built-in ones, with their unit's SESOI
    rel = df[df["replicate"] == 0].set_index("arm")
    assert rel.loc["join.toml", "hub_sanctions_on_agg"] >= 0.8
    assert rel.loc["press.toml", "obs_pressure_in_agg"] == pytest.approx(0.9)
    assert claims.loc["I2", "sesoi"] == 0.01 and claims.loc["I2", "verdict"] == "supported"
    # the figures mark the arms' own events (what differs between them) on time axes
    from experiments.figures.data import open_source

    marks = open_source(out).key_events("2000-01-01", "2003-01-01")
    assert [label for _, label in marks] == ["press", "join"]
    # ... and draw the time series of the claims' metrics from two recorded months (points)
    from experiments.figures import draw_all

    lines = draw_all(out, formats=("png",))
    assert any(x.startswith("drew outcome time series") for x in lines), lines
    caption = (out / "figures" / "timeseries.caption.txt").read_text()
    assert "experiment's claims" in caption and "arms war, join, press" in caption


@pytest.mark.parametrize(("old", "new", "field"), [
    ('control = "war.toml"\n[[contrasts]]', 'control = "peace.toml"\n[[contrasts]]',
     "contrasts[0].control"),
    ('of = ["sanctions", "pressure"]', 'of = ["sanctions", "treaty"]', "interactions[0].of"),
    ('contrast = "sanctions_vs_pressure"', 'contrast = "nope"', "claims[0].contrast"),
    ('"sanctions(HUB, AGG)"', '"sanction(HUB, AGG)"', "declared_metrics.hub_sanctions_on_agg"),
    ('"pressure(OBS, AGG)"', '"pressure(OBS, RUS)"', "declared_metrics.obs_pressure_in_agg"),
    ('metric = "hub_sanctions_on_agg"', 'metric = "hub_sanction"', "claims[1].metric"),
])
def test_bad_contrasts_name_their_field(tmp_path, old, new, field):
    with pytest.raises(InputError) as err:
        load_experiment(write(tmp_path, EXPERIMENT.replace(old, new, 1)))
    assert err.value.field == field
