"""The ``alliancesim`` argument parser and its value types (one line and exit 2 on a bad
flag)."""

from __future__ import annotations

import argparse
import math
import os
from pathlib import Path

from experiments.arg_types import count, real
from experiments.discovery import cli as discovery_cli
from experiments.figures import cli as figures_cli
from model.calendar import parse_month
from model.synthetic import MAX_EVENTS, MAX_FIRMS, MAX_STATES, MIN_STATES
from viz import cli as viz_cli


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2 (argparse prints usage otherwise)
        self.exit(2, f"alliancesim: error: {message} (see --help)\n")


def build_parser() -> Parser:
    p = Parser(prog="alliancesim", description="Agent-based simulation of alliance and "
               "sanctions dynamics between states (Mesa).")
    p.add_argument("--version", action=Version, help="print the version and git commit")
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser)

    r = sub.add_parser("run", help="run one scenario and write its tables",
                       description="Run one scenario from its world's start to its end and "
                       "write timeseries/relations/events/decisions Parquet files and a "
                       "manifest to --out.")
    r.add_argument("--scenario", default="baseline",
                   help="shipped scenario name or path to a scenario .toml (default: baseline)")
    r.add_argument("--seed", type=_seed, default=1, help="run seed (default: 1)")
    r.add_argument("--end", type=_month, help="last month YYYY-MM (default: the scenario's)")
    r.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="override a parameter (repeatable; see `alliancesim params`)")
    r.add_argument("--out", type=Path,
                   help="output directory (default: results/<scenario>-seed<seed>)")
    r.add_argument("--no-relations", action="store_true",
                   help="skip relations.parquet (one row per month and pair)")
    r.add_argument("--overwrite", action="store_true",
                   help="replace --out even if it holds files that are not a previous run's "
                   "output (without it, such a folder is refused)")

    sw = sub.add_parser("sweep", help="run an experiment (arms × design × replicates)",
                        description="Run every run of an experiment file, streaming results "
                        "to Parquet shards in --out; --resume runs exactly the missing runs.")
    sw.add_argument("experiment", help="shipped experiment name (see `alliancesim "
                    "experiments`) or path to an experiment .toml")
    sw.add_argument("--jobs", type=_jobs, default=os.cpu_count() or 1,
                    help="parallel workers (default: number of CPUs)")
    sw.add_argument("--backend", choices=("process", "dask"), default="process",
                    help="process pool (default) or Dask")
    sw.add_argument("--scheduler", metavar="ADDRESS",
                    help="Dask scheduler address (implies --backend dask); default: a local "
                    "cluster")
    sw.add_argument("--out", type=Path, help="sweep directory (default: results/<experiment>)")
    sw.add_argument("--resume", action="store_true",
                    help="continue the sweep in --out, running only missing or failed runs")
    sw.add_argument("--replicates", type=_positive,
                    help="override the experiment's replicates (e.g. a quick look)")
    sw.add_argument("--batch", type=_positive, default=20,
                    help="runs per Parquet shard (default: 20)")
    sw.add_argument("--quiet", action="store_true", help="no progress bar")

    st = sub.add_parser("status", help="done / missing / failed runs of a sweep directory")
    st.add_argument("dir", type=Path)
    an = sub.add_parser("analyze", help="hypothesis table, robustness or sensitivity indices",
                        description="Analyse a stored sweep (never re-runs the model); writes "
                        "CSV and Markdown to DIR/analysis/ and prints the tables.")
    an.add_argument("dir", type=Path)
    sub.add_parser("experiments", help="list the shipped experiment files")

    ca = sub.add_parser("calibrate", help="fit the free parameters to the calibration facts",
                        description="Latin hypercube + Nelder-Mead over the free parameters "
                        "(experiments/calibration/fit.py) against the targets with role "
                        "'calibrate' in model/data/calibration/targets.csv. Writes a fit "
                        "report to --out; --apply makes the values the model's defaults.")
    ca.add_argument("--samples", type=count(1, 100_000), default=64,
                    help="LHS points (default 64)")
    ca.add_argument("--starts", type=count(1, 1000), default=2,
                    help="Nelder-Mead starts from the best points (default 2)")
    ca.add_argument("--maxfev", type=count(1, 100_000), default=40,
                    help="evaluations per Nelder-Mead start (default 40)")
    ca.add_argument("--replicates", type=count(1, 10_000), default=5,
                    help="seeds for the final evaluation (default 5)")
    ca.add_argument("--fit-seeds", type=count(1, 100), default=2,
                    help="point: common seeds each point's loss is averaged over (default 2)")
    ca.add_argument("--seed", type=_seed, default=2013, help="root seed (default 2013)")
    ca.add_argument("--jobs", type=_jobs, default=os.cpu_count() or 1)
    ca.add_argument("--out", type=Path, help="report directory (default results/calibration; "
                    "abc: results/posterior)")
    ca.add_argument("--apply", action="store_true",
                    help="write model/data/calibration/calibrated.toml (the new defaults)")
    _abc_arguments(ca)

    va = sub.add_parser("validate", help="historical replay against every pattern",
                        description="Run baseline (and the no_2014_sanctions counterfactual) "
                        "with replicates and print the pattern table: fact, model median and "
                        "90% band, tolerance, pass/fail, calibrated or held out.")
    va.add_argument("--replicates", type=count(1, 10_000), default=10)
    va.add_argument("--seed", type=_seed, default=1)
    va.add_argument("--jobs", type=_jobs, default=os.cpu_count() or 1)
    va.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="validate with a parameter changed (repeatable)")
    va.add_argument("--out", type=Path, default=Path("results/validation"))
    va.add_argument("--posterior", type=Path, metavar="DIR",
                    help="posterior predictive check: draws from a stored posterior "
                    "(`calibrate --method abc`) instead of the defaults")
    va.add_argument("--draws", type=count(1, 100_000), default=100,
                    help="posterior draws for --posterior, one seed each (default 100)")

    d = sub.add_parser("demo", help="the treaty's effect at demo size, with its hypothesis "
                       "table", description="Run the pact_effect experiment (baseline vs "
                       "no_pact, paired seeds) at demo size, analyse it and print the "
                       "hypothesis table. Re-running resumes (nothing to redo).")
    d.add_argument("--replicates", type=_positive, default=20,
                   help="replicates per arm (default: 20)")
    d.add_argument("--jobs", type=_jobs, default=os.cpu_count() or 1,
                   help="parallel workers (default: number of CPUs)")
    d.add_argument("--out", type=Path, default=Path("results/demo"),
                   help="output directory (default: results/demo)")

    sy = sub.add_parser("synth", help="write a synthetic world of any size (stress tests, "
                        "benchmarks)", description="Write a plausible synthetic world folder "
                        "(the format of model/data/worlds/default/) and a scenario.toml that "
                        "points at it: states in regional clusters and two alignment blocs, "
                        "heavy-tailed capability, gravity-model trade, FDI, defence pacts, "
                        "disputes, a UN-style sanctions regime, firms, and a timeline (an "
                        "invasion, sanctions, arms, a pact, a ceasefire, background events). "
                        "The same arguments give byte-identical files. Then run it with "
                        "`alliancesim run --scenario DIR/scenario.toml`.")
    sy.add_argument("--states", type=count(MIN_STATES, MAX_STATES), default=50,
                    help=f"number of states, {MIN_STATES}-{MAX_STATES} (default: 50)")
    sy.add_argument("--firms", type=count(0, MAX_FIRMS), default=1000,
                    help=f"number of foreign firms, 0-{MAX_FIRMS:,} (default: 1000)")
    sy.add_argument("--seed", type=_seed, default=1, help="generator seed (default: 1)")
    sy.add_argument("--start", type=_month, default="2000-01",
                    help="first simulated month YYYY-MM, also the base year (default: 2000-01)")
    sy.add_argument("--end", type=_month, default="2019-12",
                    help="the scenario's last month YYYY-MM (default: 2019-12)")
    sy.add_argument("--events", type=count(0, MAX_EVENTS),
                    help="timeline events (default: 10 + states // 5)")
    sy.add_argument("--out", type=Path, help="new or empty output folder (default: "
                    "results/synth-n<states>-f<firms>-s<seed>)")

    wo = sub.add_parser("world", help="build a world folder from a source table (icio: the "
                        "80 economies of the OECD ICIO 2022 table)", description="Build "
                        "model/data/worlds/icio/ (or --out) from the OECD ICIO table shipped "
                        "by the optional package sanction-simulator (pip install "
                        "sanction-simulator); see model/data/worlds/icio/README.md.")
    wo.add_argument("which", choices=("icio",), help="the world to build")
    wo.add_argument("--out", type=Path, help="output folder, replaced atomically (default: "
                    "model/data/worlds/icio)")

    pa = sub.add_parser("params", help="list every parameter (default, bounds, unit, meaning)")
    pa.add_argument("--format", choices=("text", "markdown", "csv"), default="text")
    ph = sub.add_parser("phases", help="the month's phases in order: what each does, reads "
                        "and writes (docs/phases.md)")
    ph.add_argument("--format", choices=("text", "markdown"), default="text")
    sub.add_parser("scenarios", help="list the shipped scenarios")
    viz_cli.add_parser(sub)
    figures_cli.add_parser(sub)
    discovery_cli.add_parser(sub)
    return p


