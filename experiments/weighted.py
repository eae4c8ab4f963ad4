"""Weighted quantiles (posterior summaries from weighted particles)."""

from __future__ import annotations

import numpy as np


def weighted_quantile(x, w, qs) -> list[float]:
    """Quantiles ``qs`` of the distribution putting weight ``w`` on values ``x`` (the
    inverse of the weighted empirical CDF, midpoint convention)."""
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    order = np.argsort(x, kind="stable")
    x, w = x[order], w[order]
    cdf = (np.cumsum(w) - 0.5 * w) / w.sum()
    return [float(np.interp(q, cdf, x)) for q in qs]
