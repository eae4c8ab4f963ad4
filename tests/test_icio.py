"""The 80-economy ICIO world: its flows against the source table's aggregates (the committed
extract always; the installed sanction-simulator when present), loading, and refusals."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from model.errors import InputError
from model.icio import source
from model.icio.build import AGGREGATES
from model.world import WORLDS_DIR, load_world

ICIO = WORLDS_DIR / "icio"


def committed_aggregates(path: Path = AGGREGATES) -> tuple[str, dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    sha = lines[0].split("sha256 ")[1].strip()
    out: dict = {}
    for r in csv.DictReader(lines[1:]):
        out[(r["kind"], r["source"], r["target"])] = float(r["value_usd_bn"])
    return sha, out


def rows_of(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def world():
    return load_world("icio")


def test_world_loads_80_economies(world):
    assert world.n == 80 and "RUS" in world.codes and "CHN" in world.codes
    assert world.start_month == 2022 * 12 and world.base_year == 2022
    assert not world.passive.any()
    assert world.prices["oil"][2022] > 0  # the energy split has a base-year price
    assert set(world.groups["west"]) >= {world.index(c) for c in ("USA", "DEU", "KOR", "ISL")}


def test_flows_match_source_aggregates(world):
    sha, agg = committed_aggregates()
    assert len(sha) == 64
    ex, im = world.exports0.sum(axis=1), world.exports0.sum(axis=0)
    # rows rounded to 0.001 bn and pairs under 0.0005 bn dropped: ≤ 79 × 0.0005 per total
    for i, c in enumerate(world.codes):
        assert ex[i] == pytest.approx(agg[("exports", c, "")], abs=0.04), c
        assert im[i] == pytest.approx(agg[("imports", "", c)], abs=0.04), c
        assert world.gdp0[i] == pytest.approx(agg[("gdp", c, "")], abs=0.05), c
    for a, b in source.CHECK_CELLS:
        assert world.exports0[world.index(a), world.index(b)] == pytest.approx(
            agg[("cell", a, b)], abs=0.0006)
    assert sum(v for (k, _, _), v in agg.items() if k == "exports") == pytest.approx(
        world.exports0.sum(), rel=1e-5)


def test_sources_cite_the_checksum_and_licence():
    sha, _ = committed_aggregates()
    rows = {r["id"]: r for r in rows_of(ICIO / "sources.csv")}
    assert sha in rows["sanction_simulator"]["note"]
    assert "MIT" in rows["sanction_simulator"]["title"]
    assert "CC BY 4.0" in rows["oecd_icio_2025"]["note"]


def test_every_actor_row_is_provenanced():
    for r in rows_of(ICIO / "actors.csv"):
        assert r["note"].startswith("estimate") and "oecd_icio_2025" in r["source_ids"]


def test_against_the_installed_package():
    pytest.importorskip("sanction_simulator")
    sha, agg = committed_aggregates()
    live = source.aggregate()
    assert live.sha256 == sha
    for i, c in enumerate(live.countries):
        assert live.flows[i].sum() == pytest.approx(agg[("exports", c, "")], abs=1e-5)
        assert live.flows[:, i].sum() == pytest.approx(agg[("imports", "", c)], abs=1e-5)
    assert np.all(live.energy <= live.flows + 1e-12)


def test_build_refuses_without_the_package(monkeypatch, tmp_path):
    monkeypatch.setattr(source.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(InputError, match="not installed"):
        source.package_cache()
    from model.icio.build import build

    with pytest.raises(InputError, match="not installed"):
        build(tmp_path / "w", tmp_path / "agg.csv")
    assert not (tmp_path / "w").exists()


def test_cli_bad_input_one_line_exit_2(tmp_path):
    bad = tmp_path / "x.npz"
    bad.write_bytes(b"not a table")
    with pytest.raises(InputError, match="not a readable"):
        source.aggregate(bad)
    p = subprocess.run([sys.executable, "-m", "model.icio", "nonsense"], capture_output=True,
                       text=True, check=False)
    assert p.returncode == 2


def test_metrics_on_a_small_matrix():
    from model.icio.compare import _metrics

    # 0 = RUS, 1 = CHN, 2 = a sender: RUS loses 10 with the sender, gains 4 with CHN
    c0 = np.array([[0, 10, 10], [5, 0, 0], [5, 0, 0]], float)
    c1 = np.array([[0, 14, 0], [5, 0, 0], [0, 0, 0]], float)
    loss, before, after, deflected, cut = _metrics(c0, c1, 0, 1, [2])
    assert loss == pytest.approx(1 - 19 / 30)
    assert (before, after) == (pytest.approx(15 / 30), pytest.approx(19 / 19))
    assert deflected == pytest.approx(4 / 15) and cut == pytest.approx(1.0)


@pytest.mark.parametrize("name", ["icio_embargo_full", "icio_export_ban"])
def test_embargo_scenarios_cut_coalition_trade(name):
    from experiments.runner import run_scenario
    from model.icio.politics import COALITION

    base = run_scenario("icio_baseline", 1, end="2022-08")
    case = run_scenario(name, 1, end="2022-08")
    w = base.world
    r, idx = w.index("RUS"), [w.index(c) for c in COALITION]
    xb, xc = base.relations[3][-1], case.relations[3][-1]
    assert xc[idx, r].sum() < 0.5 * xb[idx, r].sum()  # coalition → RUS falls
    if name == "icio_export_ban":
        assert xc[r, idx].sum() > 0.8 * xb[r, idx].sum()  # RUS's exports unrestricted


def test_viz_map_at_80_states():
    from viz import figures
    from viz.basemap import miller_y
    from viz.vizmodel import VizModel

    m = VizModel("icio_embargo_full", 1)
    m.step()
    lon0, lon1, lat0, lat1 = figures.map_extent(m.world)  # map coordinates (Miller)
    assert lat0 < miller_y(m.world.lat.min()) and lon1 > m.world.lon.max()  # NZL, AUS, ZAF
    xs, ys = figures.node_positions(m.world)
    assert ((xs > lon0) & (xs < lon1) & (ys > lat0) & (ys < lat1)).all()
    for layer in figures.LAYERS:
        panel = figures.NetworkPanel(m, layer)
        assert panel.render(m).startswith(b"\x89PNG")
        assert len(figures.edges(m, layer).pairs) <= figures.MAX_EDGES
    x0, x1, y0, y1 = figures.MAP_EXTENT
    assert figures.map_extent(load_world("default")) == pytest.approx(
        (x0, x1, miller_y(y0), miller_y(y1)))


def test_peer_reads_the_same_table(world):
    """The peer's benchmark network and the committed world give the same pre-shock share
    of China in Russia's trade (the peer's own flows use its solved output s, ours gross
    output: they differ by < 2% per node)."""
    pytest.importorskip("sanction_simulator")
    from model.icio import compare

    peer, _ = compare.peer()
    r, c = world.index("RUS"), world.index("CHN")
    x = world.exports0
    ours = (x[r, c] + x[c, r]) / (x[r].sum() + x[:, r].sum())
    assert [q.chn_before for q in peer] == pytest.approx([ours] * 3, abs=0.002)
    full, _no_kor, ban = peer
    assert full.loss > ban.loss > 0 and full.chn_after > full.chn_before
