"""The event types. One small handler each: what the event changes in the model state.

Handlers receive the model and the event; they change state arrays and report norm
violations through ``model.violate``; monthly consequences of ongoing flows (arms,
technology, troops) are computed by the model's phases, not here.
To add a type: write a handler with ``@event_type("name", field=spec, ...)`` and add it to
:data:`REGISTRY` at the end of this file (docs/CONTRIBUTING.md). Forced decisions (sanctions,
arming a victim, pressing firms) live in :mod:`model.decision_events`.
"""

from __future__ import annotations

import numpy as np

from model.decision_events import (
    arm_victim,
    join_sanctions,
    lift_sanctions,
    press_firms,
    release_firms,
    sanctions,
)
from model.event_fields import actor, actors, event_type, flag, month, number, registry, text
from model.mechanisms import trust as trust_mech
from model.state import EXIT_TERMS


def _ij(model, ev, a, b):
    return model.world.index(ev.get(a)), model.world.index(ev.get(b))


def _aggression(model, ev, default_intensity):
    """Shared by invasion and annexation: war state, aggressor mark, one-off violation."""
    st, (a, t) = model.state, _ij(model, ev, "actor", "target")
    intensity = ev.get("intensity", model.params)
    intensity = default_intensity if intensity is None else intensity
    st.war[a, t] = st.war[t, a] = max(st.war[a, t], intensity)
    if intensity > 0:
        st.aggressor[a, t] = 1.0
    model.war_norms[(a, t)] = ev.get("norm")  # troops fighting for a become complicit
    model.violate(ev.get("norm"), a, ev.get("severity", model.params))


@event_type("invasion", actor=actor(), target=actor(), severity=number(0, 1),
            intensity=number(0, 1, required=False), norm=text(default="territorial_integrity"))
def invasion(model, ev):
    """Armed invasion: war at ``intensity`` (default 1), aggressor marked, a norm violation."""
    _aggression(model, ev, 1.0)


@event_type("annexation", actor=actor(), target=actor(), severity=number(0, 1),
            intensity=number(0, 1, required=False), norm=text(default="territorial_integrity"))
def annexation(model, ev):
    """Annexation of territory: a norm violation; optional low-intensity conflict."""
    _aggression(model, ev, 0.0)


@event_type("norm_violation", actor=actor(), norm=text(required=True),
            severity=number(0, 1))
def norm_violation(model, ev):
    """A one-off violation of a named norm (observers' trust falls; the record grows)."""
    model.violate(ev.get("norm"), model.world.index(ev.get("actor")),
                  ev.get("severity", model.params))


@event_type("export_ban", senders=actors(), target=actor(), intensity=number(0, 1))
def export_ban(model, ev):
    """Export controls by the senders on the target: B = max(B, x)."""
    st, t = model.state, model.world.index(ev.get("target"))
    x = ev.get("intensity", model.params)
    for code in ev.get("senders"):
        s = model.world.index(code)
        st.export_ban[s, t] = max(st.export_ban[s, t], x)


@event_type("energy_embargo", importers=actors(), exporter=actor(), intensity=number(0, 1))
def energy_embargo(model, ev):
    """The importers ban a share ``intensity`` of their energy imports from the exporter
    (e.g. the EU's crude embargo): b = max(b, x) on each flow exporter → importer; the
    exporter resells the banned volume elsewhere at a discount
    (:func:`model.mechanisms.energy.reroute`)."""
    _importers_ban(model, ev, model.state.energy_ban)


def _importers_ban(model, ev, bans) -> None:
    """bans[exporter, importer] = max(bans, intensity) for each of the event's importers."""
    e, x = model.world.index(ev.get("exporter")), ev.get("intensity", model.params)
    for code in ev.get("importers"):
        i = model.world.index(code)
        bans[e, i] = max(bans[e, i], x)


