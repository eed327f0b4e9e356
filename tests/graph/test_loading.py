"""graph.kernel.loading against the real Neo4j: allowlist checks, idempotent MERGE, streaming."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from graph.kernel.dataset import ChunkStream, Dataset, merge
from graph.kernel.db import Database
from graph.kernel.loading import LoadStats, is_empty, load_dataset
from graph.kernel.model import sort_key

COUNT_NODES = "MATCH (n) WHERE NOT n:Migration RETURN count(n) AS n"
COUNT_RELS = "MATCH ()-[r]->() RETURN count(r) AS n"
SNAPSHOT_NODES = """
MATCH (n) WHERE NOT n:Migration
RETURN labels(n) AS labels, properties(n) AS props
"""
SNAPSHOT_RELS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props
"""


async def counts(db: Database) -> tuple[int, int]:
    return (await db.read(COUNT_NODES))[0]["n"], (await db.read(COUNT_RELS))[0]["n"]


async def snapshot(db: Database) -> tuple[list[str], list[str]]:
    """Every node and relationship with all properties, in a comparable form."""
    nodes = sorted(
        repr((r["labels"], sorted(r["props"].items()))) for r in await db.read(SNAPSHOT_NODES)
    )
    rels = sorted(
        repr((r["type"], r["start"], r["end"], sorted(r["props"].items())))
        for r in await db.read(SNAPSHOT_RELS)
    )
    return nodes, rels


def small() -> Dataset:
    return {
        "nodes": {
            "Congress": [
                {
                    "id": "t-congress",
                    "name": "重庆市人民代表大会",
                    "source": "illustrative",
                    "level": "CITY",
                    "region": "重庆市",
                },
            ],
            "Deputy": [
                {"id": "t-dep-1", "name": "张伟", "source": "illustrative", "category": "FARMER"},
                {"id": "t-dep-2", "name": "李娜", "source": "illustrative", "gender": "FEMALE"},
            ],
            "DeputyGroup": [{"id": "t-group", "name": "茶产业专业代表小组", "source": "seed"}],
        },
        "rels": [
            (
                "DEPUTY_OF",
                "Deputy",
                "Congress",
                [
                    {
                        "start": "t-dep-1",
                        "end": "t-congress",
                        "level": "CITY",
                        "since": dt.date(2022, 1, 1),
                    },
                    {
                        "start": "t-dep-2",
                        "end": "t-congress",
                        "level": "CITY",
                        "since": dt.date(2022, 1, 1),
                    },
                ],
            ),
            ("GROUP_OF", "DeputyGroup", "Congress", [{"start": "t-group", "end": "t-congress"}]),
            (
                "GROUP_MEMBER",
                "Deputy",
                "DeputyGroup",
                [
                    {"start": "t-dep-1", "end": "t-group", "role": "CONVENER"},
                ],
            ),
        ],
    }


async def test_load_writes_rows_with_sort_keys_and_dates(db: Database) -> None:
    stats = await load_dataset(db, small())
    assert isinstance(stats, LoadStats)
    assert (stats.nodes, stats.relationships) == (4, 4)
    assert stats.seconds > 0
    assert await counts(db) == (4, 4)
    rows = await db.read(
        "MATCH (c:Congress {id: 't-congress'}) RETURN c.sortKey AS key, c.name AS name, "
        "c.level AS level"
    )
    assert rows == [
        {"key": sort_key("重庆市人民代表大会"), "name": "重庆市人民代表大会", "level": "CITY"}
    ]
    assert rows[0]["key"].startswith("chong qing")
    since = await db.read(
        "MATCH (:Deputy {id: 't-dep-1'})-[r:DEPUTY_OF]->() RETURN r.since AS since, "
        "valueType(r.since) AS type"
    )
    assert since == [{"since": dt.date(2022, 1, 1), "type": "DATE NOT NULL"}]
    member = await db.read(
        "MATCH (:Deputy {id: 't-dep-1'})-[r:MEMBER_OF]->(:DeputyGroup) RETURN r.role AS role"
    )
    assert member == [{"role": "CONVENER"}]


async def test_loading_twice_changes_nothing(db: Database) -> None:
    await load_dataset(db, small())
    first = await snapshot(db)
    await load_dataset(db, small())
    assert await snapshot(db) == first
    assert await counts(db) == (4, 4)


async def test_reloading_updates_properties_in_place(db: Database) -> None:
    await load_dataset(db, small())
    changed = small()
    changed["nodes"]["Deputy"][0]["expertise"] = "茶树栽培"
    changed["nodes"]["Deputy"][0]["name"] = "张卫"
    await load_dataset(db, changed)
    rows = await db.read(
        "MATCH (d:Deputy {id: 't-dep-1'}) RETURN d.name AS name, d.expertise AS e, d.sortKey AS k"
    )
    assert rows == [{"name": "张卫", "e": "茶树栽培", "k": sort_key("张卫")}]
    assert await counts(db) == (4, 4)


