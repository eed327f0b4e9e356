"""Calendar feed keys: issued by GraphQL or the CLI, each opens its own feed and nothing else,
stored only as a hash, revocable; and no secret (API token or feed key) reaches the log."""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
from typing import Any

import pytest
from neo4j import Driver
from starlette.testclient import TestClient

from api import cli
from api.app import create_app
from api.limits import Limits
from api.logging import JsonFormatter
from graph.kernel.db import Database
from graph.kernel.settings import Settings
from graph.kernel.tokens import hash_secret
from graph.trips import feeds
from schema.permissions import Role
from tests.api.test_calendar import parse, plan
from tests.conftest import GraphQLClient
from tests.trips_world import load_world

CREATE_FEED = """
mutation($kind: CalendarKind!, $id: ID!) {
  createCalendarFeed(kind: $kind, id: $id) {
    feed { id kind owner revoked }
    path
    errors { code field message }
  }
}
"""
REVOKE_FEED = """
mutation($id: ID!) {
  revokeCalendarFeed(id: $id) { feed { id revoked } errors { code field } }
}
"""


def gid(label: str, node_id: str) -> str:
    return base64.b64encode(f"{label}:{node_id}".encode()).decode()


async def _world(db: Database) -> None:
    await load_world(db)
    await plan(db, "汽车产业集中视察", dt.date(2024, 5, 6), dt.date(2024, 5, 7))


def _subscribe(client: GraphQLClient, kind: str, label: str, node_id: str) -> dict[str, Any]:
    payload: dict[str, Any] = client(CREATE_FEED, {"kind": kind, "id": gid(label, node_id)})[
        "createCalendarFeed"
    ]
    assert payload["errors"] == [], payload
    return payload


async def test_a_viewer_subscribes_and_the_key_opens_that_feed_only(
    db: Database, api: GraphQLClient
) -> None:
    await _world(db)
    viewer = api.as_role(Role.VIEWER)
    payload = _subscribe(viewer, "DEPUTY", "Deputy", "d-conv")
    path = payload["path"]
    assert path.startswith("/calendar/deputy/d-conv.ics?key=fk_")
    assert payload["feed"]["kind"] == "DEPUTY"
    assert payload["feed"]["owner"] == gid("Deputy", "d-conv")
    key = path.partition("key=")[2]

    # Its own feed, with no Authorization header (a calendar app), by database or global id.
    feed = api.http.get(path)
    assert feed.status_code == 200, feed.text
    assert [str(e["summary"]) for e in parse(feed.content).walk("VEVENT")] == ["汽车产业集中视察"]
    by_global = api.http.get(f"/calendar/deputy/{gid('Deputy', 'd-conv')}.ics?key={key}")
    assert by_global.status_code == 200

    # Nothing else: another deputy's feed, another kind, /graphql, the exports, /metrics.
    refused = [
        api.http.get(f"/calendar/deputy/d-mem1.ics?key={key}"),
        api.http.get(f"/calendar/committee/d-conv.ics?key={key}"),
        api.http.get(f"/calendar/deputy/d-mem1.ics?key={key}", headers={"accept": "text/html"}),
        api.http.get("/calendar/deputy/d-conv.ics", headers={"Authorization": f"Bearer {key}"}),
        api.http.get(f"/calendar/deputy/d-conv.ics?token={key}"),
        api.http.post(
            "/graphql", json={"query": "{ deputies { totalCount } }"}, headers=_bearer(key)
        ),
        api.http.post(f"/graphql?key={key}", json={"query": "{ deputies { totalCount } }"}),
        api.http.get(f"/graphql?key={key}&query=%7Bdeputies%7BtotalCount%7D%7D"),
        api.http.get(f"/export/proposal-stats.csv?groupBy=STATUS&key={key}"),
        api.http.get("/export/proposal-stats.csv?groupBy=STATUS", headers=_bearer(key)),
        api.http.get(f"/metrics?key={key}"),
    ]
    for response in refused:
        assert response.status_code == 401, (response.request.url, response.text)
        assert "VEVENT" not in response.text and "totalCount" not in response.text


