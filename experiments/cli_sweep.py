"""The sweep commands of the ``alliancesim`` CLI: sweep, status, analyze, demo."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def cmd_sweep(args, command: str) -> int:
    from experiments.executor import prestart

    backend = "dask" if args.scheduler else args.backend
    prestart(backend, args.jobs)  # workers get ready while the experiment is read
    from experiments.spec import load_experiment
    from experiments.sweep import sweep

    exp = load_experiment(args.experiment, replicates=args.replicates)
    out = args.out or Path("results") / exp.name
    args.out = out  # for the hint after Ctrl-C

    compiling_notice()
    rep = sweep(exp, out, jobs=args.jobs, backend=backend, scheduler=args.scheduler,
                resume=args.resume, batch=args.batch, command=command,
                progress=not args.quiet)
    for q in rep.corrupt:
        print(f"alliancesim: quarantined the unreadable shard {q.name} in {q.parent}; its "
              "runs were run again", file=sys.stderr)
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
    if rep.corrupt:
        print(f"alliancesim: error: {args.dir}: shards: {len(rep.corrupt)} corrupted or "
              f"truncated ({', '.join(p.name for p in rep.corrupt)}); their runs count as "
              "missing; `alliancesim sweep EXPERIMENT --out DIR --resume` quarantines them "
              "and reruns their runs", file=sys.stderr)
        return 2
    return 0


def cmd_analyze(args, command: str) -> int:
    from experiments.analysis import analyze
    from experiments.results import check_sweep_dir

    check_sweep_dir(args.dir)
    print(analyze(args.dir))
    print(f"(tables written to {args.dir / 'analysis'})")
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

    compiling_notice()
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
          "interval over replicates; the verdict says whether the interval\nlies beyond the "
          "smallest effect of interest (`sesoi`) on the claimed side (supported), on the other "
          "side\n(contradicted), inside it (negligible) or neither (inconclusive). See README.md "
          "(Experiments) for full-size runs.")
    from experiments.figures import draw_all

    print()
    for line in draw_all(out):
        print(line)
    return 0




def interrupted_hint(args) -> str:
    """What the user can do after Ctrl-C (the finished runs are kept)."""
    if getattr(args, "command", None) == "demo":
        return "; the finished runs are kept: `alliancesim demo` again resumes"
    if getattr(args, "command", None) != "sweep":
        return ""
    reps = f" --replicates {args.replicates}" if args.replicates else ""
    return (f"; the finished runs are kept in {args.out}; `alliancesim sweep "
            f"{args.experiment} --out {args.out}{reps} --resume` completes the sweep")


def compiling_notice() -> None:
    """Say so (stderr) when this run will compile the kernels first (~60 s, once)."""
    from model.mechanisms.kernel_cache import compile_notice

    note = compile_notice()
    if note:
        print(note, file=sys.stderr, flush=True)
