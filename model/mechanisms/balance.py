"""Structural balance on signed complete graphs: local triad dynamics (LTD).

Antal, Krapivsky & Redner, "Dynamics of social balance on networks", Phys. Rev. E 72, 036121
(2005); also Physica D 224, 130 (2006). Every pair of N nodes carries a link s_ij = s_ji = ±1
(+1 friendly, −1 hostile). The triad ijk is **balanced** when s_ij s_jk s_ik = +1 (three friends,
or two friends with a common enemy) and **imbalanced** when the product is −1: type Δ1 (+ + −)
or type Δ3 (− − −). Heider's balance theory says imbalanced triads are unstable. LTD resolves
them one at a time:

1. pick an imbalanced triad at random;
2. Δ1 (+ + −): with probability p the negative link becomes +, otherwise (1 − p) one of the
   two positive links, chosen at random, becomes −;
3. Δ3 (− − −): one of the three links, chosen at random, becomes + (always).

Each update balances the chosen triad but flips the balance of the N − 3 other triads sharing
the changed link, so the number of imbalanced triads can go up. A Δ1 update adds a friendly
link with probability p and removes one with probability 1 − p; a Δ3 update adds one. With
uncorrelated triads (n_k = C(3,k) ρ^{3−k} (1−ρ)^k, the density of triads with k negative links)
the density ρ of friendly links therefore obeys, up to the time unit (ARK 2005),

    dρ/dt ∝ (2p − 1) n_1 + n_3,

whose stable fixed point is ρ∞ = 1 / (1 + √(3(1 − 2p))) for p < 1/2 and ρ∞ = 1 ("paradise")
for p ≥ 1/2: an infinite network has a dynamic phase transition at p = 1/2. A **finite**
network always ends in an absorbing balanced state, which on a complete graph is either
paradise or two mutually hostile cliques (Harary's theorem; see :func:`blocs`). How long that
takes depends on p: for p > 1/2 the time grows like ln N, at p = 1/2 like a power of N, and for
p < 1/2 exponentially in N² (the network lingers near ρ∞ until a rare fluctuation balances
it), so at p < 1/2 only small networks reach balance in practice; larger ones hit the update
cap while still near ρ∞.

**Sampling and time.** ARK count time in attempted updates of randomly chosen triads,
balanced ones included (an attempt on a balanced triad changes nothing). Here each *update*
acts on a triad chosen uniformly among the *imbalanced* triads only (drawn by redrawing
uniform triads until an imbalanced one comes up). The idle attempts are skipped, so the chain
visits the same states with the same probabilities and the final-state statistics are ARK's;
only the clock differs: ``updates`` counts link flips, not attempts. The number of imbalanced
triads is kept exactly as the network changes: flipping link ab toggles the balance of every
triad abk, so it changes by (N − 2) − 2 C_ab, where C_ab (the number of imbalanced triads
through ab) is a popcount over bit masks of each node's enemies.

**Connection to the model's trust dynamics.** The model does not run LTD. Its trust submodel
(:func:`model.mechanisms.trust.balance_pull`, docs/ODD.md §7.5) has the continuous,
saturating analogue ΔT_ij = β · mean_k(T_ik T_kj) · (1 − T_ij²) of Marvel, Kleinberg,
Kleinberg & Strogatz's dX/dt = X² (PNAS 2011), whose generic end states are also two factions
or all friends. :func:`signed` turns a (directed) trust matrix into the sign matrix of its
symmetrised part, so a test can check with :func:`is_balanced` and :func:`blocs` that the
model's trust ends balanced, and which blocs it forms.

Randomness comes only from the ``rng`` argument (a ``numpy.random.Generator``).
"""

from __future__ import annotations

import numpy as np

_BATCH = 4096  # uniform draws taken from the generator at a time (2 per attempt, 4 per update)


def _check(s) -> np.ndarray:
    """A validated int64 copy of a signed complete graph, diagonal set to 0."""
    s = np.array(s, dtype=np.int64)
    if s.ndim != 2 or s.shape[0] != s.shape[1]:
        raise ValueError(f"expected a square matrix, got shape {s.shape}")
    np.fill_diagonal(s, 0)
    off = ~np.eye(s.shape[0], dtype=bool)
    if not np.all(np.abs(s[off]) == 1):
        raise ValueError("off-diagonal links must be +1 or -1 (complete signed graph)")
    if not np.array_equal(s, s.T):
        raise ValueError("links must be symmetric (s_ij == s_ji)")
    return s


def signed(trust: np.ndarray) -> np.ndarray:
    """Sign matrix of a trust matrix: s_ij = sign(T_ij + T_ji), diagonal 0 (int64).

    Trust is directed; balance is about the relation, so the two directions are averaged
    first. A pair whose symmetrised trust is exactly 0 gets 0, which :func:`is_balanced` and
    :func:`blocs` reject (no sign, no side).
    """
    t = np.asarray(trust, dtype=float)
    s = np.sign(t + t.T).astype(np.int64)
    np.fill_diagonal(s, 0)
    return s


def imbalanced_triads(s) -> np.ndarray:
    """All imbalanced triads (i < j < k with s_ij s_jk s_ik = −1), as a (M, 3) int array.

    Vectorised over the N³ products (fine for N up to a few hundred).
    """
    s = _check(s)
    n = s.shape[0]
    prod = s[:, :, None] * s[None, :, :] * s[:, None, :]  # [i, j, k] = s_ij s_jk s_ik
    r = np.arange(n)
    ordered = (r[:, None, None] < r[None, :, None]) & (r[None, :, None] < r[None, None, :])
    return np.argwhere(ordered & (prod == -1))


