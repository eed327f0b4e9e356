"""Suggestion statistics (stats.py) as a table for CSV / Excel (api/exports.py): Chinese and
English headers, per dimension its key and name, then the counts and rates; the last row
holds the totals."""

from __future__ import annotations

from typing import Any

from graph.kernel import tables
from graph.proposals.stats import ProposalStats, StatsRow
from graph.proposals.vocab import IndustryLevel, Satisfaction, StatsDimension


def _dimension_headers(stats: ProposalStats) -> list[str]:
    header: list[str] = []
    for dim in stats.group_by:
        d = StatsDimension(dim)
        zh, en = d.zh, d.en
        if d is StatsDimension.INDUSTRY and stats.industry_level:
            level = IndustryLevel(stats.industry_level)
            zh, en = f"{zh}（{level.zh}）", f"{en} ({level.value.lower()})"
        header += [f"{zh}代码 {en} key", f"{zh} {en}"]
    return header


def table(stats: ProposalStats) -> tuple[list[str], list[list[Any]]]:
    """Header and rows; a UNIT's name says its part (主办 / 协办)."""
    n = stats.assign_days
    header = [
        *_dimension_headers(stats),
        "意见建议数 Suggestions",
        "已交办 Assigned",
        f"{n}日内交办 Assigned within {n} days",
        f"{n}日内交办率 Assigned-within-{n}-days rate",
        "应答复 Due",
        "按期答复 Replied by due date",
        "按期答复率 On-time reply rate",
        "已办结 Closed",
        "办结率 Closed rate (of assigned)",
        "已评价 Rated",
        f"{Satisfaction.SATISFIED.zh} Satisfied",
        f"{Satisfaction.BASICALLY_SATISFIED.zh} Basically satisfied",
        f"{Satisfaction.UNSATISFIED.zh} Unsatisfied",
        f"{Satisfaction.SATISFIED.zh}及{Satisfaction.BASICALLY_SATISFIED.zh} Satisfied or "
        "basically satisfied",
        "满意率 Satisfaction rate",
    ]

    def cells(row: StatsRow) -> list[Any]:
        return [
            row.total,
            row.assigned,
            row.assigned_in_time,
            row.assigned_in_time_rate,
            row.due_count,
            row.replied_on_time,
            row.replied_on_time_rate,
            row.closed,
            row.closed_rate,
            row.rated,
            row.fully_satisfied,
            row.basically_satisfied,
            row.unsatisfied,
            row.satisfied,
            row.satisfaction_rate,
        ]

    return header, tables.body(stats.rows, stats.totals, len(stats.group_by), cells)
