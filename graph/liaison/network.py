"""What the third link reaches: a committee's liaison network and the paths between two
entities, as nodes and edges, ready to draw (the gaps in coverage are gaps.py's)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.kernel import validate
from graph.kernel.db import Database
from graph.kernel.errors import not_found
from graph.kernel.model import LABELS
from graph.liaison.cypher import (
    MATCH_NETWORK_STEP,
    MATCH_NODE_NAME,
    MATCH_PATHS,
    MAX_PATH_HOPS,
)


@dataclass(frozen=True)
class GraphNode:
    label: str
    id: str
    name: str


@dataclass(frozen=True)
class GraphEdge:
    type: str
    source: GraphNode
    target: GraphNode
    properties: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Network:
    nodes: list[GraphNode]
    edges: list[GraphEdge]


MAX_NETWORK_DEPTH = 4
# A network is one response: past this many nodes, building and sending it is CPU work that a
# request's time limit cannot stop, so it is refused (a smaller depth, or a closer start, fits).
MAX_NETWORK_NODES = 2000


async def liaison_network(db: Database, committee_id: str, depth: int = 3) -> Network:
    """Everything a committee reaches within `depth` steps of the third link, breadth-first:
    one round trip per level, so the cost is bounded by the depth, not the graph."""
    if not 1 <= depth <= MAX_NETWORK_DEPTH:
        raise validate.invalid(
            "depth",
            f"深度须在 1 到 {MAX_NETWORK_DEPTH} 之间",
            f"`depth` must be between 1 and {MAX_NETWORK_DEPTH}, got {depth}",
        )
    root = await db.read(MATCH_NODE_NAME["Committee"], id=committee_id)
    if not root:
        raise not_found("Committee", committee_id, field="committeeId")
    start = GraphNode("Committee", committee_id, root[0]["name"])
    nodes: dict[tuple[str, str], GraphNode] = {(start.label, start.id): start}
    edges: dict[tuple[str, str, str, str, str], GraphEdge] = {}
    frontier = [start]
    for _ in range(depth):
        if not frontier:
            break
        rows = await db.read(
            MATCH_NETWORK_STEP,
            frontier=[{"label": n.label, "id": n.id} for n in frontier],
            allowed=list(LABELS),
        )
        frontier = []
        for row in rows:
            source = GraphNode(**row["source"])
            target = GraphNode(**row["target"])
            for node in (source, target):
                if (node.label, node.id) not in nodes:
                    nodes[(node.label, node.id)] = node
                    frontier.append(node)
            key = (row["type"], source.label, source.id, target.label, target.id)
            edges.setdefault(key, GraphEdge(row["type"], source, target, row["props"]))
        if len(nodes) > MAX_NETWORK_NODES:
            raise validate.invalid(
                "depth",
                f"联络网络超过 {MAX_NETWORK_NODES} 个节点，请减小深度",
                f"The network has more than {MAX_NETWORK_NODES} nodes; ask for a smaller depth",
            )
    return Network(list(nodes.values()), list(edges.values()))


async def liaison_paths(
    db: Database,
    from_label: str,
    from_id: str,
    to_label: str,
    to_id: str,
    max_hops: int = 6,
    limit: int = 10,
) -> list[Network]:
    """The shortest paths (all of them, up to `limit`) between two entities."""
    if not 1 <= max_hops <= MAX_PATH_HOPS:
        raise validate.invalid(
            "maxHops",
            f"最大跳数须在 1 到 {MAX_PATH_HOPS} 之间",
            f"`maxHops` must be between 1 and {MAX_PATH_HOPS}, got {max_hops}",
        )
    if (from_label, from_id) == (to_label, to_id):
        raise validate.invalid("toId", "起点与终点相同", "`fromId` and `toId` are the same")
    for label, node_id, fld in ((from_label, from_id, "fromId"), (to_label, to_id, "toId")):
        if not await db.read(MATCH_NODE_NAME[label], id=node_id):
            raise not_found(label, node_id, field=fld)
    rows = await db.read(
        MATCH_PATHS[(max_hops, from_label, to_label)],
        **{"from": from_id, "to": to_id},
        limit=limit,
        allowed=list(LABELS),
    )
    paths = []
    for row in rows:
        nodes = [GraphNode(**n) for n in row["nodes"]]
        edges = []
        for left, right, rel in zip(nodes[:-1], nodes[1:], row["rels"], strict=True):
            source, target = (left, right) if rel["from"] == left.id else (right, left)
            edges.append(GraphEdge(rel["type"], source, target, rel["props"]))
        paths.append(Network(nodes, edges))
    return paths
