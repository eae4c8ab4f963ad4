"""The ``alliancesim`` command line: a thin layer over importable functions.

Bad input → one line on stderr naming the file and field, exit code 2, nothing written.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import time
from pathlib import Path

from experiments.discovery import cli as discovery_cli
from experiments.figures import cli as figures_cli
from model.calendar import parse_month
from model.errors import InputError
from model.params import PARAMS, parse_assignments
from model.synthetic import (
    MAX_EVENTS,
    MAX_FIRMS,
    MAX_STATES,
    MIN_STATES,
    write_synthetic_world,
)
from viz import cli as viz_cli

HEADLINE_DATES = ("2021-12", "2024-12", "2030-12")


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2 (argparse prints usage otherwise)
        self.exit(2, f"alliancesim: error: {message} (see --help)\n")


def build_parser() -> Parser:
    p = Parser(prog="alliancesim", description="Agent-based simulation of alliance and "
               "sanctions dynamics between states (Mesa).")
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

    sw = sub.add_parser("sweep", help="run an experiment (arms × design × replicates)",
                        description="Run every run of an experiment file, streaming results "
                        "to Parquet shards in --out; --resume runs exactly the missing runs.")
    sw.add_argument("experiment", help="shipped experiment name (see `alliancesim "
                    "experiments`) or path to an experiment .toml")
    sw.add_argument("--jobs", type=_positive, default=os.cpu_count() or 1,
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
    ca.add_argument("--samples", type=_positive, default=64, help="LHS points (default 64)")
    ca.add_argument("--starts", type=_positive, default=2,
                    help="Nelder-Mead starts from the best points (default 2)")
    ca.add_argument("--maxfev", type=_positive, default=40,
                    help="evaluations per Nelder-Mead start (default 40)")
    ca.add_argument("--replicates", type=_positive, default=5,
                    help="seeds for the final evaluation (default 5)")
    ca.add_argument("--seed", type=_seed, default=2013, help="root seed (default 2013)")
    ca.add_argument("--jobs", type=_positive, default=os.cpu_count() or 1)
    ca.add_argument("--out", type=Path, default=Path("results/calibration"))
    ca.add_argument("--apply", action="store_true",
                    help="write model/data/calibration/calibrated.toml (the new defaults)")

    va = sub.add_parser("validate", help="historical replay against every pattern",
                        description="Run baseline (and the no_2014_sanctions counterfactual) "
                        "with replicates and print the pattern table: fact, model median and "
                        "90%% band, tolerance, pass/fail, calibrated or held out.")
    va.add_argument("--replicates", type=_positive, default=10)
    va.add_argument("--seed", type=_seed, default=1)
    va.add_argument("--jobs", type=_positive, default=os.cpu_count() or 1)
    va.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="validate with a parameter changed (repeatable)")
    va.add_argument("--out", type=Path, default=Path("results/validation"))

    d = sub.add_parser("demo", help="the treaty's effect at demo size, with its hypothesis "
                       "table", description="Run the pact_effect experiment (baseline vs "
                       "no_pact, paired seeds) at demo size, analyse it and print the "
                       "hypothesis table. Re-running resumes (nothing to redo).")
    d.add_argument("--replicates", type=_positive, default=20,
                   help="replicates per arm (default: 20)")
    d.add_argument("--jobs", type=_positive, default=os.cpu_count() or 1,
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
    sy.add_argument("--states", type=_count(MIN_STATES, MAX_STATES), default=50,
                    help=f"number of states, {MIN_STATES}-{MAX_STATES} (default: 50)")
    sy.add_argument("--firms", type=_count(0, MAX_FIRMS), default=1000,
                    help=f"number of foreign firms, 0-{MAX_FIRMS:,} (default: 1000)")
    sy.add_argument("--seed", type=_seed, default=1, help="generator seed (default: 1)")
    sy.add_argument("--start", type=_month, default="2000-01",
                    help="first simulated month YYYY-MM, also the base year (default: 2000-01)")
    sy.add_argument("--end", type=_month, default="2019-12",
                    help="the scenario's last month YYYY-MM (default: 2019-12)")
    sy.add_argument("--events", type=_count(0, MAX_EVENTS),
                    help="timeline events (default: 10 + states // 5)")
    sy.add_argument("--out", type=Path, help="new or empty output folder (default: "
                    "results/synth-n<states>-f<firms>-s<seed>)")

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


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--seed: expected a non-negative integer, "
                                         f"got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("--seed: expected a non-negative integer")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _count(lo: int, hi: int):
    """An argparse type: an integer in [lo, hi] (argparse names the flag in its error)."""
    def check(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"expected an integer in [{lo}, {hi}], "
                                             f"got {text!r}")
        return value
    return check


def _month(text: str) -> str:
    try:
        parse_month(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = "alliancesim " + shlex.join(sys.argv[1:] if argv is None else argv)
    try:
        return {"run": cmd_run, "demo": cmd_demo, "params": cmd_params, "phases": cmd_phases,
                "scenarios": cmd_scenarios, "sweep": cmd_sweep, "status": cmd_status,
                "analyze": cmd_analyze, "experiments": cmd_experiments,
                "calibrate": cmd_calibrate, "validate": cmd_validate, "synth": cmd_synth,
                "viz": lambda args, _command: viz_cli.run(args),
                "figures": lambda args, _command: figures_cli.run(args),
                "discover": lambda args, _command: discovery_cli.run(args),
                }[args.command](args, command)
    except InputError as exc:
        print(f"alliancesim: error: {exc}", file=sys.stderr)
        return 2


def cmd_run(args, command: str) -> int:
    from experiments.runner import run_scenario, write_run
    from model.scenario import load_scenario

    overrides = parse_assignments(args.set)
    scenario = load_scenario(args.scenario, end=args.end)
    out = args.out or Path("results") / f"{scenario.name}-seed{args.seed}"
    t0 = time.perf_counter()
    model = run_scenario(scenario, args.seed, overrides=overrides,
                         record_relations=not args.no_relations)
    wall = time.perf_counter() - t0
    write_run(model, out, command=command, wall_time_s=wall)
    last = model.timeseries().iloc[-1]
    print(f"{scenario.name}: {model.steps} months "
          f"{model.timeseries()['date'].iloc[0]:%Y-%m}..{last['date']:%Y-%m} "
          f"in {wall:.2f} s, seed {args.seed} → {out}")
    return 0


def cmd_sweep(args, command: str) -> int:
    from experiments.executor import prestart

    backend = "dask" if args.scheduler else args.backend
    prestart(backend, args.jobs)  # workers get ready while the experiment is read
    from experiments.spec import load_experiment
    from experiments.sweep import sweep

    exp = load_experiment(args.experiment, replicates=args.replicates)
    out = args.out or Path("results") / exp.name
    rep = sweep(exp, out, jobs=args.jobs, backend=backend, scheduler=args.scheduler,
                resume=args.resume, batch=args.batch, command=command,
                progress=not args.quiet)
    print(f"{exp.name}: {rep.done}/{rep.total} runs done ({rep.ran} run now in "
          f"{rep.seconds:.1f} s, {backend}, {args.jobs} jobs) → {out}")
    if rep.failed:
        print(f"alliancesim: {rep.failed} runs failed; tracebacks in {out / 'failures'}; "
              f"`alliancesim sweep {args.experiment} --out {out} --resume` retries them",
              file=sys.stderr)
        return 1
    return 0


def cmd_status(args, command: str) -> int:
    from experiments.sweep import read_manifest, status

    man = read_manifest(args.dir)
    rep = status(args.dir)
    print(f"{man['experiment']} in {args.dir}: {rep.done} done, {rep.missing} missing, "
          f"{rep.failed} failed, of {rep.total} runs")
    return 0


def cmd_analyze(args, command: str) -> int:
    from experiments.analysis import analyze

    print(analyze(args.dir))
    print(f"(tables written to {args.dir / 'analysis'})")
    return 0


def cmd_calibrate(args, command: str) -> int:
    from experiments.calibration.fit import calibrate, report_markdown

    report = calibrate(args.out, samples=args.samples, starts=args.starts,
                       maxfev=args.maxfev, replicates=args.replicates, seed=args.seed,
                       jobs=args.jobs, apply=args.apply)
    print(report_markdown(report))
    print(f"(report in {args.out}; "
          + ("defaults updated in model/data/calibration/calibrated.toml)" if args.apply
             else "run with --apply to make these the defaults)"))
    return 0


def cmd_validate(args, command: str) -> int:
    from experiments.calibration.validate import validate

    df = validate(args.out, replicates=args.replicates, seed=args.seed, jobs=args.jobs,
                  params=parse_assignments(args.set))
    print((args.out / "validation.md").read_text())
    print(f"(tables in {args.out})")
    return 0 if len(df) else 2


def cmd_experiments(args, command: str) -> int:
    from experiments.spec import load_experiment, shipped_experiments

    for name, path in shipped_experiments().items():
        exp = load_experiment(path)
        print(f"{name}\n  {path}\n  {' '.join(exp.description.split())}\n")
    return 0


def cmd_demo(args, command: str) -> int:
    from experiments.executor import prestart

    prestart("process", args.jobs)  # workers get ready while the experiment is read
    from experiments.analysis import analyze
    from experiments.provenance import source_digest
    from experiments.spec import load_experiment
    from experiments.sweep import read_manifest, sweep

    exp = load_experiment("pact_effect", replicates=args.replicates)
    out = args.out / f"pact_effect-r{args.replicates}"
    resume = (out / "manifest.json").exists()
    if resume and read_manifest(out).get("source_sha256") != source_digest():
        print(f"{out} holds runs of different model code; running the demo afresh")
        shutil.rmtree(out)
        resume = False
    rep = sweep(exp, out, jobs=args.jobs, resume=resume, command=command)
    print(f"pact_effect: {rep.done}/{rep.total} runs in {out} ({rep.ran} run now, "
          f"{rep.seconds:.1f} s)\n")
    if rep.failed:
        print(f"alliancesim: {rep.failed} runs failed; see {out / 'failures'}",
              file=sys.stderr)
        return 1
    print(analyze(out))
    print("How to read it: each row is one claim of the essay measured on one outcome at one "
          "date. `mean` is the paired effect\n(treaty − no treaty, same seeds), with its 95% "
          "interval over replicates; the verdict says whether the interval\nexcludes zero on "
          "the claimed side. See README.md (Experiments) for full-size runs.")
    from experiments.figures import draw_all

    print()
    for line in draw_all(out):
        print(line)
    return 0


SYNTH_FLAGS = {"n_states": "--states", "n_firms": "--firms", "seed": "--seed",
               "start": "--start", "end": "--end", "n_events": "--events", "out": "--out"}


def cmd_synth(args, command: str) -> int:
    out = args.out or Path("results") / f"synth-n{args.states}-f{args.firms}-s{args.seed}"
    try:
        scenario = write_synthetic_world(out, args.states, args.firms, args.seed,
                                         start=args.start, end=args.end, n_events=args.events)
    except InputError as exc:  # name the command-line flag, not the function's argument
        raise InputError(exc.file, SYNTH_FLAGS.get(exc.field, exc.field), exc.message) \
            from None
    print(f"synth: wrote {out}/ (seed {args.seed}, {args.start}..{args.end})")
    for f in sorted(out.iterdir()):
        text = f.read_text(encoding="utf-8")
        rows = text.count("\n") - 1
        what = (f"{rows} row{'s' * (rows != 1)}" if f.suffix == ".csv"
                else f"{text.count('[[event]]')} events" if f.name == "timeline.toml" else "")
        print(f"  {f.name:<16} {what}".rstrip())
    print(f"run it:\n  alliancesim run --scenario {shlex.quote(str(scenario))}"
          + (" --no-relations" if args.states >= 100 else ""))
    if args.states >= 100:
        print("  (--no-relations: relations.parquet would hold a row per month and pair)")
    return 0


def cmd_params(args, command: str) -> int:
    rows = [(p.name, p.default, p.lo, p.hi, p.unit, p.kind, p.group, p.meaning, p.source)
            for p in PARAMS.values()]
    if args.format == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(["name", "default", "lo", "hi", "unit", "kind", "group", "meaning",
                    "source"])
        w.writerows(rows)
    elif args.format == "markdown":
        print("| name | default | bounds | unit | kind | meaning | source |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for n, d, lo, hi, u, k, _, m, s in rows:
            print(f"| `{n}` | {d:g} | [{lo:g}, {hi:g}] | {u} | {k} | {m} | {s} |")
    else:
        group = None
        for n, d, lo, hi, u, k, g, m, _ in rows:
            if g != group:
                print(f"\n[{g}]")
                group = g
            print(f"  {n:<30} {d:>9g}  [{lo:g}, {hi:g}] {u}  ({k})\n      {m}")
    return 0


def cmd_phases(args, command: str) -> int:
    from experiments.docs import phase_table_markdown, phase_table_text

    print(phase_table_markdown() if args.format == "markdown" else phase_table_text(), end="")
    return 0


def cmd_scenarios(args, command: str) -> int:
    from model.scenario import load_scenario, shipped_scenarios

    for name, path in shipped_scenarios().items():
        sc = load_scenario(path)
        desc = " ".join(sc.description.split())
        print(f"{name}\n  {path}\n  {desc}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
