"""Inspections and research trips (视察、调研、执法检查) on the liaison graph.

    (Committee)-[:ORGANIZES]->(Activity)<-[:HOLDS]-(DeputyGroup)
    (Deputy)-[:TAKES_PART {role: LEAD|MEMBER}]->(Activity)-[:VISITS {day, order}]->(Enterprise)
    (Activity)-[:IN_INDUSTRY]->(Industry)

Lifecycle: DRAFT → SCHEDULED → IN_PROGRESS → COMPLETED, or CANCELLED from any state but
COMPLETED; nothing else (`TRANSITIONS`). COMPLETED and CANCELLED activities are closed: no
further edits.

Conflicts (`trip_conflicts`), each with a severity:
- OVERLAP (HARD): a participant also takes part in another non-cancelled activity whose dates
  overlap this one's.
- OWN_EMPLOYER (HARD): a participant visits the enterprise they work at (conflict of interest).
- TOO_FEW_DEPUTIES (HARD): fewer than two deputies take part (the seed's "at least two deputies"
  rule for receptions, applied to trips).
- VISIT_OUTSIDE_DATES (HARD): a visit day before the start or after the end (addVisit and
  moveVisit refuse such a day as INVALID; it arises when the activity's dates change later).
- ENTERPRISE_OVER_CAP (WARNING): another non-cancelled activity visits the same enterprise
  within `VISIT_CAP_DAYS` days (default 30; env THIRDLINK_VISIT_CAP_DAYS) at least
  `VISIT_CAP` times (default 1; env THIRDLINK_VISIT_CAP). A warning, not a block: burden
  reduction (为基层减负) is a goal planners weigh, and a follow-up visit can be justified.
Hard conflicts block the move to SCHEDULED (CONFLICT, with the conflicts listed); warnings never
block. Edits to an already scheduled activity are allowed and report their conflicts.

Concurrency: every write begins by bumping `a.version` on the activity node, which takes its
write lock, so writes to one activity serialise; participants and visits are relationships
created inside that transaction, so two planners editing at once never lose each other's work.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.kernel import dates, validate
from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode, not_found
from graph.kernel.model import sort_key
from graph.kernel.reads import Page, Row, check_page, require_node

KINDS = ("INSPECTION", "RESEARCH", "LAW_CHECK")
KIND_ZH = {"INSPECTION": "视察", "RESEARCH": "调研", "LAW_CHECK": "执法检查"}
STATUSES = ("DRAFT", "SCHEDULED", "IN_PROGRESS", "COMPLETED", "CANCELLED")
STATUS_ZH = {
    "DRAFT": "草稿",
    "SCHEDULED": "已安排",
    "IN_PROGRESS": "进行中",
    "COMPLETED": "已完成",
    "CANCELLED": "已取消",
}
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "DRAFT": ("SCHEDULED", "CANCELLED"),
    "SCHEDULED": ("IN_PROGRESS", "CANCELLED"),
    "IN_PROGRESS": ("COMPLETED", "CANCELLED"),
    "COMPLETED": (),
    "CANCELLED": (),
}
CLOSED = ("COMPLETED", "CANCELLED")
PARTICIPANT_ROLES = ("LEAD", "MEMBER")

HARD = "HARD"
WARNING = "WARNING"
SEVERITY = {
    "OVERLAP": HARD,
    "OWN_EMPLOYER": HARD,
    "TOO_FEW_DEPUTIES": HARD,
    "VISIT_OUTSIDE_DATES": HARD,
    "ENTERPRISE_OVER_CAP": WARNING,
}
MIN_DEPUTIES = 2
VISIT_CAP_DAYS = int(os.environ.get("THIRDLINK_VISIT_CAP_DAYS", "30"))
VISIT_CAP = int(os.environ.get("THIRDLINK_VISIT_CAP", "1"))
MAX_TRIP_DAYS = 366


@dataclass(frozen=True)
class Conflict:
    kind: str
    severity: str
    zh: str
    en: str
    ids: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        return f"{self.zh} / {self.en}"


# ---------------------------------------------------------------------------------------------
# Cypher
# ---------------------------------------------------------------------------------------------

# The lock: every write transaction starts here, so writes to one activity serialise.
LOCK_ACTIVITY = """
MATCH (a:Activity {id: $id})
SET a.version = coalesce(a.version, 0) + 1
RETURN a {.*} AS node
"""

INDUSTRY_BY_CODE = "MATCH (n:Industry {code: $code}) RETURN n.id AS id"

CREATE_ACTIVITY = """
CREATE (a:Activity {id: $id})
SET a += $props, a.sortKey = $sortKey, a.version = 1,
    a.createdAt = datetime(), a.updatedAt = datetime()
