"""Event types that force a state's decision at a date (sanctions, arming a victim, pressing
firms), through the same code as the endogenous decisions of :mod:`model.phases`.

Each handler changes the state with the decision phase's own kernel or rule and reports the
decision with ``model.on_decision`` (the deciding StateAgent writes the decision log), so a
forced decision has the endogenous one's consequences: the aggressor's trust shock, the
victim's capability, sanction floors and crossings, firms' pressure. Listed in
:data:`model.event_types.REGISTRY` (docs/CONTRIBUTING.md, "Add an event type").
"""

from __future__ import annotations

from model.errors import InputError
from model.event_fields import actor, actors, event_type, flag, month, number, text
from model.mechanisms import arming as arm_mech
from model.mechanisms.pressure import PRESSING
from model.metrics import SANCTIONING_THRESHOLD


def report_sanctions_crossing(on_decision, sanctions, i: int, j: int) -> None:
    """Log through ``on_decision`` that i's sanctions on j crossed the sanctioning threshold
    (either way): the same decision whether the sanctions phase or a forced event moved them."""
    kind = "joins_sanctions" if sanctions[i, j] >= SANCTIONING_THRESHOLD else "leaves_sanctions"
    on_decision(i, kind, j, level=SANCTIONING_THRESHOLD)


def set_sanctions(model, ev, senders, t: int, x: float, mode: str) -> None:
    """Sanctions of each sender on target ``t``: mode raise (S = max(S, x), floor raised to
    keep·x), set (S = x, floor keep·x) or lift (floor 0, S = min(S, x)); keep is
    ``sanction_event_floor_share``. Crossing the sanctioning threshold either way is logged as
    the endogenous crossing is (``joins_sanctions`` / ``leaves_sanctions``)."""
    st, keep = model.state, model.params.sanction_event_floor_share
    for code in senders:
        s = model.world.index(code)
        if s == t:
            continue
        before = st.sanctions[s, t]
        if mode == "raise":
            st.sanctions[s, t] = max(st.sanctions[s, t], x)
            st.sanction_floor[s, t] = max(st.sanction_floor[s, t], keep * x)
        elif mode == "set":
            st.sanctions[s, t] = x
            st.sanction_floor[s, t] = keep * x
        elif mode == "lift":
            st.sanction_floor[s, t] = 0.0
            st.sanctions[s, t] = min(st.sanctions[s, t], x)
        else:
            raise InputError(ev.id, "mode", f"{mode!r} is not raise, set or lift")
        now = st.sanctions[s, t]
        if (before >= SANCTIONING_THRESHOLD) != (now >= SANCTIONING_THRESHOLD):
            report_sanctions_crossing(model.on_decision, st.sanctions, s, t)


@event_type("sanctions", senders=actors(), target=actor(), intensity=number(0, 1),
            mode=text(default="raise"))
def sanctions(model, ev):
    """Senders impose sanctions: mode raise (S = max(S, x)), set (S = x) or lift (floor = 0,
    S = min(S, x)). Imposed levels become floors under endogenous easing
    (× sanction_event_floor_share); crossing 0.5 is logged as a decision."""
    set_sanctions(model, ev, ev.get("senders"), model.world.index(ev.get("target")),
                  ev.get("intensity", model.params), ev.get("mode"))


@event_type("join_sanctions", senders=actors(), target=actor(), intensity=number(0, 1))
def join_sanctions(model, ev):
    """Forced decision: the senders sanction the target at ``intensity`` or more from this
    month (S = max(S, x), kept as a floor under endogenous easing × sanction_event_floor_share;
    ``joins_sanctions`` logged when S reaches 0.5). E.g. China at 0.3 on Russia:
    ``type = "join_sanctions"``, ``senders = ["CHN"]``, ``target = "RUS"``,
    ``intensity = 0.3``."""
    set_sanctions(model, ev, ev.get("senders"), model.world.index(ev.get("target")),
                  ev.get("intensity", model.params), "raise")


@event_type("lift_sanctions", senders=actors(), target=actor(),
            intensity=number(0, 1, required=False, default=0.0))
def lift_sanctions(model, ev):
    """Forced decision: the senders lift their sanctions on the target to ``intensity``
    (default 0) and release any event-imposed floor; afterwards sanctions follow the
    endogenous rule (``leaves_sanctions`` logged when S falls below 0.5)."""
    x = ev.get("intensity", model.params)
    set_sanctions(model, ev, ev.get("senders"), model.world.index(ev.get("target")),
                  0.0 if x is None else x, "lift")


