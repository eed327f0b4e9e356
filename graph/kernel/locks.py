"""Write locks, so that every rule a write checks still holds when writes run in parallel.

A write transaction takes its locks first, then checks, then writes: Neo4j holds a node's
write lock until the transaction ends, so a second transaction that wants the same lock waits
and then sees the first one's writes in its own check. Two kinds of anchor:

- an existing node (`lock_nodes`): the group whose convener is chosen, the deputy whose
  employer is set, both ends of a new relationship, the raiser of a suggestion;
- a named anchor (`lock_anchor`), a (:Lock {name}) node, for rules about things that do not
  exist yet (no two alliances of one name) or that span many nodes (no cycle in the industry
  tree). Its name is unique (migration 6), so concurrent MERGEs of a new anchor meet on the
  constraint and one (:Lock) per name exists. :Lock nodes are bookkeeping, like :Migration:
  not exported, not counted as data.

Locks are taken in a fixed order (anchors, then nodes by label and id), so two writers never
wait on each other in a circle; should Neo4j still report a deadlock, the driver retries the
transaction (it is a transient error).
"""

from __future__ import annotations

from collections.abc import Iterable

from neo4j import AsyncManagedTransaction

from graph.kernel.db import run
from graph.kernel.errors import not_found
from graph.kernel.model import LABELS
from graph.kernel.reads import Row, require_node

LOCK_ANCHOR = """
UNWIND $names AS name
MERGE (l:Lock {name: name})
SET l.taken = coalesce(l.taken, 0) + 1
"""

# SET then REMOVE: the node's write lock is taken and nothing is left behind.
LOCK_NODE = {
    label: f"""
MATCH (n:{label} {{id: $id}})
SET n._lock = true REMOVE n._lock
RETURN n {{.*}} AS node
"""
    for label in LABELS
}


def create_anchor(label: str) -> str:
    """The anchor every create or rename of a `label` with a unique name takes."""
    return f"name:{label}"


INDUSTRY_TREE = "tree:Industry"


async def lock_anchor(tx: AsyncManagedTransaction, *names: str) -> None:
    await run(tx, LOCK_ANCHOR, names=sorted(set(names)))


async def lock_nodes(
    tx: AsyncManagedTransaction, nodes: Iterable[tuple[str, str, str]]
) -> dict[tuple[str, str], Row]:
    """Lock each (label, id, field) node, in (label, id) order; return the nodes by (label, id).
    A missing node is NOT_FOUND (or INVALID when the id is another label's) naming `field`."""
    wanted = {(label, node_id): fld for label, node_id, fld in nodes}
    out: dict[tuple[str, str], Row] = {}
    for (label, node_id), fld in sorted(wanted.items()):
        rows = await run(tx, LOCK_NODE[label], id=node_id)
        # A node deleted by the transaction that held its lock is still returned once the
        # lock is ours, with no properties left: it is gone, so it is missing.
        node = rows[0]["node"] if rows else None
        if not node or node.get("id") != node_id:
            node = await require_node(tx, label, node_id, fld)
            if node.get("id") != node_id:
                raise not_found(label, node_id, field=fld)
        out[(label, node_id)] = node
    return out
