"""Benchmarks of the foundation: local Neo4j start, first answer, round trips, load rate.

    python -m bench.bench_liaison [--deputies 100000]

Uses its own instances ("bench-cold", "bench-liaison"), never the data of `make run` or the
tests. Prints one line per figure; nothing here is asserted (benchmarks are not tests).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import time

import httpx

from api.app import create_app
from api.settings import from_env
from datasets.demo import compose as demo
from datasets.synthetic import base as synthetic
from graph import migrations
from graph.kernel import loading, tokens, transfer
from graph.kernel.db import Database, count_round_trips, open_driver
from launcher import server

LIAISON_QUERIES = {
    "deputyGroups(first:100) with committees, members, alliances, convener": """
{ deputyGroups(first: 100) { totalCount edges { node { name
    committees { nodes { name } } members { edges { role node { name } } }
    alliances { nodes { name enterprises { totalCount } } } convener { name } } } } }""",
    "committees with groups → alliances → enterprises": """
{ committees(first: 20) { nodes { name groups(first: 20) { nodes { name
    alliances(first: 10) { nodes { name enterprises(first: 10) { nodes { name } } } } } } } } }""",
    "search 预制菜": '{ search(text: "预制菜") { totalCount nodes { rank node { id } } } }',
    "coverageGaps": "{ coverageGaps { groupsWithoutConvener { totalCount } "
    "industriesWithoutCommittee { totalCount } } }",
}


def _say(text: str) -> None:
    print(text, flush=True)


def bench_start() -> None:
    name = "bench-cold"
    instance = server.Instance(name)
    server.stop(name, log=lambda _: None)
    shutil.rmtree(instance.home, ignore_errors=True)
    t0 = time.perf_counter()
    server.start(name, log=lambda _: None)
    cold = time.perf_counter() - t0
    server.stop(name, log=lambda _: None)
    t0 = time.perf_counter()
    server.start(name, log=lambda _: None)
    warm = time.perf_counter() - t0
    server.stop(name, log=lambda _: None)
    _say(f"local Neo4j start: cold (new data dir, jars cached) {cold:.1f}s, warm {warm:.1f}s")


async def bench_round_trips() -> None:
    name = "bench-liaison"
    server.start(name, log=lambda _: None)
    settings = from_env(name)
    async with open_driver(settings) as driver:
        db = Database(driver, settings.database)
        await migrations.migrate(db, log=lambda _: None)
        await transfer.wipe(db)
        await loading.load_dataset(db, demo.demo_dataset())
        _, secret = await tokens.create(db, "bench", "ADMIN")
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://bench") as client,
    ):
        for label, query in LIAISON_QUERIES.items():
            times = []
            trips = 0
            for _ in range(20):
                t0 = time.perf_counter()
                response = await client.post(
                    "/graphql", json={"query": query}, headers={"Authorization": f"Bearer {secret}"}
                )
                times.append((time.perf_counter() - t0) * 1000)
                trips = int(response.headers.get("x-cypher-round-trips", "0"))
                assert "errors" not in response.json(), response.json()
            _say(
                f"{label}: {trips} Cypher round trips, median {statistics.median(times):.1f} ms "
                "(demo data, in-process ASGI)"
            )


async def bench_load(deputies: int) -> None:
    name = "bench-liaison"
    settings = from_env(name)
    async with open_driver(settings) as driver:
        db = Database(driver, settings.database)
        await transfer.wipe(db)
        with count_round_trips():
            stats = await loading.load_dataset(
                db, synthetic.synthetic_dataset(deputies=deputies, seed=1)
            )
    rate = (stats.nodes + stats.relationships) / stats.seconds
    _say(
        f"load-synthetic --deputies {deputies}: {stats.nodes:,} nodes + "
        f"{stats.relationships:,} relationships in {stats.seconds:.1f}s = {rate:,.0f}/s"
    )


def bench_make_run_first_answer() -> None:
    """`thirdlink setup-local` on a fresh instance, then serve, then the first answer."""
    name = "bench-run"
    server.stop(name, log=lambda _: None)
    shutil.rmtree(server.Instance(name).home, ignore_errors=True)
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "api.cli", "setup-local", "--instance", name],
        check=True,
        capture_output=True,
    )
    secret = subprocess.run(
        [sys.executable, "-m", "api.cli", "token", "ensure-local", "--instance", name],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    serve = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--instance", name, "--port", "8765"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                r = httpx.post(
                    "http://127.0.0.1:8765/graphql",
                    json={"query": "{ committees { totalCount } }"},
                    headers={"Authorization": f"Bearer {secret}"},
                    timeout=2,
                )
                if r.status_code == 200 and "data" in r.json():
                    break
            except httpx.HTTPError:
                pass
            if time.perf_counter() - t0 > 300:
                raise TimeoutError("no answer within 300 s")
            time.sleep(0.2)
        _say(
            f"setup-local + serve until the first answer (fresh data dir): "
            f"{time.perf_counter() - t0:.1f}s"
        )
    finally:
        serve.terminate()
        serve.wait()
        server.stop(name, log=lambda _: None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deputies", type=int, default=100_000)
    parser.add_argument("--skip-load", action="store_true")
    args = parser.parse_args()
    bench_start()
    bench_make_run_first_answer()
    asyncio.run(bench_round_trips())
    if not args.skip_load:
        asyncio.run(bench_load(args.deputies))
    server.stop("bench-liaison", log=lambda _: None)


if __name__ == "__main__":
    main()
