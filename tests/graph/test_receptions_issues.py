"""Issues (诉求) and their closed loop: legal and illegal moves, history, overdue feedback,
escalation into a suggestion (once, raised by the deputies who collected it), lists."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.kernel.db import Database
from graph.kernel.errors import DomainError, ErrorCode
from graph.receptions import issue_steps as steps
from graph.receptions.contacts import ContactInput
from graph.receptions.issue_reads import IssueFilter, list_issues, reception_lists
from graph.receptions.issues import IssueInput, raise_issue
from tests import issues_world

TODAY = dt.date.today()


def reception_issue(**kw: object) -> IssueInput:
    base: dict[str, object] = {
        "title": "企业用工难",
        "origin": "RECEPTION",
        "reception_id": "r1",
        "deputy_ids": ["d1", "d2"],
        "enterprise_id": "e1",
        "industry_code": "C1391",
        "raised_at": issues_world.RAISED_AT,
        "promise": "需要一个月左右",
        "promised_by": dt.date(2026, 4, 5),
        "contact": ContactInput("张先生", "13812345678"),
    }
    base.update(kw)
    return IssueInput(**base)  # type: ignore[arg-type]


async def refused(work: object, code: ErrorCode = ErrorCode.CONFLICT) -> DomainError:
    with pytest.raises(DomainError) as caught:
        await work  # type: ignore[misc]
    assert caught.value.code is code
    return caught.value


async def test_the_whole_loop_with_its_history(db: Database) -> None:
    await issues_world.build(db)
    issue = await raise_issue(db, reception_issue(), "clerk")
    assert issue["status"] == "RAISED"
    assert issue["congressId"] == "yz" and issue["venueId"] == "v1"
    assert issue["year"] == 2026 and issue["industryPath"] == ["C1391", "C139", "C13", "C"]
    iid = issue["id"]
    issue = await steps.list_issue(db, iid, "clerk", measure="协调人社局组织招聘会")
    assert issue["status"] == "LISTED" and issue["measure"] == "协调人社局组织招聘会"
    due = TODAY + dt.timedelta(days=20)
    issue = await steps.assign_issue(db, iid, "clerk", unit_id="u2", due=due)
    assert (issue["status"], issue["unitId"], issue["due"]) == ("ASSIGNED", "u2", due)
    issue = await steps.follow_issue(db, iid, "clerk", "电话督促")
    issue = await steps.follow_issue(db, iid, "clerk", "现场查看")
    assert issue["status"] == "HANDLING"
    issue = await steps.answer_issue(db, iid, "clerk", "已组织专场招聘会", TODAY)
    assert issue["status"] == "ANSWERED" and issue["answeredLate"] is True  # promised 4-05
    issue = await steps.close_issue(db, iid, "clerk", "SOLVED", "SATISFIED")
    assert (issue["status"], issue["outcome"]) == ("CLOSED", "SOLVED")
    events = await db.read(
        "MATCH (:Issue {id: $id})-[:HAS_EVENT]->(e) RETURN e.seq AS seq, e.action AS action, "
        "e.from AS from, e.to AS to ORDER BY seq",
        id=iid,
    )
    assert [(e["action"], e["to"]) for e in events] == [
        ("RAISE", "RAISED"),
        ("LIST", "LISTED"),
        ("ASSIGN", "ASSIGNED"),
        ("FOLLOW", "HANDLING"),
        ("FOLLOW", "HANDLING"),
        ("ANSWER", "ANSWERED"),
        ("CLOSE", "CLOSED"),
    ]
    assert [e["seq"] for e in events] == list(range(1, 8))
    rel = await db.read(
        "MATCH (:Issue {id: $id})-[a:ASSIGNED_TO]->(u:Unit) RETURN u.id AS u, a.due AS due", id=iid
    )
    assert rel == [{"u": "u2", "due": due}]


async def test_illegal_moves_are_refused_naming_status_and_moves_and_write_nothing(
    db: Database,
) -> None:
    await issues_world.build(db)
    iid = (await raise_issue(db, reception_issue(), "clerk"))["id"]
    error = await refused(steps.answer_issue(db, iid, "clerk", "答复"))
    assert "问需求" in error.zh and "列入清单" in error.zh and "LIST" in error.en
    await refused(steps.assign_issue(db, iid, "clerk", unit_id="u1", due=TODAY))
    await refused(steps.escalate_issue(db, iid, "clerk"))
    await refused(steps.close_issue(db, iid, "clerk", "SOLVED"))
    rows = await db.read(
        "MATCH (i:Issue {id: $id}) RETURN i.status AS s, COUNT { (i)-[:HAS_EVENT]->() } AS n, "
        "COUNT { (i)-[:ASSIGNED_TO]->() } AS a",
        id=iid,
    )
    assert rows == [{"s": "RAISED", "n": 1, "a": 0}]
    await steps.list_issue(db, iid, "clerk")
    past = await refused(
        steps.assign_issue(db, iid, "clerk", unit_id="u1", due=TODAY - dt.timedelta(days=1)),
        ErrorCode.INVALID,
    )
    assert past.field == "due"
    missing = await refused(
        steps.assign_issue(db, iid, "clerk", unit_id="nope", due=TODAY), ErrorCode.NOT_FOUND
    )
    assert missing.field == "unitId"


async def test_origin_must_fit_the_links(db: Database) -> None:
    await issues_world.build(db)
    no_link = await refused(
        raise_issue(db, reception_issue(reception_id=None), "c"), ErrorCode.INVALID
    )
    assert no_link.field == "input.receptionId"
    visit_as_reception = await refused(
        raise_issue(db, reception_issue(reception_id="t1"), "c"), ErrorCode.INVALID
    )
    assert visit_as_reception.field == "input.receptionId"
    reception_as_visit = await refused(
        raise_issue(db, reception_issue(origin="VISIT", reception_id=None, activity_id="r1"), "c"),
        ErrorCode.INVALID,
    )
    assert reception_as_visit.field == "input.activityId"
    visit = await raise_issue(
        db, reception_issue(origin="VISIT", reception_id=None, activity_id="t1"), "c"
    )
    assert visit["congressId"] == "yz" and visit.get("venueId") is None
    booking = await raise_issue(
        db, reception_issue(origin="BOOKING", reception_id=None, booking_id="b1"), "c"
    )
    assert booking["venueId"] == "v1"
    campaign = await raise_issue(
        db, reception_issue(origin="CAMPAIGN", reception_id=None, campaign_id="k1"), "c"
    )
    assert campaign["campaignId"] == "k1" and campaign["congressId"] == "yz"
    assert (await db.read("MATCH (i:Issue) RETURN count(i) AS n"))[0]["n"] == 3


async def test_escalation_once_raised_by_the_collecting_deputies(db: Database) -> None:
    await issues_world.build(db)
    iid = (await raise_issue(db, reception_issue(), "clerk"))["id"]
    await steps.list_issue(db, iid, "clerk")
    issue, proposal = await steps.escalate_issue(db, iid, "clerk", "关于缓解企业用工难的建议")
    assert issue["status"] == "LISTED" and issue["proposalId"] == proposal["id"]
    assert proposal["status"] == "SUBMITTED" and proposal["title"] == "关于缓解企业用工难的建议"
    raisers = await db.read(
        "MATCH (d:Deputy)-[r:RAISED]->(:Proposal {id: $id}) RETURN d.id AS d, r.role AS role "
        "ORDER BY d",
        id=proposal["id"],
    )
    assert raisers == [{"d": "d1", "role": "CO_SIGNER"}, {"d": "d2", "role": "LEAD"}]
    links = await db.read(
        "MATCH (i:Issue {id: $id})-[e:ESCALATED_TO]->(p:Proposal)-[:ARISES_FROM]->(a:Activity) "
        "RETURN p.id AS p, a.id AS a, e.at IS NOT NULL AS at",
        id=iid,
    )
    assert links == [{"p": proposal["id"], "a": "r1", "at": True}]
    again = await refused(steps.escalate_issue(db, iid, "clerk"))
    assert proposal["id"] in again.ids and proposal["id"] in again.zh
    history = await db.read(
        "MATCH (:Issue {id: $id})-[:HAS_EVENT]->(e) RETURN e.action AS a ORDER BY e.seq", id=iid
    )
    assert [h["a"] for h in history] == ["RAISE", "LIST", "ESCALATE"]
    assert (await db.read("MATCH (p:Proposal) RETURN count(p) AS n"))[0]["n"] == 1
    # The loop goes on after escalation.
    assigned = await steps.assign_issue(db, iid, "clerk", unit_id="u1", due=TODAY)
    assert assigned["status"] == "ASSIGNED"


async def test_escalation_needs_a_collecting_deputy(db: Database) -> None:
    await issues_world.build(db)
    iid = (await raise_issue(db, reception_issue(deputy_ids=[]), "clerk"))["id"]
    await steps.list_issue(db, iid, "clerk")
    await refused(steps.escalate_issue(db, iid, "clerk"), ErrorCode.INVALID)
    assert (await db.read("MATCH (p:Proposal) RETURN count(p) AS n"))[0]["n"] == 0


async def test_overdue_feedback_and_the_list_order(db: Database) -> None:
    await issues_world.build(db)
    late = await raise_issue(db, reception_issue(title="甲", promised_by=dt.date(2026, 3, 10)), "c")
    soon = await raise_issue(db, reception_issue(title="乙", promised_by=dt.date(2026, 3, 20)), "c")
    none = await raise_issue(db, reception_issue(title="丙", promised_by=None), "c")
    answered = await raise_issue(
        db, reception_issue(title="丁", promised_by=dt.date(2026, 3, 8)), "c"
    )
    await steps.list_issue(db, answered["id"], "c")
    await steps.assign_issue(db, answered["id"], "c", unit_id="u1", due=TODAY)
    await steps.answer_issue(db, answered["id"], "c", "已答复", TODAY)
    today = dt.date(2026, 3, 15)
    page = await list_issues(db, IssueFilter(), today=today, first=10)
    assert [r["title"] for r in page.rows] == ["丁", "甲", "乙", "丙"] and page.total == 4
    over = await list_issues(db, IssueFilter(overdue=True), today=today, first=10)
    assert [r["id"] for r in over.rows] == [late["id"]]
    week = IssueFilter(
        promised_from=dt.date(2026, 3, 16), promised_to=dt.date(2026, 3, 22), open_only=True
    )
    due = await list_issues(db, week, today=today, first=10)
    assert [r["id"] for r in due.rows] == [soon["id"]]
    rolled = await list_issues(db, IssueFilter(industry_code="C13"), today=today, first=2)
    assert rolled.total == 4 and len(rolled.rows) == 2
    assert (
        await list_issues(db, IssueFilter(industry_code="C17"), today=today, first=5)
    ).total == 0
    lists = await reception_lists(db, "r1")
    assert len(lists.problems) == 4
    assert [i["title"] for i in lists.feedback_due] == ["甲", "乙"]
    assert none["id"] in [i["id"] for i in lists.measures] or not lists.measures
