"""Synthetic worlds and firms, for stress tests and benchmarks (seeded, reproducible).

:func:`write_synthetic_world` writes a complete world folder of any size, in the format of
``model/data/worlds/default/`` (its README describes every file), plus a ``scenario.toml``
that points at it, so the normal loader validates it and ``alliancesim run`` runs it.
:func:`synthetic_scenario` does the same in a temporary folder and returns the loaded
:class:`~model.scenario.Scenario`. :func:`with_synthetic_firms` swaps the firms of an
existing world for synthetic ones.

Every draw comes from ``np.random.default_rng(seed)``, through child streams spawned from it
(geography, economy, politics, firms, events), so the same arguments give byte-identical
files, and the number of firms or events does not change the states drawn. Every number is
provenanced to the one ``synthetic`` row of ``sources.csv`` and noted ``estimate: synthetic``.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import shutil
import tempfile
from pathlib import Path

import numpy as np

from model.calendar import month_label, parse_month
from model.errors import InputError
from model.world import FirmTable, World, haversine_km

SECTORS = ("automotive", "electronics", "consumer_goods", "machinery", "chemicals", "retail")
FIRM_SECTORS = ("automotive", "electronics", "consumer_goods", "machinery", "chemicals",
                "energy", "finance", "logistics", "retail", "construction", "food")

MIN_STATES, MAX_STATES = 8, 1000
MAX_FIRMS, MAX_EVENTS = 1_000_000, 100_000
FIRST_MONTH, LAST_MONTH = parse_month("1800-01"), parse_month("2100-12")
WORLD_GDP_USD_BN = 50_000.0  # GDP of all the synthetic states together in the base year
TRADE_TO_GDP = 0.25  # world merchandise exports / world GDP (≈ 0.2-0.25 since 2000)
GRAVITY_A, GRAVITY_B, GRAVITY_C = 1.0, 1.0, 1.0  # exporter GDP, importer GDP, distance
GRAVITY_NOISE_SD = 0.8  # sd of the log-normal gravity residual
MIN_DISTANCE_KM = 200.0  # distance floor in the gravity equation (neighbouring capitals)
SOURCE_ID = "synthetic"
NOTE = "estimate: synthetic"
REGIME = "un_sanctions"  # the UN-style sanctions regime on the pariah
WAR_NORM = "territorial_integrity"  # invasions and annexations violate it (event default)


def with_synthetic_firms(world: World, n: int, seed: int, host: str = "RUS") -> World:
    """A copy of ``world`` whose firms are ``n`` synthetic firms in ``host``.

    Homes are the actors with FDI in the host, drawn in proportion to their stocks; asset
    weights are log-normal and scaled to each home's stock; sunk shares uniform in [0.2, 0.8].
    """
    rng = np.random.default_rng(seed)
    h = world.index(host)
    stocks = world.fdi0[:, h]
    homes = np.flatnonzero(stocks > 0)
    home = rng.choice(homes, size=n, p=stocks[homes] / stocks[homes].sum())
    weight = rng.lognormal(0.0, 1.0, n)
    assets = np.zeros(n)
    for i in homes:
        mask = home == i
        if mask.any():
            assets[mask] = weight[mask] / weight[mask].sum() * stocks[i]
    table = FirmTable(
        ids=tuple(f"synthetic_{k:05d}" for k in range(n)),
        names=tuple(f"Synthetic firm {k}" for k in range(n)),
        sectors=tuple(SECTORS[k % len(SECTORS)] for k in range(n)),
        home=home, host=np.full(n, h), assets0=assets,
        employees=rng.integers(50, 5000, n).astype(float), sunk=rng.uniform(0.2, 0.8, n))
    return dataclasses.replace(world, firms=table)


# --------------------------------------------------------------------------- arguments


def default_events(n_states: int) -> int:
    """Default number of timeline events: 10 + n_states // 5 (15 states → 13, 200 → 50)."""
    return 10 + n_states // 5


def check_arguments(n_states, n_firms, seed, start, end, n_events) -> tuple[int, int, int]:
    """Validate the generator's arguments; return (start month, end month, n_events).

    Raises :class:`InputError` naming the argument (``synth: <argument>: <problem>``).
    """
    for name, value, lo, hi in (("n_states", n_states, MIN_STATES, MAX_STATES),
                                ("n_firms", n_firms, 0, MAX_FIRMS),
                                ("seed", seed, 0, 2**63 - 1),
                                ("n_events", n_events if n_events is not None else 0, 0,
                                 MAX_EVENTS)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) \
                or not lo <= value <= hi:
            raise InputError("synth", name, f"expected an integer in [{lo}, {hi}], "
                             f"got {value!r}")
    months = {}
    for name, text in (("start", start), ("end", end)):
        try:
            months[name] = parse_month(text)
        except ValueError as exc:
            raise InputError("synth", name, str(exc)) from None
        if not FIRST_MONTH <= months[name] <= LAST_MONTH:
            raise InputError("synth", name, f"{text} outside {month_label(FIRST_MONTH)}.."
                             f"{month_label(LAST_MONTH)}")
    if months["end"] < months["start"]:
        raise InputError("synth", "end", f"{end} is before start {start}")
    return months["start"], months["end"], default_events(n_states) if n_events is None \
        else int(n_events)


