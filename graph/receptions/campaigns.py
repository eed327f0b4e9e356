"""Campaigns (专项活动): a congress's drive of visits over some weeks, like 安庆's
新春访代表·助企解难题, whose visits (trip activities) and issues are counted together.

One campaign per congress per name and year: create and rename take the anchor of that name,
then check, then write (graph/kernel/locks.py). A visit joins one campaign, under locks on both;
the issues already raised on it join with it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.kernel import dates, locks, validate
from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode, not_found
from graph.kernel.model import sort_key
from graph.kernel.reads import Page, Row, check_page
from graph.receptions import cypher_campaigns as cypher
from graph.receptions.issues import OPEN
from graph.trips.vocab import ActivityKind


@dataclass(frozen=True)
class CampaignInput:
    congress_id: str
    name: str
    year: int
    start: dt.date
    end: dt.date
    description: str | None = None


@dataclass(frozen=True)
class CampaignUpdate:
    name: str | None = None
    year: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    description: str | None = None
    # The fields given (so a description can be cleared with an explicit None).
    given: frozenset[str] = field(default_factory=frozenset)


def _check_dates(year: int, start: dt.date, end: dt.date) -> None:
    dates.in_range(start, "input.start")
    dates.in_range(end, "input.end")
    dates.not_before(end, start, "input.end", "开始日期", "the start")
    if not 1949 <= year <= 2200:
        raise validate.invalid("input.year", f"年度不合理：{year}", f"Implausible year {year}")


def _anchor(congress_id: str, name: str, year: int) -> str:
    return f"campaign:{congress_id}:{year}:{name}"


async def _check_unique(
    tx: AsyncManagedTransaction, congress_id: str, name: str, year: int, own_id: str
) -> None:
    await locks.lock_anchor(tx, _anchor(congress_id, name, year))
    same = await run(
        tx, cypher.SAME_CAMPAIGN, congress=congress_id, name=name, year=year, id=own_id
    )
    if same:
        raise DomainError(
            ErrorCode.DUPLICATE,
            f"该人大 {year} 年已有同名专项活动“{name}”",
            f"The congress already has a campaign {name!r} in {year}: {same[0]['id']}",
            field="input.name",
            ids=[same[0]["id"]],
        )


async def create_campaign(db: Database, data: CampaignInput, by: str) -> Row:
    """A new campaign of a congress; DUPLICATE when it has one of that name that year."""
    name = validate.name(data.name, "input.name")
    description = validate.optional_text(data.description, "input.description")
    _check_dates(data.year, data.start, data.end)
    campaign_id = uuid.uuid4().hex

    async def work(tx: AsyncManagedTransaction) -> Row:
        await _check_unique(tx, data.congress_id, name, data.year, campaign_id)
        await locks.lock_nodes(tx, [("Congress", data.congress_id, "input.congressId")])
        props = {
            "name": name,
            "sortKey": sort_key(name),
            "year": data.year,
            "start": data.start,
            "end": data.end,
            "description": description,
            "congressId": data.congress_id,
            "source": "user",
        }
        rows = await run(
            tx, cypher.CREATE_CAMPAIGN, id=campaign_id, congress=data.congress_id, props=props
        )
        node: Row = rows[0]["node"]
        return node

    return await db.transaction(work)


async def update_campaign(db: Database, campaign_id: str, data: CampaignUpdate, by: str) -> Row:
    """Change what is given; a new name or year is checked for uniqueness like a create."""
    props: dict[str, Any] = {}
    if "name" in data.given:
        props["name"] = validate.name(data.name, "input.name")
        props["sortKey"] = sort_key(props["name"])
    if "description" in data.given:
        props["description"] = validate.optional_text(data.description, "input.description")
    for key in ("year", "start", "end"):
        if key in data.given:
            if getattr(data, key) is None:
                raise validate.invalid(f"input.{key}", f"{key} 不能为空", f"`{key}` cannot be null")
            props[key] = getattr(data, key)

    async def work(tx: AsyncManagedTransaction) -> Row:
        rows = await run(tx, cypher.LOCK_CAMPAIGN, id=campaign_id)
        if not rows:
            raise not_found("Campaign", campaign_id, field="id")
        current: Row = {**rows[0]["node"], **props}
        _check_dates(current["year"], current["start"], current["end"])
        if "name" in props or "year" in props:
            await _check_unique(
                tx, current["congressId"], current["name"], current["year"], campaign_id
            )
        node: Row = (await run(tx, cypher.UPDATE_CAMPAIGN, id=campaign_id, props=props))[0]["node"]
        return node

    return await db.transaction(work)


async def add_campaign_visit(db: Database, campaign_id: str, activity_id: str, by: str) -> Row:
    """A trip visit (not a reception) joins the campaign; DUPLICATE when it is in one already."""

    async def work(tx: AsyncManagedTransaction) -> Row:
        found = await locks.lock_nodes(
            tx, [("Campaign", campaign_id, "campaignId"), ("Activity", activity_id, "activityId")]
        )
        if found[("Activity", activity_id)].get("kind") == ActivityKind.RECEPTION.value:
            raise validate.invalid(
                "activityId",
                "接待活动不能作为专项活动的走访",
                "A reception cannot be a campaign's visit: give a trip activity",
            )
        linked = await run(tx, cypher.VISIT_LINKED, activity=activity_id)
        if linked:
            same = linked[0]["id"] == campaign_id
            raise DomainError(
                ErrorCode.DUPLICATE,
                "该活动已在此专项活动中"
                if same
                else f"该活动已属于另一专项活动（{linked[0]['id']}）",
                "The visit is already in this campaign"
                if same
                else f"The visit is already in campaign {linked[0]['id']}",
                field="activityId",
                ids=[activity_id, linked[0]["id"]],
            )
        rows = await run(tx, cypher.ADD_VISIT, activity=activity_id, campaign=campaign_id)
        node: Row = rows[0]["node"]
        return node

    return await db.transaction(work)


async def list_campaigns(
    db: Database, *, congress_id: str | None, year: int | None, first: int, after: int = 0
) -> Page:
    """Campaigns, newest year first, then by pinyin."""
    check_page(first, after)
    rows = await db.read(
        cypher.LIST_CAMPAIGNS, congress=congress_id, year=year, skip=after, limit=first
    )
    return Page(total=rows[0]["total"], rows=rows[0]["rows"])


async def visits_by_campaign(db: Database, ids: Sequence[str]) -> list[list[Row]]:
    rows = await db.read(cypher.VISITS_BY_CAMPAIGN, ids=list(ids))
    found = {row["id"]: row["items"] for row in rows}
    return [found.get(i, []) for i in ids]


async def campaign_stats(
    db: Database, ids: Sequence[str], *, today: dt.date | None = None
) -> list[Row]:
    """Each campaign's collected, assigned (ever), solved (CLOSED and SOLVED), answered and
    feedback overdue, in key order."""
    rows = await db.read(
        cypher.STATS_BY_CAMPAIGN, ids=list(ids), open=OPEN, today=today or dt.date.today()
    )
    found = {row["id"]: row for row in rows}
    return [found[i] for i in ids]
