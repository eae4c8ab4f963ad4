"""Figure family 9: scenario discovery (``alliancesim discover``) — PRIM's peeling trade-off
(coverage against density), the selected box's limits with quasi-p-values, and the CART tree.

Drawn from a case directory ``DIR/discovery/<case>/`` (its CSV files and ``summary.json``);
the tree is regrown from ``points.csv`` with the stored settings (deterministic).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap

from experiments.figures import style
from experiments.figures.data import Missing, Source

WHAT = "scenario discovery"


def draw(src: Source, out: Path, formats) -> list[Path]:
    """Every discovery case stored under ``SRC/discovery/`` (stems ``discovery_<case>_*``)."""
    cases = sorted(p.parent for p in (src.path / "discovery").glob("*/summary.json"))
    cases = [c for c in cases if (c / "points.csv").is_file()]
    if not cases:
        raise Missing(f"{WHAT}: needs a discovery result (run `alliancesim discover "
                      f"{src.path} --claim H2`)")
    paths: list[Path] = []
    for case in cases:
        paths += draw_case(case, out, formats, prefix=f"discovery_{case.name}_")
    return paths


def draw_case(case_dir: Path, out: Path, formats, prefix: str = "") -> list[Path]:
    summary = json.loads((Path(case_dir) / "summary.json").read_text(encoding="utf-8"))
    c = summary["case"]
    verb = "holds" if c["target"] == "holds" else "is contradicted"
    title = f"{c['claim']} {verb} · {c['metric']} at {c['date']}"
    src = (f"Source: experiment '{c['experiment']}' ({c['design']} design, {c['n_points']} "
           f"design points, {len(c['inputs'])} varied inputs); {c['claim']} {verb} in "
           f"{c['n_cases']} of them. Computed with the EMA Workbench (PRIM, CART) by "
           "`alliancesim discover`.")
    paths: list[Path] = []
    with style.figure_style():
        if "prim" in summary:
            paths += _tradeoff(case_dir, summary, out, formats, prefix, title, src)
            paths += _limits(case_dir, summary, out, formats, prefix, title, src)
        if "cart" in summary:
            paths += _tree(case_dir, summary, out, formats, prefix, title, src)
    return paths


def _tradeoff(case_dir, summary, out, formats, prefix, title, src) -> list[Path]:
    every = pd.read_csv(case_dir / "prim_trajectory.csv")
    traj = every[every["kind"] == "peel"]
    best = summary["prim"]["id"]
    fig = style.new_figure(style.COLUMN, 2.8)
    ax = fig.subplots()
    dims = sorted(traj["res_dim"].unique())
    colours = {d: style.OKABE_ITO[(i + 1) % len(style.OKABE_ITO)] for i, d in enumerate(dims)}
    ax.plot(traj["coverage"], traj["density"], color=style.LIGHT_GREY, lw=0.6, zorder=1)
    for d in dims:
        sub = traj[traj["res_dim"] == d]
        ax.scatter(sub["coverage"], sub["density"], s=9, color=colours[d], zorder=2,
                   label=f"{d} input{'' if d == 1 else 's'}", linewidths=0)
    b = every.iloc[best]
    ax.scatter([b["coverage"]], [b["density"]], s=60, facecolors="none",
               edgecolors=style.BLACK, linewidths=0.9, zorder=3)
    ax.annotate(f"box {best}: coverage {b['coverage']:.0%}, density {b['density']:.0%}",
                (b["coverage"], b["density"]), xytext=(-6, 8), textcoords="offset points",
                ha="right", fontsize=style.SMALL_PT)
    ax.axhline(traj["density"].iloc[0], color=style.GREY, lw=0.5, ls="--")
    ax.set(xlabel="coverage (share of all cases inside the box)",
           ylabel="density (share of the box's points that are cases)", title=title,
           xlim=(0, 1.02), ylim=(0, 1.02))
    ax.grid(True)
    ax.legend(title="restricted", loc="lower left")
    s = summary["settings"]
    return style.save(fig, out, f"{prefix}prim_tradeoff", formats, (
        f"PRIM peeling trajectory of {title}: each point is a box, from the whole sampled "
        "space (right) to the smallest box (left); colour: the number of restricted inputs; "
        f"dashed: the share of cases among all points; circled: the reported box {best}, the "
        f"densest with coverage ≥ {s['min_coverage']:.0%}, less its limits whose quasi-p-value "
        f"exceeded {s['max_qp']:g}.\n{src}"))


def _limits(case_dir, summary, out, formats, prefix, title, src) -> list[Path]:
    box = pd.read_csv(case_dir / "prim_box.csv")
    p = summary["prim"]
    fig = style.new_figure(style.COLUMN, 0.9 + 0.4 * max(len(box), 1))
    ax = fig.subplots()
    y = np.arange(len(box))
    span = (box["sampled_hi"] - box["sampled_lo"]).replace(0, 1)
    lo = (box["box_lo"] - box["sampled_lo"]) / span
    hi = (box["box_hi"] - box["sampled_lo"]) / span
    ax.barh(y, np.ones(len(box)), color=style.LIGHT_GREY, height=0.4)
    ax.barh(y, hi - lo, left=lo, color=style.BLUE, height=0.4)
    for i, r in enumerate(box.itertuples()):
        for x, v, ha in ((-0.02, r.sampled_lo, "right"), (1.02, r.sampled_hi, "left")):
            ax.text(x, i, f"{v:.3g}", ha=ha, va="center", fontsize=style.TINY_PT,
                    color=style.GREY)
        qp = [f"quasi-p {v:.2g}" for v in (r.qp_lo, r.qp_hi) if not np.isnan(v)]
        ax.text((lo[i] + hi[i]) / 2, i + 0.24, f"{r.box_lo:.3g} – {r.box_hi:.3g} "
                f"({', '.join(qp)})", ha="center", va="top", fontsize=style.TINY_PT)
    ax.set_yticks(y, box["input"])
    ax.set_xlim(-0.15, 1.15)
    ax.set_xticks([0, 0.5, 1], ["low", "", "high"])
    ax.set_ylim(len(box) - 0.25, -0.5)
    ax.set_xlabel("position in the sampled range")
    ax.set_title(f"{title}\nbox {p['id']}: coverage {p['coverage']:.0%}, density "
                 f"{p['density']:.0%}, mass {p['mass']:.0%}", loc="left")
    return style.save(fig, out, f"{prefix}prim_box", formats, (
        f"The PRIM box of {title}: for each restricted input, the sampled range (grey, its ends "
        "labelled) and the box's limits (blue), with the quasi-p-value of each restricted "
        "limit (Bryant & Lempert 2010: the smaller, the surer the limit). Coverage "
        f"{p['coverage']:.0%}, density {p['density']:.0%}, mass {p['mass']:.0%}.\n{src}"))


def _tree(case_dir, summary, out, formats, prefix, title, src) -> list[Path]:
    from sklearn.tree import plot_tree

    from experiments.discovery.core import Settings, fit_cart

    points = pd.read_csv(case_dir / "points.csv")
    s = summary["settings"]
    settings = Settings(**{**s, "methods": tuple(s["methods"])})
    x = points[summary["case"]["inputs"]].astype(float)
    clf = fit_cart(x, points["case"].to_numpy(dtype=bool), settings).clf
    leaves = int(clf.get_n_leaves())
    fig = style.new_figure(style.PAGE, 1.0 + 0.75 * clf.get_depth())
    ax = fig.subplots()
    anns = plot_tree(clf, ax=ax, feature_names=list(x.columns), impurity=False,
                     class_names=["other", "case"], proportion=False, rounded=True,
                     precision=3, fontsize=5)
    cmap = LinearSegmentedColormap.from_list("case", ["#FFFFFF", style.GREEN])
    value = clf.tree_.value[:, 0, :]
    share = value[:, 1] / value.sum(axis=1)
    boxed = [a for a in anns if a.get_bbox_patch() is not None]  # nodes, in id order
    for node, ann in enumerate(boxed):
        ann.get_bbox_patch().set(facecolor=cmap(0.85 * share[node]), edgecolor=style.GREY,
                                 linewidth=0.4)
    ax.set_title(title, loc="left")
    cap = (f"CART tree of {title} ({leaves} leaves, depth ≤ {s['depth']}, leaves of at "
           f"least {s['mass_min']:.0%} of the points): each node shows its split, its number "
           "of points and their class counts [other, case]; the greener, the larger the share "
           f"of cases.\n{src}")
    return style.save(fig, out, f"{prefix}cart_tree", formats, cap)
