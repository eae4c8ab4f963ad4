"""Monthly calendar: the model steps one calendar month at a time.

A *month* is written ``YYYY-MM``; event dates may carry a day (``YYYY-MM-DD``) and fire in
the step of their month. Month indices are months since year 0 so arithmetic is integer.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def parse_month(text: str) -> int:
    """``'2024-06'`` or ``'2024-06-19'`` → absolute month index (year*12 + month-1).

    Raises ValueError with a short reason on malformed input.
    """
    if isinstance(text, dt.date):
        return text.year * 12 + text.month - 1
    m = _MONTH.match(str(text).strip())
    if not m:
        raise ValueError(f"expected YYYY-MM or YYYY-MM-DD, got {text!r}")
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range in {text!r}")
    if m.group(3) is not None:
        dt.date(year, month, int(m.group(3)))  # validates the day
    return year * 12 + month - 1


def parse_date(text: str) -> dt.date:
    """``'2024-06-19'`` → date; ``'2024-06'`` → the first of that month."""
    if isinstance(text, dt.date):
        return text
    idx = parse_month(text)
    m = _MONTH.match(str(text).strip())
    day = int(m.group(3)) if m and m.group(3) else 1
    return dt.date(idx // 12, idx % 12 + 1, day)


def month_label(index: int) -> str:
    """Absolute month index → ``'YYYY-MM'``."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_start(index: int) -> dt.date:
    """Absolute month index → the first day of that month."""
    return dt.date(index // 12, index % 12 + 1, 1)
