"""What the page offers to download: the current run's tables up to the month shown (CSV and
Parquet, as ``alliancesim run`` writes them) and each panel as PNG at that month.

No solara here: :func:`available` lists (file name, bytes of the model and the network's edge
layer, MIME type) for a model; :func:`viz.forms.Downloads` makes the buttons. Nothing is
computed until a button is clicked. Relations are offered where the run keeps them (worlds of
up to :data:`viz.vizmodel.RELATIONS_MAX_STATES` states).
"""

from __future__ import annotations

import io

import pandas as pd

from viz.figures import PANELS, NetworkPanel


def stem(model) -> str:
    return f"{model.scenario_def.name}-seed{model.seed}-{model.date_label}"


def _table(model, which: str) -> pd.DataFrame:
    return model.timeseries() if which == "timeseries" else model.relations_table()


def _csv(which: str):
    return lambda model, layer: _table(model, which).to_csv(index=False).encode()


def _parquet(which: str):
    def make(model, layer) -> bytes:
        buf = io.BytesIO()
        _table(model, which).to_parquet(buf, index=False)
        return buf.getvalue()

    return make


def _png(key: str):
    def make(model, layer) -> bytes:
        panel = NetworkPanel(model, layer) if key == "network" else PANELS[key](model)
        try:
            return panel.render(model)
        finally:
            panel.close()

    return make


PARQUET = "application/vnd.apache.parquet"
DOWNLOADS = [
    *((lambda m, w=which, x=ext: f"{stem(m)}-{w}.{x}", make(which), mime)
      for which in ("timeseries", "relations")
      for ext, make, mime in (("csv", _csv, "text/csv"), ("parquet", _parquet, PARQUET))),
    *((lambda m, k=key: f"{stem(m)}-{k}.png", _png(key), "image/png")
      for key in ("network", *PANELS)),
]


def available(model) -> list[tuple[str, object, str]]:
    """(file name, maker, MIME type) of what this model's run can give."""
    return [(name(model), make, mime) for name, make, mime in DOWNLOADS
            if model.record_relations or "-relations." not in name(model)]