RETURN a {.*} AS node
"""

UPDATE_ACTIVITY = """
MATCH (a:Activity {id: $id})
SET a += $props, a.sortKey = coalesce($sortKey, a.sortKey), a.updatedAt = datetime()
RETURN a {.*} AS node
"""

SET_ORGANISERS = """
MATCH (a:Activity {id: $id})
OPTIONAL MATCH (a)<-[old:ORGANIZES]-(:Committee)
DELETE old
WITH DISTINCT a
UNWIND $ids AS cid
MATCH (c:Committee {id: cid})
MERGE (c)-[:ORGANIZES]->(a)
"""

SET_HOLDERS = """
MATCH (a:Activity {id: $id})
OPTIONAL MATCH (a)<-[old:HOLDS]-(:DeputyGroup)
DELETE old
WITH DISTINCT a
UNWIND $ids AS gid
MATCH (g:DeputyGroup {id: gid})
MERGE (g)-[:HOLDS]->(a)
"""

SET_INDUSTRY = """
MATCH (a:Activity {id: $id})
OPTIONAL MATCH (a)-[old:IN_INDUSTRY]->(:Industry)
DELETE old
WITH DISTINCT a
MATCH (i:Industry {id: $industry})
MERGE (a)-[:IN_INDUSTRY]->(i)
"""

SET_STATUS = """
MATCH (a:Activity {id: $id})
SET a.status = $status, a.summary = coalesce($summary, a.summary), a.updatedAt = datetime()
RETURN a {.*} AS node
"""

FIND_PARTICIPANT = """
MATCH (:Deputy {id: $deputy})-[r:TAKES_PART]->(:Activity {id: $id}) RETURN r.role AS role
"""

ADD_PARTICIPANT = """
MATCH (a:Activity {id: $id}), (d:Deputy {id: $deputy})
MERGE (d)-[r:TAKES_PART]->(a)
SET r.role = $role
"""

REMOVE_PARTICIPANT = """
MATCH (:Deputy {id: $deputy})-[r:TAKES_PART]->(:Activity {id: $id})
DELETE r RETURN count(*) AS removed
"""

VISITS_OF = """
MATCH (:Activity {id: $id})-[v:VISITS]->(e:Enterprise)
RETURN e.id AS enterprise, v.day AS day, v.order AS order
ORDER BY v.order, e.sortKey, e.id
"""

ADD_VISIT = """
MATCH (a:Activity {id: $id}), (e:Enterprise {id: $enterprise})
MERGE (a)-[v:VISITS]->(e)
SET v.day = $day, v.order = $order
"""

SET_VISIT_ORDERS = """
UNWIND $rows AS row
MATCH (:Activity {id: $id})-[v:VISITS]->(:Enterprise {id: row.enterprise})
SET v.order = row.order, v.day = row.day
"""

REMOVE_VISIT = """
MATCH (:Activity {id: $id})-[v:VISITS]->(:Enterprise {id: $enterprise})
DELETE v RETURN count(*) AS removed
"""

# All five checks for many activities at once (one round trip; the DataLoader batches them).
CONFLICTS = """
UNWIND $ids AS id
MATCH (a:Activity {id: id})
CALL (a) {
  MATCH (a)<-[:TAKES_PART]-(d:Deputy)-[:TAKES_PART]->(o:Activity)
  WHERE o <> a AND o.status <> 'CANCELLED' AND o.start <= a.end AND o.end >= a.start
  WITH d, o ORDER BY d.sortKey, d.id, o.start, o.id
  RETURN collect({deputy: d.id, deputyName: d.name, other: o.id, otherTitle: o.title,
                  start: o.start, end: o.end}) AS overlaps
}
CALL (a) {
  MATCH (a)-[v:VISITS]->(e:Enterprise)<-[w:VISITS]-(o:Activity)
  WHERE o <> a AND o.status <> 'CANCELLED'
    AND abs(duration.inDays(v.day, w.day).days) < $capDays
  WITH e, v, o, w ORDER BY e.sortKey, e.id, w.day, o.id
  WITH e, v, collect({other: o.id, day: w.day}) AS others
  RETURN collect({enterprise: e.id, enterpriseName: e.name, day: v.day, others: others})
         AS crowded
}
CALL (a) {
  MATCH (a)<-[:TAKES_PART]-(d:Deputy)-[:WORKS_AT]->(e:Enterprise)<-[:VISITS]-(a)
  WITH d, e ORDER BY d.sortKey, d.id
  RETURN collect({deputy: d.id, deputyName: d.name, enterprise: e.id, enterpriseName: e.name})
         AS ownEmployer
}
CALL (a) {
  RETURN COUNT { (a)<-[:TAKES_PART]-(:Deputy) } AS deputies
}
CALL (a) {
  MATCH (a)-[v:VISITS]->(e:Enterprise)
  WHERE v.day < a.start OR v.day > a.end
  WITH e, v ORDER BY v.day, e.id
  RETURN collect({enterprise: e.id, enterpriseName: e.name, day: v.day}) AS outside
}
RETURN id, a.start AS start, a.end AS end, overlaps, crowded, ownEmployer, deputies, outside
"""

_ACTIVITY_FILTER = """
($from IS NULL OR a.end >= $from) AND ($to IS NULL OR a.start <= $to)
AND ($status IS NULL OR a.status IN $status)
AND ($kind IS NULL OR a.kind IN $kind)
AND ($committee IS NULL OR EXISTS { (a)<-[:ORGANIZES]-(:Committee {id: $committee}) })
AND ($group IS NULL OR EXISTS { (a)<-[:HOLDS]-(:DeputyGroup {id: $group}) })
AND ($deputy IS NULL OR EXISTS { (a)<-[:TAKES_PART]-(:Deputy {id: $deputy}) })
AND ($enterprise IS NULL OR EXISTS { (a)-[:VISITS]->(:Enterprise {id: $enterprise}) })
AND ($industry IS NULL OR EXISTS {
  (a)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(:Industry {code: $industry}) })
