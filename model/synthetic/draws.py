"""Everything drawn for one synthetic world, from one seed, in a fixed order."""

from __future__ import annotations

import dataclasses

import numpy as np

from model.synthetic.economy import (
    draw_capability,
    draw_firms,
    draw_gdp,
    draw_military,
    fdi_stocks,
    gravity_exports,
    oil_prices,
)
from model.synthetic.geography import draw_locations, land_borders
from model.synthetic.politics import (
    Story,
    cast_story,
    defence_pacts,
    draw_alignment,
    draw_disputes,
    ensure_frontier,
    norm_rows,
    regime_sanctions,
)
from model.synthetic.timeline import Cast, background_events, dated, story_events
from model.world import haversine_km


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
