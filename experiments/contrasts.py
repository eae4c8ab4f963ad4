"""Named contrasts (pairs of arms) and interactions (differences of two paired effects), all
paired by seed: every arm of a replicate shares its seed, so the effect of a contrast is
computed run by run, and an interaction's is the difference of two such effects for the same
seed (a difference-in-differences, e.g. the treaty's effect with China's sanctions minus
without them). Declared in an experiment file (docs/experiments.md)::

    [[contrasts]]
    name = "treaty"
    treatment = "baseline"
    control = "no_pact"
    [[contrasts]]
    name = "treaty_if_china_sanctions"
    treatment = "china.toml"
    control = "china_no_pact.toml"
    [[interactions]]
    name = "china_changes_treaty"
    of = ["treaty_if_china_sanctions", "treaty"]   # first minus second

A claim names one with ``contrast = "NAME"``. Never imports the simulation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from model.errors import InputError

KEY = ["design_index", "replicate"]


@dataclass(frozen=True)
class Contrast:
    name: str
    treatment: str = ""  # a pair: treatment − control
    control: str = ""
    of: tuple[str, str] = ()  # an interaction: effect of[0] − effect of[1]


def parse_contrasts(path, data: dict, arms) -> dict[str, Contrast]:
    """The experiment's ``[[contrasts]]`` and ``[[interactions]]`` by name; InputError names
    the field (``contrasts[i].treatment``, ``interactions[i].of``)."""
    out: dict[str, Contrast] = {}
    for table, keys in (("contrasts", {"name", "treatment", "control"}),
                        ("interactions", {"name", "of"})):
        rows = data.get(table, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise InputError(path, table, f"expected [[{table}]] tables")
        for k, r in enumerate(rows):
            where = f"{table}[{k}]"
            bad = set(r) - keys
            if bad:
                raise InputError(path, f"{where}.{sorted(bad)[0]}", "unknown key (known: "
                                 f"{', '.join(sorted(keys))})")
            name = r.get("name")
            if not isinstance(name, str) or not name or name in out:
                raise InputError(path, f"{where}.name", "missing, not a string or a duplicate")
            if table == "contrasts":
                for key in ("treatment", "control"):
                    if r.get(key) not in arms:
                        raise InputError(path, f"{where}.{key}", f"{r.get(key)!r} is not one "
                                         "of the arms")
                out[name] = Contrast(name, r["treatment"], r["control"])
            else:
                of = r.get("of")
                if not (isinstance(of, list) and len(of) == 2
                        and all(o in out and not out[o].of for o in of)):
                    raise InputError(path, f"{where}.of", "expected two names of "
                                     "[[contrasts]] declared above: [first, second]")
                out[name] = Contrast(name, of=tuple(of))
    return out


def spec_contrasts(spec: dict, path="experiment.toml") -> dict[str, Contrast]:
    """The contrasts of a parsed experiment file (as stored in a sweep folder)."""
    return parse_contrasts(path, spec, {a for a in spec.get("arms", [])})


def arms_of(c: Contrast, defs: dict[str, Contrast]) -> tuple[str, ...]:
    if c.of:
        return tuple(a for o in c.of for a in arms_of(defs[o], defs))
    return c.treatment, c.control


def paired_effects(df: pd.DataFrame, treatment: str, control: str, metric: str,
                   date: pd.Timestamp) -> pd.DataFrame:
    """Effect per (design_index, replicate) at ``date``: treatment − control (same seeds)."""
    sub = df.loc[df["date"] == date, ["arm", *KEY, metric]]
    wide = sub.pivot_table(index=KEY, columns="arm", values=metric, aggfunc="first")
    if treatment not in wide or control not in wide:
        return pd.DataFrame(columns=[*KEY, "effect"])
    return (wide[treatment] - wide[control]).dropna().rename("effect").reset_index()


def contrast_effects(df, c: Contrast, defs, metric: str, date) -> pd.DataFrame:
    """Per (design_index, replicate): the contrast's paired effect, or an interaction's
    difference of its two contrasts' effects for the same seed."""
    if not c.of:
        return paired_effects(df, c.treatment, c.control, metric, date)
    first, second = (contrast_effects(df, defs[o], defs, metric, date) for o in c.of)
    both = first.merge(second, on=KEY, suffixes=("_1", "_2"))
    return both.assign(effect=both["effect_1"] - both["effect_2"])[[*KEY, "effect"]]


def contrast_table(df, defs: dict[str, Contrast], metrics, dates, stats, sesoi_of):
    """Every named contrast and interaction × metric × date: n, mean, 95% interval and the
    metric's SESOI (``stats``: :func:`experiments.analysis.effect_stats`)."""
    rows = []
    for c in defs.values():
        what = (f"({c.of[0]}) − ({c.of[1]})" if c.of
                else f"{arm_label(c.treatment)} − {arm_label(c.control)}")
        for metric in metrics:
            for d in dates:
                eff = contrast_effects(df, c, defs, metric, d)["effect"].to_numpy(dtype=float)
                s = stats(eff, 1)
                rows.append({"contrast": c.name, "kind": "interaction" if c.of else "pair",
                             "of": what, "metric": metric, "date": f"{d:%Y-%m}", "n": s["n"],
                             "mean": s["mean"], "ci_low": s["ci_low"],
                             "ci_high": s["ci_high"], "sesoi": sesoi_of(metric)})
    return pd.DataFrame(rows)


def arm_label(arm: str) -> str:
    """An arm's name for tables and figures: a scenario file's stem, not its path."""
    return Path(arm).stem if arm.endswith(".toml") else arm


def claim_cases(df, hyps, treat, ctrl, dates, defs=None):
    """Every (claim, recorded metric, date, effects function, contrast label) to evaluate:
    the claim's own contrast (a pair or a declared name) and dates, else the analysis pair and
    dates. ``effects(metric, date)``: the paired effects (design_index, replicate, effect)."""
    defs = defs or {}
    for h in hyps:
        if isinstance(h.contrast, str):
            if h.contrast not in defs:  # a caller without the experiment's contrasts
                continue
            con = defs[h.contrast]
            label = con.name
        else:
            t, c = h.contrast or (treat, ctrl)
            con, label = Contrast("", t, c), f"{arm_label(t)} − {arm_label(c)}"
        when = [pd.Timestamp(f"{d}-01") for d in h.dates] if h.dates else dates
        for metric in h.metrics:
            if metric in df:
                for d in when:
                    yield h, metric, d, (lambda m, dd, con=con: contrast_effects(
                        df, con, defs, m, dd)), label
