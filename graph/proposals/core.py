"""Suggestions (意见建议) and their closed loop: raise → sort → assign → supervise → feed back
(提出、整理、交办、督办、反馈), then the deputies' rating and the year-end review.

The lifecycle is the table `MOVES` below; every step runs in one transaction that locks the
suggestion, checks the move and its inputs, then writes the new status, the properties that
statistics read, and one (:ProposalEvent) for the audit history. A rejected step raises a
DomainError before anything is committed, so it writes nothing.

Statistics (graph/proposal_stats.py) read only properties of the Proposal node, derived here at
write time and kept in step by every write that changes them: `year`, `quarter`,
`industryCode` (the first industry), `industryPath` (every code on the way to the GB/T 4754
sections, without repeats), `sections`, `congressId`, `groupId`, `assignedAt`, `due`,
`repliedAt`, `closedAt`, and for the index-backed year statistics `statsIndustry` and
`statsOthers` (from the industries, see `stats_industry`) and `statsFacts` (the rates' dates
and rating packed in one integer, see graph/proposal_facts.py; `_record` recomputes it
whenever a step changes one of them).

Size: over 400 lines because it still holds several jobs of its domain in one file; the
split into one package per domain with modules by job is the "one home per domain" issue's
work, kept out of the hardening change so that its diff stays reviewable.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.kernel import dates, locks, nodes, validate
from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode, not_found
from graph.kernel.model import sort_key
from graph.kernel.reads import Page, Row, check_page
from graph.proposals.facts import STATS_INPUTS, industry_key, stats_facts

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

STATUS_ZH = {
    "SUBMITTED": "已提出",
    "REGISTERED": "已登记",
    "ASSIGNED": "已交办",
    "HANDLING": "办理中",
    "REPLIED": "已答复",
    "EVALUATED": "已评价",
    "CLOSED": "已办结",
    "MERGED": "已合并",
    "WITHDRAWN": "已撤回",
    "TRANSFERRED": "已转办",
}
STATUSES = tuple(STATUS_ZH)
TERMINAL = ("CLOSED", "MERGED", "WITHDRAWN", "TRANSFERRED")
STAGES = ("SESSION", "INTERSESSION")  # 大会期间 / 闭会期间
SATISFACTION_ZH = {"SATISFIED": "满意", "BASICALLY_SATISFIED": "基本满意", "UNSATISFIED": "不满意"}
SATISFACTIONS = tuple(SATISFACTION_ZH)
ASSIGNMENT_ROLES = ("LEAD", "CO")  # 主办 / 协办
UNIT_KINDS = ("GOVERNMENT", "PROCURATORATE", "COURT", "PUBLIC_INSTITUTION", "ENTERPRISE", "OTHER")

ACTION_ZH = {
    "SUBMIT": "提出",
    "REGISTER": "登记",
    "ASSIGN": "交办",
    "START_HANDLING": "开始办理",
    "REPLY": "答复",
    "EVALUATE": "评价",
    "CLOSE": "办结",
    "MERGE": "合并",
    "WITHDRAW": "撤回",
    "TRANSFER": "转办",
}

# status → the moves out of it: (action, status after). EVALUATE from REPLIED depends on the
# rating and the review round; see `_evaluate_target`.
MOVES: dict[str, tuple[tuple[str, str], ...]] = {
    "SUBMITTED": (("REGISTER", "REGISTERED"), ("MERGE", "MERGED"), ("WITHDRAW", "WITHDRAWN")),
    "REGISTERED": (
        ("ASSIGN", "ASSIGNED"),
        ("MERGE", "MERGED"),
        ("WITHDRAW", "WITHDRAWN"),
        ("TRANSFER", "TRANSFERRED"),
    ),
    "ASSIGNED": (
        ("START_HANDLING", "HANDLING"),
        ("WITHDRAW", "WITHDRAWN"),
        ("TRANSFER", "TRANSFERRED"),
    ),
    "HANDLING": (("REPLY", "REPLIED"), ("TRANSFER", "TRANSFERRED")),
    "REPLIED": (("EVALUATE", "EVALUATED"),),
    "EVALUATED": (("CLOSE", "CLOSED"),),
    "CLOSED": (),
    "MERGED": (),
    "WITHDRAWN": (),
    "TRANSFERRED": (),
}

# An UNSATISFIED rating sends the suggestion back to HANDLING once; the second is recorded and
# closes it, flagged for the year-end review (年终评议).
MAX_REVIEW_ROUNDS = 1


@dataclass(frozen=True)
class Move:
    action: str
    to: str
    note: str | None = None  # e.g. which rating leads where


def allowed_moves(status: str, review_round: int = 0) -> list[Move]:
    moves = [Move(action, to) for action, to in MOVES.get(status, ())]
    if status == "REPLIED":
        back = "HANDLING" if review_round < MAX_REVIEW_ROUNDS else "CLOSED"
        moves = [
            Move("EVALUATE", "EVALUATED", "SATISFIED / BASICALLY_SATISFIED"),
            Move("EVALUATE", back, "UNSATISFIED"),
        ]
    return moves


def _moves_text(status: str, review_round: int) -> tuple[str, str]:
    moves = allowed_moves(status, review_round)
    if not moves:
        return "无（已是终结状态）", "none (final status)"
    zh = "、".join(f"{ACTION_ZH[m.action]}→{STATUS_ZH[m.to]}" for m in moves)
    en = ", ".join(f"{m.action} → {m.to}" + (f" ({m.note})" if m.note else "") for m in moves)
    return zh, en


def illegal_move(proposal_id: str, status: str, action: str, review_round: int) -> DomainError:
    zh, en = _moves_text(status, review_round)
    return DomainError(
        ErrorCode.CONFLICT,
        f"意见建议当前状态为“{STATUS_ZH[status]}”，不能{ACTION_ZH[action]}；可执行：{zh}",
        f"A suggestion in status {status} cannot be {action}; allowed: {en}",
        field="id",
        ids=[proposal_id],
    )


def _evaluate_target(satisfaction: str, review_round: int) -> tuple[str, int]:
    """(status after, review round after) for a rating of a REPLIED suggestion."""
    if satisfaction != "UNSATISFIED":
        return "EVALUATED", review_round
    if review_round < MAX_REVIEW_ROUNDS:
        return "HANDLING", review_round + 1
    return "CLOSED", review_round + 1


def next_status(current: Row, action: str, satisfaction: str | None = None) -> tuple[str, int]:
    """(status after, review round after) of `action` on a suggestion whose status and
    reviewRound are in `current`, decided as the steps below decide it; CONFLICT naming the
    allowed moves when the move is illegal. For code that builds histories without the
    database (the demo)."""
    if action == "SUBMIT":
        if current.get("status") is not None:
            raise illegal_move(str(current.get("id")), current["status"], action, 0)
        return "SUBMITTED", 0
    to = _check_move(current, action)
    review_round = current.get("reviewRound") or 0
    if action == "EVALUATE":
        if satisfaction not in SATISFACTIONS:
            raise ValueError(f"EVALUATE needs a rating, one of {', '.join(SATISFACTIONS)}")
        return _evaluate_target(satisfaction, review_round)
    return to, review_round


# ---------------------------------------------------------------------------------------------
# Derived properties
# ---------------------------------------------------------------------------------------------


def industry_parent(code: str) -> str | None:
    """GB/T 4754 code one level up: C1391 → C139 → C13 → C (sections have none)."""
    if len(code) == 1:
        return None
    return code[0] if len(code) == 3 else code[:-1]


def industry_path(codes: Iterable[str]) -> list[str]:
    """Every code on the way from `codes` up to their sections, each once, in first-seen order.
    Grouping by INDUSTRY counts a suggestion once under each of them (the roll-up)."""
    path: list[str] = []
    for code in codes:
        current: str | None = code
        while current is not None:
            if current not in path:
                path.append(current)
            current = industry_parent(current)
    return path


def stats_industry(codes: Sequence[str]) -> dict[str, Any]:
    """`statsIndustry` (the first industry as an integer) and `statsOthers` (None unless in more
    than one industry): the keys `INDUSTRY_KEYS` of graph/proposal_stats.py unwinds, as
    graph/proposal_facts.py describes."""
    first = codes[0] if codes else ""
    marked = "".join(f"+{c}" for c in industry_path(codes) if not (first and first.startswith(c)))
    return {"statsIndustry": industry_key(first), "statsOthers": marked or None}


def derived(raised_at: dt.date, codes: Sequence[str]) -> dict[str, Any]:
    """The statistics keys that follow from the date raised and the industries."""
    path = industry_path(codes)
    return {
        "year": raised_at.year,
        "quarter": (raised_at.month - 1) // 3 + 1,
        "industryCode": codes[0] if codes else None,
        "industryPath": path,
        "sections": [c for c in path if len(c) == 1],
        **stats_industry(codes),
    }


# ---------------------------------------------------------------------------------------------
# Reads
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalFilter:
    congress_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    stage: str | None = None
    industry_code: str | None = None  # the industry and its whole sub-tree
    status: str | None = None


def filter_where(f: ProposalFilter) -> tuple[str, dict[str, Any]]:
    """A WHERE clause over `p` from fixed fragments, only for the filters given, so the planner
    can use the raisedAt / status / congressId indexes (an `$x IS NULL OR …` clause cannot)."""
    parts: list[str] = []
    params: dict[str, Any] = {}
    if f.congress_id is not None:
        parts.append("p.congressId = $congress")
        params["congress"] = f.congress_id
    if f.date_from is not None:
        parts.append("p.raisedAt >= $from")
        params["from"] = f.date_from
    if f.date_to is not None:
        parts.append("p.raisedAt <= $to")
        params["to"] = f.date_to
    if f.stage is not None:
        parts.append("p.stage = $stage")
        params["stage"] = f.stage
    if f.industry_code is not None:
        parts.append("$industry IN p.industryPath")
        params["industry"] = f.industry_code
    if f.status is not None:
        parts.append("p.status = $status")
        params["status"] = f.status
    return (" AND ".join(parts) or "true"), params


def check_filter(f: ProposalFilter) -> ProposalFilter:
    validate.choice(f.stage, "filter.stage", STAGES)
    validate.choice(f.status, "filter.status", STATUSES)
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


LIST_PROPOSALS = """
CALL () {{ MATCH (p:Proposal) WHERE {where} RETURN count(p) AS total }}
CALL () {{
  MATCH (p:Proposal) WHERE {where}
  WITH p ORDER BY p.raisedAt DESC, p.id SKIP $skip LIMIT $limit
  RETURN collect(p {{.*}}) AS rows
}}
RETURN total, rows
"""


async def list_proposals(db: Database, f: ProposalFilter, *, first: int, offset: int) -> Page:
    """A page of suggestions matching `f`, newest first."""
    check_page(first, offset)
    where, params = filter_where(check_filter(f))
    rows = await db.read(LIST_PROPOSALS.format(where=where), skip=offset, limit=first, **params)
    return Page(total=rows[0]["total"], rows=rows[0]["rows"])


OVERDUE = """
CALL () {
  MATCH (p:Proposal) WHERE p.due < $today AND p.repliedAt IS NULL AND p.status IN $open
  RETURN count(p) AS total
}
CALL () {
  MATCH (p:Proposal) WHERE p.due < $today AND p.repliedAt IS NULL AND p.status IN $open
  WITH p ORDER BY p.due, p.raisedAt, p.id SKIP $skip LIMIT $limit
  RETURN collect(p {.*}) AS rows
}
RETURN total, rows
"""

# Past due and not replied: only suggestions still with a unit can be overdue.
OPEN_WITH_UNIT = ("ASSIGNED", "HANDLING")


async def overdue_proposals(
    db: Database, *, first: int, offset: int, today: dt.date | None = None
) -> Page:
    """Suggestions past their due date and not replied, most overdue first."""
    check_page(first, offset)
    rows = await db.read(
        OVERDUE,
        today=today or dt.date.today(),
        open=list(OPEN_WITH_UNIT),
        skip=offset,
        limit=first,
    )
    return Page(total=rows[0]["total"], rows=rows[0]["rows"])


EVENTS_BY_PROPOSAL = """
UNWIND $ids AS id
MATCH (:Proposal {id: id})-[:HAS_EVENT]->(e:ProposalEvent)
WITH id, e ORDER BY e.seq
RETURN id, collect(e {.*}) AS items
"""

RAISER_BY_PROPOSAL = """
UNWIND $ids AS id
MATCH (r)-[:RAISED]->(:Proposal {id: id})
WHERE r:Deputy OR r:DeputyGroup
RETURN id, CASE WHEN r:Deputy THEN 'Deputy' ELSE 'DeputyGroup' END AS label, r {.*} AS node
"""

ASSIGNMENTS_BY_PROPOSAL = """
UNWIND $ids AS id
MATCH (:Proposal {id: id})-[a:ASSIGNED_TO]->(u:Unit)
WITH id, u, a ORDER BY CASE a.role WHEN 'LEAD' THEN 0 ELSE 1 END, u.sortKey, u.id
RETURN id, collect({unit: u {.*}, role: a.role, at: a.at, due: a.due}) AS items
"""

PROPOSALS_BY_UNIT = """
UNWIND $ids AS id
MATCH (p:Proposal)-[a:ASSIGNED_TO]->(:Unit {id: id})
WITH id, p, a ORDER BY p.raisedAt DESC, p.id
RETURN id, collect(p {.*, rel: {role: a.role, at: a.at, due: a.due}}) AS items
"""

ACTIVITY_BY_PROPOSAL = """
UNWIND $ids AS id
MATCH (:Proposal {id: id})-[:ARISES_FROM]->(a:Activity)
RETURN id, a {.*} AS node
"""


async def _grouped(db: Database, query: str, ids: Sequence[str]) -> list[list[Row]]:
    rows = await db.read(query, ids=list(ids))
    found = {row["id"]: row["items"] for row in rows}
    return [found.get(i, []) for i in ids]


async def events_by_proposal(db: Database, ids: Sequence[str]) -> list[list[Row]]:
    """Each suggestion's history, oldest first (one round trip for all ids)."""
    return await _grouped(db, EVENTS_BY_PROPOSAL, ids)


