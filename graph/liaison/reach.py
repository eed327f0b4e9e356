"""The liaison network around any entity of the third link: a committee, a deputy group, an
alliance, an enterprise, a deputy or an industry, as nodes and edges to draw.

The network is everything within `depth` steps of the start along the relationships the third
link is made of, whichever way they point: committee–group (LIAISES_WITH), group–alliance
(PARTNERS_WITH), group–member and alliance–enterprise (MEMBER_OF), committee–deputy (SITS_ON),
deputy–employer (WORKS_AT). From a committee that is its groups and the deputies on it, then
the groups' alliances, members and other committees, and so on; from an alliance, its groups
and enterprises first. Congresses and industries are hubs that would join everything to
everything, so they are never crossed; an industry may only be the start, whose first step is
what is in it (groups, alliances, enterprises in that industry node, as `Industry.groups`).
"""

from __future__ import annotations

from graph.kernel import validate
from graph.kernel.db import Database
from graph.kernel.errors import not_found
from graph.kernel.model import LABELS
from graph.liaison.cypher import MATCH_NODE_NAME
from graph.liaison.network import GraphEdge, GraphNode, Network

# Where a network may start: the entities of the third link (not a congress: everything
# belongs to one, so "its network" is the whole graph).
NETWORK_STARTS = ("Committee", "DeputyGroup", "Alliance", "Enterprise", "Deputy", "Industry")

MAX_NETWORK_DEPTH = 4
# A network is one response: past this many nodes, building and sending it is CPU work that a
# request's time limit cannot stop, so it is refused (a smaller depth, or a closer start, fits).
MAX_NETWORK_NODES = 2000

# One step of the network from a node of each label, in both directions of each relationship.
_STEPS = (
    ("Committee", "-[r:LIAISES_WITH]->(:DeputyGroup)"),
    ("Committee", "<-[r:SITS_ON]-(:Deputy)"),
    ("DeputyGroup", "<-[r:LIAISES_WITH]-(:Committee)"),
    ("DeputyGroup", "-[r:PARTNERS_WITH]->(:Alliance)"),
    ("DeputyGroup", "<-[r:MEMBER_OF]-(:Deputy)"),
    ("Alliance", "<-[r:PARTNERS_WITH]-(:DeputyGroup)"),
    ("Alliance", "<-[r:MEMBER_OF]-(:Enterprise)"),
    ("Enterprise", "-[r:MEMBER_OF]->(:Alliance)"),
    ("Enterprise", "<-[r:WORKS_AT]-(:Deputy)"),
    ("Deputy", "-[r:MEMBER_OF]->(:DeputyGroup)"),
    ("Deputy", "-[r:SITS_ON]->(:Committee)"),
    ("Deputy", "-[r:WORKS_AT]->(:Enterprise)"),
    ("Industry", "<-[r:IN_INDUSTRY]-(:DeputyGroup)"),
    ("Industry", "<-[r:IN_INDUSTRY]-(:Alliance)"),
    ("Industry", "<-[r:IN_INDUSTRY]-(:Enterprise)"),
)
# Each branch matches its start by label and id, so the frontier is found through the unique
# id indexes rather than by scanning every node for its id.
_STEP_BRANCHES = "\n  UNION\n".join(
    f"  MATCH (a:{label} {{id: key.id}}){pattern} WHERE key.label = '{label}' RETURN r"
    for label, pattern in _STEPS
)
# One breadth-first step of the network from a frontier of {label, id}.
MATCH_REACH_STEP = f"""
UNWIND $frontier AS key
CALL (key) {{
{_STEP_BRANCHES}
}}
WITH r, startNode(r) AS s, endNode(r) AS e
RETURN type(r) AS type, properties(r) AS props,
       {{label: [l IN labels(s) WHERE l IN $allowed][0], id: s.id, name: s.name}} AS source,
       {{label: [l IN labels(e) WHERE l IN $allowed][0], id: e.id, name: e.name}} AS target
"""


async def network_from(
    db: Database, label: str, node_id: str, depth: int = 3, *, field: str = "fromId"
) -> Network:
    """Everything within `depth` steps of the node (`label`, `node_id`), breadth-first: one
    round trip for the start and one per level, so the cost is bounded by the depth, not the
    graph. `field` names the argument that gave the start, for errors."""
    if label not in NETWORK_STARTS:
        raise validate.invalid(
            field,
            f"{field} 应为专门委员会、代表小组、产业联盟、企业、代表或行业的 ID",
            f"`{field}` must be the id of a {', '.join(NETWORK_STARTS)}, got a {label} id",
        )
    if not 1 <= depth <= MAX_NETWORK_DEPTH:
        raise validate.invalid(
            "depth",
            f"深度须在 1 到 {MAX_NETWORK_DEPTH} 之间",
            f"`depth` must be between 1 and {MAX_NETWORK_DEPTH}, got {depth}",
        )
    root = await db.read(MATCH_NODE_NAME[label], id=node_id)
    if not root:
        raise not_found(label, node_id, field=field)
    start = GraphNode(label, node_id, root[0]["name"])
    nodes: dict[tuple[str, str], GraphNode] = {(start.label, start.id): start}
    edges: dict[tuple[str, str, str, str, str], GraphEdge] = {}
    frontier = [start]
    for _ in range(depth):
        if not frontier:
            break
        rows = await db.read(
            MATCH_REACH_STEP,
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
