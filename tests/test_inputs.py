"""Bad input: each names its file and field (InputError), and world/scenario edits behave."""

import re

import numpy as np
import pytest

from model.errors import InputError
from model.model import AllianceModel
from model.params import PARAMS, ParamSet, coerce, parse_assignments
from model.scenario import load_scenario
from model.world import load_world
from tests.conftest import MINI_BASE, write_scenario


def _edit(path, old, new):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_every_parameter_is_declared_sensibly():
    for p in PARAMS.values():
        assert p.lo <= p.default <= p.hi, p.name
        assert p.unit and p.meaning and p.source, p.name
    # calibrated defaults keep the declared prior (Haidar's two-thirds for deflection)
    assert ParamSet()["deflection_share"] == PARAMS["deflection_share"].default
    assert PARAMS["deflection_share"].prior in (None, pytest.approx(0.67))


@pytest.mark.parametrize("name,value,msg", [
    ("no_such_param", 1, "unknown parameter"),
    ("deflection_share", 1.5, "outside bounds"),
    ("deflection_share", "abc", "expected a number"),
])
def test_bad_parameter_values(name, value, msg):
    with pytest.raises(InputError, match=msg) as exc:
        coerce(name, value)
    assert exc.value.field == name


def test_parse_assignments():
    assert parse_assignments(["deflection_share=0.5"]) == {"deflection_share": 0.5}
    with pytest.raises(InputError, match="NAME=VALUE"):
        parse_assignments(["deflection_share"])


@pytest.mark.parametrize("fname,old,new,field,msg", [
    ("actors.csv", "AGG,Aggressor,1000", "AGG,Aggressor,-5", "gdp_usd_bn", "outside"),
    ("actors.csv", "AGG,Aggressor,1000", "AGG,Aggressor,lots", "gdp_usd_bn", "expected a number"),
    ("actors.csv", "SAT,Satellite", "AGG,Satellite", "code", "duplicate code"),
    ("exports.csv", "AGG,SAT,0.1", "AGG,XXX,0.1", "target", "unknown actor code 'XXX'"),
    ("exports.csv", "AGG,SAT,0.1", "AGG,AGG,0.1", "target", "self-pair"),
    ("exports.csv", "SAT,AGG,0.01", "AGG,SAT,0.01", "source,target", "duplicate pair"),
    ("exports.csv", "AGG,SAT,0.1,2000,test", "AGG,SAT,0.1,2000,nosuch", "source_id",
     "not in sources.csv"),
    ("exports.csv", "AGG,SAT,0.1,2000,test,", "AGG,SAT,0.1,2000,,", "source_id",
     "needs a source id or a note"),
    ("alliances.csv", "SAT,HUB,0.6", "SAT,HUB,1.6", "strength", "outside"),
    ("norms.csv", "regime,SAT,AGG", "regime,HUB,AGG", "target", "two different targets"),
    ("world.toml", 'start = "2000-01"', 'start = "2000-13"', "start", "month out of range"),
    ("world.toml", 'near = ["OBS"', 'near = ["XXX"', "groups.near", "unknown actor code"),
    ("world.toml", "[groups]", "colour = 1\n[groups]", "colour", "unknown key"),
    ("world.toml", 'name = "mini"', 'name = "mini', "toml", ""),
])
def test_bad_world_files_name_file_and_field(mini_world_dir, fname, old, new, field, msg):
    _edit(mini_world_dir / fname, old, new)
    with pytest.raises(InputError) as exc:
        load_world(mini_world_dir)
    assert exc.value.file.endswith(fname)
    assert field in exc.value.field
    assert re.search(re.escape(msg), exc.value.message)


def test_missing_required_column(mini_world_dir):
    p = mini_world_dir / "actors.csv"
    p.write_text(p.read_text().replace("capability", "capabilty", 1))
    with pytest.raises(InputError, match="capability: required column missing"):
        load_world(mini_world_dir)


def _scn(tmp_path, body):
    return write_scenario(tmp_path, f'extends = "{MINI_BASE}"\n' + body)


