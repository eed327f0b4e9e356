"""The people and the places of a trip: participants and the itinerary.

(Deputy)-[:TAKES_PART {role: LEAD|MEMBER}]->(Activity)-[:VISITS {day, order}]->(Enterprise)

Each step locks the activity (graph/trips/steps.py) and must find it open; visit orders stay
1..n, without gaps, whatever is added, moved or removed.
"""

from __future__ import annotations

import datetime as dt

from neo4j import AsyncManagedTransaction

from graph.kernel import dates, validate
from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.reads import Row, require_node
from graph.kernel.settings import TripRules
from graph.trips import cypher
from graph.trips.conflicts import DEFAULT_RULES
from graph.trips.steps import StepResult, lock_activity, run_step
from graph.trips.vocab import ParticipantRole


async def add_participant(
    db: Database,
    activity_id: str,
    deputy_id: str,
    role: str = ParticipantRole.MEMBER.value,
    *,
    rules: TripRules = DEFAULT_RULES,
) -> StepResult:
    validate.choice(role, "role", (r.value for r in ParticipantRole))

    async def write(tx: AsyncManagedTransaction) -> Row:
        node = await lock_activity(tx, activity_id)
        deputy = await require_node(tx, "Deputy", deputy_id, "deputyId")
        if await run(tx, cypher.MATCH_PARTICIPANT, id=activity_id, deputy=deputy_id):
            raise DomainError(
                ErrorCode.DUPLICATE,
                f"{deputy['name']} 已在参加人员中",
                f"{deputy['name']} already takes part",
                field="deputyId",
                ids=[deputy_id],
            )
        await run(tx, cypher.ADD_PARTICIPANT, id=activity_id, deputy=deputy_id, role=role)
        return node

    return await run_step(db, rules, write)


async def remove_participant(
    db: Database, activity_id: str, deputy_id: str, *, rules: TripRules = DEFAULT_RULES
) -> StepResult:
    async def write(tx: AsyncManagedTransaction) -> Row:
        node = await lock_activity(tx, activity_id)
        deputy = await require_node(tx, "Deputy", deputy_id, "deputyId")
        if (await run(tx, cypher.REMOVE_PARTICIPANT, id=activity_id, deputy=deputy_id))[0][
            "removed"
        ] == 0:
            raise DomainError(
                ErrorCode.NOT_FOUND,
                f"{deputy['name']} 未参加该活动",
                f"{deputy['name']} does not take part in this activity",
                field="deputyId",
                ids=[deputy_id],
            )
        return node

    return await run_step(db, rules, write)


def _check_order(order: int | None) -> None:
    if order is not None and order < 1:
        raise validate.invalid(
            "order", "顺序须从 1 开始", f"`order` must be 1 or more, got {order}"
        )


async def _renumber(
    tx: AsyncManagedTransaction,
    activity_id: str,
    visits: list[Row],
    moved: Row | None,
    position: int | None,
) -> None:
    """Orders become 1..n, with `moved` at `position` (or last)."""
    ordered = [v for v in visits if moved is None or v["enterprise"] != moved["enterprise"]]
    if moved is not None:
        at = len(ordered) if position is None else min(position - 1, len(ordered))
        ordered.insert(at, moved)
    rows = [{**v, "order": i} for i, v in enumerate(ordered, start=1)]
    await run(tx, cypher.SET_VISIT_ORDERS, id=activity_id, rows=rows)


async def _itinerary(
    tx: AsyncManagedTransaction, activity_id: str, enterprise_id: str
) -> tuple[Row, Row, list[Row]]:
    """Lock the activity; then the enterprise, and the visits so far in order."""
    node = await lock_activity(tx, activity_id)
    enterprise = await require_node(tx, "Enterprise", enterprise_id, "enterpriseId")
    return node, enterprise, await run(tx, cypher.LIST_VISITS, id=activity_id)


async def add_visit(
    db: Database,
    activity_id: str,
    enterprise_id: str,
    day: dt.date | None = None,
    order: int | None = None,
    *,
    rules: TripRules = DEFAULT_RULES,
) -> StepResult:
    """Visit an enterprise on `day` (default: the first day) at stop `order` (default: last)."""
    _check_order(order)
    dates.in_range(day, "day")

    async def write(tx: AsyncManagedTransaction) -> Row:
        node, enterprise, visits = await _itinerary(tx, activity_id, enterprise_id)
        if any(v["enterprise"] == enterprise_id for v in visits):
            raise DomainError(
                ErrorCode.DUPLICATE,
                f"已安排走访 {enterprise['name']}",
                f"{enterprise['name']} is already on the itinerary (use moveVisit)",
                field="enterpriseId",
                ids=[enterprise_id],
            )
        _check_visit_day(node, day)
        visit = {"enterprise": enterprise_id, "day": day or node["start"], "order": 0}
        await run(tx, cypher.ADD_VISIT, id=activity_id, enterprise=enterprise_id, **_visit(visit))
        await _renumber(tx, activity_id, visits, visit, order)
        return node

    return await run_step(db, rules, write)


def _check_visit_day(node: Row, day: dt.date | None) -> None:
    """A visit given a day lies within the activity's dates (INVALID, nothing written). Visits
    left outside when the activity's dates change later are the VISIT_OUTSIDE_DATES conflict."""
    if day is None:
        return
    dates.not_before(day, node["start"], "day", "活动开始日期", "the activity's first day")
    if day > node["end"]:
        raise validate.invalid(
            "day",
            f"day 日期 {day.isoformat()} 晚于活动结束日期（{node['end'].isoformat()}）",
            f"`day` {day.isoformat()} is after the activity's last day ({node['end'].isoformat()})",
        )


def _visit(row: Row) -> Row:
    return {"day": row["day"], "order": row["order"]}


async def move_visit(
    db: Database,
    activity_id: str,
    enterprise_id: str,
    day: dt.date | None = None,
    order: int | None = None,
    *,
    rules: TripRules = DEFAULT_RULES,
) -> StepResult:
    """Change a visit's day and/or its place in the itinerary."""
    _check_order(order)
    dates.in_range(day, "day")

    async def write(tx: AsyncManagedTransaction) -> Row:
        node, enterprise, visits = await _itinerary(tx, activity_id, enterprise_id)
        current = next((v for v in visits if v["enterprise"] == enterprise_id), None)
        if current is None:
            raise _not_visited(enterprise, enterprise_id)
        _check_visit_day(node, day)
        moved = {**current, "day": day or current["day"]}
        await _renumber(tx, activity_id, visits, moved, order or current["order"])
        return node

    return await run_step(db, rules, write)


def _not_visited(enterprise: Row, enterprise_id: str) -> DomainError:
    return DomainError(
        ErrorCode.NOT_FOUND,
        f"行程中没有 {enterprise['name']}",
        f"{enterprise['name']} is not on the itinerary",
        field="enterpriseId",
        ids=[enterprise_id],
    )


async def remove_visit(
    db: Database, activity_id: str, enterprise_id: str, *, rules: TripRules = DEFAULT_RULES
) -> StepResult:
    async def write(tx: AsyncManagedTransaction) -> Row:
        node = await lock_activity(tx, activity_id)
        enterprise = await require_node(tx, "Enterprise", enterprise_id, "enterpriseId")
        if (await run(tx, cypher.REMOVE_VISIT, id=activity_id, enterprise=enterprise_id))[0][
            "removed"
        ] == 0:
            raise _not_visited(enterprise, enterprise_id)
        await _renumber(
            tx, activity_id, await run(tx, cypher.LIST_VISITS, id=activity_id), None, None
        )
        return node

    return await run_step(db, rules, write)
