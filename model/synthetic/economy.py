"""Economy of a synthetic world: capability, GDP, military, gravity trade, FDI, the oil
price, and firms (:func:`draw_firms` for a world folder, :func:`with_synthetic_firms` for an
existing world)."""

from __future__ import annotations

import dataclasses

import numpy as np

from model.world import FirmTable, World

SECTORS = ("automotive", "electronics", "consumer_goods", "machinery", "chemicals", "retail")
FIRM_SECTORS = ("automotive", "electronics", "consumer_goods", "machinery", "chemicals",
                "energy", "finance", "logistics", "retail", "construction", "food")

WORLD_GDP_USD_BN = 50_000.0  # GDP of all the synthetic states together in the base year
TRADE_TO_GDP = 0.25  # world merchandise exports / world GDP (≈ 0.2-0.25 since 2000)
GRAVITY_A, GRAVITY_B, GRAVITY_C = 1.0, 1.0, 1.0  # exporter GDP, importer GDP, distance
GRAVITY_NOISE_SD = 0.8  # sd of the log-normal gravity residual
MIN_DISTANCE_KM = 200.0  # distance floor in the gravity equation (neighbouring capitals)


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
