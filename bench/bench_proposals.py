"""Benchmark (a script, not a test): load 1,000,000 synthetic suggestions into a fresh instance
`bench-proposals`, then time proposalStats by INDUSTRY and by INDUSTRY_SECTION for one year.

    .venv/bin/python -m bench.bench_proposals
    (options: --count 1000000 --batch 10000 --runs 25 --no-events --keep)

The instance starts from an empty store every time (its data directory is removed first), with
a 2 GB heap and a 1 GB page cache, so runs are comparable and the load is a true bulk load
into a graph that has its indexes (migrations) but none of these suggestions. Each phase is
timed: server start, migrations, base data (groups, units, industries), suggestions with their
events, then the statistics.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import shutil
import statistics
import time
from collections.abc import Iterator

from graph import migrations, proposal_stats, server
from graph.db import Database, open_driver
from graph.loading import Row, load_dataset
from graph.proposals import ProposalFilter, bulk_counts, bulk_create
from graph.settings import from_env
from graph.synthetic_proposals import base_dataset, proposal_batches

INSTANCE = "bench-proposals"
YEAR = 2024
DIMENSIONS = ("INDUSTRY", "INDUSTRY_SECTION")


def _next(batches: Iterator[list[Row]]) -> list[Row] | None:
    return next(batches, None)


async def load(db: Database, count: int, batch: int, events: bool) -> None:
    started = time.perf_counter()
    nodes = rels = done = 0
    batches = proposal_batches(count, batch=batch)
    rows = _next(batches)
    while rows is not None:
        # Build the next batch in a thread while Neo4j writes this one.
        writing = asyncio.create_task(bulk_create(db, rows, events=events))
        following = await asyncio.to_thread(_next, batches)
        await writing
        counted = bulk_counts(rows, events=events)
        done, nodes, rels = (
            done + counted.proposals,
            nodes + counted.nodes,
            rels + counted.relationships,
        )
        if done % 100_000 < batch:
            elapsed = time.perf_counter() - started
            print(f"  {done:,} suggestions, {elapsed:.0f}s ({done / elapsed:,.0f}/s)", flush=True)
        rows = following
    seconds = time.perf_counter() - started
    print(
        f"suggestions: {done:,} in {seconds:.1f}s = {done / seconds:,.0f} suggestions/s; "
        f"{nodes:,} nodes + {rels:,} relationships = {(nodes + rels) / seconds:,.0f}/s "
        f"(events {'on' if events else 'off'}, batches of {batch:,})"
    )


async def measure(db: Database, runs: int) -> None:
    year = ProposalFilter(date_from=dt.date(YEAR, 1, 1), date_to=dt.date(YEAR, 12, 31))
    for dim in DIMENSIONS:
        await proposal_stats.proposal_stats(db, [dim], year)  # warm up
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            stats = await proposal_stats.proposal_stats(db, [dim], year)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(len(times) * 0.95) - 1)]
        print(
            f"proposalStats(groupBy: [{dim}], {YEAR}): {stats.totals.total:,} suggestions, "
            f"{len(stats.rows)} rows; median {statistics.median(times):.0f} ms, "
            f"p95 {p95:.0f} ms, min {times[0]:.0f} ms over {runs} runs"
        )


async def main(count: int, batch: int, runs: int, events: bool) -> None:
    settings = from_env(INSTANCE)
    async with open_driver(settings) as driver:
        db = Database(driver, settings.database)
        t0 = time.perf_counter()
        await migrations.migrate(db, log=lambda _: None)  # waits for the indexes to be online
        t1 = time.perf_counter()
        stats = await load_dataset(db, base_dataset())
        t2 = time.perf_counter()
        print(f"migrations: {t1 - t0:.1f}s")
        print(f"base data: {stats.nodes:,} nodes, {stats.relationships:,} rels in {t2 - t1:.1f}s")
        await load(db, count, batch, events)
        await measure(db, runs)


def fresh_start() -> None:
    """Stop the instance, drop its store and start it again with the benchmark's memory."""
    os.environ["THIRDLINK_NEO4J_HEAP"] = "2g"
    os.environ["THIRDLINK_NEO4J_PAGECACHE"] = "1g"
    server.stop(INSTANCE, log=lambda _: None)
    shutil.rmtree(server.Instance(INSTANCE).home / "data", ignore_errors=True)
    started = time.perf_counter()
    server.start(INSTANCE, log=print)
    print(
        f"server start: {time.perf_counter() - started:.1f}s (fresh store, heap 2g, page cache 1g)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--no-events", action="store_true")
    parser.add_argument("--keep", action="store_true", help="leave the instance running")
    args = parser.parse_args()
    fresh_start()
    try:
        asyncio.run(main(args.count, args.batch, args.runs, not args.no_events))
    finally:
        if not args.keep:
            server.stop(INSTANCE, log=print)