"""

ACTIVITIES = f"""
CALL () {{ MATCH (a:Activity) WHERE {_ACTIVITY_FILTER} RETURN count(a) AS total }}
CALL () {{
  MATCH (a:Activity) WHERE {_ACTIVITY_FILTER}
  WITH a ORDER BY a.start, a.end, a.id SKIP $skip LIMIT $limit
  RETURN collect(a {{.*}}) AS rows
}}
RETURN total, rows
"""

# Activities of one committee, group, deputy or enterprise (the reverse fields), by date.
ACTIVITIES_OF = {
    "Committee": "(:Committee {id: key})-[r:ORGANIZES]->(a:Activity)",
    "DeputyGroup": "(:DeputyGroup {id: key})-[r:HOLDS]->(a:Activity)",
    "Deputy": "(:Deputy {id: key})-[r:TAKES_PART]->(a:Activity)",
    "Enterprise": "(:Enterprise {id: key})<-[r:VISITS]-(a:Activity)",
}
ACTIVITIES_BY = {
    label: f"""
UNWIND $ids AS key
MATCH {pattern}
WITH key, a, r ORDER BY a.start, a.end, a.id
RETURN key AS id, collect(a {{.*, rel: properties(r)}}) AS items
"""
    for label, pattern in ACTIVITIES_OF.items()
}

SUGGEST = """
MATCH (root:Industry {code: $code})
CALL (root) {
  MATCH (g:DeputyGroup)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(root)
  WITH DISTINCT g
  RETURN collect(g) AS groups
}
WITH groups
CALL (groups) {
  UNWIND groups AS g
  MATCH (c:Committee)-[:LIAISES_WITH]->(g)
  WITH DISTINCT c ORDER BY c.sortKey, c.id
  RETURN collect(c) AS committees
}
CALL (groups, committees) {
  CALL (groups, committees) {
    UNWIND groups AS g
    MATCH (d:Deputy)-[m:MEMBER_OF]->(g)
    RETURN d, CASE m.role WHEN 'CONVENER' THEN 0 ELSE 1 END AS rank,
           g.id AS via, 'DeputyGroup' AS viaLabel
    UNION
    UNWIND committees AS c
    MATCH (d:Deputy)-[:SITS_ON]->(c)
    RETURN d, 2 AS rank, c.id AS via, 'Committee' AS viaLabel
  }
  WITH d, rank, via, viaLabel
  WHERE NOT EXISTS {
    MATCH (d)-[:TAKES_PART]->(o:Activity)
    WHERE o.status <> 'CANCELLED' AND o.start <= $to AND o.end >= $from
  }
  WITH d, rank, via, viaLabel ORDER BY rank, via
  WITH d, head(collect({rank: rank, via: via, viaLabel: viaLabel})) AS best
  ORDER BY best.rank, d.sortKey, d.id
  RETURN collect(d {.*, rank: best.rank, via: best.via, viaLabel: best.viaLabel}) AS invitees
}
CALL (groups) {
  UNWIND groups AS g
  WITH g ORDER BY g.sortKey, g.id
  RETURN collect(g {.*}) AS groupRows
}
CALL () {
  MATCH (e:Enterprise)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(:Industry {code: $code})
  WHERE EXISTS { (e)-[:MEMBER_OF]->(:Alliance) } OR EXISTS { (e)<-[:WORKS_AT]-(:Deputy) }
  WITH DISTINCT e
  CALL (e) {
    MATCH (e)<-[v:VISITS]-(o:Activity) WHERE o.status <> 'CANCELLED'
    RETURN max(v.day) AS lastVisited
  }
  WITH e, lastVisited
  ORDER BY lastVisited IS NOT NULL, lastVisited, e.sortKey, e.id
  LIMIT $limit
  RETURN collect(e {.*, lastVisited: lastVisited}) AS enterprises
}
RETURN [c IN committees | c {.*}] AS committees, groupRows AS groups, invitees, enterprises
"""

# Everything a calendar feed needs about one owner's activities (cancelled ones left out).
_CALENDAR_PATTERNS = {
    "Committee": "(owner)-[:ORGANIZES]->(a:Activity)",
    "DeputyGroup": "(owner)-[:HOLDS]->(a:Activity)",
    "Deputy": "(owner)-[:TAKES_PART]->(a:Activity)",
}
CALENDAR = {
    label: f"""
