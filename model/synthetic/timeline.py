"""Timeline of a synthetic world: the core story (an invasion, the sanctions and arms that
follow, a pact with the pariah) and weighted background events, dated within the run."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np

from model.synthetic.constants import NOTE, REGIME, SOURCE_ID, WAR_NORM
from model.synthetic.politics import Story


@dataclasses.dataclass(frozen=True)
class Cast:
    """What the timeline draws its actors from."""

    codes: tuple[str, ...]
    bloc: np.ndarray
    capability: np.ndarray
    alliances: list
    disputes: list
    story: Story

    def members(self, b: int) -> list[int]:
        """The states of bloc ``b``."""
        return [k for k in range(len(self.codes)) if self.bloc[k] == b]


def _event(kind: str, what: str, tags: list[str], **fields) -> dict:
    """An event table with the synthetic source and an ``estimate: synthetic`` note."""
    return {"type": kind, **fields, "tags": tags, "source": SOURCE_ID,
            "note": f"{NOTE}; {what}"}


def story_events(rng, cast: Cast) -> list[tuple[float, dict]]:
    """The core story as (time as a fraction of the run, event), in priority order (a
    timeline of n events keeps the first n): invasion at 0.20; the victim's and its
    supporters' sanctions on the aggressor 0.21; arms from the strongest supporter to the
    victim 0.23; a defence pact aggressor–pariah 0.45; ceasefire 0.75; an export ban on the
    aggressor 0.25; the pariah's munitions to the aggressor 0.30; exit rules for foreign owners
    in the aggressor 0.32; the aggressor's technology to the pariah 0.46; a protest at the pact
    0.47; the pariah's troops for the aggressor 0.50."""
    s, c = cast.story, cast.codes
    a, v, p = c[s.aggressor], c[s.victim], c[s.pariah]
    senders = [c[k] for k in (s.victim, *s.supporters)]

    def u(lo: float, hi: float) -> float:
        return round(float(rng.uniform(lo, hi)), 2)

    return [
        (0.20, _event("invasion", f"{a} invades {v} over their dispute", ["story", "war"],
                      actor=a, target=v, severity=u(0.6, 0.9))),
        (0.21, _event("sanctions", f"{v} and its allies sanction {a}", ["story", "sanctions"],
                      senders=senders, target=a, intensity=u(0.5, 0.8))),
        (0.23, _event("arms_transfer", f"{c[s.supporters[0]]} arms {v}", ["story", "arms"],
                      supplier=c[s.supporters[0]], recipient=v, volume=u(0.5, 3.0))),
        (0.45, _event("defence_pact", f"{a} and the sanctioned {p} sign a defence pact",
                      ["story", "pact"], a=a, b=p, strength=1.0)),
        (0.75, _event("ceasefire", f"{a} and {v} agree a ceasefire", ["story", "ceasefire"],
                      a=a, b=v)),
        (0.25, _event("export_ban", f"{v}'s allies ban exports to {a}", ["story", "sanctions"],
                      senders=senders, target=a, intensity=u(0.3, 0.7))),
        (0.30, _event("arms_transfer", f"{p} sells munitions to {a}, against the regime",
                      ["story", "arms"], supplier=p, recipient=a, volume=u(1.0, 5.0))),
        (0.32, _event("exit_rules", f"{a} restricts foreign owners' exits", ["story", "firms"],
                      host=a, discount=u(0.3, 0.6), contribution=u(0.05, 0.2),
                      delay_months=float(rng.integers(3, 13)))),
        (0.46, _event("tech_transfer", f"{a} transfers military technology to {p}",
                      ["story", "pact"], supplier=a, recipient=p, intensity=u(0.3, 0.8))),
        (0.47, _event("diplomatic_protest", f"{c[s.protester]} protests at the {a}-{p} pact",
                      ["story", "pact"], actor=c[s.protester], target=a,
                      severity=u(0.3, 0.7))),
        (0.50, _event("troop_deployment", f"{p} sends troops to fight for {a}",
                      ["story", "pact"], sender=p, host=a,
                      troops=float(rng.integers(5, 16)) * 1000.0)),
    ]


def _two(rng, pool: list[int]) -> tuple[int, int]:
    """Two distinct members of ``pool``, uniformly."""
    i, j = rng.choice(len(pool), size=2, replace=False)
    return pool[int(i)], pool[int(j)]


def _summit(rng, cast: Cast) -> dict:
    """Within a bloc, warmth U(0.05, 0.2); with probability 0.3 a failed cross-bloc summit,
    warmth U(-0.15, -0.05)."""
    c = cast.codes
    if rng.random() < 0.3:
        i, j = int(rng.choice(cast.members(-1))), int(rng.choice(cast.members(1)))
        warmth = -float(rng.uniform(0.05, 0.15))
    else:
        i, j = _two(rng, cast.members(int(rng.choice([-1, 1]))))
        warmth = float(rng.uniform(0.05, 0.2))
    return _event("summit", f"{c[i]}-{c[j]} summit", ["background"], a=c[i], b=c[j],
                  warmth=round(warmth, 2))


def _protest(rng, cast: Cast) -> dict:
    """Across blocs, severity U(0.1, 0.5)."""
    b = int(rng.choice([-1, 1]))
    i, j = int(rng.choice(cast.members(b))), int(rng.choice(cast.members(-b)))
    return _event("diplomatic_protest", f"{cast.codes[i]} protests to {cast.codes[j]}",
                  ["background"], actor=cast.codes[i], target=cast.codes[j],
                  severity=round(float(rng.uniform(0.1, 0.5)), 2))


