"""The ``alliancesim`` command line: a thin layer over importable functions.

Bad input → one line on stderr naming the file and field, exit code 2, nothing written.
"""

from __future__ import annotations

import shlex
import sys
import time
from pathlib import Path

from experiments import cli_sweep
from experiments.cli_args import Parser, build_parser  # noqa: F401  (Parser: re-exported)
from experiments.cli_sweep import compiling_notice
from experiments.discovery import cli as discovery_cli
from experiments.figures import cli as figures_cli
from model.errors import InputError
from model.params import PARAMS, parse_assignments
from model.synthetic import write_synthetic_world
from viz import cli as viz_cli

INTERRUPTED = 130  # the shell's code for a process stopped by SIGINT (128 + 2)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = "alliancesim " + shlex.join(sys.argv[1:] if argv is None else argv)
    try:
        return {"run": cmd_run, "demo": cli_sweep.cmd_demo, "params": cmd_params,
                "phases": cmd_phases, "scenarios": cmd_scenarios, "sweep": cli_sweep.cmd_sweep,
                "status": cli_sweep.cmd_status, "analyze": cli_sweep.cmd_analyze,
                "experiments": cmd_experiments, "calibrate": cmd_calibrate,
                "validate": cmd_validate, "synth": cmd_synth, "world": cmd_world,
                "viz": lambda args, _command: viz_cli.run(args),
                "figures": lambda args, _command: figures_cli.run(args),
                "discover": lambda args, _command: discovery_cli.run(args),
                }[args.command](args, command)
    except InputError as exc:
        print(f"alliancesim: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"alliancesim: interrupted{cli_sweep.interrupted_hint(args)}", file=sys.stderr)
        return INTERRUPTED


def cmd_run(args, command: str) -> int:
    from experiments.outdir import check_run_out
    from experiments.runner import run_scenario, write_run
    from model.scenario import load_scenario

    overrides = parse_assignments(args.set)
    scenario = load_scenario(args.scenario, end=args.end)
    out = args.out or Path("results") / f"{scenario.name}-seed{args.seed}"
    check_run_out(out, args.overwrite)  # before the run: a bad --out costs nothing
    compiling_notice()
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


def cmd_calibrate(args, command: str) -> int:
    from experiments.calibration.fit import calibrate, report_markdown
    from experiments.outdir import check_writable

    if args.method == "abc":
        from experiments.cli_calibrate import cmd_abc

        return cmd_abc(args, command)
    args.out = args.out or Path("results/calibration")
    check_writable(args.out)

    report = calibrate(args.out, samples=args.samples, starts=args.starts,
                       maxfev=args.maxfev, replicates=args.replicates, seed=args.seed,
                       jobs=args.jobs, apply=args.apply, fit_seeds=args.fit_seeds)
    print(report_markdown(report))
    print(f"(report in {args.out}; "
          + ("defaults updated in model/data/calibration/calibrated.toml)" if args.apply
             else "run with --apply to make these the defaults)"))
    return 0


def cmd_validate(args, command: str) -> int:
    from experiments.calibration.validate import validate
    from experiments.outdir import check_writable

    check_writable(args.out)
    if args.posterior is not None:
        from experiments.cli_calibrate import cmd_validate_posterior

        return cmd_validate_posterior(args, command)
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


SYNTH_FLAGS = {"n_states": "--states", "n_firms": "--firms", "seed": "--seed",
               "start": "--start", "end": "--end", "n_events": "--events", "out": "--out"}


def cmd_world(args, _command: str) -> int:
    from model.icio.build import OUT, build

    out = build(args.out or OUT)
    print(f"world: wrote {out}/ (80 economies, OECD ICIO 2022; checks in tests/test_icio.py)")
    return 0


def cmd_synth(args, command: str) -> int:
    from experiments.outdir import check_writable

    out = args.out or Path("results") / f"synth-n{args.states}-f{args.firms}-s{args.seed}"
    check_writable(out)
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
