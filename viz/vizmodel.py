"""VizModel: the AllianceModel as SolaraViz drives it, with an optional paired twin.

SolaraViz re-creates the model on Reset as ``type(model)(**controls)``; Mesa also passes its
own ``scenario`` object then, which is not ours. So the scenario arrives as
``scenario_name`` and Mesa's ``scenario`` argument is ignored.

The page opens after the first month has been simulated (January 2013 for the default
world), so each Step shows the next month. With ``compare=True`` a twin model of the paired
scenario (:func:`viz.controls.counterpart`) with the same seed and parameters is stepped in
lock-step; its series are overlaid dashed. With what-if events (``whatif``: raw event tables,
:mod:`viz.whatif`) the model runs the selected scenario plus those events and the twin is the
unmodified scenario, with the same seed. :func:`session_class` binds a browser session's
list of what-if events, so that Reset keeps them.
"""

from __future__ import annotations

from model.errors import InputError
from model.model import AllianceModel
from model.scenario import load_scenario
from viz.controls import DEFAULT_SCENARIO, DEFAULT_SEED, clamp, counterpart, parse_seed
from viz.whatif import load_whatif

RELATIONS_MAX_STATES = 40


class VizModel(AllianceModel):
    def __init__(self, scenario_name: str = DEFAULT_SCENARIO, rng: int | str = DEFAULT_SEED,
                 compare: bool = False, scenario: object = None,
                 whatif: tuple[dict, ...] = (), **params) -> None:
        del scenario  # Mesa's own Scenario object (passed on Reset): not used
        seed, self.seed_note = parse_seed(rng)
        overrides = {k: clamp(k, v) for k, v in params.items()}
        self.init_kwargs = {"scenario_name": scenario_name, "rng": rng, "compare": compare,
                            **params}  # the controls, to restart with other what-if events
        self.whatif, self.whatif_note = tuple(whatif), ""
        own = None
        if self.whatif:
            try:
                own = load_whatif(scenario_name, list(self.whatif))
            except InputError as exc:  # e.g. another world without the events' actors
                self.whatif, self.whatif_note = (), f"what-if events not applied: {exc.field}: " \
                    f"{exc.message}"
        own = own or load_scenario(scenario_name)
        # Relations are kept for the downloads unless the world is large (memory: 6 × months
        # × n² floats, ≈ 85 MB at 80 economies).
        super().__init__(own, rng=seed, record_relations=own.world.n <= RELATIONS_MAX_STATES,
                         **overrides)
        self.scenario_name = scenario_name
        self.overrides = overrides
        self.twin: AllianceModel | None = None
        twin = scenario_name if self.whatif else counterpart(scenario_name) if compare else None
        if twin is not None:
            self.twin = AllianceModel(twin, rng=seed, record_relations=False, **overrides)
        self.step()  # simulate the first month

    def step(self) -> None:
        super().step()
        if self.twin is not None and not self.twin.finished:
            self.twin.step()
        self.running = not self.finished


def session_class(events) -> type[VizModel]:
    """A VizModel whose what-if events are the current value of ``events`` (a browser
    session's ``solara.Reactive[list[dict]]``, or anything with ``.value``)."""

    class SessionVizModel(VizModel):
        def __init__(self, **controls) -> None:
            controls.pop("whatif", None)
            super().__init__(whatif=tuple(events.value), **controls)

    return SessionVizModel