@event_type("import_ban", importers=actors(), exporter=actor(), intensity=number(0, 1))
def import_ban(model, ev):
    """The importers ban a share ``intensity`` of their imports of goods other than fuels from
    the exporter (e.g. the UN bans of 2017 on the DPRK's iron, seafood and textiles):
    M = max(M, x) on each flow exporter → importer; it bears on that flow like an export ban
    (:func:`model.mechanisms.trade.frictions`), and what it destroys is deflected to buyers
    that do not ban. Bans on fuels are ``energy_embargo`` events."""
    _importers_ban(model, ev, model.state.import_ban)


@event_type("secondary_sanctions", senders=actors(), intensity=number(0, 1))
def secondary_sanctions(model, ev):
    """The senders enforce their bans against third-country firms and banks (e.g. the US order
    of Dec 2023 on foreign financial institutions): E = max(E, x); re-exports of what they ban
    through the rest of the world shrink (:func:`model.mechanisms.rerouting.reexports`)."""
    x = ev.get("intensity", model.params)
    for code in ev.get("senders"):
        s = model.world.index(code)
        model.state.enforcement[s] = max(model.state.enforcement[s], x)


@event_type("border_closure", actor=actor(), intensity=number(0, 1))
def border_closure(model, ev):
    """The actor closes its borders to freight (e.g. the DPRK's pandemic closure of 2020), or
    reopens them: C = x, the share of its cross-border freight stopped, from this date on
    (each event states the new level, so a later event can lower it). It stops that share of
    every flow to and from the actor (:func:`model.mechanisms.trade.frictions`)."""
    model.state.closure[model.world.index(ev.get("actor"))] = ev.get("intensity", model.params)


@event_type("arms_transfer", supplier=actor(), recipient=actor(),
            volume=number(0, 100), until=month())
def arms_transfer(model, ev):
    """Munitions flow (million rounds/yr) from supplier to recipient, until a month or for good
    (a flow only: no arming decision, no trust shock; for that, ``arm_victim``)."""
    s, r = _ij(model, ev, "supplier", "recipient")
    model.state.arms_flow[s, r] = ev.get("volume", model.params)
    model.expire(ev.get("until"), "arms_flow", s, r)


@event_type("tech_transfer", supplier=actor(), recipient=actor(),
            intensity=number(0, 1), until=month())
def tech_transfer(model, ev):
    """Military technology transfer at an intensity in [0, 1] (size: tech_transfer_size)."""
    s, r = _ij(model, ev, "supplier", "recipient")
    model.state.tech_flow[s, r] = ev.get("intensity", model.params)
    model.expire(ev.get("until"), "tech_flow", s, r)


@event_type("troop_deployment", sender=actor(), host=actor(),
            troops=number(0, 1e7), until=month())
def troop_deployment(model, ev):
    """Troops of the sender deployed in (and fighting for) the host."""
    s, h = _ij(model, ev, "sender", "host")
    model.state.troops[s, h] = ev.get("troops", model.params)
    model.expire(ev.get("until"), "troops", s, h)


@event_type("defence_pact", a=actor(), b=actor(), strength=number(0, 1))
def defence_pact(model, ev):
    """A mutual-defence commitment of a given strength: a signing shock to mutual trust
    (``trust_pact_boost`` × the gain in strength, partly remembered) and, while the pact
    lasts, a higher structural anchor (``trust_init_alliance`` × the gain)."""
    st, (a, b) = model.state, _ij(model, ev, "a", "b")
    new = ev.get("strength", model.params)
    gain = max(0.0, new - st.alliance[a, b])
    st.alliance[a, b] = st.alliance[b, a] = max(st.alliance[a, b], new)
    trust_mech.realign(st.trust_anchor, st.trust_base, a, b, gain, model.params)
    delta = np.zeros_like(st.trust)
    delta[a, b] = delta[b, a] = model.params.trust_pact_boost * gain
    trust_mech.shock(st.trust, st.trust_base, delta, model.param_record[0])


