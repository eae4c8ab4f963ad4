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
from model.mechanisms import sanctions as sanc_mech
from model.mechanisms import threat as threat_mech
from model.mechanisms import trade as trade_mech
from model.mechanisms import trust as trust_mech
from model.mechanisms.arrays import clip, zero_diagonal

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
    firms: object | None  # FirmState (deep copy) or None
    war_norms: list  # (aggressor, norm index): troops fighting for it violate the norm
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
                 firms=copy.deepcopy(model.firms), k=model.steps, alliance_op=model.alliance_op,
                 war_norms=[(a, model.state.norm_index(nm))
                            for (a, _), nm in model.war_norms.items()])


def month(f: Floor) -> None:
    """One month of mechanisms, in the model's phase order."""
    st, p, w = f.st, f.p, f.w
    k = min(f.k, len(f.gdp_path) - 1)
    # capability
    at_war = st.war.max(axis=1)
    cap_mech.accumulate(st.tech_years, st.experience, st.tech_flow, st.troops, at_war)
    st.attrition = cap_mech.attrition_step(st.attrition, at_war, p.war_attrition_rate)
    st.capability = cap_mech.capability(
        w.capability0, st.tech_years, st.arms_flow.sum(axis=0), st.troops.sum(axis=0),
        st.arming.sum(axis=0), st.attrition, tech_gain=p.tech_capability_gain,
        arms_gain=p.arms_capability_gain, troop_gain=p.troop_capability_gain,
        support_gain=p.arms_support_gain)
    st.offense = cap_mech.offense(w.offense0, st.tech_years, st.experience,
                                  tech_size=p.tech_transfer_size,
                                  experience_gain=p.combat_experience_gain)
    # norms: ongoing embargoed flows violate each regime
    arms = norm_mech.exchange_intensity(st.arms_flow, p.arms_reference_volume)
    tech, troops = st.tech_flow, st.troops / 1e4
    norm_mech.flow_violations(st.violations, st.norm_targets, arms, tech, troops, f.war_norms,
                              st.aggressor, arms_severity=p.arms_violation_severity,
                              tech_severity=p.tech_violation_severity,
                              troop_severity=p.troop_violation_severity)
    if st.violations.any():
        delta = norm_mech.violation_trust_delta(
            st.violations, st.commitment, st.voted, st.norm_targets, f.proximity,
            shock=p.trust_norm_shock, hypocrisy=p.trust_hypocrisy_factor,
            floor=p.norm_exposure_floor)
        delta[w.passive] = 0.0
        trust_mech.shock(st.trust, st.trust_base, delta, p.trust_memory_share)
        norm_mech.erode_commitment(st.commitment, st.violations, p.commitment_erosion)
    norm_mech.update_record(st.record, st.violations, p.violation_memory_months)
    st.violations[:] = 0.0
    # threat
    power = threat_mech.coalition_power(st.capability, st.alliance, p.threat_alliance_pooling)
    off = threat_mech.offensive_factor(st.offense, w.nuclear, p.threat_offense_weight,
                                       p.threat_nuclear_weight)
    host = threat_mech.hostility(st.trust, p.threat_intent_exponent)
    target = threat_mech.threat_target(power, f.proximity, off, host, f.alliance_op,
                                       p.threat_ally_sharing, p.threat_gain, f.active)
    noise = f.threat_noise.normal(0.0, p.perception_noise_sd, (w.n, w.n))
    st.threat = threat_mech.smooth(st.threat, target, p.threat_adjust_rate, noise)
    st.threat[~f.active] = 0.0
    st.threat[:, ~f.active] = 0.0
    zero_diagonal(st.threat)
    # trust
    coop = trust_mech.cooperation(arms, tech, troops)
    x = st.exports + st.transfers
    noise = f.trust_noise.normal(0.0, p.trust_noise_sd, (w.n, w.n))
    new = trust_mech.step_trust(
        st.trust, st.trust_base, st.sanctions, st.war, trade_mech.dependence(x, f.gdp), coop,
        noise, decay=p.trust_decay_rate, reciprocity=p.trust_reciprocity,
        balance=p.trust_balance_rate, sanction_penalty=p.trust_sanction_penalty,
        war_penalty=p.trust_war_penalty, trade_affinity=p.trust_trade_affinity,
        cooperation_rate=p.trust_cooperation_rate)
    new[w.passive, :] = st.trust[w.passive, :]
    new[:, w.passive] = st.trust[:, w.passive]
    st.trust = new
    trust_mech.forgive(st.trust_base, st.trust_anchor, p.trust_forgiveness_months)
    # sanctions
    now = sanc_mech.drivers(st.threat, f.alliance_op, st.sanctions, st.commitment, st.record,
                            st.exports + st.transfers, f.gdp, st.trust)
    target = sanc_mech.desired(w.sanctions0, now, f.drivers0, w_threat=p.sanction_threat_weight,
                               w_ally=p.sanction_ally_weight, w_norm=p.sanction_norm_weight,
                               w_dep=p.sanction_dependence_weight,
                               w_trust=p.sanction_trust_weight)
    st.sanctions = sanc_mech.adjust(st.sanctions, target, st.sanction_floor,
                                    p.sanction_adjust_rate, f.active)
    _arming(f)
    # home governments' pressure on their firms
    ally = sanc_mech.allied_sanctions(f.alliance_op, st.sanctions)
    target = clip(p.pressure_threat_weight * np.maximum(0.0, st.threat - f.threat0)
                     + p.pressure_ally_weight * ally, 0.0, 1.0)
    target[~f.active] = 0.0
    pressure = st.pressure + p.pressure_adjust_rate * (target - st.pressure)
    zero_diagonal(pressure)
    st.pressure = pressure
    # firms: stress and transitions
    if f.firms is not None:
        _firms(f, ally)
    # trade
    f.gdp = f.gdp_path[k]
    base = trade_mech.base_flows(w.exports0, f.gdp / w.gdp0, f.oil_path[k], w.energy_share,
                                 p.oil_price_elasticity, p.oil_import_elasticity)
    free_imports = base.sum(axis=0)
    if f.firms is not None:
        fs = f.firms
        base = trade_mech.firm_ties(base, fs.pair_home, fs.pair_host,
                                    fs.live0 / np.maximum(fs.assets0_total, 1e-300),
                                    p.firm_trade_tie)
    fric = trade_mech.friction(st.sanctions, st.export_ban, st.trust, st.war,
                               phi_s=p.trade_sanction_friction, phi_b=p.trade_ban_friction,
                               phi_d=p.trade_distrust_friction, phi_w=p.trade_war_friction)
    direct = base * (fric / f.friction0)
    deflected = trade_mech.deflect(base, direct, fric, st.trust, st.sanctions,
                                   share=p.deflection_share,
                                   import_share=p.import_substitution_share,
                                   trust_weight=p.deflection_trust_weight)
    st.exports = trade_mech.adjust(st.exports, direct + deflected, p.trade_adjust_rate)
    st.transfers = st.arms_flow.T * (p.arms_unit_value_usd_bn * p.arms_payment_share)
    imports = (st.exports + st.transfers).sum(axis=0)
    f.demand = np.divide(imports, free_imports, out=np.ones(w.n), where=free_imports > 0)
    # FDI
    risk = inv_mech.political_risk(st.threat, st.sanctions, st.export_ban, st.war.max(axis=1),
                                   w_threat=p.fdi_risk_threat_weight,
                                   w_sanction=p.fdi_risk_sanction_weight,
                                   w_war=p.fdi_risk_war_weight)
    st.fdi = inv_mech.step_fdi(st.fdi, risk, f.risk0, w.gdp_growth, exit_rate=p.fdi_exit_rate,
                               threshold=p.fdi_risk_threshold)
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


