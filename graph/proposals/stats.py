"""Statistics of suggestions for the dashboards: counts grouped by any of INDUSTRY,
INDUSTRY_SECTION, STATUS, YEAR, QUARTER, GROUP, COMMITTEE and UNIT, with the rates staff
report (assigned within N days, replied by the due date, closed of assigned (办结率), the
satisfaction split 满意 / 基本满意 / 不满意). INDUSTRY may be rolled up to one GB/T 4754 level
(`industry_level`), so a suggestion counts once per row; UNIT rows are per unit and role (主办 /
协办). Replies record no mode (书面 / 面商 / 电话), so there is no reply-mode share.

Speed. One pass over the matching Proposal nodes reads only their own properties (derived at
write time, facts.py); reading them is most of the cost (about 25 ms per property per 100,000
suggestions here), so the query reads as few as it can:
- INDUSTRY and INDUSTRY_SECTION group by the stored first industry `industryCode` (a scalar;
  grouping 100,000 rows by the `industryPath` list took three times as long) plus, for the
  few suggestions in more than one industry, the codes of the others marked with "+". Python
  rolls each first code up the GB/T 4754 tree (an ancestor's code is a prefix) over the few
  distinct codes and adds each marked code once: exactly "once under every code on the path",
  and the totals count each suggestion once.
- Other multi-valued keys (committees, units) are grouped *as lists*, so the rows coming back
  are the distinct combinations, not one per suggestion; Python spreads each list.
- Whole calendar years with no other filter, grouped by nothing but the year and one
  industry dimension, are read from an index alone (see cypher_stats.COUNT_YEAR_BY_INDUSTRY): about
  90 ms for a year of 100,000 where reading the nodes took about 300 ms.
- Otherwise, a filter with a date range is split in two halves run side by side (two cores);
  every count adds up across the halves. They are separate read transactions, so a step
  committed between them may be seen by one only: no matter for a dashboard, as the halves
  hold different rows.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.kernel import validate
from graph.kernel.db import Database
from graph.proposals import cypher, cypher_stats
from graph.proposals.cypher_stats import INDUSTRY_DIMENSIONS, LIST_DIMENSIONS, industry_index
from graph.proposals.facts import RATING_CODE, fact_day, industry_code
from graph.proposals.reads import ProposalFilter, check_filter, check_filter_refs, filter_params
from graph.proposals.stats_keys import (
    StatsKey,
    each_value,
    industry_values,
    key_value,
    names_of,
    sort_value,
    stats_key,
)
from graph.proposals.vocab import (
    IndustryLevel,
    Satisfaction,
    StatsDimension,
)

DEFAULT_ASSIGN_DAYS = 7
SATISFIED = (Satisfaction.SATISFIED.value, Satisfaction.BASICALLY_SATISFIED.value)

_COUNTS = (
    "total",
    "assigned",
    "assignedInTime",
    "dueCount",
    "repliedOnTime",
    "rated",
    "satisfied",
    "fullySatisfied",
    "basicallySatisfied",
    "unsatisfied",
    "closed",
)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass
class StatsRow:
    keys: list[StatsKey]
    total: int = 0
    assigned: int = 0
    assigned_in_time: int = 0
    due_count: int = 0
    replied_on_time: int = 0
    rated: int = 0
    satisfied: int = 0
    fully_satisfied: int = 0
    basically_satisfied: int = 0
    unsatisfied: int = 0
    closed: int = 0

    def add(self, row: dict[str, Any]) -> None:
        self.total += row["total"]
        self.assigned += row["assigned"]
        self.assigned_in_time += row["assignedInTime"]
        self.due_count += row["dueCount"]
        self.replied_on_time += row["repliedOnTime"]
        self.rated += row["rated"]
        self.satisfied += row["satisfied"]
        self.fully_satisfied += row["fullySatisfied"]
        self.basically_satisfied += row["basicallySatisfied"]
        self.unsatisfied += row["unsatisfied"]
        self.closed += row.get("closed", 0)

    @property
    def assigned_in_time_rate(self) -> float | None:
        """Share of assigned suggestions assigned within N days of being raised."""
        return _rate(self.assigned_in_time, self.assigned)

    @property
    def replied_on_time_rate(self) -> float | None:
        """Share of suggestions whose due date has come (or that were replied) replied by it."""
        return _rate(self.replied_on_time, self.due_count)

    @property
    def satisfaction_rate(self) -> float | None:
        """Satisfied and basically satisfied, as a share of the rated."""
        return _rate(self.satisfied, self.rated)

    @property
    def closed_rate(self) -> float | None:
        """办结率: closed (办结) as a share of the assigned (交办)."""
        return _rate(self.closed, self.assigned)


@dataclass
class ProposalStats:
    group_by: list[str]
    assign_days: int
    industry_level: str | None = None
    rows: list[StatsRow] = field(default_factory=list)
    totals: StatsRow = field(default_factory=lambda: StatsRow(keys=[]))


def check_group_by(group_by: Sequence[str]) -> list[str]:
    dims = list(dict.fromkeys(group_by))
    for dim in dims:
        validate.choice(dim, "groupBy", StatsDimension.values())
    if len(dims) > cypher_stats.MAX_DIMENSIONS:
        raise validate.invalid("groupBy", "最多按 3 个维度分组", "Group by at most 3 dimensions")
    return dims


# Date-range filters run as this many side-by-side queries (Neo4j runs each on one core).
PARTITIONS = 2


# The index-backed plan (cypher_stats.COUNT_YEAR_BY_INDUSTRY) applies to these dimensions.
INDEXED_DIMS = frozenset({*INDUSTRY_DIMENSIONS, StatsDimension.YEAR.value})


def _whole_years(f: ProposalFilter) -> list[int] | None:
    """The years `f` asks for when it is whole calendar years (1 Jan – 31 Dec) and nothing else."""
    if (
        f.date_from is None
        or f.date_to is None
        or f != ProposalFilter(date_from=f.date_from, date_to=f.date_to)
    ):
        return None
    if (f.date_from.month, f.date_from.day, f.date_to.month, f.date_to.day) != (1, 1, 12, 31):
        return None
    return list(range(f.date_from.year, f.date_to.year + 1))


def _indexed_plan(dims: Sequence[str], f: ProposalFilter) -> list[int] | None:
    """The years for the index-backed plan, or None when it does not apply."""
    industry = [d for d in dims if d in INDUSTRY_DIMENSIONS]
    if not set(dims) <= INDEXED_DIMS or len(industry) > 1:
        return None
    return _whole_years(f)


async def _indexed_rows(
    db: Database, dims: Sequence[str], years: list[int], params: dict[str, Any]
) -> list[dict[str, Any]] | None:
    """The rows the general plan would return (keys k0…, or k; the counts), from the index;
    None when some of the years' suggestions lack the packed properties."""
    at = industry_index(dims)
    queries = [
        db.read(cypher_stats.COUNT_YEAR_PROPOSALS, years=years),
        db.read(cypher_stats.COUNT_YEAR_BY_INDUSTRY, years=years, **params),
        db.read(cypher_stats.COUNT_YEAR_CLOSED_BY_INDUSTRY, years=years),
        *(
            [
                db.read(cypher_stats.COUNT_YEAR_BY_OTHER_INDUSTRIES, years=years, **params),
                db.read(cypher_stats.COUNT_YEAR_CLOSED_BY_OTHER_INDUSTRIES, years=years),
            ]
            if at is not None
            else []
        ),
    ]
    counted, firsts, closed_firsts, *others = await asyncio.gather(*queries)
    if sum(row["total"] for row in firsts) != counted[0]["total"]:
        return None
    closed = {(r["year"], r["key"]): r["closed"] for r in closed_firsts + (others[1:] or [[]])[0]}
    rows: list[dict[str, Any]] = []
    for row in firsts + (others[0] if others else []):
        counts = {name: row[name] for name in _COUNTS if name != "closed"}
        counts["closed"] = closed.get((row["year"], row["key"]), 0)
        if at is None:
            industry: str | None = None
        elif isinstance(row["key"], int):
            industry = industry_code(row["key"])
        else:  # the marked codes of the others (cypher_stats.INDUSTRY_KEYS' second key)
            industry = row["key"]
        keys = {f"k{i}": industry if i == at else row["year"] for i in range(len(dims))}
        rows.append((keys or {"k": 1}) | counts)
    return rows


