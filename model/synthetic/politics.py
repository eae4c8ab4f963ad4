"""Politics of a synthetic world: alignment and blocs (with a frontier between them),
defence pacts, disputes, the cast of the story, norms and the sanctions regime."""

from __future__ import annotations

import dataclasses

import numpy as np

from model.synthetic.constants import REGIME, WAR_NORM


def draw_alignment(rng, region: np.ndarray, offset: np.ndarray, capability: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
    """(alignment in [-1, 1], bloc in {-1, 0, +1}) with regional bloc structure.

    Region means m_r = s_r · U(0.2, 0.6), signs s_r alternating over the regions (in a random
    order, so both blocs exist). Alignment changes across each region along a random
    direction v_r (a fault line, so states of both blocs can be neighbours):
    a_i = clip(m_r + 0.6 clip(v_r · z_i, -1.5, 1.5) + N(0, 0.2²), -1, 1), z_i the capital's
    offset from its region's centre; the two most capable states of each region lie at least
    |m_r| out on their region's side. Bloc -1 ("bloc_a") where a < -0.15, +1 ("bloc_b") where
    a > 0.15, 0 (non-aligned) between.
    """
    k = int(region.max()) + 1
    sign = rng.permutation(np.where(np.arange(k) % 2 == 0, -1.0, 1.0))
    mean = sign * rng.uniform(0.2, 0.6, k)
    angle = rng.uniform(0.0, 2.0 * np.pi, k)
    v = np.stack([np.cos(angle), np.sin(angle)], axis=1)[region]
    fault = np.clip((v * offset).sum(axis=1), -1.5, 1.5)
    a = mean[region] + 0.6 * fault + rng.normal(0.0, 0.2, region.size)
    for r in range(k):
        members = np.flatnonzero(region == r)
        leaders = members[np.argsort(-capability[members], kind="stable")[:2]]
        a[leaders] = sign[r] * np.maximum(sign[r] * a[leaders], abs(mean[r]))
    a = np.clip(a, -1.0, 1.0)
    return a, _blocs(a)


def ensure_frontier(alignment, region, capability, dist, max_km: float = 2000.0
                    ) -> tuple[np.ndarray, np.ndarray]:
    """(alignment, bloc) such that, where possible, two states of opposite blocs have
    capitals within 2,000 km (the invasion needs neighbours): if none do, the state j
    nearest to a state i of a bloc (j not among its region's two most capable) switches to
    the other side, a_j = -sign(a_i) · max(|a_j|, 0.3)."""
    a = alignment.copy()
    bloc = _blocs(a)
    near = dist < max_km
    if (near & (bloc[:, None] * bloc[None, :] < 0)).any():
        return a, bloc
    rank = np.zeros(a.size, dtype=int)
    for r in range(int(region.max()) + 1):
        members = np.flatnonzero(region == r)
        rank[members[np.argsort(-capability[members], kind="stable")]] = np.arange(members.size)
    cand = near & (bloc[:, None] != 0) & (rank[None, :] >= 2)
    np.fill_diagonal(cand, False)
    if cand.any():
        i, j = np.unravel_index(np.argmin(np.where(cand, dist, np.inf)), dist.shape)
        a[j] = -np.sign(a[i]) * max(abs(a[j]), 0.3)
    return a, _blocs(a)


def _blocs(a: np.ndarray) -> np.ndarray:
    """Bloc -1 where a < -0.15, +1 where a > 0.15, 0 (non-aligned) between."""
    return np.where(a < -0.15, -1, np.where(a > 0.15, 1, 0))


def _pick_pairs(rng, pairs: list[tuple], weights: np.ndarray, m: int) -> list[tuple]:
    """m distinct pairs drawn without replacement with probability ∝ weights."""
    m = min(m, len(pairs))
    if m <= 0:
        return []
    idx = rng.choice(len(pairs), size=m, replace=False, p=weights / weights.sum())
    return [pairs[i] for i in sorted(idx)]


def defence_pacts(rng, bloc, capability, dist) -> list[tuple[int, int, float, int]]:
    """Defence pacts (i, j, strength, years before the start signed), mostly within blocs.

    Within-bloc pacts: m = min(round(0.8 n), half the within-bloc pairs), drawn with weights
    (c_i + c_j) · exp(-d_ij / 3000 km) (great powers are hubs; neighbours ally), strength
    U{0.5, 0.6, ..., 1}. Other pacts: max(1, round(m / 9)) uniform over the remaining pairs,
    strength U{0.2, 0.3, 0.4}. Signed U{1, ..., 60} years before the start.
    """
    n = bloc.size
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    within = [(i, j) for i, j in pairs if bloc[i] != 0 and bloc[i] == bloc[j]]
    others = [(i, j) for i, j in pairs if not (bloc[i] != 0 and bloc[i] == bloc[j])]
    w = np.array([(capability[i] + capability[j]) * np.exp(-dist[i, j] / 3000.0)
                  for i, j in within])
    m = min(round(0.8 * n), len(within) // 2)
    inner = _pick_pairs(rng, within, w, m)
    outer = _pick_pairs(rng, others, np.ones(len(others)), max(1, round(m / 9)))
    strength = np.concatenate([rng.integers(5, 11, len(inner)),
                               rng.integers(2, 5, len(outer))]) / 10.0
    age = rng.integers(1, 61, strength.size)
    return sorted((i, j, float(s), int(y)) for (i, j), s, y
                  in zip(inner + outer, strength, age, strict=True))


def draw_disputes(rng, bloc, dist, borders) -> list[tuple[int, int, str, float]]:
    """Disputes (i, j, kind, intensity) between nearby states of opposite blocs.

    m = max(2, n // 8) pairs drawn without replacement from the 3m nearest opposite-bloc
    pairs, with weights exp(-d_ij / 1000 km); kind "territorial" for contiguous pairs,
    "hostility" otherwise; intensity ~ U(0.3, 0.9). Sorted by intensity, highest first.
    """
    n = bloc.size
    opposite = [(i, j) for i in range(n) for j in range(i + 1, n) if bloc[i] * bloc[j] < 0]
    m = max(2, n // 8)
    opposite.sort(key=lambda p: dist[p])
    near = opposite[:3 * m]
    chosen = _pick_pairs(rng, near, np.exp(-np.array([dist[p] for p in near]) / 1000.0), m)
    intensity = np.round(rng.uniform(0.3, 0.9, len(chosen)), 2)
    border = set(borders)
    out = [(i, j, "territorial" if (i, j) in border else "hostility", float(x))
           for (i, j), x in zip(chosen, intensity, strict=True)]
    return sorted(out, key=lambda d: (-d[3], d[0], d[1]))


@dataclasses.dataclass(frozen=True)
class Story:
    """The actors of the timeline's core story (actor indices)."""

    aggressor: int  # invades the victim (the stronger side of the most intense dispute)
    victim: int
    pariah: int  # the sanctions regime's target, in the aggressor's bloc
    supporters: tuple[int, ...]  # the victim's allies (or its bloc's great powers)
    protester: int  # the victim-bloc state nearest the pariah


def cast_story(alliances, disputes, bloc, alignment, capability, gdp, dist) -> Story:
    """Choose the story's actors: the aggressor is the more capable side of the most intense
    dispute; the pariah is the poorest of the three most extreme members of the aggressor's
    bloc; the supporters are the victim's allies other than the pariah (else the three most
    capable members of the victim's bloc), the most capable first."""
    i, j = disputes[0][:2]
    agg, vic = (i, j) if capability[i] >= capability[j] else (j, i)
    others = [k for k in range(bloc.size) if k not in (agg, vic)]
    side = [k for k in others if bloc[k] == bloc[agg]] or others
    extreme = sorted(side, key=lambda k: (-bloc[agg] * alignment[k], k))[:3]
    pariah = min(extreme, key=lambda k: (gdp[k], k))
    allies = [b if a == vic else a for a, b, *_ in alliances if vic in (a, b)]
    allies = [k for k in allies if k not in (agg, pariah)]
    if not allies:
        camp = [k for k in others if bloc[k] == bloc[vic]] or others
        allies = sorted(camp, key=lambda k: (-capability[k], k))[:3]
    camp = [k for k in others if k != pariah and bloc[k] == bloc[vic]] or \
        [k for k in others if k != pariah]
    protester = min(camp, key=lambda k: (dist[k, pariah], k))
    strongest_first = sorted(allies, key=lambda k: (-capability[k], k))
    return Story(agg, vic, pariah, tuple(strongest_first), protester)


def norm_rows(rng, story: Story, bloc, capability, p5) -> list[tuple[str, int, int, float, int]]:
    """(norm, target or -1, actor, commitment, voted) rows of norms.csv.

    territorial_integrity (general): c_i = clip(0.9 - 0.5 (c_i / c_max)^0.5 + N(0, 0.1²),
    0.05, 1) (small states care most). un_sanctions on the pariah: commitment U(0.75, 1) in
    the opposite bloc, U(0.4, 0.7) non-aligned, U(0.1, 0.5) in the pariah's bloc, 0 for the
    pariah; voted = 1 for the P5 and 10 other random members of a Council (not the pariah).
    """
    n, t = bloc.size, story.pariah
    war = np.clip(0.9 - 0.5 * np.sqrt(capability / capability.max())
                  + rng.normal(0.0, 0.1, n), 0.05, 1.0)
    same = bloc == bloc[t]
    c = np.where(same, rng.uniform(0.1, 0.5, n), np.where(
        bloc == 0, rng.uniform(0.4, 0.7, n), rng.uniform(0.75, 1.0, n)))
    c[t] = 0.0
    voted = p5.copy()
    pool = np.flatnonzero((p5 == 0) & (np.arange(n) != t))
    voted[rng.choice(pool, size=min(10, pool.size), replace=False)] = 1
    voted[t] = 0
    return ([(WAR_NORM, -1, i, float(war[i]), 0) for i in range(n)]
            + [(REGIME, t, i, float(c[i]), int(voted[i])) for i in range(n)])


def regime_sanctions(rng, norms, story: Story) -> list[tuple[int, int, float]]:
    """Sanctions in force at the start: every state with commitment ≥ 0.85 to the regime
    sanctions the pariah at intensity c · U(0.6, 0.95)."""
    out = []
    for name, _, i, c, _ in norms:
        if name == REGIME and c >= 0.85:
            out.append((i, story.pariah, float(c * rng.uniform(0.6, 0.95))))
    return out
