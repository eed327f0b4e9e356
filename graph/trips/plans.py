"""Create and change an activity: its fields and its organisers, holders and industry.

(Committee)-[:ORGANIZES]->(Activity)<-[:HOLDS]-(DeputyGroup), (Activity)-[:IN_INDUSTRY]->(Industry).
A new activity is a DRAFT; only open ones (not COMPLETED or CANCELLED) change.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.kernel import dates, validate
from graph.kernel.db import Database, run
from graph.kernel.errors import not_found
from graph.kernel.model import sort_key
from graph.kernel.reads import Row, require_node
from graph.kernel.settings import TripRules
from graph.trips import cypher, reschedule
from graph.trips.conflicts import DEFAULT_RULES, Conflict, conflicts_in
from graph.trips.steps import StepResult, lock_activity, run_step
from graph.trips.vocab import ActivityKind, ActivityStatus

MAX_TRIP_DAYS = 366


@dataclass(frozen=True)
class ActivityInput:
    """A new activity, or changes to one (None: unchanged; for lists, None keeps them)."""

    kind: str | None = None
    title: str | None = None
    topic: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    committee_ids: Sequence[str] | None = None
    group_ids: Sequence[str] | None = None
    industry_code: str | None = None
    # On a change of dates, move the visits with the start (graph/trips/reschedule.py); False
    # keeps their days (a visit left outside the dates is the VISIT_OUTSIDE_DATES conflict).
    move_visits: bool = True


def _check_dates(start: dt.date, end: dt.date) -> None:
    dates.in_range(start, "input.start")
    dates.in_range(end, "input.end")
    if end < start:
        raise validate.invalid(
            "input.end",
            f"结束日期（{end}）早于开始日期（{start}）",
            f"`end` ({end}) is before `start` ({start})",
        )
    if (end - start).days >= MAX_TRIP_DAYS:
        raise validate.invalid(
            "input.end",
            f"活动不能超过 {MAX_TRIP_DAYS} 天",
            f"An activity cannot last more than {MAX_TRIP_DAYS} days",
        )


async def _industry(tx: AsyncManagedTransaction, code: str) -> str:
    clean = validate.industry_code(code, "input.industryCode")
    rows = await run(tx, cypher.MATCH_INDUSTRY, code=clean)
    if not rows:
        raise not_found("Industry", clean, field="input.industryCode")
    industry_id: str = rows[0]["id"]
    return industry_id


async def _links(tx: AsyncManagedTransaction, activity_id: str, data: ActivityInput) -> None:
    """Check the organisers, holders and industry, then (re)write those links."""
    industry = await _industry(tx, data.industry_code) if data.industry_code else None
    for i, cid in enumerate(data.committee_ids or ()):
        await require_node(tx, "Committee", cid, f"input.committeeIds[{i}]")
    for i, gid in enumerate(data.group_ids or ()):
        await require_node(tx, "DeputyGroup", gid, f"input.groupIds[{i}]")
    if data.committee_ids is not None:
        ids = list(dict.fromkeys(data.committee_ids))
        await run(tx, cypher.SET_ORGANISERS, id=activity_id, ids=ids)
    if data.group_ids is not None:
        await run(tx, cypher.SET_HOLDERS, id=activity_id, ids=list(dict.fromkeys(data.group_ids)))
    if industry is not None:
        await run(tx, cypher.SET_INDUSTRY, id=activity_id, industry=industry)


def _not_reception(kind: str, zh: str, en: str) -> None:
    """Receptions have their own create and update (graph/receptions/): a venue, 四定, a
    slot. Made here, an activity would be a reception without them."""
    if kind == ActivityKind.RECEPTION.value:
        raise validate.invalid("input.kind", zh, en)


def _props(data: ActivityInput) -> dict[str, Any]:
    props: dict[str, Any] = {}
    if data.title is not None:
        props["title"] = props["name"] = validate.name(data.title, "input.title")
    if data.kind is not None:
        props["kind"] = validate.choice(data.kind, "input.kind", (k.value for k in ActivityKind))
    if data.topic is not None:
        props["topic"] = validate.optional_text(data.topic, "input.topic", limit=200)
    if data.start is not None:
        props["start"] = data.start
    if data.end is not None:
        props["end"] = data.end
    return props


async def create_activity(
    db: Database, data: ActivityInput, *, source: str = "user", rules: TripRules = DEFAULT_RULES
) -> StepResult:
    """A new DRAFT activity with its organisers, holders and industry."""
    props = _props(data)
    for key in ("title", "kind", "start", "end"):
        if key not in props:
            raise validate.invalid(f"input.{key}", f"{key} 不能为空", f"`{key}` is required")
    _not_reception(
        props["kind"],
        "接待活动请用 createReception 创建（须有场所、时段和四定）",
        "Create a reception with createReception (it needs a venue, a slot and its 四定)",
    )
    _check_dates(props["start"], props["end"])
    activity_id = str(uuid.uuid4())

    async def write(tx: AsyncManagedTransaction) -> Row:
        created = await run(
            tx,
            cypher.CREATE_ACTIVITY,
            id=activity_id,
            props={**props, "status": ActivityStatus.DRAFT.value, "source": source},
            sortKey=sort_key(props["title"]),
        )
        await _links(tx, activity_id, data)
        node: Row = created[0]["node"]
        return node

    return await run_step(db, rules, write)


async def update_activity(
    db: Database, activity_id: str, data: ActivityInput, *, rules: TripRules = DEFAULT_RULES
) -> StepResult:
    """Change an open activity's fields or links (None leaves a field as it is). New dates
    move the visits with the start, or are refused naming the visits at fault, unless
    `data.move_visits` is False (graph/trips/reschedule.py)."""
    props = _props(data)
    dates.in_range(props.get("start"), "input.start")
    dates.in_range(props.get("end"), "input.end")

    async def write(tx: AsyncManagedTransaction) -> Row:
        current = await lock_activity(tx, activity_id)
        if "kind" in props and props["kind"] != current.get("kind"):
            for kind in (props["kind"], current.get("kind")):
                _not_reception(
                    str(kind),
                    "活动类型不能改为或改自接待（接待活动请用 createReception / updateReception）",
                    "An activity's kind cannot change to or from RECEPTION "
                    "(use createReception / updateReception)",
                )
        start, end = props.get("start") or current["start"], props.get("end") or current["end"]
        _check_dates(start, end)
        moving = data.move_visits and (start, end) != (current["start"], current["end"])
        before: list[Conflict] = []
        if moving:
            await reschedule.lock_plan(tx, activity_id)
            before = await conflicts_in(tx, activity_id, rules)
        await _links(tx, activity_id, data)
        rows = await run(
            tx,
            cypher.UPDATE_ACTIVITY,
            id=activity_id,
            props=props,
            sortKey=sort_key(props["title"]) if "title" in props else None,
        )
        if moving:
            field = "input.start" if start != current["start"] else "input.end"
            await reschedule.shift_visits(tx, current, start, rules, before, field)
        node: Row = rows[0]["node"]
        return node

    return await run_step(db, rules, write)
