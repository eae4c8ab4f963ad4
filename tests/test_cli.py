"""The command line: outputs, reproducibility to the byte, and one-line errors with exit 2."""

import filecmp
import json
import subprocess
import sys

import pandas as pd
import pytest

from experiments.cli import main
from experiments.store import read_meta
from tests.conftest import MINI_BASE, cli_exit_code

FILES = ("timeseries.parquet", "relations.parquet", "events.parquet", "decisions.parquet")


def test_run_writes_the_promised_tables(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["run", "--scenario", "baseline", "--seed", "3", "--end", "2016-12",
                 "--out", str(out)]) == 0
    for f in (*FILES, "manifest.json"):
        assert (out / f).stat().st_size > 0
    ts = pd.read_parquet(out / "timeseries.parquet")
    assert len(ts) == 48 and ts["date"].iloc[0] == pd.Timestamp("2013-01-01")
    assert (ts["seed"] == 3).all() and list(ts["step"]) == list(range(1, 49))
    for col in ("rus_trade_share_chn", "rus_trade_hhi", "rus_trade_total_usd_bn",
                "kor_fdi_in_rus_usd_bn", "kor_divestment", "threat_kor_from_prk",
                "threat_kor_from_rus", "threat_jpn_from_prk", "threat_jpn_from_rus",
                "trust_in_rus_neighbourhood", "rus_west_trust", "prk_trade_share_chn",
                "prk_capability", "sanctions_on_rus", "bloc_polarization", "kor_arms_to_ukr"):
        assert col in ts.columns and ts[col].notna().all(), col
    rel = pd.read_parquet(out / "relations.parquet")
    assert len(rel) == 48 * 15 * 14
    assert list(rel.columns) == ["date", "source", "target", "trust", "threat", "sanctions",
                                 "exports_usd_bn", "fdi_usd_bn", "transfers_usd_bn"]
    first = rel[(rel["date"] == "2013-01-01") & (rel["source"] == "CHN")
                & (rel["target"] == "RUS")]
    assert first["exports_usd_bn"].iloc[0] == pytest.approx(49.6, rel=0.1)
    ev = pd.read_parquet(out / "events.parquet")
    assert "crimea_annexation" in set(ev["id"]) and "treaty_signed" not in set(ev["id"])
    man = json.loads((out / "manifest.json").read_text())
    assert man["seed"] == 3 and man["scenario"] == "baseline" and man["end"] == "2016-12"
    from model.params import PARAMS

    assert man["params"]["deflection_share"] == PARAMS["deflection_share"].default
    assert man["packages"]["mesa"].startswith("3.5") and "commit" in man["code"]
    assert read_meta(out / "timeseries.parquet")["seed"] == 3
    assert "→" in capsys.readouterr().out


def test_same_seed_gives_byte_identical_files(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for out, seed in ((a, 7), (b, 7), (c, 8)):
        assert main(["run", "--scenario", str(MINI_BASE), "--seed", str(seed),
                     "--out", str(out)]) == 0
    for f in FILES:
        assert filecmp.cmp(a / f, b / f, shallow=False), f
    assert not filecmp.cmp(a / "relations.parquet", c / "relations.parquet", shallow=False)
    ma, mb = (json.loads((d / "manifest.json").read_text()) for d in (a, b))
    for volatile in ("created", "wall_time_s", "command"):
        ma.pop(volatile), mb.pop(volatile)
    assert ma == mb


def test_set_overrides_reach_the_model(tmp_path):
    out = tmp_path / "o"
    assert main(["run", "--scenario", str(MINI_BASE), "--set", "deflection_share=0.1",
                 "--set", "trust_noise_sd=0", "--out", str(out), "--no-relations"]) == 0
    man = json.loads((out / "manifest.json").read_text())
    assert man["params"]["deflection_share"] == 0.1 and man["params"]["trust_noise_sd"] == 0
    assert not (out / "relations.parquet").exists()


@pytest.mark.parametrize("args,needle", [
    (["run", "--scenario", "nope"], "nope: scenario: unknown scenario"),
    (["run", "--set", "nope=1"], "--set: nope: unknown parameter"),
    (["run", "--set", "deflection_share=2"], "deflection_share: value 2 outside bounds"),
    (["run", "--set", "deflection_share"], "expected NAME=VALUE"),
    (["run", "--end", "2035-13"], "--end: month out of range"),
    (["run", "--end", "2012-01"], "--end: end: 2012-01 outside"),
    (["run", "--seed", "-1"], "--seed"),
    (["run", "--bogus"], "unrecognized arguments"),
])
def test_bad_cli_input_one_line_exit_2_nothing_written(tmp_path, capsys, args, needle):
    out = tmp_path / "never"
    rc = cli_exit_code([*args, "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2
    assert needle in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_bad_scenario_file_through_the_real_entry_point(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('extends = "baseline"\n[[add]]\nid = "x"\ndate = "2020-01"\n'
                   'type = "summit"\na = "RUS"\nb = "ATLANTIS"\nwarmth = 0.1\nnote = "t"\n')
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "experiments.cli", "run", "--scenario",
                           str(bad), "--out", str(out)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().endswith(
        "bad.toml: event 'x'.b: unknown actor code 'ATLANTIS'")
    assert proc.stderr.count("\n") == 1 and not out.exists()


def test_failed_run_leaves_an_existing_output_untouched(tmp_path, monkeypatch):
    out = tmp_path / "keep"
    assert main(["run", "--scenario", str(MINI_BASE), "--out", str(out)]) == 0
    before = (out / "timeseries.parquet").read_bytes()
    import experiments.runner as runner

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(runner, "write_parquet", boom)
    with pytest.raises(RuntimeError):
        main(["run", "--scenario", str(MINI_BASE), "--seed", "9", "--out", str(out)])
    assert (out / "timeseries.parquet").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keep"]  # no temp dirs left


def test_params_and_scenarios_listings(capsys):
    assert main(["params"]) == 0
    text = capsys.readouterr().out
    assert "deflection_share" in text and "Haidar" not in text  # text view: no sources
    assert main(["params", "--format", "csv"]) == 0
    csv_text = capsys.readouterr().out
    assert csv_text.splitlines()[0].startswith("name,default,lo,hi,unit,kind")
    assert main(["scenarios"]) == 0
    names = capsys.readouterr().out
    for n in ("baseline", "no_pact", "ceasefire_2026", "ceasefire_2026_no_pact"):
        assert n in names


def test_demo_runs_the_paired_experiment_and_prints_the_hypothesis_table(tmp_path, capsys):
    assert main(["demo", "--replicates", "2", "--jobs", "1", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "## Claims: effect of baseline − no_pact (paired seeds" in out
    for hid in ("H1", "H2", "H3", "H4", "H5", "H7", "H8"):
        assert f"| {hid} |" in out
    assert (tmp_path / "pact_effect-r2" / "analysis" / "hypotheses.csv").exists()
    assert main(["demo", "--replicates", "2", "--jobs", "1", "--out", str(tmp_path)]) == 0
    assert "(0 run now" in capsys.readouterr().out  # re-running resumes: nothing to redo