async def test_keys_are_stored_as_hashes_and_revocable(db: Database, api: GraphQLClient) -> None:
    await _world(db)
    owner, other = api.as_role(Role.VIEWER), api.as_role(Role.PLANNER)
    payload = _subscribe(owner, "GROUP", "DeputyGroup", "g-auto")
    feed_id, path = payload["feed"]["id"], payload["path"]
    key = path.partition("key=")[2]

    rows = await db.read("MATCH (f:CalendarFeed {id: $id}) RETURN properties(f) AS p", id=feed_id)
    stored = json.dumps(rows[0]["p"], default=str)
    assert key not in stored
    assert rows[0]["p"]["hash"] == hash_secret(key)
    # The write is audited, without the key.
    events = await db.read("MATCH (e:AuditEvent) RETURN properties(e) AS p")
    assert [e["p"]["operation"] for e in events] == ["createCalendarFeed"]
    assert "DeputyGroup:g-auto" in events[0]["p"]["ids"]
    assert key not in json.dumps([e["p"] for e in events], default=str)

    # Someone else's key: not theirs to revoke (nothing written); the owner's is.
    refused = other(REVOKE_FEED, {"id": feed_id})["revokeCalendarFeed"]
    assert refused["feed"] is None
    assert [e["code"] for e in refused["errors"]] == ["NOT_FOUND"]
    assert api.http.get(path).status_code == 200
    revoked = owner(REVOKE_FEED, {"id": feed_id})["revokeCalendarFeed"]
    assert revoked == {"feed": {"id": feed_id, "revoked": True}, "errors": []}
    assert api.http.get(path).status_code == 401
    again = owner(REVOKE_FEED, {"id": feed_id})["revokeCalendarFeed"]
    assert [e["code"] for e in again["errors"]] == ["NOT_FOUND"]

    # An administrator revokes anyone's.
    second = _subscribe(owner, "COMMITTEE", "Committee", "cm-fin")
    assert api.http.get(second["path"]).status_code == 200
    by_admin = api(REVOKE_FEED, {"id": second["feed"]["id"]})["revokeCalendarFeed"]
    assert by_admin["feed"]["revoked"] is True
    assert api.http.get(second["path"]).status_code == 401


@pytest.mark.parametrize(
    ("kind", "node_id", "code", "field"),
    [
        ("DEPUTY", gid("Deputy", "nobody"), "NOT_FOUND", "id"),
        ("DEPUTY", gid("Committee", "cm-fin"), "INVALID", "id"),  # the id of another kind
        ("GROUP", "not-a-global-id", "INVALID", "id"),
    ],
)
async def test_bad_subscriptions_write_nothing(
    db: Database, api: GraphQLClient, kind: str, node_id: str, code: str, field: str
) -> None:
    await _world(db)
    payload = api.as_role(Role.VIEWER)(CREATE_FEED, {"kind": kind, "id": node_id})
    result = payload["createCalendarFeed"]
    assert result["feed"] is None and result["path"] is None
    assert [(e["code"], e["field"]) for e in result["errors"]] == [(code, field)]
    assert " / " in result["errors"][0]["message"]  # 中文 / English
    assert await feeds.list_feeds(db) == []


async def test_a_feed_key_is_rate_limited(db: Database, neo4j_settings: Settings) -> None:
    """A leaked key cannot flood the API: its own bucket, like a token's."""
    await _world(db)
    feed, key = await feeds.create(db, "deputy", "d-conv")
    app = create_app(neo4j_settings, limits=Limits(rate=0.001, burst=2))
    with TestClient(app) as http:
        statuses = [http.get(feed.path(key)).status_code for _ in range(3)]
        limited = http.get(feed.path(key))
    assert statuses == [200, 200, 429]
    assert limited.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert int(limited.headers["retry-after"]) >= 1