def _partitions(f: ProposalFilter, parts: int = 2) -> list[ProposalFilter]:
    """`f` split into `parts` consecutive date ranges (when it has a range of that many days)."""
    if f.date_from is None or f.date_to is None or (f.date_to - f.date_from).days + 1 < parts:
        return [f]
    days = (f.date_to - f.date_from).days + 1
    starts = [f.date_from + dt.timedelta(days=days * i // parts) for i in range(parts)]
    ends = [s - dt.timedelta(days=1) for s in starts[1:]] + [f.date_to]
    return [
        dataclasses.replace(f, date_from=s, date_to=e) for s, e in zip(starts, ends, strict=True)
    ]


async def proposal_stats(
    db: Database,
    group_by: Sequence[str],
    f: ProposalFilter,
    *,
    assign_days: int = DEFAULT_ASSIGN_DAYS,
    today: dt.date | None = None,
    indexed: bool = True,
    industry_level: str | None = None,
) -> ProposalStats:
    """Counts and rates of the suggestions matching `f`, grouped by `group_by` (none: totals
    only). Under INDUSTRY a suggestion counts once for each code on its path (C1391, C139, C13,
    C); the totals count it once. With `industry_level` (IndustryLevel) INDUSTRY rows are the
    codes of that level only, each suggestion counted once per row: a suggestion in one
    industry is in exactly one row (its own code when coarser than the level), so the rows
    add up to the total; one in several industries counts once under each distinct code they
    reach at the level, so the rows then add up to more than the total. UNIT rows are per unit
    and role (主办 / 协办). `indexed=False` forces the general plan (tests compare)."""
    dims = check_group_by(group_by)
    if not 0 <= assign_days <= 366:
        raise validate.invalid(
            "assignDays", "交办天数须在 0 到 366 之间", "`assignDays` must be 0–366"
        )
    validate.choice(industry_level, "industryLevel", IndustryLevel.values())
    level = (
        IndustryLevel(industry_level).code_length
        if industry_level and StatsDimension.INDUSTRY.value in dims
        else None
    )
    f = check_filter(f)
    await check_filter_refs(db, f)
    today = today or dt.date.today()
    years = _indexed_plan(dims, f) if indexed else None
    rows = None
    scalar_at: int | None = None
    if years is not None:
        packed = {
            "assignDays": assign_days,
            "today": fact_day(today),
            "satisfied": [RATING_CODE[r] for r in SATISFIED],
        }
        rows = await _indexed_rows(db, dims, years, packed)
        scalar_at = industry_index(dims)
    if rows is None:
        rows = await _general_rows(db, dims, f, assign_days, today, level is not None)
        scalar_at = None if level else industry_index(dims)
    result = await _aggregate(db, dims, assign_days, rows, scalar_at, level)
    result.industry_level = industry_level if level else None
    return result


async def _general_rows(
    db: Database,
    dims: Sequence[str],
    f: ProposalFilter,
    assign_days: int,
    today: dt.date,
    at_level: bool,
) -> list[dict[str, Any]]:
    statements = cypher_stats.COUNT_PROPOSALS_AT_LEVEL if at_level else cypher_stats.COUNT_PROPOSALS
    count = statements[tuple(dims)]

    async def part(half: ProposalFilter) -> list[dict[str, Any]]:
        params = filter_params(half)
        return await db.read(
            cypher.match_proposals_query(frozenset(params)) + count,
            window=dt.timedelta(days=assign_days),
            today=today,
            satisfied=list(SATISFIED),
            **params,
        )

    halves = await asyncio.gather(*map(part, _partitions(f, PARTITIONS)))
    return [row for rows in halves for row in rows]


async def _aggregate(
    db: Database,
    dims: list[str],
    assign_days: int,
    rows: list[dict[str, Any]],
    scalar_at: int | None,
    level: int | None,
) -> ProposalStats:
    """Spread and add up the rows of either plan. `scalar_at`: where the scalar-code plan's
    industry key is (cypher_stats.INDUSTRY_KEYS); `level`: the code length INDUSTRY rolls up to."""
    industry = StatsDimension.INDUSTRY.value
    result = ProposalStats(group_by=dims, assign_days=assign_days)
    grouped: dict[tuple[Any, ...], StatsRow] = {}
    for row in rows:
        spread: list[list[Any]] = []
        in_totals = True  # the other industries' rows count suggestions a second time
        for i, d in enumerate(dims):
            if i == scalar_at or (level and d == industry):
                values, first = industry_values(d, row[f"k{i}"], level)
                in_totals = in_totals and first
                spread.append(values)
            else:
                spread.append(
                    [key_value(d, v) for v in each_value(row[f"k{i}"], d in LIST_DIMENSIONS)]
                )
        if in_totals:
            result.totals.add(row)
        for combo in itertools.product(*spread):
            if combo not in grouped:
                grouped[combo] = StatsRow(keys=[])
            grouped[combo].add(row)
    names = await names_of(db, dims, grouped)
    for combo, stats_row in grouped.items():
        stats_row.keys = [stats_key(d, v, names) for d, v in zip(dims, combo, strict=True)]
    order = sorted(
        grouped,
        key=lambda c: tuple(sort_value(d, v) for d, v in zip(dims, c, strict=True)),
    )
    result.rows = [grouped[c] for c in order] if dims else []
    return result