async def assignments_by_proposal(db: Database, ids: Sequence[str]) -> list[list[Row]]:
    """Each suggestion's handling units (lead first) with role, date assigned and due date."""
    return await _grouped(db, ASSIGNMENTS_BY_PROPOSAL, ids)


async def proposals_by_unit(db: Database, ids: Sequence[str]) -> list[list[Row]]:
    return await _grouped(db, PROPOSALS_BY_UNIT, ids)


async def raiser_by_proposal(db: Database, ids: Sequence[str]) -> list[Row | None]:
    """Who raised each suggestion: {"label": Deputy|DeputyGroup, "node": {...}} or None."""
    rows = await db.read(RAISER_BY_PROPOSAL, ids=list(ids))
    found = {row["id"]: row for row in rows}
    return [found.get(i) for i in ids]


async def activity_by_proposal(db: Database, ids: Sequence[str]) -> list[Row | None]:
    rows = await db.read(ACTIVITY_BY_PROPOSAL, ids=list(ids))
    found = {row["id"]: row["node"] for row in rows}
    return [found.get(i) for i in ids]


# ---------------------------------------------------------------------------------------------
# Writes: the steps
# ---------------------------------------------------------------------------------------------

# Taking the write lock first (SET) serialises concurrent steps on one suggestion.
LOCK = """
MATCH (p:Proposal {id: $id})
SET p.updatedAt = datetime()
RETURN p {.*} AS node
"""

