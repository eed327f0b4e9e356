"""Statistics of trips for the dashboards, counted the way the seed reports them: "89次视察调研"
counts inspections (视察) and research trips (调研); law-enforcement checks (执法检查) are
counted apart, and `activities` counts every kind. A trip counts when it is not cancelled and
starts in the period (a trip over New Year counts once, in the year it starts).

Grouped by up to three of KIND, TOPIC, GROUP, COMMITTEE, MONTH and ENTERPRISE, in one
statement (cypher_stats.COUNT_ACTIVITIES): a trip counts once in each row it belongs to (held
by two groups: once in each group's row), the totals count it once. Visits are the enterprise visits
of the counted trips (one per trip and enterprise); under ENTERPRISE, that enterprise's.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.kernel import tables, validate
from graph.kernel.db import Database
from graph.kernel.errors import not_found
from graph.trips import cypher_stats
from graph.trips.vocab import ActivityDimension, ActivityKind


@dataclass(frozen=True)
class ActivityStatsFilter:
    congress_id: str | None = None  # through a holding group or an organising committee
    date_from: dt.date | None = None  # trips starting on or after
    date_to: dt.date | None = None  # … and on or before
    group_id: str | None = None  # held by this group
    committee_id: str | None = None  # organised by this committee
    kinds: Sequence[str] | None = None  # any of


@dataclass(frozen=True)
class ActivityStatsKey:
    dimension: str
    value: str | None  # kind, topic, id or month ("2024-03"); None: none
    label: str  # what a person reads: 视察, a name, 2024年3月 …


@dataclass
class ActivityStatsRow:
    keys: list[ActivityStatsKey]
    activities: int = 0  # every kind
    trips: int = 0  # 视察调研: INSPECTION and RESEARCH, as the seed counts them
    inspections: int = 0
    research: int = 0
    law_checks: int = 0  # 执法检查, not among the seed's 视察调研
    visits: int = 0  # enterprise visits of these trips
    enterprises: int = 0  # distinct enterprises visited

    @classmethod
    def of(cls, keys: list[ActivityStatsKey], row: dict[str, Any]) -> ActivityStatsRow:
        return cls(
            keys,
            activities=row["activities"],
            trips=row["trips"],
            inspections=row["inspections"],
            research=row["research"],
            law_checks=row["lawChecks"],
            visits=row["visits"],
            enterprises=row["enterprises"],
        )


@dataclass
class ActivityStats:
    group_by: list[str]
    rows: list[ActivityStatsRow] = field(default_factory=list)
    totals: ActivityStatsRow = field(default_factory=lambda: ActivityStatsRow(keys=[]))


def check_group_by(group_by: Sequence[str]) -> list[str]:
    dims = list(dict.fromkeys(group_by))
    for dim in dims:
        validate.choice(dim, "groupBy", ActivityDimension.values())
    if len(dims) > cypher_stats.MAX_ACTIVITY_DIMENSIONS:
        raise validate.invalid("groupBy", "最多按 3 个维度分组", "Group by at most 3 dimensions")
    return dims


def _check_filter(f: ActivityStatsFilter) -> None:
    for kind in f.kinds or ():
        validate.choice(kind, "filter.kind", ActivityKind.values())
    if f.date_from and f.date_to and f.date_to < f.date_from:
        raise validate.invalid("filter.to", "结束日期早于开始日期", "`to` is before `from`")


_REFS = {
    "congress": ("Congress", "filter.congress"),
    "group": ("DeputyGroup", "filter.group"),
    "committee": ("Committee", "filter.committee"),
}


async def activity_stats(
    db: Database, group_by: Sequence[str], f: ActivityStatsFilter
) -> ActivityStats:
    """Trips and visits matching `f`, grouped by `group_by` (none: totals only)."""
    dims = check_group_by(group_by)
    _check_filter(f)
    params = {
        "congress": f.congress_id,
        "group": f.group_id,
        "committee": f.committee_id,
        "from": f.date_from,
        "to": f.date_to,
        "kind": list(f.kinds) if f.kinds else None,
    }
    refs = {name: params[name] for name in _REFS}
    if any(refs.values()):
        found = (await db.read(cypher_stats.MATCH_STATS_REFS, **refs))[0]
        for name, (label, at) in _REFS.items():
            if not found[name]:
                raise not_found(label, str(refs[name]), field=at)
    rows, totals = await asyncio.gather(
        db.read(cypher_stats.COUNT_ACTIVITIES[tuple(dims)], **params),
        db.read(cypher_stats.COUNT_ACTIVITIES[()], **params),
    )
    result = ActivityStats(group_by=dims, totals=ActivityStatsRow.of([], totals[0]))
    if dims:
        keyed = [
            ([_key(d, row[f"k{i}"]) for i, d in enumerate(dims)], row)
            for row in rows
            if row["activities"]
        ]
        keyed.sort(key=lambda kr: tuple(k[0] for k in kr[0]))
        result.rows = [ActivityStatsRow.of([k[1] for k in keys], row) for keys, row in keyed]
    return result


def _key(dim: str, raw: Any) -> tuple[tuple[int, Any], ActivityStatsKey]:
    """(the order a key sorts in, the key)."""
    if raw is None:
        return (1, ""), ActivityStatsKey(dim, None, "未填写")
    if dim == ActivityDimension.KIND.value:
        kinds = ActivityKind.values()
        known = raw in kinds
        label = ActivityKind(raw).zh if known else str(raw)
        return (0, kinds.index(raw) if known else 99), ActivityStatsKey(dim, raw, label)
    if dim == ActivityDimension.MONTH.value:
        year, month = divmod(int(raw), 100)
        return (0, raw), ActivityStatsKey(dim, f"{year}-{month:02d}", f"{year}年{month}月")
    if isinstance(raw, list):  # [id, name, sortKey]
        node_id, name, sort = raw
        return (0, (sort or "", node_id)), ActivityStatsKey(dim, node_id, name or node_id)
    return (0, str(raw)), ActivityStatsKey(dim, str(raw), str(raw))


def table(stats: ActivityStats) -> tuple[list[str], list[list[Any]]]:
    """Header and rows for CSV / Excel: per dimension its key and name, then the counts; the
    last row holds the totals."""
    header: list[str] = []
    for dim in stats.group_by:
        d = ActivityDimension(dim)
        header += [f"{d.zh}代码 {d.en} key", f"{d.zh} {d.en}"]
    header += [
        "活动总数 Activities (all kinds)",
        "视察调研 Inspections and research trips",
        "视察 Inspections",
        "调研 Research trips",
        "执法检查 Law-enforcement checks",
        "走访企业次数 Enterprise visits",
        "走访企业数 Enterprises visited",
    ]

    def cells(row: ActivityStatsRow) -> list[Any]:
        return [
            row.activities,
            row.trips,
            row.inspections,
            row.research,
            row.law_checks,
            row.visits,
            row.enterprises,
        ]

    return header, tables.body(stats.rows, stats.totals, len(stats.group_by), cells)
