"""Stored results for the figures: a sweep directory or a single-run directory.

Nothing here runs the model or imports ``model``/``agents``: sweeps are read through
:mod:`experiments.results` (``load_results``, ``read_manifest``), runs with pandas. A figure that
needs data the directory lacks raises :class:`Missing` with a message naming what is missing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from experiments.contrasts import arm_label


class Missing(Exception):
    """The directory lacks what a figure needs; ``str(exc)`` names it."""


class NotResults(ValueError):
    """The directory is not a results directory at all."""


# The essay's outcomes (H1–H8), in the order of the hypotheses: one panel each.
OUTCOMES = ("kor_divestment", "rus_trade_share_chn", "trust_in_rus_neighbourhood",
            "threat_kor_from_prk", "threat_kor_from_rus", "threat_jpn_from_prk",
            "threat_jpn_from_rus", "prk_trade_share_chn", "rus_kor_trade_usd_bn",
            "kor_ukr_months_to_lethal", "rus_west_trust")
# 0/1 outcomes: drawn as the share of runs with 1
BINARY = frozenset({"kor_arms_to_ukr", "kor_ukr_lethal_by", "kor_ukr_nonlethal"})

# Short panel titles and axis labels with units (units as in docs/metrics.md).
METRIC_TEXT = {
    "kor_divestment": ("KOR divestment from Russia", "share of 2021 stock"),
    "kor_firms_exited": ("KOR firms exited", "firms"),
    "rus_trade_share_chn": ("China in Russia's trade", "share of trade"),
    "rus_trade_share_chn_with_transfers": ("China in Russia's trade, with transfers",
                                           "share of trade"),
    "trust_in_rus_neighbourhood": ("Neighbours' trust in Russia", "trust (−1 to 1)"),
    "threat_kor_from_prk": ("KOR threat from DPRK", "threat (0–1)"),
    "threat_kor_from_rus": ("KOR threat from Russia", "threat (0–1)"),
    "threat_jpn_from_prk": ("JPN threat from DPRK", "threat (0–1)"),
    "threat_jpn_from_rus": ("JPN threat from Russia", "threat (0–1)"),
    "prk_trade_share_chn": ("China in DPRK's trade", "share of trade"),
    "prk_trade_share_chn_with_transfers": ("China in DPRK's trade, with transfers",
                                           "share of trade"),
    "rus_kor_trade_usd_bn": ("Russia–KOR trade", "USD bn/yr"),
    "rus_jpn_trade_usd_bn": ("Russia–JPN trade", "USD bn/yr"),
    "kor_fdi_in_rus_usd_bn": ("KOR FDI in Russia", "USD bn"),
    "jpn_fdi_in_rus_usd_bn": ("JPN FDI in Russia", "USD bn"),
    "kor_arms_to_ukr": ("KOR arms Ukraine (lethal)", "share of runs"),
    "kor_ukr_months_to_lethal": ("KOR: months to arming Ukraine", "months from 2022-02"),
    "kor_ukr_lethal_by": ("KOR has armed Ukraine", "share of runs"),
    "kor_ukr_nonlethal": ("KOR non-lethal aid to Ukraine", "share of runs"),
    "rus_west_trust": ("Russia–West trust", "trust (−1 to 1)"),
    "rus_trade_total_usd_bn": ("Russia's total trade", "USD bn/yr"),
    "rus_trade_hhi": ("Russia's trade concentration", "HHI (0–1)"),
    "prk_capability": ("DPRK capability", "CINC-like share"),
    "sanctions_on_rus": ("States sanctioning Russia", "states"),
    "bloc_polarization": ("Bloc polarisation", "index (0–1)"),
}

# Key dated events to mark on time axes (selected by id when present), with short labels.
KEY_EVENTS = {
    "crimea_annexation": "Crimea",
    "invasion_2022": "Invasion",
    "treaty_signed": "Treaty",
    "prk_troops_first_contingent": "DPRK troops",
    "treaty_in_force": "In force",
    "ceasefire_2026": "Ceasefire",
}

FIRM_HOMES = ("KOR", "JPN", "EU", "USA")
FIRM_STATUSES = ("operating", "suspended", "exited")


def metric_title(metric: str) -> str:
    return METRIC_TEXT.get(metric, (metric.replace("_", " "), ""))[0]


def metric_unit(metric: str) -> str:
    return METRIC_TEXT.get(metric, ("", ""))[1]


@dataclass
class Source:
    """A results directory: ``kind`` is ``"sweep"`` or ``"run"``."""

    path: Path
    kind: str
    manifest: dict
    spec: dict = field(default_factory=dict)
    snapshots: tuple[str, str] | None = None  # network snapshot months (--snapshots)

    # --- identity -------------------------------------------------------------------------
    @property
    def name(self) -> str:
        if self.kind == "sweep":
            return str(self.manifest.get("experiment", self.path.name))
        return str(self.manifest.get("scenario", self.path.name))

    @property
    def arms(self) -> list[str]:
        if self.kind == "sweep":
            return list(self.manifest.get("arms", []))
        return [self.name]

    @property
    def design(self) -> str:
        return str(self.spec.get("design", {}).get("type", self.manifest.get("design", "none")))

    @property
    def parameters(self) -> list[str]:
        return list(self.manifest.get("parameters", []))

    @property
    def treatment(self) -> str | None:
        t = self.spec.get("analysis", {}).get("treatment")
        return t if t in self.arms and self.control is not None else None

    @property
    def control(self) -> str | None:
        c = self.spec.get("analysis", {}).get("control")
        return c if c in self.arms else None

    @property
    def analysis_dates(self) -> list[pd.Timestamp]:
        dates = self.spec.get("analysis", {}).get("dates", ["2026-12", "2030-12"])
        return [pd.Timestamp(f"{d}-01") for d in dates]

    def code_version(self) -> str:
        return _code_text(self.manifest.get("code"))

    # --- data -------------------------------------------------------------------------------
    @cached_property
    def results(self) -> pd.DataFrame:
        """Sweep rows (``load_results``), or the run's time series with the same id columns."""
        if self.kind == "sweep":
            from experiments.results import load_results

            return load_results(self.path)
        df = pd.read_parquet(self.path / "timeseries.parquet")
        return df.assign(arm=self.name, design_index=0, replicate=0,
                         run_id=f"{self.name}|seed{self.manifest.get('seed', '')}")

    @property
    def n_runs(self) -> int:
        return int(self.results["run_id"].nunique())

    @property
    def months(self) -> int:
        return int(self.results["date"].nunique())

    def require_months(self, what: str, minimum: int = 2) -> None:
        if self.months < minimum:
            raise Missing(f"{what}: needs at least {minimum} recorded months (record = "
                          f"\"monthly\" or a longer list); this {self.kind} recorded "
                          f"{self.months} month(s)")

    def require_paired(self, what: str) -> tuple[str, str]:
        if self.kind != "sweep" or self.treatment is None:
            raise Missing(f"{what}: needs a paired sweep, with [analysis] treatment and "
                          f"control arms (this is a {self._kind_text()})")
        return self.treatment, self.control

    def analysis_csv(self, name: str) -> pd.DataFrame | None:
        p = self.path / "analysis" / name
        return pd.read_csv(p) if p.is_file() else None

    def events(self) -> pd.DataFrame | None:
        """Dated events: the run's events.parquet, or a sweep's events/<arm>.parquet files
        (union over arms, one row per event id); None if none is stored."""
        if self.kind == "run":
            files = [self.path / "events.parquet"]
        else:
            files = [self.path / "events" / f"{_safe(a)}.parquet" for a in self.arms]
        frames = [pd.read_parquet(p, columns=["date", "id", "type"])
                  for p in files if p.is_file()]
        if not frames:
            return None
        ids = [set(f["id"]) for f in frames]
        own = set.union(*ids) - set.intersection(*ids)  # what the arms change
        frames = [f.assign(own=f["id"].isin(own)) for f in frames]
        ev = pd.concat(frames, ignore_index=True).drop_duplicates("id")
        return ev.assign(date=pd.to_datetime(ev["date"])).sort_values("date",
                                                                      ignore_index=True)

    def key_events(self, start, end) -> list[tuple[pd.Timestamp, str]]:
        """The events to mark on time axes, dated within [start, end]: first, except in the
        treaty experiments (``claims = "treaty"``: their curated key events), the events that
        differ between a sweep's arms (the researcher's own, labelled by id), then the
        :data:`KEY_EVENTS` stored for this directory."""
        ev = self.events()
        if ev is None:
            return []
        ev = ev[(ev["date"] >= pd.Timestamp(start)) & (ev["date"] <= pd.Timestamp(end))]
        mine = "own" in ev and self.spec.get("claims") != "treaty"  # not the curated set
        own = ev[ev["own"]] if mine else ev.iloc[:0]
        key = ev[ev["id"].isin(list(KEY_EVENTS)) & ~ev["id"].isin(set(own["id"]))]
        return ([(pd.Timestamp(r.date), KEY_EVENTS.get(r.id, str(r.id)))
                 for r in own.itertuples()]
                + [(pd.Timestamp(r.date), KEY_EVENTS[r.id]) for r in key.itertuples()])

    def world_actors(self) -> pd.DataFrame:
        """actors.csv of the world named in a run's manifest (data only, read with pandas)."""
        world = self.manifest.get("world", {})
        path = Path(world.get("path", "")) / "actors.csv"
        if not path.is_file():
            raise Missing(f"network snapshots: needs the world's actors.csv for the capitals' "
                          f"coordinates ({path} not found)")
        return pd.read_csv(path)

    # --- captions ---------------------------------------------------------------------------
    def _kind_text(self) -> str:
        if self.kind == "run":
            return "single-run directory"
        return f"sweep with design {self.design!r}"

    def describe(self, n_runs: int | None = None, arms: list[str] | None = None) -> str:
        """Which experiment, how many runs, code versions: the provenance part of a caption."""
        from experiments.provenance import code_version

        n = self.n_runs if n_runs is None else n_runs
        if self.kind == "run":
            what = (f"Source: a single run of scenario '{self.name}', seed "
                    f"{self.manifest.get('seed')}, {self.manifest.get('start')}.."
                    f"{self.manifest.get('end')} (1 run), in {self.path}.")
        else:
            arms = self.arms if arms is None else arms
            reps = self.manifest.get("replicates")
            points = self.results["design_index"].nunique()
            what = (f"Source: experiment '{self.name}' (sweep in {self.path}; design "
                    f"{self.design}, {points} design point(s); arms "
                    f"{', '.join(map(arm_label, arms))}; "
                    f"{reps} replicate(s) per arm and point, paired by seed); {n} runs.")
        return (f"{what}\nResults produced by code {self.code_version()}; figure drawn by "
                f"`alliancesim figures` at code {_code_text(code_version())}.")


