"""The keys the demo's issues store (datasets/demo/issue_keys.py) are the ones the product
would store: recomputing them from the graph's relationships (graph/receptions/issues.py
`refresh_keys`) changes nothing, and the lists and statistics see every demo issue."""

from __future__ import annotations

import datetime as dt

from datasets.demo import compose as demo
from graph.kernel.db import Database
from graph.kernel.loading import load_dataset
from graph.receptions.issue_reads import IssueFilter
from graph.receptions.issue_stats import issue_stats
from graph.receptions.issues import LINK_KEYS, refresh_keys
from graph.receptions.vocab import IssueDimension

KEYS = (*LINK_KEYS, "industryPath", "year", "month", "statsFacts")
STORED = "MATCH (i:Issue) RETURN i.id AS id, [k IN $keys | i[k]] AS keys ORDER BY id"


async def test_demo_issues_store_the_keys_the_product_computes(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    loaded = await db.read(STORED, keys=list(KEYS))
    assert len(loaded) > 100
    # Every issue has its statistics facts and, when raised at a reception, its venue.
    assert all(row["keys"][KEYS.index("statsFacts")] is not None for row in loaded)
    await refresh_keys(db)
    assert await db.read(STORED, keys=list(KEYS)) == loaded


async def test_statistics_count_every_demo_issue(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    total = (await db.read("MATCH (i:Issue) RETURN count(i) AS n"))[0]["n"]
    solved = await db.read(
        "MATCH (i:Issue)-[:IN_CAMPAIGN]->(:Campaign) "
        "WHERE i.status = 'CLOSED' AND i.outcome = 'SOLVED' RETURN count(i) AS n"
    )
    stats = await issue_stats(
        db, [IssueDimension.YEAR.value], IssueFilter(), today=dt.date(2026, 12, 3)
    )
    assert sum(row.collected for row in stats.rows) == total
    by_campaign = await issue_stats(
        db, [IssueDimension.CAMPAIGN.value], IssueFilter(), today=dt.date(2026, 12, 3)
    )
    assert sum(row.solved for row in by_campaign.rows if row.keys[0].value) == solved[0]["n"] == 93
