"""Scenario discovery (PRIM, CART) on stored paired sweeps: :mod:`.core` finds the boxes,
:mod:`.report` words them, :mod:`.cli` is ``alliancesim discover``; the figures are
:mod:`experiments.figures.discovery`. Never imports the model; importing
this package is light (the CLI imports :mod:`.cli` at start-up)."""

METHODS = ("prim", "cart")