MAX_SEED = 2**63 - 1  # seeds are stored as 64-bit integers in every output
MAX_JOBS = 256


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"expected an integer in [0, 2**63 - 1], got "
                                         f"{text!r}")
    return value


def _abc_arguments(ca) -> None:
    """`calibrate --method abc`: ABC-SMC (experiments/calibration/abc.py)."""
    ca.add_argument("--method", choices=("point", "abc"), default="point",
                    help="point: LHS + Nelder-Mead to one point (default); abc: a posterior "
                    "by ABC-SMC, written to --out (default results/posterior)")
    ca.add_argument("--population", type=count(10, 100_000), default=400,
                    help="abc: particles per generation (default 400)")
    ca.add_argument("--tolerance", type=real(lambda v: 0 < v < math.inf, "a positive number"),
                    default=1.0,
                    help="abc: stop when the distance threshold is at most this (default 1: "
                    "the targets within their tolerance bands, root-mean-square)")
    ca.add_argument("--budget", type=count(10, 10_000_000), default=20_000,
                    help="abc: at most this many simulated histories (default 20000)")
    ca.add_argument("--generations", type=count(1, 1000), default=20,
                    help="abc: at most this many generations (default 20)")
    ca.add_argument("--until", type=_month, default="2021-12",
                    help="abc: use the calibration facts up to this month and simulate "
                    "2013 to it (default 2021-12; 2023-12 adds the firm facts)")
    ca.add_argument("--priors", type=Path, help="abc: priors file (default "
                    "model/data/calibration/priors.toml)")
    ca.add_argument("--backend", choices=("process", "dask"), default="process")
    ca.add_argument("--scheduler", metavar="ADDRESS", help="abc: Dask scheduler address")
    ca.add_argument("--resume", action="store_true",
                    help="abc: continue the run in --out from its last finished generation")
    ca.add_argument("--quiet", action="store_true", help="no progress bar")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _jobs(text: str) -> int:
    value = _positive(text)
    if value > MAX_JOBS:
        raise argparse.ArgumentTypeError(f"expected at most {MAX_JOBS} workers, got {text!r}")
    return value


class Version(argparse.Action):
    """``--version``: the package version and the git commit (looked up only when asked)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        from importlib.metadata import PackageNotFoundError, version

        from experiments.provenance import code_version

        try:
            number = version("alliancesim")
        except PackageNotFoundError:
            number = "unknown"
        code = code_version()
        commit = code["commit"][:12] + (", uncommitted changes" if code["dirty"] else "")
        print(f"alliancesim {number} (git {commit})")  # on stdout, as --help
        parser.exit(0)


def _month(text: str) -> str:
    try:
        parse_month(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


