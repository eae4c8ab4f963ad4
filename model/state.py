"""The model's changing state: relation matrices and per-actor arrays, updated in bulk.

Conventions: matrices are (N, N) float arrays indexed [row = source/observer/home/sender,
column = target/observed/host]; norms are stacked as (K, N) arrays in the order of
``State.norm_names``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.mechanisms import threat as threat_mech
from model.mechanisms import trust as trust_mech
from model.mechanisms.arrays import alliance_operator
from model.params import ParamSet
from model.world import World

EXIT_TERMS = ("discount", "contribution", "seizure", "delay_months")  # columns of exit_rules


@dataclass
class State:
    trust: np.ndarray  # T_ij ∈ [-1, 1]: i's trust in j
    trust_base: np.ndarray  # long-run baseline B_ij of trust
    trust_anchor: np.ndarray  # structural anchor B*_ij: B returns to it as shocks fade
    threat: np.ndarray  # Θ_ij ∈ [0, 1]: i's perceived threat from j
    sanctions: np.ndarray  # S_ij ∈ [0, 1]: i's sanctions on j
    sanction_floor: np.ndarray  # event-imposed minimum of S
    export_ban: np.ndarray  # B_ij ∈ [0, 1]: i's export-control intensity toward j
    energy_ban: np.ndarray  # b_ij ∈ [0, 1]: share of i's energy exports to j that j bans
    import_ban: np.ndarray  # M_ij ∈ [0, 1]: j's ban on imports of other goods from i
    enforcement: np.ndarray  # (N,) E_i ∈ [0, 1]: i's secondary sanctions on third countries
    closure: np.ndarray  # (N,) C_i ∈ [0, 1]: share of i's cross-border freight its closure stops
    exports: np.ndarray  # X_ij USD bn/yr
    rerouted: np.ndarray  # Z_ij: the part of X_ij that rerouting (deflection etc.) built
    openness: np.ndarray  # (2, N, N) m: frictions' effect on fuels / other goods of i → j, as
    #                       adjusted so far, relative to the start (1 = as at the start)
    transfers: np.ndarray  # in-kind payments (USD bn/yr) outside sanctions, added to X
    fdi: np.ndarray  # F_ij USD bn stock of i in j
    alliance: np.ndarray  # A_ij ∈ [0, 1], symmetric
    war: np.ndarray  # W_ij ∈ [0, 1], symmetric war intensity
    aggressor: np.ndarray  # G_ij = 1: i is the aggressor in a war on j
    arms_flow: np.ndarray  # million rounds/yr from i to j
    tech_flow: np.ndarray  # technology-transfer intensity from i to j ∈ [0, 1]
    troops: np.ndarray  # troops of i deployed in j
    arming: np.ndarray  # A_ij: i's support of j, victim of an aggression (1 lethal arms)
    lethal_since: np.ndarray  # month index of i's first lethal arming of j; -1 never
    tech_years: np.ndarray  # (N,) years of full technology received
    experience: np.ndarray  # (N,) 10,000 troop-years of combat experience
    attrition: np.ndarray  # (N,) cumulative war attrition factor
    capability: np.ndarray  # (N,)
    offense: np.ndarray  # (N,)
    norm_names: tuple[str, ...]
    norm_targets: np.ndarray  # (K,) actor index or -1
    commitment: np.ndarray  # (K, N)
    voted: np.ndarray  # (K, N)
    record: np.ndarray  # (K, N) violation record
    violations: np.ndarray  # (K, N) violations accumulated this month
    pressure: np.ndarray  # P_ih ∈ [0, 1]: home i's pressure on its firms in host h
    pressure_floor: np.ndarray  # event-imposed minimum of P (forced decision press_firms)
    # (N, 4) each host's terms for foreign owners selling out (EXIT_TERMS: forced discount,
    # "voluntary contribution", risk of temporary state management, months to approval)
    exit_rules: np.ndarray

    def norm_index(self, name: str) -> int:
        return self.norm_names.index(name)


def initial_state(world: World, p: ParamSet) -> State:
    """Build the 2013 state: data arrays, initial trust from alignment, steady-state threat."""
    n = world.n
    z = np.zeros((n, n))
    trust = trust_mech.initial_trust(world.alignment, world.alliance0, world.dispute, p)
    for (i, j), v in world.trust_overrides.items():
        trust[i, j] = v
    names = tuple(sorted(world.norms))
    norms = [world.norms[k] for k in names]
    st = State(
        trust=trust, trust_base=trust.copy(), trust_anchor=trust.copy(), threat=z.copy(),
        sanctions=world.sanctions0.copy(), sanction_floor=z.copy(), export_ban=z.copy(),
        energy_ban=z.copy(), import_ban=z.copy(), enforcement=np.zeros(n), closure=np.zeros(n),
        exports=world.exports0.copy(), rerouted=z.copy(), openness=np.ones((2, n, n)),
        transfers=z.copy(), fdi=world.fdi0.copy(),
        alliance=world.alliance0.copy(), war=z.copy(), aggressor=z.copy(), arms_flow=z.copy(),
        tech_flow=z.copy(), troops=z.copy(), arming=z.copy(), lethal_since=z - 1.0,
        tech_years=np.zeros(n),
        experience=np.zeros(n), attrition=np.ones(n), capability=world.capability0.copy(),
        offense=world.offense0.copy(), norm_names=names,
        norm_targets=np.array([nm.target for nm in norms], dtype=int),
        commitment=np.array([nm.commitment for nm in norms]).reshape(len(norms), n),
        voted=np.array([nm.voted for nm in norms]).reshape(len(norms), n),
        record=np.zeros((len(norms), n)), violations=np.zeros((len(norms), n)),
        pressure=z.copy(), pressure_floor=z.copy(), exit_rules=np.zeros((n, len(EXIT_TERMS))),
    )
    st.threat = steady_threat(world, st, p)
    return st


def steady_threat(world: World, st: State, p: ParamSet) -> np.ndarray:
    """Θ* for the current state (used at initialisation so 2013 starts at rest)."""
    active = ~world.passive
    rec = p.record()[0]  # the compiled mechanisms read the parameter record
    power = threat_mech.coalition_power(st.capability, st.alliance, rec)
    prox = threat_mech.proximity(world.distance_km, p)
    off = threat_mech.offensive_factor(st.offense, world.nuclear, rec)
    host = threat_mech.hostility(st.trust, rec)
    return threat_mech.threat_target(power, prox, off, host, alliance_operator(st.alliance),
                                     active, rec)
