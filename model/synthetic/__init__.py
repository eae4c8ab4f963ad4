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

The modules, in the order a world is made (each docstring gives its formulas):

- :mod:`~model.synthetic.geography`: capitals in regional clusters, land borders.
- :mod:`~model.synthetic.economy`: capability, GDP, military, gravity trade, FDI, the oil
  price, firms (and :func:`with_synthetic_firms`).
- :mod:`~model.synthetic.politics`: alignment and blocs, defence pacts, disputes, the cast of
  the story, norms and the sanctions regime.
- :mod:`~model.synthetic.timeline`: the story's events and background events, dated.
- :mod:`~model.synthetic.draws`: :func:`~model.synthetic.draws.draw_world`, all of the above
  from one seed, in a fixed order.
- :mod:`~model.synthetic.render`: the text of each file.
- :mod:`~model.synthetic.writer`: argument checks, :func:`synthetic_files`,
  :func:`write_synthetic_world` (atomic) and :func:`synthetic_scenario`.
- :mod:`~model.synthetic.constants`: the source id, note and norm names all of them share.
"""

from model.synthetic.economy import FIRM_SECTORS, SECTORS, with_synthetic_firms
from model.synthetic.writer import (
    MAX_EVENTS,
    MAX_FIRMS,
    MAX_STATES,
    MIN_STATES,
    check_arguments,
    default_events,
    synthetic_files,
    synthetic_scenario,
    write_synthetic_world,
)

__all__ = [
    "FIRM_SECTORS",
    "MAX_EVENTS",
    "MAX_FIRMS",
    "MAX_STATES",
    "MIN_STATES",
    "SECTORS",
    "check_arguments",
    "default_events",
    "synthetic_files",
    "synthetic_scenario",
    "with_synthetic_firms",
    "write_synthetic_world",
]
