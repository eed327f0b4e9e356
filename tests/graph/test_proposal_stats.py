"""Suggestion statistics against hand-computed expectations on a small fixed graph."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from graph import migrations
from graph.kernel.db import Database, count_round_trips
from graph.kernel.errors import DomainError
from graph.kernel.loading import load_dataset
from graph.proposals import stats as ps
from graph.proposals import stats_table
from graph.proposals import steps as pr
from graph.proposals.facts import derived, stats_facts, stats_industry
from graph.proposals.reads import ProposalFilter

D = dt.date
TODAY = D(2024, 12, 31)


def _p(pid: str, raised: dt.date, codes: list[str], status: str, group: str, **extra: object):
    props = {
        "id": pid,
        "name": pid,
        "title": pid,
        "source": "user",
        "raisedAt": raised,
        "status": status,
        "stage": "INTERSESSION",
        "reviewRound": 0,
        "groupId": group,
        "congressId": "c1",
        **derived(raised, codes),
        **extra,
    }
    return {k: v for k, v in props.items() if v is not None}


# p1: C1391, assigned after 3 days, replied on time, SATISFIED
# p2: C36, assigned after 10 days, replied late, UNSATISFIED (closed)
# p3: A0113 + C1391, assigned after 2 days, not replied, due passed (overdue)
# p4: C36 in 2023, submitted only
PROPOSALS = [
    _p(
        "p1",
        D(2024, 2, 1),
        ["C1391"],
        "CLOSED",
        "g1",
        assignedAt=D(2024, 2, 4),
        due=D(2024, 4, 1),
        repliedAt=D(2024, 3, 1),
        satisfaction="SATISFIED",
    ),
    _p(
        "p2",
        D(2024, 5, 1),
        ["C36"],
        "CLOSED",
        "g2",
        assignedAt=D(2024, 5, 11),
        due=D(2024, 6, 1),
        repliedAt=D(2024, 6, 20),
        satisfaction="UNSATISFIED",
    ),
    _p(
        "p3",
        D(2024, 8, 1),
        ["A0113", "C1391"],
        "HANDLING",
        "g1",
        assignedAt=D(2024, 8, 3),
        due=D(2024, 9, 1),
    ),
    _p("p4", D(2023, 11, 1), ["C36"], "SUBMITTED", "g2"),
]
INDUSTRIES = [
    ("A", None),
    ("A01", "A"),
    ("A011", "A01"),
    ("A0113", "A011"),
    ("C", None),
    ("C13", "C"),
    ("C139", "C13"),
    ("C1391", "C139"),
    ("C36", "C"),
]
GRAPH = {
    "nodes": {
        "Industry": [
            {"id": f"ind-{c}", "name": f"行业{c}", "code": c, "source": "user"}
            for c, _ in INDUSTRIES
        ],
        "DeputyGroup": [
            {"id": "g1", "name": "玉米淀粉小组", "source": "user"},
            {"id": "g2", "name": "汽车专业代表小组", "source": "user"},
        ],
        "Unit": [{"id": "u1", "name": "诸城市农业农村局", "source": "user"}],
        "Proposal": PROPOSALS,
    },
    "rels": [
        (
            "PART_OF",
            "Industry",
            "Industry",
            [{"start": f"ind-{c}", "end": f"ind-{p}"} for c, p in INDUSTRIES if p],
        ),
        (
            "ASSIGNED_TO",
            "Proposal",
            "Unit",
            [
                {"start": "p1", "end": "u1", "role": "LEAD"},
                {"start": "p3", "end": "u1", "role": "LEAD"},
            ],
        ),
    ],
}
YEAR_2024 = ProposalFilter(date_from=D(2024, 1, 1), date_to=D(2024, 12, 31))


def _counts(stats: ps.ProposalStats) -> dict[tuple, int]:
    return {tuple(k.value for k in r.keys): r.total for r in stats.rows}


@pytest.fixture
async def graph(db: Database) -> Database:
    await load_dataset(db, GRAPH)
    return db


async def test_industry_rolls_up_the_tree(graph: Database) -> None:
    stats = await ps.proposal_stats(graph, ["INDUSTRY"], YEAR_2024, today=TODAY)
    assert _counts(stats) == {
        ("A",): 1,
        ("A01",): 1,
        ("A011",): 1,
        ("A0113",): 1,
        ("C",): 3,
        ("C13",): 2,
        ("C139",): 2,
        ("C1391",): 2,
        ("C36",): 1,
    }
    assert stats.totals.total == 3  # each suggestion once
    assert stats.rows[0].keys[0].label == "行业A"


async def test_sections_and_years(graph: Database) -> None:
    sections = await ps.proposal_stats(graph, ["INDUSTRY_SECTION"], ProposalFilter(), today=TODAY)
    assert _counts(sections) == {("A",): 1, ("C",): 4}
    by_year = await ps.proposal_stats(graph, ["YEAR", "STATUS"], ProposalFilter(), today=TODAY)
    assert _counts(by_year) == {
        ("2023", "SUBMITTED"): 1,
        ("2024", "HANDLING"): 1,
        ("2024", "CLOSED"): 2,
    }
    assert [r.keys[1].label for r in by_year.rows][:1] == ["已提出"]


async def test_rates(graph: Database) -> None:
    stats = await ps.proposal_stats(graph, [], YEAR_2024, assign_days=7, today=TODAY)
    t = stats.totals
    assert (t.total, t.assigned, t.assigned_in_time) == (3, 3, 2)  # p2 took 10 days
    assert (t.due_count, t.replied_on_time) == (3, 1)  # p3 overdue, p2 late
    assert (t.rated, t.satisfied, t.satisfaction_rate) == (2, 1, 0.5)
    assert t.assigned_in_time_rate == round(2 / 3, 4)
    wider = await ps.proposal_stats(graph, [], YEAR_2024, assign_days=10, today=TODAY)
    assert wider.totals.assigned_in_time == 3


async def test_group_quarter_unit_and_filters(graph: Database) -> None:
    groups = await ps.proposal_stats(graph, ["GROUP"], ProposalFilter(), today=TODAY)
    assert {r.keys[0].label: r.total for r in groups.rows} == {
        "玉米淀粉小组": 2,
        "汽车专业代表小组": 2,
    }
    quarters = await ps.proposal_stats(graph, ["QUARTER"], YEAR_2024, today=TODAY)
    assert _counts(quarters) == {("2024-Q1",): 1, ("2024-Q2",): 1, ("2024-Q3",): 1}
    assert quarters.rows[0].keys[0].label == "2024年第1季度"
    units = await ps.proposal_stats(graph, ["UNIT"], ProposalFilter(), today=TODAY)
    assert _counts(units) == {("u1",): 2, (None,): 2}
    only_a = await ps.proposal_stats(
        graph, ["INDUSTRY_SECTION"], ProposalFilter(industry_code="A01"), today=TODAY
    )
    assert _counts(only_a) == {("A",): 1, ("C",): 1}
    handling = await ps.proposal_stats(graph, [], ProposalFilter(status="HANDLING"), today=TODAY)
    assert handling.totals.total == 1


async def test_bad_group_by(graph: Database) -> None:
    with pytest.raises(DomainError) as err:
        await ps.proposal_stats(graph, ["COLOUR"], ProposalFilter())
    assert err.value.field == "groupBy"


# --- the index-backed plan for whole years (graph/proposals/stats.py, COUNT_YEAR_BY_INDUSTRY) ---

# More cases than above: no industry, two industries on one path, a late assignment, a reply
# exactly on the due date, a BASICALLY_SATISFIED, and a due date after TODAY.
MORE = [
    _p("p5", D(2024, 1, 1), [], "SUBMITTED", "g1"),
    _p("p6", D(2024, 12, 31), ["C1391", "C13"], "REGISTERED", "g2"),
    _p(
        "p7",
        D(2023, 3, 1),
        ["C36", "A0113"],
        "EVALUATED",
        "g2",
        assignedAt=D(2023, 3, 8),
        due=D(2023, 5, 1),
        repliedAt=D(2023, 5, 1),
        satisfaction="BASICALLY_SATISFIED",
    ),
    _p(
        "p8",
        D(2024, 11, 1),
        ["A0113"],
        "ASSIGNED",
        "g1",
        assignedAt=D(2024, 11, 30),
        due=D(2025, 2, 1),
    ),
]
PACKED = {
    **GRAPH,
    "nodes": {
        **GRAPH["nodes"],
        "Proposal": [p | {"statsFacts": stats_facts(p)} for p in [*PROPOSALS, *MORE]],
    },
}
YEARS = [YEAR_2024, ProposalFilter(date_from=D(2023, 1, 1), date_to=D(2024, 12, 31))]
GROUPINGS = [
    [],
    ["INDUSTRY"],
    ["INDUSTRY_SECTION"],
    ["YEAR"],
    ["YEAR", "INDUSTRY"],
    ["INDUSTRY_SECTION", "YEAR"],
]


async def _both(db: Database, dims: list[str], f: ProposalFilter, days: int) -> tuple:
    """(indexed, general) tables, and whether the indexed plan answered."""
    with count_round_trips() as trips:
        fast = await ps.proposal_stats(db, dims, f, assign_days=days, today=TODAY)
    slow = await ps.proposal_stats(db, dims, f, assign_days=days, today=TODAY, indexed=False)
    used = not any("p.raisedAt" in query for query in trips.queries)  # the general plan's WHERE
    return stats_table.table(fast), stats_table.table(slow), used


@pytest.mark.parametrize("dims", GROUPINGS)
async def test_indexed_plan_equals_the_general_one(db: Database, dims: list[str]) -> None:
    await load_dataset(db, PACKED)
    for f in YEARS:
        for days in (0, 7, 10):
            fast, slow, used = await _both(db, dims, f, days)
            assert used
            assert fast == slow


async def test_indexed_plan_only_for_whole_years_and_packed_data(graph: Database) -> None:
    # PROPOSALS were loaded without statsFacts: the general plan answers, same figures.
    fast, slow, used = await _both(graph, ["INDUSTRY"], YEAR_2024, 7)
    assert not used and fast == slow
    part = ProposalFilter(date_from=D(2024, 1, 1), date_to=D(2024, 6, 30))
    assert ps._indexed_plan(["INDUSTRY"], part) is None
    assert ps._indexed_plan(["STATUS"], YEAR_2024) is None
    assert ps._indexed_plan(["INDUSTRY", "INDUSTRY_SECTION"], YEAR_2024) is None
    assert ps._indexed_plan(["YEAR"], dataclasses.replace(YEAR_2024, stage="SESSION")) is None
    assert ps._indexed_plan(["YEAR", "INDUSTRY"], YEARS[1]) == [2023, 2024]


async def test_migration_backfills_what_the_writers_compute(graph: Database) -> None:
    await migrations.run_data_step(graph, migrations.STATS_BACKFILL)
    rows = await graph.read("MATCH (p:Proposal) RETURN p {.*} AS p ORDER BY p.id")
    codes = {"p1": ["C1391"], "p2": ["C36"], "p3": ["A0113", "C1391"], "p4": ["C36"]}
    for row in rows:
        p = row["p"]
        assert p["statsFacts"] == stats_facts(p)
        packed = {k: p.get(k) for k in ("statsIndustry", "statsOthers")}
        assert packed == stats_industry(codes[p["id"]])
    fast, slow, used = await _both(graph, ["INDUSTRY"], YEAR_2024, 7)
    assert used and fast == slow


async def test_every_step_keeps_the_packed_facts(db: Database) -> None:
    await load_dataset(db, PACKED)
    submitted = await pr.submit_proposal(
        db,
        pr.SubmitInput(
            title="玉米深加工",
            raised_by_label="DeputyGroup",
            raised_by_id="g1",
            raised_at=D(2024, 2, 1),
            industry_codes=["A0113", "C1391"],
        ),
        "clerk",
    )
    pid = submitted["id"]
    steps = [
        lambda: pr.register_proposal(db, pid, "clerk", industry_codes=["C36", "A0113"]),
        lambda: pr.assign_proposal(
            db, pid, "clerk", lead_unit_id="u1", due=D(2024, 3, 1), at=D(2024, 2, 5)
        ),
        lambda: pr.start_handling(db, pid, "clerk"),
        lambda: pr.reply_proposal(db, pid, "clerk", "答复", at=D(2024, 2, 20), reply_class="A"),
        lambda: pr.evaluate_proposal(db, pid, "g1", "UNSATISFIED"),
        lambda: pr.reply_proposal(db, pid, "clerk", "再答复", at=D(2024, 4, 1), reply_class="B"),
        lambda: pr.evaluate_proposal(db, pid, "g1", "SATISFIED"),
    ]
    node = submitted
    for step in [None, *steps]:
        if step is not None:
            node = await step()
        assert node["statsFacts"] == stats_facts(node)
        codes = ["A0113", "C1391"] if step is None else ["C36", "A0113"]
        packed = {k: node.get(k) for k in ("statsIndustry", "statsOthers")}
        assert packed == stats_industry(codes)
        for dims in (["INDUSTRY"], ["YEAR", "INDUSTRY_SECTION"]):
            fast, slow, used = await _both(db, dims, YEAR_2024, 7)
            assert used and fast == slow
    assert node["repliedAt"] == D(2024, 2, 20)  # the first reply counts
