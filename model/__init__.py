"""alliancesim.model — the world and its dynamics (no plotting, no CLI, no file output).

Data flow (one direction): scenario file → World + timeline → AllianceModel.step
(events → capability → perceptions → decisions → economy → metrics) → run tables.
"""