def test_feed_cli(
    neo4j_settings: Settings, clean_graph: Driver, capsys: pytest.CaptureFixture[str]
) -> None:
    instance = ["--instance", neo4j_settings.local_instance or "test"]
    with clean_graph.session(database=neo4j_settings.database) as session:
        session.run("CREATE (:Deputy {id: 'd-cli', name: '命令行代表'})").consume()
    assert cli.main(["feed", "create", "--kind", "deputy", "--id", "d-cli", *instance]) == 0
    path = capsys.readouterr().out.strip()
    assert path.startswith("/calendar/deputy/d-cli.ics?key=fk_")
    key = path.partition("key=")[2]
    assert cli.main(["feed", "list", *instance]) == 0
    listing = capsys.readouterr().out
    assert "\tdeputy\td-cli\tactive" in listing
    assert key not in listing
    feed_id = listing.split("\t")[0]
    assert cli.main(["feed", "revoke", feed_id, *instance]) == 0
    assert cli.main(["feed", "list", *instance]) == 0
    assert "\tdeputy\td-cli\trevoked" in capsys.readouterr().out
    assert cli.main(["feed", "revoke", feed_id, *instance]) == 2
    assert cli.main(["feed", "create", "--kind", "deputy", "--id", "nobody", *instance]) == 2


async def test_no_secret_reaches_the_log(
    db: Database, api: GraphQLClient, caplog: pytest.LogCaptureFixture
) -> None:
    await _world(db)
    path = _subscribe(api.as_role(Role.VIEWER), "DEPUTY", "Deputy", "d-conv")["path"]
    key = path.partition("key=")[2]
    token = api.headers["Authorization"].removeprefix("Bearer ")
    with caplog.at_level(logging.DEBUG):
        statuses = [
            api.http.get(path).status_code,  # accepted by key
            api.http.get(f"/calendar/deputy/d-mem1.ics?key={key}").status_code,  # refused
            api.get("/calendar/deputy/d-conv.ics").status_code,  # accepted by token
            api.http.get(f"/calendar/deputy/d-conv.ics?token={token}").status_code,  # refused
            api.get("/export/proposal-stats.csv?groupBy=STATUS").status_code,
            api.http.get(f"/export/proposal-stats.csv?groupBy=STATUS&token={token}").status_code,
            api.post("{ deputies { totalCount } }").status_code,
            api.http.get(f"/graphql?query=%7B__typename%7D&token={token}").status_code,
            api.http.post("/graphql", json={"query": "{ x }"}, headers=_bearer(key)).status_code,
        ]
    assert statuses == [200, 401, 200, 401, 200, 401, 200, 401, 401]
    # Everything the server side logged (the driver's debug lines included); not the test
    # client's own log of the URLs it requested.
    records = [r for r in caplog.records if not r.name.startswith("httpx")]
    assert records
    lines = [JsonFormatter().format(record) for record in records]
    requests = [json.loads(line) for line in lines if '"logger": "thirdlink.requests"' in line]
    assert len(requests) == len(statuses)  # every request is logged, calendars included
    assert {r["path"] for r in requests} >= {"/calendar/deputy/d-conv.ics", "/graphql"}
    text = "\n".join(lines)
    assert key not in text
    assert token not in text
    assert "key=" not in text and "token=" not in text


def test_serve_turns_off_the_access_log(monkeypatch: pytest.MonkeyPatch) -> None:
    """uvicorn's access log writes query strings; `thirdlink serve` must not use it."""
    import uvicorn

    import api.app
    from api import logging as api_logging

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: seen.update(kwargs))
    monkeypatch.setattr(api.app, "create_app", lambda **kwargs: seen.update(app=kwargs))
    monkeypatch.setattr(api_logging, "configure", lambda: None)
    assert cli.main(["serve", "--host", "127.0.0.1", "--port", "8123"]) == 0
    assert seen["access_log"] is False
    assert seen["app"]["bind"] == ("127.0.0.1", 8123)


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}
