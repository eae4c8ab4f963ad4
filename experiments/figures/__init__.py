"""Research figures drawn from stored results only (issue 6): ``alliancesim figures DIR``.

One module per figure family (timeseries, effects, forest, grid, sensitivity, network, firms),
one style module (:mod:`experiments.figures.style`), loading in :mod:`experiments.figures.data`.
Nothing here imports ``model``/``agents`` directly or runs the model.
"""

from experiments.figures.cli import draw_all

__all__ = ["draw_all"]
