"""The gate: no way in without a token.

Every field of Query is asked (generated from the schema, so a field added later is covered)
without a token, with a revoked one, and through the GraphiQL-page exemption with an encoded
parameter name; each gets 401 and no data. The page itself is served only for a bare GET that
wants HTML; its local ADMIN token only for the loopback host the server is bound to.
"""

from __future__ import annotations

import json
import urllib.parse
from types import SimpleNamespace
from typing import Any

import pytest
from graphql import GraphQLField, get_named_type, is_leaf_type
from starlette.testclient import TestClient

from api.app import create_app
from api.lockout import Lockout
from graph.kernel import tokens
from graph.kernel.db import Database
from graph.kernel.settings import Settings
from schema import schema
from schema.permissions import declared_permissions
from tests.api.test_permissions import dummy
from tests.conftest import TEST_LIMITS, GraphQLClient

QUERY_FIELDS = schema._schema.query_type.fields
STRAWBERRY_QUERY = {
    schema.config.name_converter.get_graphql_name(field): field
    for field in schema.get_type_by_name("Query").fields  # type: ignore[union-attr]
}
PROPOSALS = "{ proposals(first: 5) { totalCount nodes { title } } }"
HTML = {"accept": "text/html"}


def query_operation(name: str, field: GraphQLField) -> tuple[str, dict[str, Any]]:
    """`query($a: T!) { name(a: $a) { __typename } }` and its variables."""
    params = ", ".join(f"${arg}: {a.type}" for arg, a in field.args.items())
    args = ", ".join(f"{arg}: ${arg}" for arg in field.args)
    selection = "" if is_leaf_type(get_named_type(field.type)) else " { __typename }"
    text = f"query{f'({params})' if params else ''} {{ {name}{f'({args})' if args else ''}"
    return text + selection + " }", {arg: dummy(a.type) for arg, a in field.args.items()}


def _codes(body: dict[str, Any]) -> set[str]:
    return {(e.get("extensions") or {}).get("code") for e in body.get("errors") or ()}


def _refused(response: Any) -> None:
    assert response.status_code == 401, response.text
    body = response.json()
    assert "data" not in body, body
    assert _codes(body) == {"UNAUTHENTICATED"}
    assert response.headers["x-cypher-round-trips"] == "0"


def test_every_query_field_declares_a_permission() -> None:
    assert set(STRAWBERRY_QUERY) == set(QUERY_FIELDS)
    missing = [name for name in QUERY_FIELDS if not declared_permissions(STRAWBERRY_QUERY[name])]
    assert not missing, f"Query fields without permission_classes: {missing}"


@pytest.mark.parametrize("name", sorted(QUERY_FIELDS))
async def test_no_permission_no_data_even_past_the_gate(name: str) -> None:
    """Deny by default below the gate too: a context without a viewer gets FORBIDDEN and no
    data from every Query field, before any resolver (or the database) is reached."""
    text, variables = query_operation(name, QUERY_FIELDS[name])
    context = SimpleNamespace(viewer=None, extras={}, db=None, loaders=None)
    result = await schema.execute(text, variables, context_value=context)
    assert result.data in (None, {name: None})  # a nullable field is null, the rest nothing
    assert result.errors, name
    assert {(e.extensions or {}).get("code") for e in result.errors} == {"FORBIDDEN"}


