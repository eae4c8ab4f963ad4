"""Layering: reading and analysing results does not import the simulation (EMA Workbench's
separation of model, execution and analysis)."""

import subprocess
import sys


def test_analysis_and_figures_do_not_import_the_model():
    code = ("import sys, experiments.analysis, experiments.figures, experiments.results; "
            "bad = sorted(m for m in ('mesa', 'model.model', 'agents.state') "
            "if m in sys.modules); print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