@event_type("alliance_end", a=actor(), b=actor())
def alliance_end(model, ev):
    """A defence commitment ends (lapses, is denounced or not renewed): A = 0; both partners'
    trust in each other falls by ``trust_pact_boost`` × the old strength, and the pact's
    structural anchor (``trust_init_alliance`` × the old strength) is withdrawn."""
    st, (a, b) = model.state, _ij(model, ev, "a", "b")
    old = st.alliance[a, b]
    st.alliance[a, b] = st.alliance[b, a] = 0.0
    trust_mech.realign(st.trust_anchor, st.trust_base, a, b, -old, model.params)
    delta = np.zeros_like(st.trust)
    delta[a, b] = delta[b, a] = -model.params.trust_pact_boost * old
    trust_mech.shock(st.trust, st.trust_base, delta, model.param_record[0])


@event_type("diplomatic_protest", actor=actor(), target=actor(), severity=number(0, 1))
def diplomatic_protest(model, ev):
    """E.g. an ambassador summoned: the protester's trust in the target falls."""
    st, (a, t) = model.state, _ij(model, ev, "actor", "target")
    delta = np.zeros_like(st.trust)
    delta[a, t] = -model.params.trust_protest_shock * ev.get("severity", model.params)
    trust_mech.shock(st.trust, st.trust_base, delta, model.param_record[0])


@event_type("ceasefire", a=actor(), b=actor(), release_sanction_floors=flag(True),
            end_arms_flows=flag(True))
def ceasefire(model, ev):
    """War between a and b ends; states stop arming either side; optionally the belligerents'
    event-imposed sanction floors are released (sanctions then follow endogenous dynamics)
    and munitions flows into the belligerents stop."""
    st, (a, b) = model.state, _ij(model, ev, "a", "b")
    st.war[a, b] = st.war[b, a] = 0.0
    st.aggressor[a, b] = st.aggressor[b, a] = 0.0
    st.arming[:, [a, b]] = 0.0
    if ev.get("release_sanction_floors"):
        st.sanction_floor[:, [a, b]] = 0.0
        st.sanction_floor[[a, b], :] = 0.0
    if ev.get("end_arms_flows"):
        st.arms_flow[:, [a, b]] = 0.0
        st.troops[:, [a, b]] = 0.0


@event_type("summit", a=actor(), b=actor(), warmth=number(-1, 1))
def summit(model, ev):
    """A leaders' meeting: mutual trust moves by ``warmth`` (negative for a failed summit)."""
    st, (a, b) = model.state, _ij(model, ev, "a", "b")
    delta = np.zeros_like(st.trust)
    delta[a, b] = delta[b, a] = ev.get("warmth", model.params)
    trust_mech.shock(st.trust, st.trust_base, delta, model.param_record[0])


@event_type("exit_rules", host=actor(), discount=number(0, 1), contribution=number(0, 1),
            delay_months=number(0, 120), seizure=number(0, 1, required=False, default=0.0))
def exit_rules(model, ev):
    """Host rules for foreign owners selling out, from this date on (each event states them
    all): forced ``discount`` on the sale price, exit ``contribution`` to the budget, risk
    ``seizure`` that an asset awaiting approval of its sale is put under temporary state
    management (its owner can no longer sell), and the approval delay ``delay_months``
    (e.g. Russia's 2022-23 rules for 'unfriendly' investors). They lower what a sale keeps
    (model/mechanisms/firms.py: sale_keep) and delay the exit."""
    h = model.world.index(ev.get("host"))
    model.state.exit_rules[h] = [ev.get(name, model.params) for name in EXIT_TERMS]


#: Every event type, by name: the handlers above, listed explicitly (no registration by import).
REGISTRY = registry(invasion, annexation, norm_violation, sanctions, export_ban, import_ban,
                    energy_embargo, secondary_sanctions, border_closure, arms_transfer,
                    tech_transfer, troop_deployment, defence_pact, alliance_end, diplomatic_protest,
                    ceasefire, summit, exit_rules, join_sanctions, lift_sanctions, arm_victim,
                    press_firms, release_firms)
