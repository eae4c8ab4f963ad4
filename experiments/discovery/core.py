"""Scenario discovery: in which region of the sampled inputs does a claim hold?

``alliancesim discover DIR --claim H2`` takes each design point of a stored paired sweep, its
paired effect (treatment − control, same seeds, averaged over replicates) at one date and
its sampled inputs; marks the points where the claim holds (claimed sign, beyond
``--threshold``) or, with ``--contradicted``, where it is contradicted; and finds boxes in
the input space with the EMA Workbench's PRIM and CART (Bryant & Lempert 2010). It works on
any design whose varied inputs are recorded per design point (lhs, sobol, grid, morris, and
prior/posterior designs when they exist) and never runs or imports the model.

Written to ``DIR/discovery/<claim>-<metric>-<date>-<holds|contradicted>/``: ``points.csv``,
``prim_trajectory.csv``, ``prim_box.csv`` (limits and quasi-p-values), ``cart_leaves.csv``,
``cart_tree.txt``, ``summary.json``, ``report.md`` and the figures (peeling trade-off, box
limits, CART tree). Same sweep and settings (``--seed``) → byte-identical files.
"""

from __future__ import annotations

import contextlib
import json
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from experiments.analysis import ZERO, applicable_hypotheses, paired_effects
from experiments.claims import spec_claims
from experiments.discovery import METHODS
from experiments.results import load_results, read_manifest, read_spec
from model.errors import InputError

FORMATS = ("png", "pdf")


@dataclass(frozen=True)
class Settings:
    claim: str
    date: str | None = None  # YYYY-MM; default: the last analysis date recorded
    metric: str | None = None  # default: the claim's first recorded metric
    methods: tuple[str, ...] = METHODS
    threshold: float = 0.0  # a point is a case if sign × effect > threshold
    contradicted: bool = False  # cases: sign × effect < −threshold instead
    min_coverage: float = 0.5  # PRIM box: the densest with at least this coverage ...
    max_qp: float = 0.05  # ... less its limits whose quasi-p-value exceeds this
    mass_min: float = 0.05
    peel_alpha: float = 0.05
    paste_alpha: float = 0.05
    depth: int = 4  # CART: maximum depth
    prune: float = 0.002  # CART: cost-complexity pruning (sklearn's ccp_alpha)
    seed: int = 0  # CART: sklearn's tie-breaking between equally good splits


