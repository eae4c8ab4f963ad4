"""VizModel: the AllianceModel as SolaraViz drives it, with an optional paired twin.

SolaraViz re-creates the model on Reset as ``type(model)(**controls)``; Mesa also passes its
own ``scenario`` object then, which is not ours. So the scenario arrives as
``scenario_name`` and Mesa's ``scenario`` argument is ignored.

The page opens after the first month has been simulated (January 2013 for the default
world), so each Step shows the next month. With ``compare=True`` a twin model of the paired
scenario (:func:`viz.controls.counterpart`) with the same seed and parameters is stepped in
lock-step; its series are overlaid dashed.
"""

from __future__ import annotations

from model.model import AllianceModel
from viz.controls import DEFAULT_SCENARIO, DEFAULT_SEED, clamp, counterpart, parse_seed


class VizModel(AllianceModel):
    def __init__(self, scenario_name: str = DEFAULT_SCENARIO, rng: int | str = DEFAULT_SEED,
                 compare: bool = False, scenario: object = None, **params) -> None:
        del scenario  # Mesa's own Scenario object (passed on Reset): not used
        seed, self.seed_note = parse_seed(rng)
        overrides = {k: clamp(k, v) for k, v in params.items()}
        super().__init__(scenario_name, rng=seed, record_relations=False, **overrides)
        self.scenario_name = scenario_name
        self.overrides = overrides
        self.twin: AllianceModel | None = None
        twin = counterpart(scenario_name) if compare else None
        if twin is not None:
            self.twin = AllianceModel(twin, rng=seed, record_relations=False, **overrides)
        self.step()  # simulate the first month

    def step(self) -> None:
        super().step()
        if self.twin is not None and not self.twin.finished:
            self.twin.step()
        self.running = not self.finished
