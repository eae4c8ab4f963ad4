"""The floor (issue 8b): the model's pure mechanism functions in a plain loop.

No Mesa, no agents, no event handlers, no decision or firm logging, no data collection: one
month is the sequence of calls of ``model/mechanisms/*`` that ``AllianceModel.step`` makes
(capability, norms, threat, trust, sanctions, pressure, firms' stress and transitions, trade,
FDI), on plain arrays. It starts from the state a model has reached (so wars, flows and
sanctions are in place and every term does work) and is checked against the model month by
month in tests/test_floor.py, so it stays the same computation. What follows from events only
(wars, alliances, flow intensities, arms payments) is taken once from the model, as no events
happen here.
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
from model.metrics import SANCTIONING_THRESHOLD
from model.model import NO_PAIRS, NO_SHARES

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
    threat_noise: object  # model.model.MonthlyNormals (deep copy)
    trust_noise: object
    flows: np.ndarray  # exports + arms payments (the model's ``flows``)
    at_war: np.ndarray
    aggressions: list
    intensities: tuple  # munitions, technology, troops: fixed, as no events happen here
    arms_payments: np.ndarray
    firms: object | None  # FirmState (deep copy) or None
    war_norms: np.ndarray  # (W, 2) aggressor, norm index: troops fighting for it violate it
    alliance_op: object  # row-normalised alliances (alliances change only through events)
    firm_pair_mask: np.ndarray  # (home, host) pairs with firms
    ally: np.ndarray  # allies' sanctions (updated in place)
    k: int  # month offset into the precomputed paths


def from_model(model) -> Floor:
    """Copy a model's state and precomputed inputs into a :class:`Floor`."""
    return Floor(st=copy.deepcopy(model.state), p=model.params, w=model.world,
                 active=model.active, proximity=model.proximity, threat0=model.threat0,
                 drivers0=model.sanction_drivers0, friction0=model._friction0,
                 risk0=model._risk0, gdp_path=model._gdp_path, oil_path=model._oil_path,
                 gdp=model.gdp.copy(), demand=model.demand.copy(),
                 threat_noise=copy.deepcopy(model.noise["threat_noise"]),
                 trust_noise=copy.deepcopy(model.noise["trust_noise"]),
                 flows=model.flows.copy(), at_war=model.at_war, aggressions=model.aggressions,
                 intensities=model.intensities,
                 arms_payments=model.arms_payments, firms=copy.deepcopy(model.firms), k=model.steps,
                 alliance_op=model.alliance_op, firm_pair_mask=model.firm_pair_mask,
                 ally=model.allied_sanctions.copy(),
                 war_norms=model._war_norm_rows.copy())


