"""``alliancesim discover DIR --claim H2 [--date YYYY-MM] [--method prim|cart|both] ...``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from experiments.arg_types import count, real
from experiments.discovery import METHODS

_fraction = real(lambda v: 0.0 < v < 1.0, "a number between 0 and 1")
_non_negative = real(lambda v: v >= 0.0, "a number ≥ 0")


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "discover", help="scenario discovery: where in the sampled inputs a claim holds "
        "(PRIM, CART)",
        description="Scenario discovery on a stored paired sweep (never re-runs the model): "
        "each design point's paired effect (treatment − control, mean over replicates) of "
        "the claim's metric at --date marks the points where the claim holds (or, with "
        "--contradicted, where it is contradicted); the EMA Workbench's PRIM and CART then "
        "find the boxes of inputs where such points concentrate. Works on any design that "
        "records its varied inputs per point (lhs, sobol, grid, morris; prior/posterior "
        "designs when they exist); needs at least two varied inputs. Writes box limits "
        "with coverage, density, mass and quasi-p-values, the CART tree, the figures and "
        "report.md to DIR/discovery/<claim>-<metric>-<date>-<holds|contradicted>/.")
    p.add_argument("dir", type=Path, help="sweep directory (from `alliancesim sweep`)")
    p.add_argument("--claim", required=True, metavar="ID",
                   help="claim id from the experiment's claims ([[claims]]; H1..H8 for "
                   "claims = \"treaty\")")
    p.add_argument("--date", metavar="YYYY-MM",
                   help="recorded month (default: the last analysis date recorded)")
    p.add_argument("--metric", help="for claims measured by several metrics (default: the "
                   "claim's first recorded metric)")
    p.add_argument("--method", choices=(*METHODS, "both"), default="both",
                   help="prim, cart or both (default: both)")
    p.add_argument("--threshold", type=_non_negative, default=0.0,
                   help="a point counts if the effect has the claimed sign and exceeds this "
                   "in size (default 0: any effect of the claimed sign)")
    p.add_argument("--contradicted", action="store_true",
                   help="find where the claim is contradicted (effect of the other sign "
                   "beyond --threshold) instead of where it holds")
    p.add_argument("--min-coverage", type=_fraction, default=0.5,
                   help="PRIM: report the densest box with at least this coverage whose "
                   "every limit has a quasi-p-value ≤ 0.05 (default 0.5)")
    p.add_argument("--mass-min", type=_fraction, default=0.05,
                   help="PRIM's minimum box mass and CART's minimum leaf (default 0.05)")
    p.add_argument("--peel-alpha", type=_fraction, default=0.05,
                   help="PRIM's peeling (and pasting) share (default 0.05)")
    p.add_argument("--depth", type=count(1, 12), default=4,
                   help="CART's maximum depth (default 4)")
    p.add_argument("--prune", type=_non_negative, default=0.002,
                   help="CART's cost-complexity pruning alpha (sklearn's ccp_alpha; "
                   "default 0.002)")
    p.add_argument("--seed", type=count(0, 2**32 - 1), default=0,
                   help="CART's random state for ties between equal splits (default 0)")
    return p


def run(args) -> int:
    from experiments.discovery.core import Settings, discover
    from experiments.figures.discovery import draw_case

    s = Settings(claim=args.claim, date=args.date, metric=args.metric,
                 methods=METHODS if args.method == "both" else (args.method,),
                 threshold=args.threshold, contradicted=args.contradicted,
                 min_coverage=args.min_coverage, mass_min=args.mass_min,
                 peel_alpha=args.peel_alpha, paste_alpha=args.peel_alpha, depth=args.depth,
                 prune=args.prune, seed=args.seed)
    t0 = time.perf_counter()
    dest, text = discover(args.dir, s, log=lambda m: print(m, file=sys.stderr, flush=True),
                          draw=draw_case)
    print(text)
    print(f"(written to {dest} in {time.perf_counter() - t0:.1f} s)")
    return 0