# --------------------------------------------------------------------------- geography


def n_regions(n: int) -> int:
    """Number of regional clusters: K = clip(round(sqrt(n / 2)), 3, 8)."""
    return int(np.clip(round(np.sqrt(n / 2)), 3, 8))


def draw_locations(rng, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(region, lat, lon, offset) of each capital, in K regional clusters.

    Centres: longitudes spread around the globe, lon_k = -180 + 360 (k + u_k) / K with
    u_k ~ U(0.25, 0.75); latitudes ~ U(-35, 60). Regions are balanced (state i is in region
    i mod K, shuffled), so each has at least two states. Capital = centre + 8° z_1 in
    latitude (clipped to ±70°) and 10° z_2 / cos(lat) in longitude (wrapped to ±180°), with
    offset z ~ N(0, I₂) returned as an (n, 2) array.
    """
    k = n_regions(n)
    c_lon = -180.0 + 360.0 * (np.arange(k) + rng.uniform(0.25, 0.75, k)) / k
    c_lat = rng.uniform(-35.0, 60.0, k)
    region = rng.permutation(np.arange(n) % k)
    z = rng.normal(0.0, 1.0, (n, 2))
    lat = np.clip(c_lat[region] + 8.0 * z[:, 0], -70.0, 70.0)
    lon = c_lon[region] + 10.0 * z[:, 1] / np.cos(np.radians(lat))
    return region, lat, (lon + 180.0) % 360.0 - 180.0, z


def land_borders(dist: np.ndarray, k: int = 3, max_km: float = 1500.0) -> list[tuple]:
    """Contiguous pairs (i < j): j is one of i's k = 3 nearest capitals (or i one of j's)
    and the capitals are less than 1,500 km apart. Such pairs get distance 0 (a land border)."""
    n = dist.shape[0]
    near = np.argsort(dist + np.diag(np.full(n, np.inf)), axis=1, kind="stable")[:, :k]
    pairs = {(min(i, j), max(i, j)) for i in range(n) for j in near[i] if dist[i, j] < max_km}
    return sorted((int(i), int(j)) for i, j in pairs)


# --------------------------------------------------------------------------- economy


def draw_capability(rng, n: int) -> np.ndarray:
    """CINC-like shares: c_i ~ LogNormal(0, 1.2²) (heavy-tailed), scaled to Σ c = 0.999 ≤ 1."""
    c = rng.lognormal(0.0, 1.2, n)
    return 0.999 * c / c.sum()


def draw_gdp(rng, capability: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(GDP in USD bn, trend growth per year, energy share of exports), GDP correlated with
    capability:

    GDP_i = W g_i / Σ g,  g_i = c_i^0.8 · LogNormal(0, 0.5),  W = 50,000 USD bn;
    growth_i ~ N(0.03, 0.008²) clipped to [0.01, 0.05];  energy share ~ Beta(1.2, 5).
    """
    n = capability.size
    g = capability ** 0.8 * rng.lognormal(0.0, 0.5, n)
    growth = np.clip(rng.normal(0.03, 0.008, n), 0.01, 0.05)
    return WORLD_GDP_USD_BN * g / g.sum(), growth, rng.beta(1.2, 5.0, n)


