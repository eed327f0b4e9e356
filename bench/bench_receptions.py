"""Benchmark (a script, not a test): 1,000 venues, 50,000 receptions and 500,000 issues
(datasets/synthetic/receptions.py) loaded into a fresh instance `bench-receptions`, then
"feedback overdue this week" and the per-campaign statistics timed three ways on the same data:
the hand-written Cypher floor, the product's graph function (issue_reads.list_issues,
issue_stats.issue_stats) and GraphQL over HTTP (the app in-process through httpx's ASGI
transport, an ADMIN token, the production read path). Target: median under 100 ms.

    make bench BENCH=receptions
    .venv/bin/python -m bench.bench_receptions   (options: see --help)

The instance starts from an empty store (its data directory is removed first) with a 2 GB heap
and a 1 GB page cache (THIRDLINK_NEO4J_HEAP / _PAGECACHE override them), so runs are comparable.
The load goes through the kernel loader (graph/kernel/loading.py, batched UNWIND … MERGE): the
reference data first, then the receptions with their issues split over `--writers` concurrent
loaders (each chunk whole to one of them, so a chunk's issues find their reception). "Today" is
the machine's date, as in the API, and the data are generated around it.

Each query: 3 warm-up runs, then `--runs` timed runs (median, p95, min); before timing, the
floor's answer and the product's are compared, and a difference is printed as DIFFERS.
Then the statistics of one congress's campaigns and of one campaign (what `Campaign.stats`
answers: a seek on the (campaignId, status, statsFacts) index per campaign). No comparison
with @neo4j/graphql here (bench/bench_peer.py): these types have no typeDefs on the peer's side.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import datetime as dt
import os
import queue
import shutil
import statistics
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import httpx

from api.limits import Limits
from api.settings import from_env
from datasets.synthetic.receptions import synthetic_receptions
from graph import migrations
from graph.kernel import tokens
from graph.kernel.dataset import Dataset
from graph.kernel.db import Database, open_driver
from graph.kernel.loading import load_dataset
from graph.kernel.settings import Settings
from graph.receptions.campaigns import campaign_stats
from graph.receptions.issue_reads import IssueFilter, list_issues
from graph.receptions.issue_stats import issue_stats
from launcher import server

INSTANCE = "bench-receptions"
TARGET_MS = 100.0
OPEN = ["RAISED", "LISTED", "ASSIGNED", "HANDLING"]

SHAPE = """
MATCH (i:Issue) WITH count(i) AS issues
RETURN issues, COUNT { MATCH (:Venue) } AS venues,
       COUNT { MATCH (a:Activity) WHERE a.kind = 'RECEPTION' } AS receptions,
       COUNT { MATCH (:Campaign) } AS campaigns,
       COUNT { MATCH (i:Issue) WHERE i.campaignId IS NOT NULL } AS inCampaigns,
       COUNT { MATCH (i:Issue) WHERE i.status IN $open AND i.promisedBy < $today } AS overdue,
       COUNT { MATCH (i:Issue) WHERE i.status IN $open
               AND $monday <= i.promisedBy < $today } AS overdueThisWeek
"""

# The floors: the simplest correct Cypher by hand, returning what the product returns.
FLOOR_OVERDUE_WEEK = """
MATCH (i:Issue)
WHERE i.status IN $open AND $monday <= i.promisedBy < $today
WITH i ORDER BY i.promisedBy, i.raisedAt, i.id
WITH collect(i {.*}) AS found
RETURN size(found) AS total, found[0..20] AS rows
"""

# By the key stored on the issue (what issue_stats reads), and through the relationship.
FLOOR_CAMPAIGN_STATS_KEY = """
MATCH (i:Issue) WHERE i.campaignId IS NOT NULL
RETURN i.campaignId AS campaign, count(*) AS collected, count(i.assignedAt) AS assigned,
       count(CASE WHEN i.status = 'CLOSED' AND i.outcome = 'SOLVED' THEN 1 END) AS solved,
       count(CASE WHEN i.status IN $open AND i.promisedBy < $today THEN 1 END) AS overdue
"""

FLOOR_CAMPAIGN_STATS_REL = """
MATCH (c:Campaign)<-[:IN_CAMPAIGN]-(i:Issue)
RETURN c.id AS campaign, count(*) AS collected, count(i.assignedAt) AS assigned,
       count(CASE WHEN i.status = 'CLOSED' AND i.outcome = 'SOLVED' THEN 1 END) AS solved,
       count(CASE WHEN i.status IN $open AND i.promisedBy < $today THEN 1 END) AS overdue
