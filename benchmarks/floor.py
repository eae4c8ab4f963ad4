"""The floor (issue 8b): the model's pure mechanism functions in a plain loop.

No Mesa, no agents, no event handlers, no decision or firm logging, no data collection: one
month is the sequence of calls of ``model/mechanisms/*`` that ``AllianceModel.step`` makes
(capability, norms, threat, trust, sanctions, pressure, firms' stress and transitions, trade,
FDI), on plain arrays. It starts from the state a model has reached (so wars, flows and
sanctions are in place and every term does work) and is checked against the model month by
month in tests/test_floor.py, so it stays the same computation.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from model.mechanisms import arming as arm_mech
from model.mechanisms import capability as cap_mech
from model.mechanisms import firms as firm_mech
from model.mechanisms import investment as inv_mech
from model.mechanisms import norms as norm_mech
from model.mechanisms import pressure as pressure_mech
from model.mechanisms import sanctions as sanc_mech
from model.mechanisms import threat as threat_mech
from model.mechanisms import trade as trade_mech
from model.mechanisms import trust as trust_mech

OPERATING, SUSPENDED, EXITED = 0, 1, 2


@dataclass
class Floor:
    """Everything one plain-loop month needs, copied out of a model."""

    st: object  # model.state.State (deep copy)
    p: object  # ParamSet
    w: object  # World
    active: np.ndarray
    proximity: np.ndarray
    threat0: np.ndarray
    drivers0: tuple
    friction0: np.ndarray
    risk0: np.ndarray
    gdp_path: np.ndarray
    oil_path: np.ndarray
    gdp: np.ndarray
    demand: np.ndarray
    threat_noise: np.random.Generator
    trust_noise: np.random.Generator
    flows: np.ndarray  # exports + arms payments (the model's ``flows``)
    firms: object | None  # FirmState (deep copy) or None
    war_norms: np.ndarray  # (W, 2) aggressor, norm index: troops fighting for it violate it
    alliance_op: object  # row-normalised alliances (alliances change only through events)
    k: int  # month offset into the precomputed paths


def from_model(model) -> Floor:
    """Copy a model's state and precomputed inputs into a :class:`Floor`."""
    return Floor(st=copy.deepcopy(model.state), p=model.params, w=model.world,
                 active=model.active, proximity=model.proximity, threat0=model.threat0,
                 drivers0=model.sanction_drivers0, friction0=model._friction0,
                 risk0=model._risk0, gdp_path=model._gdp_path, oil_path=model._oil_path,
                 gdp=model.gdp.copy(), demand=model.demand.copy(),
                 threat_noise=copy.deepcopy(model.streams["threat_noise"]),
                 trust_noise=copy.deepcopy(model.streams["trust_noise"]),
                 flows=model.flows.copy(), firms=copy.deepcopy(model.firms), k=model.steps,
                 alliance_op=model.alliance_op, war_norms=model._war_norm_rows.copy())


