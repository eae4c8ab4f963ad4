"""Pair plot of the ABC posterior: every pair of uncertain quantities as a scatter of the
particles (marker area ∝ weight), the weighted histograms on the diagonal. Ridges show
trade-offs the facts cannot separate."""

from __future__ import annotations

from pathlib import Path

from experiments.figures import style


def draw(post, out: Path, formats=("png",)) -> list[Path]:
    names = list(post.names)
    k = len(names)
    w = post.weights
    size = 2.0 + 30.0 * w / w.max()
    with style.figure_style():
        fig = style.new_figure(style.PAGE, style.PAGE)
        axes = fig.subplots(k, k, squeeze=False)
        for i, a in enumerate(names):
            for j, b in enumerate(names):
                ax = axes[i, j]
                if i == j:
                    ax.hist(post.particles[a], bins=15, weights=w, color=style.BLUE)
                    ax.set_yticks([])
                elif i > j:
                    ax.scatter(post.particles[b], post.particles[a], s=size, lw=0,
                               color=style.BLUE, alpha=0.4)
                else:
                    ax.set_visible(False)
                ax.tick_params(labelsize=4, length=1.5, pad=1)
                if i < k - 1:
                    ax.set_xticklabels([])
                else:
                    ax.set_xlabel(_short(b), fontsize=4.5)
                if j > 0 and i != j:
                    ax.set_yticklabels([])
                elif j == 0 and i > 0:
                    ax.set_ylabel(_short(a), fontsize=4.5)
        cap = (f"Pair plot of the ABC-SMC posterior ({len(post.particles)} particles; marker "
               f"area ∝ weight; diagonal: weighted histograms). Posterior: {post.path}.")
        return style.save(fig, out, "posterior_pairs", formats, cap)


def _short(name: str) -> str:
    return name.removeprefix("commitment.").replace("_", " ")
