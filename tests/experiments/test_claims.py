"""A researcher's own claims in an experiment file: validation (one line naming the field),
and the analysis in the claim's own words with its smallest effect of interest, on a tiny
mini-world sweep with a forced decision in one arm."""

import pandas as pd
import pytest

from experiments.analysis import analyze
from experiments.spec import load_experiment
from experiments.sweep import sweep
from model.errors import InputError
from tests.conftest import MINI_NO_PACT

WAR = (f'extends = "{MINI_NO_PACT}"\nend = "2002-12"\nremove = {{ids = ["invade", "arms"]}}\n'
       'add = [{id = "war", date = "2001-01", type = "invasion", actor = "AGG", '
       'target = "OBS", severity = 0.0, note = "test"}')
JOIN = (', {id = "join", date = "2001-06", type = "join_sanctions", senders = ["HUB"], '
        'target = "AGG", intensity = 0.8, note = "a researcher\'s question"}')
HEAD = '''name = "own"
arms = ["join.toml", "war.toml"]
replicates = 3
root_seed = 11
record = ["2002-12"]
[analysis]
treatment = "join.toml"
control = "war.toml"
dates = ["2002-12"]
'''
CLAIMS = '''[[claims]]
id = "Q1"
text = "Hub's sanctions on the aggressor move bloc polarisation"
metric = "bloc_polarization"
sign = 1
[[claims]]
id = "Q2"
text = "Hub's sanctions change polarisation by more than a whole unit"
metric = "bloc_polarization"
sign = -1
sesoi = 1.5
contrast = ["war.toml", "join.toml"]
'''


def experiment(tmp_path, claims: str = CLAIMS):
    (tmp_path / "war.toml").write_text(WAR + "]\n")
    (tmp_path / "join.toml").write_text(WAR + JOIN + "]\n")
    path = tmp_path / "own.toml"
    top = claims.startswith("claims =")  # a top-level key goes before [analysis]
    path.write_text(claims + HEAD if top else HEAD + claims)
    return path


def test_own_claims_are_analysed_in_their_own_words_with_a_sesoi(tmp_path):
    out = tmp_path / "sweep"
    sweep(load_experiment(experiment(tmp_path)), out, backend="serial", progress=False)
    text = analyze(out)
    assert "Hub's sanctions on the aggressor move bloc polarisation" in text
    assert "treaty" not in text.lower() and "H1" not in text
    table = pd.read_csv(out / "analysis" / "hypotheses.csv")
    q1, q2 = table.iloc[0], table.iloc[1]
    assert q1["contrast"] == "join − war" and q2["contrast"] == "war − join"
    assert q1["sesoi"] == 0.01 and q2["sesoi"] == 1.5  # the unit's convention; the override
    assert q2["mean"] == pytest.approx(-q1["mean"])  # the reversed contrast, same seeds
    assert q1["mean"] != 0 and q2["verdict"] == "negligible"  # inside ±1.5 on a 0-1 scale


def test_an_experiment_without_claims_makes_none(tmp_path):
    out = tmp_path / "sweep"
    sweep(load_experiment(experiment(tmp_path, "")), out, backend="serial", progress=False)
    text = analyze(out)
    assert "states no claim" in text and not (out / "analysis" / "hypotheses.csv").exists()
    # editing the sweep's copy of the experiment (e.g. to add claims) is refused
    spec = out / "experiment.toml"
    spec.write_text(spec.read_text() + CLAIMS)
    with pytest.raises(InputError) as err:
        analyze(out)
    assert err.value.field == "experiment_sha256"


@pytest.mark.parametrize(("claims", "field"), [
    ('claims = "essay"\n', "claims"),
    ('[[claims]]\nid = "Q"\ntext = "t"\nmetric = "bloc_polarization"\nsign = 2\n',
     "claims[0].sign"),
    ('[[claims]]\nid = "Q"\ntext = "t"\nmetric = "no_such"\nsign = 1\n', "claims[0].metric"),
    ('[[claims]]\nid = "Q"\ntext = "t"\nmetric = "bloc_polarization"\nsign = 1\n'
     'contrast = ["war.toml", "nope"]\n', "claims[0].contrast"),
    ('[[claims]]\nid = "Q"\ntext = "t"\nmetric = "bloc_polarization"\nsign = 1\n'
     'dates = ["2003-12"]\n', "claims[0].dates"),
    ('[[claims]]\nid = "Q"\ntext = "t"\nmetrics = ["bloc_polarization"]\nsign = 1\n'
     'colour = "red"\n', "claims[0].colour"),
])
def test_bad_claims_name_their_field(tmp_path, claims, field):
    with pytest.raises(InputError) as err:
        load_experiment(experiment(tmp_path, claims))
    assert err.value.field == field


@pytest.mark.parametrize(("key", "hint"), [("treatmnt", "known: control"),
                                           ("replicates", r"before \[analysis\]")])
def test_a_bad_analysis_key_is_named(tmp_path, key, hint):
    path = experiment(tmp_path, "")
    path.write_text(path.read_text().replace('dates = ["2002-12"]', 'dates = ["2002-12"]\n'
                                             f'{key} = 1'))
    with pytest.raises(InputError, match=hint) as err:
        load_experiment(path)
    assert err.value.field == f"analysis.{key}"
