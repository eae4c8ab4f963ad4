"""Experiments: running the model, storing results, and the command line.

The model never imports from here; analysis and figures read stored results only.
"""
