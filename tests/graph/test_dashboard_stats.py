"""Dashboard statistics on the demo dataset, each compared with an independent count: Cypher
over the relationships (the PART_OF tree, RAISED, ASSIGNED_TO …) rather than the derived keys
the statistics read, so a mistake in either shows. No figure is hard-coded: the demo changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from typing import Any

import pytest

from datasets.demo import compose
from graph import migrations
from graph.kernel.db import Database
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.loading import load_dataset
from graph.proposals import stats as ps
from graph.proposals.reads import ProposalFilter, list_proposals
from graph.trips import stats as ts
from tests.graph import test_proposal_stats as small

D = dt.date
YEAR = ProposalFilter(date_from=D(2024, 1, 1), date_to=D(2024, 12, 31))
TRIPS_2024 = ts.ActivityStatsFilter(date_from=D(2024, 1, 1), date_to=D(2024, 12, 31))


@pytest.fixture
async def demo(db: Database) -> Database:
    await load_dataset(db, compose.demo_dataset())
    return db


async def _pairs(db: Database, query: str, **params: Any) -> dict[Any, int]:
    rows = await db.read(query, **params)
    return {tuple(r["k"]) if isinstance(r["k"], list) else r["k"]: r["n"] for r in rows}


# Each 2024 suggestion under the divisions (大类) its industries reach up the PART_OF tree, or
# under its own industry where that is coarser (a section): independent of the derived keys.
BY_DIVISION = """
MATCH (p:Proposal)-[:IN_INDUSTRY]->(i:Industry)
WHERE p.raisedAt >= date('2024-01-01') AND p.raisedAt <= date('2024-12-31')
OPTIONAL MATCH (i)-[:PART_OF*0..]->(d:Industry) WHERE size(d.code) = 3
WITH p, coalesce(d.code, i.code) AS k
RETURN k, count(DISTINCT p) AS n
"""


async def test_industry_rows_at_a_level_count_each_suggestion_once(demo: Database) -> None:
    stats = await ps.proposal_stats(demo, ["INDUSTRY"], YEAR, industry_level="DIVISION")
    got = {r.keys[0].value: r.total for r in stats.rows}
    without = await _pairs(
        demo,
        "MATCH (p:Proposal) WHERE p.year = 2024 AND NOT (p)-[:IN_INDUSTRY]->() "
        "RETURN null AS k, count(p) AS n",
    )
    assert got.pop(None, 0) == without.get(None, 0)
    assert got == await _pairs(demo, BY_DIVISION)
    assert all(code and len(code) <= 3 for code in got)
    # Each suggestion in one industry: the rows add up to the total; each one in several adds
    # one for every further division it reaches.
    reach = await demo.read(
        """
        MATCH (p:Proposal) WHERE p.year = 2024
        OPTIONAL MATCH (p)-[:IN_INDUSTRY]->(i:Industry)
        OPTIONAL MATCH (i)-[:PART_OF*0..]->(d:Industry) WHERE size(d.code) = 3
        WITH p, count(DISTINCT coalesce(d.code, i.code)) AS reached
        RETURN sum(CASE WHEN reached = 0 THEN 1 ELSE reached END) AS rows, count(p) AS total
        """
    )
    assert stats.totals.total == reach[0]["total"]
    assert sum(r.total for r in stats.rows) == reach[0]["rows"]
    # The index-backed plan (a whole year, nothing else) and the general one agree.
    slow = await ps.proposal_stats(
        demo, ["INDUSTRY"], YEAR, industry_level="DIVISION", indexed=False
    )
    assert [(r.keys, r.total, r.closed) for r in slow.rows] == [
        (r.keys, r.total, r.closed) for r in stats.rows
    ]


async def test_closed_and_satisfaction_split(demo: Database) -> None:
    stats = await ps.proposal_stats(demo, ["GROUP"], YEAR)
    rows = await demo.read(
        """
        MATCH (p:Proposal) WHERE p.raisedAt >= date('2024-01-01')
          AND p.raisedAt <= date('2024-12-31')
        RETURN count(p) AS total,
          count(CASE WHEN p.status = 'CLOSED' THEN 1 END) AS closed,
          count(CASE WHEN (p)-[:ASSIGNED_TO]->() THEN 1 END) AS assigned,
          count(CASE WHEN p.satisfaction = 'SATISFIED' THEN 1 END) AS s,
          count(CASE WHEN p.satisfaction = 'BASICALLY_SATISFIED' THEN 1 END) AS b,
          count(CASE WHEN p.satisfaction = 'UNSATISFIED' THEN 1 END) AS u
        """
    )
    want = rows[0]
    t = stats.totals
    assert (t.total, t.closed, t.assigned) == (want["total"], want["closed"], want["assigned"])
    assert (t.fully_satisfied, t.basically_satisfied, t.unsatisfied) == (
        want["s"],
        want["b"],
        want["u"],
    )
    assert t.satisfied == want["s"] + want["b"]
    assert t.closed_rate == round(want["closed"] / want["assigned"], 4)
    # Per group: the group that raised it, or its raiser's group (independent of `groupId`).
    per_group = await _pairs(
        demo,
        """
        MATCH (r)-[raised:RAISED]->(p:Proposal) WHERE p.year = 2024 AND p.status = 'CLOSED'
          AND coalesce(raised.role, 'LEAD') = 'LEAD'
        OPTIONAL MATCH (r)-[:MEMBER_OF]->(g:DeputyGroup)
        WITH p, r, min(g.id) AS first
        WITH p, CASE WHEN r:DeputyGroup THEN r.id ELSE first END AS k
        RETURN k, count(DISTINCT p) AS n
        """,
    )
    assert {r.keys[0].value: r.closed for r in stats.rows if r.closed} == per_group


async def test_unit_rows_tell_lead_from_co_units(demo: Database) -> None:
    stats = await ps.proposal_stats(demo, ["UNIT"], YEAR)
    got = Counter({(r.keys[0].value, r.keys[0].role): r.total for r in stats.rows})
    want = await _pairs(
        demo,
        """
        MATCH (p:Proposal)-[a:ASSIGNED_TO]->(u:Unit) WHERE p.year = 2024
        RETURN [u.id, a.role] AS k, count(DISTINCT p) AS n
        """,
    )
    assert {k: n for k, n in got.items() if k[0] is not None} == want
    roles = {r.keys[0].role for r in stats.rows if r.keys[0].value}
    assert roles == {"LEAD", "CO"}
    lead = next(r for r in stats.rows if r.keys[0].role == "LEAD")
    assert lead.keys[0].label.endswith("（主办）")


FILTERED = """
MATCH (p:Proposal) WHERE p.year = 2024 AND {where}
RETURN count(DISTINCT p) AS n
"""


async def test_filters_by_group_committee_unit_deputy_trip_and_text(demo: Database) -> None:
    pick = (
        await demo.read(
            """
            MATCH (d:Deputy)-[:RAISED]->(p:Proposal)-[:ARISES_FROM]->(a:Activity)
            MATCH (p)-[l:ASSIGNED_TO]->(u:Unit) WHERE l.role = 'CO'
            OPTIONAL MATCH (c:Committee)-[:SUPERVISES]->(:Proposal)
            RETURN d.id AS deputy, a.id AS activity, u.id AS unit, p.groupId AS group,
                   c.id AS committee, substring(p.title, 2, 2) AS text
            LIMIT 1
            """
        )
    )[0]
    cases: list[tuple[ProposalFilter, str, dict[str, Any]]] = [
        (ProposalFilter(group_id=pick["group"]), "p.groupId = $v", {"v": pick["group"]}),
        (
            ProposalFilter(committee_id=pick["committee"]),
            "(:Committee {id: $v})-[:SUPERVISES]->(p)",
            {"v": pick["committee"]},
        ),
        (
            ProposalFilter(unit_id=pick["unit"], unit_role="CO"),
            "EXISTS { MATCH (p)-[a:ASSIGNED_TO]->(:Unit {id: $v}) WHERE a.role = 'CO' }",
            {"v": pick["unit"]},
        ),
        (
            ProposalFilter(unit_id=pick["unit"]),
            "(p)-[:ASSIGNED_TO]->(:Unit {id: $v})",
            {"v": pick["unit"]},
        ),
        (
            ProposalFilter(deputy_id=pick["deputy"]),
            "(:Deputy {id: $v})-[:RAISED]->(p)",
            {"v": pick["deputy"]},
        ),
        (
            ProposalFilter(activity_id=pick["activity"]),
            "(p)-[:ARISES_FROM]->(:Activity {id: $v})",
            {"v": pick["activity"]},
        ),
        (ProposalFilter(text=pick["text"]), "p.title CONTAINS $v", {"v": pick["text"]}),
    ]
    for f, where, params in cases:
        with_year = ProposalFilter(
            **{**f.__dict__, "date_from": YEAR.date_from, "date_to": YEAR.date_to}
        )
        want = (await demo.read(FILTERED.format(where=where), **params))[0]["n"]
        stats = await ps.proposal_stats(demo, [], with_year)
        page = await list_proposals(demo, with_year, first=100, offset=0)
        assert stats.totals.total == page.total == want, f
        assert want > 0, f  # the pick makes every filter match something


async def test_filters_name_the_missing_node(demo: Database) -> None:
    for f, field in [
        (ProposalFilter(group_id="no-such-group"), "filter.group"),
        (ProposalFilter(unit_id="no-such-unit"), "filter.unit"),
        (ProposalFilter(activity_id="no-such-trip"), "filter.activity"),
        (ProposalFilter(deputy_id="no-such-deputy"), "filter.deputy"),
        (ProposalFilter(committee_id="no-such-committee"), "filter.committee"),
    ]:
        for call in (
            ps.proposal_stats(demo, [], f),
            list_proposals(demo, f, first=10, offset=0),
        ):
            with pytest.raises(DomainError) as err:
                await call
            assert (err.value.code, err.value.field) == (ErrorCode.NOT_FOUND, field)
    with pytest.raises(DomainError) as err:
        await ps.proposal_stats(demo, [], ProposalFilter(unit_role="LEAD"))
    assert err.value.field == "filter.unitRole"


async def test_level_rows_add_up_to_the_total_with_one_industry_each(db: Database) -> None:
    """On the small graph of test_proposal_stats: p1 (C1391) and p2 (C36) are in one industry
    each, p3 in two (A0113 and C1391, two divisions)."""
    await load_dataset(db, small.GRAPH)
    closed = dataclasses.replace(small.YEAR_2024, status="CLOSED")  # p1, p2
    one_each = await ps.proposal_stats(db, ["INDUSTRY"], closed, industry_level="DIVISION")
    assert {r.keys[0].value: r.total for r in one_each.rows} == {"C13": 1, "C36": 1}
    assert sum(r.total for r in one_each.rows) == one_each.totals.total == 2
    # p3 counts once under A01 and once under C13: the rows add up to one more than the total.
    year = await ps.proposal_stats(db, ["INDUSTRY"], small.YEAR_2024, industry_level="DIVISION")
    assert {r.keys[0].value: r.total for r in year.rows} == {"A01": 1, "C13": 2, "C36": 1}
    assert sum(r.total for r in year.rows) == year.totals.total + 1 == 4
    sections = await ps.proposal_stats(db, ["INDUSTRY"], small.YEAR_2024, industry_level="SECTION")
    assert {r.keys[0].value: r.total for r in sections.rows} == {"A": 1, "C": 3}
    classes = await ps.proposal_stats(db, ["INDUSTRY"], small.YEAR_2024, industry_level="CLASS")
    assert {r.keys[0].value: r.total for r in classes.rows} == {"A0113": 1, "C1391": 2, "C36": 1}
    assert classes.rows[0].keys[0].label  # the industry's name
    with pytest.raises(DomainError) as err:
        await ps.proposal_stats(db, ["INDUSTRY"], small.YEAR_2024, industry_level="SUBCLASS")
    assert err.value.field == "industryLevel"


async def test_assignments_stored_without_a_role_get_one_where_it_is_clear(db: Database) -> None:
    """Migration 10's back-fill: a suggestion's only unit leads; beside a lead the others are
    co-units; two units and no lead stay unknown (not guessed)."""
    units = [{"id": u, "name": f"单位{u}", "source": "user"} for u in ("u1", "u2")]
    plain = [
        {"start": "p1", "end": "u1"},
        {"start": "p2", "end": "u1", "role": "LEAD"},
        {"start": "p2", "end": "u2"},
        {"start": "p3", "end": "u1"},
        {"start": "p3", "end": "u2"},
    ]
    dataset = {
        "nodes": {"Unit": units, "Proposal": small.PROPOSALS[:3]},
        "rels": [("ASSIGNED_TO", "Proposal", "Unit", plain)],
    }
    await load_dataset(db, dataset)
    await migrations.run_data_step(db, migrations.ROLE_BACKFILL)
    await migrations.run_data_step(db, migrations.ROLE_BACKFILL)  # again: nothing changes
    rows = await db.read(
        "MATCH (p:Proposal)-[a:ASSIGNED_TO]->(u:Unit) RETURN p.id + u.id AS k, a.role AS role"
    )
    assert {r["k"]: r["role"] for r in rows} == {
        "p1u1": "LEAD",
        "p2u1": "LEAD",
        "p2u2": "CO",
        "p3u1": None,
        "p3u2": None,
    }
    stats = await ps.proposal_stats(db, ["UNIT"], ProposalFilter())
    labels = {(r.keys[0].value, r.keys[0].role): r.keys[0].label for r in stats.rows}
    assert labels[("u2", "CO")] == "单位u2（协办）"
    assert labels[("u2", None)] == "单位u2（角色未注明）"


TRIPS_BY_GROUP = """
MATCH (g:DeputyGroup)-[:HOLDS]->(a:Activity)
WHERE a.status <> 'CANCELLED' AND a.start >= date('2024-01-01') AND a.start <= date('2024-12-31')
  AND a.kind IN ['INSPECTION', 'RESEARCH']
