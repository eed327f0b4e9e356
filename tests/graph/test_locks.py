"""The write locks at the graph layer: renames racing to one name, and the (:Lock) anchors
being bookkeeping, not data. The mutations' races over HTTP are in tests/api/test_races.py."""

from __future__ import annotations

import asyncio

from graph.kernel import nodes, transfer
from graph.kernel.db import Database
from graph.kernel.errors import DomainError, ErrorCode
from graph.liaison import links

N = 8


async def test_renames_to_one_name_at_once_leave_one(db: Database) -> None:
    ids = [(await nodes.create_node(db, "Alliance", {"name": f"联盟{i}"}))["id"] for i in range(N)]
    results = await asyncio.gather(
        *(nodes.update_node(db, "Alliance", i, {"name": "诸城汽车产业联盟"}) for i in ids),
        return_exceptions=True,
    )
    refused = [r for r in results if isinstance(r, DomainError)]
    assert all(r.code is ErrorCode.DUPLICATE and r.field == "input.name" for r in refused)
    assert not [r for r in results if isinstance(r, BaseException) and r not in refused]
    rows = await db.read("MATCH (n:Alliance {name: '诸城汽车产业联盟'}) RETURN count(n) AS n")
    assert (len(refused), rows[0]["n"]) == (N - 1, 1)


async def test_a_delete_racing_a_link_never_leaves_a_link_to_nothing(db: Database) -> None:
    alliance = (await nodes.create_node(db, "Alliance", {"name": "山东预制菜产业联盟"}))["id"]
    firms = [
        (await nodes.create_node(db, "Enterprise", {"name": f"食品公司{i}"}))["id"]
        for i in range(N)
    ]
    attempts = [
        links.link(db, links.LinkSpec("ALLIANCE_MEMBER", "Enterprise", f, "Alliance", alliance))
        for f in firms
    ]
    results = await asyncio.gather(
        nodes.delete_node(db, "Alliance", alliance), *attempts, return_exceptions=True
    )
    deleted, linked = results[0], results[1:]
    members = await db.read(
        "MATCH (:Enterprise)-[r:MEMBER_OF]->(:Alliance {id: $id}) RETURN count(r) AS n", id=alliance
    )
    ok = [r for r in linked if not isinstance(r, BaseException)]
    if isinstance(deleted, DomainError):
        # Refused because some links came first: exactly those links are there.
        assert deleted.code is ErrorCode.CONFLICT
        assert members[0]["n"] == len(ok) > 0
    else:
        assert deleted == alliance
        # Every link after the delete found no alliance, and said so.
        assert ok == []
        assert all(isinstance(r, DomainError) and r.code is ErrorCode.NOT_FOUND for r in linked)


async def test_lock_anchors_are_not_data(db: Database) -> None:
    await nodes.create_node(db, "Alliance", {"name": "山东预制菜产业联盟"})
    assert (await db.read("MATCH (l:Lock) RETURN count(l) AS n"))[0]["n"] == 1
    lines = await transfer.export_lines(db)
    assert not [line for line in lines if '"Lock"' in line]
    await transfer.wipe(db)
    assert (await db.read(transfer.COUNT_DATA))[0]["n"] == 0
