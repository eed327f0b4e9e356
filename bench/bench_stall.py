"""Worst response time while Neo4j is frozen (SIGSTOP), by freeze length, and with it stopped.

    python -m bench.bench_stall [--instance bench-stall] [--timeout 10] [--freezes 5,30,75]

Serves the API with uvicorn on 127.0.0.1 and, for each freeze length, stops the Neo4j process
with SIGSTOP, sends every data route (/graphql, /readyz, a calendar, both exports) in waves
for the whole freeze, then SIGCONT and waits until /readyz is 200. Then the same with Neo4j
stopped cleanly. Prints the worst time and the statuses seen; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import socket
import time
from collections import Counter

import httpx

from api.app import create_app
from api.limits import Limits
from api.settings import from_env
from bench.bench_auth import prepare, serve
from launcher import server

ROUTES = [
    ("POST", "/graphql"),
    ("GET", "/readyz"),
    ("GET", "/calendar/committee/cm-nobody.ics"),
    ("GET", "/export/proposal-stats.csv?groupBy=STATUS"),
    ("GET", "/export/proposal-stats.xlsx?groupBy=STATUS"),
]
QUERY = {"query": "{ committees(first: 5) { totalCount nodes { name } } }"}


async def wave(client: httpx.AsyncClient) -> list[tuple[int, float]]:
    async def one(method: str, path: str) -> tuple[int, float]:
        started = time.monotonic()
        try:
            response = await client.request(method, path, json=QUERY if method == "POST" else None)
            status = response.status_code
        except httpx.TimeoutException:
            status = 0  # the client gave up first
        return status, time.monotonic() - started

    return await asyncio.gather(*(one(m, p) for m, p in ROUTES))


async def during(client: httpx.AsyncClient, seconds: float) -> list[tuple[int, float]]:
    seen: list[tuple[int, float]] = []
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        seen += await wave(client)
    return seen


async def until_ready(client: httpx.AsyncClient) -> float:
    started = time.monotonic()
    while (await client.get("/readyz")).status_code != 200:
        await asyncio.sleep(0.2)
    return time.monotonic() - started


def report(label: str, seen: list[tuple[int, float]]) -> None:
    statuses = Counter(status for status, _ in seen)
    worst = max(seconds for _, seconds in seen)
    shown = ", ".join(f"{s}×{n}" for s, n in sorted(statuses.items()))
    print(f"| {label} | {len(seen)} | {worst:.2f} s | {shown} |", flush=True)


async def run(port: int, secret: str, instance: str, freezes: list[float]) -> None:
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}",
        headers={"Authorization": f"Bearer {secret}"},
        timeout=120,
    ) as client:
        for _ in range(3):  # plans, pool and token cache warm
            await wave(client)
        print("| Neo4j | requests | worst response | statuses |")
        print("| --- | --- | --- | --- |")
        for freeze in freezes:
            pid = server.status(instance)["pid"]
            assert isinstance(pid, int)
            os.kill(pid, signal.SIGSTOP)
            # Thawed on time even while a wave is waiting: late answers count too.
            thaw = asyncio.get_running_loop().call_later(freeze, os.kill, pid, signal.SIGCONT)
            try:
                seen = await during(client, freeze)
            finally:
                thaw.cancel()
                os.kill(pid, signal.SIGCONT)
            report(f"frozen {freeze:g} s", seen)
            await until_ready(client)
            await wave(client)
        await asyncio.to_thread(server.stop, instance, log=lambda _: None)
        try:
            report("stopped", await during(client, 10))
        finally:
            await asyncio.to_thread(server.start, instance, log=lambda _: None)
        print(f"ready again {await until_ready(client):.1f} s after the restart")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", default="bench-stall")
    parser.add_argument("--timeout", type=float, default=Limits().request_timeout)
    parser.add_argument("--freezes", default="5,30,75")
    args = parser.parse_args()
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)  # its retry warnings, hundreds

    server.start(args.instance, log=lambda _: None)
    settings = from_env(args.instance)
    secret = asyncio.run(prepare(settings))
    limits = Limits(rate=1e6, burst=10**6, request_timeout=args.timeout)
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    instance = serve(create_app(settings, limits=limits), port)
    print(f"request timeout {args.timeout:g} s")
    try:
        freezes = [float(f) for f in args.freezes.split(",")]
        asyncio.run(run(port, secret, args.instance, freezes))
    finally:
        instance.should_exit = True


if __name__ == "__main__":
    main()