@contextlib.contextmanager
def quiet_ema():
    """Silence the EMA Workbench's import note (no ipyparallel) and the pandas deprecation
    warnings its own code raises; nothing else."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="ipyparallel not installed",
                                category=UserWarning)
        for cat in (DeprecationWarning, FutureWarning):
            warnings.filterwarnings("ignore", category=cat, module="ema_workbench")
        yield


def load_points(out: Path, s: Settings) -> tuple[pd.DataFrame, dict]:
    """One row per design point: its varied inputs, mean paired effect, replicates and
    ``case``; and a description of the case. Raises InputError on what discovery refuses."""
    out = Path(out)
    man = read_manifest(out)
    try:
        spec = read_spec(out)
    except FileNotFoundError:
        raise InputError(out, "experiment.toml", "not a sweep directory") from None
    an = spec.get("analysis", {})
    treat, ctrl = an.get("treatment"), an.get("control")
    if not (treat and ctrl):
        raise InputError(out, "analysis", "discovery needs a paired sweep ([analysis] "
                         "treatment and control)")
    df = load_results(out)
    params = list(man.get("parameters", []))
    design = df.drop_duplicates("design_index")[["design_index", *params]]
    varied = [p for p in params if design[p].nunique() > 1]
    if len(varied) < 2:
        raise InputError(out, "design", f"discovery needs at least two varied inputs; this "
                         f"{man.get('design', 'none')} design varies {len(varied)} "
                         f"({', '.join(varied) or 'none'})")
    known = {h.id: h for h in spec_claims(spec)}
    if s.claim not in known:
        raise InputError("--claim", s.claim, f"no such claim (claims: {', '.join(known)})")
    recorded = [h.id for h in applicable_hypotheses(spec, man, treat, df.columns)]
    if s.claim not in recorded:
        raise InputError(out, "--claim", f"{s.claim} was not recorded in this sweep "
                         f"(recorded: {', '.join(recorded) or 'none'})")
    h = known[s.claim]
    metrics = [m for m in h.metrics if m in df]
    metric = s.metric or metrics[0]
    if metric not in metrics:
        raise InputError(out, "--metric", f"{s.claim} is measured here by "
                         f"{', '.join(metrics)}, not {metric}")
    dates = sorted({f"{d:%Y-%m}" for d in df["date"]})
    wanted = [d for d in an.get("dates", []) if d in dates]
    date = s.date or (wanted[-1] if wanted else dates[-1])
    if date not in dates:
        raise InputError(out, "--date", f"{date} was not recorded (recorded: "
                         f"{', '.join(dates)})")
    eff = paired_effects(df, treat, ctrl, metric, pd.Timestamp(f"{date}-01"))
    per = eff.groupby("design_index")["effect"].agg(effect="mean", replicates="count")
    points = design[["design_index", *varied]].merge(per.reset_index(), on="design_index")
    points = points.sort_values("design_index", ignore_index=True)
    signed = h.sign * points["effect"].to_numpy()
    cut = max(s.threshold, ZERO)
    points["case"] = signed < -cut if s.contradicted else signed > cut
    case = {"claim": h.id, "text": h.claim, "sign": h.sign, "metric": metric, "date": date,
            "target": "contradicted" if s.contradicted else "holds",
            "treatment": treat, "control": ctrl, "inputs": varied,
            "experiment": man.get("experiment", out.name),
            "design": man.get("design", "none"), "replicates": man.get("replicates"),
            "n_points": len(points), "n_cases": int(points["case"].sum())}
    case["name"] = f"{h.id}-{metric}-{date}-{case['target']}"
    return points, case


def run_prim(x: pd.DataFrame, y: np.ndarray, s: Settings) -> tuple[pd.DataFrame, dict,
                                                                     pd.DataFrame]:
    """EMA PRIM's first box. Returns its trajectory (``kind`` "peel" for the peeling and
    pasting boxes, "drop" for boxes made by dropping limits); the reported box (``id``, the
    box it was made ``from``, the inputs whose limits were ``dropped``); and that box's
    restricted inputs with limits and quasi-p-values. The reported box: the densest on the
    trajectory with coverage ≥ ``min_coverage`` (ties: fewer restricted inputs, then
    earlier), less, one at a time, the restriction whose largest quasi-p-value exceeds
    ``max_qp`` most (Bryant & Lempert 2010), via EMA's ``drop_restriction``."""
    with quiet_ema():
        from ema_workbench.analysis.prim import Prim

        box = Prim(x, y, peel_alpha=s.peel_alpha, paste_alpha=s.paste_alpha,
                   mass_min=s.mass_min).find_box()
        peeled = len(box.peeling_trajectory)
        t = box.peeling_trajectory
        ok = t[t["coverage"] >= s.min_coverage]
        chosen = first = int(ok.sort_values(["density", "res_dim", "id"],
                                            ascending=[False, True, True],
                                            kind="stable")["id"].iloc[0])
        dropped = []
        while box.p_values[chosen]:
            worst, u = max((_worst(lim), u) for u, lim in box.p_values[chosen].items())
            if worst <= s.max_qp:
                break
            box.drop_restriction(u, i=chosen)
            dropped.append(u)
            chosen = len(box.peeling_trajectory) - 1
    cols = ["id", "coverage", "density", "mass", "res_dim", "n", "k"]
    traj = box.peeling_trajectory[cols].astype({"id": int, "res_dim": int, "n": int,
                                                "k": int})
    traj["max_qp"] = [_worst([v for q in box.p_values[i].values() for v in q])
                      for i in traj["id"]]
    traj["kind"] = np.where(traj["id"] < peeled, "peel", "drop")
    lims, init, qp = box.box_lims[chosen], box.box_lims[0], box.p_values[chosen]
    rows = [{"input": u, "sampled_lo": float(init[u].iloc[0]),
             "sampled_hi": float(init[u].iloc[1]), "box_lo": float(lims[u].iloc[0]),
             "box_hi": float(lims[u].iloc[1]),
             "qp_lo": float(qp[u][0]) if qp[u][0] >= 0 else np.nan,
             "qp_hi": float(qp[u][1]) if qp[u][1] >= 0 else np.nan} for u in qp]
    limits = pd.DataFrame(rows, columns=["input", "sampled_lo", "sampled_hi", "box_lo",
                                         "box_hi", "qp_lo", "qp_hi"])
    order = limits[["qp_lo", "qp_hi"]].min(axis=1).fillna(1.0)
    limits = limits.iloc[np.lexsort((limits["input"], order))].reset_index(drop=True)
    return traj, {"id": chosen, "from": first, "dropped": dropped}, limits


def _worst(qps) -> float:
    """The largest quasi-p-value among a box's restricted limits (EMA marks a free one −1)."""
    return max((float(v) for v in qps if v >= 0), default=0.0)


