"""``sources.csv`` of the ICIO world: rows copied from the default world for the values it
lends, plus the table, the package and the treaty texts cited by the political layer."""

from __future__ import annotations

import csv
import io
from pathlib import Path

COPIED = ("cow_nmc6", "bsv2017", "iiss_milbal2013", "zeit_2014_rus_exports", "nato_1949",
          "us_rok_mdt_1953", "us_jpn_1960", "rus_chn_2001", "icow_terr", "wb_pinksheet_annual")

NEW = (
    ("anzus_1951", "Security Treaty between Australia, New Zealand and the United States "
     "(ANZUS), 1 Sep 1951", "https://www.dfat.gov.au/",
     "Art. IV; US obligations to New Zealand suspended since 1986, so USA-NZL is not listed"),
    ("us_phl_mdt_1951", "Mutual Defense Treaty between the United States and the Republic "
     "of the Philippines, 30 Aug 1951", "https://avalon.law.yale.edu/20th_century/phil001.asp",
     "Art. IV"),
    ("cst_1992", "Collective Security Treaty, Tashkent, 15 May 1992 (CSTO; Charter 2002)",
     "https://en.odkb-csto.org/", "Art. 4 collective defence; RUS, BLR, KAZ are members"),
    ("teu_42_7", "Treaty on European Union, Art. 42(7) (Lisbon, in force 1 Dec 2009)",
     "https://eur-lex.europa.eu/", "mutual-assistance clause of the EU members"),
    ("eu_2014_512", "Council Decision 2014/512/CFSP of 31 July 2014", "https://eur-lex.europa.eu/",
     "EU sectoral sanctions on Russia, in force in 2022-01"),
    ("ofac_ssi_2014", "US OFAC Sectoral Sanctions Identifications, Directives 1-4 (2014)",
     "https://ofac.treasury.gov/", "US sectoral sanctions on Russia, in force in 2022-01"),
    ("ru_decree_560_2014", "Russian Presidential Decree No. 560 of 6 Aug 2014 and Government "
     "Resolution No. 778 (food import embargo on the EU, USA, CAN, AUS, NOR)",
     "http://www.kremlin.ru/", "the senders it names had sanctioned Russia in 2014"),
    ("jpn_rus_2014", "Japan's measures on Russia of 18 Mar and 24 Sep 2014 (MOFA Japan)",
     "https://www.mofa.go.jp/", "as in the default world's timeline"),
    ("capitals", "Capital coordinates", "", "from general knowledge, rounded to 0.01 deg; used "
     "for distances and the map only"),
)


def sources_csv(agg, default_sources: Path) -> str:
    with default_sources.open(newline="", encoding="utf-8") as fh:
        old = {r["id"]: r for r in csv.DictReader(fh)}
    rows = [{"id": "oecd_icio_2025", "title": "OECD Inter-Country Input-Output (ICIO) "
             "tables, 2025 release, year 2022 (SML: 80 economies x 50 sectors)",
             "url": "https://www.oecd.org/en/data/datasets/inter-country-input-output-tables"
             ".html", "note": "OECD data, CC BY 4.0 (OECD terms and conditions); read "
             "through sanction-simulator's bench_cache.npz (next row); flows in USD mn "
             "converted to bn"},
            {"id": "sanction_simulator", "title": "sanction-simulator "
             f"{agg.version} (Bhattathiripad & Veetil, 'Political Power in International "
             "Trade'), PyPI, MIT licence",
             "url": "https://pypi.org/project/sanction-simulator/",
             "note": f"data/bench_cache.npz sha256 {agg.sha256}; the OECD ICIO 2022 network "
             "as built by the package (rest of world dropped, two input shares capped at "
             "0.98); cite the paper and the package"}]
    rows += [old[k] for k in COPIED]
    rows += [{"id": i, "title": t, "url": u, "note": n} for i, t, u, n in NEW]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=("id", "title", "url", "note"), lineterminator="\n",
                       extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()
