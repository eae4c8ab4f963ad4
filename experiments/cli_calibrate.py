"""The command line of the Bayesian calibration: `calibrate --method abc` and
`validate --posterior DIR` (thin: the work is in experiments/calibration/)."""

from __future__ import annotations

from pathlib import Path

from model.errors import InputError


def cmd_abc(args, _command: str) -> int:
    from experiments.calibration.abc import run_abc
    from experiments.calibration.priors import PRIORS, load_priors
    from experiments.cli_sweep import compiling_notice
    from experiments.executor import check_scheduler
    from experiments.outdir import check_writable

    out = args.out or Path("results/posterior")
    load_priors(args.priors or PRIORS)  # bad priors: one line before anything is written
    check_writable(out)
    if out.is_dir() and any(out.iterdir()) and not (out / "abc.db").exists():
        raise InputError(out, "--out", "holds files that are not a posterior run's; choose "
                         "a new or empty folder")
    if args.resume and not (out / "abc.db").exists():
        raise InputError(out, "--resume", "no run to resume here (abc.db missing)")
    backend = "dask" if args.scheduler else args.backend
    if args.scheduler:
        check_scheduler(args.scheduler)
    compiling_notice()
    m = run_abc(out, population=args.population, tolerance=args.tolerance,
                budget=args.budget, max_generations=args.generations, seed=args.seed,
                until=args.until, backend=backend, jobs=args.jobs,
                scheduler=args.scheduler, resume=args.resume, progress=not args.quiet,
                priors_path=args.priors)
    reached = "reached" if m["reached_tolerance"] else "did NOT reach"
    print(f"abc: {m['generations']} generations, {m['simulations']} simulated histories "
          f"(2013..{m['until']}) in {m['wall_time_s']:.0f} s; final epsilon "
          f"{m['final_epsilon']:.3g} ({reached} the tolerance {m['tolerance']:g}); "
          f"ESS {m['ess']:.0f} of {m['population']} → {out}")
    print(summary_markdown(out))
    print(draw_posterior(out))
    return 0


def draw_posterior(out: Path) -> str:
    """The prior-vs-posterior marginals and the pair plot into ``out/figures``."""
    from experiments.calibration.posterior import load_posterior
    from experiments.figures import posterior_marginals, posterior_pairs

    post = load_posterior(out)
    paths = [*posterior_marginals.draw(post, out / "figures"),
             *posterior_pairs.draw(post, out / "figures")]
    return "figures: " + ", ".join(str(p) for p in paths if p.suffix == ".png")


def summary_markdown(out: Path) -> str:
    """Prior support and posterior median and 90% interval of each quantity."""
    from experiments.calibration.posterior import load_posterior
    from experiments.calibration.priors import Prior
    from experiments.weighted import weighted_quantile

    post = load_posterior(out)
    priors = {p["name"]: Prior(**p) for p in post.manifest["priors"]}
    lines = ["| quantity | prior | posterior median | 90% interval | interval / prior width |",
             "| --- | --- | --- | --- | --- |"]
    for n in post.names:
        x = post.particles[n].to_numpy()
        lo, med, hi = weighted_quantile(x, post.weights, (0.05, 0.5, 0.95))
        p = priors[n]
        lines.append(f"| `{n}` | {p.shape} [{p.lo:g}, {p.hi:g}] | {med:.4g} | "
                     f"[{lo:.4g}, {hi:.4g}] | {(hi - lo) / (p.hi - p.lo):.2f} |")
    return "\n".join(lines) + "\n"


def cmd_validate_posterior(args, _command: str) -> int:
    from experiments.calibration.posterior import load_posterior
    from experiments.calibration.predictive import predictive

    load_posterior(args.posterior)  # missing or foreign: one line before anything runs
    import pandas as pd

    from experiments.figures import predictive_bands

    predictive(args.out, args.posterior, draws=args.draws, seed=args.seed, jobs=args.jobs)
    print((args.out / "predictive.md").read_text())
    draws = pd.read_parquet(args.out / "predictive_draws.parquet")
    predictive_bands.draw(draws, args.out / "figures",
                          note=f"{args.draws} draws from {args.posterior}.")
    print(f"(tables in {args.out})")
    return 0