def _violation(rng, cast: Cast) -> dict:
    """The pariah breaks the regime (severity U(0.1, 0.4)), or a disputant's border
    incident (territorial_integrity, severity U(0.05, 0.2)), with equal probability."""
    if rng.random() < 0.5:
        who, norm, sev = cast.story.pariah, REGIME, rng.uniform(0.1, 0.4)
    else:
        i, j = cast.disputes[int(rng.integers(len(cast.disputes)))][:2]
        who, norm, sev = int(rng.choice([i, j])), WAR_NORM, rng.uniform(0.05, 0.2)
    return _event("norm_violation", f"{cast.codes[who]} breaks {norm}", ["background"],
                  actor=cast.codes[who], norm=norm, severity=round(float(sev), 2))


def _measures(rng, cast: Cast, kind: str) -> dict:
    """Sanctions or an export ban on the pariah or a disputant by 2-5 members of the other
    bloc, intensity U(0.2, 0.6)."""
    targets = [cast.story.pariah] + [k for d in cast.disputes for k in d[:2]]
    t = int(rng.choice(targets))
    b = -int(cast.bloc[t]) or int(rng.choice([-1, 1]))
    pool = cast.members(b)
    m = int(min(len(pool), rng.integers(2, 6)))
    senders = [cast.codes[k] for k in sorted(rng.choice(pool, size=m, replace=False))]
    return _event(kind, f"{kind} on {cast.codes[t]}", ["background"], senders=senders,
                  target=cast.codes[t], intensity=round(float(rng.uniform(0.2, 0.6)), 2))


def _new_pact(rng, cast: Cast) -> dict | None:
    """A new pact between two unallied members of a bloc, strength U{0.5, ..., 1}."""
    i, j = _two(rng, cast.members(int(rng.choice([-1, 1]))))
    if any({i, j} == {a, b} for a, b, *_ in cast.alliances):
        return None
    return _event("defence_pact", f"{cast.codes[i]}-{cast.codes[j]} pact", ["background"],
                  a=cast.codes[i], b=cast.codes[j], strength=float(rng.integers(5, 11)) / 10)


def _pact_end(rng, cast: Cast) -> dict | None:
    """One of the initial pacts lapses."""
    if not cast.alliances:
        return None
    a, b = cast.alliances[int(rng.integers(len(cast.alliances)))][:2]
    return _event("alliance_end", f"the {cast.codes[a]}-{cast.codes[b]} pact lapses",
                  ["background"], a=cast.codes[a], b=cast.codes[b])


def _annexation(rng, cast: Cast) -> dict | None:
    """The stronger side of a dispute other than the invasion's annexes territory (no war),
    severity U(0.2, 0.5)."""
    if len(cast.disputes) < 2:
        return None
    i, j = cast.disputes[1 + int(rng.integers(len(cast.disputes) - 1))][:2]
    a, t = (i, j) if cast.capability[i] >= cast.capability[j] else (j, i)
    return _event("annexation", f"{cast.codes[a]} annexes land claimed by {cast.codes[t]}",
                  ["background"], actor=cast.codes[a], target=cast.codes[t],
                  severity=round(float(rng.uniform(0.2, 0.5)), 2), intensity=0.0)


def _arms(rng, cast: Cast) -> dict:
    """A bloc's most capable member arms another member, volume U(0.2, 2)."""
    pool = cast.members(int(rng.choice([-1, 1])))
    lead = max(pool, key=lambda k: (cast.capability[k], -k))
    to = int(rng.choice([k for k in pool if k != lead]))
    return _event("arms_transfer", f"{cast.codes[lead]} arms {cast.codes[to]}",
                  ["background"], supplier=cast.codes[lead], recipient=cast.codes[to],
                  volume=round(float(rng.uniform(0.2, 2.0)), 2))


BACKGROUND = (  # (maker, weight)
    (_summit, 3), (_protest, 2), (_violation, 1),
    (lambda rng, cast: _measures(rng, cast, "sanctions"), 1),
    (lambda rng, cast: _measures(rng, cast, "export_ban"), 1),
    (_new_pact, 1), (_pact_end, 1), (_annexation, 0.5), (_arms, 1),
)


def background_events(rng, cast: Cast, n: int) -> list[tuple[float, dict]]:
    """n background events at times U(0.02, 0.98), each of a kind drawn with the weights of
    :data:`BACKGROUND` (a summit where the kind does not apply)."""
    weights = np.array([w for _, w in BACKGROUND], dtype=float)
    out = []
    for _ in range(n):
        make = BACKGROUND[int(rng.choice(len(BACKGROUND), p=weights / weights.sum()))][0]
        ev = make(rng, cast) or _summit(rng, cast)
        out.append((float(rng.uniform(0.02, 0.98)), ev))
    return out


def dated(events: list[tuple[float, dict]], start: int, end: int) -> list[dict]:
    """Events in date order with ids ``e0001_<type>``: time t ∈ [0, 1) becomes the day
    floor(t · D) after the start, D = days from the first of the start month to the end of
    the end month."""
    first = dt.date(start // 12, start % 12 + 1, 1)
    last = dt.date((end + 1) // 12, (end + 1) % 12 + 1, 1)
    days = (last - first).days
    out = []
    order = sorted(range(len(events)), key=lambda k: (events[k][0], k))
    for n, k in enumerate(order, start=1):
        t, ev = events[k]
        date = first + dt.timedelta(days=int(t * days))
        out.append({"id": f"e{n:04d}_{ev['type']}", "date": date.isoformat(), **ev})
    return out
