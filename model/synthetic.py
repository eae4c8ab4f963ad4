"""Synthetic additions to a world, for stress tests and benchmarks (seeded, reproducible)."""

from __future__ import annotations

import dataclasses

import numpy as np

from model.world import FirmTable, World

SECTORS = ("automotive", "electronics", "consumer_goods", "machinery", "chemicals", "retail")


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