@pytest.mark.parametrize("name", sorted(QUERY_FIELDS))
async def test_every_query_field_needs_a_live_token(
    name: str, api: GraphQLClient, db: Database
) -> None:
    text, variables = query_operation(name, QUERY_FIELDS[name])
    _refused(api.anonymous().post(text, variables))

    _, revoked = await tokens.create(db, f"revoked-{name}", "ADMIN")
    await tokens.revoke(db, f"revoked-{name}")
    _refused(api.anonymous().post(text, variables, headers={"Authorization": f"Bearer {revoked}"}))

    # The GraphiQL-page exemption with the parameter name percent-encoded (%71 is "q").
    encoded = urllib.parse.urlencode({"variables": _json(variables)})
    quoted = urllib.parse.quote(text, safe="")
    _refused(api.http.get(f"/graphql?%71uery={quoted}&{encoded}", headers=HTML))

    # The operation itself is fine: a signed-in caller is not refused at the door.
    allowed = frozenset.intersection(
        *(p.value for p in declared_permissions(STRAWBERRY_QUERY[name]))
    )
    role = sorted(allowed, key=lambda r: r.value)[0]
    body = api.as_role(role).post(text, variables).json()
    assert not _codes(body) & {"UNAUTHENTICATED", "FORBIDDEN"}, body
    # No request error (those have no path): the generated operation is valid and ran (or
    # ran out of time on a busy machine, which also means it got past the gate).
    assert all(
        error.get("path") or _codes({"errors": [error]}) == {"TIMEOUT"}
        for error in body.get("errors") or ()
    ), body


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# (method, query string, headers): none of these is the GraphiQL page; all need a token.
NOT_THE_PAGE = [
    ("GET", f"%71uery={urllib.parse.quote(PROPOSALS)}", HTML),
    ("GET", f"q%75ery={urllib.parse.quote(PROPOSALS)}", HTML),
    ("GET", f"%71%75%65%72%79={urllib.parse.quote(PROPOSALS)}", HTML),
    ("GET", f"QUERY={urllib.parse.quote(PROPOSALS)}", HTML),
    ("GET", f"Query={urllib.parse.quote(PROPOSALS)}", HTML),
    ("GET", f"query={urllib.parse.quote(PROPOSALS)}", HTML),
    ("GET", f"query={urllib.parse.quote(PROPOSALS)}", {"accept": "*/*"}),
    ("GET", f"query={urllib.parse.quote(PROPOSALS)}", {"accept": "text/html, */*"}),
    ("GET", f"&&query={urllib.parse.quote(PROPOSALS)}", HTML),
    ("GET", f"a=1;query={urllib.parse.quote(PROPOSALS)}", HTML),
    ("GET", f"query+={urllib.parse.quote(PROPOSALS)}", HTML),
    ("GET", "query", HTML),
    ("GET", "query=", HTML),
    ("GET", "a=1", HTML),
    ("GET", "=", HTML),
    ("GET", "", {"accept": "application/json"}),
    ("GET", "", {}),
    ("POST", "", HTML),
    ("POST", "", {**HTML, "content-type": "application/json"}),
]


@pytest.mark.parametrize(("method", "query", "headers"), NOT_THE_PAGE)
def test_only_a_bare_get_for_html_is_the_page(
    api: GraphQLClient, method: str, query: str, headers: dict[str, str]
) -> None:
    url = f"/graphql?{query}" if query else "/graphql"
    if method == "POST":
        response = api.http.post(url, json={"query": PROPOSALS}, headers=headers)
    else:
        response = api.http.get(url, headers=headers)
    _refused(response)


@pytest.mark.parametrize("url", ["/graphql", "/graphql?"])
def test_the_page_itself_needs_no_token(api: GraphQLClient, url: str) -> None:
    response = api.http.get(url, headers=HTML)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>Thirdlink GraphQL</title>" in response.text


# (address the server is bound to, Host header, whether the page carries the token)
PREFILL = [
    (("127.0.0.1", 8000), "127.0.0.1:8000", True),
    (("127.0.0.1", 8000), "localhost:8000", True),
    (("localhost", 8000), "127.0.0.1:8000", True),
    (("::1", 8000), "[::1]:8000", True),
    (("127.0.0.1", 8000), "127.0.0.1:8001", False),
    (("127.0.0.1", 8000), "127.0.0.1", False),
    (("127.0.0.1", 8000), "evil.example:8000", False),  # DNS rebinding to 127.0.0.1
    (("127.0.0.1", 8000), "localhost.evil.example:8000", False),
    (("127.0.0.1", 8000), "testserver", False),
    (("0.0.0.0", 8000), "127.0.0.1:8000", False),  # reachable from other machines: never
    (("0.0.0.0", 8000), "0.0.0.0:8000", False),
    (("192.168.1.5", 8000), "192.168.1.5:8000", False),
]


@pytest.mark.parametrize(("bind", "host", "prefilled"), PREFILL)
def test_graphiql_token_only_for_the_bound_loopback_host(
    neo4j_settings: Settings, bind: tuple[str, int], host: str, prefilled: bool
) -> None:
    app = create_app(neo4j_settings, limits=TEST_LIMITS, graphiql_token="tl_local", bind=bind)
    with TestClient(app) as http:
        page = http.get("/graphql", headers={**HTML, "host": host})
    assert page.status_code == 200
    assert ("Bearer tl_local" in page.text) is prefilled
    assert ("tl_local" in page.text) is prefilled