MATCH (owner:{label} {{id: $id}})
CALL (owner) {{
  MATCH {pattern}
  WHERE a.status <> 'CANCELLED'
  CALL (a) {{
    OPTIONAL MATCH (a)-[v:VISITS]->(e:Enterprise)
    WITH v, e ORDER BY v.day, v.order, e.sortKey
    RETURN collect(CASE WHEN e IS NULL THEN NULL ELSE
                   {{name: e.name, town: e.town, day: v.day, order: v.order}} END) AS visits
  }}
  CALL (a) {{
    OPTIONAL MATCH (a)<-[p:TAKES_PART]-(d:Deputy)
    WITH p, d ORDER BY p.role, d.sortKey, d.id
    RETURN collect(CASE WHEN d IS NULL THEN NULL ELSE
                   {{id: d.id, name: d.name, role: p.role}} END) AS participants
  }}
  WITH a, visits, participants ORDER BY a.start, a.id
  RETURN collect(a {{.*, visits: visits, participants: participants}}) AS activities
}}
RETURN owner.name AS name, activities
"""
    for label, pattern in _CALENDAR_PATTERNS.items()
}


# ---------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------


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


def _closed_error(node: Row) -> DomainError:
    status = node.get("status", "DRAFT")
    return DomainError(
        ErrorCode.CONFLICT,
        f"活动已{STATUS_ZH.get(status, status)}，不能再修改",
        f"The activity is {status} and can no longer be changed",
        field="id",
        ids=[node["id"]],
    )


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


async def _lock(tx: AsyncManagedTransaction, activity_id: str, *, editable: bool = True) -> Row:
    rows = await run(tx, LOCK_ACTIVITY, id=activity_id)
    if not rows:
        await require_node(tx, "Activity", activity_id, "activityId")  # says why
    node: Row = rows[0]["node"]
    if editable and node.get("status") in CLOSED:
        raise _closed_error(node)
    return node


async def _industry(tx: AsyncManagedTransaction, code: str) -> str:
    clean = validate.industry_code(code, "input.industryCode")
    rows = await run(tx, INDUSTRY_BY_CODE, code=clean)
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
        await run(tx, SET_ORGANISERS, id=activity_id, ids=list(dict.fromkeys(data.committee_ids)))
    if data.group_ids is not None:
        await run(tx, SET_HOLDERS, id=activity_id, ids=list(dict.fromkeys(data.group_ids)))
    if industry is not None:
        await run(tx, SET_INDUSTRY, id=activity_id, industry=industry)


def _props(data: ActivityInput) -> dict[str, Any]:
    props: dict[str, Any] = {}
    if data.title is not None:
        props["title"] = props["name"] = validate.name(data.title, "input.title")
    if data.kind is not None:
        props["kind"] = validate.choice(data.kind, "input.kind", KINDS)
    if data.topic is not None:
        props["topic"] = validate.optional_text(data.topic, "input.topic", limit=200)
    if data.start is not None:
        props["start"] = data.start
    if data.end is not None:
        props["end"] = data.end
    return props


# ---------------------------------------------------------------------------------------------
# Writes
# ---------------------------------------------------------------------------------------------


async def create_activity(db: Database, data: ActivityInput, *, source: str = "user") -> Row:
    """A new DRAFT activity with its organisers, holders and industry."""
    props = _props(data)
    for key in ("title", "kind", "start", "end"):
        if key not in props:
            raise validate.invalid(f"input.{key}", f"{key} 不能为空", f"`{key}` is required")
    _check_dates(props["start"], props["end"])
    activity_id = str(uuid.uuid4())

    async def work(tx: AsyncManagedTransaction) -> Row:
        created = await run(
            tx,
            CREATE_ACTIVITY,
            id=activity_id,
            props={**props, "status": "DRAFT", "source": source},
            sortKey=sort_key(props["title"]),
        )
        await _links(tx, activity_id, data)
        node: Row = created[0]["node"]
        return node

    return await db.transaction(work)


async def update_activity(db: Database, activity_id: str, data: ActivityInput) -> Row:
    """Change an open activity's fields or links (None leaves a field as it is)."""
    props = _props(data)
    dates.in_range(props.get("start"), "input.start")
    dates.in_range(props.get("end"), "input.end")

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await _lock(tx, activity_id)
        _check_dates(props.get("start") or current["start"], props.get("end") or current["end"])
        await _links(tx, activity_id, data)
        rows = await run(
            tx,
            UPDATE_ACTIVITY,
            id=activity_id,
            props=props,
            sortKey=sort_key(props["title"]) if "title" in props else None,
        )
        node: Row = rows[0]["node"]
        return node

    return await db.transaction(work)


