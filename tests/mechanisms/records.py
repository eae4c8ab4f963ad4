"""Parameter records for mechanism tests, built by declared parameter name.

Mechanisms read every parameter as ``p.<declared name>`` from the run's parameter record
(:meth:`model.params.ParamSet.record`). A test names each value it relies on; every other
parameter keeps its default, so a test that needs a term switched off sets it to 0 by name.
"""

from __future__ import annotations

import numpy as np

from model.params import PARAMS, ParamSet


def _scalar(params: np.ndarray):
    """Element 0 of a one-element parameter array, as a ``numpy.record``: the same Numba
    type as ``params[0]`` (one compiled signature), and it also allows ``p.NAME`` in plain
    Python, as the non-compiled mechanisms (``initial_trust``, ``realign``, ``proximity``)
    read it."""
    return params.view(np.recarray)[0]


def record(**values: float):
    """A parameter record (the type kernels read) with the given values, defaults elsewhere.

    Values are validated by :class:`~model.params.ParamSet`: known names, inside the declared
    bounds."""
    return _scalar(ParamSet(values).record())


def unchecked_record(**values: float):
    """Like :func:`record`, but values may lie outside the declared bounds (names are still
    checked). Only for a test that needs such a value; say why at the call site."""
    unknown = set(values) - set(PARAMS)
    if unknown:
        raise KeyError(f"undeclared parameter(s): {sorted(unknown)}")
    params = ParamSet().record().copy()
    params.flags.writeable = True
    for name, value in values.items():
        params[0][name] = value
    return _scalar(params)
