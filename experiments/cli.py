"""The ``alliancesim`` command line: a thin layer over importable functions.

Bad input → one line on stderr naming the file and field, exit code 2, nothing written.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from pathlib import Path

from model.calendar import parse_month
from model.errors import InputError
from model.params import PARAMS, parse_assignments

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

    d = sub.add_parser("demo", help="run baseline and no_pact and print headline outcomes",
                       description="Run the baseline and no_pact scenarios with the same "
                       "seed, write them under --out, and print the headline outcomes at "
                       f"{', '.join(HEADLINE_DATES)} side by side.")
    d.add_argument("--seed", type=_seed, default=1, help="run seed (default: 1)")
    d.add_argument("--out", type=Path, default=Path("results/demo"),
                   help="output directory (default: results/demo)")

    pa = sub.add_parser("params", help="list every parameter (default, bounds, unit, meaning)")
    pa.add_argument("--format", choices=("text", "markdown", "csv"), default="text")
    sub.add_parser("scenarios", help="list the shipped scenarios")
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


def _month(text: str) -> str:
    try:
        parse_month(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--end: {exc}") from None
    return text


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = "alliancesim " + shlex.join(sys.argv[1:] if argv is None else argv)
    try:
        return {"run": cmd_run, "demo": cmd_demo, "params": cmd_params,
                "scenarios": cmd_scenarios}[args.command](args, command)
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


def cmd_demo(args, command: str) -> int:
    from experiments.runner import run_scenario, write_run
    from experiments.tables import side_by_side

    frames = {}
    for name in ("baseline", "no_pact"):
        t0 = time.perf_counter()
        model = run_scenario(name, args.seed)
        wall = time.perf_counter() - t0
        write_run(model, args.out / name, command=command, wall_time_s=wall)
        frames[name] = model.timeseries()
        print(f"ran {name:<9} seed {args.seed}: {model.steps} months in {wall:.2f} s "
              f"→ {args.out / name}")
    print()
    print(side_by_side(frames, HEADLINE_DATES))
    print("\nOne run per scenario with the same seed; for effects with uncertainty run "
          "replicates (see README).")
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


def cmd_scenarios(args, command: str) -> int:
    from model.scenario import load_scenario, shipped_scenarios

    for name, path in shipped_scenarios().items():
        sc = load_scenario(path)
        desc = " ".join(sc.description.split())
        print(f"{name}\n  {path}\n  {desc}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
