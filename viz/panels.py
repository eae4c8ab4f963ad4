"""The page's components (solara). Each takes the model, reads Mesa's ``update_counter`` so it
re-renders after every step, and draws from :mod:`viz.figures` / :mod:`viz.logview`.

Figures are built once per world and comparison (``Panel.key``: Reset with the same world
reuses them) and redrawn cheaply each month; images are memoised per model and month, so a
re-render that changes nothing costs nothing.
"""

from __future__ import annotations

import solara
from mesa.visualization.utils import update_counter

from viz.figures import LAYERS, PANELS, NetworkPanel
from viz.logview import log_html, overview_html

edge_layer = solara.reactive("trust")  # the network's edge layer (per browser session)

# Grid cells are 390 px high (Mesa's layout): figures scale down to fit, text scrolls.
CSS = """
.vue-grid-item > div { overflow-y: auto; overflow-x: hidden; }
.as-figure { display: block; width: auto; height: auto; max-width: 100%; max-height: 380px; }
.as-figure.as-network { max-height: 345px; }
.v-input__slider .v-input__slot { flex-wrap: wrap; }
.v-input__slider .v-input__slot > .v-label { flex: 1 0 100%; font-size: 13px; }
.v-input__slider .v-slider__thumb-container::after {
  content: attr(aria-valuenow); position: absolute; top: 8px; left: 0;
  transform: translateX(-50%); font-size: 11px; color: #333; }
.v-input__slider { margin-bottom: 10px; }
.as-overview, .as-log { font-size: 13px; line-height: 1.35; padding: 4px 8px; }
.as-date { font-size: 34px; font-weight: 600; line-height: 1.1; margin: 2px 0 2px 0; }
.as-sub { color: #555; margin-bottom: 6px; }
.as-run { margin-bottom: 4px; }
.as-scenario { font-family: monospace; font-weight: 600; }
.as-desc { color: #444; font-size: 12px; margin-bottom: 6px; }
.as-params { font-size: 12px; margin-bottom: 4px; }
.as-changed { font-weight: 700; color: #a33; }
.as-warn { color: #a33; font-size: 12px; margin: 4px 0; }
.as-h { font-weight: 600; margin: 6px 0 2px 0; }
.as-next { margin: 0; padding-left: 18px; }
.as-when { font-variant-numeric: tabular-nums; color: #333; white-space: nowrap; }
.as-none { color: #777; font-style: italic; }
.as-log-body { max-height: 330px; overflow-y: auto; }
.as-log table { border-collapse: collapse; width: 100%; }
.as-log td { padding: 1px 6px 1px 0; vertical-align: top; border-bottom: 1px solid #eee; }
.as-kind { color: #777; font-size: 11px; }
.as-event td { background: #f3f7fc; }
.as-decision td { font-weight: 600; }
.as-whatif .v-input { margin-top: 0; padding-top: 2px; }
.as-added, .as-divergence, .as-bands-done { font-size: 12px; }
"""


def _image(data: bytes, name: str):
    return solara.Image(data, classes=["as-figure", f"as-{name}"])


@solara.component
def Overview(model):
    """The date (month and year), the run's identity and the next scheduled events."""
    update_counter.get()
    solara.HTML(tag="div", unsafe_innerHTML=overview_html(model))


@solara.component
def Network(model):
    """The state system on a world map, with a switch for the edge layer."""
    update_counter.get()
    layer = edge_layer.value
    panel = solara.use_memo(lambda: NetworkPanel(model, layer), [NetworkPanel.key(model), layer])
    solara.use_effect(lambda: panel.close, [panel])  # free a replaced panel's figure
    data = solara.use_memo(lambda: panel.render(model), [panel, model, model.steps])
    with solara.Column(gap="2px"):
        with solara.Row(gap="8px", style={"align-items": "center"}):
            solara.Text("Edges:")
            solara.ToggleButtonsSingle(value=edge_layer, values=list(LAYERS), dense=True)
        _image(data, "network")


def _series(model, key: str):
    cls = PANELS[key]
    panel = solara.use_memo(lambda: cls(model), [cls.key(model)])
    solara.use_effect(lambda: panel.close, [panel])  # free a replaced panel's figure
    data = solara.use_memo(lambda: panel.render(model), [panel, model, model.steps])
    return _image(data, key)


@solara.component
def ChinaShare(model):
    """China's share of Russia's (and the DPRK's) trade."""
    update_counter.get()
    _series(model, "china_share")


@solara.component
def Threat(model):
    """Threat perceived by South Korea and Japan from the DPRK and Russia."""
    update_counter.get()
    _series(model, "threat")


@solara.component
def Firms(model):
    """South Korean divestment from Russia and the number of its firms there by status."""
    update_counter.get()
    _series(model, "firms")


@solara.component
def TrustInRussia(model):
    """Trust in Russia in its neighbourhood (and mutual trust with the West)."""
    update_counter.get()
    _series(model, "trust")


@solara.component
def EventLog(model):
    """Timeline events as they fire and the model's notable endogenous decisions."""
    update_counter.get()
    text = solara.use_memo(lambda: log_html(model), [model, model.steps])
    solara.HTML(tag="div", unsafe_innerHTML=text)


# In page order: the grid shows them two per row.
COMPONENTS = [Overview, Network, ChinaShare, Threat, Firms, TrustInRussia, EventLog]