RECORD = """
MATCH (p:Proposal {id: $id})
SET p += $props, p.status = $to
WITH p
OPTIONAL MATCH (p)-[:HAS_EVENT]->(old:ProposalEvent)
WITH p, count(old) AS seen
CREATE (p)-[:HAS_EVENT]->(e:ProposalEvent {
  id: $eventId, name: $action, source: p.source, at: $at, by: $by, action: $action,
  from: $from, to: $to, note: $note, satisfaction: $satisfaction, seq: seen + 1
})
RETURN p {.*} AS node
"""

RAISER = {
    "Deputy": """
MATCH (r:Deputy {id: $id})
OPTIONAL MATCH (r)-[:MEMBER_OF]->(g:DeputyGroup)
OPTIONAL MATCH (g)-[:GROUP_OF]->(gc:Congress)
OPTIONAL MATCH (r)-[:DEPUTY_OF]->(dc:Congress)
WITH r, g, gc, dc ORDER BY g.id, dc.id
RETURN r.id AS id, head(collect(g.id)) AS groupId,
       coalesce(head(collect(gc.id)), head(collect(dc.id))) AS congressId
""",
    "DeputyGroup": """
MATCH (r:DeputyGroup {id: $id})
OPTIONAL MATCH (r)-[:GROUP_OF]->(c:Congress)
RETURN r.id AS id, r.id AS groupId, head(collect(c.id)) AS congressId
""",
}

