"""Get every compiled kernel ready in this process, by running a short default model.

The monthly mechanisms are Numba kernels (:mod:`model.mechanisms.jit`), compiled on first use
(or loaded from the on-disk cache). The sweep's forkserver imports this module, so that each
worker forks with the kernels ready instead of loading them again.
"""

from __future__ import annotations


def warm() -> None:
    """Two simulated years of the baseline (events, wars, violations and firms all act)."""
    from model.model import AllianceModel

    AllianceModel("baseline", rng=0, end="2014-12", record_relations=False,
                  record_months=()).run()


warm()
