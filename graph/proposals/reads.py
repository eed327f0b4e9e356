"""Reads of suggestions: the filter every list and statistic shares, the lists (all, overdue)
and the batch loaders behind the API's relationship fields (one round trip for many ids)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.kernel import validate
from graph.kernel.db import Database
from graph.kernel.reads import Page, Row, check_page
from graph.proposals import cypher
from graph.proposals.vocab import ProposalStage, ProposalStatus


@dataclass(frozen=True)
class ProposalFilter:
    congress_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    stage: str | None = None
    industry_code: str | None = None  # the industry and its whole sub-tree
    status: str | None = None


def filter_params(f: ProposalFilter) -> dict[str, Any]:
    """The parameters of the filters `f` sets, named as in `cypher.PROPOSAL_FILTERS`: their
    names pick the statement (`cypher.LIST_PROPOSALS[frozenset(params)]`)."""
    values = {
        "congress": f.congress_id,
        "from": f.date_from,
        "to": f.date_to,
        "stage": f.stage,
        "industry": f.industry_code,
        "status": f.status,
    }
    return {name: value for name, value in values.items() if value is not None}


def check_filter(f: ProposalFilter) -> ProposalFilter:
    validate.choice(f.stage, "filter.stage", ProposalStage.values())
    validate.choice(f.status, "filter.status", ProposalStatus.values())
    if f.date_from and f.date_to and f.date_to < f.date_from:
        raise validate.invalid("filter.to", "结束日期早于开始日期", "`to` is before `from`")
    if f.industry_code is not None:
        f = ProposalFilter(
            f.congress_id,
            f.date_from,
            f.date_to,
            f.stage,
            validate.industry_code(f.industry_code, "filter.industry"),
            f.status,
        )
    return f


async def list_proposals(db: Database, f: ProposalFilter, *, first: int, offset: int) -> Page:
    """A page of suggestions matching `f`, newest first."""
    check_page(first, offset)
    params = filter_params(check_filter(f))
    query = cypher.LIST_PROPOSALS[frozenset(params)]
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


async def _grouped(db: Database, query: str, ids: Sequence[str]) -> list[list[Row]]:
    rows = await db.read(query, ids=list(ids))
    found = {row["id"]: row["items"] for row in rows}
    return [found.get(i, []) for i in ids]


async def events_by_proposal(db: Database, ids: Sequence[str]) -> list[list[Row]]:
    """Each suggestion's history, oldest first (one round trip for all ids)."""
    return await _grouped(db, cypher.MATCH_EVENTS_BY_PROPOSAL, ids)


async def assignments_by_proposal(db: Database, ids: Sequence[str]) -> list[list[Row]]:
    """Each suggestion's handling units (lead first) with role, date assigned and due date."""
    return await _grouped(db, cypher.MATCH_ASSIGNMENTS_BY_PROPOSAL, ids)


async def proposals_by_unit(db: Database, ids: Sequence[str]) -> list[list[Row]]:
    """Each unit's suggestions, newest first, with the assignment's role and dates as "rel"."""
    return await _grouped(db, cypher.MATCH_PROPOSALS_BY_UNIT, ids)


async def raiser_by_proposal(db: Database, ids: Sequence[str]) -> list[Row | None]:
    """Who raised each suggestion: {"label": Deputy|DeputyGroup, "node": {...}} or None."""
    rows = await db.read(cypher.MATCH_RAISER_BY_PROPOSAL, ids=list(ids))
    found = {row["id"]: row for row in rows}
    return [found.get(i) for i in ids]
