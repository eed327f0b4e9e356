"""Statistics of issues: collected, assigned (ever), answered, solved (CLOSED and SOLVED) and
feedback overdue, grouped by any of the IssueDimensions, in one pass over the filtered issues
(the keys are stored on each issue, issues.py); the names of the keys come after, one round trip
per kind of node named. Grouping by INDUSTRY counts an issue under every level of its industry
(the roll-up), so the totals are counted on their own, not summed from the rows.
Also the table of these for CSV / Excel (api/exports.py); it never holds a contact."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.kernel import tables, validate
from graph.kernel.db import Database
from graph.kernel.model import sort_key
from graph.kernel.reads import Row, nodes_by_id
from graph.receptions import cypher_issues as cypher
from graph.receptions.issue_reads import IssueFilter, check_filter, filter_params, query_params
from graph.receptions.vocab import IssueDimension, IssueOrigin, IssueStatus

D = IssueDimension
# The dimensions whose keys are node ids, by label (their names are looked up).
NAMED = {D.CAMPAIGN: "Campaign", D.UNIT: "Unit", D.ENTERPRISE: "Enterprise", D.VENUE: "Venue"}
NONE_LABEL = "（无）"


@dataclass(frozen=True)
class IssueKey:
    dimension: str
    value: Any  # the stored key (an id, a code, a year, a status …); None: the issue has none
    label: str  # its Chinese name


@dataclass(frozen=True)
class IssueStatsRow:
    keys: list[IssueKey]
    collected: int
    assigned: int
    solved: int
    answered: int
    overdue: int

    @property
    def solved_rate(self) -> float | None:
        """Solved of collected (None when nothing was collected)."""
        return round(self.solved / self.collected, 4) if self.collected else None


@dataclass(frozen=True)
class IssueStats:
    group_by: list[str]
    rows: list[IssueStatsRow]
    totals: IssueStatsRow


def _dimensions(group_by: Sequence[str]) -> tuple[str, ...]:
    dims: list[str] = []
    for dim in group_by:
        validate.choice(dim, "groupBy", D.values())
        if dim in dims:
            raise validate.invalid("groupBy", f"重复的分组维度：{dim}", f"`groupBy` repeats {dim}")
        dims.append(dim)
    return tuple(dims)


async def _labels(db: Database, dims: tuple[str, ...], rows: list[Row]) -> dict[Any, str]:
    """The Chinese name of every key value in `rows`, by (dimension, value)."""
    labels: dict[Any, str] = {}
    for n, dim in enumerate(dims):
        values = sorted({row["keys"][n] for row in rows if row["keys"][n] is not None}, key=str)
        d = D(dim)
        if d in NAMED:
            nodes = await nodes_by_id(db, NAMED[d], values)
            for value, node in zip(values, nodes, strict=True):
                labels[(dim, value)] = (node or {}).get("name") or str(value)
        elif d is D.INDUSTRY:
            found = {
                r["code"]: r["name"] for r in await db.read(cypher.INDUSTRY_NAMES, codes=values)
            }
            for value in values:
                labels[(dim, value)] = found.get(value) or value
        else:
            for value in values:
                labels[(dim, value)] = _fixed_label(d, value)
    return labels


def _fixed_label(d: IssueDimension, value: Any) -> str:
    if d is D.YEAR:
        return f"{value}年"
    if d is D.STATUS:
        return IssueStatus(value).zh
    if d is D.ORIGIN:
        return IssueOrigin(value).zh
    return str(value)


def _order(d: IssueDimension, key: IssueKey) -> tuple[int, Any]:
    """Rows sort by each key: years and months in time, statuses in the loop's order, names by
    pinyin; no key last."""
    if key.value is None:
        return (1, "")
    if d is D.STATUS:
        return (0, IssueStatus.values().index(key.value))
    if d is D.ORIGIN:
        return (0, IssueOrigin.values().index(key.value))
    if d in (D.YEAR, D.MONTH, D.INDUSTRY):
        return (0, str(key.value))
    return (0, sort_key(key.label) + "\x00" + str(key.value))


def _row(keys: list[IssueKey], row: Row) -> IssueStatsRow:
    return IssueStatsRow(
        keys=keys,
        collected=row["collected"],
        assigned=row["assigned"],
        solved=row["solved"],
        answered=row["answered"],
        overdue=row["overdue"],
    )


async def issue_stats(
    db: Database, group_by: Sequence[str], flt: IssueFilter, *, today: dt.date
) -> IssueStats:
    """Issue statistics by `group_by` (IssueDimension values) over the issues matching `flt`;
    overdue counts open issues whose promised date is before `today`."""
    dims = _dimensions(group_by)
    flt = check_filter(flt)
    params = filter_params(flt)
    values = query_params(params, today)
    names = frozenset(params)
    rows = await db.read(cypher.stats_query(names, dims), **values) if dims else []
    total_rows = await db.read(cypher.stats_query(names, ()), **values)
    labels = await _labels(db, dims, rows)
    out = [
        _row(
            [
                IssueKey(dim, value, labels.get((dim, value), NONE_LABEL))
                for dim, value in zip(dims, row["keys"], strict=True)
            ],
            row,
        )
        for row in rows
    ]
    out.sort(key=lambda r: [_order(D(k.dimension), k) for k in r.keys])
    return IssueStats(group_by=list(dims), rows=out, totals=_row([], total_rows[0]))


def table(stats: IssueStats) -> tuple[list[str], list[list[Any]]]:
    """Header and rows for CSV / Excel: per dimension its key and name, then the counts."""
    header: list[str] = []
    for dim in stats.group_by:
        d = D(dim)
        header += [f"{d.zh}代码 {d.value.lower()} key", f"{d.zh} {d.value.lower()}"]
    header += [
        "收集诉求 Collected",
        "已交办 Assigned",
        "已解决 Solved",
        "已答复 Answered",
        "反馈逾期 Feedback overdue",
        "解决率 Solved rate",
    ]

    def cells(row: IssueStatsRow) -> list[Any]:
        return [
            row.collected,
            row.assigned,
            row.solved,
            row.answered,
            row.overdue,
            row.solved_rate,
        ]

    return header, tables.body(stats.rows, stats.totals, len(stats.group_by), cells)