"""

# The campaigns of each congress (what a leader of one congress reads).
CAMPAIGNS_BY_CONGRESS = """
MATCH (c:Campaign) RETURN c.congressId AS congress, collect(c.id) AS ids ORDER BY congress
"""

GQL_OVERDUE_WEEK = """
query OverdueThisWeek($from: Date!) {
  issues(filter: {overdue: true, promisedFrom: $from}, first: 20) {
    totalCount
    nodes { id title status promisedBy raisedAt }
  }
}
"""

GQL_CONGRESS_CAMPAIGNS = """
query CongressCampaigns($congress: ID!) {
  campaigns(filter: {congressId: $congress}) {
    nodes { name year stats { collected assigned solved answered overdue } }
  }
}
"""

GQL_CAMPAIGN_STATS = """
query CampaignStats {
  issueStats(groupBy: [CAMPAIGN]) {
    rows { keys { key label } collected assigned solved overdue }
    totals { collected assigned solved overdue }
  }
}
"""


def _split(stream: Iterator[Dataset], writers: int) -> list[Iterator[Dataset]]:
    """`writers` iterators sharing out the chunks of `stream` (each chunk whole to one), fed by
    one generating thread, so the generator's draws keep their order."""
    queues: list[queue.Queue[Dataset | None]] = [queue.Queue(maxsize=2) for _ in range(writers)]

    def produce() -> None:
        for n, chunk in enumerate(stream):
            queues[n % writers].put(chunk)
        for q in queues:
            q.put(None)

    threading.Thread(target=produce, daemon=True).start()

    def consume(q: queue.Queue[Dataset | None]) -> Iterator[Dataset]:
        while (chunk := q.get()) is not None:
            yield chunk

    return [consume(q) for q in queues]


async def load(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    t0 = time.perf_counter()
    await migrations.migrate(db, log=lambda _: None)  # waits for the indexes to be online
    t1 = time.perf_counter()
    print(f"migrations: {t1 - t0:.1f}s")
    stream = synthetic_receptions(
        venues=args.venues,
        receptions=args.receptions,
        issues=args.issues,
        seed=args.seed,
        today=today,
    )
    reference = await load_dataset(db, next(stream))
    t2 = time.perf_counter()
    print(
        f"reference data: {reference.nodes:,} nodes, {reference.relationships:,} rels "
        f"in {t2 - t1:.1f}s"
    )
    done = [0]
    last = [t2]

    def progress(n: int) -> Callable[[int, int], None]:
        seen = [0]

        def report(d: int, _total: int) -> None:
            done[0] += d - seen[0]
            seen[0] = d
            now = time.perf_counter()
            if now - last[0] > 30:
                last[0] = now
                print(f"  {done[0]:,} rows, {now - t2:.0f}s", flush=True)

        return report

    results = await asyncio.gather(
        *(
            load_dataset(db, part, batch_size=args.batch, progress=progress(n))
            for n, part in enumerate(_split(stream, args.writers))
        )
    )
    seconds = time.perf_counter() - t2
    nodes = sum(r.nodes for r in results)
    rels = sum(r.relationships for r in results)
    print(
        f"receptions and issues: {nodes:,} nodes + {rels:,} relationships in {seconds:.1f}s "
        f"= {(nodes + rels) / seconds:,.0f} rows/s ({args.writers} writers, batches of "
        f"{args.batch:,}); whole load {time.perf_counter() - t0:.1f}s"
    )


async def timed(label: str, runs: int, call: Callable[[], Awaitable[Any]]) -> float:
    for _ in range(3):  # warm up: plans cached, pages hot
        await call()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        await call()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    median = statistics.median(times)
    p95 = times[min(len(times) - 1, round(len(times) * 0.95) - 1)]
    verdict = "" if median < TARGET_MS else "  (misses the target)"
    print(
        f"  {label:<34} median {median:7.1f} ms   p95 {p95:7.1f} ms   min {times[0]:7.1f} ms"
        f"{verdict}",
        flush=True,
    )
    return median


class GraphQL:
    """The app in-process (lifespan included) with an ADMIN token, over httpx's ASGI transport."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def __call__(self, query: str, **variables: Any) -> dict[str, Any]:
        response = await self.client.post("/graphql", json={"query": query, "variables": variables})
        body: dict[str, Any] = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise RuntimeError(f"GraphQL {response.status_code}: {body.get('errors')}")
        data: dict[str, Any] = body["data"]
        return data


@contextlib.asynccontextmanager
async def _client(db: Database, settings: Settings) -> AsyncIterator[GraphQL]:
    """The app in-process (httpx's ASGI transport) with an ADMIN token."""
    from api.app import create_app  # the API only here: the graph figures need none of it

    _, secret = await tokens.create(db, f"bench-receptions-{time.time_ns()}", "ADMIN")
    app = create_app(settings, limits=Limits(rate=1e9, burst=10**9, request_timeout=60))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://api",
            headers={"Authorization": f"Bearer {secret}"},
            timeout=120,
        ) as client,
    ):
        yield GraphQL(client)


