"""Energy exports: world prices, value = price × volume, and embargoes with rerouting.

An energy exporter's fuel exports are priced by exogenous world prices (the world's
``prices.csv``: crude oil and European gas; inputs, not outcomes). At base-year volumes,

    π_i(t) = (1 - s_i)·oil(t)/oil0 + s_i·gas(t)/gas0     exporter i's energy price index
    R_i(t) = e_i·π_i(t) + (1 - e_i)                        i's export revenue index

(e_i: fuels' share of i's base-year exports; s_i: gas's share of them). An importer j that
bans energy from exporter i (an embargo at intensity b_ij, on the flow i → j) forgoes that
share of i's energy; the exporter sells the banned volume to importers that do not ban it,
in proportion to their energy import capacity, at a discount d (``energy_reroute_discount``):

    L_i = Σ_j E_ij b_ij,    E_ik += (1 - d) · L_i · c_k (1 - b_ik) / Σ_k' c_k' (1 - b_ik')

with E the energy part of no-friction flows and c_k = Σ_m E_mk k's energy imports. Rerouting
of Russian crude to non-embargoing buyers at a discount after the EU embargo and the G7 price
cap of December 2022: Babina, Hilgenstock, Itskhoki, Mironov & Ribakova, "Assessing the
impact of international sanctions on Russian oil exports" (2023).
"""

from __future__ import annotations

from model.mechanisms.jit import kernel


@kernel
def price_index(gas_share, oil_index, gas_index):
    """π_i = (1 - s_i)·oil/oil0 + s_i·gas/gas0 for every exporter i (see module docstring)."""
    return (1.0 - gas_share) * oil_index + gas_share * gas_index


@kernel
def revenue_index(energy_share, energy_price):
    """R_i = e_i·π_i + (1 - e_i): i's export revenue relative to the base year at base-year
    volumes (1 for a state that exports no fuel)."""
    return energy_share * energy_price + (1.0 - energy_share)


@kernel
def reroute(energy, energy_ban, p):
    """The energy part ``energy`` (N, N) of no-friction flows under embargoes, in place:
    banned shares b_ij are removed and resold to non-banning importers by their capacity, at
    the discount d = ``energy_reroute_discount`` (see module docstring). Nothing changes
    where nobody bans."""
    n = energy.shape[0]
    capacity = energy.sum(axis=0)  # c_k: k's energy imports
    for i in range(n):
        lost = 0.0
        for j in range(n):
            if energy_ban[i, j] > 0.0:
                lost += energy[i, j] * energy_ban[i, j]
                energy[i, j] *= 1.0 - energy_ban[i, j]
        if lost <= 0.0:
            continue
        total = 0.0
        for k in range(n):
            if k != i:
                total += capacity[k] * (1.0 - energy_ban[i, k])
        if total <= 0.0:
            continue
        resold = (1.0 - p.energy_reroute_discount) * lost / total
        for k in range(n):
            if k != i:
                energy[i, k] += resold * capacity[k] * (1.0 - energy_ban[i, k])
