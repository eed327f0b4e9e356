"""Receptions: a trip-like activity of kind RECEPTION held at a venue, with its 四定 (定主题
theme, 定主体 host, 定对象 audience, 定时间 day and slot) and the deputies present.

A reception IS an Activity, so everything after its creation is the trips' code, unchanged:
participants (graph/trips/itinerary.py), the lifecycle (graph/trips/lifecycle.py) and the
conflict engine (graph/trips/conflicts.py), whose TOO_FEW_DEPUTIES is the 321 rule's "at
least two deputies at every reception" and whose OVERLAP is a deputy elsewhere that day; both
are hard and block scheduling. This module only writes what is a reception's own: its venue,
its 四定, and the venue's rule that two open receptions there never share a slot (checked
under the venue's lock).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.kernel import dates, reads, validate
from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.locks import lock_nodes
from graph.kernel.model import sort_key
from graph.kernel.reads import Page, Row, require_node
from graph.kernel.settings import TripRules
from graph.receptions import cypher_receptions as cypher
from graph.receptions import slots
from graph.trips.conflicts import DEFAULT_RULES
from graph.trips.steps import StepResult, lock_activity, run_step
from graph.trips.vocab import ActivityKind

MAX_DEPUTIES = 50


@dataclass(frozen=True)
class ReceptionInput:
    """A new reception, or changes to one (None: unchanged). `deputy_ids` only on creation
    (the first leads); later changes go through addParticipant / removeParticipant."""

    title: str | None = None
    day: dt.date | None = None
    slot_start: str | None = None
    slot_end: str | None = None
    theme: str | None = None
    host: str | None = None
    audience: str | None = None
    deputy_ids: Sequence[str] = ()


def _props(data: ReceptionInput) -> dict[str, Any]:
    props: dict[str, Any] = {}
    if data.title is not None:
        props["title"] = props["name"] = validate.name(data.title, "input.title")
    for key in ("theme", "host", "audience"):
        value = getattr(data, key)
        if value is not None:
            props[key] = validate.optional_text(value, f"input.{key}", limit=200)
    if data.theme is not None:
        props["topic"] = props["theme"]  # trips' lists and search know a topic
    if data.day is not None:
        dates.in_range(data.day, "input.day")
        props["start"] = props["end"] = data.day
    return props


def _deputies(ids: Sequence[str]) -> list[str]:
    unique = list(dict.fromkeys(ids))
    if len(unique) > MAX_DEPUTIES:
        raise validate.invalid(
            "input.deputyIds",
            f"参加代表最多 {MAX_DEPUTIES} 人",
            f"At most {MAX_DEPUTIES} deputies",
        )
    return unique


async def _check_free(
    tx: AsyncManagedTransaction,
    venue_id: str,
    reception_id: str,
    day: dt.date,
    slot: tuple[str, str],
) -> None:
    """No other open reception at the venue that day shares the slot (venue locked)."""
    rows = await run(
        tx,
        cypher.MATCH_RECEPTION_CLASH,
        venue=venue_id,
        id=reception_id,
        day=day,
        slotStart=slot[0],
        slotEnd=slot[1],
    )
    if rows:
        other = rows[0]
        raise DomainError(
            ErrorCode.CONFLICT,
            f"该场所 {day} {other['slotStart']}–{other['slotEnd']} 已安排接待“{other['title']}”",
            f"The venue already holds '{other['title']}' on {day} "
            f"{other['slotStart']}–{other['slotEnd']}",
            field="input.slotStart",
            ids=[other["id"]],
        )


async def create_reception(
    db: Database,
    venue_id: str,
    data: ReceptionInput,
    *,
    source: str = "user",
    rules: TripRules = DEFAULT_RULES,
) -> StepResult:
    """A DRAFT reception at the venue with its deputies; returns it with its conflicts (the
    trips' engine: fewer than two deputies, a deputy elsewhere that day)."""
    props = _props(data)
    for key in ("title", "start"):
        if key not in props:
            field = "input.day" if key == "start" else f"input.{key}"
            raise validate.invalid(field, f"{field} 不能为空", f"`{field}` is required")
    if data.slot_start is None or data.slot_end is None:
        raise validate.invalid(
            "input.slotStart", "须给出接待时段", "`slotStart` and `slotEnd` are required"
        )
    slot = slots.slot(data.slot_start, data.slot_end)
    props["slotStart"], props["slotEnd"] = slot
    deputies = _deputies(data.deputy_ids)
    reception_id = str(uuid.uuid4())

    async def write(tx: AsyncManagedTransaction) -> Row:
        await lock_nodes(tx, [("Venue", venue_id, "input.venueId")])
        for i, deputy in enumerate(deputies):
            await require_node(tx, "Deputy", deputy, f"input.deputyIds[{i}]")
        await _check_free(tx, venue_id, reception_id, props["start"], slot)
        await run(
            tx,
            cypher.CREATE_RECEPTION,
            id=reception_id,
            venue=venue_id,
            props={**props, "source": source},
            sortKey=sort_key(props["title"]),
            deputies=deputies,
        )
        return await lock_activity(tx, reception_id)

    return await run_step(db, rules, write)


def not_a_reception(node: Row, field: str) -> DomainError:
    return DomainError(
        ErrorCode.INVALID,
        f"“{node.get('title')}”不是接待活动",
        f"'{node.get('title')}' is not a reception",
        field=field,
        ids=[node["id"]],
    )


async def update_reception(
    db: Database, reception_id: str, data: ReceptionInput, *, rules: TripRules = DEFAULT_RULES
) -> StepResult:
    """Change an open reception's 四定, day or slot (its deputies: addParticipant …)."""
    props = _props(data)
    given = (data.slot_start, data.slot_end)

    async def write(tx: AsyncManagedTransaction) -> Row:
        current = await lock_activity(tx, reception_id)
        if current.get("kind") != ActivityKind.RECEPTION.value:
            raise not_a_reception(current, "input.id")
        venue = (await run(tx, cypher.MATCH_RECEPTION_VENUE, id=reception_id))[0]["venue"]
        slot = slots.slot(given[0] or current["slotStart"], given[1] or current["slotEnd"])
        day: dt.date = props.get("start") or current["start"]
        if (day, slot) != (current["start"], (current["slotStart"], current["slotEnd"])):
            await lock_nodes(tx, [("Venue", venue["id"], "input.id")])
            await _check_free(tx, venue["id"], reception_id, day, slot)
        rows = await run(
            tx,
            cypher.UPDATE_RECEPTION,
            id=reception_id,
            props={**props, "slotStart": slot[0], "slotEnd": slot[1]},
            sortKey=sort_key(props["title"]) if "title" in props else None,
        )
        node: Row = rows[0]["node"]
        return node

    return await run_step(db, rules, write)


@dataclass(frozen=True)
class ReceptionFilter:
    venue_id: str | None = None
    congress_id: str | None = None
    month: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    status: list[str] | None = None


async def list_receptions(
    db: Database, filter: ReceptionFilter, *, first: int, offset: int
) -> Page:
    """Receptions by day, then slot; `month` ("YYYY-MM") narrows `from`/`to` to it."""
    start, end = filter.start, filter.end
    if filter.month is not None:
        _, first_day, last_day = slots.month(filter.month, "filter.month")
        start = max(start, first_day) if start else first_day
        end = min(end, last_day) if end else last_day
    rows = await db.read(
        cypher.LIST_RECEPTIONS,
        venue=filter.venue_id,
        congress=filter.congress_id,
        status=filter.status,
        skip=offset,
        limit=first,
        **{"from": start, "to": end},
    )
    return reads.page_of(rows)


async def receptions_by_id(db: Database, ids: Sequence[str]) -> list[Row | None]:
    """Receptions (with `venueId`) by activity id, in key order; None for any other id."""
    rows = await db.read(cypher.RECEPTIONS_BY_ID, ids=list(ids))
    return reads.one_per_key(rows, ids)


async def receptions_at(
    db: Database, start: dt.date | None, end: dt.date | None, ids: Sequence[str]
) -> list[list[Row]]:
    """Each venue's receptions between two days (either open), by day and slot."""
    rows = await db.read(cypher.LIST_RECEPTIONS_AT, ids=list(ids), **{"from": start, "to": end})
    return reads.list_per_key(rows, ids)