def start_support(on_decision, arming, trust, trust_base, lethal_since, month: int, params,
                  s: int, v: int, a: int, level: float) -> None:
    """State ``s`` starts (or raises) its support of ``v``, victim of ``a``, to ``level``
    (:func:`model.mechanisms.arming.start_arming`), the same decision whether the arming phase
    or a forced event takes it: logged through ``on_decision`` as ``arms_victim`` (lethal,
    level 1) or ``aids_victim`` (non-lethal); ``lethal_since[s, v]`` keeps the month of s's
    first lethal arming of v (the timing metrics, model/metrics.py)."""
    arm_mech.start_arming(arming, trust, trust_base, a, s, v, level, params)
    lethal = level >= 1.0
    if lethal and lethal_since[s, v] < 0:
        lethal_since[s, v] = month
    on_decision(s, "arms_victim" if lethal else "aids_victim", v, aggressor=a)


def _aggressors(model, ev, v: int) -> list[int]:
    st = model.state
    if ev.get("aggressor"):
        return [model.world.index(ev.get("aggressor"))]
    found = [int(a) for a in range(st.aggressor.shape[0]) if st.aggressor[a, v] > 0]
    if not found:
        raise InputError(ev.id, "aggressor", f"no state is at war with {ev.get('victim')} as "
                         f"aggressor on {ev.date:%Y-%m}; name the aggressor")
    return found


@event_type("arm_victim", supplier=actor(), victim=actor(), aggressor=actor(required=False),
            lethal=flag(True), until=month())
def arm_victim(model, ev):
    """Forced decision: the supplier starts arming the victim of an aggression, as the
    endogenous rule would (:func:`start_support`), whatever its lethal-export limit: support
    A_sv = 1 (lethal) or ``nonlethal_support_share`` (``lethal = false``) adds to the victim's
    capability (× ``arms_support_gain``), and the aggressor's trust in the supplier drops by
    ``trust_arms_supply_shock`` × that support; logged as ``arms_victim`` (lethal) or
    ``aids_victim``; for KOR → UKR it moves ``kor_arms_to_ukr`` (lethal) or
    ``kor_nonlethal_to_ukr`` and the timing ``kor_ukr_months_to_lethal``. The aggressor
    defaults to every state marked aggressor on the victim that month; ``until`` ends the
    support. Not a munitions flow (that is ``arms_transfer``)."""
    s, v = model.world.index(ev.get("supplier")), model.world.index(ev.get("victim"))
    level = 1.0 if ev.get("lethal") else model.params.nonlethal_support_share
    st = model.state
    for a in _aggressors(model, ev, v):
        start_support(model.on_decision, st.arming, st.trust, st.trust_base, st.lethal_since,
                      model.month, model.param_record, s, v, a, level)
    model.expire(ev.get("until"), "arming", s, v)


@event_type("press_firms", home=actor(), hosts=actors(),
            level=number(0, 1, required=False, default=1.0))
def press_firms(model, ev):
    """Forced decision: the home government presses its firms to leave each host: pressure
    P = max(P, level) (default 1), held as a floor under the endogenous rule until
    ``release_firms``; ``presses_firms`` logged when P reaches 0.5."""
    st, h = model.state, model.world.index(ev.get("home"))
    x = ev.get("level", model.params)
    x = 1.0 if x is None else x
    for code in ev.get("hosts"):
        j = model.world.index(code)
        if j == h:
            continue
        before = st.pressure[h, j]
        st.pressure[h, j] = max(before, x)
        st.pressure_floor[h, j] = max(st.pressure_floor[h, j], x)
        if before < PRESSING <= st.pressure[h, j]:
            model.on_decision(h, "presses_firms", j, level=PRESSING)


@event_type("release_firms", home=actor(), hosts=actors())
def release_firms(model, ev):
    """Forced decision: the home government stops holding its firms' pressure: the floor set
    by ``press_firms`` is released and pressure follows the endogenous rule again (it relaxes
    toward its target at ``pressure_adjust_rate``)."""
    h = model.world.index(ev.get("home"))
    for code in ev.get("hosts"):
        model.state.pressure_floor[h, model.world.index(code)] = 0.0
