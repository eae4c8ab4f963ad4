"""Geography of a synthetic world: capitals in regional clusters, and land borders between
nearest neighbours (distances are great-circle, :func:`model.world.haversine_km`)."""

from __future__ import annotations

import numpy as np


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