def _illegal_move(node: Row, target: str) -> DomainError:
    status = node.get("status", "DRAFT")
    allowed = TRANSITIONS.get(status, ())
    allowed_zh = "、".join(STATUS_ZH[s] for s in allowed) or "无"
    return DomainError(
        ErrorCode.CONFLICT,
        f"活动状态为{STATUS_ZH.get(status, status)}，不能改为{STATUS_ZH[target]}"
        f"（可改为：{allowed_zh}）",
        f"Cannot move the activity from {status} to {target}; allowed: "
        f"{', '.join(allowed) or 'none'}",
        field="status",
        ids=[node["id"]],
    )


async def _move(db: Database, activity_id: str, target: str, summary: str | None = None) -> Row:
    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await _lock(tx, activity_id, editable=False)
        if target not in TRANSITIONS.get(current.get("status", "DRAFT"), ()):
            raise _illegal_move(current, target)
        if target == "SCHEDULED":
            hard = [c for c in await _conflicts_tx(tx, activity_id) if c.severity == HARD]
            if hard:
                raise DomainError(
                    ErrorCode.CONFLICT,
                    "存在硬冲突，不能安排：" + "；".join(c.zh for c in hard),
                    "Hard conflicts block scheduling: " + "; ".join(c.en for c in hard),
                    field="status",
                    ids=sorted({i for c in hard for i in c.ids}),
                )
        rows = await run(tx, SET_STATUS, id=activity_id, status=target, summary=summary)
        node: Row = rows[0]["node"]
        return node

    return await db.transaction(work)


