"""The 80-economy world from the OECD ICIO table shipped by sanction-simulator.

- :mod:`~model.icio.source`: read the table (optional dependency) and aggregate it.
- :mod:`~model.icio.politics`: the political layer (treaties, sanctions, rules).
- :mod:`~model.icio.sources`: the world's ``sources.csv``.
- :mod:`~model.icio.build`: write ``model/data/worlds/icio/`` atomically.
- :mod:`~model.icio.compare`: the side-by-side with sanction-simulator.
"""
