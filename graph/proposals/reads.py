"""Reads of suggestions: the filter every list and statistic shares, the lists (all, overdue)
and the batch loaders behind the API's relationship fields (one round trip for many ids)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.kernel import validate
from graph.kernel.db import Database
from graph.kernel.errors import not_found
from graph.kernel.model import MAX_NAME_LENGTH
from graph.kernel.reads import Page, Row, check_page, grouped
from graph.proposals import cypher
from graph.proposals.vocab import AssignmentRole, ProposalStage, ProposalStatus


@dataclass(frozen=True)
class ProposalFilter:
    congress_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    stage: str | None = None
    industry_code: str | None = None  # the industry and its whole sub-tree
    status: str | None = None
    group_id: str | None = None  # raised in (or by) this deputy group (its `groupId`)
    committee_id: str | None = None  # supervised by this committee (督办)
    unit_id: str | None = None  # assigned to this unit
    unit_role: str | None = None  # … in this role (LEAD 主办 / CO 协办); needs unit_id
    deputy_id: str | None = None  # raised by this deputy
    activity_id: str | None = None  # raised from this trip (ARISES_FROM)
    text: str | None = None  # the title contains it


# The filters that name a node, by parameter: (label, the field an error names).
FILTER_REFS = {
    "group": ("DeputyGroup", "filter.group"),
    "committee": ("Committee", "filter.committee"),
    "unit": ("Unit", "filter.unit"),
    "deputy": ("Deputy", "filter.deputy"),
    "activity": ("Activity", "filter.activity"),
}


def filter_params(f: ProposalFilter) -> dict[str, Any]:
    """The parameters of the filters `f` sets, named as in `cypher.PROPOSAL_FILTERS`: their
    names pick the statement (`cypher.list_proposals_query(frozenset(params))`)."""
    values = {
        "congress": f.congress_id,
        "from": f.date_from,
        "to": f.date_to,
        "stage": f.stage,
        "industry": f.industry_code,
        "status": f.status,
        "group": f.group_id,
        "text": f.text,
        "deputy": f.deputy_id,
        "committee": f.committee_id,
        "unit": f.unit_id,
        "unitRole": f.unit_role,
        "activity": f.activity_id,
    }
    return {name: value for name, value in values.items() if value is not None}


def check_filter(f: ProposalFilter) -> ProposalFilter:
    """`f` checked, its industry code and text cleaned; INVALID naming the field at fault.
    That the nodes it names exist is `check_filter_refs`'s job (it needs the database)."""
    validate.choice(f.stage, "filter.stage", ProposalStage.values())
    validate.choice(f.status, "filter.status", ProposalStatus.values())
    validate.choice(f.unit_role, "filter.unitRole", AssignmentRole.values())
    if f.unit_role is not None and f.unit_id is None:
        raise validate.invalid(
            "filter.unitRole",
            "按主办/协办筛选时须同时指定承办单位（unit）",
            "`unitRole` needs `unit`: the role of which unit?",
        )
    if f.date_from and f.date_to and f.date_to < f.date_from:
        raise validate.invalid("filter.to", "结束日期早于开始日期", "`to` is before `from`")
    if f.industry_code is not None:
        f = dataclasses.replace(
            f, industry_code=validate.industry_code(f.industry_code, "filter.industry")
        )
    if f.text is not None:
        text = validate.clean_text(f.text)
        if len(text) > MAX_NAME_LENGTH:
            raise validate.invalid(
                "filter.text",
                f"filter.text 不能超过 {MAX_NAME_LENGTH} 个字符",
                f"`filter.text` must be at most {MAX_NAME_LENGTH} characters",
            )
        f = dataclasses.replace(f, text=text or None)
    return f


async def check_filter_refs(db: Database, f: ProposalFilter) -> None:
    """NOT_FOUND naming the filter field whose id names no node (a group, committee, unit,
    deputy or trip): a typo must not read as "no suggestions"."""
    params = filter_params(f)
    refs = {name: params.get(name) for name in FILTER_REFS}
    if not any(refs.values()):
        return
    found = (await db.read(cypher.MATCH_FILTER_REFS, **refs))[0]
    for name, (label, field) in FILTER_REFS.items():
        if not found[name]:
            raise not_found(label, str(refs[name]), field=field)


async def list_proposals(db: Database, f: ProposalFilter, *, first: int, offset: int) -> Page:
    """A page of suggestions matching `f`, newest first."""
    check_page(first, offset)
    f = check_filter(f)
    await check_filter_refs(db, f)
    params = filter_params(f)
    query = cypher.list_proposals_query(frozenset(params))
    rows = await db.read(query, skip=offset, limit=first, **params)
    return Page(total=rows[0]["total"], rows=rows[0]["rows"])


# Past due and not replied: only suggestions still with a unit can be overdue.
OPEN_WITH_UNIT = (ProposalStatus.ASSIGNED.value, ProposalStatus.HANDLING.value)


async def overdue_proposals(
    db: Database, *, first: int, offset: int, today: dt.date | None = None
) -> Page:
    """Suggestions past their due date and not replied, most overdue first."""
    check_page(first, offset)
    rows = await db.read(
        cypher.LIST_OVERDUE_PROPOSALS,
        today=today or dt.date.today(),
        open=list(OPEN_WITH_UNIT),
        skip=offset,
        limit=first,
    )
    return Page(total=rows[0]["total"], rows=rows[0]["rows"])


async def events_by_proposal(db: Database, ids: Sequence[str]) -> list[list[Row]]:
    """Each suggestion's history, oldest first (one round trip for all ids)."""
    return await grouped(db, cypher.MATCH_EVENTS_BY_PROPOSAL, ids)


async def assignments_by_proposal(db: Database, ids: Sequence[str]) -> list[list[Row]]:
    """Each suggestion's handling units (lead first) with role, date assigned and due date."""
    return await grouped(db, cypher.MATCH_ASSIGNMENTS_BY_PROPOSAL, ids)


async def proposals_by_unit(db: Database, ids: Sequence[str]) -> list[list[Row]]:
    """Each unit's suggestions, newest first, with the assignment's role and dates as "rel"."""
    return await grouped(db, cypher.MATCH_PROPOSALS_BY_UNIT, ids)


async def raiser_by_proposal(db: Database, ids: Sequence[str]) -> list[Row | None]:
    """Who raised each suggestion: {"label": Deputy|DeputyGroup, "node": {...}} or None."""
    rows = await db.read(cypher.MATCH_RAISER_BY_PROPOSAL, ids=list(ids))
    found = {row["id"]: row for row in rows}
    return [found.get(i) for i in ids]
