"""API tokens, the gate in front of GraphQL, and the audit trail."""

from __future__ import annotations

import json

import pytest
from neo4j import Driver
from starlette.testclient import TestClient

from api.app import create_app
from api.cli import main
from graph.kernel import tokens
from graph.kernel.db import Database
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.settings import Settings
from schema.permissions import STAFF, Role
from tests.conftest import TEST_LIMITS, GraphQLClient

COMMITTEES = "{ committees(first: 5) { totalCount } }"
CREATE_CONGRESS = """
mutation($name: String!) {
  createCongress(input: {name: $name, level: COUNTY}) { congress { id } errors { code } }
}
"""
AUDIT = """
query($operation: String, $tokenName: String) {
  auditEvents(first: 10, operation: $operation, tokenName: $tokenName) {
    totalCount
    edges { node { at tokenName role operation ids } }
  }
}
"""


def _code(response: object) -> str:
    return response.json()["errors"][0]["extensions"]["code"]  # type: ignore[attr-defined]


def test_no_token_gets_401_and_nothing_runs(api: GraphQLClient) -> None:
    response = api.anonymous().post(COMMITTEES)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert _code(response) == "UNAUTHENTICATED"
    assert "data" not in response.json()
    assert response.headers["x-cypher-round-trips"] == "0"


@pytest.mark.parametrize(
    "header", ["Bearer nonsense", "Bearer ", "Basic dXNlcjpwdw==", "tl_xxx", "Bearer 令牌".encode()]
)
def test_invalid_tokens_get_401(api: GraphQLClient, header: str | bytes) -> None:
    response = api.anonymous().post(COMMITTEES, headers={"Authorization": header})
    assert response.status_code == 401
    assert _code(response) == "UNAUTHENTICATED"


def test_introspection_needs_a_token_too(api: GraphQLClient) -> None:
    assert api.anonymous().post("{ __schema { types { name } } }").status_code == 401
    assert api.post("{ __schema { queryType { name } } }").status_code == 200


def test_every_staff_role_reads(api: GraphQLClient) -> None:
    for role in STAFF:
        assert api.as_role(role)(COMMITTEES) == {"committees": {"totalCount": 0}}


async def test_tokens_are_stored_only_as_hashes(db: Database) -> None:
    token, secret = await tokens.create(db, "阅读者", "VIEWER")
    rows = await db.read("MATCH (t:ApiToken {id: $id}) RETURN properties(t) AS p", id=token.id)
    stored = rows[0]["p"]
    assert secret not in json.dumps(stored, default=str)
    assert stored["hash"] == tokens.hash_secret(secret)
    assert (await tokens.by_secret(db, secret)) == token
    with pytest.raises(DomainError) as duplicate:
        await tokens.create(db, "阅读者", "ADMIN")
    assert duplicate.value.code is ErrorCode.DUPLICATE
    with pytest.raises(DomainError):
        await tokens.create(db, "x", "ROOT")


async def test_revoked_token_is_refused(
    db: Database, neo4j_settings: Settings, clean_graph: Driver
) -> None:
    token, secret = await tokens.create(db, "temp", "ADMIN")
    await tokens.revoke(db, "temp")
    assert await tokens.by_secret(db, secret) is None
    with pytest.raises(DomainError):
        await tokens.revoke(db, token.id)
    with TestClient(create_app(neo4j_settings, limits=TEST_LIMITS)) as http:
        response = http.post(
            "/graphql", json={"query": COMMITTEES}, headers={"Authorization": f"Bearer {secret}"}
        )
    assert response.status_code == 401


async def test_last_used_is_recorded(db: Database, neo4j_settings: Settings) -> None:
    token, secret = await tokens.create(db, "reader", "VIEWER")
    assert token.last_used is None
    with TestClient(create_app(neo4j_settings, limits=TEST_LIMITS)) as http:
        for _ in range(3):
            http.post(
                "/graphql",
                json={"query": COMMITTEES},
                headers={"Authorization": f"Bearer {secret}"},
            )
    (listed,) = [t for t in await tokens.list_tokens(db) if t.id == token.id]
    assert listed.last_used is not None