RETURN g.id AS k, count(a) AS n
"""


# Trips no group holds (the demo's 安庆 campaign visits) count under no group.
TRIPS_OF_NO_GROUP = """
MATCH (a:Activity)
WHERE a.status <> 'CANCELLED' AND a.start >= date('2024-01-01') AND a.start <= date('2024-12-31')
  AND a.kind IN ['INSPECTION', 'RESEARCH'] AND NOT (:DeputyGroup)-[:HOLDS]->(a)
RETURN count(a) AS n
"""


async def test_activity_stats_count_as_the_seed_does(demo: Database) -> None:
    stats = await ts.activity_stats(demo, ["GROUP"], TRIPS_2024)
    expected: dict[str | None, int] = dict(await _pairs(demo, TRIPS_BY_GROUP))
    no_group = (await demo.read(TRIPS_OF_NO_GROUP))[0]["n"]
    if no_group:
        expected[None] = no_group
    assert {r.keys[0].value: r.trips for r in stats.rows if r.trips} == expected
    kinds = await _pairs(
        demo,
        """
        MATCH (a:Activity) WHERE a.status <> 'CANCELLED'
          AND a.start >= date('2024-01-01') AND a.start <= date('2024-12-31')
        RETURN a.kind AS k, count(a) AS n
        """,
    )
    t = stats.totals
    assert t.trips == kinds.get("INSPECTION", 0) + kinds.get("RESEARCH", 0)
    assert t.law_checks == kinds.get("LAW_CHECK", 0)
    assert t.activities == sum(kinds.values())
    by_kind = await ts.activity_stats(demo, ["KIND"], TRIPS_2024)
    assert {r.keys[0].value: r.activities for r in by_kind.rows} == kinds
    assert by_kind.rows[0].keys[0].label == "视察"
    visits = await demo.read(
        """
        MATCH (a:Activity)-[v:VISITS]->(e:Enterprise) WHERE a.status <> 'CANCELLED'
          AND a.start >= date('2024-01-01') AND a.start <= date('2024-12-31')
        RETURN count(v) AS visits, count(DISTINCT e) AS enterprises
        """
    )
    assert (t.visits, t.enterprises) == (visits[0]["visits"], visits[0]["enterprises"])
    per_enterprise = await ts.activity_stats(demo, ["ENTERPRISE"], TRIPS_2024)
    assert sum(r.visits for r in per_enterprise.rows) == t.visits
    months = await ts.activity_stats(demo, ["MONTH", "KIND"], TRIPS_2024)
    assert sum(r.activities for r in months.rows) == t.activities
    assert months.rows[0].keys[0].label.startswith("2024年")


async def test_activity_stats_filters(demo: Database) -> None:
    group = (await demo.read(TRIPS_BY_GROUP))[0]
    stats = await ts.activity_stats(
        demo, ["KIND"], ts.ActivityStatsFilter(**{**TRIPS_2024.__dict__, "group_id": group["k"]})
    )
    assert stats.totals.trips == group["n"]
    only_checks = await ts.activity_stats(
        demo, [], ts.ActivityStatsFilter(**{**TRIPS_2024.__dict__, "kinds": ["LAW_CHECK"]})
    )
    assert only_checks.totals.trips == 0
    with pytest.raises(DomainError) as err:
        await ts.activity_stats(demo, [], ts.ActivityStatsFilter(committee_id="nope"))
    assert (err.value.code, err.value.field) == (ErrorCode.NOT_FOUND, "filter.committee")
