"""Plain-text tables for the terminal (headline outcomes side by side)."""

from __future__ import annotations

import pandas as pd

from model.calendar import month_start
from model.calendar import parse_month as _pm

HEADLINE = ("rus_trade_share_chn", "rus_trade_hhi", "rus_trade_total_usd_bn",
            "kor_fdi_in_rus_usd_bn", "kor_divestment", "threat_kor_from_prk",
            "threat_kor_from_rus", "threat_jpn_from_prk", "threat_jpn_from_rus",
            "trust_in_rus_neighbourhood", "rus_west_trust", "prk_trade_share_chn",
            "prk_capability", "sanctions_on_rus", "bloc_polarization", "kor_arms_to_ukr")


def side_by_side(frames: dict[str, pd.DataFrame], dates) -> str:
    """Metrics as rows; (date, scenario) as columns; values at those months."""
    cols = {}
    for d in dates:
        when = pd.Timestamp(month_start(_pm(d)))
        for name, df in frames.items():
            row = df.loc[df["date"] == when]
            if row.empty:
                continue
            cols[(d, name)] = row.iloc[0]
    metrics = [m for m in HEADLINE if any(m in r.index for r in cols.values())]
    table = pd.DataFrame({k: [r.get(m) for m in metrics] for k, r in cols.items()},
                         index=metrics)
    table.columns = pd.MultiIndex.from_tuples(table.columns, names=["date", "scenario"])
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        return table.to_string(float_format=lambda v: f"{v:.3f}")