def _firms(f: Floor, ally: np.ndarray) -> None:
    """Firm stress (the firm mechanisms) and the four transition rules, applied in bulk."""
    st, p, fs, ft = f.st, f.p, f.firms, f.w.firms
    home, host = fs.pair_home, fs.pair_host
    loss = firm_mech.profit_loss(st.sanctions, st.export_ban, ally, f.demand, home, host,
                                 w_s=p.firm_sanction_weight, w_b=p.firm_ban_weight,
                                 w_a=p.firm_ally_weight, w_d=p.firm_demand_weight)
    risk = firm_mech.political_risk(st.threat, f.threat0, st.pressure, st.war.max(axis=1),
                                    home, host, w_t=p.firm_threat_weight,
                                    w_p=p.firm_pressure_weight, w_w=p.firm_war_weight)
    peer = p.firm_peer_weight * (fs.counts[:, 1] + fs.counts[:, 2]) / np.maximum(
        fs.group_size, 1)
    g, tol, status = fs.group, fs.tolerance, fs.status
    stress = (loss + risk + peer)[g]
    keep = firm_mech.sale_keep(st.exit_discount, st.exit_contribution)[host][g]
    exitc = firm_mech.exit_cost(ft.sunk, keep)
    op, sus = status == OPERATING, status == SUSPENDED
    waiting = sus & (fs.exit_due < 0)
    resume = waiting & (stress < tol - p.firm_hysteresis)
    sell = waiting & ~resume & (stress + p.firm_idle_cost * fs.months_suspended
                                - p.firm_exit_cost_weight * exitc > tol + p.firm_exit_margin)
    np.add(fs.months_suspended, 1.0, out=fs.months_suspended, where=sus)
    status[op & (stress > tol)] = SUSPENDED
    status[resume] = OPERATING
    status[sell] = EXITED


def run(floor: Floor, months: int) -> Floor:
    for _ in range(months):
        month(floor)
    return floor