def is_balanced(s) -> bool:
    """True if no triad is imbalanced.

    On a complete graph this holds iff s_ij = σ_i σ_j for some σ ∈ {±1}^N (Harary 1953):
    taking σ_j = s_0j (σ_0 = 1), every triad 0ij is balanced iff s_ij = s_0i s_0j. O(N²).
    """
    s = _check(s)
    if s.shape[0] < 3:
        return True
    sigma = s[0].copy()
    sigma[0] = 1
    target = np.outer(sigma, sigma)
    np.fill_diagonal(target, 0)
    return bool(np.array_equal(s, target))


def blocs(s, labels=None) -> tuple[tuple, ...]:
    """The ≤ 2 cliques of a balanced graph: friendly inside, hostile across.

    Returns one group (paradise) or two, the first holding node 0; members are indices, or
    ``labels[i]`` if labels are given. Raises ValueError if ``s`` is not balanced.
    """
    s = _check(s)
    if not is_balanced(s):
        raise ValueError("the signed graph is not balanced: it has imbalanced triads")
    n = s.shape[0]
    name = (lambda i: i) if labels is None else (lambda i: labels[i])
    sigma = s[0].copy() if n > 1 else np.ones(n, dtype=np.int64)
    if n:
        sigma[0] = 1
    groups = [tuple(name(i) for i in range(n) if sigma[i] == v) for v in (1, -1)]
    return tuple(g for g in groups if g)


def _imbalance_counts(s: np.ndarray) -> np.ndarray:
    """C_ij = number of imbalanced triads containing link ij = ((N−2) − s_ij (s s)_ij) / 2."""
    n = s.shape[0]
    c = ((n - 2) - s * (s @ s)) // 2
    np.fill_diagonal(c, 0)
    return c


def local_triad_dynamics(s, p: float, rng: np.random.Generator,
                         max_updates: int) -> tuple[np.ndarray, int]:
    """Run LTD (ARK 2005) from ``s`` until balanced or ``max_updates`` updates are done.

    s: (N, N) symmetric matrix of ±1 links (the diagonal is ignored); p: propensity for
    friendship in a Δ1 triad (0 ≤ p ≤ 1); rng: the only source of randomness. Each update
    picks a uniformly random *imbalanced* triad (see the module docstring) and flips one link:

        Δ1 (+ + −): the − link → + with probability p; else one of the + links → −
        Δ3 (− − −): one of the links → +

    Returns (s_final, updates): the final int64 sign matrix (diagonal 0) and the number of
    updates (link flips) made. ``is_balanced(s_final)`` is True unless the cap came first.

    Implementation: a uniform triad is drawn (a uniform link, then a uniform third node) and
    redrawn while it is balanced, which makes the accepted triad uniform among the imbalanced
    ones. The number of imbalanced triads is tracked exactly: flipping link ab changes it by
    (N − 2) − 2 C_ab, where C_ab, the number of imbalanced triads through ab, is a popcount
    over bit masks of each node's enemies.
    """
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    s = _check(s)
    n = s.shape[0]
    if n < 3:
        return s, 0
    imbalanced = int(_imbalance_counts(s).sum()) // 6  # each triad: 3 links, each twice
    sign = s.tolist()
    enemies = [sum(1 << k for k in range(n) if row[k] < 0) for row in sign]
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    n_pairs, others = len(pairs), n - 2
    draws: list[float] = []
    updates = 0
    while imbalanced > 0 and updates < max_updates:
        if len(draws) < 4:
            draws = rng.random(_BATCH).tolist()
        i, j = pairs[int(draws.pop() * n_pairs)]
        k = int(draws.pop() * others)  # the k-th node other than i and j
        k += k >= i
        k += k >= j
        row_i, row_j = sign[i], sign[j]
        s_ij, s_ik, s_jk = row_i[j], row_i[k], row_j[k]
        if s_ij * s_ik * s_jk > 0:
            continue  # balanced: draw again
        u_kind, u_which = draws.pop(), draws.pop()
        if s_ij + s_ik + s_jk == 1:  # Δ1 (+ + −)
            links = ((i, j), (i, k), (j, k))
            signs = (s_ij, s_ik, s_jk)
            if u_kind < p:
                a, b = links[signs.index(-1)]
            else:
                a, b = [ab for ab, v in zip(links, signs, strict=True) if v > 0][int(u_which * 2)]
        else:  # Δ3 (− − −)
            a, b = ((i, j), (i, k), (j, k))[int(u_which * 3)]
        # C_ab before the flip: k is imbalanced with ab iff s_ak s_bk = -s_ab
        differ = enemies[a] ^ enemies[b]  # bits a and b are set iff s_ab = -1
        c_ab = differ.bit_count() if sign[a][b] > 0 else n - differ.bit_count()
        imbalanced += others - 2 * c_ab
        sign[a][b] = sign[b][a] = -sign[a][b]
        enemies[a] ^= 1 << b
        enemies[b] ^= 1 << a
        updates += 1
    return np.array(sign, dtype=np.int64), updates


def random_signed_graph(n: int, rho: float, rng: np.random.Generator) -> np.ndarray:
    """A complete signed graph whose links are independently + with probability ``rho``."""
    upper = np.triu(np.where(rng.random((n, n)) < rho, 1, -1), 1)
    return upper + upper.T
