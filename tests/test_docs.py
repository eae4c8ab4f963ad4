"""Generated docs stay in step with the declarations (regenerate: python -m experiments.docs)."""

from pathlib import Path

from experiments import docs

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_generated_docs_are_current(tmp_path):
    written = docs.write_generated(tmp_path)
    assert {p.name for p in written} == {"parameters.md", "metrics.md", "event_types.md",
                                        "phases.md"}
    for p in written:
        assert (DOCS / p.name).read_text() == p.read_text(), (
            f"docs/{p.name} is stale: run `.venv/bin/python -m experiments.docs`")


def test_parameter_table_lists_every_parameter():
    from model.params import PARAMS

    table = docs.parameter_table_markdown()
    for name in PARAMS:
        assert f"`{name}`" in table


def test_odd_has_all_seven_sections():
    text = (DOCS / "ODD.md").read_text()
    for heading in ("Purpose and patterns", "Entities, state variables and scales",
                    "Process overview and scheduling", "Design concepts", "Initiali",
                    "Input data", "Submodels"):
        assert heading in text, heading
