"""Figure family 5: global sensitivity of the paired effect — Sobol (S1, ST) or Morris
(mu*, sigma) indices with their confidence intervals, one panel per hypothesis metric.

Read from ``analysis/sobol.csv`` / ``analysis/morris.csv``; computed with
:func:`experiments.analysis_sensitivity.sensitivity` (SALib) when the file is missing.
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from experiments.figures import style
from experiments.figures.data import Missing, Source, metric_title, metric_unit

WHAT = "sensitivity"


def indices(src: Source) -> pd.DataFrame:
    table = src.analysis_csv(f"{src.design}.csv")
    if table is not None:
        return table
    from experiments.analysis import applicable_hypotheses
    from experiments.analysis_sensitivity import sensitivity

    df = src.results
    hyps = applicable_hypotheses(src.spec, src.manifest, src.treatment, df.columns)
    dates = [d for d in src.analysis_dates if (df["date"] == d).any()]
    if not hyps or not dates:
        raise Missing(f"{WHAT}: needs hypothesis metrics recorded at the analysis dates")
    spec = tomllib.loads((src.path / "experiment.toml").read_text())
    try:
        return sensitivity(src.path, df, spec, hyps, src.treatment, src.control, dates)
    except ValueError as exc:  # e.g. design points missing
        raise Missing(f"{WHAT}: cannot compute {src.design} indices ({exc})") from None


def draw(src: Source, out: Path, formats) -> list[Path]:
    src.require_paired(WHAT)
    if src.design not in ("sobol", "morris"):
        raise Missing(f"{WHAT}: needs a sobol or morris design (this is a "
                      f"{src._kind_text()})")
    table = indices(src)
    if table.empty:
        raise Missing(f"{WHAT}: analysis/{src.design}.csv is empty")
    table = table.assign(date=table["date"].astype(str))
    date = sorted(table["date"].unique())[-1]
    table = table[table["date"] == date]
    rows = list(dict.fromkeys(zip(table["id"], table["metric"], strict=True)))
    params = list(dict.fromkeys(table["parameter"]))
    sobol = src.design == "sobol"
    keys = (("S1", "S1_conf", style.SKY_BLUE, "first order S1"),
            ("ST", "ST_conf", style.BLUE, "total order ST")) if sobol else \
        (("mu_star", "mu_star_conf", style.BLUE, "μ* (mean |elementary effect|)"),)
    with style.figure_style():
        ncols = 3 if len(rows) > 4 else min(2, len(rows))
        nrows = math.ceil(len(rows) / ncols)
        panel_h = 0.55 + 0.16 * len(params) * (2 if sobol else 1)
        fig = style.new_figure(style.PAGE, nrows * panel_h + 0.35)
        axes = fig.subplots(nrows, ncols, squeeze=False, sharey=True).ravel()
        y = np.arange(len(params))
        for ax, (hid, metric) in zip(axes, rows, strict=False):
            sub = table[(table["id"] == hid) & (table["metric"] == metric)]
            sub = sub.set_index("parameter").reindex(params)
            ax.set_title(f"{hid} · {metric_title(metric)}", loc="left")
            ax.axvline(0, color=style.BLACK, lw=0.5)
            ax.grid(axis="x")
            first = keys[0][0]
            if first not in sub or sub[first].isna().all():
                note = (str(sub["note"].dropna().iloc[0]) if "note" in sub
                        and sub["note"].notna().any() else "no indices")
                ax.text(0.5, 0.5, note, transform=ax.transAxes, ha="center", va="center",
                        fontsize=style.SMALL_PT, color=style.GREY)
                ax.set_xticks([])
                continue
            h = 0.8 / len(keys)
            for k, (col, conf, colour, _) in enumerate(keys):
                yy = y + (k - (len(keys) - 1) / 2) * h
                err = sub[conf].to_numpy(dtype=float) if conf in sub else None
                ax.barh(yy, sub[col].to_numpy(dtype=float), height=h * 0.9, color=colour,
                        xerr=err, error_kw={"elinewidth": 0.6, "capsize": 1.2,
                                            "capthick": 0.6, "ecolor": style.BLACK})
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
            if sobol:  # the indices' natural range [0, 1] always shows
                lo, hi = ax.get_xlim()
                ax.set_xlim(min(lo, -0.05), max(hi, 1.05))
                ax.set_xlabel("index")
            else:
                ax.plot(sub["sigma"].to_numpy(dtype=float), y, ls="none", marker="D", ms=3,
                        color=style.VERMILLION, zorder=3)
                unit = metric_unit(metric)
                ax.set_xlabel(f"μ*, σ (Δ {unit})" if unit else "μ*, σ")
        for ax in axes[len(rows):]:
            ax.set_visible(False)
        for ax in axes[::ncols]:
            ax.set_yticks(y, params)
        axes[0].invert_yaxis()
        handles = [Patch(color=c, label=lab) for _, _, c, lab in keys]
        if not sobol:
            from matplotlib.lines import Line2D

            handles.append(Line2D([], [], ls="none", marker="D", ms=3, color=style.VERMILLION,
                                  label="σ (spread of elementary effects)"))
        fig.legend(handles=handles, loc="outside upper center", ncols=len(handles))
        design = src.spec.get("design", {})
        what = ("Sobol indices (Saltelli sampling, N = "
                f"{design.get('samples')}): first-order S1 and total-order ST with 95% "
                "bootstrap confidence intervals (error bars)" if sobol else
                f"Morris elementary-effects screening ({design.get('samples')} trajectories, "
                f"{design.get('levels', 4)} levels): μ* (bars) with its 95% bootstrap "
                "confidence interval, and σ (diamonds), in the outcome's units")
        cap = (f"Global sensitivity of the paired effect {src.treatment} − {src.control} at "
               f"{date} to the {len(params)} varied parameters ({', '.join(params)}), one "
               f"panel per hypothesis metric: {what}. Computed with SALib from the mean "
               f"effect per design point.\n{src.describe()}")
        return style.save(fig, out, src.design, formats, cap)
