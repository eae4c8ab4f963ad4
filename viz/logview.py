"""Text of the page: the date, the next scheduled events, and the log of events and decisions.

Pure functions returning rows or escaped HTML (no solara), so they are testable without a
browser. Sources: ``model.scenario_def.events`` (the timeline), ``model.event_log`` (events as
they fired) and ``model.decisions_table()`` (states' and firms' notable decisions).
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass

from model.calendar import month_label
from model.event_types import REGISTRY
from model.params import PARAMS
from viz.controls import KEY_PARAMS
from viz.figures import month_name

N_NEXT = 4  # upcoming events shown
N_LOG = 80  # newest log rows shown
FIRM_VERBS = {  # decision → (singular, plural)
    "firm_suspends": ("suspends operations", "suspend operations"),
    "firm_resumes": ("resumes operations", "resume operations"),
    "firm_exits": ("sells out and exits", "sell out and exit"),
    "firm_reenters": ("re-enters", "re-enter"),
}


def short_month(label: str) -> str:
    """``'2024-06'`` → ``'Jun 2024'``."""
    return month_name(label)[:3] + " " + label[:4]


def describe_event(ev) -> str:
    """``treaty_signed`` of type defence_pact between RUS and PRK →
    ``'treaty signed (defence_pact: RUS–PRK)'``."""
    spec = REGISTRY.get(ev.type)
    actors = []
    if spec is not None:
        for name, field in spec.fields.items():
            v = ev.fields.get(name)
            if field.kind == "actor" and v:
                actors.append(str(v))
            elif field.kind == "actors" and v:
                actors.append(", ".join(map(str, v)))
    sep = "–" if spec is not None and {"a", "b"} <= set(spec.fields) else " → "
    who = sep.join(actors)
    return f"{ev.id.replace('_', ' ')} ({ev.type}{': ' + who if who else ''})"


def next_events(model, n: int = N_NEXT) -> list[tuple[str, str, str]]:
    """The next ``n`` timeline events after the current month: (month label, text, source)."""
    upcoming = [e for e in model.scenario_def.events if e.month > model.month][:n]
    return [(month_label(e.month), describe_event(e), e.source or e.fields.get("note", ""))
            for e in upcoming]


@dataclass(frozen=True)
class LogRow:
    month: str  # YYYY-MM
    kind: str  # event | decision | firms
    text: str
    title: str = ""  # hover text (an event's source)


def log_rows(model, limit: int = N_LOG) -> list[LogRow]:
    """Events as they fired and notable decisions, newest first. Firms' moves are summed per
    month, kind and host, with the count by home ("12 firms suspend operations in RUS: …")."""
    events = {e.id: e for e in model.scenario_def.events}
    rows: list[tuple[str, int, LogRow]] = []
    for r in model.event_log:
        ev = events.get(r["id"])
        text = describe_event(ev) if ev is not None else r["id"]
        label = f"{r['month']:%Y-%m}"
        rows.append((label, 0, LogRow(label, "event", text, r.get("source", ""))))
    table = model.decisions_table()
    homes = {a.fid: a.home for a in getattr(model, "firm_agents", [])}
    firm_moves: dict[tuple[str, str, str], Counter] = {}
    for date, actor, decision, target, detail in table.itertuples(index=False):
        label = f"{date:%Y-%m}"
        if decision.startswith("firm_"):
            firm_moves.setdefault((label, decision, target), Counter())[homes.get(actor, "?")] += 1
        else:
            rows.append((label, 1, LogRow(label, "decision", detail)))
    for (label, decision, host), by_home in firm_moves.items():
        n = sum(by_home.values())
        one, many = FIRM_VERBS.get(decision, (decision, decision))
        homes_text = ", ".join(f"{h} {k}" for h, k in sorted(by_home.items()))
        text = f"1 firm {one}" if n == 1 else f"{n} firms {many}"
        rows.append((label, 2, LogRow(label, "firms", f"{text} in {host}: {homes_text}")))
    rows.sort(key=lambda r: (r[0], r[1]), reverse=True)
    return [r for _, _, r in rows[:limit]]


# ---------------------------------------------------------------------- HTML
def _e(text) -> str:
    return html.escape(str(text), quote=True)


def overview_html(model) -> str:
    """The date (prominent), the run's identity, and the next scheduled events."""
    sd = model.scenario_def
    twin = getattr(model, "twin", None)
    done = model.steps
    parts = [
        f'<div class="as-date">{_e(month_name(model.date_label))}</div>',
        f'<div class="as-sub">month {done} of {model.n_months} · '
        f'{_e(short_month(month_label(model.start_month)))} – '
        f'{_e(short_month(month_label(model.end_month)))}</div>',
        f'<div class="as-run"><b>Scenario</b> <span class="as-scenario">{_e(sd.name)}</span>'
        f' · <b>seed</b> {model.seed}'
        + (f' · <b>compared with</b> {_e(twin.scenario_def.name)} (dashed lines)' if twin
           else "") + "</div>",
    ]
    if sd.description:
        parts.append(f'<div class="as-desc">{_e(" ".join(sd.description.split()))}</div>')
    note = getattr(model, "seed_note", "")
    if note:
        parts.append(f'<div class="as-warn">{_e(note)}</div>')
    values = []
    for k in KEY_PARAMS:
        v, d = model.params[k], PARAMS[k].default
        if v != d:
            values.append(f'<span class="as-changed" title="default {d:g}">{_e(k)} {v:g}</span>')
        else:
            values.append(f"{_e(k)} {v:g}")
    parts.append('<div class="as-params"><b>Key parameters</b> (changed ones in red): '
                 + " · ".join(values) + "</div>")
    upcoming = next_events(model)
    parts.append('<div class="as-h">Next scheduled events</div>')
    if upcoming:
        parts.append('<ul class="as-next">' + "".join(
            f'<li title="{_e(src)}"><span class="as-when">{_e(short_month(m))}</span> '
            f'{_e(text)}</li>' for m, text, src in upcoming) + "</ul>")
    else:
        parts.append('<div class="as-none">none: from here on, only the model\'s own '
                     'dynamics</div>')
    if model.finished:
        parts.append('<div class="as-warn">The end of the scenario has been reached.</div>')
    return '<div class="as-overview">' + "".join(parts) + "</div>"


def log_html(model, limit: int = N_LOG) -> str:
    rows = log_rows(model, limit)
    body = "".join(
        f'<tr class="as-{r.kind}"><td class="as-when">{_e(short_month(r.month))}</td>'
        f'<td class="as-kind">{r.kind}</td><td title="{_e(r.title)}">{_e(r.text)}</td></tr>'
        for r in rows)
    if not rows:
        body = '<tr><td colspan="3" class="as-none">nothing yet</td></tr>'
    return ('<div class="as-log"><div class="as-h">Events and decisions, newest first</div>'
            f'<div class="as-log-body"><table>{body}</table></div></div>')
