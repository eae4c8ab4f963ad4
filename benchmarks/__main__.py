"""Run the benchmark suite and write benchmarks/results.md (`make bench`).

Sections (issue 8): (a)/(b) one default run and the floor, (c) mesa.batch_run vs sweep,
(d) scaling on synthetic worlds, (e) sweep efficiency and memory; plus the firm layer, the
visualisation and the 80-economy ICIO world (issue 19), and the ABC-SMC calibration (issue
16). ``python -m benchmarks single scaling`` runs only the named sections. Each finished
section is kept in ``benchmarks/sections/<name>.md`` at once, and results.md is assembled
from the kept sections, so an interrupted run loses only the section in progress.
"""

from __future__ import annotations

import importlib
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "results.md"
KEPT = OUT.parent / "sections"
SECTIONS = ("single", "batchrun", "scaling", "sweep", "firms", "viz", "icio", "abc")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (f"{platform.platform()}, {os.cpu_count()} cores ({cpu}), "
            f"Python {sys.version.split()[0]}, NumPy {np.__version__}, "
            f"{time.strftime('%Y-%m-%d')}")


def main(argv: list[str]) -> int:
    names = argv or list(SECTIONS)
    unknown = set(names) - set(SECTIONS)
    if unknown:
        print(f"benchmarks: unknown section(s) {sorted(unknown)}; choose from {SECTIONS}",
              file=sys.stderr)
        return 2
    KEPT.mkdir(exist_ok=True)
    for name in names:
        t0 = time.perf_counter()
        print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        body = importlib.import_module(f"benchmarks.{name}").run()
        took = time.perf_counter() - t0
        text = f"{body.rstrip()}\n\n_Measured {time.strftime('%Y-%m-%d %H:%M')} on {machine()}._\n"
        tmp = KEPT / f".{name}.md.tmp"
        tmp.write_text(text)
        tmp.replace(KEPT / f"{name}.md")
        print(text, flush=True)
        print(f"[bench] {name} done in {took:.0f} s", file=sys.stderr)
    kept = [KEPT / f"{n}.md" for n in SECTIONS if (KEPT / f"{n}.md").exists()]
    missing = [n for n in SECTIONS if not (KEPT / f"{n}.md").exists()]
    head = "# Benchmark results\n\nWritten by `make bench` (`python -m benchmarks`).\n\n"
    if missing:
        head += f"Not measured yet: {', '.join(missing)}.\n\n"
    OUT.write_text(head + "\n".join(p.read_text() for p in kept))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
