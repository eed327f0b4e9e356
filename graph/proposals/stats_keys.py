"""The keys of the suggestion statistics' rows (stats.py): the values a row is grouped by
(an industry code rolled up the GB/T 4754 tree or to one level, a unit and its role, a quarter
…), how rows sort, and the label a person reads (names read from the graph in one statement)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from graph.kernel.db import Database
from graph.proposals import cypher_stats
from graph.proposals.facts import EXTRA_MARK, industry_path
from graph.proposals.vocab import AssignmentRole, ProposalStatus, StatsDimension


@dataclass(frozen=True)
class StatsKey:
    dimension: str
    value: str | None  # code, id, status, year ("2024") or quarter ("2024-Q3"); None: none
    label: str  # what a person reads: the name, 已交办, 2024年第3季度 …
    role: str | None = None  # UNIT: the unit's part, LEAD (主办) or CO (协办)


def _at_level(code: str, length: int) -> str:
    """`code` rolled up to the level of `length` (its own code when it is coarser)."""
    return code[:length] if len(code) >= length else code


def _branch_ends(codes: Sequence[str], length: int) -> list[str]:
    """Of the codes on other industries' paths (those not on the first's path): the ones at the
    level of `length`, and the ones coarser where nothing finer follows (a branch that stops)."""
    return [
        c
        for c in codes
        if len(c) == length
        or (len(c) < length and not any(o != c and o.startswith(c) for o in codes))
    ]


def industry_values(dim: str, raw: Any, level: int | None) -> tuple[list[Any], bool]:
    """(the codes a row counts under, whether it counts in the totals) for the industry key of
    a row: the first industry (a code or None), the others' marked codes ("+A+A01…", not in
    the totals), or both as a pair [first, others] (LEVEL_KEY). Without a level the first
    rolls up the whole tree and each marked code counts as it is; at a level each rolls up to
    that level, and a suggestion counts once under each distinct code it reaches."""
    if isinstance(raw, list):
        first, others = raw
        both = industry_values(dim, first, level)[0]
        if others:
            both += [v for v in industry_values(dim, others, level)[0] if v not in both]
        return both, True
    if raw is None:
        return [None], True
    is_first = not raw.startswith(EXTRA_MARK)
    if is_first:
        path = [_at_level(raw, level)] if level else industry_path([raw])
    else:
        marked = raw.split(EXTRA_MARK)[1:]
        path = _branch_ends(marked, level) if level else marked
    values: list[Any] = [c for c in path if dim == StatsDimension.INDUSTRY.value or len(c) == 1]
    return values, is_first


def each_value(value: Any, is_list: bool) -> list[Any]:
    if not is_list:
        return [value]
    return list(value) if value else [None]


def key_value(dim: str, raw: Any) -> Any:
    """A key as rows are grouped by it: a string, or for UNIT the pair (unit id, role)."""
    if raw is None:
        return None
    if dim == StatsDimension.UNIT.value:
        return (raw[0], raw[1])
    if dim == "QUARTER":
        return f"{raw // 10}-Q{raw % 10}"
    return str(raw)


def _key_label(dim: str, value: Any, names: dict[str, str]) -> str:
    if value is None:
        return "未填写"
    if dim == StatsDimension.UNIT.value:
        unit, role = value
        part = AssignmentRole(role).zh if role in AssignmentRole.values() else "角色未注明"
        return f"{names.get(unit, unit)}（{part}）"
    if dim == StatsDimension.STATUS.value:
        known = value in ProposalStatus.values()
        return ProposalStatus(value).zh if known else value
    if dim == "YEAR":
        return f"{value}年"
    if dim == "QUARTER":
        year, quarter = value.split("-Q")
        return f"{year}年第{quarter}季度"
    return names.get(value, value)


def sort_value(dim: str, value: Any) -> tuple[int, Any]:
    if value is None:
        return (1, "")
    if dim == StatsDimension.UNIT.value:
        roles = AssignmentRole.values()
        return (0, (value[0], roles.index(value[1]) if value[1] in roles else 99))
    if dim == StatsDimension.STATUS.value:
        statuses = ProposalStatus.values()
        return (0, statuses.index(value) if value in statuses else 99)
    return (0, value)


def stats_key(dim: str, value: Any, names: dict[str, str]) -> StatsKey:
    label = _key_label(dim, value, names)
    if dim == StatsDimension.UNIT.value and value is not None:
        return StatsKey(dim, value[0], label, role=value[1])
    return StatsKey(dim, value, label)


async def names_of(
    db: Database, dims: list[str], combos: Iterable[tuple[Any, ...]]
) -> dict[str, str]:
    wanted: dict[str, set[str]] = {
        "codes": set(),
        "groups": set(),
        "committees": set(),
        "units": set(),
    }
    bucket = {
        "INDUSTRY": "codes",
        "INDUSTRY_SECTION": "codes",
        "GROUP": "groups",
        "COMMITTEE": "committees",
        "UNIT": "units",
    }
    for combo in combos:
        for dim, value in zip(dims, combo, strict=True):
            if value is not None and dim in bucket:
                wanted[bucket[dim]].add(value[0] if dim == "UNIT" else value)
    if not any(wanted.values()):
        return {}
    rows = await db.read(cypher_stats.MATCH_KEY_NAMES, **{k: sorted(v) for k, v in wanted.items()})
    return {key: name for key, name in rows[0]["pairs"]}
