"""Run the benchmark suite and write benchmarks/results.md (`make bench`).

Sections (issue 8): (a)/(b) one default run and the floor, (c) mesa.batch_run vs sweep,
(d) scaling on synthetic worlds, (e) sweep efficiency and memory; plus the firm layer and the
visualisation. ``python -m benchmarks single scaling`` runs only the named sections.
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
SECTIONS = ("single", "batchrun", "scaling", "sweep", "firms", "viz")


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
    sections = []
    for name in names:
        t0 = time.perf_counter()
        print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        sections.append(importlib.import_module(f"benchmarks.{name}").run())
        print(f"[bench] {name} done in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    text = "# Benchmark results\n\nMachine: " + machine() + "\n\n" + "\n\n".join(sections) + "\n"
    if names == list(SECTIONS):
        OUT.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
