"""Synthetic receptions and issues (the benchmark's data): deterministic, well-formed at a tiny
scale, and loadable into the real Neo4j in the stored formats the product reads."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from datasets.synthetic.receptions import synthetic_receptions
from graph.kernel.dataset import Dataset, validate
from graph.kernel.db import Database
from graph.kernel.loading import load_dataset
from graph.receptions.issue_reads import IssueFilter, list_issues
from graph.receptions.vocab import IssueStatus

TODAY = dt.date(2026, 12, 3)  # a Thursday
TINY = {"venues": 10, "receptions": 50, "issues": 500, "seed": 5}


def generate(**kwargs: int) -> list[Dataset]:
    return list(synthetic_receptions(**(TINY | kwargs), today=TODAY))


def issues_of(chunks: list[Dataset]) -> list[dict[str, object]]:
    return [row for chunk in chunks for row in chunk.get("nodes", {}).get("Issue", [])]


def test_same_seed_same_rows_and_another_seed_differs() -> None:
    assert generate() == generate()
    assert issues_of(generate()) != issues_of(generate(seed=6))


def test_rows_are_valid_and_in_the_stored_format() -> None:
    chunks = generate()
    for chunk in chunks:
        validate(chunk)
    nodes: Counter[str] = Counter()
    for chunk in chunks:
        for label, rows in chunk.get("nodes", {}).items():
            nodes[label] += len(rows)
    assert nodes["Venue"] == 10
    assert nodes["Activity"] == 50
    assert nodes["Issue"] == 500
    assert nodes["Campaign"] == 40
    issues = issues_of(chunks)
    assert {i["source"] for i in issues} == {"synthetic"}
    for issue in issues:
        assert issue["name"] == issue["title"]
        assert issue["status"] in IssueStatus.values()
        raised = issue["raisedAt"]
        assert isinstance(raised, dt.date) and dt.date(2022, 1, 1) <= raised < TODAY
        assert issue["year"] == raised.year and issue["month"] == raised.strftime("%Y-%m")
        promised = issue["promisedBy"]
        assert isinstance(promised, dt.date) and promised > raised
        assert ("assignedAt" in issue) == ("unitId" in issue)
        if issue["status"] == "CLOSED":
            assert issue["outcome"] in ("SOLVED", "EXPLAINED", "UNSOLVED")
        else:
            assert "outcome" not in issue


async def test_loads_and_the_product_reads_it(db: Database) -> None:
    chunks = generate()
    stats = await load_dataset(db, chunks)
    assert stats.nodes == sum(len(r) for c in chunks for r in c.get("nodes", {}).values())
    rows = await db.read(
        "MATCH (i:Issue)-[:RAISED_AT]->(a:Activity {kind: 'RECEPTION'})-[:HELD_AT]->(v:Venue) "
        "WHERE i.activityId = a.id AND i.venueId = v.id RETURN count(i) AS n"
    )
    assert rows[0]["n"] == 500
    rows = await db.read(
        "MATCH (a:Activity {kind: 'RECEPTION'}) "
        "RETURN min(COUNT { (a)<-[:TAKES_PART]-(:Deputy) }) AS fewest"
    )
    assert rows[0]["fewest"] >= 2  # the 321 rule: at least two deputies present
    rows = await db.read(
        "MATCH (i:Issue)-[:IN_CAMPAIGN]->(c:Campaign) WHERE i.campaignId <> c.id "
        "RETURN count(i) AS n"
    )
    assert rows[0]["n"] == 0
    overdue = [
        i
        for i in issues_of(chunks)
        if i["status"] in ("RAISED", "LISTED", "ASSIGNED", "HANDLING")
        and isinstance(i["promisedBy"], dt.date)
        and i["promisedBy"] < TODAY
    ]
    page = await list_issues(db, IssueFilter(overdue=True), today=TODAY, first=20)
    assert page.total == len(overdue) > 0
