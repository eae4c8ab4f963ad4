"""Issue 18 for `run --out`: a user's files are never replaced or renamed, bad --out costs one
line before the run, folders get the same mode as sweep folders; and --version."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import MINI_BASE, cli_exit_code

RUN = ["run", "--scenario", str(MINI_BASE), "--end", "2001-12"]


def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_a_folder_of_the_users_files_is_refused_unless_overwrite(tmp_path, capsys):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.txt").write_text("precious")
    assert cli_exit_code([*RUN, "--out", str(mine)]) == 2
    assert "--out: folder is not empty and is not a previous run's output" in \
        _one_line(capsys)
    assert [p.name for p in tmp_path.iterdir()] == ["mine"]
    assert (mine / "thesis.txt").read_text() == "precious"
    assert cli_exit_code([*RUN, "--out", str(mine), "--overwrite"]) == 0
    assert not (mine / "thesis.txt").exists() and (mine / "manifest.json").is_file()


def test_a_previous_run_is_replaced_but_not_with_a_users_file_in_it(tmp_path, capsys):
    out = tmp_path / "r"
    assert cli_exit_code([*RUN, "--out", str(out)]) == 0
    first = (out / "timeseries.parquet").read_bytes()
    assert cli_exit_code([*RUN, "--seed", "2", "--out", str(out)]) == 0
    assert (out / "timeseries.parquet").read_bytes() != first
    (out / "notes.md").write_text("mine")
    assert cli_exit_code([*RUN, "--out", str(out)]) == 2
    assert (out / "notes.md").read_text() == "mine"
    capsys.readouterr()


def test_out_a_file_or_under_a_file_is_refused_and_untouched(tmp_path, capsys):
    f = tmp_path / "file"
    f.write_text("keep")
    for out, needle in ((f, "--out: is a file; expected a folder"),
                        (f / "sub", "is a file, so no folder can be made under it")):
        assert cli_exit_code([*RUN, "--out", str(out)]) == 2
        assert needle in _one_line(capsys)
    assert [p.name for p in tmp_path.iterdir()] == ["file"]  # no hidden .file.old.<pid>
    assert f.read_text() == "keep"


def test_run_and_sweep_folders_get_the_same_mode(tmp_path):
    from tests.conftest import FIXTURES

    run, swp = tmp_path / "run", tmp_path / "sweep"
    assert cli_exit_code([*RUN, "--out", str(run)]) == 0
    assert cli_exit_code(["sweep", str(FIXTURES / "experiments" / "mini_pair.toml"),
                          "--out", str(swp), "--replicates", "1", "--jobs", "1",
                          "--quiet"]) == 0
    mask = os.umask(0o022)
    os.umask(mask)
    assert run.stat().st_mode & 0o777 == swp.stat().st_mode & 0o777 == 0o777 & ~mask


def test_a_seed_of_2_to_the_63_is_refused_before_the_run(tmp_path, capsys):
    assert cli_exit_code([*RUN, "--seed", str(2**63), "--out", str(tmp_path / "x")]) == 2
    assert "--seed: expected an integer in [0, 2**63 - 1]" in _one_line(capsys)
    assert not (tmp_path / "x").exists()


def test_version_prints_the_version_and_the_commit():
    proc = subprocess.run([sys.executable, "-m", "experiments.cli", "--version"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stderr == ""
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                            ).stdout.strip()[:12]
    assert proc.stdout.startswith("alliancesim 0.1.0 (git ")
    assert commit in proc.stdout
