"""Reads of issues: the filter lists and statistics share, the list (sorted by the date feedback
was promised, then raised, then id), a reception's three 321 lists, and the batch loaders behind
the API's fields. Every filter reads a key stored on the issue (issues.py), so the indexes of
migrations 12 and 14 answer it: "feedback due this week and still open" is a range on
(status, promisedBy), a campaign's issues a seek on campaignId."""

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
from graph.receptions import cypher_issues as cypher
from graph.receptions.issues import OPEN, facts_day
from graph.receptions.vocab import IssueOrigin, IssueStatus
from graph.trips.vocab import ActivityKind


@dataclass(frozen=True)
class IssueFilter:
    congress_id: str | None = None
    status: str | None = None
    unit_id: str | None = None
    industry_code: str | None = None  # the industry and its sub-tree (C13 matches C1391)
    enterprise_id: str | None = None
    campaign_id: str | None = None
    venue_id: str | None = None
    reception_id: str | None = None  # raised at this reception or trip (RAISED_AT)
    origin: str | None = None
    year: int | None = None
    overdue: bool | None = None  # feedback overdue (open, promisedBy before today) or not
    promised_from: dt.date | None = None
    promised_to: dt.date | None = None
    open_only: bool = False  # status still open (RAISED … HANDLING): "feedback due" lists
    text: str | None = None  # the title contains it


def check_filter(f: IssueFilter) -> IssueFilter:
    """`f` checked and cleaned; INVALID naming the field at fault."""
    validate.choice(f.status, "filter.status", IssueStatus.values())
    validate.choice(f.origin, "filter.origin", IssueOrigin.values())
    if f.promised_from and f.promised_to and f.promised_to < f.promised_from:
        raise validate.invalid(
            "filter.promisedTo", "结束日期早于开始日期", "`promisedTo` is before `promisedFrom`"
        )
    if f.year is not None and not 1949 <= f.year <= 2200:
        raise validate.invalid("filter.year", "年份不合理", f"Implausible year {f.year}")
    if f.industry_code is not None:
        code = validate.industry_code(f.industry_code, "filter.industryCode")
        f = dataclasses.replace(f, industry_code=code)
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


def filter_params(f: IssueFilter) -> dict[str, Any]:
    """The parameters of the filters `f` sets, named as in `cypher.ISSUE_FILTERS` (their names
    pick the fragments); the flags (openOnly, overdue, notOverdue) are True when set."""
    values: dict[str, Any] = {
        "congress": f.congress_id,
        "status": f.status,
        "unit": f.unit_id,
        "industry": f.industry_code,
        "enterprise": f.enterprise_id,
        "campaign": f.campaign_id,
        "venue": f.venue_id,
        "reception": f.reception_id,
        "origin": f.origin,
        "year": f.year,
        "promisedFrom": f.promised_from,
        "promisedTo": f.promised_to,
        "text": f.text,
        "openOnly": True if f.open_only else None,
        "overdue": True if f.overdue is True else None,
        "notOverdue": True if f.overdue is False else None,
    }
    return {name: value for name, value in values.items() if value is not None}


FLAGS = ("openOnly", "overdue", "notOverdue")


def query_params(params: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """The statement's parameters: the flags carry no value of their own."""
    out = {k: v for k, v in params.items() if k not in FLAGS}
    return {**out, "open": OPEN, "today": today, "todayDay": facts_day(today)}


async def list_issues(
    db: Database, flt: IssueFilter, *, today: dt.date, first: int, after: int = 0
) -> Page:
    """A page of the issues matching `flt` from offset `after`, sorted by promisedBy (none
    last), then raisedAt, then id."""
    check_page(first, after)
    flt = check_filter(flt)
    params = filter_params(flt)
    query = cypher.list_query(frozenset(params))
    rows = await db.read(query, skip=after, limit=first, **query_params(params, today))
    return Page(total=rows[0]["total"], rows=rows[0]["rows"])


@dataclass(frozen=True)
class ReceptionLists:
    """The 321 lists of a reception (收集问题、对策建议、限时反馈), as views of its issues."""

    problems: list[Row]  # every issue raised at it
    measures: list[Row]  # those with a measure (对策建议)
    feedback_due: list[Row]  # open ones with a promised date, soonest first


async def reception_lists(db: Database, reception_id: str) -> ReceptionLists:
    rows = await db.read(cypher.RECEPTION_ISSUES, id=reception_id)
    if not rows or rows[0]["kind"] != ActivityKind.RECEPTION.value:
        raise not_found("Activity", reception_id, field="receptionId")
    issues: list[Row] = rows[0]["rows"]
    due = [i for i in issues if i.get("promisedBy") is not None and i["status"] in OPEN]
    due.sort(key=lambda i: (i["promisedBy"], i["raisedAt"], i["id"]))
    return ReceptionLists(
        problems=issues, measures=[i for i in issues if i.get("measure")], feedback_due=due
    )


async def events_by_issue(db: Database, ids: Sequence[str]) -> list[list[Row]]:
    """Each issue's history, oldest first (one round trip for all ids)."""
    return await grouped(db, cypher.EVENTS_BY_ISSUE, ids)


async def deputies_by_issue(db: Database, ids: Sequence[str]) -> list[list[Row]]:
    """The deputies who collected each issue, by pinyin."""
    return await grouped(db, cypher.DEPUTIES_BY_ISSUE, ids)


async def issues_by_proposal(db: Database, ids: Sequence[str]) -> list[list[Row]]:
    """The issues each suggestion was escalated from."""
    return await grouped(db, cypher.ISSUES_BY_PROPOSAL, ids)
