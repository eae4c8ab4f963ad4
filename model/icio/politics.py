"""The political layer of the ICIO world: public treaty facts, values copied (with their
source ids) from the default world for the actors it has, and explicit rules marked
``estimate`` for the rest. Each function returns rows (dicts) for one file of the folder."""

from __future__ import annotations

EU27 = ("AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
        "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK",
        "SVN", "ESP", "SWE")
#: NATO members on 1 January 2022 that are ICIO economies (FIN, SWE joined 2023-24).
NATO = ("USA", "CAN", "GBR", "FRA", "DEU", "ITA", "BEL", "NLD", "LUX", "DNK", "NOR", "ISL",
        "PRT", "ESP", "GRC", "TUR", "POL", "CZE", "HUN", "SVK", "SVN", "EST", "LVA", "LTU",
        "BGR", "ROU", "HRV")
#: The peer's Western coalition (the issue's list).
COALITION = (*EU27, "USA", "GBR", "CAN", "AUS", "NZL", "JPN", "KOR", "NOR", "CHE", "ISL")
#: Actors of the default world whose actor values are copied (EU members take the EU's).
DEFAULT_ACTORS = ("RUS", "KOR", "JPN", "CHN", "USA", "UKR", "GBR", "IND", "TUR")
NUCLEAR = ("USA", "RUS", "CHN", "GBR", "FRA", "IND", "PAK", "ISR")
P5 = ("USA", "RUS", "CHN", "GBR", "FRA")

#: Bilateral and regional defence treaties: (a, b, strength, name, since, source id, note).
TREATIES = (
    ("USA", "KOR", 1.0, "US-ROK Mutual Defense Treaty", 1953, "us_rok_mdt_1953", ""),
    ("USA", "JPN", 0.9, "US-Japan Treaty of Mutual Cooperation and Security", 1960,
     "us_jpn_1960", "estimate: 0.9 as in the default world (Art. 5 asymmetric)"),
    ("USA", "AUS", 1.0, "ANZUS Treaty", 1951, "anzus_1951", ""),
    ("AUS", "NZL", 1.0, "ANZUS Treaty", 1951, "anzus_1951", ""),
    ("USA", "PHL", 1.0, "US-Philippines Mutual Defense Treaty", 1951, "us_phl_mdt_1951", ""),
    ("RUS", "BLR", 1.0, "Collective Security Treaty (CSTO)", 1992, "cst_1992", ""),
    ("RUS", "KAZ", 1.0, "Collective Security Treaty (CSTO)", 1992, "cst_1992", ""),
    ("BLR", "KAZ", 1.0, "Collective Security Treaty (CSTO)", 1992, "cst_1992", ""),
    ("RUS", "CHN", 0.1, "Treaty of Good-Neighbourliness and Friendly Cooperation", 2001,
     "rus_chn_2001", "estimate: 0.1 as in the default world (consultation only)"),
)

#: Disputes: copied from the default world where both actors exist, plus public ones.
DISPUTES = (
    ("RUS", "JPN", "territorial", 0.4, "icow_terr", "estimate: as in the default world"),
    ("KOR", "JPN", "territorial", 0.25, "icow_terr", "estimate: as in the default world"),
    ("CHN", "JPN", "territorial", 0.6, "icow_terr", "estimate: as in the default world"),
    ("CHN", "IND", "territorial", 0.45, "icow_terr", "estimate: as in the default world "
     "(the 2020 Galwan clash would raise it)"),
    ("CHN", "KOR", "territorial", 0.1, "icow_terr", "estimate: as in the default world"),
    ("RUS", "UKR", "territorial", 0.8, "icow_terr", "estimate: Crimea annexed 2014 and the "
     "Donbas war since 2014; rule: 0.8 for an active armed territorial conflict"),
    ("IND", "PAK", "territorial", 0.7, "icow_terr", "estimate: Kashmir; rule: 0.7 for a "
     "militarised territorial dispute with recurrent clashes"),
    ("CHN", "TWN", "territorial", 0.7, "icow_terr", "estimate: PRC claim on Taiwan; same rule"),
    ("GRC", "TUR", "territorial", 0.3, "icow_terr", "estimate: Aegean; the default world's "
     "EU-TUR value"),
    ("CYP", "TUR", "territorial", 0.3, "icow_terr", "estimate: Cyprus; the default world's "
     "EU-TUR value"),
    ("CHN", "VNM", "territorial", 0.3, "icow_terr", "estimate: Paracels and Spratlys; rule: "
     "0.3 for a maritime claim with incidents"),
    ("CHN", "PHL", "territorial", 0.3, "icow_terr", "estimate: Spratlys and Scarborough "
     "Shoal; same rule"),
)


