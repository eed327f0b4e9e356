"""Who may call which mutation, generated from the schema itself.

Every field of `Mutation` is tried with a token of every role and with no token. Arguments are
dummy values of the right GraphQL types built from the schema's input types, so mutations added
later are covered without touching this file. A refused call must write nothing (a digest of
the graph before and after); an allowed one must not be refused (NOT_FOUND or INVALID payload
errors from dummy ids are fine). A mutation that declares no permission fails the suite.
"""

from __future__ import annotations

from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
)

from graph.kernel import transfer
from graph.kernel.db import Database
from schema import schema
from schema.permissions import Permission, Role, declared_permissions
from tests.conftest import GraphQLClient

# A well-formed global id of a node that does not exist ("Congress:none").
DUMMY_ID = "Q29uZ3Jlc3M6bm9uZQ=="
SCALARS: dict[str, Any] = {
    "ID": DUMMY_ID,
    "String": "测试 test",
    "Int": 1,
    "Float": 1.5,
    "Boolean": False,
    "Date": "2026-03-01",
    "DateTime": "2026-03-01T08:00:00+08:00",
}


def dummy(type_: GraphQLInputType, depth: int = 0) -> Any:
    """A value of `type_`: every field of an input object filled in, lists of one item."""
    if isinstance(type_, GraphQLNonNull):
        return dummy(type_.of_type, depth)
    if isinstance(type_, GraphQLList):
        return [dummy(type_.of_type, depth)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {
            name: dummy(field.type, depth + 1)
            for name, field in type_.fields.items()
            if depth < 3 or isinstance(field.type, GraphQLNonNull)
        }
    assert isinstance(type_, GraphQLScalarType), type_
    if type_.name not in SCALARS:
        pytest.fail(f"no dummy value for scalar {type_.name}: add one to SCALARS")
    return SCALARS[type_.name]


def operation(name: str, field: GraphQLField) -> tuple[str, dict[str, Any]]:
    """`mutation($a: T!) { name(a: $a) { __typename } }` and its variables."""
    params = ", ".join(f"${arg}: {a.type}" for arg, a in field.args.items())
    args = ", ".join(f"{arg}: ${arg}" for arg in field.args)
    text = f"mutation{f'({params})' if params else ''} {{ {name}{f'({args})' if args else ''} "
    text += "{ __typename } }"
    return text, {arg: dummy(a.type) for arg, a in field.args.items()}


GRAPHQL_MUTATIONS = schema._schema.mutation_type.fields  # type: ignore[union-attr]
STRAWBERRY_MUTATIONS = {
    schema.config.name_converter.get_graphql_name(field): field
    for field in schema.get_type_by_name("Mutation").fields  # type: ignore[union-attr]
}


def allowed_roles(name: str) -> frozenset[Role]:
    permissions = declared_permissions(STRAWBERRY_MUTATIONS[name])
    roles = frozenset(Role)
    for permission in permissions:  # strawberry requires all of them
        roles &= permission.value
    return roles


def test_every_mutation_declares_a_permission() -> None:
    missing = [
        name for name in GRAPHQL_MUTATIONS if not declared_permissions(STRAWBERRY_MUTATIONS[name])
    ]
    assert not missing, f"mutations without permission_classes: {missing}"
    assert set(STRAWBERRY_MUTATIONS) == set(GRAPHQL_MUTATIONS)


# Subscribing to a calendar feed writes only the viewer's own read-only feed key (and
# revoking one's own key): the one kind of write a VIEWER may make.
VIEWER_MUTATIONS = frozenset({"createCalendarFeed", "revokeCalendarFeed"})


def test_no_mutation_is_open_to_viewers() -> None:
    """VIEWER only reads: a mutation allowing it would be a READ permission on a write."""
    graph_writes = set(GRAPHQL_MUTATIONS) - VIEWER_MUTATIONS
    assert set(GRAPHQL_MUTATIONS) >= VIEWER_MUTATIONS
    assert all(Role.VIEWER not in allowed_roles(name) for name in graph_writes)
    assert Permission.READ not in {
        p for name in graph_writes for p in declared_permissions(STRAWBERRY_MUTATIONS[name])
    }


def _codes(body: dict[str, Any]) -> set[str]:
    return {(e.get("extensions") or {}).get("code") for e in body.get("errors") or ()}


@pytest.mark.parametrize("name", sorted(GRAPHQL_MUTATIONS))
async def test_mutation_by_every_role(name: str, api: GraphQLClient, db: Database) -> None:
    assert declared_permissions(STRAWBERRY_MUTATIONS[name]), f"{name} declares no permission"
    text, variables = operation(name, GRAPHQL_MUTATIONS[name])
    allowed = allowed_roles(name)

    before = await transfer.digest(db, exclude=["ApiToken"])
    response = api.anonymous().post(text, variables)
    assert response.status_code == 401, response.text
    assert _codes(response.json()) == {"UNAUTHENTICATED"}
    assert await transfer.digest(db, exclude=["ApiToken"]) == before

    for role in Role:
        client = api.as_role(role)
        if role in allowed:
            continue
        before = await transfer.digest(db, exclude=["ApiToken"])
        response = client.post(text, variables)
        body = response.json()
        assert response.status_code == 200, body
        assert _codes(body) == {"FORBIDDEN"}, (role, body)
        assert body["data"] is None
        assert await transfer.digest(db, exclude=["ApiToken"]) == before, (role, name)

    for role in sorted(allowed, key=lambda r: r.value):
        response = api.as_role(role).post(text, variables)
        body = response.json()
        assert response.status_code < 500, body
        assert not _codes(body) & {"FORBIDDEN", "UNAUTHENTICATED", "INTERNAL_ERROR"}, (role, body)
        if "errors" not in body:
            assert body["data"][name]["__typename"]