def test_token_cli(
    neo4j_settings: Settings, clean_graph: Driver, capsys: pytest.CaptureFixture[str]
) -> None:
    instance = ["--instance", neo4j_settings.local_instance or "test"]
    assert main(["token", "create", "--role", "CLERK", "--name", "办公室", *instance]) == 0
    secret = capsys.readouterr().out.strip()
    assert secret.startswith(tokens.PREFIX)
    assert main(["token", "list", *instance]) == 0
    listing = capsys.readouterr().out
    assert "办公室\tCLERK\tactive" in listing
    assert secret not in listing
    assert main(["token", "revoke", "办公室", *instance]) == 0
    assert main(["token", "list", *instance]) == 0
    assert "办公室\tCLERK\trevoked" in capsys.readouterr().out
    assert main(["token", "revoke", "办公室", *instance]) == 2  # nothing active by that name


def test_ensure_local_rotates_the_local_admin_token(
    neo4j_settings: Settings, clean_graph: Driver, capsys: pytest.CaptureFixture[str]
) -> None:
    instance = ["--instance", neo4j_settings.local_instance or "test"]
    assert main(["token", "ensure-local", *instance]) == 0
    first = capsys.readouterr().out.strip()
    assert main(["token", "ensure-local", *instance]) == 0
    second = capsys.readouterr().out.strip()
    assert first != second
    with TestClient(create_app(neo4j_settings, limits=TEST_LIMITS)) as http:
        old = http.post(
            "/graphql", json={"query": COMMITTEES}, headers={"Authorization": f"Bearer {first}"}
        )
        new = http.post(
            "/graphql", json={"query": COMMITTEES}, headers={"Authorization": f"Bearer {second}"}
        )
    assert (old.status_code, new.status_code) == (401, 200)


def test_graphiql_prefills_the_token_only_when_asked(neo4j_settings: Settings) -> None:
    html = {"accept": "text/html"}
    bind = ("127.0.0.1", 8000)
    local = "http://127.0.0.1:8000"
    with TestClient(create_app(neo4j_settings, bind=bind), base_url=local) as http:
        plain = http.get("/graphql", headers=html)
    app = create_app(neo4j_settings, graphiql_token="tl_local", bind=bind)
    with TestClient(app, base_url=local) as http:
        prefilled = http.get("/graphql", headers=html)
    assert plain.status_code == prefilled.status_code == 200
    assert "tl_local" not in plain.text
    assert "Bearer tl_local" in prefilled.text


def test_writes_are_audited(api: GraphQLClient) -> None:
    created = api(CREATE_CONGRESS, {"name": "诸城市人民代表大会"})["createCongress"]
    api(CREATE_CONGRESS, {"name": ""})  # INVALID: wrote nothing, so no record
    api.as_role(Role.VIEWER).post(CREATE_CONGRESS, {"name": "x"})  # FORBIDDEN: never ran

    events = api(AUDIT)["auditEvents"]
    assert events["totalCount"] == 1
    (event,) = [edge["node"] for edge in events["edges"]]
    assert event["operation"] == "createCongress"
    assert event["role"] == "ADMIN"
    assert event["tokenName"].startswith("test-admin")
    assert event["at"]
    congress_id = created["congress"]["id"]
    assert event["ids"] == [congress_id]  # global ids, as the API hands out

    assert api(AUDIT, {"operation": "deleteCongress"})["auditEvents"]["totalCount"] == 0
    assert api(AUDIT, {"tokenName": event["tokenName"]})["auditEvents"]["totalCount"] == 1


def test_only_admin_reads_the_audit_trail(api: GraphQLClient) -> None:
    for role in (Role.VIEWER, Role.PLANNER, Role.CLERK):
        body = api.as_role(role).post(AUDIT).json()
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert body["data"] is None