def month(f: Floor) -> None:
    """One month of mechanisms, in the model's phase order."""
    st, p, w = f.st, f.p, f.w
    k = min(f.k, len(f.gdp_path) - 1)
    # capability
    at_war = st.war.max(axis=1)
    cap_mech.accumulate(st.tech_years, st.experience, st.tech_flow, st.troops, at_war)
    st.attrition = cap_mech.attrition_step(st.attrition, at_war, p.war_attrition_rate)
    st.capability = cap_mech.capability(
        w.capability0, st.tech_years, st.arms_flow, st.troops, st.arming, st.attrition,
        tech_gain=p.tech_capability_gain, arms_gain=p.arms_capability_gain,
        troop_gain=p.troop_capability_gain, support_gain=p.arms_support_gain)
    st.offense = cap_mech.offense(w.offense0, st.tech_years, st.experience,
                                  tech_size=p.tech_transfer_size,
                                  experience_gain=p.combat_experience_gain)
    # norms: ongoing embargoed flows violate each regime
    arms = norm_mech.exchange_intensity(st.arms_flow, p.arms_reference_volume)
    tech, troops = st.tech_flow, st.troops / 1e4
    if norm_mech.flow_violations(st.violations, st.norm_targets, arms, tech, troops,
                                 f.war_norms, st.aggressor,
                                 arms_severity=p.arms_violation_severity,
                                 tech_severity=p.tech_violation_severity,
                                 troop_severity=p.troop_violation_severity):
        delta = norm_mech.violation_trust_delta(
            st.violations, st.commitment, st.voted, st.norm_targets, f.proximity, f.active,
            shock=p.trust_norm_shock, hypocrisy=p.trust_hypocrisy_factor,
            floor=p.norm_exposure_floor)
        trust_mech.shock(st.trust, st.trust_base, delta, p.trust_memory_share)
        norm_mech.erode_commitment(st.commitment, st.violations, p.commitment_erosion)
    norm_mech.update_record(st.record, st.violations, p.violation_memory_months)
    # threat
    power = threat_mech.coalition_power(st.capability, st.alliance, p.threat_alliance_pooling)
    off = threat_mech.offensive_factor(st.offense, w.nuclear, p.threat_offense_weight,
                                       p.threat_nuclear_weight)
    host = threat_mech.hostility(st.trust, p.threat_intent_exponent)
    target = threat_mech.threat_target(power, f.proximity, off, host, f.alliance_op,
                                       p.threat_ally_sharing, p.threat_gain, f.active)
    noise = f.threat_noise.normal(0.0, p.perception_noise_sd, (w.n, w.n))
    st.threat = threat_mech.smooth(st.threat, target, p.threat_adjust_rate, noise, f.active)
    # trust
    coop = trust_mech.cooperation(arms, tech, troops)
    noise = f.trust_noise.normal(0.0, p.trust_noise_sd, (w.n, w.n))
    st.trust = trust_mech.step_trust(
        st.trust, st.trust_base, st.sanctions, st.war, trade_mech.dependence(f.flows, f.gdp),
        coop, noise, w.passive, decay=p.trust_decay_rate, reciprocity=p.trust_reciprocity,
        balance=p.trust_balance_rate, sanction_penalty=p.trust_sanction_penalty,
        war_penalty=p.trust_war_penalty, trade_affinity=p.trust_trade_affinity,
        cooperation_rate=p.trust_cooperation_rate)
    trust_mech.forgive(st.trust_base, st.trust_anchor, p.trust_forgiveness_months)
    # sanctions
    target = sanc_mech.desired(w.sanctions0, f.drivers0, st.threat, f.alliance_op,
                               st.sanctions, st.commitment, st.record, f.flows, f.gdp, st.trust,
                               w_threat=p.sanction_threat_weight, w_ally=p.sanction_ally_weight,
                               w_norm=p.sanction_norm_weight,
                               w_dep=p.sanction_dependence_weight,
                               w_trust=p.sanction_trust_weight)
    st.sanctions = sanc_mech.adjust(st.sanctions, target, st.sanction_floor,
                                    p.sanction_adjust_rate, f.active)
    ally = sanc_mech.allied_sanctions(f.alliance_op, st.sanctions)
    _arming(f)
    # home governments' pressure on their firms
    st.pressure = pressure_mech.step_pressure(st.pressure, st.threat, f.threat0, ally, f.active,
                                              w_threat=p.pressure_threat_weight,
                                              w_ally=p.pressure_ally_weight,
                                              rate=p.pressure_adjust_rate)
    # firms: stress and transitions
    if f.firms is not None:
        _firms(f, ally, at_war)
    # trade
    f.gdp = f.gdp_path[k]
    free = trade_mech.base_flows(w.exports0, f.gdp / w.gdp0, f.oil_path[k], w.energy_share,
                                 p.oil_price_elasticity, p.oil_import_elasticity)
    base = free
    if f.firms is not None:
        fs = f.firms
        base = trade_mech.firm_ties(free, fs.pair_home, fs.pair_host,
                                    firm_mech.presence(fs.live0, fs.assets0_total),
                                    p.firm_trade_tie)
    fric = trade_mech.friction(st.sanctions, st.export_ban, st.trust, st.war,
                               phi_s=p.trade_sanction_friction, phi_b=p.trade_ban_friction,
                               phi_d=p.trade_distrust_friction, phi_w=p.trade_war_friction)
    st.exports = trade_mech.step_trade(
        st.exports, base, fric, f.friction0, st.trust, st.sanctions, share=p.deflection_share,
        import_share=p.import_substitution_share, trust_weight=p.deflection_trust_weight,
        rate=p.trade_adjust_rate)
    st.transfers = st.arms_flow.T * (p.arms_unit_value_usd_bn * p.arms_payment_share)
    f.flows = st.exports + st.transfers
    f.demand = trade_mech.import_demand(f.flows, free)
    # FDI
    risk = inv_mech.political_risk(st.threat, st.sanctions, st.export_ban, at_war,
                                   w_threat=p.fdi_risk_threat_weight,
                                   w_sanction=p.fdi_risk_sanction_weight,
                                   w_war=p.fdi_risk_war_weight)
    st.fdi = inv_mech.step_fdi(st.fdi, risk, f.risk0, w.gdp_growth, exit_rate=p.fdi_exit_rate,
                               threshold=p.fdi_risk_threshold)
    if f.firms is not None:
        fs = f.firms
        firm_mech.grow(fs.assets, fs.status, fs.group, fs.pair_host, w.gdp_growth)
        st.fdi = firm_mech.group_fdi(st.fdi, fs.group, fs.assets, fs.pair_home, fs.pair_host)
    f.k += 1


