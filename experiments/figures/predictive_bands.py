"""Posterior predictive bands against the facts: one row per target, the 90% predictive
interval and median over posterior draws, expressed in units of the target's tolerance band
around the fact (0 = the fact, ±1 = the edge of its tolerance), so that facts in different
units share one axis. Calibration targets and held-out ones are coloured apart."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from experiments.figures import style


def draw(draws: pd.DataFrame, out: Path, formats=("png",), note: str = "") -> list[Path]:
    from experiments.calibration.targets import load_targets

    targets = [t for t in load_targets() if t.id in draws]
    rows = []
    for t in targets:
        v = draws[t.id].to_numpy(dtype=float)
        z = (v - t.value) / max(t.band, 1e-12)
        z = z[np.isfinite(z)]
        if z.size:
            rows.append((t.id, t.role, *np.percentile(z, [5, 50, 95])))
    with style.figure_style():
        fig = style.new_figure(style.COLUMN * 1.4, 0.16 * len(rows) + 0.8)
        ax = fig.subplots()
        ax.axvspan(-1, 1, color=style.GREY, alpha=0.2, lw=0)
        ax.axvline(0, color=style.BLACK, lw=0.6)
        for y, (_tid, role, lo, med, hi) in enumerate(rows):
            c = style.BLUE if role == "calibrate" else style.ORANGE
            ax.plot([lo, hi], [y, y], color=c, lw=1.4, solid_capstyle="butt")
            ax.plot([med], [y], "o", color=c, ms=2.5)
        ax.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=style.TINY_PT)
        ax.invert_yaxis()
        lim = max(3.0, min(20.0, max((max(abs(r[2]), abs(r[4])) for r in rows), default=3)))
        ax.set_xlim(-lim, lim)
        ax.set_xlabel("model − fact, in tolerance bands", fontsize=style.SMALL_PT)
        ax.tick_params(axis="x", labelsize=style.TINY_PT)
        cap = ("Posterior predictive check: for each target, the 90% predictive interval "
               "(line) and median (dot) of the model's value over posterior draws, in units "
               "of the target's tolerance band around the fact (0; grey: within tolerance). "
               "Blue: calibration targets; orange: held-out targets. Intervals beyond the "
               f"axis are clipped. {note}")
        return style.save(fig, out, "predictive_bands", formats, cap)