def alliances() -> list[dict]:
    rows, seen = [], set()

    def add(a, b, strength, name, since, sid, note):
        key = tuple(sorted((a, b)))
        if key in seen:
            return
        seen.add(key)
        rows.append({"a": a, "b": b, "strength": strength, "name": name, "since": since,
                     "source_id": sid, "note": note})

    for row in TREATIES:
        add(*row)
    for i, a in enumerate(NATO):
        for b in NATO[i + 1:]:
            add(a, b, 1.0, "NATO (North Atlantic Treaty)", 1949, "nato_1949",
                "Art. 5 mutual defence; both members on 2022-01-01")
    for i, a in enumerate(EU27):
        for b in EU27[i + 1:]:
            add(a, b, 0.7, "EU mutual-assistance clause (TEU Art. 42(7))", 2009, "teu_42_7",
                "estimate: 0.7 by rule for an EU pair not both in NATO (Art. 42(7) binds, "
                "with the neutrality proviso)")
    return rows


def disputes() -> list[dict]:
    return [{"a": a, "b": b, "kind": k, "intensity": v, "source_id": s, "note": n}
            for a, b, k, v, s, n in DISPUTES]


def sanctions() -> list[dict]:
    """Sanctions in force in January 2022: the 2014-era measures on Russia and Russia's
    counter-sanctions, at the default world's timeline intensities."""
    rows = []
    for s in (*EU27, "USA", "GBR"):
        rows.append({"sender": s, "target": "RUS", "intensity": 0.4,
                     "source_id": "eu_2014_512;ofac_ssi_2014",
                     "note": "estimate: intensity 0.4 of the default timeline's "
                     "sectoral_sanctions_2014 (finance, energy technology, dual-use)"})
    # CAN, AUS, NOR: named as sanctioning states by Russia's 2014 counter-measures; CHE, ISL,
    # NZL: from general knowledge of their 2014 measures, no source row.
    sids = {"CAN": "ru_decree_560_2014", "AUS": "ru_decree_560_2014",
            "NOR": "ru_decree_560_2014", "JPN": "jpn_rus_2014"}
    for s, v in (("CAN", 0.4), ("AUS", 0.4), ("NOR", 0.4), ("CHE", 0.2), ("ISL", 0.2),
                 ("NZL", 0.05), ("JPN", 0.15)):
        rows.append({"sender": s, "target": "RUS", "intensity": v,
                     "source_id": sids.get(s, ""),
                     "note": "estimate: rule: 0.4 for states that aligned with the EU/US "
                     "sectoral measures, 0.2 partial alignment (CHE: measures against "
                     "circumvention; ISL: aligned with EU lists), 0.05 targeted only (NZL: "
                     "travel bans), the last three from general knowledge, not sourced; JPN "
                     "0.15 as in the default timeline"})
    for t in (*EU27, "USA", "CAN", "AUS", "NOR"):
        rows.append({"sender": "RUS", "target": t, "intensity": 0.3,
                     "source_id": "ru_decree_560_2014",
                     "note": "estimate: intensity 0.3 of the default timeline's "
                     "russia_countersanctions_2014 (food import embargo)"})
    return rows


def norm_rows(code: str, default_values: dict[str, dict[str, float]]) -> list[dict]:
    """territorial_integrity and nonproliferation commitments: the default world's value for
    its actors (EU members: the EU's), else 0.55 / 0.8 (the default world's ROW values)."""
    src = "EU" if code in EU27 else code
    out = []
    for norm, fallback in (("territorial_integrity", 0.55), ("nonproliferation", 0.8)):
        v = default_values.get(norm, {}).get(src)
        note = ("estimate: as in the default world" + (" (the EU's value)" if src == "EU"
                                                       else "")) if v is not None else \
            "estimate: rule: the default world's rest-of-world value"
        out.append({"norm": norm, "target": "", "actor": code,
                    "commitment": fallback if v is None else v, "voted": 0,
                    "source_id": "", "note": note})
    return out