async def schedule_activity(db: Database, activity_id: str) -> Row:
    return await _move(db, activity_id, "SCHEDULED")


async def start_activity(db: Database, activity_id: str) -> Row:
    return await _move(db, activity_id, "IN_PROGRESS")


async def complete_activity(db: Database, activity_id: str, summary: str) -> Row:
    text = validate.optional_text(summary, "summary")
    if not text:
        raise validate.invalid("summary", "总结不能为空", "`summary` is required to complete")
    return await _move(db, activity_id, "COMPLETED", text)


async def cancel_activity(db: Database, activity_id: str) -> Row:
    return await _move(db, activity_id, "CANCELLED")


async def add_participant(
    db: Database, activity_id: str, deputy_id: str, role: str = "MEMBER"
) -> Row:
    validate.choice(role, "role", PARTICIPANT_ROLES)

    async def work(tx: AsyncManagedTransaction) -> Row:
        node = await _lock(tx, activity_id)
        deputy = await require_node(tx, "Deputy", deputy_id, "deputyId")
        if await run(tx, FIND_PARTICIPANT, id=activity_id, deputy=deputy_id):
            raise DomainError(
                ErrorCode.DUPLICATE,
                f"{deputy['name']} 已在参加人员中",
                f"{deputy['name']} already takes part",
                field="deputyId",
                ids=[deputy_id],
            )
        await run(tx, ADD_PARTICIPANT, id=activity_id, deputy=deputy_id, role=role)
        return node

    return await db.transaction(work)


async def remove_participant(db: Database, activity_id: str, deputy_id: str) -> Row:
    async def work(tx: AsyncManagedTransaction) -> Row:
        node = await _lock(tx, activity_id)
        deputy = await require_node(tx, "Deputy", deputy_id, "deputyId")
        if (await run(tx, REMOVE_PARTICIPANT, id=activity_id, deputy=deputy_id))[0]["removed"] == 0:
            raise DomainError(
                ErrorCode.NOT_FOUND,
                f"{deputy['name']} 未参加该活动",
                f"{deputy['name']} does not take part in this activity",
                field="deputyId",
                ids=[deputy_id],
            )
        return node

    return await db.transaction(work)


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
    await run(tx, SET_VISIT_ORDERS, id=activity_id, rows=rows)


async def add_visit(
    db: Database,
    activity_id: str,
    enterprise_id: str,
    day: dt.date | None = None,
    order: int | None = None,
) -> Row:
    """Visit an enterprise on `day` (default: the first day) at stop `order` (default: last)."""
    _check_order(order)
    dates.in_range(day, "day")

    async def work(tx: AsyncManagedTransaction) -> Row:
        node = await _lock(tx, activity_id)
        enterprise = await require_node(tx, "Enterprise", enterprise_id, "enterpriseId")
        visits = await run(tx, VISITS_OF, id=activity_id)
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
        await run(tx, ADD_VISIT, id=activity_id, enterprise=enterprise_id, **_visit(visit))
        await _renumber(tx, activity_id, visits, visit, order)
        return node

    return await db.transaction(work)


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
) -> Row:
    """Change a visit's day and/or its place in the itinerary."""
    _check_order(order)
    dates.in_range(day, "day")

    async def work(tx: AsyncManagedTransaction) -> Row:
        node = await _lock(tx, activity_id)
        enterprise = await require_node(tx, "Enterprise", enterprise_id, "enterpriseId")
        visits = await run(tx, VISITS_OF, id=activity_id)
        current = next((v for v in visits if v["enterprise"] == enterprise_id), None)
        if current is None:
            raise _not_visited(enterprise, enterprise_id)
        _check_visit_day(node, day)
        moved = {**current, "day": day or current["day"]}
        await _renumber(tx, activity_id, visits, moved, order or current["order"])
        return node

    return await db.transaction(work)