DUPLICATE_SUBMISSION = {
    label: f"""
MATCH (:{label} {{id: $raiser}})-[:RAISED]->(p:Proposal)
WHERE p.title = $title AND p.raisedAt = $raisedAt
RETURN p.id AS id LIMIT 1
"""
    for label in RAISER
}

# The checks that what a suggestion will point at exists also lock it (SET, then REMOVE: no
# trace), so a delete running alongside cannot take it away between the check and the write.
INDUSTRY_CODES = """
UNWIND $codes AS code
OPTIONAL MATCH (i:Industry {code: code})
SET i._lock = true REMOVE i._lock
RETURN code, i IS NOT NULL AS found
"""

CREATE_PROPOSAL = """
CREATE (p:Proposal {id: $id})
SET p += $props, p.sortKey = $sortKey, p.createdAt = datetime(), p.updatedAt = datetime()
"""

LINK_RAISER = {
    label: f"""
MATCH (r:{label} {{id: $raiser}}), (p:Proposal {{id: $id}})
CREATE (r)-[:RAISED]->(p)
"""
    for label in RAISER
}

SET_INDUSTRIES = """
MATCH (p:Proposal {id: $id})
OPTIONAL MATCH (p)-[old:IN_INDUSTRY]->(:Industry)
DELETE old
WITH DISTINCT p
UNWIND $codes AS code
MATCH (i:Industry {code: code})
MERGE (p)-[:IN_INDUSTRY]->(i)
"""

SET_SUPERVISORS = """
MATCH (p:Proposal {id: $id})
OPTIONAL MATCH (:Committee)-[old:SUPERVISES]->(p)
DELETE old
WITH DISTINCT p
UNWIND $committees AS cid
MATCH (c:Committee {id: cid})
MERGE (c)-[:SUPERVISES]->(p)
"""

COMMITTEES_FOUND = """
UNWIND $ids AS id
OPTIONAL MATCH (c:Committee {id: id})
SET c._lock = true REMOVE c._lock
RETURN id, c IS NOT NULL AS found
"""

LINK_ACTIVITY = """
MATCH (p:Proposal {id: $id}), (a:Activity {id: $activity})
MERGE (p)-[:ARISES_FROM]->(a)
"""

UNITS_FOUND = """
UNWIND $ids AS id
OPTIONAL MATCH (u:Unit {id: id})
SET u._lock = true REMOVE u._lock
RETURN id, u IS NOT NULL AS found
"""

