"""Layering: reading and analysing results, and a sweep's parent process, do not import the
simulation (EMA Workbench's separation of model, execution and analysis; the parent of a
parallel sweep stays small)."""

import subprocess
import sys


def test_analysis_figures_and_the_sweep_parent_do_not_import_the_model():
    code = ("import sys, experiments.analysis, experiments.analysis_sensitivity, "
            "experiments.figures, experiments.results, experiments.sweep, "
            "experiments.discovery.core, experiments.figures.discovery; "
            "bad = sorted(m for m in ('mesa', 'model.model', 'agents.state') "
            "if m in sys.modules); print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
