"""The SolaraViz page of alliancesim: ``alliancesim viz`` (or ``python -m viz.serve``) serves it.

Each browser session gets its own model. The sidebar's Reset re-creates it from the controls
(scenario, seed, comparison, parameter sliders — see :mod:`viz.controls`); Step advances one
month; ▶ plays.
"""

import solara
from mesa.visualization import SolaraViz

from viz import solara_fix
from viz.controls import model_params
from viz.panels import COMPONENTS, CSS
from viz.vizmodel import VizModel

solara_fix.apply()  # solara 1.64.1's router template logs a console warning (see the module)

TITLE = "alliancesim: alliance and sanctions dynamics"


@solara.component
def Page():
    model = solara.use_memo(VizModel, [])  # one model per browser session
    solara.Style(CSS)
    SolaraViz(model, components=COMPONENTS, model_params=model_params(), name=TITLE)
