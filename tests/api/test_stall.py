"""A frozen or dead Neo4j under every data route: each answers 503/504 JSON within the time
limit (plus slack for a shared machine), then everything recovers.

Frozen is `SIGSTOP`: the server keeps its sockets open and answers nothing, the case that made
requests hang for 70 s. It runs on the fault tests' own Neo4j (test_faults.py), never the
instance the rest of the suite shares. The worst times against the freeze length are measured
by bench/bench_stall.py.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from typing import Any

import httpx

from api.limits import Limits
from graph.kernel.settings import Settings
from launcher import server
from tests.api.test_faults import INSTANCE, _until_ready, faults_settings, token
from tests.conftest import running_app

__all__ = ["faults_settings", "token"]  # fixtures, shared with test_faults.py

TIMEOUT = 2.0
# Generous: two cores shared by several test runs. Hanging is what this catches (60 s+).
SLACK = 5.0
LIMITS = Limits(rate=1e9, burst=10**9, request_timeout=TIMEOUT)
COMMITTEES = {"query": "{ committees(first: 1) { totalCount } }"}
# Every route that reaches the database: (method, path).
ROUTES = [
    ("POST", "/graphql"),
    ("GET", "/readyz"),
    ("GET", "/calendar/committee/cm-nobody.ics"),
    ("GET", "/export/proposal-stats.csv?groupBy=STATUS"),
    ("GET", "/export/proposal-stats.xlsx?groupBy=STATUS"),
]


async def timed(client: httpx.AsyncClient, method: str, path: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    body: Any = COMMITTEES if method == "POST" else None
    response = await client.request(method, path, json=body)
    return response, time.monotonic() - started


async def all_routes(client: httpx.AsyncClient) -> list[tuple[str, httpx.Response, float]]:
    """Every route at once (as a busy API sees them), with its time."""
    answers = await asyncio.gather(*(timed(client, m, p) for m, p in ROUTES))
    return [(path, r, s) for (_, path), (r, s) in zip(ROUTES, answers, strict=True)]


def assert_refused_in_time(path: str, response: httpx.Response, seconds: float) -> None:
    assert seconds < TIMEOUT + SLACK, (path, seconds, response.status_code)
    assert response.status_code in (503, 504), (path, response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/json"), path
    body = response.json()
    if path == "/readyz":
        assert body["status"] == "unavailable"
        return
    code = body["errors"][0]["extensions"]["code"]
    assert code == {503: "SERVICE_UNAVAILABLE", 504: "TIMEOUT"}[response.status_code], body


async def warm_up(client: httpx.AsyncClient, settings: Settings, secret: str) -> None:
    """Neo4j's query plans, the driver's pool and the token cache are warm, as on a live
    server. A Neo4j just started may plan a query for longer than the short limit, and a
    cancelled query leaves no plan behind: plan first under a long limit."""
    patient = Limits(rate=1e9, burst=10**9, request_timeout=60)
    async with running_app(settings, secret, patient) as slow_client:
        for path, response, _ in await all_routes(slow_client):
            assert response.status_code in (200, 404), (path, response.text)
    for _ in range(10):  # a loaded machine may still be slow for a moment
        answers = await all_routes(client)
        if all(response.status_code in (200, 404) for _, response, _ in answers):
            return
        await asyncio.sleep(0.5)
    raise AssertionError([(path, r.status_code, r.text[:200]) for path, r, _ in answers])


async def test_frozen_neo4j_answers_every_route_within_the_limit(
    faults_settings: Settings, token: str
) -> None:
    async with running_app(faults_settings, token, LIMITS) as client:
        await warm_up(client, faults_settings, token)
        pid = server.status(INSTANCE)["pid"]
        assert isinstance(pid, int)
        os.kill(pid, signal.SIGSTOP)
        frozen_at = time.monotonic()
        seen: list[tuple[str, httpx.Response, float]] = []
        try:
            # Waves of requests for 3× the limit: fresh connections and pooled ones alike.
            while time.monotonic() - frozen_at < 3 * TIMEOUT:
                seen += await all_routes(client)
        finally:
            os.kill(pid, signal.SIGCONT)
        for path, response, seconds in seen:
            assert_refused_in_time(path, response, seconds)
        assert {path for path, _, _ in seen} == {path for _, path in ROUTES}

        await _until_ready(client)
        back = await client.post("/graphql", json=COMMITTEES)
        assert back.status_code == 200, back.text
        assert "errors" not in back.json()


async def test_dead_neo4j_is_503_on_every_route_within_the_limit(
    faults_settings: Settings, token: str
) -> None:
    async with running_app(faults_settings, token, LIMITS) as client:
        await warm_up(client, faults_settings, token)
        server.kill(INSTANCE)
        try:
            for path, response, seconds in await all_routes(client):
                assert_refused_in_time(path, response, seconds)
                # Down, not slow: the driver gives up retrying well within the limit.
                assert response.status_code == 503, (path, seconds, response.text)
        finally:
            await asyncio.to_thread(server.start, INSTANCE, log=lambda _: None)
        await _until_ready(client)
        # A restarted Neo4j plans its queries afresh, longer than the short limit on a busy
        # machine: warm it, then the same app (its driver recovered) answers as before.
        await warm_up(client, faults_settings, token)