ASSIGN_UNITS = """
MATCH (p:Proposal {id: $id})
UNWIND $assignments AS a
MATCH (u:Unit {id: a.unit})
CREATE (p)-[:ASSIGNED_TO {role: a.role, at: $at, due: $due}]->(u)
"""

LINK_MERGED = """
MATCH (p:Proposal {id: $id}), (t:Proposal {id: $into})
CREATE (p)-[:MERGED_INTO]->(t)
"""

LINK_TRANSFERRED = """
MATCH (p:Proposal {id: $id}), (u:Unit {id: $unit})
CREATE (p)-[:TRANSFERRED_TO {at: $at, kind: $kind}]->(u)
"""

EXISTS_ACTIVITY = "MATCH (a:Activity {id: $id}) RETURN a.id AS id"


@dataclass(frozen=True)
class SubmitInput:
    title: str
    raised_by_label: str  # Deputy | DeputyGroup
    raised_by_id: str
    raised_at: dt.date
    stage: str = "INTERSESSION"
    summary: str | None = None
    industry_codes: Sequence[str] = ()
    activity_id: str | None = None
    committee_ids: Sequence[str] = ()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def _lock(tx: AsyncManagedTransaction, proposal_id: str, field: str = "id") -> Row:
    rows = await run(tx, LOCK, id=proposal_id)
    if not rows:
        raise not_found("Proposal", proposal_id, field=field)
    node: Row = rows[0]["node"]
    return node


def _check_move(current: Row, action: str) -> str:
    status = current["status"]
    for move_action, to in MOVES.get(status, ()):
        if move_action == action:
            return to
    raise illegal_move(current["id"], status, action, current.get("reviewRound") or 0)


async def _record(
    tx: AsyncManagedTransaction,
    current: Row,
    action: str,
    to: str,
    by: str,
    *,
    note: str | None = None,
    satisfaction: str | None = None,
    props: Mapping[str, Any] | None = None,
) -> Row:
    changes = dict(props or {})
    if any(key in changes for key in STATS_INPUTS):
        # `current` is the whole node (LOCK), so the packed facts follow from it and the changes.
        changes["statsFacts"] = stats_facts({**current, **changes})
    rows = await run(
        tx,
        RECORD,
        id=current["id"],
        props=changes,
        to=to,
        eventId=str(uuid.uuid4()),
        at=_now(),
        by=by or "system",
        action=action,
        note=note,
        satisfaction=satisfaction,
        **{"from": current.get("status")},
    )
    node: Row = rows[0]["node"]
    return node


async def _check_industries(tx: AsyncManagedTransaction, codes: Sequence[str]) -> None:
    for row in await run(tx, INDUSTRY_CODES, codes=list(codes)):
        if not row["found"]:
            raise not_found("Industry", row["code"], field="input.industryCodes")


async def _check_committees(tx: AsyncManagedTransaction, ids: Sequence[str]) -> None:
    for row in await run(tx, COMMITTEES_FOUND, ids=list(ids)):
        if not row["found"]:
            raise not_found("Committee", row["id"], field="input.committeeIds")


def _codes(codes: Iterable[str]) -> list[str]:
    out: list[str] = []
    for code in codes:
        clean = validate.industry_code(code, "input.industryCodes")
        if clean not in out:
            out.append(clean)
    return out


