"""``report.md`` of a discovery case: what PRIM and CART found, in plain words."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


def condition(case: dict, threshold: float) -> str:
    """The case's definition on the effect, e.g. ``> 0`` or ``< -0.01``."""
    up = (case["sign"] > 0) != (case["target"] == "contradicted")
    return f"> {threshold:g}" if up else f"< {-threshold:g}"


def restriction(r) -> str:
    """One restricted input of a PRIM box in words (limits inclusive)."""
    lo, hi = not np.isnan(r.qp_lo), not np.isnan(r.qp_hi)
    if lo and hi:
        return f"{r.box_lo:.3g} ≤ {r.input} ≤ {r.box_hi:.3g}"
    return f"{r.input} ≥ {r.box_lo:.3g}" if lo else f"{r.input} ≤ {r.box_hi:.3g}"


def _qp(v: float) -> str:
    return "" if np.isnan(v) else f"{v:.2g}"


def report(case_dir: Path, summary: dict) -> str:
    case, s = summary["case"], summary["settings"]
    cid, n, k = case["claim"], case["n_points"], case["n_cases"]
    verb = "holds" if case["target"] == "holds" else "is contradicted"
    lines = [f"# Scenario discovery: where {cid} {verb} ({case['metric']}, {case['date']})",
             "",
             f"**{cid}**: {case['text']}. The claimed sign of the paired effect "
             f"{case['treatment']} − {case['control']} on `{case['metric']}` at "
             f"{case['date']} is {'+' if case['sign'] > 0 else '−'}. A design point counts "
             f"when its effect (mean over its {case['replicates']} replicate(s), same seeds in "
             f"both arms) is {condition(case, s['threshold'])}: there {cid} {verb}.",
             "",
             f"Sweep `{case['experiment']}`: {case['design']} design, {n} design points, "
             f"{len(case['inputs'])} varied inputs ({', '.join(case['inputs'])}). "
             f"**{cid} {verb} in {k} of {n} points ({k / n:.0%}).**", ""]
    if not 0 < k < n:
        lines.append(f"No region to find: {cid} {verb} in {'all' if k else 'none'} of the "
                     "points.")
        return "\n".join(lines) + "\n"
    if "prim" in summary:
        lines += _prim(case_dir, summary, cid, verb)
    if "cart" in summary:
        lines += _cart(case_dir, summary, cid, verb)
    lines += ["Files: `points.csv` (effect and case per point), `summary.json`; figures "
              "`prim_tradeoff`, `prim_box`, `cart_tree` (PNG and PDF, with captions).", ""]
    return "\n".join(lines)


def _prim(case_dir: Path, summary: dict, cid: str, verb: str) -> list[str]:
    p, s = summary["prim"], summary["settings"]
    box = pd.read_csv(case_dir / "prim_box.csv")
    traj = pd.read_csv(case_dir / "prim_trajectory.csv")
    where = " and ".join(restriction(r) for r in box.itertuples()) or "no restriction"
    first = traj.iloc[p["from"]]
    out = [f"## PRIM (box {p['id']})", "",
           f"{cid} {verb} in **{p['density']:.0%}** of the points with {where}; this box "
           f"holds **{p['coverage']:.0%}** of all points where {cid} {verb}, and "
           f"{p['mass']:.0%} of all points (mass).", "",
           f"Chosen as the densest box on the peeling trajectory whose coverage is at least "
           f"{s['min_coverage']:.0%} (box {p['from']}: density {first['density']:.0%}, "
           f"coverage {first['coverage']:.0%}, {first['res_dim']} restricted inputs)"
           + (f", less the limits whose quasi-p-value exceeded {s['max_qp']:g}, dropped one at "
              f"a time: {', '.join(p['dropped'])}." if p["dropped"] else ".")
           + f" Peel and paste alpha {s['peel_alpha']:g}, {s['paste_alpha']:g}; minimum mass "
           f"{s['mass_min']:g}.", "",
           "| input | sampled | box | quasi-p (lower limit) | quasi-p (upper limit) |",
           "| --- | --- | --- | --- | --- |"]
    out += [f"| {r.input} | {r.sampled_lo:.3g} – {r.sampled_hi:.3g} | {r.box_lo:.3g} – "
            f"{r.box_hi:.3g} | {_qp(r.qp_lo)} | {_qp(r.qp_hi)} |" for r in box.itertuples()]
    out += ["", "A limit's quasi-p-value (Bryant & Lempert 2010) is a one-sided binomial "
            "test: the chance of at least as many cases in the box if the points had the "
            "density of the box without that limit: the smaller, the surer the limit.", ""]
    return out


def _cart(case_dir: Path, summary: dict, cid: str, verb: str) -> list[str]:
    s = summary["settings"]
    leaves = pd.read_csv(case_dir / "cart_leaves.csv")
    major = leaves[leaves["density"] > 0.5]
    out = [f"## CART: {len(leaves)} leaves (depth ≤ {s['depth']}, each at least "
           f"{s['mass_min']:.0%} of the points, pruning alpha {s['prune']:g})", ""]
    if major.empty:
        out.append(f"No leaf where {cid} {verb} in most points.")
    else:
        out.append(f"Leaves where {cid} {verb} in most points:")
        out += [f"- {r.rule}: {cid} {verb} in {r.density:.0%} of its {r.n} points; they are "
                f"{r.coverage:.0%} of all points where {cid} {verb}."
                for r in major.itertuples()]
    return [*out, "", "The tree: `cart_tree.txt`; every leaf: `cart_leaves.csv`.", ""]
