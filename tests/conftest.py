"""Shared fixtures: the scripted mini-world and small helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MINI_BASE = FIXTURES / "scenarios" / "mini_base.toml"
MINI_NO_PACT = FIXTURES / "scenarios" / "mini_no_pact.toml"


@pytest.fixture
def mini_world_dir(tmp_path) -> Path:
    """A writable copy of the mini-world folder (for corrupting files in bad-input tests)."""
    import shutil

    dst = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", dst)
    return dst


def write_scenario(folder: Path, text: str, name: str = "s.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def cli_exit_code(args: list[str]) -> int:
    """Run the CLI in-process and return its exit code (argparse errors exit from inside
    ``main``)."""
    from experiments.cli import main

    try:
        return main(args)
    except SystemExit as exc:
        return exc.code
