"""The page's interactive cards: what-if events, k-seed uncertainty bands and downloads.

Each is a solara component of the current model; the browser session's state (the list of
added events and the model's reactive) comes from :data:`SESSION`, which :mod:`viz.app`
provides. The what-if form is built from
the event-type registry (:mod:`viz.whatif`): one input per declared field, numbers as sliders
within their declared bounds. Adding or removing an event restarts the run with the session's
events (Reset keeps them too: :func:`viz.vizmodel.session_class`).
"""

from __future__ import annotations

from dataclasses import dataclass

import solara
from mesa.visualization.utils import update_counter

from model.errors import InputError
from viz import bands, whatif
from viz.downloads import available
from viz.figures import PANELS
from viz.panels import edge_layer


@dataclass(frozen=True)
class Session:
    """A browser session's what-if events (``Reactive[list[dict]]``) and model reactive."""

    events: solara.Reactive
    model: solara.Reactive


SESSION = solara.create_context(None)
BAND_METRICS = tuple(s.metric for cls in PANELS.values() for g in cls.groups for s in g[3])


def _field_input(f: whatif.FormField, value, set_value, codes: list[str]):
    label = f.name if f.required else f"{f.name} (optional)"
    if f.kind == "actor":
        solara.Select(label=label, value=value, values=codes, on_value=set_value, dense=True)
    elif f.kind == "actors":
        solara.SelectMultiple(label=label, values=list(value), all_values=codes,
                              on_value=set_value, dense=True)
    elif f.kind == "number" and f.lo > float("-inf") and f.hi < float("inf"):
        step = (f.hi - f.lo) / 100.0
        solara.SliderFloat(label=f"{label} [{f.lo:g}, {f.hi:g}]", value=float(value),
                           min=f.lo, max=f.hi, step=step, on_value=set_value)
    elif f.kind == "number":
        solara.InputFloat(label=label, value=float(value), on_value=set_value, dense=True)
    elif f.kind == "bool":
        solara.Checkbox(label=label, value=bool(value), on_value=set_value)
    else:  # month (YYYY-MM) or text
        solara.InputText(label=label, value=str(value), on_value=set_value, dense=True)


@solara.component
def WhatIf(model):
    """Add dated events of any registered type to the selected scenario; the run restarts
    with them, the unmodified scenario dashed. Listed, removable, savable as TOML."""
    update_counter.get()
    session = solara.use_context(SESSION)
    events = session.events
    codes = [c for c, p in zip(model.world.codes, model.world.passive, strict=True) if not p]
    etype, set_etype = solara.use_state("sanctions")
    month, set_month = solara.use_state("2026-01")
    fields = whatif.form_fields(etype)
    values, set_values = solara.use_state({})
    error, set_error = solara.use_state("")
    current = {f.name: values.get((etype, f.name), f.initial(tuple(codes), k))
               for k, f in enumerate(fields)}

    def restart(new: list[dict]) -> None:
        events.set(new)
        session.model.set(type(model)(**model.init_kwargs))

    def add() -> None:
        try:
            table = whatif.new_event(etype, month, current, {e["id"] for e in events.value})
            whatif.load_whatif(model.scenario_name, [*events.value, table])
        except InputError as exc:  # its file is a temporary one: name the field only
            set_error(f"{exc.field}: {exc.message}")
            return
        except ValueError as exc:
            set_error(str(exc))
            return
        set_error("")
        restart([*events.value, table])

    with solara.Column(gap="4px", classes=["as-whatif"]):
        solara.HTML(tag="div", unsafe_innerHTML=f'<div class="as-h">What if? Add an event to '
                    f'<span class="as-scenario-base">{model.scenario_name}</span></div>')
        with solara.Row(gap="8px"):
            solara.Select(label="Event type", value=etype, values=whatif.types(),
                          on_value=set_etype, dense=True)
            solara.InputText(label="Date (YYYY-MM)", value=month, on_value=set_month,
                             dense=True)
        solara.Text(whatif.doc(etype), classes=["as-desc"])
        for f in fields:
            _field_input(f, current[f.name],
                         lambda v, n=f.name: set_values({**values, (etype, n): v}), codes)
        solara.Button("Add event and restart", color="primary", on_click=add, dense=True)
        if error:
            solara.HTML(tag="div", unsafe_innerHTML=f'<div class="as-warn">{error}</div>')
        if getattr(model, "whatif_note", ""):
            solara.HTML(tag="div", unsafe_innerHTML=f'<div class="as-warn">'
                        f'{model.whatif_note}</div>')
        for k, table in enumerate(events.value):
            with solara.Row(gap="4px", style={"align-items": "center"}):
                solara.Button("✕", on_click=lambda k=k: restart(
                    [e for i, e in enumerate(events.value) if i != k]), dense=True,
                    text=True, classes=["as-remove"])
                solara.Text(whatif.describe(table), classes=["as-added"])
        if model.whatif:
            d = whatif.divergence(model)
            solara.Text("no divergence from the unmodified run yet" if d is None else
                        f"diverges from the unmodified run from {d[0]} (largest gap so far: "
                        f"{d[2]:.3g} in {d[1]})", classes=["as-divergence"])
        if events.value:
            name = whatif.whatif_name(model.scenario_name)
            solara.FileDownload(whatif.scenario_toml(model.scenario_name, events.value),
                                filename=f"{name}.toml", label="Save scenario (TOML)",
                                mime_type="application/toml")


@solara.component
def Uncertainty(model):
    """k seeds of the run and of its twin in a worker process, drawn as 50%/90% bands."""
    update_counter.get()
    k, set_k = solara.use_state(bands.DEFAULT_K)

    def work():
        jobs = bands.submit(model, k, BAND_METRICS)

        def progress(share: float) -> None:
            task.progress = 100.0 * share

        model.bands = bands.collect(jobs, k, model.seed, progress)
        update_counter.set(update_counter.value + 1)  # redraw the panels with the bands
        return model.bands.k

    task = solara.lab.use_task(work, dependencies=None)
    with solara.Column(gap="4px"):
        solara.HTML(tag="div", unsafe_innerHTML='<div class="as-h">Uncertainty over seeds</div>')
        solara.SliderInt(label="seeds k", value=k, min=2, max=bands.MAX_K, on_value=set_k)
        solara.Button(f"Run {k} seeds of each variant", on_click=lambda: task(),
                      disabled=task.pending, color="primary", dense=True)
        if task.pending:
            solara.ProgressLinear(task.progress or True)
            solara.Text("running in a worker process; the page stays usable")
        done = getattr(model, "bands", None)
        if done is not None:
            solara.Text(f"bands: seeds {done.seeds[0]}–{done.seeds[-1]} of each variant",
                        classes=["as-bands-done"])
        if task.error:
            solara.Text(f"failed: {task.exception}", classes=["as-warn"])


@solara.component
def Downloads(model):
    """The current run's tables (CSV, Parquet) and each panel as PNG."""
    update_counter.get()
    layer = edge_layer.value
    with solara.Column(gap="2px"):
        solara.HTML(tag="div", unsafe_innerHTML='<div class="as-h">Downloads (this run, up to '
                    'this month)</div>')
        for name, make, mime in available(model):
            solara.FileDownload(lambda make=make: make(model, layer), filename=name,
                                label=name, mime_type=mime)