def _same_page(floor: list[dict[str, Any]], product: list[dict[str, Any]]) -> bool:
    return [r["id"] for r in floor] == [r["id"] for r in product]


def _stats_by_key(rows: list[dict[str, Any]]) -> dict[str, tuple[int, int, int, int]]:
    return {r["campaign"]: (r["collected"], r["assigned"], r["solved"], r["overdue"]) for r in rows}


async def measure(db: Database, settings: Settings, runs: int, today: dt.date) -> None:
    monday = today - dt.timedelta(days=today.weekday())
    params = {"open": OPEN, "today": today, "monday": monday}
    shape = (await db.read(SHAPE, **params))[0]
    print(f"today {today} (this week from {monday}); shape: {shape}")
    week = IssueFilter(overdue=True, promised_from=monday)

    # --- a. feedback overdue this week -------------------------------------------------------
    floor_rows = (await db.read(FLOOR_OVERDUE_WEEK, **params))[0]
    page = await list_issues(db, week, today=today, first=20)
    same = floor_rows["total"] == page.total and _same_page(floor_rows["rows"], page.rows)
    print(
        f"\na. feedback overdue this week: {page.total:,} issues, first page of 20 by promisedBy"
        f"{'' if same else '  — floor and product DIFFER'}"
    )
    a_floor = await timed("floor (Cypher)", runs, lambda: db.read(FLOOR_OVERDUE_WEEK, **params))
    a_product = await timed(
        "product list_issues", runs, lambda: list_issues(db, week, today=today, first=20)
    )

    # --- b. per-campaign statistics -----------------------------------------------------------
    by_key = _stats_by_key(await db.read(FLOOR_CAMPAIGN_STATS_KEY, **params))
    by_rel = _stats_by_key(await db.read(FLOOR_CAMPAIGN_STATS_REL, **params))
    stats = await issue_stats(db, ["CAMPAIGN"], IssueFilter(), today=today)
    product = {
        str(r.keys[0].value): (r.collected, r.assigned, r.solved, r.overdue)
        for r in stats.rows
        if r.keys[0].value is not None
    }
    same = by_key == by_rel == product
    print(
        f"\nb. per-campaign statistics: {len(product)} campaigns, "
        f"{sum(v[0] for v in product.values()):,} issues in them, "
        f"{stats.totals.collected:,} issues in all (the product also counts those in none)"
        f"{'' if same else '  — floor and product DIFFER'}"
    )
    b_key = await timed(
        "floor (Cypher, campaignId key)", runs, lambda: db.read(FLOOR_CAMPAIGN_STATS_KEY, **params)
    )
    b_rel = await timed(
        "floor (Cypher, IN_CAMPAIGN rel)", runs, lambda: db.read(FLOOR_CAMPAIGN_STATS_REL, **params)
    )
    b_product = await timed(
        "product issue_stats",
        runs,
        lambda: issue_stats(db, ["CAMPAIGN"], IssueFilter(), today=today),
    )

    # --- GraphQL over HTTP --------------------------------------------------------------------
    async with _client(db, settings) as gql:
        data = await gql(GQL_OVERDUE_WEEK, **{"from": monday.isoformat()})
        total = data["issues"]["totalCount"]
        print(f"\nGraphQL (in-process ASGI, ADMIN token): issues totalCount {total:,}")
        a_gql = await timed(
            "a. GraphQL issues(overdue, week)",
            runs,
            lambda: gql(GQL_OVERDUE_WEEK, **{"from": monday.isoformat()}),
        )
        b_gql = await timed(
            "b. GraphQL issueStats([CAMPAIGN])", runs, lambda: gql(GQL_CAMPAIGN_STATS)
        )

    print("\nmedians (ms)                  floor   product   GraphQL")
    print(f"a. overdue this week      {a_floor:9.1f} {a_product:9.1f} {a_gql:9.1f}")
    print(f"b. per-campaign stats     {min(b_key, b_rel):9.1f} {b_product:9.1f} {b_gql:9.1f}")
    worst = max(a_product, a_gql, b_product, b_gql)
    print(f"Target (median < {TARGET_MS:.0f} ms): {'met' if worst < TARGET_MS else 'NOT met'}")


