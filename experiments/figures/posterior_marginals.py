"""Prior against posterior: one panel per uncertain quantity, the prior's density (line) and
the weighted histogram of the ABC particles (bars), on the prior's support. A posterior as
wide as its prior means the facts do not pin that quantity down."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from matplotlib.ticker import NullFormatter

from experiments.figures import style


def draw(post, out: Path, formats=("png",)) -> list[Path]:
    from experiments.calibration.priors import Prior

    priors = {p["name"]: Prior(**p) for p in post.manifest["priors"]}
    names = list(post.names)
    cols = 4
    rows = math.ceil(len(names) / cols)
    with style.figure_style():
        fig = style.new_figure(style.PAGE, 1.45 * rows + 0.3)
        axes = fig.subplots(rows, cols, squeeze=False).ravel()
        for ax, n in zip(axes, names, strict=False):
            p = priors[n]
            edges = (np.geomspace(p.lo, p.hi, 21) if p.shape == "loguniform"
                     else np.linspace(p.lo, p.hi, 21))
            ax.hist(post.particles[n], bins=edges, weights=post.weights, density=True,
                    color=style.BLUE, alpha=0.6, label="posterior")
            x = np.linspace(p.lo, p.hi, 200)
            dens = (1 / (x * np.log(p.hi / p.lo)) if p.shape == "loguniform"
                    else np.full_like(x, 1 / (p.hi - p.lo)))
            ax.plot(x, dens, color=style.BLACK, lw=0.8, label="prior")
            if p.shape == "loguniform":
                ax.set_xscale("log")
                ax.xaxis.set_minor_formatter(NullFormatter())
            ax.set_title(n.replace("commitment.", "commit. "), fontsize=style.SMALL_PT)
            ax.tick_params(labelsize=style.TINY_PT)
            ax.set_yticks([])
        for ax in axes[len(names):]:
            ax.set_visible(False)
        axes[0].legend(fontsize=style.TINY_PT, frameon=False)
        m = post.manifest
        cap = (f"Prior (line) and ABC-SMC posterior (weighted histogram) of each uncertain "
               f"quantity: {m['generations']} generations of {m['population']} particles, "
               f"{m['simulations']} simulated histories 2013..{m['until']}, final ε "
               f"{m['final_epsilon']:.3g} (tolerance {m['tolerance']:g}), seed {m['seed']}. "
               f"Posterior: {post.path}.")
        return style.save(fig, out, "posterior_marginals", formats, cap)
