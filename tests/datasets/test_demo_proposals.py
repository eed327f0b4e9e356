"""The demo's 2024 suggestions: the seed's figures, legal histories, consistent links and stored
statistics keys, dashboards with something to show, idempotent loading."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from datasets.demo import compose as demo
from datasets.demo.proposals import AUTO_COUNT, TOTAL, proposals_part
from datasets.demo.trips import AUTO_INSPECTION
from graph.kernel.db import Database
from graph.kernel.loading import load_dataset
from graph.proposals.facts import derived
from graph.proposals.lifecycle import next_status
from graph.proposals.reads import ProposalFilter
from graph.proposals.stats import proposal_stats
from graph.proposals.vocab import Satisfaction
from tests.graph.test_loading import snapshot

YEAR_2024 = ProposalFilter(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31))

FROM_INSPECTION = """
MATCH (p:Proposal)-[:ARISES_FROM]->(:Activity {id: $activity})
MATCH (r)-[:RAISED]->(p)
RETURN p.source AS source, p.groupId AS groupId,
       CASE WHEN r:DeputyGroup THEN r.id
            ELSE head([(r)-[:MEMBER_OF]->(g:DeputyGroup {id: p.groupId}) | g.id]) END AS via
"""

HISTORIES = """
MATCH (p:Proposal)
OPTIONAL MATCH (p)-[:HAS_EVENT]->(e:ProposalEvent)
WITH p, e ORDER BY e.seq
RETURN p {.*} AS p, collect(e {.*}) AS events
"""

LINKS = """
MATCH (p:Proposal)
RETURN p.id AS id, p.groupId AS groupId,
  [(p)-[:IN_INDUSTRY]->(i:Industry) | i.code] AS codes,
  [(g:DeputyGroup {id: p.groupId})-[:IN_INDUSTRY]->(i:Industry) | i.code] AS groupCodes,
  [(c:Committee)-[:SUPERVISES]->(p) | c.id] AS supervisors,
  [(c:Committee)-[:LIAISES_WITH]->(:DeputyGroup {id: p.groupId}) | c.id] AS liaising,
  [(r)-[:RAISED]->(p) WHERE r:DeputyGroup | r.id] AS groupRaisers,
  [(d:Deputy)-[r:RAISED]->(p) WHERE coalesce(r.role, 'LEAD') = 'LEAD'
    | [d.id, exists { (d)-[:MEMBER_OF]->(:DeputyGroup {id: p.groupId}) }]] AS deputyRaisers,
  [(d:Deputy)-[:RAISED {role: 'CO_SIGNER'}]->(p)
    | exists { (d)-[:MEMBER_OF]->(:DeputyGroup {id: p.groupId}) }] AS coSigners,
  [(p)-[a:ASSIGNED_TO]->(:Unit) | a.role] AS roles
"""


async def test_demo_has_the_seeds_2024_figures(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    rows = await db.read("MATCH (p:Proposal {year: 2024}) RETURN p.source AS source, count(*) AS n")
    by_source = {r["source"]: r["n"] for r in rows}
    assert sum(by_source.values()) == TOTAL >= 650
    assert by_source["seed"] == AUTO_COUNT == 11
    groups = await db.read("MATCH (p:Proposal) RETURN count(DISTINCT p.groupId) AS n")
    assert groups[0]["n"] == 18

    from_inspection = await db.read(FROM_INSPECTION, activity=AUTO_INSPECTION)
    assert len(from_inspection) == 11
    assert {r["source"] for r in from_inspection} == {"seed"}
    assert {r["groupId"] for r in from_inspection} == {"zc-group-auto"}
    assert {r["via"] for r in from_inspection} == {"zc-group-auto"}  # the group or a member


async def test_every_history_is_a_legal_path_and_keys_are_derived(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    statuses: Counter[str] = Counter()
    for row in await db.read(HISTORIES):
        p, events = row["p"], row["events"]
        assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
        current: dict[str, object] = {"id": p["id"], "status": None, "reviewRound": 0}
        for e in events:
            assert e.get("from") == current["status"]
            to, review_round = next_status(current, e["action"], e.get("satisfaction"))
            assert e["to"] == to
            current |= {"status": to, "reviewRound": review_round}
        assert (p["status"], p["reviewRound"]) == (current["status"], current["reviewRound"])
        statuses[p["status"]] += 1
        expected = derived(p["raisedAt"], [p["industryCode"]])
        assert {k: p.get(k) for k in expected} == expected
        if "repliedAt" in p:
            assert p["repliedAt"] >= p["assignedAt"] >= p["raisedAt"]
    # A realistic spread: most closed, some at every stage of handling, some merged away.
    assert statuses["CLOSED"] > TOTAL / 2
    for status in ("EVALUATED", "REPLIED", "HANDLING", "MERGED", "TRANSFERRED", "WITHDRAWN"):
        assert statuses[status] > 0, status
    ratings = await db.read(
        "MATCH (e:ProposalEvent {action: 'EVALUATE'}) RETURN DISTINCT e.satisfaction AS s"
    )
    assert {r["s"] for r in ratings} == set(Satisfaction.values())


async def test_links_follow_the_raising_group(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    for row in await db.read(LINKS):
        assert row["codes"] and set(row["codes"]) <= set(row["groupCodes"]), row
        assert sorted(row["supervisors"]) == sorted(row["liaising"]), row
        raisers = row["groupRaisers"] + [d for d, _ in row["deputyRaisers"]]
        assert len(raisers) == 1, row
        assert row["groupRaisers"] in ([], [row["groupId"]])
        assert all(member for _, member in row["deputyRaisers"]), row
        assert all(row["coSigners"]), row  # co-signers (handling.py) are of the group too
        assert row["roles"].count("LEAD") <= 1


async def test_dashboards_count_per_industry(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    stats = await proposal_stats(db, ["INDUSTRY"], YEAR_2024, today=dt.date(2025, 3, 31))
    assert stats.totals.total == TOTAL
    counts = {row.keys[0].value: row.total for row in stats.rows}
    # Every suggestion is in one industry, so the sections add up to the total.
    assert sum(n for code, n in counts.items() if code and len(code) == 1) == TOTAL
    assert counts["C"] > counts["C36"] >= 11 and counts["A"] > 0
    assert len([n for n in counts.values() if n > 0]) >= 20
    assert 0.8 < (stats.totals.satisfaction_rate or 0) < 1
    assert 0 < (stats.totals.replied_on_time_rate or 0) < 1
    sections = await proposal_stats(db, ["INDUSTRY_SECTION"], YEAR_2024)
    assert {row.keys[0].value: row.total for row in sections.rows} == {
        code: n for code, n in counts.items() if code and len(code) == 1
    }


async def test_loading_the_demo_twice_changes_nothing(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    first = await snapshot(db)
    await load_dataset(db, demo.demo_dataset())
    assert await snapshot(db) == first


def test_the_part_is_deterministic_and_reads_its_base() -> None:
    base = demo.build(demo.PARTS[: demo.PARTS.index(proposals_part)])
    assert proposals_part(base) == proposals_part(base)
    units = {u["name"] for u in proposals_part(base)["nodes"]["Unit"]}
    assert {"诸城市发展和改革局", "诸城市人民检察院", "诸城市应急管理局"} <= units