def _arming(f: Floor) -> None:
    """States' rule for arming a victim of aggression (agents/state.py), without the log."""
    st, p = f.st, f.p
    for a, v in zip(*np.nonzero(st.aggressor), strict=True):
        for i in arm_mech.wants_to_arm(st.threat, st.trust, st.arming, st.war, st.alliance,
                                       f.active, a, v, threshold=p.arm_victim_threshold,
                                       ally_pressure=p.arm_victim_ally_pressure,
                                       min_trust=p.arm_victim_min_trust):
            st.arming[i, v] = 1.0
            delta = np.zeros_like(st.trust)
            delta[a, i] = -p.trust_arms_supply_shock
            trust_mech.shock(st.trust, st.trust_base, delta, p.trust_memory_share)


def _firms(f: Floor, ally: np.ndarray, at_war: np.ndarray) -> None:
    """Firm stress (the firm mechanisms) and the transition rules, applied in bulk (sales
    complete at once; no logs or group tallies)."""
    st, p, fs, ft = f.st, f.p, f.firms, f.w.firms
    home, host = fs.pair_home, fs.pair_host
    loss = firm_mech.profit_loss(st.sanctions, st.export_ban, ally, f.demand, home, host,
                                 w_s=p.firm_sanction_weight, w_b=p.firm_ban_weight,
                                 w_a=p.firm_ally_weight, w_d=p.firm_demand_weight)
    risk = firm_mech.political_risk(st.threat, f.threat0, st.pressure, at_war, home, host,
                                    w_t=p.firm_threat_weight, w_p=p.firm_pressure_weight,
                                    w_w=p.firm_war_weight)
    peer = firm_mech.peer_stress(fs.counts, fs.group_size, p.firm_peer_weight)
    _, _, suspend, resume, sell, reenter = firm_mech.decisions(
        fs.group, host, fs.tolerance, fs.status, fs.exit_due, fs.months_suspended, ft.sunk,
        loss + risk + peer, firm_mech.sale_keep(st.exit_discount, st.exit_contribution),
        at_war, hysteresis=p.firm_hysteresis, idle_cost=p.firm_idle_cost,
        exit_weight=p.firm_exit_cost_weight, exit_margin=p.firm_exit_margin,
        reentry_margin=p.firm_reentry_margin)
    firm_mech.tick_suspended(fs.months_suspended, fs.status)
    fs.status[suspend] = SUSPENDED
    fs.status[resume] = OPERATING
    fs.status[sell] = EXITED
    fs.status[reenter] = OPERATING


def run(floor: Floor, months: int) -> Floor:
    for _ in range(months):
        month(floor)
    return floor
