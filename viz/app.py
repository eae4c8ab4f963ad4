"""The SolaraViz page of alliancesim: ``alliancesim viz`` (or ``python -m viz.serve``) serves it.

Each browser session gets its own model and its own list of what-if events. The sidebar's
Reset re-creates the model from the controls (scenario, seed, comparison, parameter sliders —
see :mod:`viz.controls`) and the session's what-if events (:mod:`viz.forms`); Step advances
one month; ▶ plays.
"""

import solara
from mesa.visualization import SolaraViz

from viz import solara_fix
from viz.controls import model_params
from viz.forms import SESSION, Downloads, Session, Uncertainty, WhatIf
from viz.panels import COMPONENTS, CSS
from viz.vizmodel import session_class

solara_fix.apply()  # solara 1.64.1's router template logs a console warning (see the module)

TITLE = "alliancesim: alliance and sanctions dynamics"


@solara.component
def Page():
    events = solara.use_reactive([])  # the session's what-if events (raw event tables)
    first = solara.use_memo(lambda: session_class(events)(), [])  # one model per session
    model = solara.use_reactive(first)
    SESSION.provide(Session(events, model))
    solara.Style(CSS)
    SolaraViz(model, components=[*COMPONENTS[:2], WhatIf, *COMPONENTS[2:], Uncertainty,
                                 Downloads], model_params=model_params(), name=TITLE)