@pytest.mark.parametrize("body,field,msg", [
    ("colour = 1\n", "colour", "unknown key"),
    ("[params]\nno_such = 1\n", "no_such", "unknown parameter"),
    ("[params]\ndeflection_share = 7\n", "deflection_share", "outside bounds"),
    ('[remove]\nids = ["nope"]\n', "remove.ids", "no event with id 'nope'"),
    ('[remove]\ntags = ["nope"]\n', "remove.tags", "no event with tag 'nope'"),
    ('[[add]]\nid = "x"\ndate = "2001-01"\ntype = "teleport"\nnote = "t"\n', "type",
     "unknown event type"),
    ('[[add]]\nid = "x"\ndate = "2001-01"\ntype = "summit"\na = "AGG"\nb = "ZZZ"\n'
     'warmth = 0.1\nnote = "t"\n', "b", "unknown actor code 'ZZZ'"),
    ('[[add]]\nid = "x"\ndate = "1999-01"\ntype = "summit"\na = "AGG"\nb = "SAT"\n'
     'warmth = 0.1\nnote = "t"\n', "date", "before the world's start"),
    ('[[add]]\nid = "x"\ndate = "2030-01"\ntype = "summit"\na = "AGG"\nb = "SAT"\n'
     'warmth = 0.1\nnote = "t"\n', "date", "after the scenario's end"),
    ('[[add]]\nid = "x"\ndate = "2001-01"\ntype = "summit"\na = "AGG"\nb = "SAT"\n'
     'warmth = 3\nnote = "t"\n', "warmth", "outside"),
    ('[[add]]\nid = "x"\ndate = "2001-01"\ntype = "summit"\na = "AGG"\nb = "SAT"\n'
     'warmth = 0.1\n', "source", "needs a source or a note"),
    ('[[add]]\nid = "x"\ndate = "2001-01"\ntype = "summit"\na = "AGG"\nb = "SAT"\n'
     'warmth = 0.1\nmood = "sunny"\nnote = "t"\n', "mood", "unknown field"),
    ('[[add]]\nid = "pact"\ndate = "2001-01"\ntype = "summit"\na = "AGG"\nb = "SAT"\n'
     'warmth = 0.1\nnote = "t"\n', "add", "already in the timeline"),
    ('[[add]]\nid = "x"\ndate = "2001-01"\ntype = "norm_violation"\nactor = "AGG"\n'
     'norm = "honesty"\nseverity = 0.1\nnote = "t"\n', "norm", "not defined"),
    ('[[add]]\nid = "x"\ndate = "2001-01"\ntype = "tech_transfer"\nsupplier = "AGG"\n'
     'recipient = "SAT"\nintensity = "$nope"\nnote = "t"\n', "intensity",
     "unknown parameter reference"),
    ('[[commitments]]\nnorm = "honesty"\nactor = "AGG"\ncommitment = 0.1\nnote = "t"\n',
     "commitments[0].norm", "not defined"),
    ('[[commitments]]\nnorm = "regime"\nactor = "ZZZ"\ncommitment = 0.1\nnote = "t"\n',
     "commitments[0].actor", "unknown actor code 'ZZZ'"),
    ('[[commitments]]\nnorm = "regime"\nactor = "AGG"\ncommitment = 1.5\nnote = "t"\n',
     "commitments[0].commitment", "expected a number in [0, 1]"),
    ('[[commitments]]\nnorm = "regime"\nactor = "AGG"\ncommitment = 0.1\n',
     "commitments[0].source", "needs a source or a note"),
    ('[[commitments]]\nnorm = "regime"\nactor = "AGG"\ncommitment = 0.1\nmood = 1\n'
     'note = "t"\n', "commitments[0].mood", "unknown key"),
    ('end = "2000-00"\n', "end", "month out of range"),
    ('end = "1990-01"\n', "end", "outside"),
])
def test_bad_scenarios_name_file_and_field(tmp_path, body, field, msg):
    path = _scn(tmp_path, body)
    with pytest.raises(InputError) as exc:
        load_scenario(path)
    assert exc.value.file.endswith("s.toml")
    assert field in exc.value.field
    assert msg in exc.value.message


def test_malformed_toml_and_unknown_scenario(tmp_path):
    bad = write_scenario(tmp_path, "name = [\n")
    with pytest.raises(InputError, match="toml"):
        load_scenario(bad)
    with pytest.raises(InputError, match="unknown scenario"):
        load_scenario("no_such_scenario")
    with pytest.raises(InputError, match="file not found"):
        load_scenario(tmp_path / "missing.toml")


def test_circular_extends(tmp_path):
    a = write_scenario(tmp_path, 'extends = "b.toml"\n', "a.toml")
    write_scenario(tmp_path, 'extends = "a.toml"\n', "b.toml")
    with pytest.raises(InputError, match="circular"):
        load_scenario(a)


def test_parameter_references_resolve_against_the_run(tmp_path):
    from model.model import AllianceModel

    path = _scn(tmp_path, '[params]\ntech_transfer_size = 0.2\n[[add]]\nid = "x"\n'
                'date = "2000-02"\ntype = "tech_transfer"\nsupplier = "AGG"\nrecipient = "OBS"\n'
                'intensity = "$deflection_share"\nnote = "t"\n')
    m = AllianceModel(load_scenario(path), rng=1, params={"deflection_share": 0.25})
    m.step()
    m.step()
    assert m.state.tech_flow[m.world.index("AGG"), m.world.index("OBS")] == 0.25
    assert m.params.tech_transfer_size == 0.2


def test_shipped_scenarios_load_and_no_pact_removes_exactly_the_pact():
    base, no = load_scenario("baseline"), load_scenario("no_pact")
    removed = {e.id for e in base.events} - {e.id for e in no.events}
    assert removed == {e.id for e in base.events if "pact" in e.tags}
    assert {"treaty_signed", "treaty_in_force", "rus_tech_transfer_to_prk",
            "prk_troops_10000", "duma_ratifies"} <= removed
    assert "dprk_munitions_to_russia" in {e.id for e in no.events}  # pre-treaty trade kept
    cf = load_scenario("ceasefire_2026")
    assert [e.id for e in cf.events if e.type == "ceasefire"] == ["ceasefire_2026"]
    assert base.end_month == no.end_month == cf.end_month


def test_a_scenario_can_edit_norm_commitments(tmp_path):
    base = load_scenario(MINI_BASE)
    path = _scn(tmp_path, '[[commitments]]\nnorm = "regime"\nactor = "HUB"\ncommitment = 0.1\n'
                'note = "sensitivity"\n')
    edited = load_scenario(path)
    hub = base.world.index("HUB")
    assert base.world.norms["regime"].commitment[hub] == 0.6
    assert edited.world.norms["regime"].commitment[hub] == 0.1
    others = np.arange(base.world.n) != hub
    assert np.array_equal(edited.world.norms["regime"].commitment[others],
                          base.world.norms["regime"].commitment[others])
    assert edited.digest != base.digest  # the edit is part of the scenario's identity
    model = AllianceModel(edited, rng=1)
    assert model.state.commitment[model.state.norm_index("regime"), hub] == 0.1
