"""Writing a synthetic world: argument checks, the files of a folder, and writing them
atomically (validated by the normal loader before the folder appears)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import numpy as np

from model.calendar import month_label, parse_month
from model.errors import InputError
from model.synthetic.draws import draw_world
from model.synthetic.render import (
    actors_csv,
    alliances_csv,
    contiguity_csv,
    disputes_csv,
    drivers_csv,
    firms_csv,
    flows_csv,
    norms_csv,
    sanctions_csv,
    scenario_toml,
    sources_csv,
    timeline_toml,
    world_toml,
)

MIN_STATES, MAX_STATES = 8, 1000
MAX_FIRMS, MAX_EVENTS = 1_000_000, 100_000
FIRST_MONTH, LAST_MONTH = parse_month("1800-01"), parse_month("2100-12")


def default_events(n_states: int) -> int:
    """Default number of timeline events: 10 + n_states // 5 (15 states → 13, 200 → 50)."""
    return 10 + n_states // 5


def check_arguments(n_states, n_firms, seed, start, end, n_events) -> tuple[int, int, int]:
    """Validate the generator's arguments; return (start month, end month, n_events).

    Raises :class:`InputError` naming the argument (``synth: <argument>: <problem>``).
    """
    for name, value, lo, hi in (("n_states", n_states, MIN_STATES, MAX_STATES),
                                ("n_firms", n_firms, 0, MAX_FIRMS),
                                ("seed", seed, 0, 2**63 - 1),
                                ("n_events", n_events if n_events is not None else 0, 0,
                                 MAX_EVENTS)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) \
                or not lo <= value <= hi:
            raise InputError("synth", name, f"expected an integer in [{lo}, {hi}], "
                             f"got {value!r}")
    months = {}
    for name, text in (("start", start), ("end", end)):
        try:
            months[name] = parse_month(text)
        except ValueError as exc:
            raise InputError("synth", name, str(exc)) from None
        if not FIRST_MONTH <= months[name] <= LAST_MONTH:
            raise InputError("synth", name, f"{text} outside {month_label(FIRST_MONTH)}.."
                             f"{month_label(LAST_MONTH)}")
    if months["end"] < months["start"]:
        raise InputError("synth", "end", f"{end} is before start {start}")
    return months["start"], months["end"], default_events(n_states) if n_events is None \
        else int(n_events)


def synthetic_files(n_states: int, n_firms: int, seed: int, *, start: str = "2000-01",
                    end: str = "2019-12", n_events: int | None = None) -> dict[str, str]:
    """The text of every file of a synthetic world folder, by file name."""
    first, last, n_events = check_arguments(n_states, n_firms, seed, start, end, n_events)
    d = draw_world(n_states, n_firms, seed, first, last, n_events)
    files = {"world.toml": world_toml(d), "actors.csv": actors_csv(d),
             "exports.csv": flows_csv(d, d.exports, "gravity model"),
             "fdi.csv": flows_csv(d, d.fdi, "share of bilateral trade"),
             "alliances.csv": alliances_csv(d), "disputes.csv": disputes_csv(d),
             "contiguity.csv": contiguity_csv(d), "norms.csv": norms_csv(d),
             "sanctions.csv": sanctions_csv(d), "drivers.csv": drivers_csv(d),
             "timeline.toml": timeline_toml(d), "sources.csv": sources_csv(d),
             "scenario.toml": scenario_toml(d)}
    if n_firms:
        files["firms.csv"] = firms_csv(d)
    return files


def write_folder(out_dir: str | Path, files: dict[str, str], validate, *,
                 replace: bool = False) -> Path:
    """Write ``files`` (name → text) as the folder ``out_dir``, atomically: into a temporary
    sibling folder, checked with ``validate(tmp)`` (e.g. the normal loader), then renamed.
    ``out_dir`` must not exist or be empty, unless ``replace`` (then an existing folder is
    swapped out only after the new one has been validated). On any error nothing is left."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(out, "out", "exists and is not a folder")
    if out.exists() and any(out.iterdir()) and not replace:
        raise InputError(out, "out", "exists and is not empty (choose a new folder)")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8")
        validate(tmp)
        tmp.chmod(0o755)
        if out.exists() and replace:
            shutil.rmtree(out)
        tmp.rename(out)  # replaces an empty folder
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def write_synthetic_world(out_dir: str | Path, n_states: int, n_firms: int, seed: int, *,
                          start: str = "2000-01", end: str = "2019-12",
                          n_events: int | None = None) -> Path:
    """Write a synthetic world folder plus its ``scenario.toml``; return that file's path.

    ``out_dir`` must not exist or be empty. The files are written to a temporary sibling
    folder, loaded with the normal loader (:func:`model.scenario.load_scenario`), and only
    then renamed to ``out_dir``: on any error nothing is left behind. ``n_events`` defaults
    to :func:`default_events`.
    """
    from model.scenario import load_scenario

    files = synthetic_files(n_states, n_firms, seed, start=start, end=end, n_events=n_events)
    write_folder(out_dir, files, lambda tmp: load_scenario(tmp / "scenario.toml"))
    return Path(out_dir) / "scenario.toml"


def synthetic_scenario(n_states: int, n_firms: int, seed: int, *, start: str = "2000-01",
                       end: str = "2019-12", n_events: int | None = None,
                       directory: str | Path | None = None):
    """Write a synthetic world into ``directory`` (default: a new temporary folder, left for
    the caller or the OS to clean) and return it loaded as a
    :class:`~model.scenario.Scenario`."""
    from model.scenario import load_scenario

    out = Path(directory) if directory is not None else Path(
        tempfile.mkdtemp(prefix="alliancesim-synth-"))
    return load_scenario(write_synthetic_world(out, n_states, n_firms, seed, start=start,
                                               end=end, n_events=n_events))