async def submit_proposal(db: Database, data: SubmitInput, by: str) -> Row:
    """Record a suggestion as raised (SUBMITTED), with who entered it; DUPLICATE when the same
    deputy or group raised one with the same title on the same day."""
    title = validate.name(data.title, "input.title")
    summary = validate.optional_text(data.summary, "input.summary")
    dates.in_range(data.raised_at, "input.raisedAt")
    validate.choice(data.stage, "input.stage", STAGES)
    if data.raised_by_label not in RAISER:
        raise validate.invalid(
            "input.raisedById",
            "提出者须为代表或代表小组",
            "`raisedById` must be a Deputy or a DeputyGroup",
        )
    codes = _codes(data.industry_codes)
    committees = list(dict.fromkeys(data.committee_ids))
    proposal_id = str(uuid.uuid4())

    async def work(tx: AsyncManagedTransaction) -> Row:
        # The raiser is locked first: the same title twice on one day would pass two checks
        # running side by side.
        await locks.lock_nodes(tx, [(data.raised_by_label, data.raised_by_id, "input.raisedById")])
        raiser = await run(tx, RAISER[data.raised_by_label], id=data.raised_by_id)
        if not raiser:
            raise not_found(data.raised_by_label, data.raised_by_id, field="input.raisedById")
        existing = await run(
            tx,
            DUPLICATE_SUBMISSION[data.raised_by_label],
            raiser=data.raised_by_id,
            title=title,
            raisedAt=data.raised_at,
        )
        if existing:
            raise DomainError(
                ErrorCode.DUPLICATE,
                f"同一提出者同日已提出同名意见建议（{existing[0]['id']}）",
                f"The same deputy or group already raised {title!r} that day: {existing[0]['id']}",
                field="input.title",
                ids=[existing[0]["id"]],
            )
        await _check_industries(tx, codes)
        await _check_committees(tx, committees)
        if data.activity_id is not None and not await run(tx, EXISTS_ACTIVITY, id=data.activity_id):
            raise not_found("Activity", data.activity_id, field="input.activityId")
        props = {
            "name": title,
            "title": title,
            "summary": summary,
            "raisedAt": data.raised_at,
            "stage": data.stage,
            "reviewRound": 0,
            "source": "user",
            "enteredBy": by,
            "congressId": raiser[0]["congressId"],
            "groupId": raiser[0]["groupId"],
            **derived(data.raised_at, codes),
        }
        props["statsFacts"] = stats_facts(props)
        await run(tx, CREATE_PROPOSAL, id=proposal_id, props=props, sortKey=sort_key(title))
        await run(tx, LINK_RAISER[data.raised_by_label], raiser=data.raised_by_id, id=proposal_id)
        await run(tx, SET_INDUSTRIES, id=proposal_id, codes=codes)
        await run(tx, SET_SUPERVISORS, id=proposal_id, committees=committees)
        if data.activity_id is not None:
            await run(tx, LINK_ACTIVITY, id=proposal_id, activity=data.activity_id)
        current = {"id": proposal_id, "status": None, "source": "user"}
        return await _record(tx, current, "SUBMIT", "SUBMITTED", by, note=f"由 {by} 录入")

    return await db.transaction(work)


async def register_proposal(
    db: Database,
    proposal_id: str,
    by: str,
    *,
    industry_codes: Sequence[str] | None = None,
    committee_ids: Sequence[str] | None = None,
    note: str | None = None,
) -> Row:
    """Sort a suggestion (整理): register it, optionally re-filing its industries and naming the
    committees that supervise it."""
    codes = _codes(industry_codes) if industry_codes is not None else None
    note = validate.optional_text(note, "input.note")

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await _lock(tx, proposal_id)
        to = _check_move(current, "REGISTER")
        props: dict[str, Any] = {}
        if codes is not None:
            await _check_industries(tx, codes)
            await run(tx, SET_INDUSTRIES, id=proposal_id, codes=codes)
            props = derived(current["raisedAt"], codes)
        if committee_ids is not None:
            committees = list(dict.fromkeys(committee_ids))
            await _check_committees(tx, committees)
            await run(tx, SET_SUPERVISORS, id=proposal_id, committees=committees)
        return await _record(tx, current, "REGISTER", to, by, note=note, props=props)

    return await db.transaction(work)


async def assign_proposal(
    db: Database,
    proposal_id: str,
    by: str,
    *,
    lead_unit_id: str,
    co_unit_ids: Sequence[str] = (),
    due: dt.date,
    at: dt.date | None = None,
    note: str | None = None,
) -> Row:
    """Assign (交办) to a lead unit and co-units, due by `due`."""
    assigned_at = at or dt.date.today()
    co = [u for u in dict.fromkeys(co_unit_ids) if u != lead_unit_id]
    note = validate.optional_text(note, "input.note")
    dates.in_range(assigned_at, "at")
    dates.in_range(due, "due")
    dates.not_before(due, assigned_at, "due", "交办日期", "the assignment date")

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await _lock(tx, proposal_id)
        to = _check_move(current, "ASSIGN")
        dates.not_before(assigned_at, current["raisedAt"], "at", "提出日期", "the date raised")
        for row in await run(tx, UNITS_FOUND, ids=[lead_unit_id, *co]):
            if not row["found"]:
                field = "input.leadUnitId" if row["id"] == lead_unit_id else "input.coUnitIds"
                raise not_found("Unit", row["id"], field=field)
        assignments = [{"unit": lead_unit_id, "role": "LEAD"}] + [
            {"unit": u, "role": "CO"} for u in co
        ]
        await run(
            tx, ASSIGN_UNITS, id=proposal_id, assignments=assignments, at=assigned_at, due=due
        )
        props = {"assignedAt": assigned_at, "due": due}
        return await _record(tx, current, "ASSIGN", to, by, note=note, props=props)

    return await db.transaction(work)


# The dated steps before a step's own date, latest last: a reply is not dated before the
# suggestion was raised, assigned or first replied to (each step not before the previous one).
EARLIER_STEPS = (
    ("raisedAt", "提出日期", "the date raised"),
    ("assignedAt", "交办日期", "the assignment date"),
    ("repliedAt", "首次答复日期", "the first reply"),
)


def _check_step_date(current: Row, day: dt.date, field: str) -> None:
    for key, zh, en in EARLIER_STEPS:
        dates.not_before(day, current.get(key), field, zh, en)


