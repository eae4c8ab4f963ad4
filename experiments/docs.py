"""Generated reference tables: parameters, metrics, event types and the month's phases.

Run ``python -m experiments.docs`` to rewrite ``docs/parameters.md``, ``docs/metrics.md``,
``docs/event_types.md`` and ``docs/phases.md`` from the declarations in the code
(:data:`model.params.PARAMS`, the default world's metrics, :data:`model.event_types.REGISTRY`,
:data:`model.phases.PHASES`). The output is deterministic: the same code gives the same bytes.
"""

from __future__ import annotations

import math
from pathlib import Path

from model.event_fields import FieldSpec
from model.event_types import REGISTRY
from model.params import PARAMS
from model.phases import PHASES

DOCS_DIR = Path(__file__).resolve().parent.parent / "docs"


def _cell(text: object) -> str:
    """One Markdown table cell: a single line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _num(x: float) -> str:
    return f"{x:g}"


def _generated_note(source: str) -> str:
    return (f"Generated from `{source}` by `python -m experiments.docs`. "
            "Never edit this file by hand: change the code and regenerate it.")


def parameter_table_markdown() -> str:
    """Every parameter of :data:`PARAMS`, one ``###`` section per group (declaration order)."""
    groups: dict[str, list] = {}
    for p in PARAMS.values():
        groups.setdefault(p.group, []).append(p)
    lines: list[str] = []
    for group, params in groups.items():
        lines += [f"### {group}", "",
                  "| name | default | bounds | unit | kind | meaning | source |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        for p in params:
            default = _num(p.default) + (" (integer)" if p.integer else "")
            lines.append(f"| `{p.name}` | {default} | [{_num(p.lo)}, {_num(p.hi)}] "
                         f"| {_cell(p.unit)} | {p.kind} | {_cell(p.meaning)} "
                         f"| {_cell(p.source)} |")
        lines.append("")
    return "\n".join(lines)


def default_world_metrics() -> tuple:
    """The metrics the default world provides: :data:`METRICS` (with the firm-based
    ``kor_divestment``) plus the per-home firm metrics."""
    from model.metrics import available
    from model.world import load_world

    return available(load_world("default"))


def metric_table_markdown() -> str:
    """Every metric of the default world, general ones first, then the firm metrics."""
    lines = ["| name | unit | SESOI | meaning |", "| --- | --- | --- | --- |"]
    for m in default_world_metrics():
        lines.append(f"| `{m.name}` | {_cell(m.unit)} | {m.smallest_effect:g} | "
                     f"{_cell(m.meaning)} |")
    return "\n".join(lines) + "\n"


def _field(name: str, fs: FieldSpec) -> str:
    desc = fs.kind
    if fs.kind == "number" and (math.isfinite(fs.lo) or math.isfinite(fs.hi)):
        desc += f" [{_num(fs.lo)}, {_num(fs.hi)}]"
    if fs.required:
        return f"`{name}`: {desc}, required"
    if fs.default is None or fs.default == "":
        return f"`{name}`: {desc}, optional"
    default = str(fs.default).lower() if isinstance(fs.default, bool) else fs.default
    return f"`{name}`: {desc}, optional (default `{default}`)"


def _first_paragraph(doc: str) -> str:
    return " ".join(doc.strip().split("\n\n")[0].split())


def event_type_table_markdown() -> str:
    """Every registered event type: fields and the first paragraph of its handler's doc."""
    lines = ["| type | fields | what it does |", "| --- | --- | --- |"]
    for name, et in REGISTRY.items():
        fields = "<br>".join(_cell(_field(n, fs)) for n, fs in et.fields.items())
        lines.append(f"| `{name}` | {fields} | {_cell(_first_paragraph(et.doc))} |")
    return "\n".join(lines) + "\n"


def phase_table_markdown() -> str:
    """The month's phases in order: what each does, reads and writes."""
    lines = ["| # | phase | what it does | reads | writes | floor |",
             "| --- | --- | --- | --- | --- | --- |"]
    for k, ph in enumerate(PHASES, 1):
        reads = ", ".join(f"`{r}`" for r in ph.reads)
        writes = ", ".join(f"`{w}`" for w in ph.writes)
        lines.append(f"| {k} | `{ph.name}` | {_cell(ph.doc)} | {reads} | {writes} "
                     f"| {'yes' if ph.floor else 'no'} |")
    return "\n".join(lines) + "\n"


def phase_table_text() -> str:
    """The phases as plain text, for ``alliancesim phases``."""
    out = []
    for k, ph in enumerate(PHASES, 1):
        out += [f"{k:2d}. {ph.name}{'' if ph.floor else '  (bookkeeping)'}: {ph.doc}",
                f"      reads:  {', '.join(ph.reads)}",
                f"      writes: {', '.join(ph.writes)}"]
    return "\n".join(out) + "\n"


def _page(title: str, source: str, intro: str, table: str) -> str:
    """A generated reference page: title, the generated-file note, an intro, the table."""
    return "\n".join([f"# {title}", "", _generated_note(source), "", intro, "", table,
                      ]).rstrip("\n") + "\n"


def _phases_page() -> str:
    return _page(
        "The month's phases", "model/phases.py",
        "One model step is one month: these phases run in this order "
        "(`AllianceModel.step` iterates `model.phases.PHASES`; `alliancesim phases` prints "
        "this table). Reads and writes name the attributes of the month's context (the "
        "model; `state.X` is a field of the model state). The benchmark floor runs the "
        "phases marked *floor* on a plain copy of what they read and write.",
        phase_table_markdown())


def _parameters_page() -> str:
    kinds = ("Kinds: `uncertainty` = an empirical quantity not known well (swept in "
             "sensitivity analysis); `lever` = a policy choice a state could make "
             "differently; `constant` = a modelling convention or a well-established figure.")
    return _page(
        "Parameters", "model/params.py",
        f"All {len(PARAMS)} model parameters with their defaults, bounds and sources. "
        "Values are overridden with `alliancesim run --set NAME=VALUE` or in a scenario's "
        "`[params]` table; values outside the bounds are rejected. Timeline events may name a "
        "parameter instead of a number (`intensity = \"$tech_transfer_size\"`).\n\n" + kinds,
        parameter_table_markdown())


def _metrics_page() -> str:
    return _page(
        "Metrics", "model/metrics.py",
        f"The {len(default_world_metrics())} outcome measures of the default world, recorded "
        "every month (one column each in `timeseries.parquet`). A metric whose actors or "
        "groups are missing from a world is not computed for that world. SESOI: the smallest "
        "effect of interest in the verdicts of claims (a convention per unit, "
        "model/effect_sizes.py, unless the metric declares its own; a claim may override "
        "it): an effect whose 95% interval lies inside ±SESOI is *negligible*.",
        metric_table_markdown())


def _event_types_page() -> str:
    return _page(
        "Event types", "model/event_types.py",
        "Dated events in a timeline (`[[event]]` tables in TOML) change the model state "
        "through these handlers. Every event also has the common fields `id`, `date` "
        "(`YYYY-MM` or `YYYY-MM-DD`; it fires in the step of its month), `type`, optional "
        "`tags`, and a `source` or `note`. Field kinds: `actor` = an actor code, `actors` = a "
        "list of codes, `month` = `YYYY-MM`, `bool` = true/false. Any numeric field may name a "
        "parameter instead (`\"$name\"`).\n\n"
        "**Flows or decisions.** `arms_transfer`, `tech_transfer` and `troop_deployment` are "
        "flows only: they set no state's decision. To force a decision at a date, through the "
        "code of the endogenous decision (its trust shock, its consequences, the decision "
        "log), use `arm_victim` (start arming the victim of an aggression; `lethal = false` for "
        "non-lethal aid at `nonlethal_support_share`), `join_sanctions` / `lift_sanctions` "
        "(or `sanctions` with a mode) and `press_firms` / `release_firms` "
        "(model/decision_events.py). Example, in a scenario's `[[add]]` (or a timeline's "
        "`[[event]]`):\n\n"
        "```toml\n[[add]]\nid = \"kor_arms_ukr\"\ndate = \"2025-03\"\ntype = \"arm_victim\"\n"
        "supplier = \"KOR\"\nvictim = \"UKR\"\naggressor = \"RUS\"   # optional: default, "
        "every aggressor on the victim\nlethal = true\nnote = \"What if Seoul armed Ukraine?\"\n\n"
        "[[add]]\nid = \"chn_sanctions\"\ndate = \"2026-01\"\ntype = \"join_sanctions\"\n"
        "senders = [\"CHN\"]\ntarget = \"RUS\"\nintensity = 0.3\nnote = \"What if China "
        "sanctioned Russia?\"\n```",
        event_type_table_markdown())


def write_generated(docs_dir: Path) -> list[Path]:
    """Write parameters.md, metrics.md, event_types.md and phases.md into ``docs_dir``."""
    docs_dir = Path(docs_dir)
    docs_dir.mkdir(parents=True, exist_ok=True)
    pages = {"parameters.md": _parameters_page(), "metrics.md": _metrics_page(),
             "event_types.md": _event_types_page(), "phases.md": _phases_page()}
    written = []
    for name, text in pages.items():
        path = docs_dir / name
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_generated(DOCS_DIR):
        print(written_path)
