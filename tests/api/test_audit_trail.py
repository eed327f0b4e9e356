"""The audit trail is written in the transaction of the change it records: every successful
mutation (the whole schema, through tests/mutation_script.py) leaves exactly one AuditEvent,
a rolled-back one leaves none, and a failing audit write takes the change down with it."""

from __future__ import annotations

import uuid

import pytest
from neo4j import Driver
from strawberry import relay

from graph.kernel import audit, nodes
from graph.kernel.db import Database
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.settings import Settings
from tests.conftest import GraphQLClient
from tests.digest import graph_digest
from tests.mutation_script import (
    MUTATIONS,
    SCRIPT,
    Ids,
    call,
    missing_mutations,
    returned_id,
    run_steps,
)

EVENTS = """
MATCH (e:AuditEvent) WITH e ORDER BY e.at
RETURN collect(e {.operation, .ids, .tokenName, .role}) AS events
"""


def events(driver: Driver, database: str) -> list[dict]:
    with driver.session(database=database) as session:
        found: list[dict] = session.run(EVENTS).single(strict=True)["events"]
    return found


def test_the_script_calls_every_mutation() -> None:
    assert missing_mutations() == [], "add these mutations to tests/mutation_script.py"


def _label_id(touched: str) -> str:
    """Label:id of a global id; a plain id (a calendar feed's) stays as it is."""
    try:
        gid = relay.GlobalID.from_id(touched)
    except relay.GlobalIDValueError:
        return touched
    return f"{gid.type_name}:{gid.node_id}"


def test_every_successful_mutation_leaves_exactly_one_event(
    api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings
) -> None:
    ids: Ids = {}
    for seen, (step, payload) in enumerate(run_steps(api, SCRIPT, ids)):
        now = events(clean_graph, neo4j_settings.database)
        assert len(now) == seen + 1, (step.name, now[seen:])
        event = now[-1]
        assert event["operation"] == step.name
        assert event["role"] == "ADMIN" and event["tokenName"].startswith("test-admin")
        assert event["ids"], step.name  # what it touched, as Label:id
        assert all(":" in ref for ref in event["ids"]), event
        touched = returned_id(payload)
        if touched:  # the object the mutation returns is among them
            assert _label_id(touched) in event["ids"] or any(
                ref.endswith(f":{touched}") for ref in event["ids"]
            ), (step.name, event)
    assert {e["operation"] for e in events(clean_graph, neo4j_settings.database)} == set(MUTATIONS)


def test_a_rolled_back_mutation_leaves_no_event(
    api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings
) -> None:
    ids: Ids = {}
    list(run_steps(api, SCRIPT[:1], ids))  # one congress
    before = graph_digest(clean_graph, neo4j_settings.database)
    # DUPLICATE (the name is taken) and CONFLICT (a closed loop cannot be registered again)
    refused = call(
        api, "createCongress", {"input": {"name": "诸城市人民代表大会", "level": "COUNTY"}}
    )
    assert [e["code"] for e in refused["errors"]] == ["DUPLICATE"]
    assert graph_digest(clean_graph, neo4j_settings.database) == before
    assert [e["operation"] for e in events(clean_graph, neo4j_settings.database)] == [
        "createCongress"
    ]


async def test_a_failing_audit_write_rolls_the_change_back(
    db: Database, clean_graph: Driver, neo4j_settings: Settings
) -> None:
    """The event's id is taken already, so its CREATE fails (unique constraint) after the
    change was written in the same transaction: neither may remain."""
    taken = str(uuid.uuid4())
    with clean_graph.session(database=neo4j_settings.database) as session:
        session.run("CREATE (:AuditEvent {id: $id, operation: 'earlier'})", id=taken).consume()
    before = graph_digest(clean_graph, neo4j_settings.database)
    with audit.pending(token_name="t", role="ADMIN", operation="createCongress", ids=[]) as p:
        p.id = taken
        with pytest.raises(DomainError) as failed:
            await nodes.create_node(
                db, "Congress", {"name": "诸城市人民代表大会", "level": "COUNTY"}
            )
    assert failed.value.code is ErrorCode.DUPLICATE
    assert graph_digest(clean_graph, neo4j_settings.database) == before
    assert [e["operation"] for e in events(clean_graph, neo4j_settings.database)] == ["earlier"]


async def test_the_event_commits_with_the_change(
    db: Database, clean_graph: Driver, neo4j_settings: Settings
) -> None:
    with audit.pending(token_name="t", role="ADMIN", operation="createCongress", ids=[]):
        row = await nodes.create_node(
            db, "Congress", {"name": "诸城市人民代表大会", "level": "COUNTY"}
        )
    (event,) = events(clean_graph, neo4j_settings.database)
    assert event["ids"] == [f"Congress:{row['id']}"]
