"""The default world's trade history under the dated events of issue 14: the DPRK's border
closure, the UN regime binding every member, and the Western export controls of 2022 feeding
the third-country channel. Each test removes the events in a scenario file of its own and
compares paired runs (same seed, same parameters)."""

import numpy as np
import pytest

from model.model import AllianceModel
from model.scenario import load_scenario
from tests.conftest import write_scenario


def _scenario(tmp_path, name, tags, end):
    """Baseline without the events of ``tags``, to ``end``."""
    removed = ", ".join(f'"{t}"' for t in tags)
    return load_scenario(write_scenario(
        tmp_path, f'name = "{name}"\ndescription = "test"\nextends = "baseline"\n'
                  f'end = "{end}"\n[remove]\ntags = [{removed}]\n', f"{name}.toml"))


def _yearly(m, a, b, year):
    """Turnover a-b in a year (USD bn), from the recorded relations."""
    k0 = year * 12 - m.start_month
    x = m.relations[3][k0:k0 + 12]
    i, j = m.world.index(a), m.world.index(b)
    return float((x[:, i, j] + x[:, j, i]).mean())


@pytest.fixture(scope="module")
def closure_runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("closure")
    base = AllianceModel(load_scenario("baseline", end="2021-12"), rng=3).run()
    open_ = AllianceModel(_scenario(tmp, "open", ["prk_border"], "2021-12"), rng=3).run()
    return base, open_


def test_the_dprk_border_closure_cuts_its_trade_with_everyone_from_2020(closure_runs):
    base, open_ = closure_runs
    for partner in ("CHN", "RUS"):
        assert _yearly(base, "PRK", partner, 2019) == pytest.approx(
            _yearly(open_, "PRK", partner, 2019), rel=1e-12)  # nothing before the closure
        assert _yearly(base, "PRK", partner, 2021) < 0.2 * _yearly(open_, "PRK", partner, 2021)


def test_the_un_regime_leaves_the_dprk_no_outlet_in_the_rest_of_the_world(closure_runs):
    base, _ = closure_runs
    # every UN member applies the 2017 bans: the DPRK's lost Chinese trade is not rerouted
    # to the rest of the world, whose own trade with it shrinks instead
    assert _yearly(base, "PRK", "ROW", 2019) < 0.6 * _yearly(base, "PRK", "ROW", 2016)
    assert _yearly(base, "PRK", "CHN", 2019) / sum(
        _yearly(base, "PRK", c, 2019) for c in base.world.codes if c != "PRK") > 0.8


def test_western_export_controls_feed_the_third_country_channel(tmp_path):
    base = AllianceModel(load_scenario("baseline", end="2023-12"), rng=3).run()
    none = AllianceModel(_scenario(tmp_path, "no_west_controls", ["west_export_controls"],
                                   "2023-12"), rng=3).run()
    row, rus = base.world.index("ROW"), base.world.index("RUS")
    k = 2023 * 12 - base.start_month
    via_base = base.relations[3][k:k + 12, row, rus].mean()
    via_none = none.relations[3][k:k + 12, row, rus].mean()
    assert via_base > via_none * 1.02  # parallel imports through the rest of the world
    assert np.array_equal(base.relations[3][:k - 12 * 2], none.relations[3][:k - 12 * 2])


def test_the_un_coal_ban_resells_the_dprks_coal_to_no_member(closure_runs):
    """The coal cap (Nov 2016) and ban (Aug 2017) bind every UN member alike: embargoes are
    nested, so no importer offers an outlet. (When the banned volume went to every importer
    by its unbanned capacity, the DPRK's exports to the US rose fivefold in 2017.)"""
    base, _ = closure_runs
    prk = base.world.index("PRK")

    def exports_to(code, year):
        k0 = year * 12 - base.start_month
        return float(base.relations[3][k0:k0 + 12, prk, base.world.index(code)].mean())

    for code in ("USA", "JPN", "KOR", "EU", "CHN", "ROW"):
        assert exports_to(code, 2017) <= exports_to(code, 2016) * 1.02, code