def _lockout_app(neo4j_settings: Settings, clock: list[float], failures: int = 3) -> TestClient:
    lockout = Lockout(failures=failures, window=60.0, clock=lambda: clock[0])
    return TestClient(create_app(neo4j_settings, limits=TEST_LIMITS, lockout=lockout))


def test_failed_tokens_are_locked_out_per_address(
    neo4j_settings: Settings, clean_graph: Any
) -> None:
    from tests.conftest import make_token

    good = make_token(clean_graph, neo4j_settings.database, "VIEWER")
    clock = [1000.0]
    with _lockout_app(neo4j_settings, clock) as http:

        def ask(secret: str | None) -> Any:
            headers = {"Authorization": f"Bearer {secret}"} if secret else {}
            return http.post("/graphql", json={"query": PROPOSALS}, headers=headers)

        for _ in range(5):  # no token at all is not an attempt: never locked out for it
            assert ask(None).status_code == 401
        for i in range(3):
            assert ask(f"tl_guess{i}").status_code == 401
        locked = ask("tl_guess3")
        assert locked.status_code == 429
        assert _codes(locked.json()) == {"RATE_LIMITED"}
        assert 1 <= int(locked.headers["retry-after"]) <= 60
        assert "data" not in locked.json()
        # Right or wrong, nothing from this address is tried while it is locked out.
        assert ask(good).status_code == 429
        clock[0] += 30
        assert int(ask(good).headers["retry-after"]) <= 30
        clock[0] += 31
        assert ask(good).status_code == 200
    # The count is per client address: another address still gets in.
    lockout = Lockout(failures=3, window=60.0, clock=lambda: clock[0])
    for _ in range(3):
        lockout.fail("testclient")
    for address, expected in ((("10.0.0.9", 40000), 200), (("testclient", 50000), 429)):
        app = create_app(neo4j_settings, limits=TEST_LIMITS, lockout=lockout)
        with TestClient(app, client=address) as http:
            response = http.post(
                "/graphql", json={"query": PROPOSALS}, headers={"Authorization": f"Bearer {good}"}
            )
        assert response.status_code == expected, address


@pytest.mark.parametrize("path", ["/metrics"])
def test_metrics_need_an_admin_token_by_default(
    neo4j_settings: Settings, clean_graph: Any, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import make_token

    monkeypatch.delenv("THIRDLINK_METRICS", raising=False)
    admin = make_token(clean_graph, neo4j_settings.database, "ADMIN")
    viewer = make_token(clean_graph, neo4j_settings.database, "VIEWER")
    with TestClient(create_app(neo4j_settings, limits=TEST_LIMITS)) as http:
        anonymous = http.get(path)
        assert anonymous.status_code == 401
        assert "thirdlink_requests" not in anonymous.text
        as_viewer = http.get(path, headers={"Authorization": f"Bearer {viewer}"})
        assert as_viewer.status_code == 403
        assert _codes(as_viewer.json()) == {"FORBIDDEN"}
        as_admin = http.get(path, headers={"Authorization": f"Bearer {admin}"})
        assert as_admin.status_code == 200
        assert "thirdlink_requests" in as_admin.text


@pytest.mark.parametrize("how", ["argument", "environment"])
def test_metrics_can_be_open(
    neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    if how == "environment":
        monkeypatch.setenv("THIRDLINK_METRICS", "open")
        app = create_app(neo4j_settings, limits=TEST_LIMITS)
    else:
        monkeypatch.setenv("THIRDLINK_METRICS", "token")
        app = create_app(neo4j_settings, limits=TEST_LIMITS, metrics_access="open")
    with TestClient(app) as http:
        response = http.get("/metrics")
    assert response.status_code == 200
    assert "thirdlink_requests" in response.text


def test_metrics_setting_is_checked(neo4j_settings: Settings) -> None:
    with pytest.raises(ValueError, match="THIRDLINK_METRICS"):
        create_app(neo4j_settings, metrics_access="public")


def test_lockout_forgets_after_the_window() -> None:
    clock = [0.0]
    lockout = Lockout(failures=2, window=10.0, clock=lambda: clock[0])
    lockout.fail("a")
    assert lockout.wait("a") == 0.0
    lockout.fail("a")
    assert lockout.wait("a") == pytest.approx(10.0)
    assert lockout.wait("b") == 0.0
    clock[0] = 9.5
    assert lockout.wait("a") == pytest.approx(0.5)
    clock[0] = 10.0
    assert lockout.wait("a") == 0.0
    lockout.fail("a")
    assert lockout.wait("a") == 0.0  # a new window: one failure so far
