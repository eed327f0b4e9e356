"""The statistics properties of a suggestion, derived at write time from what it was given (the
date raised, the industries) and kept in step by every write that changes them; statistics
(stats.py) read only these. In Python and, for the packed ones, in Cypher (graph/migrations.py
back-fills stored suggestions with the expressions at the end).

Derived keys: `year`, `quarter`, `industryCode` (the first industry), `industryPath` (every
code on the way to the GB/T 4754 sections, without repeats) and `sections` (see `derived`).

`statsIndustry` is the first industry's code as an integer (0: none). `statsOthers`, only on
the few suggestions in more than one industry, holds the codes on the other industries' paths
that are not on the first one's path, each after a "+" ("+A+A01+A011+A0113"). One string key
for both (5,199 distinct values in a synthetic year) made grouping the year's 100,000 index
entries take about 250 ms; an integer key takes a small fraction of that.

`statsFacts` packs what the rates of stats.py read into one integer, so a year's statistics
come from the (year, statsIndustry, statsFacts) index without reading the nodes:
((assign days × 10^5 + due day) × 10^5 + first reply day) × 10 + rating. Days count from
FACTS_EPOCH; a missing date is NO_DAY, a missing assignment NOT_ASSIGNED. Assign days are
clamped to 0..998: the window is 0–366 days, so "within N days" comes out the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from graph.kernel.dates import FACTS_EPOCH, NO_DAY
from graph.kernel.model import industry_parent
from graph.proposals.vocab import Satisfaction

NOT_ASSIGNED = 999
RATING_CODE = {  # other: 4, none: 0
    Satisfaction.SATISFIED.value: 1,
    Satisfaction.BASICALLY_SATISFIED.value: 2,
    Satisfaction.UNSATISFIED.value: 3,
}
STATS_INPUTS = ("raisedAt", "assignedAt", "due", "repliedAt", "satisfaction")
SECTIONS = "ABCDEFGHIJKLMNOPQRST"  # GB/T 4754 sections, as graph.kernel.model.INDUSTRY_CODE allows
# Marks the codes of `statsOthers`: another industry's, counted as it is (not rolled up).
EXTRA_MARK = "+"


def industry_path(codes: Iterable[str]) -> list[str]:
    """Every code on the way from `codes` up to their sections, each once, in first-seen order.
    Grouping by INDUSTRY counts a suggestion once under each of them (the roll-up)."""
    path: list[str] = []
    for code in codes:
        current: str | None = code
        while current is not None:
            if current not in path:
                path.append(current)
            current = industry_parent(current)
    return path


def stats_industry(codes: Sequence[str]) -> dict[str, Any]:
    """`statsIndustry` (the first industry as an integer) and `statsOthers` (None unless in more
    than one industry): the keys `cypher_stats.INDUSTRY_KEYS` unwinds, as described above."""
    first = codes[0] if codes else ""
    marked = "".join(
        f"{EXTRA_MARK}{c}" for c in industry_path(codes) if not (first and first.startswith(c))
    )
    return {"statsIndustry": industry_key(first), "statsOthers": marked or None}


def derived(raised_at: dt.date, codes: Sequence[str]) -> dict[str, Any]:
    """The statistics keys that follow from the date raised and the industries."""
    path = industry_path(codes)
    return {
        "year": raised_at.year,
        "quarter": (raised_at.month - 1) // 3 + 1,
        "industryCode": codes[0] if codes else None,
        "industryPath": path,
        "sections": [c for c in path if len(c) == 1],
        **stats_industry(codes),
    }


def industry_key(code: str | None) -> int:
    """C1391 → 341391: (section number × 10 + digits) × 10^4 + the digits; None → 0."""
    if not code:
        return 0
    digits = code[1:]
    return ((SECTIONS.index(code[0]) + 1) * 10 + len(digits)) * 10_000 + int(digits or 0)


def industry_code(key: int) -> str | None:
    """The inverse of `industry_key`."""
    if key == 0:
        return None
    length = key // 10_000 % 10
    digits = str(key % 10_000).zfill(length) if length else ""
    return SECTIONS[key // 100_000 - 1] + digits


def fact_day(day: dt.date | None) -> int:
    return NO_DAY if day is None else min(max((day - FACTS_EPOCH).days, 0), NO_DAY - 1)


def stats_facts(p: Mapping[str, Any]) -> int:
    """`statsFacts` of a suggestion with these properties (see above; `STATS_FACTS` is the same
    in Cypher)."""
    raised, assigned = p.get("raisedAt"), p.get("assignedAt")
    if assigned is None:
        days = NOT_ASSIGNED
    elif raised is None:
        days = NOT_ASSIGNED - 1  # assigned, never "in time" (as `assignedAt <= null`)
    else:
        days = min(max((assigned - raised).days, 0), NOT_ASSIGNED - 1)
    rating = p.get("satisfaction")
    code = 0 if rating is None else RATING_CODE.get(rating, 4)
    return (
        (days * 100_000 + fact_day(p.get("due"))) * 100_000 + fact_day(p.get("repliedAt"))
    ) * 10 + code


# The properties in Cypher, over `p` (the migration's back-fill of stored suggestions);
# STATS_INDUSTRY and STATS_OTHERS are what `stats_industry` returns.
_CODE = "p.industryCode"
STATS_INDUSTRY = (
    f"CASE WHEN {_CODE} IS NULL THEN 0 ELSE "
    f"((size(split('{SECTIONS}', left({_CODE}, 1))[0]) + 1) * 10 + size({_CODE}) - 1) * 10000 "
    f"+ coalesce(toInteger(substring({_CODE}, 1)), 0) END"
)
_MARKED = (
    "reduce(s = '', c IN [c IN coalesce(p.industryPath, []) "
    f"WHERE NOT {_CODE} STARTS WITH c] | s + '{EXTRA_MARK}' + c)"
)
STATS_OTHERS = f"[x IN [{_MARKED}] | CASE WHEN x = '' THEN null ELSE x END][0]"


def _clamp(expr: str, low: int, high: int) -> str:
    bounded = f"CASE WHEN x < {low} THEN {low} WHEN x > {high} THEN {high} ELSE x END"
    return f"[x IN [{expr}] | {bounded}][0]"


def _fact_day(prop: str) -> str:
    days = f"duration.inDays(date('{FACTS_EPOCH.isoformat()}'), {prop}).days"
    return f"CASE WHEN {prop} IS NULL THEN {NO_DAY} ELSE {_clamp(days, 0, NO_DAY - 1)} END"


_ASSIGN_DAYS = (
    f"CASE WHEN p.assignedAt IS NULL THEN {NOT_ASSIGNED} "
    f"WHEN p.raisedAt IS NULL THEN {NOT_ASSIGNED - 1} "
    f"ELSE {_clamp('duration.inDays(p.raisedAt, p.assignedAt).days', 0, NOT_ASSIGNED - 1)} END"
)
_RATING = (
    "CASE WHEN p.satisfaction IS NULL THEN 0 "
    + " ".join(f"WHEN p.satisfaction = '{k}' THEN {v}" for k, v in RATING_CODE.items())
    + " ELSE 4 END"
)
STATS_FACTS = (
    f"((({_ASSIGN_DAYS}) * 100000 + {_fact_day('p.due')}) * 100000 "
    f"+ {_fact_day('p.repliedAt')}) * 10 + {_RATING}"
)
