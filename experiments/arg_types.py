"""argparse types shared by the command lines: argparse names the flag in the error line."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable


def count(lo: int, hi: int) -> Callable[[str], int]:
    """An integer in [lo, hi]."""
    def check(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"expected an integer in [{lo}, {hi}], "
                                             f"got {text!r}")
        return value
    return check


def real(ok: Callable[[float], bool], expected: str) -> Callable[[str], float]:
    """A number for which ``ok`` holds (NaN never does); ``expected`` says which, in the error
    line ("expected <expected>, got '…'")."""
    def check(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if math.isnan(value) or not ok(value):
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
        return value
    return check
