"""Campaigns: one per congress per name and year, visits joining, and the statistics of a
campaign (and of issues by campaign and by year) against figures counted by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.kernel.db import Database
from graph.kernel.errors import DomainError, ErrorCode
from graph.receptions import campaigns
from graph.receptions import issue_steps as steps
from graph.receptions.issue_reads import IssueFilter
from graph.receptions.issue_stats import issue_stats, table
from graph.receptions.issues import IssueInput, raise_issue
from tests import issues_world

TODAY = dt.date.today()
# Fixed "today" for the overdue counts: after every promise below but 2026-12-31.
AS_OF = dt.date(2026, 6, 1)


async def issue(db: Database, title: str, **kw: object) -> str:
    data: dict[str, object] = {
        "title": title,
        "origin": "CAMPAIGN",
        "campaign_id": "k1",
        "deputy_ids": ["d1"],
        "raised_at": dt.date(2026, 2, 1),
    }
    data.update(kw)
    return str((await raise_issue(db, IssueInput(**data), "clerk"))["id"])  # type: ignore[arg-type]


async def to_closed(db: Database, iid: str, outcome: str) -> None:
    await steps.list_issue(db, iid, "c")
    await steps.assign_issue(db, iid, "c", unit_id="u1", due=TODAY)
    await steps.answer_issue(db, iid, "c", "答复", TODAY)
    await steps.close_issue(db, iid, "c", outcome)


async def small_graph(db: Database) -> dict[str, str]:
    """In campaign k1 (2026): solved, explained (closed), answered, assigned and overdue, raised
    and overdue, raised with no promise: 6 issues. Outside it: one at the reception in 2026,
    one at the visit in 2025 (which then joins k1 with its visit)."""
    await issues_world.build(db)
    ids = {
        "solved": await issue(db, "甲", industry_code="C1391"),
        "explained": await issue(db, "乙", industry_code="C17"),
        "answered": await issue(db, "丙", promised_by=dt.date(2026, 3, 1)),
        "assigned": await issue(db, "丁", promised_by=dt.date(2026, 3, 1)),
        "raised": await issue(db, "戊", promised_by=dt.date(2026, 5, 1)),
        "plain": await issue(db, "己", promised_by=dt.date(2026, 12, 31)),
        "reception": await issue(db, "庚", origin="RECEPTION", campaign_id=None, reception_id="r1"),
        "visit": await issue(
            db,
            "辛",
            origin="VISIT",
            campaign_id=None,
            activity_id="t1",
            raised_at=dt.date(2025, 11, 2),
            promised_by=dt.date(2025, 12, 1),
        ),
    }
    await to_closed(db, ids["solved"], "SOLVED")
    await to_closed(db, ids["explained"], "EXPLAINED")
    await steps.list_issue(db, ids["answered"], "c")
    await steps.assign_issue(db, ids["answered"], "c", unit_id="u2", due=TODAY)
    await steps.answer_issue(db, ids["answered"], "c", "答复", TODAY)
    await steps.list_issue(db, ids["assigned"], "c")
    await steps.assign_issue(db, ids["assigned"], "c", unit_id="u2", due=TODAY)
    return ids


async def test_campaign_figures_by_hand(db: Database) -> None:
    await small_graph(db)
    [k1] = await campaigns.campaign_stats(db, ["k1"], today=AS_OF)
    # collected 6; assigned: solved, explained, answered, assigned = 4; solved 1;
    # answered: solved, explained, answered = 3; overdue: assigned (3-01), raised (5-01) = 2.
    assert (k1["collected"], k1["assigned"], k1["solved"], k1["answered"], k1["overdue"]) == (
        6,
        4,
        1,
        3,
        2,
    )
    # The visit joins the campaign, and its issue (overdue since 2025-12-01) with it.
    await campaigns.add_campaign_visit(db, "k1", "t1", "c")
    [k1] = await campaigns.campaign_stats(db, ["k1"], today=AS_OF)
    assert (k1["collected"], k1["overdue"]) == (7, 3)
    visits = await campaigns.visits_by_campaign(db, ["k1"])
    assert [v["id"] for v in visits[0]] == ["t1"]


async def test_issue_stats_by_campaign_and_year_by_hand(db: Database) -> None:
    await small_graph(db)
    stats = await issue_stats(db, ["CAMPAIGN", "YEAR"], IssueFilter(), today=AS_OF)
    got = {
        (r.keys[0].label, r.keys[1].label): (
            r.collected,
            r.assigned,
            r.solved,
            r.answered,
            r.overdue,
        )
        for r in stats.rows
    }
    assert got == {
        ("新春访代表·助企解难题", "2026年"): (6, 4, 1, 3, 2),
        ("（无）", "2026年"): (1, 0, 0, 0, 0),
        ("（无）", "2025年"): (1, 0, 0, 0, 1),
    }
    assert stats.rows[-1].keys[0].value is None  # no campaign sorts last
    assert (stats.totals.collected, stats.totals.overdue) == (8, 3)
    by_year = await issue_stats(db, ["YEAR"], IssueFilter(), today=AS_OF)
    assert [(r.keys[0].value, r.collected) for r in by_year.rows] == [(2025, 1), (2026, 7)]


async def test_industry_rolls_up_and_totals_count_each_issue_once(db: Database) -> None:
    await small_graph(db)
    stats = await issue_stats(db, ["INDUSTRY"], IssueFilter(campaign_id="k1"), today=AS_OF)
    got = {r.keys[0].value: (r.keys[0].label, r.collected, r.solved) for r in stats.rows}
    assert got["C"] == ("制造业", 2, 1)
    assert got["C13"] == ("农副食品加工业", 1, 1)
    assert got["C17"] == ("纺织业", 1, 0)
    assert got[None] == ("（无）", 4, 0)
    assert stats.totals.collected == 6
    header, rows = table(stats)
    assert header[0].startswith("行业") and rows[-1][0] == "合计 Total"


async def test_one_campaign_per_congress_name_and_year(db: Database) -> None:
    await issues_world.build(db)
    data = campaigns.CampaignInput(
        "yz", "新春访代表·助企解难题", 2026, dt.date(2026, 1, 1), dt.date(2026, 2, 1)
    )
    with pytest.raises(DomainError) as caught:
        await campaigns.create_campaign(db, data, "c")
    assert caught.value.code is ErrorCode.DUPLICATE and caught.value.ids == ["k1"]
    other_year = await campaigns.create_campaign(
        db, campaigns.CampaignInput("yz", data.name, 2027, data.start, data.end), "c"
    )
    with pytest.raises(DomainError) as caught:
        await campaigns.update_campaign(
            db,
            other_year["id"],
            campaigns.CampaignUpdate(year=2026, given=frozenset({"year"})),
            "c",
        )
    assert caught.value.code is ErrorCode.DUPLICATE
    bad = campaigns.CampaignInput("yz", "春风行动", 2026, dt.date(2026, 3, 1), dt.date(2026, 2, 1))
    with pytest.raises(DomainError) as caught:
        await campaigns.create_campaign(db, bad, "c")
    assert caught.value.field == "input.end"


async def test_a_visit_joins_one_campaign_and_a_reception_none(db: Database) -> None:
    await issues_world.build(db)
    await campaigns.add_campaign_visit(db, "k1", "t1", "c")
    with pytest.raises(DomainError) as caught:
        await campaigns.add_campaign_visit(db, "k1", "t1", "c")
    assert caught.value.code is ErrorCode.DUPLICATE
    with pytest.raises(DomainError) as caught:
        await campaigns.add_campaign_visit(db, "k1", "r1", "c")
    assert caught.value.code is ErrorCode.INVALID
    rows = await db.read("MATCH (:Activity)-[r:IN_CAMPAIGN]->() RETURN count(r) AS n")
    assert rows[0]["n"] == 1
