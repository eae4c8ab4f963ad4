"""Energy exports: world prices, value = price × volume, and embargoes with rerouting.

An energy exporter's fuel exports are priced by exogenous world prices (the world's
``prices.csv``: crude oil and European gas; inputs, not outcomes). At base-year volumes,

    π_i(t) = (1 - s_i)·oil(t)/oil0 + s_i·gas(t)/gas0     exporter i's energy price index
    R_i(t) = e_i·π_i(t) + (1 - e_i)                        i's export revenue index

(e_i: fuels' share of i's base-year exports; s_i: gas's share of them). An importer j that
bans energy from exporter i (an embargo at intensity b_ij, on the flow i → j) forgoes that
share of i's energy; the exporter sells the banned volume to importers that ban it less,
in proportion to their energy import capacity, at a discount d (``energy_reroute_discount``):

    L_ij = E_ij b_ij,   E_ik += (1 - d) Σ_j L_ij · c_k ν_jk / Σ_k' c_k' ν_jk'
    ν_jk = max(0, 1 - b_ik / b_ij)                         (k ≠ i; ν_jj = 0)

with E the energy part of no-friction flows and c_k = Σ_m E_mk k's energy imports. Rerouting
of Russian crude to non-embargoing buyers at a discount after the EU embargo and the G7 price
cap of December 2022: Babina, Hilgenstock, Itskhoki, Mironov & Ribakova, "Assessing the
impact of international sanctions on Russian oil exports" (2023).
"""

from __future__ import annotations

import numpy as np

from model.mechanisms.jit import kernel
from model.mechanisms.rerouting import nested_outlet


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
    banned shares b_ij are removed and resold, at the discount d = ``energy_reroute_discount``,
    to the importers that ban less, by their capacity (see module docstring). Embargoes are
    taken as nested, as in :func:`model.mechanisms.rerouting.spread`: an importer k that bans
    i's energy as much as j does offers no outlet for what j refused, so a common regime that
    binds every importer (the UN's coal ban on the DPRK) leaves nothing to resell, while an
    embargo by some (the EU's on Russian crude) sends the volume to those that do not join
    it. Nothing changes where nobody bans."""
    n = energy.shape[0]
    capacity = energy.sum(axis=0)  # c_k: k's energy imports
    lost = np.zeros(n)
    nu = np.zeros(n)  # ν_jk for the banned flow at hand (0 for the exporter itself)
    for i in range(n):
        banned = False
        for j in range(n):
            lost[j] = energy[i, j] * energy_ban[i, j] if energy_ban[i, j] > 0.0 else 0.0
            banned = banned or lost[j] > 0.0
        if not banned:
            continue
        for j in range(n):
            energy[i, j] -= lost[j]
        for j in range(n):
            if lost[j] <= 0.0:
                continue
            total = 0.0
            for k in range(n):
                nu[k] = 0.0 if k == i else nested_outlet(energy_ban[i, k], energy_ban[i, j])
                total += capacity[k] * nu[k]
            if total <= 0.0:
                continue
            resold = (1.0 - p.energy_reroute_discount) * lost[j] / total
            for k in range(n):
                energy[i, k] += resold * capacity[k] * nu[k]
