"""``python -m experiments.figures DIR [--format ...] [--out DIR]``."""

import sys

from experiments.figures.cli import main

sys.exit(main())
