"""Who leaves and when, on a scripted mini-world with sectors: sector, home, home pressure,
the host's exit barriers and the bounded idle cost each move exits by the stated rule.

OBS and HUB each own 10 firms in each of three sectors in AGG (sunk share 0.5). Only sanctions
(and, where said, home pressure) move stress; tolerance τ = 0.6 for every firm. Sectors:
finance e^S 1.5, π 0; machinery e^S 1, π 0.1; food e^S 0.5, e^P 1.2, π 0.3. OBS sanctions
AGG at 0.9, HUB at 0.5, from 2001-01. A suspended firm sells in the first month with
-w_x·x - (τ + π - s) + min(c·m, c̄) > μ (w_x 0.6, μ 0.2, c 0.023), m = months idle: a
firm suspended in 2001-01 with m = M when it sells exits M + 1 months later (no delay).
"""

import shutil

import numpy as np
import pytest

from agents.firm import FirmStatus
from model.model import AllianceModel
from model.scenario import load_scenario
from tests.conftest import FIXTURES, write_scenario

SCRIPTED = dict(firm_tolerance_sd=0.0, firm_tolerance_mean=0.6, firm_sanction_weight=1.0,
                firm_ban_weight=0, firm_ally_weight=0, firm_demand_weight=0,
                firm_threat_weight=0, firm_pressure_weight=0.5, firm_war_weight=0,
                firm_peer_weight=0, firm_idle_cost=0.023, firm_idle_cost_cap=10.0,
                firm_exit_cost_weight=0.6, firm_exit_margin=0.2, firm_sale_wait_discount=0.0,
                sanction_adjust_rate=0.0, pressure_threat_weight=0.0,
                pressure_ally_weight=0.0)
SECTORS = """sector,sanction_exposure,pressure_exposure,stay_profit,source_id,note
finance,1.5,1.0,0.0,test,
machinery,1.0,1.0,0.1,test,
food,0.5,1.2,0.3,test,
"""