def month(f: Floor) -> None:
    """One month of mechanisms, in the model's phase order."""
    st, p, w = f.st, f.p, f.w
    k = min(f.k, len(f.gdp_path) - 1)
    at_war = f.at_war
    # capability
    cap_mech.capability_month(
        w.capability0, w.offense0, st.tech_years, st.experience, st.attrition, st.capability,
        st.offense, st.tech_flow, st.arms_flow, st.troops, st.arming, at_war,
        p.war_attrition_rate,
        p.tech_capability_gain, p.arms_capability_gain, p.troop_capability_gain,
        p.arms_support_gain, p.tech_transfer_size, p.combat_experience_gain)
    # norms: ongoing embargoed flows violate each regime
    arms, tech, troops = f.intensities
    norm_mech.norms_month(
        st.violations, st.record, st.commitment, st.trust, st.trust_base, st.norm_targets,
        st.voted, arms, tech, troops, f.war_norms, st.aggressor, f.proximity, f.active,
        p.arms_violation_severity, p.tech_violation_severity, p.troop_violation_severity,
        p.trust_norm_shock, p.trust_hypocrisy_factor, p.norm_exposure_floor,
        p.trust_memory_share, p.commitment_erosion, p.violation_memory_months)
    # threat
    threat_mech.step_threat(
        st.threat, st.capability, st.alliance, st.offense, w.nuclear, st.trust, f.proximity,
        f.alliance_op, f.threat_noise.next(), p.perception_noise_sd, f.active,
        p.threat_alliance_pooling, p.threat_offense_weight, p.threat_nuclear_weight,
        p.threat_intent_exponent, p.threat_ally_sharing, p.threat_gain, p.threat_adjust_rate)
    # trust
    trust_mech.trust_month(
        st.trust, st.trust_base, st.trust_anchor, st.sanctions, st.war, f.flows, f.gdp, arms,
        tech, troops, f.trust_noise.next(), p.trust_noise_sd, w.passive, p.trust_decay_rate,
        p.trust_reciprocity, p.trust_balance_rate, p.trust_sanction_penalty, p.trust_war_penalty,
        p.trust_trade_affinity, p.trust_cooperation_rate, p.trust_forgiveness_months)
    # sanctions
    ally = f.ally
    sanc_mech.sanctions_month(
        w.sanctions0, f.drivers0, st.threat, f.alliance_op, st.sanctions, ally, st.commitment,
        st.record, f.flows, f.gdp, st.trust, st.sanction_floor, f.active,
        p.sanction_threat_weight, p.sanction_ally_weight, p.sanction_norm_weight,
        p.sanction_dependence_weight, p.sanction_trust_weight, p.sanction_adjust_rate,
        SANCTIONING_THRESHOLD)
    _arming(f)
    # home governments' pressure on their firms
    pressure_mech.pressure_month(
        st.pressure, st.threat, f.threat0, ally, f.active, f.firm_pair_mask,
        p.pressure_threat_weight, p.pressure_ally_weight, p.pressure_adjust_rate,
        pressure_mech.PRESSING)
    # firms: stress and transitions
    fs = f.firms
    if fs is not None:
        _firms(f, ally, at_war)
    # trade
    f.gdp = f.gdp_path[k]
    home, host, live0, total0 = ((fs.pair_home, fs.pair_host, fs.live0, fs.assets0_total)
                                 if fs is not None else (NO_PAIRS, NO_PAIRS, NO_SHARES, NO_SHARES))
    st.transfers = f.arms_payments
    trade_mech.trade_month(
        st.exports, f.flows, f.demand, st.transfers, w.exports0, f.gdp / w.gdp0, f.oil_path[k],
        w.energy_share, p.oil_price_elasticity, p.oil_import_elasticity, home, host, live0, total0,
        p.firm_trade_tie,
        st.sanctions, st.export_ban, st.trust, st.war, f.friction0, p.trade_sanction_friction,
        p.trade_ban_friction, p.trade_distrust_friction, p.trade_war_friction,
        p.deflection_share, p.import_substitution_share, p.deflection_trust_weight,
        p.trade_adjust_rate)
    # FDI
    inv_mech.fdi_month(st.fdi, st.threat, st.sanctions, st.export_ban, at_war, f.risk0,
                                w.gdp_growth, p.fdi_risk_threat_weight,
                                p.fdi_risk_sanction_weight, p.fdi_risk_war_weight,
                                p.fdi_exit_rate, p.fdi_risk_threshold)
    if fs is not None:
        firm_mech.invest_month(st.fdi, fs.assets, fs.status, fs.group, fs.pair_home,
                                        fs.pair_host, w.gdp_growth)
    f.k += 1


def _arming(f: Floor) -> None:
    """States' rule for arming a victim of aggression (agents/state.py), without the log."""
    st, p = f.st, f.p
    for a, v in f.aggressions:
        for i in arm_mech.wants_to_arm(st.threat, st.trust, st.arming, st.war, st.alliance,
                                       f.active, a, v, threshold=p.arm_victim_threshold,
                                       ally_pressure=p.arm_victim_ally_pressure,
                                       min_trust=p.arm_victim_min_trust):
            arm_mech.start_arming(st.arming, st.trust, st.trust_base, a, i, v,
                                  p.trust_arms_supply_shock, p.trust_memory_share)


def _firms(f: Floor, ally: np.ndarray, at_war: np.ndarray) -> None:
    """Firm stress (the firm mechanisms) and the transition rules, applied in bulk (sales
    complete at once; no logs or group tallies)."""
    st, p, fs, ft = f.st, f.p, f.firms, f.w.firms
    *_, total = firm_mech.group_stress(
        st.sanctions, st.export_ban, ally, f.demand, st.threat, f.threat0, st.pressure, at_war,
        fs.pair_home, fs.pair_host, fs.counts, fs.group_size, p.firm_sanction_weight,
        p.firm_ban_weight, p.firm_ally_weight, p.firm_demand_weight, p.firm_threat_weight,
        p.firm_pressure_weight, p.firm_war_weight, p.firm_peer_weight)
    _, _, suspend, resume, sell, reenter = firm_mech.decisions(
        fs.group, fs.pair_host, fs.tolerance, fs.status, fs.exit_due, fs.months_suspended,
        ft.sunk, total, st.exit_discount, st.exit_contribution, at_war, p.firm_hysteresis,
        p.firm_idle_cost, p.firm_exit_cost_weight, p.firm_exit_margin, p.firm_reentry_margin)
    firm_mech.tick_suspended(fs.months_suspended, fs.status)
    fs.status[suspend] = SUSPENDED
    fs.status[resume] = OPERATING
    fs.status[sell] = EXITED
    fs.status[reenter] = OPERATING


def run(floor: Floor, months: int) -> Floor:
    for _ in range(months):
        month(floor)
    return floor
