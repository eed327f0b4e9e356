"""A venue's monthly summary (321: 一月一总结) against figures counted by hand, kept once when
confirmed, never for a month that has not begun."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.kernel.db import Database
from graph.kernel.errors import DomainError, ErrorCode
from graph.receptions import summaries
from graph.trips import lifecycle
from tests.receptions_world import issue, load_venues, reception

D = dt.date
TODAY = D(2025, 4, 15)


async def hold(db: Database, reception_id: str) -> None:
    """Schedule, start and complete it: the trips' lifecycle, unchanged."""
    await lifecycle.schedule_activity(db, reception_id)
    await lifecycle.start_activity(db, reception_id)
    await lifecycle.complete_activity(db, reception_id, "接待群众 5 人，收集问题 2 个")


async def march(db: Database) -> dict[str, str]:
    ids = await load_venues(db)
    r1 = await reception(db, ids["room"], D(2025, 3, 5), ("d-conv", "d-mem1"))
    r2 = await reception(db, ids["room"], D(2025, 3, 12), ("d-conv", "d-mem2"))
    r3 = await reception(db, ids["room"], D(2025, 3, 20), ("d-other",))  # one deputy: draft
    r4 = await reception(db, ids["room"], D(2025, 3, 25), ("d-cmte", "d-food"))
    april = await reception(db, ids["room"], D(2025, 4, 2), ("d-cmte", "d-food"))
    other = await reception(db, ids["topic"], D(2025, 3, 6), ("d-cmte", "d-food"))
    await hold(db, r1)
    await hold(db, r2)
    await lifecycle.cancel_activity(db, r4)
    await issue(db, r1, "i1", "RAISED", D(2025, 4, 1))  # feedback overdue on TODAY
    await issue(db, r1, "i2", "CLOSED", D(2025, 3, 10))
    await issue(db, r2, "i3", "ASSIGNED", D(2025, 5, 1))  # promised, not yet due
    await issue(db, r2, "i4", "ANSWERED", D(2025, 1, 1))  # answered: never overdue
    await issue(db, r3, "i5", "LISTED")
    await issue(db, r4, "i6", "RAISED", D(2025, 3, 26))  # a cancelled reception's: not counted
    await issue(db, april, "i7", "RAISED", D(2025, 4, 3))  # another month
    await issue(db, other, "i8", "RAISED", D(2025, 3, 7))  # another venue
    return ids


async def test_figures_match_a_hand_count(db: Database) -> None:
    ids = await march(db)
    found = await summaries.month_summary(db, ids["room"], "2025-03", today=TODAY)
    assert found.status == "DRAFT" and found.id is None
    # Held: r1, r2. Planned: r3 (r4 cancelled). Deputies at held ones: 张, 李, 王. Fewer
    # than two deputies: r3. Issues at r1–r3: i1–i5, one each of five statuses; overdue: i1.
    assert (found.receptions, found.planned, found.deputies_present, found.understaffed) == (
        2, 1, 3, 1,
    )  # fmt: skip
    assert found.issues_by_status == {
        "RAISED": 1, "LISTED": 1, "ASSIGNED": 1, "HANDLING": 0, "ANSWERED": 1, "CLOSED": 1,
    }  # fmt: skip
    assert (found.issues_raised, found.feedback_overdue) == (5, 1)

    empty = await summaries.month_summary(db, ids["station"], "2025-03", today=TODAY)
    assert (empty.receptions, empty.planned, empty.issues_raised) == (0, 0, 0)


async def test_confirmed_once_then_kept(db: Database) -> None:
    ids = await march(db)
    kept = await summaries.confirm_summary(
        db, ids["room"], "2025-03", "三月接待两场", "张书记", today=TODAY
    )
    assert (kept.status, kept.confirmed_by, kept.note, kept.issues_raised) == (
        "CONFIRMED", "张书记", "三月接待两场", 5,
    )  # fmt: skip
    stored = await db.read(
        "MATCH (s:MonthlySummary)-[:SUMMARY_OF]->(:Venue {id: $v}) RETURN s {.*} AS s",
        v=ids["room"],
    )
    assert len(stored) == 1
    assert stored[0]["s"]["issuesByStatus"].startswith("{")
    assert (stored[0]["s"]["month"], stored[0]["s"]["receptions"]) == ("2025-03", 2)

    # The graph moves on; the record does not.
    r = (await db.read(
        "MATCH (a:Activity {kind: 'RECEPTION', start: date('2025-03-05')}) RETURN a.id AS id"
    ))[0]["id"]  # fmt: skip
    await issue(db, r, "i9", "RAISED", D(2025, 3, 31))
    again = await summaries.month_summary(db, ids["room"], "2025-03", today=TODAY)
    assert (again.status, again.id, again.issues_raised, again.feedback_overdue) == (
        "CONFIRMED", kept.id, 5, 1,
    )  # fmt: skip

    with pytest.raises(DomainError) as caught:
        await summaries.confirm_summary(db, ids["room"], "2025-03", None, "李主任", today=TODAY)
    assert (caught.value.code, caught.value.field) == (ErrorCode.CONFLICT, "month")


async def test_no_summary_of_a_month_to_come(db: Database) -> None:
    ids = await load_venues(db)
    for work in (
        summaries.month_summary(db, ids["room"], "2025-05", today=TODAY),
        summaries.confirm_summary(db, ids["room"], "2025-05", None, "张书记", today=TODAY),
    ):
        with pytest.raises(DomainError) as caught:
            await work
        assert (caught.value.code, caught.value.field) == (ErrorCode.INVALID, "month")
    with pytest.raises(DomainError) as caught:
        await summaries.month_summary(db, ids["room"], "2025-3", today=TODAY)
    assert caught.value.field == "month"
    with pytest.raises(DomainError) as caught:
        await summaries.month_summary(db, "no-such-venue", "2025-03", today=TODAY)
    assert caught.value.code is ErrorCode.NOT_FOUND
    assert (await db.read("MATCH (s:MonthlySummary) RETURN count(s) AS n"))[0]["n"] == 0
