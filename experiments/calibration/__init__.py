"""Calibration (fit free parameters to pre-2022 facts) and validation (pattern table)."""
