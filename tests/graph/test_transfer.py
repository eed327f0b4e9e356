"""Export, wipe, import: the same graph comes back (compared by a canonical digest)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from neo4j import Driver

from api.cli import main
from datasets.demo import compose as demo
from graph.kernel import loading, transfer
from graph.kernel.db import Database
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.settings import Settings

# Temporal values of every kind, lists, Chinese text, and properties on relationships.
EXTRAS = """
CREATE (a:Alliance {id: 'a-temporal', name: '时间联盟', sortKey: 'shijianlianmeng',
        founded: date('2021-05-04'), at: datetime('2026-03-01T08:00:00+08:00'),
        local: localdatetime('2026-03-01T08:00:00'), opens: time('09:30:00+08:00'),
        lunch: localtime('12:00:00'), term: duration('P1Y2M3DT4H'), tags: ['预制菜', '食品'],
        ratio: 0.5, active: true})
WITH a
MATCH (g:DeputyGroup) WITH a, g LIMIT 1
CREATE (g)-[:PARTNERS_WITH {since: date('2022-01-01')}]->(a)
"""


async def _load(db: Database) -> None:
    await loading.load_dataset(db, demo.demo_dataset())
    await db.write(EXTRAS)


async def test_export_wipe_import_gives_the_same_graph(db: Database) -> None:
    await _load(db)
    lines = await transfer.export_lines(db)
    before = await transfer.digest(db)
    await transfer.wipe(db)
    assert await transfer.digest(db) != before
    stats = await transfer.import_lines(db, lines)
    assert await transfer.digest(db) == before
    nodes = sum(1 for line in lines if json.loads(line)["type"] == "node")
    assert (stats.nodes, stats.relationships) == (nodes, len(lines) - nodes)
    assert stats.relationships > 0
    print(f"\nexport/import: {stats.nodes} nodes, {stats.relationships} rels, digest {before}")


async def test_temporal_values_keep_their_types(db: Database) -> None:
    await _load(db)
    (line,) = [
        json.loads(line)
        for line in await transfer.export_lines(db)
        if '"a-temporal"' in line and '"node"' in line
    ]
    props = line["properties"]
    assert props["founded"] == {"$date": "2021-05-04"}
    # Nanosecond precision is kept.
    assert props["at"] == {"$datetime": "2026-03-01T08:00:00.000000000+08:00"}
    assert props["local"] == {"$localdatetime": "2026-03-01T08:00:00.000000000"}
    assert "$time" in props["opens"] and "$localtime" in props["lunch"]
    assert "$duration" in props["term"]
    assert props["tags"] == ["预制菜", "食品"]


async def test_import_refuses_a_graph_with_data_and_unknown_labels(db: Database) -> None:
    await _load(db)
    lines = await transfer.export_lines(db)
    with pytest.raises(DomainError) as busy:
        await transfer.import_lines(db, lines)
    assert busy.value.code is ErrorCode.CONFLICT
    await transfer.wipe(db)
    bad = '{"type": "node", "label": "Secret`) DETACH DELETE n //", "id": "x", "properties": {}}'
    with pytest.raises(DomainError) as unknown:
        await transfer.import_lines(db, [bad])
    assert unknown.value.code is ErrorCode.INVALID
    dangling = json.dumps(
        {
            "type": "rel",
            "relType": "COMMITTEE_OF",
            "start": {"label": "Committee", "id": "nope"},
            "end": {"label": "Congress", "id": "nope"},
            "properties": {},
        }
    )
    with pytest.raises(DomainError):
        await transfer.import_lines(db, [dangling])
    assert await transfer.export_lines(db) == []  # all or nothing


async def test_cli_export_and_import(
    db: Database, neo4j_settings: Settings, clean_graph: Driver, tmp_path: Path
) -> None:
    await _load(db)
    before = await transfer.digest(db)
    file = tmp_path / "graph.jsonl"
    instance = ["--instance", neo4j_settings.local_instance or "test"]
    # The CLI runs its own event loop: call it from a thread.
    assert await asyncio.to_thread(main, ["export", str(file), *instance]) == 0
    await transfer.wipe(db)
    assert await asyncio.to_thread(main, ["import", str(file), *instance]) == 0
    assert await transfer.digest(db) == before
    # Not into a graph with data.
    assert await asyncio.to_thread(main, ["import", str(file), *instance]) == 2
