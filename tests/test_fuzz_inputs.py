"""Property-based: malformed scenario, world and experiment files and bad flag values, across
every command, end with exit 2, one line on stderr, no traceback, nothing written and no
user file changed (issue 18). The classes generated are listed in docs/bad_inputs.md.

Commands run in-process (fast); each example gets a fresh case folder in a sandbox that is
also the working directory, so a default output folder (results/...) would be seen."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, cli_exit_code

MINI_WORLD = FIXTURES / "mini"
MINI_EXP = FIXTURES / "experiments" / "mini_pair.toml"
SCENARIO = 'name = "s"\nworld = "mini"\nend = "2003-12"\n'
EXPERIMENT = MINI_EXP.read_text().replace("../scenarios/", f"{FIXTURES}/scenarios/")
WORLD_FILES = ("world.toml", "actors.csv", "timeline.toml", "exports.csv", "norms.csv")

junk = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
binary = st.binary(max_size=64).map(lambda b: b"\xff\xfe" + b)  # never UTF-8
word = st.text("abcdefghijklmnopqrstuvwxyz_", min_size=3, max_size=10)
malformed_month = st.one_of(st.sampled_from(["2003-13", "2003-00", "03-2003", "", "abc",
                                             "2003", "2003-02-30"]), word)
bad_month = st.one_of(malformed_month, st.just("1999-12"))  # before the mini world's start


def _toml(value) -> str:
    return json.dumps(value) if isinstance(value, str | list) else str(value).lower() \
        if isinstance(value, bool) else repr(value)


# ---- one builder per class: (argv, {relative path: bytes}) -----------------------------

def _corrupt(text: str, how: str, extra: bytes | str) -> bytes:
    if how == "binary":
        return extra
    if how == "truncated_toml":  # a key with no value, at a line boundary
        lines = text.splitlines()
        return "\n".join([*lines[: len(lines) // 2], "broken =", *lines[len(lines) // 2:]]
                         ).encode()
    return (f"{extra}_zz = 1\n" + text).encode()  # an unknown top-level key


scenario_field = st.one_of(
    st.tuples(st.just("end"), bad_month),
    st.tuples(st.just("extends"), st.one_of(word, st.just("no/such/parent.toml"))),
    st.tuples(st.just("world"), st.one_of(word.map(lambda w: f"nowhere_{w}"), st.just(1))),
    st.tuples(st.just("params"), st.one_of(
        st.dictionaries(word.map(lambda w: f"no_{w}"), st.floats(0, 1), min_size=1),
        st.fixed_dictionaries({"threat_gain": st.one_of(st.floats(-1e9, 0.5), junk,
                                                        st.floats(51, 1e12))}))),
    st.tuples(st.just("remove"), st.fixed_dictionaries({"ids": st.lists(
        word.map(lambda w: f"no_{w}"), min_size=1, max_size=2)})),
)


@st.composite
def bad_scenario(draw):
    how = draw(st.sampled_from(["binary", "truncated_toml", "unknown_key", "field", "folder"]))
    files = {"mini/" + f.name: f.read_bytes() for f in MINI_WORLD.iterdir()}
    if how == "field":
        key, value = draw(scenario_field)
        if isinstance(value, dict):
            body = SCENARIO + f"[{key}]\n" + "".join(f"{k} = {_toml(v)}\n"
                                                    for k, v in value.items())
        else:
            body = "\n".join(line for line in SCENARIO.splitlines()
                             if not line.startswith(f"{key} ")) + f"\n{key} = {_toml(value)}\n"
            if key == "extends":
                body = body.replace('world = "mini"\n', "")
        files["s.toml"] = body.encode()
    elif how == "folder":
        files["s.toml/x"] = b""
    else:
        files["s.toml"] = _corrupt(SCENARIO, how, draw(binary if how == "binary" else word))
    return ["run", "--scenario", "s.toml", "--out", "out"], files


@st.composite
def bad_world(draw):
    files = {"mini/" + f.name: f.read_bytes() for f in MINI_WORLD.iterdir()}
    target = draw(st.sampled_from(WORLD_FILES))
    how = draw(st.sampled_from(["binary", "folder", "missing"] + (
        ["truncated_toml", "unknown_key"] if target.endswith(".toml") else ["no_header"])))
    path = f"mini/{target}"
    if how == "folder":
        del files[path]
        files[f"{path}/x"] = b""
    elif how == "missing" and target != "timeline.toml":  # the timeline is optional
        del files[path]
    elif how == "no_header":
        files[path] = b"x,y\n1,2\n"
    else:
        files[path] = _corrupt(files[path].decode(), how if how != "missing" else "binary",
                               draw(binary if how in ("binary", "missing") else word))
    files["s.toml"] = SCENARIO.encode()
    return ["run", "--scenario", "s.toml", "--out", "out"], files


experiment_field = st.one_of(
    st.tuples(st.just("replicates"), st.one_of(st.integers(-5, 0), st.just(10**12), junk,
                                               st.just(True))),
    st.tuples(st.just("root_seed"), st.one_of(st.integers(max_value=-1), junk)),
    st.tuples(st.just("end"), bad_month),
    st.tuples(st.just("arms"), st.one_of(st.just([]), st.lists(word.map(lambda w: f"no_{w}"),
                                                               min_size=1, max_size=2))),
    st.tuples(st.just("record"), st.one_of(st.just([]), st.lists(bad_month, min_size=1,
                                                                 max_size=2))),
    st.tuples(st.just("metrics"), st.lists(word.map(lambda w: f"no_{w}"), min_size=1,
                                           max_size=2)),
)
design_field = st.one_of(
    st.just('type = "none"\nlevels = 0'),
    st.sampled_from(['type = "morris"\nlevels = "abc"', 'type = "morris"\nlevels = 0',
                     'type = "lhs"\nsamples = 0', 'type = "sobol"\nsamples = 3',
                     'type = "lhs"\nsamples = 1000000000', 'type = "grid"\nsecond_order = 2']),
    word.map(lambda w: f'type = "{w}"'),
)


@st.composite
def bad_experiment(draw):
    how = draw(st.sampled_from(["binary", "truncated_toml", "unknown_key", "field", "design",
                                "dates", "folder"]))
    text = EXPERIMENT
    if how == "field":
        key, value = draw(experiment_field)
        text = "\n".join(line for line in text.splitlines() if not line.startswith(f"{key} "))
        text = f"{key} = {_toml(value)}\n" + text
    elif how == "design":
        text = text.replace('type = "grid"', draw(design_field))
    elif how == "dates":
        text = text.replace('dates = ["2004-12", "2006-12"]',
                            f"dates = {_toml(draw(st.lists(bad_month, min_size=1, max_size=2)))}")
    files = {"e.toml/x": b""} if how == "folder" else {
        "e.toml": _corrupt(text, how, draw(binary if how == "binary" else word))
        if how in ("binary", "truncated_toml", "unknown_key") else text.encode()}
    return ["sweep", "e.toml", "--out", "out", "--jobs", "1", "--quiet"], files


bad_int = st.one_of(st.integers(max_value=0).map(str), junk.filter(lambda s: not s.strip(
    ).lstrip("+").isdigit()), st.just(str(2**70)))
flag_case = st.one_of(
    st.tuples(st.just(["run", "--out", "out", "--seed"]), st.one_of(
        st.integers(max_value=-1).map(str), st.integers(2**63, 2**80).map(str), word)),
    st.tuples(st.just(["run", "--out", "out", "--end"]), bad_month),
    st.tuples(st.just(["run", "--out", "out", "--set"]), st.one_of(
        word, word.map(lambda w: f"no_{w}=1"), junk.map(lambda v: f"threat_gain={v}x"))),
    st.tuples(st.just(["sweep", str(MINI_EXP), "--out", "out", "--jobs"]), bad_int),
    st.tuples(st.just(["sweep", str(MINI_EXP), "--out", "out", "--jobs", "1",
                       "--replicates"]), bad_int),
    st.tuples(st.just(["sweep", str(MINI_EXP), "--out", "out", "--jobs", "1", "--batch"]),
              bad_int.filter(lambda s: s != str(2**70))),
    st.tuples(st.just(["synth", "--out", "out", "--states"]), st.one_of(
        st.integers(max_value=7).map(str), st.integers(1001, 10**9).map(str), word)),
    st.tuples(st.just(["synth", "--out", "out", "--start"]), malformed_month),
    st.tuples(st.just(["figures", str(FIXTURES), "--out", "out", "--format"]), word),
    st.tuples(st.just(["viz", "--port"]), st.one_of(st.integers(max_value=0).map(str),
                                                    st.integers(65536).map(str), word)),
    st.tuples(st.just(["calibrate", "--out", "out", "--samples"]), bad_int),
    st.tuples(st.just(["validate", "--out", "out", "--replicates"]), bad_int),
).map(lambda t: ([*t[0], t[1]], {}))


OUT_COMMANDS = {
    "run": ["run", "--scenario", str(FIXTURES / "scenarios" / "mini_base.toml")],
    "sweep": ["sweep", str(MINI_EXP), "--jobs", "1"],
    "synth": ["synth", "--states", "8", "--firms", "0"],
    "figures": ["figures", str(FIXTURES / "mini")],  # DIR itself refused: not results
    "calibrate": ["calibrate", "--samples", "1", "--starts", "1", "--jobs", "1"],
    "validate": ["validate", "--replicates", "1", "--jobs", "1"],
    "demo": ["demo", "--replicates", "1", "--jobs", "1"]}
WRITES_INTO = ("figures", "calibrate", "validate", "demo")  # an existing folder is fine
OUT_KINDS = {"file": "thesis.txt", "under_file": "thesis.txt/sub", "user_folder": "mine"}
DIR_KINDS = ("missing", "thesis.txt", "mine", "badjson")


@st.composite
def bad_out_or_dir(draw):
    """--out a file, under a file or a user's folder; DIR missing, a file, not a sweep."""
    files = {"thesis.txt": draw(st.binary(max_size=16)), "mine/thesis.txt": b"precious",
             "badjson/manifest.json": draw(st.one_of(binary, word.map(str.encode))),
             "badjson/shards/x": b""}
    combos = [(c, k) for c in OUT_COMMANDS for k in OUT_KINDS
              if not (c in WRITES_INTO and k == "user_folder")]
    combos += [(c, k) for c in ("status", "analyze", "figures") for k in DIR_KINDS]
    command, kind = draw(st.sampled_from(combos))
    if kind in OUT_KINDS:
        return [*OUT_COMMANDS[command], "--out", OUT_KINDS[kind]], files
    return [command, kind], files


# Each family equally often (a plain one_of would flatten flag_case's twelve branches).
every_case = st.sampled_from([bad_scenario(), bad_world(), bad_experiment(), flag_case,
                              bad_out_or_dir()]).flatmap(lambda family: family)


def _snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            if p.is_file() else "dir" for p in sorted(root.rglob("*"))}


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=100, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=every_case)
def test_every_bad_input_one_line_exit_2_nothing_written(sandbox, case):
    argv, files = case
    case_dir = sandbox / "case"
    shutil.rmtree(case_dir, ignore_errors=True)
    for rel, data in files.items():
        (case_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        (case_dir / rel).write_bytes(data)
    case_dir.mkdir(exist_ok=True)
    before, fixtures = _snapshot(case_dir), _snapshot(FIXTURES)
    err, out = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(case_dir)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            rc = cli_exit_code(argv)
    finally:
        os.chdir(cwd)
    text = err.getvalue()
    assert rc == 2, (argv, text, out.getvalue())
    assert text.count("\n") == 1 and text.startswith("alliancesim") and " error: " in text, \
        (argv, text)
    assert "Traceback" not in text
    assert _snapshot(case_dir) == before, argv  # nothing written, no user file changed
    assert _snapshot(FIXTURES) == fixtures
