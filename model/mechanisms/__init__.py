"""Mechanisms: pure functions over numpy arrays, one concern per module.

Each function's docstring gives its equation and a citation. They take arrays and plain
floats (read from the ParamSet by the caller), return new arrays, and never touch the model,
the agents or the random generator (noise is passed in).
"""
