"""Run the benchmark suite and write benchmarks/results.md (`make bench`)."""

from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path

from benchmarks import firms, sweep, viz

OUT = Path(__file__).resolve().parent / "results.md"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (f"{platform.platform()}, {os.cpu_count()} cores ({cpu}), "
            f"Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d')}")


def main() -> int:
    sections = [firms.run(), viz.run(), sweep.run()]
    text = "# Benchmark results\n\nMachine: " + machine() + "\n\n" + "\n\n".join(sections) + "\n"
    OUT.write_text(text)
    print(text)
    return 0 if all("FAIL" not in s for s in sections) else 1


if __name__ == "__main__":
    sys.exit(main())
