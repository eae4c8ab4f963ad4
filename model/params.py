"""Every model parameter, declared once.

Each :class:`Param` carries its default, bounds, unit, meaning, source and kind:

* ``uncertainty`` — an empirical quantity we do not know well (swept in sensitivity analysis);
* ``lever`` — a policy choice a state could make differently (swept in policy experiments);
* ``constant`` — a modelling convention or a well-established figure.

The CLI (``--set``), experiment designs (bounds), the viz sliders and the ODD parameter table
are all generated from :data:`PARAMS`. Mechanisms read every value by its declared name from
``p``: in compiled kernels the run's parameter record (:meth:`ParamSet.record`, a NumPy
structured record whose fields are the declared names, :data:`RECORD_DTYPE`), in plain Python
the :class:`ParamSet` itself. A parameter's name in this file, in a kernel, in the ODD table,
in ``--set`` and in a sweep is the same word; tests/test_params_used.py fails if code reads a
name that is not declared here, or if a declared parameter is read nowhere.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from model.errors import InputError

KINDS = ("uncertainty", "lever", "constant")


@dataclass(frozen=True)
class Param:
    name: str
    default: float
    lo: float
    hi: float
    unit: str
    meaning: str
    source: str
    kind: str = "uncertainty"
    group: str = "general"
    integer: bool = False
    prior: float | None = None  # the declared default, when calibration replaced it

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.name}: kind must be one of {KINDS}")
        if not self.lo <= self.default <= self.hi:
            raise ValueError(f"{self.name}: default {self.default} outside [{self.lo}, {self.hi}]")


def _p(name, default, lo, hi, unit, meaning, source, kind="uncertainty", group="general", **kw):
    return Param(name, default, lo, hi, unit, meaning, source, kind, group, **kw)


_EST = "estimate (model convention; to be calibrated, see docs/ODD.md §7)"
_FIRM_FACTS = ("estimate, tuned within its bounds on the firm facts to mid-2024 (Korean "
               "firms present in 2023-12, Western exits by 2022-11, foreign firms' complete "
               "exits by 2024-01 (KSE), Hyundai's sale: targets *firms* and hyundai_exit in "
               "calibration/targets.csv)")
_WALT = "Walt, The Origins of Alliances (1987): threat = power × proximity × offence × intent"

_DECLARED: tuple[Param, ...] = (
    # --- threat perception (balance of threat) -------------------------------------------
    _p("threat_alliance_pooling", 0.5, 0.0, 1.0, "share",
       "Share of an ally's capability added to a state's coalition power (per unit alliance "
       "strength).", _WALT + "; " + _EST, group="threat"),
    _p("threat_proximity_km", 2500.0, 500.0, 10000.0, "km",
       "e-folding distance of proximity: proximity = exp(-distance / this).",
       "Boulding's loss-of-strength gradient (1962); " + _EST, group="threat"),
    _p("threat_nuclear_weight", 0.5, 0.0, 2.0, "1",
       "Weight of nuclear status in offensive capability.", _WALT + "; " + _EST, group="threat"),
    _p("threat_offense_weight", 1.0, 0.0, 3.0, "1",
       "Weight of the long-range strike (missile) index in offensive capability.",
       _WALT + "; " + _EST, group="threat"),
    _p("threat_intent_exponent", 3.0, 0.5, 4.0, "1",
       "Exponent on hostile intent h = ((1 - trust)/2)^k: higher = threat concentrated on "
       "clear enemies.", _EST, group="threat"),
    _p("threat_gain", 4.0, 1.0, 50.0, "1",
       "Saturation gain mapping raw threat to [0, 1]: threat = 1 - exp(-gain × raw).",
       _EST, group="threat"),
    _p("threat_ally_sharing", 0.2, 0.0, 1.0, "share",
       "Share of allies' threat from a third state that a state adopts as its own.",
       _WALT + " (alliance commitments transmit threat); " + _EST, group="threat"),
    _p("threat_adjust_rate", 0.25, 0.01, 1.0, "1/month",
       "Speed at which perceived threat moves toward its current target.", _EST,
       group="threat"),
    _p("perception_noise_sd", 0.01, 0.0, 0.1, "threat units",
       "Monthly Gaussian noise on each perceived threat (idiosyncratic perception).",
       _EST, group="threat"),
    # --- trust -------------------------------------------------------------------------
    _p("trust_decay_rate", 0.01, 0.0, 0.1, "1/month",
       "Relaxation of trust toward its (slowly moving) baseline.", _EST, group="trust"),
    _p("trust_reciprocity", 0.02, 0.0, 0.2, "1/month",
       "Pull of i's trust in j toward j's trust in i (reciprocity).",
       "Axelrod, The Evolution of Cooperation (1984); " + _EST, group="trust"),
    _p("trust_balance_rate", 0.01, 0.0, 0.2, "1/month",
       "Structural-balance pull: i's trust in j moves toward mean_k trust(i,k)·trust(k,j).",
       "Heider (1946); Antal, Krapivsky & Redner, PRE 72, 036121 (2005); Marvel et al., "
       "PNAS (2011)", group="trust"),
    _p("trust_sanction_penalty", 0.003, 0.0, 0.3, "1/month",
       "Monthly fall of a target's trust in a sender per unit sanction intensity.", _EST,
       group="trust"),
    _p("trust_noise_sd", 0.005, 0.0, 0.05, "trust units",
       "Monthly Gaussian noise on each directed trust value.", _EST, group="trust"),
    _p("trust_norm_shock", 0.4, 0.0, 2.0, "trust/severity",
       "Trust lost by an observer per unit violation severity × commitment × exposure.",
       "Reputation costs of norm violation: Tomz, Reputation and International Cooperation "
       "(2007); " + _EST, group="trust"),
    _p("trust_hypocrisy_factor", 0.5, 0.0, 2.0, "1",
       "Extra weight when the violator itself voted for the regime it breaks.", _EST,
       group="trust"),
    _p("norm_exposure_floor", 0.3, 0.0, 1.0, "share",
       "Exposure of a distant observer to a violation; near observers rise to 1 with "
       "proximity to the violator or the regime's target.", _EST, group="trust"),
    _p("trust_memory_share", 0.5, 0.0, 1.0, "share",
       "Share of an event's trust shock that also shifts the long-run baseline (reputation).",
       _EST, group="trust"),
    _p("trust_forgiveness_months", 120.0, 12.0, 600.0, "months",
       "e-folding time over which the trust baseline returns to its 2013 value (remembered "
       "shocks fade).", _EST, group="trust"),
    _p("trust_pact_boost", 0.4, 0.0, 1.0, "trust/strength",
       "Trust gained by each partner per unit of new alliance strength.", _EST,
       group="trust"),
    _p("trust_cooperation_rate", 0.02, 0.0, 0.2, "1/month",
       "Monthly trust gain between partners in an ongoing arms, technology or troop exchange "
       "(per unit intensity).", _EST, group="trust"),
    _p("trust_protest_shock", 0.1, 0.0, 0.5, "trust/severity",
       "Trust drop of the protester in the target per unit protest severity.", _EST,
       group="trust"),
    _p("trust_war_penalty", 0.05, 0.0, 0.3, "1/month",
       "Monthly fall of belligerents' trust in each other while at war.", _EST,
       group="trust"),
    _p("trust_trade_affinity", 0.01, 0.0, 0.1, "1/month",
       "Monthly trust gain per unit bilateral trade dependence (trade/GDP).",
       "Jackson & Nei, PNAS 112:15277 (2015); " + _EST, group="trust"),
    _p("trust_arms_supply_shock", 0.3, 0.0, 1.0, "trust",
       "Trust drop of an aggressor in a state that starts arming its victim.", _EST,
       group="trust"),
    _p("trust_init_alignment", 0.7, 0.0, 1.0, "trust",
       "Initial trust from alignment similarity: w × (1 - |a_i - a_j|).", _EST,
       kind="constant", group="trust"),
    _p("trust_init_alliance", 0.4, 0.0, 1.0, "trust",
       "Initial trust bonus per unit alliance strength.", _EST, kind="constant",
       group="trust"),
    _p("trust_init_dispute", 0.6, 0.0, 1.0, "trust",
       "Initial trust penalty per unit dispute intensity.", _EST, kind="constant",
       group="trust"),
    # --- norms and violations ------------------------------------------------------------
    _p("violation_memory_months", 60.0, 6.0, 240.0, "months",
       "e-folding memory of a state's violation record.", _EST, group="norms"),
    _p("commitment_erosion", 1.0, 0.0, 5.0, "1/severity",
       "Erosion of a violator's own commitment to a norm: c ← c·exp(-rate·violation).",
       "Cognitive-dissonance/norm-erosion argument; " + _EST, group="norms"),
    _p("arms_reference_volume", 1.0, 0.1, 10.0, "million rounds/yr",
       "Munitions volume that counts as an exchange of intensity 1 - 1/e ≈ 0.63: intensity = "
       "1 - exp(-volume / this).", "model convention", kind="constant", group="norms"),
    _p("arms_violation_severity", 0.01, 0.0, 0.2, "severity/month",
       "Monthly violation severity of an embargoed arms transfer at intensity 1.", _EST,
       group="norms"),
    _p("tech_violation_severity", 0.01, 0.0, 0.2, "severity/month",
       "Monthly violation severity of an embargoed technology transfer at intensity 1.",
       _EST, group="norms"),
    _p("troop_violation_severity", 0.01, 0.0, 0.2, "severity/month",
       "Monthly violation severity per 10,000 troops deployed to or from a regime's target, "
       "or fighting for an aggressor.",
       _EST, group="norms"),
    # --- sanctions (state decisions) -----------------------------------------------------
    _p("sanction_threat_weight", 0.5, 0.0, 3.0, "intensity/threat",
       "Desired sanctions on a target per unit threat from it.",
       "Drezner, The Sanctions Paradox (1999); " + _EST, group="sanctions"),
    _p("sanction_ally_weight", 0.2, 0.0, 1.0, "share",
       "Weight on allies' (alliance-weighted) sanctions on the same target.",
       "Early, Busted Sanctions (2015); " + _EST, group="sanctions"),
    _p("sanction_norm_weight", 0.3, 0.0, 5.0, "intensity/record",
       "Desired sanctions per unit of the target's violation record × own commitment.", _EST,
       group="sanctions"),
    _p("sanction_dependence_weight", 4.0, 0.0, 30.0, "intensity/(trade/GDP)",
       "Reduction in desired sanctions per unit bilateral trade dependence (trade/GDP).",
       "Crozet & Hinz, Economic Policy (2020): sender costs; " + _EST, group="sanctions"),
    _p("sanction_trust_weight", 0.6, 0.0, 2.0, "intensity/trust",
       "Reduction in desired sanctions per unit positive trust in the target.", _EST,
       group="sanctions"),
    _p("sanction_adjust_rate", 0.04, 0.0, 0.5, "1/month",
       "Speed at which endogenous sanctions move toward their desired level.", _EST,
       group="sanctions"),
    _p("sanction_event_floor_share", 1.0, 0.0, 1.0, "share",
       "Share of an event-imposed sanction kept as a floor under later endogenous easing.",
       _EST, kind="lever", group="sanctions"),
    # --- trade ---------------------------------------------------------------------------
    _p("trade_adjust_rate", 0.08, 0.01, 1.0, "1/month",
       "Partial-adjustment speed of the frictions' effect on bilateral trade (sanctions, "
       "distrust, war) toward its new level; prices, GDP, bans and border closures act at once.",
       _EST,
       group="trade"),
    _p("reroute_adjust_rate", 0.03, 0.005, 0.3, "1/month",
       "Partial-adjustment speed of rerouted trade (deflected exports, re-exports, substituted "
       "imports) toward its target: new trade relationships form more slowly than existing "
       "ones adjust.", "search and learning in new export markets: Eaton, Eslava, Jinkins, "
       "Krizan & Tybout, NBER WP 29100 (2021); " + _EST, group="trade"),
    _p("trade_sanction_friction", 2.0, 0.0, 10.0, "1/intensity",
       "Semi-elasticity of trade to sanctions: factor exp(-φ·max(S_ij, S_ji)).",
       "Structural gravity with political frictions, Yotov et al. (2016); Crozet & Hinz "
       "(2020)", group="trade"),
    _p("trade_sanction_energy_exposure", 0.3, 0.0, 1.0, "share",
       "Share of the sanctions friction that an energy exporter's fuel flows bear: factor "
       "exp(-x·φ_s·max(S_ij, S_ji)) on fuels (financial sanctions raise the country risk and "
       "trade-finance cost of every transaction, not only of targeted goods).",
       "Crozet & Hinz, Economic Policy 35(101) (2020): the bulk of the loss is on products "
       "not directly targeted, through country risk and trade finance; " + _EST,
       group="trade"),
    _p("trade_ban_friction", 1.5, 0.0, 10.0, "1/intensity",
       "Semi-elasticity of exports to the exporter's export-ban intensity.", _EST,
       group="trade"),
    _p("trade_distrust_friction", 0.8, 0.0, 5.0, "1/trust",
       "Semi-elasticity of trade to mutual distrust (negative mean trust).", _EST,
       group="trade"),
    _p("trade_war_friction", 3.0, 0.0, 10.0, "1",
       "Semi-elasticity of trade between states at war.", _EST, group="trade"),
    _p("deflection_share", 0.67, 0.0, 1.0, "share",
       "Share of an exporter's sanction-destroyed exports deflected to other, friendlier "
       "buyers.",
       "Haidar, Economic Policy 32(90) (2017): about two-thirds for Iran", group="trade"),
    _p("import_substitution_share", 0.5, 0.0, 1.0, "share",
       "Share of an importer's destroyed imports re-sourced from the remaining suppliers, by "
       "their capacity and price (not by politics).", _EST, group="trade"),
    _p("reexport_share", 0.3, 0.0, 0.8, "share",
       "Share of the goods an exporter bans from a target that still reach it through the rest "
       "of the world (re-exports, parallel imports) when nobody enforces against third "
       "countries.", "estimate: order of the rise of Caucasus and Central Asian exports to "
       "Russia after 2022 (Chupilkin, Javorcik & Plekhanov, EBRD WP 276, 2023); swept",
       group="trade"),
    _p("reexport_enforcement_effect", 2.0, 0.0, 10.0, "1/enforcement",
       "How fast re-exports shrink with the banning state's enforcement against third-country "
       "firms and banks (secondary sanctions): factor exp(-γ·E).", _EST, group="trade"),
    _p("deflection_trust_weight", 2.0, 0.0, 10.0, "1",
       "How strongly deflected trade favours trusted partners: weight ∝ flow × exp(w·trust).",
       "Haidar (2017): deflection to politically friendlier countries; " + _EST,
       group="trade"),
    _p("energy_income_elasticity", 0.8, 0.0, 1.5, "1",
       "Elasticity of an energy exporter's imports to its export revenue index R = e·π + 1 - e "
       "(terms-of-trade income effect of energy prices).", _EST, group="trade"),
    _p("energy_price_trend", 0.0, -0.1, 0.1, "1/yr",
       "Scenario assumption: annual growth of world energy prices after the last observed year "
       "of the world's prices.csv (0 = held flat at the last observed price).",
       "assumption (no forecast is shipped); validation is conditional on observed prices",
       group="trade"),
    _p("energy_reroute_discount", 0.2, 0.0, 0.6, "share",
       "Price discount at which an embargoed exporter resells energy to importers that do not "
       "ban it.", "estimate: order of the Urals-Brent discount after the Dec 2022 EU embargo "
       "and G7 price cap (KSE Institute 2023); swept", group="trade"),
    _p("arms_unit_value_usd_bn", 0.6, 0.05, 3.0, "USD bn per (million rounds/yr)",
       "Value of one million artillery rounds a year, paid by the recipient in goods.",
       "estimate: ~USD 600 per 122/152 mm round, order of magnitude", group="trade"),
    _p("arms_payment_share", 0.5, 0.0, 1.0, "share",
       "Share of the arms value paid back in goods (food, fuel, equipment) outside "
       "sanctions.", _EST, group="trade"),
    # --- investment ----------------------------------------------------------------------
    _p("fdi_exit_rate", 0.03, 0.0, 0.2, "1/month",
       "Monthly share of an FDI stock withdrawn per unit political risk.", _EST,
       group="investment"),
    _p("fdi_risk_threat_weight", 1.0, 0.0, 3.0, "risk/threat",
       "Political risk per unit home-state threat from the host.", _EST,
       group="investment"),
    _p("fdi_risk_sanction_weight", 1.0, 0.0, 3.0, "risk/intensity",
       "Political risk per unit sanction or export-ban intensity between home and host.",
       _EST, group="investment"),
    _p("fdi_risk_war_weight", 0.3, 0.0, 2.0, "risk",
       "Political risk added when the host is at war.", _EST, group="investment"),
    _p("fdi_risk_threshold", 0.2, 0.0, 1.0, "risk",
       "Risk below which stocks grow with the host economy instead of shrinking.", _EST,
       group="investment"),
    # --- firms ---------------------------------------------------------------------------
    _p("firm_tolerance_mean", 1.0, 0.0, 2.0, "stress",
       "Mean of firms' risk tolerance τ_f ~ Normal(mean, sd), negative draws clipped to 0.",
       _EST,
       group="firms"),
    _p("firm_tolerance_sd", 0.27, 0.0, 0.6, "stress",
       "Standard deviation of firms' risk tolerance across firms.", _FIRM_FACTS,
       group="firms"),
    _p("firm_sanction_weight", 0.6, 0.0, 3.0, "stress/intensity",
       "Profit loss per unit of the stronger of home and host sanctions on each other.",
       "Crozet & Hinz (2020): sanctions act mostly through country risk; " + _EST,
       group="firms"),
    _p("firm_ban_weight", 0.8, 0.0, 3.0, "stress/intensity",
       "Profit loss per unit of the home state's export-ban intensity on the host.", _EST,
       group="firms"),
    _p("firm_ally_weight", 0.15, 0.0, 2.0, "stress/intensity",
       "Profit loss per unit of the home's allies' mean sanctions on the host (secondary "
       "sanctions risk).", _EST, group="firms"),
    _p("firm_demand_weight", 0.3, 0.0, 3.0, "stress/share",
       "Profit loss per unit shortfall of host imports below their no-friction level.",
       _EST, group="firms"),
    _p("firm_threat_weight", 0.8, 0.0, 3.0, "stress/threat",
       "Political risk per unit rise of the home state's threat from the host since 2013.",
       _EST, group="firms"),
    _p("firm_pressure_weight", 0.5, 0.0, 3.0, "stress/pressure",
       "Political risk per unit home-government pressure to leave.", _EST, group="firms"),
    _p("firm_war_weight", 0.1, 0.0, 2.0, "stress",
       "Political risk added while the host is at war.", _EST, group="firms"),
    _p("firm_peer_weight", 0.2, 0.0, 2.0, "stress/share",
       "Stress per unit share of same-home firms in the host already suspended or exited.",
       "Peer effects in exit decisions (e.g. Yale CELI / KSE 'Leave Russia' lists); " + _EST,
       group="firms"),
    _p("firm_idle_cost", 0.02, 0.0, 0.2, "stress/month",
       "Stress added per month of suspension (idle plant, staff kept on the payroll).",
       "seed essay: Korean plants idle with staff paid; " + _EST, group="firms"),
    _p("firm_idle_cost_cap", 0.66, 0.0, 10.0, "stress",
       "Most stress that months of suspension can add (the idle cost is bounded: a firm that "
       "keeps an idle plant and its staff does not grow ever keener to sell, so suspension "
       "can last). At the upper bound it does not bind within a 23-year run.",
       "seed essay: Korean plants idle with staff on the payroll in 2024; " + _FIRM_FACTS,
       group="firms"),
    _p("firm_sale_wait_discount", 0.008, 0.0, 0.1, "1/month",
       "Monthly discount ρ on the proceeds of a sale while it awaits the host's approval: a "
       "sale approved after d months keeps (1 - ρ)^d of its value (value lost by waiting, "
       "idle costs paid meanwhile, the risk that the approval never comes).",
       "Dixit & Pindyck (1994), Investment under Uncertainty, ch. 7 (discounted value of "
       "exit under delay); " + _FIRM_FACTS, group="firms"),
    _p("firm_exit_cost_weight", 0.71, 0.0, 3.0, "stress/share",
       "Value of selling per unit share of the firm's value lost by selling (w_x: V_sell = "
       "-w_x·x_f).", _FIRM_FACTS, group="firms"),
    _p("firm_exit_margin", 0.76, 0.0, 1.0, "stress",
       "How much more selling must be worth than staying idle before a suspended firm sells.",
       _FIRM_FACTS, group="firms"),
    _p("firm_hysteresis", 0.1, 0.0, 0.5, "stress",
       "Stress below tolerance needed for a suspended firm to resume.", _EST, group="firms"),
    _p("firm_reentry_margin", 0.3, 0.0, 1.0, "stress",
       "Stress below tolerance needed for an exited firm to re-enter (host at peace only).",
       _EST, group="firms"),
    _p("firm_trade_tie", 0.3, 0.0, 1.0, "share",
       "Share of home→host exports tied to the home's firms in the host (parts, inputs).",
       _EST, group="firms"),
    _p("pressure_threat_weight", 2.0, 0.0, 10.0, "pressure/threat",
       "Home-government pressure on its firms per unit rise of its threat from the host.",
       _EST, kind="lever", group="firms"),
    _p("pressure_ally_weight", 0.3, 0.0, 3.0, "pressure/intensity",
       "Pressure per unit of allies' mean sanctions on the host (alliance pressure).", _EST,
       kind="lever", group="firms"),
    _p("pressure_adjust_rate", 0.1, 0.01, 1.0, "1/month",
       "Speed at which home-government pressure moves toward its target.", _EST,
       group="firms"),
    # --- capability ----------------------------------------------------------------------
    _p("tech_transfer_size", 0.05, 0.0, 0.3, "offence index/yr",
       "Gain in the recipient's long-range strike index per year of full technology "
       "transfer.", "estimate: unknown size of Russian military technology transfer to the "
       "DPRK (essay's claim); swept", group="capability"),
    _p("tech_capability_gain", 0.05, 0.0, 0.3, "1/yr",
       "Relative capability growth per year of full technology transfer.", _EST,
       group="capability"),
    _p("arms_capability_gain", 0.05, 0.0, 0.5, "1/(million rounds/yr)",
       "Relative capability gain of a recipient per million rounds a year received.", _EST,
       group="capability"),
    _p("troop_capability_gain", 0.01, 0.0, 0.1, "1/(10,000 troops)",
       "Relative capability gain of the host per 10,000 foreign troops.", _EST,
       group="capability"),
    _p("combat_experience_gain", 0.03, 0.0, 0.2, "offence index/yr",
       "Gain in the sender's strike index per year of combat experience (per 10,000 troops).",
       _EST, group="capability"),
    _p("war_attrition_rate", 0.002, 0.0, 0.02, "1/month",
       "Monthly relative capability loss of a state at war.", _EST, group="capability"),
    # --- decisions -------------------------------------------------------------------------
    _p("arm_victim_threshold", 0.5, 0.0, 1.0, "threat",
       "Threat from an aggressor above which a state starts arming the aggressor's victim.",
       _EST, kind="lever", group="decisions"),
    _p("arm_victim_ally_pressure", 0.1, 0.0, 0.5, "threat",
       "Lowering of that threshold per unit share of allies already arming the victim.",
       _EST, kind="lever", group="decisions"),
    _p("arm_lethal_limit_raise", 0.3, 0.0, 0.5, "threat",
       "Rise of the arming threshold for lethal support per unit of a state's "
       "lethal_export_limit (arms_policy.csv): below the raised threshold a constrained "
       "state gives non-lethal aid only.", _EST, kind="lever", group="decisions"),
    _p("arm_victim_min_trust", 0.0, -1.0, 1.0, "trust",
       "Minimum trust in the victim for a state to arm it.", _EST, kind="lever",
       group="decisions"),
    _p("arms_support_gain", 0.02, 0.0, 0.2, "1",
       "Relative capability gain of a victim per state arming it.", _EST,
       group="decisions"),
    _p("nonlethal_support_share", 0.3, 0.0, 1.0, "share",
       "Non-lethal aid (a constrained state's endogenous support, or event arm_victim with "
       "lethal = false) as a share of lethal arming, in the victim's capability gain and the "
       "aggressor's trust shock.", _EST,
       group="decisions"),
)

CALIBRATED = Path(__file__).resolve().parent / "data" / "calibration" / "calibrated.toml"


def _with_calibration(declared: tuple[Param, ...]) -> dict[str, Param]:
    """Declared parameters, with defaults replaced by ``calibrated.toml`` where it has them
    (the declared value is kept as ``prior``; the source names the calibration)."""
    values = {}
    if CALIBRATED.exists():
        values = tomllib.loads(CALIBRATED.read_text(encoding="utf-8")).get("params", {})
    out = {}
    for decl in declared:
        if decl.name in values:
            v = float(values[decl.name])
            if not decl.lo <= v <= decl.hi:
                raise InputError(CALIBRATED, f"params.{decl.name}", "outside declared bounds")
            source = f"calibrated (docs/calibration.md); prior: {decl.source}"
            decl = dataclasses.replace(decl, default=v, prior=decl.default, source=source)
        out[decl.name] = decl
    unknown = set(values) - set(out)
    if unknown:
        raise InputError(CALIBRATED, f"params.{sorted(unknown)[0]}", "unknown parameter")
    return out


PARAMS: dict[str, Param] = _with_calibration(_DECLARED)

#: The parameter record's type: one float64 field per declared parameter, in declaration order.
RECORD_DTYPE = np.dtype([(name, np.float64) for name in PARAMS])


class ParamSet(Mapping[str, float]):
    """An immutable, validated set of values for every declared parameter."""

    def __init__(self, overrides: Mapping[str, float] | None = None, *, origin: str = "--set"):
        values = {name: decl.default for name, decl in PARAMS.items()}
        for name, value in (overrides or {}).items():
            values[name] = coerce(name, value, origin=origin)
        self._values = values
        self.__dict__.update(values)  # plain attribute access in the model's hot loop
        self._record = np.array([tuple(values[n] for n in PARAMS)], dtype=RECORD_DTYPE)
        if os.environ.get("NUMBA_DISABLE_JIT") == "1":  # plain Python reads p.NAME too
            self._record = self._record.view(np.recarray)
        self._record.flags.writeable = False

    def __getitem__(self, key: str) -> float:
        return self._values[key]

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, key: str) -> float:
        try:
            return self._values[key]
        except KeyError:
            raise AttributeError(key) from None

    def replace(self, overrides: Mapping[str, float], *, origin: str = "--set") -> ParamSet:
        merged = dict(self._values)
        merged.update({k: coerce(k, v, origin=origin) for k, v in overrides.items()})
        return ParamSet(merged, origin=origin)

    def as_dict(self) -> dict[str, float]:
        return dict(self._values)

    def record(self) -> np.ndarray:
        """The values as a one-element structured array (read-only) of :data:`RECORD_DTYPE`:
        what compiled kernels take as ``params`` and read as ``p = params[0]; p.NAME``. An
        array, not the scalar record, because Numba unboxes an array in a fraction of a
        microsecond and a record scalar in about ten (benchmarks/results.md)."""
        return self._record


def coerce(name: str, value, *, origin: str = "--set") -> float:
    """Validate one parameter value: known name, numeric, inside its declared bounds."""
    if name not in PARAMS:
        raise InputError(origin, name, "unknown parameter (see `alliancesim params`)")
    decl = PARAMS[name]
    try:
        if isinstance(value, bool):
            raise TypeError
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(origin, name, f"expected a number, got {value!r}") from None
    if not decl.lo <= number <= decl.hi:
        raise InputError(origin, name,
                         f"value {number:g} outside bounds [{decl.lo:g}, {decl.hi:g}]")
    if decl.integer:
        number = float(round(number))
    return number


def parse_assignments(items: Iterable[str], *, origin: str = "--set") -> dict[str, float]:
    """``['a=1', 'b=0.5']`` → validated dict (CLI ``--set``)."""
    out: dict[str, float] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep:
            raise InputError(origin, item, "expected NAME=VALUE")
        out[name.strip()] = coerce(name.strip(), value.strip(), origin=origin)
    return out