async def per_congress(db: Database, settings: Settings, runs: int, today: dt.date) -> None:
    """b2, b3: the statistics of one congress's campaigns (`Campaign.stats`: campaigns.py
    campaign_stats, an index seek per campaign) and of one campaign, product and GraphQL."""
    congresses = await db.read(CAMPAIGNS_BY_CONGRESS)
    congress, ids = congresses[0]["congress"], congresses[0]["ids"]
    rows = await campaign_stats(db, ids, today=today)
    by_key = _stats_by_key(await db.read(FLOOR_CAMPAIGN_STATS_KEY, open=OPEN, today=today))
    same = all(
        by_key.get(r["id"]) == (r["collected"], r["assigned"], r["solved"], r["overdue"])
        for r in rows
    )
    print(
        f"\nb2. one congress's {len(ids)} campaigns: {sum(r['collected'] for r in rows):,} issues"
        f"{'' if same else '  — floor and product DIFFER'}"
    )
    b2 = await timed("product campaign_stats", runs, lambda: campaign_stats(db, ids, today=today))
    every = [i for c in congresses for i in c["ids"]]
    b4 = await timed(
        f"product campaign_stats (all {len(every)} campaigns)",
        runs,
        lambda: campaign_stats(db, every, today=today),
    )
    b3 = await timed(
        "product campaign_stats (one campaign)",
        runs,
        lambda: campaign_stats(db, ids[:1], today=today),
    )
    gid = base64.b64encode(f"Congress:{congress}".encode()).decode()
    async with _client(db, settings) as gql:
        await gql(GQL_CONGRESS_CAMPAIGNS, congress=gid)
        b2_gql = await timed(
            "GraphQL campaigns(congressId) { stats }",
            runs,
            lambda: gql(GQL_CONGRESS_CAMPAIGNS, congress=gid),
        )
    print(f"b2. one congress's campaigns   product {b2:9.1f}   GraphQL {b2_gql:9.1f}")
    print(f"b3. one campaign               product {b3:9.1f}")
    print(f"b4. every campaign (Campaign.stats) product {b4:9.1f}")


async def main(args: argparse.Namespace) -> None:
    settings = from_env(INSTANCE)
    today = dt.date.today()
    async with open_driver(settings) as driver:
        db = Database(driver, settings.database, timeout=120)
        if not args.measure_only:
            await load(db, args, today)
        await measure(db, settings, args.runs, today)
        await per_congress(db, settings, args.runs, today)


def start(fresh: bool) -> None:
    """Start the instance with the benchmark's memory; `fresh` drops its store first."""
    heap = os.environ.setdefault("THIRDLINK_NEO4J_HEAP", "2g")
    pagecache = os.environ.setdefault("THIRDLINK_NEO4J_PAGECACHE", "1g")
    server.stop(INSTANCE, log=lambda _: None)  # a running instance may have other settings
    if fresh:
        shutil.rmtree(server.Instance(INSTANCE).home / "data", ignore_errors=True)
    started = time.perf_counter()
    server.start(INSTANCE, log=print)
    store = "fresh store" if fresh else "store kept"
    print(
        f"server start: {time.perf_counter() - started:.1f}s ({store}, heap {heap}, "
        f"page cache {pagecache}, {os.cpu_count()} cores)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--venues", type=int, default=1000)
    parser.add_argument("--receptions", type=int, default=50_000)
    parser.add_argument("--issues", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--writers", type=int, default=2, help="loaders in flight")
    parser.add_argument("--keep", action="store_true", help="leave the instance running")
    parser.add_argument(
        "--measure-only", action="store_true", help="time the queries on the data loaded before"
    )
    args = parser.parse_args()
    start(fresh=not args.measure_only)
    try:
        asyncio.run(main(args))
    finally:
        if not args.keep:
            server.stop(INSTANCE, log=print)