async def _simple_step(
    db: Database,
    proposal_id: str,
    action: str,
    by: str,
    note: str | None,
    props: Mapping[str, Any] | None = None,
    dated: tuple[str, dt.date] | None = None,
) -> Row:
    """One undated step, or a step dated `dated` = (field, day): checked against the dates of
    the steps before it."""
    note = validate.optional_text(note, "input.note")
    if dated is not None:
        dates.in_range(dated[1], dated[0])

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await _lock(tx, proposal_id)
        to = _check_move(current, action)
        if dated is not None:
            _check_step_date(current, dated[1], dated[0])
        extra = dict(props or {})
        if action == "REPLY" and current.get("repliedAt") is not None:
            # Timeliness is judged on the first reply; a second round keeps that date.
            extra.pop("repliedAt", None)
        if to == "CLOSED":
            extra["closedAt"] = dt.date.today()
        return await _record(tx, current, action, to, by, note=note, props=extra)

    return await db.transaction(work)


async def start_handling(db: Database, proposal_id: str, by: str, note: str | None = None) -> Row:
    return await _simple_step(db, proposal_id, "START_HANDLING", by, note)


async def reply_proposal(
    db: Database, proposal_id: str, by: str, note: str | None = None, at: dt.date | None = None
) -> Row:
    """The unit's reply (答复); its text goes into the event's note."""
    day = at or dt.date.today()
    return await _simple_step(db, proposal_id, "REPLY", by, note, {"repliedAt": day}, ("at", day))


async def close_proposal(db: Database, proposal_id: str, by: str, note: str | None = None) -> Row:
    return await _simple_step(db, proposal_id, "CLOSE", by, note)


async def withdraw_proposal(
    db: Database, proposal_id: str, by: str, note: str | None = None
) -> Row:
    return await _simple_step(db, proposal_id, "WITHDRAW", by, note)


async def evaluate_proposal(
    db: Database, proposal_id: str, by: str, satisfaction: str, note: str | None = None
) -> Row:
    """The deputies' rating (满意 / 基本满意 / 不满意). UNSATISFIED sends it back to HANDLING
    once; the second UNSATISFIED is recorded and closes it for the year-end review."""
    validate.choice(satisfaction, "input.satisfaction", SATISFACTIONS)
    note = validate.optional_text(note, "input.note")

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await _lock(tx, proposal_id)
        _check_move(current, "EVALUATE")
        to, review_round = _evaluate_target(satisfaction, current.get("reviewRound") or 0)
        props: dict[str, Any] = {"satisfaction": satisfaction, "reviewRound": review_round}
        note_text: str | None
        if to == "CLOSED":
            props["closedAt"] = dt.date.today()
            note_text = note or "二次评价不满意，提交年终评议 / second UNSATISFIED: year-end review"
        else:
            note_text = note
        return await _record(
            tx, current, "EVALUATE", to, by, note=note_text, satisfaction=satisfaction, props=props
        )

    return await db.transaction(work)


async def merge_proposal(
    db: Database, proposal_id: str, into_id: str, by: str, note: str | None = None
) -> Row:
    """Merge into another suggestion that is still open (并案)."""
    note = validate.optional_text(note, "input.note")
    if into_id == proposal_id:
        raise validate.invalid(
            "input.intoId", "不能与自身合并", "A suggestion cannot be merged into itself"
        )

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await _lock(tx, proposal_id)
        to = _check_move(current, "MERGE")
        target = await _lock(tx, into_id, "input.intoId")
        if target["status"] in TERMINAL:
            raise DomainError(
                ErrorCode.CONFLICT,
                f"目标意见建议已{STATUS_ZH[target['status']]}，不能并入",
                f"The target suggestion is {target['status']} and cannot take a merge",
                field="input.intoId",
                ids=[into_id],
            )
        await run(tx, LINK_MERGED, id=proposal_id, into=into_id)
        return await _record(tx, current, "MERGE", to, by, note=note or f"并入 {into_id}")

    return await db.transaction(work)


async def transfer_proposal(
    db: Database,
    proposal_id: str,
    by: str,
    *,
    unit_id: str,
    kind: str,
    note: str | None = None,
    at: dt.date | None = None,
) -> Row:
    """Transfer out of the loop, e.g. into a procuratorate's public-interest litigation
    suggestion (公益诉讼检察建议): `kind` says into what."""
    kind = validate.name(kind, "input.kind")
    note = validate.optional_text(note, "input.note")
    day = at or dt.date.today()
    dates.in_range(day, "at")

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await _lock(tx, proposal_id)
        to = _check_move(current, "TRANSFER")
        _check_step_date(current, day, "at")
        if not (await run(tx, UNITS_FOUND, ids=[unit_id]))[0]["found"]:
            raise not_found("Unit", unit_id, field="input.unitId")
        await run(tx, LINK_TRANSFERRED, id=proposal_id, unit=unit_id, at=day, kind=kind)
        return await _record(
            tx, current, "TRANSFER", to, by, note=note or kind, props={"transferredTo": kind}
        )

    return await db.transaction(work)


