"""Paths between two entities through the liaison system: the k shortest, optionally required
to pass through kinds of node (a deputy group, an alliance) or to take kinds of relationship
(the third link runs committee → group → alliance → enterprise).

Paths cross the people and organisations of the liaison system; congresses and industries are
left out because "both belong to the same congress" explains nothing. A path never visits a
node twice. The requirements reach Cypher as parameters (labels and relationship keys from the
model's allowlist, checked here); only the numbers of hops and of length groups are written
into the statement, because Neo4j 5.26 takes them only as literals.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from graph.kernel import validate
from graph.kernel.db import Database
from graph.kernel.errors import not_found
from graph.kernel.model import LABELS, LIAISON_LABELS, RELATIONS
from graph.liaison.cypher import MATCH_NODE_NAME
from graph.liaison.network import GraphEdge, GraphNode, Network
from graph.liaison.vocab import PathLink, PathNode

MAX_PATH_HOPS = 8
MAX_PATHS = 10
# Without `k`: the paths of the shortest length, at most this many (as liaisonPaths always did).
ALL_SHORTEST = 10
# The paths of the k shortest lengths are put in order before the first k are kept; in a graph
# with more paths than this of those lengths, which ones are ordered is the database's choice.
PATH_CANDIDATES = 1000
_PATH_TYPES = "|".join(sorted({RELATIONS[link.value].type for link in PathLink}))

# A path is simple (no node twice), passes through every kind of node in $via (inside the path,
# not at its ends) and takes every relationship in $links ({type, start, end}: MEMBER_OF is told
# apart by its ends). `x` is the list of nodes after the start, `r` the relationships. Written
# inside the parenthesised path pattern, they hold during the search, before the shortest are
# chosen (in the MATCH's own WHERE they would only filter the shortest paths found).
_REQUIREMENTS = """all(i IN range(0, size(x) - 1)
        WHERE x[i] <> a AND none(j IN range(i + 1, size(x) - 1) WHERE x[i] = x[j]))
    AND all(label IN $via WHERE any(n IN x[..-1] WHERE label IN labels(n)))
    AND all(link IN $links WHERE any(rel IN r
        WHERE type(rel) = link.type
          AND any(l IN labels(startNode(rel)) WHERE l IN link.start)
          AND any(l IN labels(endNode(rel)) WHERE l IN link.end)))"""


@functools.cache
def match_paths(hops: int, groups: int, from_label: str, to_label: str) -> str:
    """The paths of the `groups` shortest lengths (at most `hops`) between two nodes found by
    label and id, meeting the requirements, shortest first, then in the pinyin order of their
    nodes; `$limit` of them."""
    if not (1 <= hops <= MAX_PATH_HOPS and 1 <= groups <= MAX_PATHS):
        raise ValueError(f"hops {hops}, groups {groups} out of range")
    if from_label not in LIAISON_LABELS or to_label not in LIAISON_LABELS:
        raise ValueError(f"{from_label!r} or {to_label!r} is not a liaison label")
    # Neo4j 5.26 turns {1,1} into a plain step and then refuses the parenthesised pattern; {0,1}
    # means the same here, since a path from a node to itself is refused before it runs.
    low = 0 if hops == 1 else 1
    return f"""
MATCH (a:{from_label} {{id: $from}}), (b:{to_label} {{id: $to}})
MATCH p = SHORTEST {groups} GROUPS (
  (a) (()-[r:{_PATH_TYPES}]-(x)){{{low},{hops}}} (b)
  WHERE {_REQUIREMENTS}
)
WITH p LIMIT $candidates
WITH p, [n IN nodes(p) | coalesce(n.sortKey, '') + ' ' + n.id] AS order
ORDER BY length(p), order
LIMIT $limit
RETURN [n IN nodes(p) | {{label: [l IN labels(n) WHERE l IN $allowed][0], id: n.id,
                          name: n.name}}] AS nodes,
       [rel IN relationships(p) | {{type: type(rel), props: properties(rel),
                                    from: startNode(rel).id, to: endNode(rel).id}}] AS rels
"""


def _link(link: PathLink) -> dict[str, object]:
    rel = RELATIONS[link.value]
    return {"type": rel.type, "start": list(rel.start), "end": list(rel.end)}


async def liaison_paths(
    db: Database,
    from_label: str,
    from_id: str,
    to_label: str,
    to_id: str,
    max_hops: int = 6,
    *,
    k: int | None = None,
    via: Sequence[PathNode] = (),
    links: Sequence[PathLink] = (),
) -> list[Network]:
    """The `k` shortest paths between two entities (without `k`: every path of the shortest
    length, at most ALL_SHORTEST), each through every kind of node in `via` and along every
    relationship in `links`; shortest first, ties in a fixed order."""
    if not 1 <= max_hops <= MAX_PATH_HOPS:
        raise validate.invalid(
            "maxHops",
            f"最大跳数须在 1 到 {MAX_PATH_HOPS} 之间",
            f"`maxHops` must be between 1 and {MAX_PATH_HOPS}, got {max_hops}",
        )
    if k is not None and not 1 <= k <= MAX_PATHS:
        raise validate.invalid(
            "k",
            f"路径条数 k 须在 1 到 {MAX_PATHS} 之间",
            f"`k` must be between 1 and {MAX_PATHS}, got {k}",
        )
    if (from_label, from_id) == (to_label, to_id):
        raise validate.invalid("toId", "起点与终点相同", "`fromId` and `toId` are the same")
    for label, node_id, fld in ((from_label, from_id, "fromId"), (to_label, to_id, "toId")):
        if not await db.read(MATCH_NODE_NAME[label], id=node_id):
            raise not_found(label, node_id, field=fld)
    rows = await db.read(
        match_paths(max_hops, k or 1, from_label, to_label),
        **{"from": from_id, "to": to_id},
        via=sorted({kind.label for kind in via}),
        links=[_link(link) for link in sorted(set(links), key=lambda x: x.value)],
        candidates=PATH_CANDIDATES,
        limit=k or ALL_SHORTEST,
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