def _not_visited(enterprise: Row, enterprise_id: str) -> DomainError:
    return DomainError(
        ErrorCode.NOT_FOUND,
        f"行程中没有 {enterprise['name']}",
        f"{enterprise['name']} is not on the itinerary",
        field="enterpriseId",
        ids=[enterprise_id],
    )


async def remove_visit(db: Database, activity_id: str, enterprise_id: str) -> Row:
    async def work(tx: AsyncManagedTransaction) -> Row:
        node = await _lock(tx, activity_id)
        enterprise = await require_node(tx, "Enterprise", enterprise_id, "enterpriseId")
        if (await run(tx, REMOVE_VISIT, id=activity_id, enterprise=enterprise_id))[0][
            "removed"
        ] == 0:
            raise _not_visited(enterprise, enterprise_id)
        await _renumber(tx, activity_id, await run(tx, VISITS_OF, id=activity_id), None, None)
        return node

    return await db.transaction(work)


# ---------------------------------------------------------------------------------------------
# Conflicts
# ---------------------------------------------------------------------------------------------


def _conflicts_of(row: Row) -> list[Conflict]:
    out: list[Conflict] = []
    aid = row["id"]
    for o in row["overlaps"]:
        out.append(
            Conflict(
                "OVERLAP",
                SEVERITY["OVERLAP"],
                f"{o['deputyName']} 同期已参加“{o['otherTitle']}”（{o['start']}至{o['end']}）",
                f"{o['deputyName']} is already booked on '{o['otherTitle']}' "
                f"({o['start']} to {o['end']})",
                [o["deputy"], o["other"], aid],
            )
        )
    for e in row["ownEmployer"]:
        out.append(
            Conflict(
                "OWN_EMPLOYER",
                SEVERITY["OWN_EMPLOYER"],
                f"{e['deputyName']} 走访本人所在企业 {e['enterpriseName']}（利益冲突）",
                f"{e['deputyName']} would visit their own employer {e['enterpriseName']} "
                "(conflict of interest)",
                [e["deputy"], e["enterprise"], aid],
            )
        )
    if row["deputies"] < MIN_DEPUTIES:
        out.append(
            Conflict(
                "TOO_FEW_DEPUTIES",
                SEVERITY["TOO_FEW_DEPUTIES"],
                f"参加代表不足 {MIN_DEPUTIES} 人（现有 {row['deputies']} 人）",
                f"Fewer than {MIN_DEPUTIES} deputies take part ({row['deputies']})",
                [aid],
            )
        )
    for v in row["outside"]:
        out.append(
            Conflict(
                "VISIT_OUTSIDE_DATES",
                SEVERITY["VISIT_OUTSIDE_DATES"],
                f"走访 {v['enterpriseName']} 的日期 {v['day']} 不在活动日期"
                f"（{row['start']}至{row['end']}）内",
                f"The visit to {v['enterpriseName']} on {v['day']} is outside the activity's "
                f"dates ({row['start']} to {row['end']})",
                [v["enterprise"], aid],
            )
        )
    for c in row["crowded"]:
        if len(c["others"]) < VISIT_CAP:
            continue
        days = "、".join(str(o["day"]) for o in c["others"])
        out.append(
            Conflict(
                "ENTERPRISE_OVER_CAP",
                SEVERITY["ENTERPRISE_OVER_CAP"],
                f"{c['enterpriseName']} 在 {VISIT_CAP_DAYS} 天内已被走访（{days}），"
                f"超过上限（{VISIT_CAP} 次），请为基层减负",
                f"{c['enterpriseName']} is already visited within {VISIT_CAP_DAYS} days "
                f"({days}); the cap is {VISIT_CAP}",
                [c["enterprise"], *(o["other"] for o in c["others"]), aid],
            )
        )
    return out


async def _conflicts_tx(tx: AsyncManagedTransaction, activity_id: str) -> list[Conflict]:
    rows = await run(tx, CONFLICTS, ids=[activity_id], capDays=VISIT_CAP_DAYS)
    return _conflicts_of(rows[0]) if rows else []


async def conflicts_of_many(db: Database, ids: Sequence[str]) -> list[list[Conflict]]:
    """Conflicts of many activities in one round trip, in key order ([] for unknown ids)."""
    rows = await db.read(CONFLICTS, ids=list(ids), capDays=VISIT_CAP_DAYS)
    found = {row["id"]: _conflicts_of(row) for row in rows}
    return [found.get(i, []) for i in ids]


