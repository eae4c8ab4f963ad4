"""The browser visualisation of alliancesim (SolaraViz on Mesa 3.5).

Presentation only: ``viz`` imports the model, never the reverse. Start it with
``alliancesim viz`` (or ``python -m viz.serve``); fill solara's offline asset cache with
``python -m viz.assets`` (``make setup`` does it).
"""
