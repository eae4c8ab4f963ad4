"""``alliancesim figures DIR [--format png,pdf,svg] [--out DIR]`` and :func:`draw_all`.

Draws every figure the stored results in DIR support (never re-runs the model); a figure whose
data is missing is skipped with one line naming what is missing. Exit code 2 if DIR is not a
results directory, a format is unknown, or nothing at all could be drawn.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = ("png", "pdf", "svg")


@dataclass
class FigureReport:
    drawn: list[tuple[str, list[Path]]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        for what, paths in self.drawn:
            pngs = [p for p in paths if p.suffix == ".png"]
            where = pngs[0].parent if pngs else ""
            out.append(f"drew {what}: {len(pngs)} figure(s) "
                       f"({', '.join(p.stem for p in pngs)}) in {where}")
        out += [f"skipped {s}" for s in self.skipped]
        return out


def families():
    """(name, draw function) of every figure family, in the order of issue 6."""
    from experiments.figures import (
        discovery,
        effects,
        firms,
        forest,
        forest_draws,
        grid,
        network,
        sensitivity,
    )
    from experiments.figures import timeseries as ts

    return [("outcome time series", ts.draw), ("paired effect over time", effects.draw),
            ("forest plot", forest.draw), ("forest plot over draws", forest_draws.draw),
            ("grid heatmaps", grid.draw_heatmaps),
            ("robustness", grid.draw_robustness), ("sensitivity", sensitivity.draw),
            ("network snapshots", network.draw), ("firm status", firms.draw),
            ("scenario discovery", discovery.draw)]


def parse_formats(text: str | tuple | list) -> tuple[str, ...]:
    items = text.split(",") if isinstance(text, str) else list(text)
    fmts = tuple(dict.fromkeys(s.strip().lower() for s in items if s.strip()))
    if not fmts:
        raise ValueError("--format: expected a comma-separated list of png, pdf, svg")
    for f in fmts:
        if f not in FORMATS:
            raise ValueError(f"--format: unknown format {f!r} (choose from png, pdf, svg)")
    return fmts


def draw(src, out: Path | None = None, formats=("png", "pdf")) -> FigureReport:
    """Draw every figure the results in ``src`` (a directory or an opened Source) support
    into ``out`` (default ``SRC/figures``). Raises ValueError for an unknown format or if
    ``src`` holds no results (NotResults)."""
    from experiments.figures.data import Missing, Source, open_source

    fmts = parse_formats(formats)
    source = src if isinstance(src, Source) else open_source(Path(src))
    out = Path(out) if out is not None else source.path / "figures"
    report = FigureReport()
    for what, fn in families():
        try:
            paths = fn(source, out, fmts)
        except Missing as exc:
            report.skipped.append(str(exc))
            continue
        report.drawn.append((what, paths))
    return report


def draw_all(src: Path, out: Path | None = None, formats=("png", "pdf")) -> list[str]:
    """Library entry point: draw what ``src`` supports; one line per figure family drawn
    ("drew ...") or skipped ("skipped ...: needs ...")."""
    return draw(src, out, formats).lines()


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "figures", help="research figures from stored results (never re-runs the model)",
        description="Draw the research figures that the stored results in DIR support (a "
        "sweep directory from `alliancesim sweep`/`demo`, or a run directory from "
        "`alliancesim run`): outcome time series, the paired effect over time, the "
        "hypothesis forest plot, grid heatmaps and robustness, Sobol/Morris charts, network "
        "snapshots, firm status and scenario discovery (when DIR/discovery/ holds results of "
        "`alliancesim discover`). Each figure is a 300 dpi PNG plus the requested vector "
        "formats and a caption file. Figures whose data DIR lacks are skipped with a note.")
    p.add_argument("dir", type=Path, help="sweep or run directory")
    p.add_argument("--format", default="png,pdf", metavar="png,pdf,svg",
                   help="comma-separated formats (default: png,pdf); the 300 dpi PNG is "
                   "always written, pdf and svg add vector copies")
    p.add_argument("--out", type=Path, help="output directory (default: DIR/figures)")
    p.add_argument("--snapshots", metavar="YYYY-MM,YYYY-MM",
                   help="the two months of the network snapshots (default: 2024-05,2025-06, "
                   "before and after the treaty)")
    return p


def parse_snapshots(text: str | None) -> tuple[str, str] | None:
    if text is None:
        return None
    items = tuple(s.strip() for s in text.split(","))
    if len(items) != 2 or not all(re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", s) for s in items):
        raise ValueError(f"--snapshots: expected two months YYYY-MM,YYYY-MM, got {text!r}")
    return items


def run(args) -> int:
    from experiments.figures.data import open_source

    try:  # bad input: one line, exit 2 (errors inside a figure are bugs: they propagate)
        fmts = parse_formats(args.format)
        snaps = parse_snapshots(getattr(args, "snapshots", None))
        src = open_source(args.dir)
        src.snapshots = snaps
        if args.out is not None:
            from experiments.outdir import check_writable

            check_writable(args.out)
    except ValueError as exc:
        print(f"alliancesim: error: {exc}", file=sys.stderr)
        return 2
    report = draw(src, args.out, fmts)
    for line in report.lines():
        print(line)
    if not report.drawn:
        print(f"alliancesim: error: {args.dir}: no figure could be drawn from these results "
              "(see the skipped lines above)", file=sys.stderr)
        return 2
    return 0


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2 (as experiments.cli.Parser)
        self.exit(2, f"alliancesim: error: {message} (see --help)\n")


def main(argv: list[str] | None = None) -> int:
    """``python -m experiments.figures DIR ...`` (the same as ``alliancesim figures``)."""
    p = _Parser(prog="alliancesim")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    add_parser(sub)
    args = p.parse_args(["figures", *(sys.argv[1:] if argv is None else argv)])
    return run(args)