async def trip_conflicts(db: Database, activity_id: str) -> list[Conflict]:
    rows = await db.read(CONFLICTS, ids=[activity_id], capDays=VISIT_CAP_DAYS)
    if not rows:
        raise not_found("Activity", activity_id, field="activityId")
    return _conflicts_of(rows[0])


# ---------------------------------------------------------------------------------------------
# Reads
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityFilter:
    start: dt.date | None = None  # activities that end on or after this day
    end: dt.date | None = None  # … and start on or before this one
    status: Sequence[str] | None = None
    kind: Sequence[str] | None = None
    committee_id: str | None = None
    group_id: str | None = None
    deputy_id: str | None = None
    industry_code: str | None = None  # the industry and its sub-tree
    enterprise_id: str | None = None


async def list_activities(db: Database, filter: ActivityFilter, *, first: int, offset: int) -> Page:
    """One page of activities by start date, with the total matching the filter."""
    check_page(first, offset)
    if filter.start and filter.end and filter.end < filter.start:
        raise validate.invalid("filter.to", "`to` 早于 `from`", "`to` is before `from`")
    for value in filter.status or ():
        validate.choice(value, "filter.status", STATUSES)
    for value in filter.kind or ():
        validate.choice(value, "filter.kind", KINDS)
    rows = await db.read(
        ACTIVITIES,
        **{"from": filter.start, "to": filter.end},
        status=list(filter.status) if filter.status else None,
        kind=list(filter.kind) if filter.kind else None,
        committee=filter.committee_id,
        group=filter.group_id,
        deputy=filter.deputy_id,
        enterprise=filter.enterprise_id,
        industry=validate.industry_code(filter.industry_code, "filter.industryCode")
        if filter.industry_code
        else None,
        skip=offset,
        limit=first,
    )
    return Page(total=rows[0]["total"], rows=rows[0]["rows"])


async def activities_by(db: Database, label: str, ids: Sequence[str]) -> list[list[Row]]:
    """For each id of a Committee, DeputyGroup, Deputy or Enterprise, its activities by date."""
    rows = await db.read(ACTIVITIES_BY[label], ids=list(ids))
    found = {row["id"]: row["items"] for row in rows}
    return [found.get(i, []) for i in ids]


@dataclass(frozen=True)
class Suggestion:
    committees: list[Row]
    groups: list[Row]
    invitees: list[Row]  # deputies with rank 0 convener, 1 member, 2 committee member; via
    enterprises: list[Row]  # with lastVisited (None: never), least recently visited first


async def suggest_trip(
    db: Database, industry_code: str, start: dt.date, end: dt.date, *, limit: int = 50
) -> Suggestion:
    """Who to involve and where to go for a trip on an industry (its sub-tree included)."""
    code = validate.industry_code(industry_code, "industryCode")
    if end < start:
        raise validate.invalid("to", "`to` 早于 `from`", f"`to` ({end}) is before `from` ({start})")
    rows = await db.read(SUGGEST, code=code, **{"from": start, "to": end}, limit=limit)
    if not rows:
        raise not_found("Industry", code, field="industryCode")
    row = rows[0]
    return Suggestion(row["committees"], row["groups"], row["invitees"], row["enterprises"])


CALENDAR_OWNERS = {"deputy": "Deputy", "committee": "Committee", "group": "DeputyGroup"}


@dataclass(frozen=True)
class CalendarFeed:
    owner_label: str
    owner_id: str
    owner_name: str
    activities: list[Row]  # each with `visits` (in order) and `participants`


async def calendar_feed(db: Database, label: str, owner_id: str) -> CalendarFeed:
    """The non-cancelled activities of a deputy, committee or group, for an iCalendar feed."""
    if label not in CALENDAR:
        raise validate.invalid("kind", f"不支持的日历类型 {label}", f"No calendars for {label}")
    rows = await db.read(CALENDAR[label], id=owner_id)
    if not rows:
        raise not_found(label, owner_id, field="id")
    return CalendarFeed(label, owner_id, rows[0]["name"], rows[0]["activities"])
