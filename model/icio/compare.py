"""Side by side: alliancesim on the ``icio`` world and sanction-simulator on the same table,
for the peer's three embargo cases on Russia. ``python -m model.icio compare`` (or
``alliancesim world compare``) runs both here and writes ``docs/comparison.md``.

Both are read the same way: Russia's trade = its exports plus imports with the other 79
economies (intermediate flows; the peer's network has no other kind). Loss = 1 − trade after /
trade in the no-shock reference; the deflected share = trade gained with non-coalition
economies / trade lost with the coalition (the calibration target's definition, on exports plus
imports). Ours is a monthly trajectory against ``icio_baseline`` (paired seeds); the peer's is
its static solution at its baseline parameters (τ 0.30, δ 0.10, ρ = ϱ = −1)."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass

import numpy as np

from model.icio.politics import COALITION

CASES = (("icio_embargo_full", "full embargo", COALITION, True),
         ("icio_embargo_full_no_kor", "full embargo without KOR",
          tuple(c for c in COALITION if c != "KOR"), True),
         ("icio_export_ban", "export ban only", COALITION, False))
SEEDS = (1, 2, 3)
SETTLE = 0.01  # steady state: the loss stays within 1 point of its final value


@dataclass
class Result:
    case: str
    loss: float  # Russia's trade loss at the end (ours: 2030-12; peer: the solution)
    loss_first_year: float | None  # ours: 2022-12
    chn_before: float
    chn_after: float
    deflected: float
    months_to_steady: int | None
    wall_s: float
    coalition_cut: float  # share of Russia's trade with the coalition that is lost
    third_states: tuple[str, ...] = ()  # ours: non-coalition states newly sanctioning RUS


def _metrics(c0: np.ndarray, c1: np.ndarray, r: int, chn: int, senders: list[int]):
    """Loss, China's share before/after and the deflected share from two country matrices."""
    t0, t1 = c0[r].sum() + c0[:, r].sum(), c1[r].sum() + c1[:, r].sum()
    both0, both1 = c0[r] + c0[:, r], c1[r] + c1[:, r]
    mask = np.zeros(len(both0), dtype=bool)
    mask[senders] = True
    lost = (both0[mask] - both1[mask]).sum()
    gained = (both1[~mask] - both0[~mask]).sum()
    return (1.0 - t1 / t0, both0[chn] / t0, both1[chn] / t1,
            gained / lost if lost > 0 else float("nan"), lost / both0[mask].sum())


def ours() -> tuple[list[Result], float]:
    """Our runs with single-threaded BLAS, as sweep workers run (experiments/executor.py)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        return _ours()


def run_scenario(scenario, seed: int, *, end: str | None = None):
    """One run of a scenario (name or Scenario) with every relation recorded."""
    from model.model import AllianceModel

    return AllianceModel(scenario, rng=seed, end=end).run()


def _ours() -> tuple[list[Result], float]:
    from model.scenario import load_scenario

    base_sc = load_scenario("icio_baseline")
    for name in ("icio_baseline", *(c[0] for c in CASES)):  # compile outside the timings
        run_scenario(name, 1, end="2022-05")
    t = time.perf_counter()
    base_rel = {s: run_scenario(base_sc, s).relations for s in SEEDS}
    bases = {s: rel[3] for s, rel in base_rel.items()}
    base_wall = (time.perf_counter() - t) / len(SEEDS)
    w = base_sc.world
    r, chn = w.index("RUS"), w.index("CHN")
    out = []
    for name, label, senders, _full in CASES:
        sc = load_scenario(name)
        idx = [w.index(c) for c in senders]
        rows, walls = [], []
        for s in SEEDS:
            t = time.perf_counter()
            rel = run_scenario(sc, s).relations
            walls.append(time.perf_counter() - t)
            x = rel[3]
            new = (rel[2][-1][:, r] >= 0.1) & (base_rel[s][2][-1][:, r] < 0.1)
            new[[*idx, r]] = False
            third = {w.codes[k] for k in np.flatnonzero(new)}
            xb = bases[s]
            traj = [_metrics(xb[k], x[k], r, chn, idx)[0] for k in range(len(x))]
            end = _metrics(xb[-1], x[-1], r, chn, idx)
            shock = 2  # 2022-03 is month index 2
            settle = next(k for k in range(len(traj)) if all(
                abs(v - traj[-1]) <= SETTLE for v in traj[k:]))
            rows.append((end[0], traj[11], third, end, settle - shock))
        ends = np.array([row[3] for row in rows])
        t0 = bases[SEEDS[0]][0]
        out.append(Result(label, float(ends[:, 0].mean()), float(np.mean([x[1] for x in rows])),
                          float((t0[r, chn] + t0[chn, r]) / (t0[r].sum() + t0[:, r].sum())),
                          float(ends[:, 2].mean()), float(ends[:, 3].mean()),
                          int(max(x[4] for x in rows)), float(np.mean(walls)),
                          float(ends[:, 4].mean()),
                          tuple(sorted(set().union(*(x[2] for x in rows))))))
    return out, base_wall


def peer() -> tuple[list[Result], float]:
    """sanction-simulator's static solution for each case (one line and exit 2 without it)."""
    from model.icio.source import package_cache

    path, _ = package_cache()
    sys.path.insert(0, str(path.parent.parent))
    import power_trade_estimation as pte

    t = time.perf_counter()
    bench = pte.Benchmark(str(path.parent), cache=str(path))
    load_wall = time.perf_counter() - t
    s_, c_ = bench.S, bench.C
    r, chn = bench.cidx["RUS"], bench.cidx["CHN"]
    sec = np.repeat(np.arange(s_), c_)
    f0 = bench.flows().reshape(s_, c_, s_, c_).sum(axis=(0, 2))
    np.fill_diagonal(f0, 0.0)
    out = []
    for _name, label, senders, full in CASES:
        idx = [bench.cidx[c] for c in senders]
        legs = [leg for k in idx for leg in (
            pte.bilateral_legs(r, k) if full else pte.directional_legs(r, k))]
        t = time.perf_counter()
        sb = pte.ScenarioBatch(bench, [legs], pte.TAU_BASE, pte.DELTA_BASE)
        sb.balance()
        res = sb.solve(pte.RHO_BASE)
        wall = time.perf_counter() - t
        ahat, _ct, _rt = pte.dense_disrupted(bench, legs, pte.TAU_BASE, pte.DELTA_BASE)
        aw = sb.u[0].reshape(-1)[:, None] * ahat * sb.v[0][sec, :]
        x, h = res["s_omega"][0], res["h_omega"][0]
        f1 = (h[:, None] * aw * (bench.omb * x)[None, :]).reshape(s_, c_, s_, c_).sum(
            axis=(0, 2))
        np.fill_diagonal(f1, 0.0)
        loss, b, a, d, cut = _metrics(f0, f1, r, chn, idx)
        out.append(Result(label, float(loss), None, float(b), float(a), float(d), None, wall,
                          float(cut)))
    return out, load_wall