def fit_cart(x: pd.DataFrame, y: np.ndarray, s: Settings):
    """EMA CART (its boxes and statistics) on a tree grown as its ``build_tree`` does (leaves
    of at least ``mass_min`` of the points), with a maximum depth, cost-complexity pruning
    (so that splits which only chase a few points are cut) and a fixed random state."""
    from sklearn.tree import DecisionTreeClassifier

    with quiet_ema():
        from ema_workbench.analysis.cart import CART

        cart = CART(x, y, mass_min=s.mass_min)
    cart.clf = DecisionTreeClassifier(min_samples_leaf=max(1, int(s.mass_min * len(y))),
                                      max_depth=s.depth, ccp_alpha=s.prune,
                                      random_state=s.seed)
    cart.clf.fit(x.to_numpy(), y)
    return cart


def run_cart(x: pd.DataFrame, y: np.ndarray, s: Settings) -> tuple[pd.DataFrame, str]:
    """CART's leaves (rule, points, coverage, density, mass), densest first; the tree text."""
    from sklearn.tree import export_text

    cart = fit_cart(x, y, s)
    if cart.clf.get_n_leaves() == 1:  # pruned to its root (EMA's boxes need a split)
        boxes = [pd.DataFrame([x.min(), x.max()])]
        stats = [{"coverage": 1.0, "density": float(y.mean()), "mass": 1.0, "res dim": 0}]
    else:
        with quiet_ema():
            boxes, stats = cart.boxes, cart.stats
    lo, hi = x.min(), x.max()
    rows = []
    for leaf, (b, st) in enumerate(zip(boxes, stats, strict=True)):
        parts = [f"{u} > {b[u].iloc[0]:.4g}" for u in x if b[u].iloc[0] > lo[u]]
        parts += [f"{u} ≤ {b[u].iloc[1]:.4g}" for u in x if b[u].iloc[1] < hi[u]]
        rows.append({"leaf": leaf, "rule": " and ".join(parts) or "(all points)",
                     "n": round(st["mass"] * len(y)), "coverage": st["coverage"],
                     "density": st["density"], "mass": st["mass"],
                     "res_dim": int(st["res dim"])})
    leaves = pd.DataFrame(rows).sort_values(["density", "mass", "leaf"],
                                            ascending=[False, False, True], kind="stable")
    text = export_text(cart.clf, feature_names=list(x.columns), decimals=4, show_weights=True)
    return leaves.reset_index(drop=True), text


def discover(out: Path, s: Settings, formats=FORMATS, log=lambda _m: None, draw=None
             ) -> tuple[Path, str]:
    """Run discovery on the sweep in ``out``; write the case directory; return it and the
    report text. Nothing is written if the input is refused. ``log`` gets progress lines;
    ``draw(src, dest, formats)`` draws the case's figures (the CLI passes
    :func:`experiments.figures.discovery.draw_case`; analysis does not import figures)."""
    from experiments.discovery.report import report
    from experiments.store import atomic_dir

    points, case = load_points(out, s)
    x = points[case["inputs"]].astype(float)
    y = points["case"].to_numpy(dtype=bool)
    found = 0 < case["n_cases"] < len(points)
    dest = Path(out) / "discovery" / case["name"]
    summary = {"case": case, "settings": asdict(s)}
    log(f"discover: {case['name']}: {case['n_cases']} of {len(points)} design points are "
        f"cases; {' and '.join(m.upper() for m in s.methods) if found else 'no boxes'} ...")
    with atomic_dir(dest) as tmp:
        _csv(points, tmp / "points.csv")
        if found and "prim" in s.methods:
            traj, chosen, limits = run_prim(x, y, s)
            _csv(traj, tmp / "prim_trajectory.csv")
            _csv(limits, tmp / "prim_box.csv")
            row = traj.drop(columns="kind").iloc[[chosen["id"]]].to_dict("records")[0]
            summary["prim"] = {**row, **chosen}
        if found and "cart" in s.methods:
            leaves, text = run_cart(x, y, s)
            _csv(leaves, tmp / "cart_leaves.csv")
            (tmp / "cart_tree.txt").write_text(text, encoding="utf-8")
            summary["cart"] = {"leaves": len(leaves)}
        (tmp / "summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True)
                                          + "\n", encoding="utf-8")
        text = report(tmp, summary)
        (tmp / "report.md").write_text(text, encoding="utf-8")
        if found and draw is not None:
            draw(tmp, tmp, formats)
    return dest, text


def _csv(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, lineterminator="\n", float_format="%.10g")