def draw_military(rng, capability: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(offense, nuclear, unsc_p5). Offense m_i = (c_i / c_max)^0.5 · U(0.5, 1), the most
    capable state 1. Nuclear: the max(2, round(0.05 n)) most capable states. P5: the
    min(5, n // 3) most capable."""
    n = capability.size
    rank = np.argsort(-capability, kind="stable")
    offense = np.sqrt(capability / capability.max()) * rng.uniform(0.5, 1.0, n)
    offense[rank[0]] = 1.0
    nuclear, p5 = np.zeros(n, dtype=int), np.zeros(n, dtype=int)
    nuclear[rank[:max(2, round(0.05 * n))]] = 1
    p5[rank[:min(5, n // 3)]] = 1
    return offense, nuclear, p5


def gravity_exports(rng, gdp: np.ndarray, dist: np.ndarray) -> np.ndarray:
    """Exports X_ij (USD bn/yr) from the gravity model (Head & Mayer 2014, *Handbook of
    International Economics* 4, ch. 3: income elasticities ≈ 1, distance elasticity ≈ -1):

    X_ij = G · GDP_i^a · GDP_j^b / d_ij^c · exp(ε_ij),  a = b = c = 1,  ε ~ N(0, 0.8²),

    d_ij = max(great-circle distance between capitals, 200 km); X_ii = 0; G sets world
    exports to 0.25 × world GDP.
    """
    d = np.maximum(dist, MIN_DISTANCE_KM)
    x = np.outer(gdp ** GRAVITY_A, gdp ** GRAVITY_B) / d ** GRAVITY_C
    x *= np.exp(rng.normal(0.0, GRAVITY_NOISE_SD, x.shape))
    np.fill_diagonal(x, 0.0)
    return x * (TRADE_TO_GDP * gdp.sum() / x.sum())


def fdi_stocks(rng, exports: np.ndarray, partners: int = 4, ratio: float = 0.6) -> np.ndarray:
    """FDI stocks F_ij (USD bn, of home i in host j), a share of bilateral trade:

    F_ij = φ · (X_ij + X_ji) / 2 · u_ij,  φ = 0.6,  u ~ LogNormal(0, 0.5),

    for each home's min(4, n - 1) largest trade partners; 0 for the other pairs.
    """
    n = exports.shape[0]
    trade = 0.5 * (exports + exports.T)
    keep = np.argsort(-trade, axis=1, kind="stable")[:, :min(partners, n - 1)]
    f = np.zeros_like(exports)
    rows = np.repeat(np.arange(n), keep.shape[1])
    f[rows, keep.ravel()] = ratio * trade[rows, keep.ravel()] * rng.lognormal(
        0.0, 0.5, rows.size)
    return f


def oil_prices(rng, first_year: int, last_year: int) -> list[tuple[int, float]]:
    """Annual oil price (USD/bbl): a geometric random walk P_y = P_{y-1} · exp(N(0, 0.2²)),
    P_0 = 60, clipped to [15, 200]."""
    steps = rng.normal(0.0, 0.2, last_year - first_year + 1)
    steps[0] = 0.0
    price = np.clip(60.0 * np.exp(np.cumsum(steps)), 15.0, 200.0)
    return list(zip(range(first_year, last_year + 1), price.tolist(), strict=True))


# --------------------------------------------------------------------------- politics


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


# --------------------------------------------------------------------------- firms


def draw_firms(rng, fdi: np.ndarray, n_firms: int) -> dict[str, np.ndarray]:
    """n_firms firms over the (home, host) pairs with an FDI stock.

    Firms per pair ~ Multinomial(n_firms, F_ij / Σ F); asset weights w ~ LogNormal(0, 1),
    scaled to sum to the pair's stock F_ij (USD bn; the loader rescales them the same way);
    employees = round(LogNormal(ln 300, 1.2²)) + 10; sunk share ~ U(0.2, 0.85); sector
    uniform over the 11 sectors of firms.csv.
    """
    home, host = np.nonzero(fdi)
    stock = fdi[home, host]
    counts = rng.multinomial(n_firms, stock / stock.sum())
    pair = np.repeat(np.arange(stock.size), counts)
    w = rng.lognormal(0.0, 1.0, n_firms)
    total = np.bincount(pair, weights=w, minlength=stock.size)
    return {"home": home[pair], "host": host[pair], "weight": w * stock[pair] / total[pair],
            "employees": np.round(rng.lognormal(np.log(300.0), 1.2, n_firms)) + 10,
            "sunk": rng.uniform(0.2, 0.85, n_firms),
            "sector": rng.integers(0, len(FIRM_SECTORS), n_firms)}


# --------------------------------------------------------------------------- events


@dataclasses.dataclass(frozen=True)
class Cast:
    """What the timeline draws its actors from."""

    codes: tuple[str, ...]
    bloc: np.ndarray
    capability: np.ndarray
    alliances: list
    disputes: list
    story: Story

    def members(self, b: int) -> list[int]:
        """The states of bloc ``b``."""
        return [k for k in range(len(self.codes)) if self.bloc[k] == b]


def _event(kind: str, what: str, tags: list[str], **fields) -> dict:
    """An event table with the synthetic source and an ``estimate: synthetic`` note."""
    return {"type": kind, **fields, "tags": tags, "source": SOURCE_ID,
            "note": f"{NOTE}; {what}"}


def story_events(rng, cast: Cast) -> list[tuple[float, dict]]:
    """The core story as (time as a fraction of the run, event), in priority order (a
    timeline of n events keeps the first n): invasion at 0.20; the victim's and its
    supporters' sanctions on the aggressor 0.21; arms from the strongest supporter to the
    victim 0.23; a defence pact aggressor–pariah 0.45; ceasefire 0.75; an export ban on the
    aggressor 0.25; the pariah's munitions to the aggressor 0.30; exit rules for foreign owners
    in the aggressor 0.32; the aggressor's technology to the pariah 0.46; a protest at the pact
    0.47; the pariah's troops for the aggressor 0.50."""
    s, c = cast.story, cast.codes
    a, v, p = c[s.aggressor], c[s.victim], c[s.pariah]
    senders = [c[k] for k in (s.victim, *s.supporters)]

    def u(lo: float, hi: float) -> float:
        return round(float(rng.uniform(lo, hi)), 2)

    return [
        (0.20, _event("invasion", f"{a} invades {v} over their dispute", ["story", "war"],
                      actor=a, target=v, severity=u(0.6, 0.9))),
        (0.21, _event("sanctions", f"{v} and its allies sanction {a}", ["story", "sanctions"],
                      senders=senders, target=a, intensity=u(0.5, 0.8))),
        (0.23, _event("arms_transfer", f"{c[s.supporters[0]]} arms {v}", ["story", "arms"],
                      supplier=c[s.supporters[0]], recipient=v, volume=u(0.5, 3.0))),
        (0.45, _event("defence_pact", f"{a} and the sanctioned {p} sign a defence pact",
                      ["story", "pact"], a=a, b=p, strength=1.0)),
        (0.75, _event("ceasefire", f"{a} and {v} agree a ceasefire", ["story", "ceasefire"],
                      a=a, b=v)),
        (0.25, _event("export_ban", f"{v}'s allies ban exports to {a}", ["story", "sanctions"],
                      senders=senders, target=a, intensity=u(0.3, 0.7))),
        (0.30, _event("arms_transfer", f"{p} sells munitions to {a}, against the regime",
                      ["story", "arms"], supplier=p, recipient=a, volume=u(1.0, 5.0))),
        (0.32, _event("exit_rules", f"{a} restricts foreign owners' exits", ["story", "firms"],
                      host=a, discount=u(0.3, 0.6), contribution=u(0.05, 0.2),
                      delay_months=float(rng.integers(3, 13)))),
        (0.46, _event("tech_transfer", f"{a} transfers military technology to {p}",
                      ["story", "pact"], supplier=a, recipient=p, intensity=u(0.3, 0.8))),
        (0.47, _event("diplomatic_protest", f"{c[s.protester]} protests at the {a}-{p} pact",
                      ["story", "pact"], actor=c[s.protester], target=a,
                      severity=u(0.3, 0.7))),
        (0.50, _event("troop_deployment", f"{p} sends troops to fight for {a}",
                      ["story", "pact"], sender=p, host=a,
                      troops=float(rng.integers(5, 16)) * 1000.0)),
    ]


def _two(rng, pool: list[int]) -> tuple[int, int]:
    """Two distinct members of ``pool``, uniformly."""
    i, j = rng.choice(len(pool), size=2, replace=False)
    return pool[int(i)], pool[int(j)]


def _summit(rng, cast: Cast) -> dict:
    """Within a bloc, warmth U(0.05, 0.2); with probability 0.3 a failed cross-bloc summit,
    warmth U(-0.15, -0.05)."""
    c = cast.codes
    if rng.random() < 0.3:
        i, j = int(rng.choice(cast.members(-1))), int(rng.choice(cast.members(1)))
        warmth = -float(rng.uniform(0.05, 0.15))
    else:
        i, j = _two(rng, cast.members(int(rng.choice([-1, 1]))))
        warmth = float(rng.uniform(0.05, 0.2))
    return _event("summit", f"{c[i]}-{c[j]} summit", ["background"], a=c[i], b=c[j],
                  warmth=round(warmth, 2))


def _protest(rng, cast: Cast) -> dict:
    """Across blocs, severity U(0.1, 0.5)."""
    b = int(rng.choice([-1, 1]))
    i, j = int(rng.choice(cast.members(b))), int(rng.choice(cast.members(-b)))
    return _event("diplomatic_protest", f"{cast.codes[i]} protests to {cast.codes[j]}",
                  ["background"], actor=cast.codes[i], target=cast.codes[j],
                  severity=round(float(rng.uniform(0.1, 0.5)), 2))


def _violation(rng, cast: Cast) -> dict:
    """The pariah breaks the regime (severity U(0.1, 0.4)), or a disputant's border
    incident (territorial_integrity, severity U(0.05, 0.2)), with equal probability."""
    if rng.random() < 0.5:
        who, norm, sev = cast.story.pariah, REGIME, rng.uniform(0.1, 0.4)
    else:
        i, j = cast.disputes[int(rng.integers(len(cast.disputes)))][:2]
        who, norm, sev = int(rng.choice([i, j])), WAR_NORM, rng.uniform(0.05, 0.2)
    return _event("norm_violation", f"{cast.codes[who]} breaks {norm}", ["background"],
                  actor=cast.codes[who], norm=norm, severity=round(float(sev), 2))


def _measures(rng, cast: Cast, kind: str) -> dict:
    """Sanctions or an export ban on the pariah or a disputant by 2-5 members of the other
    bloc, intensity U(0.2, 0.6)."""
    targets = [cast.story.pariah] + [k for d in cast.disputes for k in d[:2]]
    t = int(rng.choice(targets))
    b = -int(cast.bloc[t]) or int(rng.choice([-1, 1]))
    pool = cast.members(b)
    m = int(min(len(pool), rng.integers(2, 6)))
    senders = [cast.codes[k] for k in sorted(rng.choice(pool, size=m, replace=False))]
    return _event(kind, f"{kind} on {cast.codes[t]}", ["background"], senders=senders,
                  target=cast.codes[t], intensity=round(float(rng.uniform(0.2, 0.6)), 2))


def _new_pact(rng, cast: Cast) -> dict | None:
    """A new pact between two unallied members of a bloc, strength U{0.5, ..., 1}."""
    i, j = _two(rng, cast.members(int(rng.choice([-1, 1]))))
    if any({i, j} == {a, b} for a, b, *_ in cast.alliances):
        return None
    return _event("defence_pact", f"{cast.codes[i]}-{cast.codes[j]} pact", ["background"],
                  a=cast.codes[i], b=cast.codes[j], strength=float(rng.integers(5, 11)) / 10)


def _pact_end(rng, cast: Cast) -> dict | None:
    """One of the initial pacts lapses."""
    if not cast.alliances:
        return None
    a, b = cast.alliances[int(rng.integers(len(cast.alliances)))][:2]
    return _event("alliance_end", f"the {cast.codes[a]}-{cast.codes[b]} pact lapses",
                  ["background"], a=cast.codes[a], b=cast.codes[b])


def _annexation(rng, cast: Cast) -> dict | None:
    """The stronger side of a dispute other than the invasion's annexes territory (no war),
    severity U(0.2, 0.5)."""
    if len(cast.disputes) < 2:
        return None
    i, j = cast.disputes[1 + int(rng.integers(len(cast.disputes) - 1))][:2]
    a, t = (i, j) if cast.capability[i] >= cast.capability[j] else (j, i)
    return _event("annexation", f"{cast.codes[a]} annexes land claimed by {cast.codes[t]}",
                  ["background"], actor=cast.codes[a], target=cast.codes[t],
                  severity=round(float(rng.uniform(0.2, 0.5)), 2), intensity=0.0)


def _arms(rng, cast: Cast) -> dict:
    """A bloc's most capable member arms another member, volume U(0.2, 2)."""
    pool = cast.members(int(rng.choice([-1, 1])))
    lead = max(pool, key=lambda k: (cast.capability[k], -k))
    to = int(rng.choice([k for k in pool if k != lead]))
    return _event("arms_transfer", f"{cast.codes[lead]} arms {cast.codes[to]}",
                  ["background"], supplier=cast.codes[lead], recipient=cast.codes[to],
                  volume=round(float(rng.uniform(0.2, 2.0)), 2))


BACKGROUND = (  # (maker, weight)
    (_summit, 3), (_protest, 2), (_violation, 1),
    (lambda rng, cast: _measures(rng, cast, "sanctions"), 1),
    (lambda rng, cast: _measures(rng, cast, "export_ban"), 1),
    (_new_pact, 1), (_pact_end, 1), (_annexation, 0.5), (_arms, 1),
)


def background_events(rng, cast: Cast, n: int) -> list[tuple[float, dict]]:
    """n background events at times U(0.02, 0.98), each of a kind drawn with the weights of
    :data:`BACKGROUND` (a summit where the kind does not apply)."""
    weights = np.array([w for _, w in BACKGROUND], dtype=float)
    out = []
    for _ in range(n):
        make = BACKGROUND[int(rng.choice(len(BACKGROUND), p=weights / weights.sum()))][0]
        ev = make(rng, cast) or _summit(rng, cast)
        out.append((float(rng.uniform(0.02, 0.98)), ev))
    return out


def dated(events: list[tuple[float, dict]], start: int, end: int) -> list[dict]:
    """Events in date order with ids ``e0001_<type>``: time t ∈ [0, 1) becomes the day
    floor(t · D) after the start, D = days from the first of the start month to the end of
    the end month."""
    first = dt.date(start // 12, start % 12 + 1, 1)
    last = dt.date((end + 1) // 12, (end + 1) % 12 + 1, 1)
    days = (last - first).days
    out = []
    order = sorted(range(len(events)), key=lambda k: (events[k][0], k))
    for n, k in enumerate(order, start=1):
        t, ev = events[k]
        date = first + dt.timedelta(days=int(t * days))
        out.append({"id": f"e{n:04d}_{ev['type']}", "date": date.isoformat(), **ev})
    return out


# --------------------------------------------------------------------------- the world


@dataclasses.dataclass(frozen=True)
class Draws:
    """Everything drawn for one synthetic world (indices into ``codes``)."""

    seed: int
    start: int
    end: int
    codes: tuple[str, ...]
    region: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    capability: np.ndarray
    gdp: np.ndarray
    growth: np.ndarray
    energy: np.ndarray
    offense: np.ndarray
    nuclear: np.ndarray
    p5: np.ndarray
    alignment: np.ndarray
    bloc: np.ndarray
    exports: np.ndarray
    fdi: np.ndarray
    borders: list
    alliances: list
    disputes: list
    story: Story
    norms: list
    sanctions: list
    oil: list
    firms: dict
    events: list


def draw_world(n_states: int, n_firms: int, seed: int, start: int, end: int,
               n_events: int) -> Draws:
    """Draw a world from ``np.random.default_rng(seed)`` and five streams spawned from it
    (geography, economy, politics, firms, events), in a fixed order."""
    geo, eco, pol, fir, evs = np.random.default_rng(seed).spawn(5)
    width = max(3, len(str(n_states)))
    codes = tuple(f"S{k + 1:0{width}d}" for k in range(n_states))
    region, lat, lon, offset = draw_locations(geo, n_states)
    dist = haversine_km(lat, lon)
    borders = land_borders(dist)
    capability = draw_capability(eco, n_states)
    gdp, growth, energy = draw_gdp(eco, capability)
    offense, nuclear, p5 = draw_military(eco, capability)
    exports = gravity_exports(eco, gdp, dist)
    fdi = fdi_stocks(eco, exports)
    oil = oil_prices(eco, start // 12, end // 12)
    alignment, _ = draw_alignment(pol, region, offset, capability)
    alignment, bloc = ensure_frontier(alignment, region, capability, dist)
    alliances = defence_pacts(pol, bloc, capability, dist)
    disputes = draw_disputes(pol, bloc, dist, borders)
    story = cast_story(alliances, disputes, bloc, alignment, capability, gdp, dist)
    norms = norm_rows(pol, story, bloc, capability, p5)
    sanctions = regime_sanctions(pol, norms, story)
    cast = Cast(codes, bloc, capability, alliances, disputes, story)
    core = story_events(evs, cast)
    timeline = core[:n_events] + background_events(evs, cast, max(0, n_events - len(core)))
    return Draws(seed, start, end, codes, region, lat, lon, capability, gdp, growth, energy,
                 offense, nuclear, p5, alignment, bloc, exports, fdi, borders, alliances,
                 disputes, story, norms, sanctions, oil, draw_firms(fir, fdi, n_firms),
                 dated(timeline, start, end))


# --------------------------------------------------------------------------- files


def _num(x: float, digits: int = 4) -> str:
    """A number with ``digits`` significant digits, positional (no exponent)."""
    return np.format_float_positional(float(x), precision=digits, unique=False,
                                      fractional=False, trim="-")


def _csv(header: tuple[str, ...], rows) -> str:
    """CSV text with ``\\n`` line ends (the same bytes on every platform)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _toml(value) -> str:
    """A TOML value: strings as basic strings (JSON escapes are valid TOML), lists inline."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return _num(value, 6)


def _label(d: Draws) -> str:
    """What was generated, in words (for descriptions and sources.csv)."""
    return (f"{len(d.codes)} states, {len(d.firms['home'])} firms, {len(d.events)} events, "
            f"{month_label(d.start)}..{month_label(d.end)}, seed {d.seed}")


def _name(d: Draws) -> str:
    """The world's and the scenario's name: synthetic_n<states>_f<firms>_s<seed>."""
    return f"synthetic_n{len(d.codes)}_f{len(d.firms['home'])}_s{d.seed}"


def actors_csv(d: Draws) -> str:
    """actors.csv: one row per state; none is passive."""
    bloc_name = {-1: "bloc_a", 0: "non-aligned", 1: "bloc_b"}
    rows = [(c, f"Synthetic state {c[1:]}", _num(d.gdp[i]), _num(d.growth[i], 3),
             _num(d.capability[i]), _num(d.offense[i], 3), int(d.nuclear[i]), int(d.p5[i]),
             _num(d.lat[i]), _num(d.lon[i]), _num(d.alignment[i], 3), 0,
             _num(d.energy[i], 3), SOURCE_ID,
             f"{NOTE}; region {d.region[i] + 1}, {bloc_name[int(d.bloc[i])]}")
            for i, c in enumerate(d.codes)]
    return _csv(("code", "name", "gdp_usd_bn", "gdp_growth", "capability", "offense",
                 "nuclear", "unsc_p5", "lat", "lon", "alignment", "passive", "energy_share",
                 "source_ids", "note"), rows)


def flows_csv(d: Draws, matrix: np.ndarray, what: str) -> str:
    """exports.csv or fdi.csv: every non-zero off-diagonal entry, row → column."""
    year = d.start // 12
    i, j = np.nonzero(matrix)
    rows = [(d.codes[a], d.codes[b], _num(matrix[a, b]), year, SOURCE_ID, f"{NOTE}; {what}")
            for a, b in zip(i.tolist(), j.tolist(), strict=True) if a != b]
    return _csv(("source", "target", "value_usd_bn", "year", "source_id", "note"), rows)


def alliances_csv(d: Draws) -> str:
    """alliances.csv: one row per defence pact."""
    year = d.start // 12
    rows = [(d.codes[a], d.codes[b], _num(s, 2), f"Synthetic pact {d.codes[a]}-{d.codes[b]}",
             year - age, SOURCE_ID, NOTE) for a, b, s, age in d.alliances]
    return _csv(("a", "b", "strength", "name", "since", "source_id", "note"), rows)


def disputes_csv(d: Draws) -> str:
    """disputes.csv: one row per dispute."""
    rows = [(d.codes[a], d.codes[b], kind, _num(x, 2), SOURCE_ID, NOTE)
            for a, b, kind, x in sorted(d.disputes)]
    return _csv(("a", "b", "kind", "intensity", "source_id", "note"), rows)


def contiguity_csv(d: Draws) -> str:
    """contiguity.csv: the land borders of :func:`land_borders`, distance 0."""
    rows = [(d.codes[a], d.codes[b], 0, "land", SOURCE_ID, f"{NOTE}; nearest neighbours")
            for a, b in d.borders]
    return _csv(("a", "b", "distance_km", "kind", "source_id", "note"), rows)


def norms_csv(d: Draws) -> str:
    """norms.csv: territorial_integrity (no target) and the regime on the pariah."""
    rows = [(name, d.codes[t] if t >= 0 else "", d.codes[i], _num(c, 3), v, SOURCE_ID, NOTE)
            for name, t, i, c, v in d.norms]
    return _csv(("norm", "target", "actor", "commitment", "voted", "source_id", "note"), rows)


def sanctions_csv(d: Draws) -> str:
    """sanctions.csv: the regime's sanctions in force at the start."""
    rows = [(d.codes[s], d.codes[t], _num(x, 2), SOURCE_ID, f"{NOTE}; {REGIME}")
            for s, t, x in d.sanctions]
    return _csv(("sender", "target", "intensity", "source_id", "note"), rows)


def drivers_csv(d: Draws) -> str:
    """drivers.csv: the oil price from the start year to the end year."""
    rows = [(y, _num(p, 4), SOURCE_ID, NOTE) for y, p in d.oil]
    return _csv(("year", "oil_price_usd", "source_id", "note"), rows)


def firms_csv(d: Draws) -> str:
    """firms.csv: one row per firm (count 1), weights in USD bn."""
    f, c = d.firms, d.codes
    width = max(5, len(str(len(f["home"]))))
    rows = [(f"f{k + 1:0{width}d}", f"Synthetic firm {k + 1} (synthetic)", c[f["home"][k]],
             c[f["host"][k]], FIRM_SECTORS[f["sector"][k]], _num(f["weight"][k]),
             int(f["employees"][k]), _num(f["sunk"][k], 2), 1, SOURCE_ID, NOTE)
            for k in range(len(f["home"]))]
    return _csv(("id", "name", "home", "host", "sector", "weight", "employees", "sunk_share",
                 "count", "source_id", "note"), rows)


def sources_csv(d: Draws) -> str:
    """sources.csv: the one ``synthetic`` source every row cites."""
    return _csv(("id", "title", "url", "note"), [(
        SOURCE_ID, f"generated by alliancesim synth, seed {d.seed}", "",
        f"model/synthetic.py: {_label(d)}; every number is drawn, none is observed")])


def world_toml(d: Draws) -> str:
    """world.toml, with groups: the blocs, the non-aligned, each region and the story's
    belligerents."""
    codes = np.array(d.codes)
    groups = {"bloc_a": codes[d.bloc == -1], "bloc_b": codes[d.bloc == 1],
              "nonaligned": codes[d.bloc == 0],
              **{f"region_{r + 1}": codes[d.region == r] for r in range(d.region.max() + 1)},
              "belligerents": codes[[d.story.aggressor, d.story.victim]]}
    about = (f"Synthetic world generated by alliancesim synth: {_label(d)}. Every number is "
             "an estimate: synthetic (model/synthetic.py).")
    lines = [f"name = {_toml(_name(d))}", f"description = {_toml(about)}",
             f"start = {_toml(month_label(d.start))}", f"base_year = {d.start // 12}", "",
             "[groups]  # blocs by alignment, regions by location, the invaded pair"]
    lines += [f"{k} = {_toml(v.tolist())}" for k, v in groups.items() if v.size]
    return "\n".join(lines) + "\n"


def timeline_toml(d: Draws) -> str:
    """timeline.toml: the dated events as ``[[event]]`` tables."""
    s = d.story
    about = (f"Synthetic timeline: the story (tag 'story') of {d.codes[s.aggressor]}'s "
             f"invasion of {d.codes[s.victim]}, backed by the sanctioned {d.codes[s.pariah]}, "
             "and background events (tag 'background').")
    lines = [f"description = {_toml(about)}"]
    for ev in d.events:
        lines += ["", "[[event]]"]
        lines += [f"{k} = {_toml(v)}" for k, v in ev.items()]
    return "\n".join(lines) + "\n"


def scenario_toml(d: Draws) -> str:
    """scenario.toml: the world in this folder, run to the end month."""
    return "\n".join([
        f"name = {_toml(_name(d))}",
        f"description = {_toml('Synthetic world: ' + _label(d) + '.')}",
        'world = "."  # this folder', f"end = {_toml(month_label(d.end))}", ""])


def synthetic_files(n_states: int, n_firms: int, seed: int, *, start: str = "2000-01",
                    end: str = "2019-12", n_events: int | None = None) -> dict[str, str]:
    """The text of every file of a synthetic world folder, by file name."""
    first, last, n_events = check_arguments(n_states, n_firms, seed, start, end, n_events)
    d = draw_world(n_states, n_firms, seed, first, last, n_events)
    files = {"world.toml": world_toml(d), "actors.csv": actors_csv(d),
             "exports.csv": flows_csv(d, d.exports, "gravity model"),
             "fdi.csv": flows_csv(d, d.fdi, "share of bilateral trade"),
             "alliances.csv": alliances_csv(d), "disputes.csv": disputes_csv(d),
             "contiguity.csv": contiguity_csv(d), "norms.csv": norms_csv(d),
             "sanctions.csv": sanctions_csv(d), "drivers.csv": drivers_csv(d),
             "timeline.toml": timeline_toml(d), "sources.csv": sources_csv(d),
             "scenario.toml": scenario_toml(d)}
    if n_firms:
        files["firms.csv"] = firms_csv(d)
    return files


def write_synthetic_world(out_dir: str | Path, n_states: int, n_firms: int, seed: int, *,
                          start: str = "2000-01", end: str = "2019-12",
                          n_events: int | None = None) -> Path:
    """Write a synthetic world folder plus its ``scenario.toml``; return that file's path.

    ``out_dir`` must not exist or be empty. The files are written to a temporary sibling
    folder, loaded with the normal loader (:func:`model.scenario.load_scenario`), and only
    then renamed to ``out_dir``: on any error nothing is left behind. ``n_events`` defaults
    to :func:`default_events`.
    """
    from model.scenario import load_scenario

    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputError(out, "out", "exists and is not empty (choose a new folder)")
    files = synthetic_files(n_states, n_firms, seed, start=start, end=end, n_events=n_events)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8")
        load_scenario(tmp / "scenario.toml")
        tmp.chmod(0o755)
        tmp.rename(out)  # replaces an empty folder
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out / "scenario.toml"


def synthetic_scenario(n_states: int, n_firms: int, seed: int, *, start: str = "2000-01",
                       end: str = "2019-12", n_events: int | None = None,
                       directory: str | Path | None = None):
    """Write a synthetic world into ``directory`` (default: a new temporary folder, left for
    the caller or the OS to clean) and return it loaded as a
    :class:`~model.scenario.Scenario`."""
    from model.scenario import load_scenario

    out = Path(directory) if directory is not None else Path(
        tempfile.mkdtemp(prefix="alliancesim-synth-"))
    return load_scenario(write_synthetic_world(out, n_states, n_firms, seed, start=start,
                                               end=end, n_events=n_events))