# ---------------------------------------------------------------------------------------------
# Handling units (承办单位)
# ---------------------------------------------------------------------------------------------

LIST_UNITS = """
CALL () { MATCH (u:Unit) WHERE $name IS NULL OR u.name CONTAINS $name RETURN count(u) AS total }
CALL () {
  MATCH (u:Unit) WHERE $name IS NULL OR u.name CONTAINS $name
  WITH u ORDER BY u.sortKey, u.id SKIP $skip LIMIT $limit
  RETURN collect(u {.*}) AS rows
}
RETURN total, rows
"""


async def list_units(db: Database, *, name_contains: str | None, first: int, offset: int) -> Page:
    check_page(first, offset)
    name = validate.clean_text(name_contains) if name_contains else None
    rows = await db.read(LIST_UNITS, name=name or None, skip=offset, limit=first)
    return Page(total=rows[0]["total"], rows=rows[0]["rows"])


async def create_unit(db: Database, name: str, kind: str) -> Row:
    validate.choice(kind, "input.kind", UNIT_KINDS)
    # One name a unit: checked in create_node's transaction, under the units' name lock.
    return await nodes.create_node(db, "Unit", {"name": name, "kind": kind})


async def update_unit(
    db: Database, unit_id: str, *, name: str | None = None, kind: str | None = None
) -> Row:
    validate.choice(kind, "input.kind", UNIT_KINDS)
    return await nodes.update_node(db, "Unit", unit_id, {"name": name, "kind": kind})


async def delete_unit(db: Database, unit_id: str) -> str:
    """Refused (CONFLICT) while suggestions are assigned or transferred to it."""
    return await nodes.delete_node(db, "Unit", unit_id)


# ---------------------------------------------------------------------------------------------
# Bulk loading (synthetic data, benchmarks): CREATE, not MERGE, into a graph without them
# ---------------------------------------------------------------------------------------------

# One statement per batch creates each suggestion with everything hanging off it: the raiser,
# industries, units and its events; nothing is looked up again by the new suggestion's id.
# PROFILE shows the raiser, industry and unit lookups as NodeUniqueIndexSeeks on the id / code
# constraints (a few hundred distinct nodes, always in the page cache). Event properties are
# spelled out: `SET ev = e` made the planner add an Eager (it cannot tell which keys a map
# sets). CREATE, never MERGE: the caller loads into a graph that does not hold these ids yet.
BULK_PROPOSALS = """
UNWIND $rows AS row
MATCH (r:DeputyGroup {id: row.raiser})
CREATE (r)-[:RAISED]->(p:Proposal {id: row.props.id})
SET p += row.props
WITH p, row
CALL (p, row) {
  UNWIND row.industries AS code
  MATCH (i:Industry {code: code})
  CREATE (p)-[:IN_INDUSTRY]->(i)
}
CALL (p, row) {
  UNWIND row.units AS a
  MATCH (u:Unit {id: a.unit})
  CREATE (p)-[:ASSIGNED_TO {role: a.role, at: a.at, due: a.due}]->(u)
}
CALL (p, row) {
  UNWIND row.events AS e
  CREATE (p)-[:HAS_EVENT]->(:ProposalEvent {
    id: e.id, name: e.name, source: e.source, at: datetime({epochSeconds: e.at}), by: e.by,
    action: e.action, from: e.from, to: e.to, note: e.note, satisfaction: e.satisfaction,
    seq: e.seq
  })
}
"""


@dataclass(frozen=True)
class BulkCounts:
    proposals: int
    nodes: int
    relationships: int


def bulk_counts(rows: Sequence[Row], *, events: bool = True) -> BulkCounts:
    """What `bulk_create` writes for `rows` (for load rates; computed, not asked of Neo4j)."""
    nodes = rels = 0
    for r in rows:
        n_events = len(r["events"]) if events else 0
        nodes += 1 + n_events
        rels += 1 + len(r["industries"]) + len(r["units"]) + n_events
    return BulkCounts(len(rows), nodes, rels)


async def bulk_create(db: Database, rows: list[Row], *, events: bool = True) -> None:
    """Create a batch of suggestions raised by groups, in one statement (one transaction).
    Each row: {raiser, props (every Proposal property, derived ones and `statsFacts`
    included), industries: [code], units: [{unit, role, at, due}], events: [event props]}.
    Batches of 10–20k rows suit the default transaction timeout; `events=False` leaves the
    histories out."""
    # Event times travel as epoch seconds: the driver packs a datetime in pure Python (about
    # 100 µs each, most of a batch's client time), an int for nothing. `at` must be aware.
    rows = [
        {
            **r,
            "events": [{**e, "at": int(e["at"].timestamp())} for e in r["events"]]
            if events
            else [],
        }
        for r in rows
    ]
    await db.write(BULK_PROPOSALS, rows=rows)
