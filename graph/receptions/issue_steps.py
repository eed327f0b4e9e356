"""The steps of an issue's loop after it was raised (issues.py has the rules): 建清单, 交办, 盯办理,
答复, 办结, and 转为意见建议. Each locks the issue, checks the move, writes the new status and
one event, in one transaction; a refused step writes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.kernel import dates, validate
from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode, not_found
from graph.kernel.reads import Row
from graph.proposals.steps import SubmitInput, submit_in
from graph.proposals.vocab import Satisfaction
from graph.receptions import cypher_issues as cypher
from graph.receptions.issues import check_move, lock_issue, record_step
from graph.receptions.vocab import IssueAction, IssueOutcome

A = IssueAction


async def list_issue(
    db: Database,
    issue_id: str,
    by: str,
    *,
    measure: str | None = None,
    promise: str | None = None,
    promised_by: dt.date | None = None,
) -> Row:
    """建清单: put the issue on the reception's lists (321: the problem, 对策建议 = measure,
    限时反馈 = promisedBy), setting what is given."""
    props: dict[str, Any] = {}
    if measure is not None:
        props["measure"] = validate.optional_text(measure, "measure")
    if promise is not None:
        props["promise"] = validate.optional_text(promise, "promise")
    if promised_by is not None:
        dates.in_range(promised_by, "promisedBy")
        props["promisedBy"] = promised_by

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await lock_issue(tx, issue_id)
        to = check_move(current, A.LIST)
        if promised_by is not None:
            dates.not_before(promised_by, current["raisedAt"], "promisedBy", "提出日期", "raised")
        return await record_step(tx, current, A.LIST, to, by, props=props)

    return await db.transaction(work)


async def assign_issue(
    db: Database,
    issue_id: str,
    by: str,
    *,
    unit_id: str,
    due: dt.date,
    today: dt.date | None = None,
) -> Row:
    """交办 to a unit, due by `due` (not in the past)."""
    at = today or dt.date.today()
    dates.in_range(due, "due")
    dates.not_before(due, at, "due", "今天", "today")

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await lock_issue(tx, issue_id)
        to = check_move(current, A.ASSIGN)
        if not (await run(tx, cypher.LOCK_UNIT, unit=unit_id))[0]["found"]:
            raise not_found("Unit", unit_id, field="unitId")
        await run(tx, cypher.ASSIGN_UNIT, id=issue_id, unit=unit_id, at=at, due=due)
        props = {"unitId": unit_id, "assignedAt": at, "due": due}
        return await record_step(
            tx, current, A.ASSIGN, to, by, props=props, unit_id=unit_id, due=due
        )

    return await db.transaction(work)


async def follow_issue(db: Database, issue_id: str, by: str, note: str) -> Row:
    """盯办理: a follow-up of the unit's handling, one event each (repeatable while HANDLING)."""
    text = validate.name(note, "note", limit=validate.MAX_TEXT_LENGTH)

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await lock_issue(tx, issue_id)
        to = check_move(current, A.FOLLOW)
        return await record_step(tx, current, A.FOLLOW, to, by, note=text)

    return await db.transaction(work)


async def answer_issue(
    db: Database, issue_id: str, by: str, answer: str, answered_at: dt.date | None = None
) -> Row:
    """答复/反馈 to the people or enterprise; late when after the date promised (answeredLate)."""
    text = validate.name(answer, "answer", limit=validate.MAX_TEXT_LENGTH)
    day = answered_at or dt.date.today()
    dates.in_range(day, "answeredAt")

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await lock_issue(tx, issue_id)
        to = check_move(current, A.ANSWER)
        dates.not_before(day, current.get("assignedAt"), "answeredAt", "交办日期", "assigned")
        promised = current.get("promisedBy")
        props = {
            "answer": text,
            "answeredAt": day,
            "answeredLate": promised is not None and day > promised,
        }
        return await record_step(tx, current, A.ANSWER, to, by, note=text, props=props)

    return await db.transaction(work)


async def close_issue(
    db: Database, issue_id: str, by: str, outcome: str, satisfaction: str | None = None
) -> Row:
    """办结, with how it ended and, if asked, the people's satisfaction."""
    validate.choice(outcome, "outcome", IssueOutcome.values())
    validate.choice(satisfaction, "satisfaction", Satisfaction.values())

    async def work(tx: AsyncManagedTransaction) -> Row:
        current = await lock_issue(tx, issue_id)
        to = check_move(current, A.CLOSE)
        props = {"outcome": outcome, "satisfaction": satisfaction, "closedAt": dt.date.today()}
        return await record_step(tx, current, A.CLOSE, to, by, props=props)

    return await db.transaction(work)


async def escalate_issue(
    db: Database, issue_id: str, by: str, title: str | None = None
) -> tuple[Row, Row]:
    """转为意见建议: the issue becomes a suggestion raised by the deputies who collected it (the
    first by pinyin leads, the others co-sign), arising from its reception or trip, through
    graph/proposals' own submit; (Issue)-[:ESCALATED_TO]->(Proposal). Once only.
    Returns (issue, suggestion)."""
    if title is not None:
        title = validate.name(title, "title")

    async def work(tx: AsyncManagedTransaction) -> tuple[Row, Row]:
        current = await lock_issue(tx, issue_id)
        if current.get("proposalId"):
            raise DomainError(
                ErrorCode.CONFLICT,
                f"该诉求已转为意见建议（{current['proposalId']}），不能重复转交",
                f"The issue was already escalated to suggestion {current['proposalId']}",
                field="id",
                ids=[issue_id, current["proposalId"]],
            )
        to = check_move(current, A.ESCALATE)
        deputies = (await run(tx, cypher.DEPUTIES_BY_ISSUE, ids=[issue_id]) or [{"items": []}])[0][
            "items"
        ]
        if not deputies:
            raise validate.invalid(
                "id",
                "转为意见建议须有收集该诉求的代表",
                "Escalating needs at least one deputy who collected the issue",
            )
        activity = current.get("activityId")
        data = SubmitInput(
            title=title or current["title"],
            raised_by_label="Deputy",
            raised_by_id=deputies[0]["id"],
            raised_at=dt.date.today(),
            summary=current.get("detail"),
            industry_codes=[current["industryCode"]] if current.get("industryCode") else [],
            activity_id=activity,
            co_signer_ids=[d["id"] for d in deputies[1:]],
        )
        proposal = await submit_in(tx, data, by)
        now = dt.datetime.now(dt.UTC)
        await run(tx, cypher.LINK_ESCALATED, id=issue_id, proposal=proposal["id"], at=now)
        props = {"proposalId": proposal["id"], "escalatedAt": now.date()}
        note = f"转为意见建议 {proposal['id']}"
        issue = await record_step(tx, current, A.ESCALATE, to, by, note=note, props=props)
        return issue, proposal

    return await db.transaction(work)