def _code_text(code: dict | None) -> str:
    if not code or not code.get("commit") or code.get("commit") == "unknown":
        return "unknown (not a git checkout)"
    dirty = code.get("dirty")
    return f"{code['commit'][:12]}" + (" with uncommitted changes" if dirty else "")


def _safe(arm: str) -> str:
    """File-name form of an arm, as experiments.sweep writes events/<arm>.parquet (an arm
    may be a path to a scenario file)."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", arm_label(arm))


def open_source(path: Path) -> Source:
    """Recognise a sweep or run directory; :class:`NotResults` otherwise."""
    path = Path(path)
    hint = ("expected a sweep directory (manifest.json, shards/) from `alliancesim sweep` or "
            "a run directory (manifest.json, timeseries.parquet) from `alliancesim run`")
    if not path.is_dir():
        raise NotResults(f"{path}: not a results directory (no such directory); {hint}")
    man = path / "manifest.json"
    if man.is_file() and (path / "timeseries.parquet").is_file():
        try:
            manifest = json.loads(man.read_text())
        except json.JSONDecodeError as exc:
            raise NotResults(f"{man}: unreadable manifest ({exc})") from None
        return Source(path, "run", manifest)
    if man.is_file() and (path / "shards").is_dir():
        from experiments.results import finished_run_ids, read_manifest, read_spec, shards

        manifest = read_manifest(path)
        finished_run_ids(path)  # an unreadable shard is named now, not mid-figure
        spec_path = path / "experiment.toml"
        spec = read_spec(path) if spec_path.is_file() else {}
        if not shards(path):
            raise NotResults(f"{path}: sweep directory has no finished runs yet "
                             "(shards/ is empty)")
        return Source(path, "sweep", manifest, spec)
    raise NotResults(f"{path}: not a results directory; {hint}")


def hypotheses_by_metric(spec: dict) -> dict[str, tuple[str, int, float | None]]:
    """metric → (claim id, claimed sign, SESOI override) from the experiment's claims."""
    from experiments.claims import spec_claims

    out: dict[str, tuple[str, int, float | None]] = {}
    for h in spec_claims(spec):
        for m in h.metrics:
            out.setdefault(m, (h.id, h.sign, h.sesoi))
    return out