async def test_is_empty_ignores_bookkeeping_nodes(db: Database) -> None:
    # The fixture keeps the :Migration records of the schema, so the graph is not literally empty.
    assert (await db.read("MATCH (m:Migration) RETURN count(m) AS n"))[0]["n"] >= 1
    assert await is_empty(db)
    await db.write("CREATE (:ApiToken {id: 'bookkeeping'})")
    assert await is_empty(db)
    await load_dataset(db, small())
    assert not await is_empty(db)


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (
            lambda d: d["nodes"].__setitem__(
                "Person", [{"id": "x", "name": "某人", "source": "seed"}]
            ),
            "Unknown label 'Person'",
        ),
        (lambda d: d["rels"].append(("KNOWS", "Deputy", "Deputy", [])), "Unknown relation 'KNOWS'"),
        (
            lambda d: d["rels"].append(
                ("GROUP_OF", "Deputy", "Congress", [{"start": "t-dep-1", "end": "t-congress"}])
            ),
            "GROUP_OF runs from DeputyGroup",
        ),
        (
            lambda d: d["nodes"]["Deputy"][0].__setitem__("salary", 1),
            "property 'salary' not allowed",
        ),
        (lambda d: d["nodes"]["Deputy"][0].__setitem__("source", "rumour"), "source 'rumour'"),
        (lambda d: d["nodes"]["Deputy"][0].__setitem__("category", "BANKER"), "category='BANKER'"),
        (lambda d: d["nodes"]["Deputy"][0].pop("name"), "name must be a non-empty string"),
        (lambda d: d["rels"][2][3][0].__setitem__("role", "CHAIR"), "role='CHAIR'"),
        (
            lambda d: d["nodes"].__setitem__(
                "Enterprise",
                [
                    {
                        "id": "e",
                        "name": "某公司",
                        "source": "illustrative",
                        "uscc": "91370782MA3C000000",
                    }
                ],
            ),
            "uscc",
        ),
        (
            lambda d: d["nodes"].__setitem__(
                "Industry",
                [{"id": "ind-X", "name": "某业", "source": "illustrative", "code": "C3"}],
            ),
            "not a GB/T 4754 code",
        ),
    ],
)
async def test_allowlist_violations_raise_and_write_nothing(
    db: Database, spoil: Any, message: str
) -> None:
    dataset = small()
    spoil(dataset)
    with pytest.raises(ValueError, match=message):
        await load_dataset(db, dataset)
    assert await counts(db) == (0, 0)


async def test_relationship_to_a_missing_node_is_an_error_not_a_silent_drop(db: Database) -> None:
    dataset = small()
    dataset["rels"].append(
        (
            "GROUP_MEMBER",
            "Deputy",
            "DeputyGroup",
            [
                {"start": "t-dep-2", "end": "t-group", "role": "MEMBER"},
                {"start": "t-dep-404", "end": "t-group", "role": "MEMBER"},
            ],
        )
    )
    with pytest.raises(ValueError, match=r"t-dep-404->t-group \(missing start\)"):
        await load_dataset(db, dataset)
    # The failing batch was rolled back as a whole: t-dep-2 did not join.
    rows = await db.read("MATCH (:Deputy {id: 't-dep-2'})-[r:MEMBER_OF]->() RETURN count(r) AS n")
    assert rows == [{"n": 0}]


async def test_stream_of_small_chunks_in_small_batches(db: Database) -> None:
    """Chunks may refer to nodes of earlier chunks; progress grows to exactly its total."""
    chunks: list[Dataset] = [
        {
            "nodes": {
                "Congress": [
                    {
                        "id": "s-c",
                        "name": "某县人民代表大会",
                        "source": "synthetic",
                        "level": "COUNTY",
                    }
                ]
            }
        },
    ]
    for i in range(7):
        chunks.append(
            {
                "nodes": {"Deputy": [{"id": f"s-d{i}", "name": f"代表{i}", "source": "synthetic"}]},
                "rels": [
                    (
                        "DEPUTY_OF",
                        "Deputy",
                        "Congress",
                        [{"start": f"s-d{i}", "end": "s-c", "level": "COUNTY"}],
                    )
                ],
            }
        )
    calls: list[tuple[int, int]] = []
    stats = await load_dataset(
        db,
        ChunkStream(iter(chunks), estimated_rows=20),
        batch_size=3,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert (stats.nodes, stats.relationships) == (8, 7)
    assert await counts(db) == (8, 7)
    assert calls[-1] == (15, 15)
    assert all(done < total for done, total in calls[:-1])
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    # A plain generator (no estimate) streams too.
    again = await load_dataset(db, (c for c in chunks), batch_size=2)
    assert (again.nodes, again.relationships) == (8, 7)
    assert await counts(db) == (8, 7)


async def test_merge_combines_parts() -> None:
    a, b = small(), small()
    merged = merge(a, b)
    assert len(merged["nodes"]["Deputy"]) == 4
    assert len(merged["rels"]) == 6