@pytest.fixture
def world(tmp_path):
    """The mini-world with 2 × 3 × 10 firms and a sectors table; returns a scenario writer."""
    folder = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", folder)
    rows = ["id,name,home,host,sector,weight,employees,sunk_share,count,source_id,note"]
    for home in ("OBS", "HUB"):
        for sector in ("finance", "machinery", "food"):
            rows.append(f"{home.lower()}_{sector},{home} {sector},{home},AGG,{sector},1,100,"
                        "0.5,10,test,")
    (folder / "firms.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "sectors.csv").write_text(SECTORS, encoding="utf-8")

    def scenario(extra: str = "", name: str = "s.toml"):
        text = f'world = "{folder}"\nend = "2004-12"\n'
        for sender, level in (("OBS", 0.9), ("HUB", 0.5)):
            text += (f'[[add]]\nid = "s_{sender}"\ndate = "2001-01"\ntype = "sanctions"\n'
                     f'senders = ["{sender}"]\ntarget = "AGG"\nintensity = {level}\n'
                     'note = "test"\n')
        return write_scenario(tmp_path, text + extra, name)

    return scenario


def _run(path, **params):
    return AllianceModel(load_scenario(path), rng=5, params={**SCRIPTED, **params}).run()


def _exits(m) -> dict[str, str | None]:
    """Exit month of each (home, sector) cell (all its 10 firms move together; τ sd = 0)."""
    out = {}
    for k, fid in enumerate(m.world.firms.ids):
        cell = fid.rsplit("_", 1)[0]
        ex = m.firms.exit_month[k]
        month = None if ex < 0 else f"{ex // 12}-{ex % 12 + 1:02d}"
        assert out.setdefault(cell, month) == month
    return out


def test_exit_timing_differs_by_sector_and_by_home(world):
    """OBS: finance s = 1.35, v = -0.75 → suspends 2001-01, sells at once (m = 0): 2001-02;
    machinery s = 0.9, v = -0.2 → 0.023·m > 0.3 at m = 14: 2002-04; food s = 0.45 < τ + π =
    0.9 → stays. HUB: finance s = 0.75, v = -0.15 → m = 16: 2002-06; machinery (0.5 < 0.7)
    and food stay."""
    m = _run(world())
    assert _exits(m) == {"obs_finance": "2001-02", "obs_machinery": "2002-04",
                         "obs_food": None, "hub_finance": "2002-06",
                         "hub_machinery": None, "hub_food": None}
    food = [k for k, f in enumerate(m.world.firms.ids) if "food" in f]
    assert (m.firm_status[:, food] == FirmStatus.OPERATING).all()


def test_raising_the_homes_pressure_raises_its_exits(world):
    """HUB presses its firms to leave AGG (P = 0.9 from 2001-01, w_p 0.5): machinery s = 0.5 +
    0.45 = 0.95, v = -0.25 → sells at m = 11 (2002-01); finance s = 1.2, v = -0.6 → at once
    (2001-02); food s = 0.25 + 1.2·0.45 = 0.79 < 0.9 stays. HUB exits by 2004-12: 10 → 20.
    OBS's firms do not move."""
    press = ('[[add]]\nid = "press"\ndate = "2001-01"\ntype = "press_firms"\nhome = "HUB"\n'
             'hosts = ["AGG"]\nlevel = 0.9\nnote = "test"\n')
    base, pressed = _run(world()), _run(world(press, "p.toml"))
    hub = np.array([f.startswith("hub") for f in base.world.firms.ids])
    assert (base.firm_status[-1, hub] == FirmStatus.EXITED).sum() == 10
    assert (pressed.firm_status[-1, hub] == FirmStatus.EXITED).sum() == 20
    exits = _exits(pressed)
    assert exits["hub_finance"] == "2001-02" and exits["hub_machinery"] == "2002-01"
    assert exits["hub_food"] is None
    assert {k: v for k, v in exits.items() if k.startswith("obs")} == {
        k: v for k, v in _exits(base).items() if k.startswith("obs")}


def test_host_exit_barriers_delay_and_prevent_exits(world):
    """AGG's exit rules from 2000-06 (δ 0.5, κ 0.1): x = 1 - 0.5·0.5·0.9 = 0.775, so OBS
    machinery needs 0.023·m > 0.6·0.775 = 0.465: m = 21, 2002-11 (2002-04 without). Adding
    a seizure risk q = 0.5: x = 0.8875, 0.023·m > 0.5325, m = 24, 2003-02. With the idle cost capped
    at 0.3 (< 0.465) it never sells. Losses follow the terms (δ, κ), not the priced risk."""
    rules = ('[[add]]\nid = "rules"\ndate = "2000-06"\ntype = "exit_rules"\nhost = "AGG"\n'
             'discount = 0.5\ncontribution = 0.1\ndelay_months = 0\n{extra}note = "test"\n')
    ruled = _run(world(rules.format(extra=""), "r.toml"))
    assert _exits(ruled)["obs_machinery"] == "2002-11"
    seized = _run(world(rules.format(extra="seizure = 0.5\n"), "q.toml"))
    assert _exits(seized)["obs_machinery"] == "2003-02"
    capped = _run(world(rules.format(extra=""), "c.toml"), firm_idle_cost_cap=0.3)
    assert _exits(capped)["obs_machinery"] is None
    ft, fs = ruled.world.firms, ruled.firms
    k = ft.ids.index("obs_machinery_001")
    assert fs.loss[k] == pytest.approx(fs.assets_before_exit[k] * (1 - 0.5 * 0.5 * 0.9))


def test_an_approval_delay_postpones_the_sale_and_lowers_its_value(world):
    """A 12-month approval at ρ = 0.02 a month: x = 1 - 0.5·0.98^12 = 0.6076, so OBS machinery
    decides at 0.023·m > 0.6·0.6076 - 0.2 + 0.2 = 0.3646: m = 16 (2002-06 instead of
    2002-04 without the delay), and the sale completes 12 months later: 2003-06."""
    rules = ('[[add]]\nid = "rules"\ndate = "2000-06"\ntype = "exit_rules"\nhost = "AGG"\n'
             'discount = 0\ncontribution = 0\ndelay_months = 12\nnote = "test"\n')
    m = _run(world(rules, "d.toml"), firm_sale_wait_discount=0.02)
    assert _exits(m)["obs_machinery"] == "2003-06"


def test_the_idle_cost_is_bounded_so_idle_plants_stay(world):
    """With c̄ = 0.25 < 0.3, OBS machinery (v = -0.2) never sells: it stays suspended, its
    plant idle, to the end of the run (2004-12) instead of exiting in 2002-04."""
    m = _run(world(), firm_idle_cost_cap=0.25)
    k = [i for i, f in enumerate(m.world.firms.ids) if f.startswith("obs_machinery")]
    assert (m.firm_status[-1, k] == FirmStatus.SUSPENDED).all()
    assert _exits(m)["obs_finance"] == "2001-02"  # deep in the red: sells regardless
