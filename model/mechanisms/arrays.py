"""Array helpers for the monthly loop (compiled; see :mod:`model.mechanisms.jit`)."""

from __future__ import annotations

import numpy as np

from model.mechanisms.jit import kernel


@kernel
def clip(a, lo, hi):
    """min(max(a, lo), hi), elementwise, as a new array (as ``np.clip``)."""
    return np.minimum(np.maximum(a, lo), hi)


@kernel
def clip_inplace(a, lo, hi):
    """a ← min(max(a, lo), hi), in place."""
    flat = a.reshape(-1)
    for k in range(flat.size):
        flat[k] = min(max(flat[k], lo), hi)


@kernel
def zero_diagonal(a):
    """a_ii = 0 in place (as ``np.fill_diagonal(a, 0)``)."""
    for i in range(min(a.shape[0], a.shape[1])):
        a[i, i] = 0


@kernel
def zero_outside(a, active):
    """a_ij = 0 unless both i and j are active, and a_ii = 0 (in place): passive actors
    neither feel nor pose it."""
    n = a.shape[0]
    for i in range(n):
        for j in range(n):
            if i == j or not (active[i] and active[j]):
                a[i, j] = 0


@kernel
def allies_mean(a_hat, x):
    """(Â X)_ij = Σ_m Â_im X_mj: i's allies' mean of X_·j, for the row-normalised alliance
    operator Â (:func:`alliance_operator`). Alliances are sparse, so zero Â_im are skipped:
    O(N² + nnz(Â)·N) instead of O(N³)."""
    n, cols = a_hat.shape[0], x.shape[1]
    out = np.zeros((n, cols))
    for i in range(n):
        for m in range(a_hat.shape[1]):
            w = a_hat[i, m]
            if w != 0.0:
                for j in range(cols):
                    out[i, j] += w * x[m, j]
    return out


@kernel
def crossings(old, new, level, mask):
    """(M, 2) array of the pairs (i, j) with mask_ij where a relation crossed ``level`` this
    month, either way: (old_ij >= level) != (new_ij >= level). For logging decisions."""
    n, m = old.shape
    hit = np.zeros((n, m), dtype=np.bool_)
    for i in range(n):
        for j in range(m):
            hit[i, j] = mask[i, j] and (old[i, j] >= level) != (new[i, j] >= level)
    return np.argwhere(hit)


def alliance_operator(alliance: np.ndarray) -> np.ndarray:
    """Â_im = A_im / max(1, Σ_m A_im), the row-normalised alliance matrix, so that
    ``allies_mean(Â, X)`` is i's allies' mean view of j; rebuilt only when alliances change."""
    return alliance / np.maximum(alliance.sum(axis=1, keepdims=True), 1.0)
