"""The liaison graph (第三联): committees, deputy groups, alliances, deputies, enterprises,
industries and congresses — lists, search, networks, paths, coverage gaps, and the writes.

Rules of the domain live here beside the Cypher that enforces them (one convener per group,
one employer per deputy, no cycles in the industry tree, what may be deleted), so the CLI, the
API and the tests share them. Writes run in one transaction that locks (graph/locks.py), checks,
then writes: a failed check raises a DomainError and nothing is written; parallel writes queue.

Size: over 400 lines because it still holds several jobs of its domain in one file; the
split into one package per domain with modules by job is the "one home per domain" issue's
work, kept out of the hardening change so that its diff stays reviewable.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.kernel import dates, locks, validate
from graph.kernel.db import Database, run
from graph.kernel.errors import LABEL_ZH, DomainError, ErrorCode, not_found
from graph.kernel.model import (
    COMMITTEE_KINDS,
    CONGRESS_LEVELS,
    DEPUTY_CATEGORIES,
    LABELS,
    LIAISON_LABELS,
    MEMBER_ROLES,
    NAME_INDEX,
    NAMED_LABELS,
    RELATIONS,
    sort_key,
)
from graph.kernel.names import name_key
from graph.kernel.reads import Page, Row, check_page

# ---------------------------------------------------------------------------------------------
# Lists with filters
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListFilter:
    name_contains: str | None = None
    industry_code: str | None = None  # the industry and its whole sub-tree
    congress_id: str | None = None


# How each label is tied to a congress and to an industry, for the filters above.
_CONGRESS_FILTER = {
    "Congress": "n.id = $congress",
    "Committee": "EXISTS { (n)-[:COMMITTEE_OF]->(:Congress {id: $congress}) }",
    "DeputyGroup": "EXISTS { (n)-[:GROUP_OF]->(:Congress {id: $congress}) }",
    "Deputy": "EXISTS { (n)-[:DEPUTY_OF]->(:Congress {id: $congress}) }",
    "Alliance": "EXISTS { (n)<-[:PARTNERS_WITH]-(:DeputyGroup)-[:GROUP_OF]->"
    "(:Congress {id: $congress}) }",
    "Enterprise": "EXISTS { (n)<-[:WORKS_AT]-(:Deputy)-[:DEPUTY_OF]->(:Congress {id: $congress}) }"
    " OR EXISTS { (n)-[:MEMBER_OF]->(:Alliance)<-[:PARTNERS_WITH]-(:DeputyGroup)-[:GROUP_OF]->"
    "(:Congress {id: $congress}) }",
    "Industry": "EXISTS { (n)<-[:PART_OF*0..]-(:Industry)<-[:IN_INDUSTRY]-(:DeputyGroup)"
    "-[:GROUP_OF]->(:Congress {id: $congress}) }",
}
_IN_SUBTREE = "(:Industry)-[:PART_OF*0..]->(:Industry {code: $industry})"
_INDUSTRY_FILTER = {
    "Industry": "EXISTS { (n)-[:PART_OF*0..]->(:Industry {code: $industry}) }",
    "DeputyGroup": f"EXISTS {{ (n)-[:IN_INDUSTRY]->{_IN_SUBTREE} }}",
    "Alliance": f"EXISTS {{ (n)-[:IN_INDUSTRY]->{_IN_SUBTREE} }}",
    "Enterprise": f"EXISTS {{ (n)-[:IN_INDUSTRY]->{_IN_SUBTREE} }}",
    "Committee": f"EXISTS {{ (n)-[:LIAISES_WITH]->(:DeputyGroup)-[:IN_INDUSTRY]->{_IN_SUBTREE} }}",
    "Deputy": f"EXISTS {{ (n)-[:MEMBER_OF]->(:DeputyGroup)-[:IN_INDUSTRY]->{_IN_SUBTREE} }}"
    f" OR EXISTS {{ (n)-[:WORKS_AT]->(:Enterprise)-[:IN_INDUSTRY]->{_IN_SUBTREE} }}",
    "Congress": f"EXISTS {{ (n)<-[:GROUP_OF]-(:DeputyGroup)-[:IN_INDUSTRY]->{_IN_SUBTREE} }}",
}


def _list_query(label: str) -> str:
    where = (
        "($name IS NULL OR toLower(n.name) CONTAINS toLower($name))"
        f" AND ($congress IS NULL OR {_CONGRESS_FILTER[label]})"
        f" AND ($industry IS NULL OR {_INDUSTRY_FILTER[label]})"
    )
    return f"""
CALL () {{ MATCH (n:{label}) WHERE {where} RETURN count(n) AS total }}
CALL () {{
  MATCH (n:{label}) WHERE {where}
  WITH n ORDER BY n.sortKey, n.id SKIP $skip LIMIT $limit
  RETURN collect(n {{.*}}) AS rows
}}
RETURN total, rows
"""


LIST_QUERIES = {label: _list_query(label) for label in LIAISON_LABELS}


async def list_nodes(
    db: Database, label: str, filter: ListFilter, *, first: int, offset: int
) -> Page:
    """One page of `label`, in pinyin order, with the total count matching the filter."""
    check_page(first, offset)
    rows = await db.read(
        LIST_QUERIES[label],
        name=validate.clean_text(filter.name_contains) if filter.name_contains else None,
        industry=filter.industry_code.upper() if filter.industry_code else None,
        congress=filter.congress_id,
        skip=offset,
        limit=first,
    )
    return Page(total=rows[0]["total"], rows=rows[0]["rows"])


# ---------------------------------------------------------------------------------------------
# Search: Chinese substrings, ranked
# ---------------------------------------------------------------------------------------------

# Lucene syntax characters are escaped so user text is searched literally.
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')

# A node matches when its name contains the text (any length, even one character) or when the
# cjk full-text index finds its bigrams (words in another order, extra spaces). Exact names rank
# first, then prefixes, then substrings, then full-text-only hits by score.
SEARCH = f"""
CALL () {{
  MATCH (n) WHERE (n:{"|".join(NAMED_LABELS)}) AND toLower(n.name) CONTAINS toLower($text)
  RETURN n, 0.0 AS score
  UNION ALL
  CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score
  RETURN node AS n, score
}}
WITH n, max(score) AS score
WITH n, score,
     CASE WHEN toLower(n.name) = toLower($text) THEN 3
          WHEN toLower(n.name) STARTS WITH toLower($text) THEN 2
          WHEN toLower(n.name) CONTAINS toLower($text) THEN 1
          ELSE 0 END AS rank
WHERE $labels IS NULL OR any(l IN labels(n) WHERE l IN $labels)
WITH n, rank, score ORDER BY rank DESC, score DESC, n.sortKey, n.id
WITH collect({{label: [l IN labels(n) WHERE l IN $allowed][0], node: n {{.*}},
              rank: rank, score: score}}) AS hits
RETURN size(hits) AS total, hits[$skip..$skip + $limit] AS rows
"""


@dataclass(frozen=True)
class SearchHit:
    label: str
    node: Row
    rank: int
    score: float


async def search(
    db: Database,
    text: str,
    *,
    labels: Sequence[str] | None = None,
    first: int = 20,
    offset: int = 0,
) -> tuple[int, list[SearchHit]]:
    check_page(first, offset)
    query = validate.name(text, "text")
    for label in labels or ():
        if label not in NAMED_LABELS:
            raise validate.invalid("labels", f"无法搜索类型 {label}", f"Cannot search {label}")
    # Quoted as a phrase: the cjk analyzer turns it into bigrams that must appear in order.
    lucene = '"' + _LUCENE_SPECIAL.sub(r"\\\1", query) + '"'
    rows = await db.read(
        SEARCH,
        text=query,
        lucene=lucene,
        index=NAME_INDEX,
        labels=list(labels) if labels else None,
        allowed=list(NAMED_LABELS),
        skip=offset,
        limit=first,
    )
    hits = [SearchHit(r["label"], r["node"], r["rank"], r["score"]) for r in rows[0]["rows"]]
    return rows[0]["total"], hits


# ---------------------------------------------------------------------------------------------
# Liaison network and paths, ready to draw
# ---------------------------------------------------------------------------------------------


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


# The steps of the third link, outward from a committee: its groups and the deputies sitting
# on it; a group's alliances and members; an alliance's enterprises; a deputy's employer.
# Congresses and industries are hubs that would join everything to everything, so they are
# not crossed.
_STEPS = (
    ("Committee", "-[r:LIAISES_WITH]->(:DeputyGroup)"),
    ("Committee", "<-[r:SITS_ON]-(:Deputy)"),
    ("DeputyGroup", "-[r:PARTNERS_WITH]->(:Alliance)"),
    ("DeputyGroup", "<-[r:MEMBER_OF]-(:Deputy)"),
    ("Alliance", "<-[r:MEMBER_OF]-(:Enterprise)"),
    ("Deputy", "-[r:WORKS_AT]->(:Enterprise)"),
)
# Each branch matches its start by label and id, so the frontier is found through the unique
# id indexes rather than by scanning every node for its id.
_STEP_BRANCHES = "\n  UNION\n".join(
    f"  MATCH (a:{label} {{id: key.id}}){pattern} WHERE key.label = '{label}' RETURN r"
    for label, pattern in _STEPS
)
NETWORK_STEP = f"""
UNWIND $frontier AS key
CALL (key) {{
{_STEP_BRANCHES}
}}
WITH r, startNode(r) AS s, endNode(r) AS e
RETURN type(r) AS type, properties(r) AS props,
       {{label: [l IN labels(s) WHERE l IN $allowed][0], id: s.id, name: s.name}} AS source,
       {{label: [l IN labels(e) WHERE l IN $allowed][0], id: e.id, name: e.name}} AS target
"""

NODE_SUMMARY = {label: f"MATCH (n:{label} {{id: $id}}) RETURN n.name AS name" for label in LABELS}

MAX_NETWORK_DEPTH = 4
# A network is one response: past this many nodes, building and sending it is CPU work that a
# request's time limit cannot stop, so it is refused (a smaller depth, or a closer start, fits).
MAX_NETWORK_NODES = 2000


@dataclass(frozen=True)
class Network:
    nodes: list[GraphNode]
    edges: list[GraphEdge]


async def liaison_network(db: Database, committee_id: str, depth: int = 3) -> Network:
    """Everything a committee reaches within `depth` steps of the third link, breadth-first:
    one round trip per level, so the cost is bounded by the depth, not the graph."""
    if not 1 <= depth <= MAX_NETWORK_DEPTH:
        raise validate.invalid(
            "depth",
            f"深度须在 1 到 {MAX_NETWORK_DEPTH} 之间",
            f"`depth` must be between 1 and {MAX_NETWORK_DEPTH}, got {depth}",
        )
    root = await db.read(NODE_SUMMARY["Committee"], id=committee_id)
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
            NETWORK_STEP,
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


MAX_PATH_HOPS = 8
# Paths cross the people and organisations of the liaison system; congresses and industries
# are left out because "both belong to the same congress" explains nothing.
_PATH_TYPES = "LIAISES_WITH|PARTNERS_WITH|MEMBER_OF|SITS_ON|WORKS_AT|CONTACTS"


@functools.cache
def paths_query(hops: int, from_label: str, to_label: str) -> str:
    """Shortest paths of at most `hops` between two nodes, each found by label and id."""
    if from_label not in LABELS or to_label not in LABELS:
        raise ValueError(f"{from_label} or {to_label} is not in the model's allowlist")
    return f"""
MATCH (a:{from_label} {{id: $from}}), (b:{to_label} {{id: $to}})
MATCH p = allShortestPaths((a)-[:{_PATH_TYPES}*..{hops}]-(b))
WITH p LIMIT $limit
RETURN [n IN nodes(p) | {{label: [l IN labels(n) WHERE l IN $allowed][0], id: n.id,
                          name: n.name}}] AS nodes,
       [r IN relationships(p) | {{type: type(r), props: properties(r),
                                  from: startNode(r).id, to: endNode(r).id}}] AS rels
"""


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
        if not await db.read(NODE_SUMMARY[label], id=node_id):
            raise not_found(label, node_id, field=fld)
    rows = await db.read(
        paths_query(max_hops, from_label, to_label),
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


# ---------------------------------------------------------------------------------------------
# Coverage gaps
# ---------------------------------------------------------------------------------------------

COVERAGE_GAPS = """
CALL () {
  MATCH (i:Industry)<-[:IN_INDUSTRY]-(:DeputyGroup)
  WITH DISTINCT i
  WHERE NOT EXISTS { (i)<-[:IN_INDUSTRY]-(:DeputyGroup)<-[:LIAISES_WITH]-(:Committee) }
  WITH i ORDER BY i.code
  RETURN collect(i {.*}) AS industriesWithoutCommittee
}
CALL () {
  MATCH (i:Industry)<-[:IN_INDUSTRY]-(x) WHERE x:Enterprise OR x:Alliance
  WITH DISTINCT i
  WHERE NOT EXISTS { (i)<-[:PART_OF*0..]-(:Industry)<-[:IN_INDUSTRY]-(:DeputyGroup) }
    AND NOT EXISTS { (i)-[:PART_OF*1..]->(:Industry)<-[:IN_INDUSTRY]-(:DeputyGroup) }
  WITH i ORDER BY i.code
  RETURN collect(i {.*}) AS industriesWithoutGroup
}
CALL () {
  MATCH (g:DeputyGroup) WHERE NOT EXISTS { (g)-[:PARTNERS_WITH]->(:Alliance) }
  WITH g ORDER BY g.sortKey, g.id
  RETURN collect(g {.*}) AS groupsWithoutAlliance
}
CALL () {
  MATCH (a:Alliance) WHERE NOT EXISTS { (a)<-[:PARTNERS_WITH]-(:DeputyGroup) }
  WITH a ORDER BY a.sortKey, a.id
  RETURN collect(a {.*}) AS alliancesWithoutGroup
}
CALL () {
  MATCH (g:DeputyGroup) WHERE NOT EXISTS { (g)<-[:MEMBER_OF {role: 'CONVENER'}]-(:Deputy) }
  WITH g ORDER BY g.sortKey, g.id
  RETURN collect(g {.*}) AS groupsWithoutConvener
}
CALL () {
  MATCH (g:DeputyGroup) WHERE NOT EXISTS { (g)<-[:LIAISES_WITH]-(:Committee) }
  WITH g ORDER BY g.sortKey, g.id
  RETURN collect(g {.*}) AS groupsWithoutCommittee
}
RETURN *
"""


@dataclass(frozen=True)
class CoverageGaps:
    industries_without_committee: list[Row]
    industries_without_group: list[Row]
    groups_without_committee: list[Row]
    groups_without_alliance: list[Row]
    alliances_without_group: list[Row]
    groups_without_convener: list[Row]


async def coverage_gaps(db: Database) -> CoverageGaps:
    row = (await db.read(COVERAGE_GAPS))[0]
    return CoverageGaps(
        industries_without_committee=row["industriesWithoutCommittee"],
        industries_without_group=row["industriesWithoutGroup"],
        groups_without_committee=row["groupsWithoutCommittee"],
        groups_without_alliance=row["groupsWithoutAlliance"],
        alliances_without_group=row["alliancesWithoutGroup"],
        groups_without_convener=row["groupsWithoutConvener"],
    )


# ---------------------------------------------------------------------------------------------
# Writes: create, update, delete
# ---------------------------------------------------------------------------------------------


# Which names must be unique, and within what (a committee's name within its congress, …).
# Names are compared by their key (graph/names.py); a node stored before keys were kept (bulk
# loads) is compared by its name. `field` says what is taken: the name, the code or the USCC.
_SAME_NAME = "coalesce(n.nameKey, n.name) = $key"
_RETURN = "RETURN n.id AS id, n.name AS name, {field} AS field ORDER BY field LIMIT 1"
DUPLICATE = {
    "Congress": f"MATCH (n:Congress) WHERE {_SAME_NAME} AND n.id <> $id "
    + _RETURN.format(field="'name'"),
    "Committee": "MATCH (n:Committee)-[:COMMITTEE_OF]->(:Congress {id: $congress}) "
    f"WHERE {_SAME_NAME} AND n.id <> $id " + _RETURN.format(field="'name'"),
    "DeputyGroup": "MATCH (n:DeputyGroup)-[:GROUP_OF]->(:Congress {id: $congress}) "
    f"WHERE {_SAME_NAME} AND n.id <> $id " + _RETURN.format(field="'name'"),
    "Alliance": f"MATCH (n:Alliance) WHERE {_SAME_NAME} AND n.id <> $id "
    + _RETURN.format(field="'name'"),
    "Industry": f"MATCH (n:Industry) WHERE (n.code = $code OR {_SAME_NAME}) AND n.id <> $id "
    + _RETURN.format(field="CASE WHEN n.code = $code THEN 'code' ELSE 'name' END"),
    "Enterprise": "MATCH (n:Enterprise) WHERE ((n.uscc IS NOT NULL AND n.uscc = $uscc) "
    f"OR {_SAME_NAME}) AND n.id <> $id "
    + _RETURN.format(field="CASE WHEN n.uscc = $uscc THEN 'uscc' ELSE 'name' END"),
    "Unit": f"MATCH (n:Unit) WHERE {_SAME_NAME} AND n.id <> $id " + _RETURN.format(field="'name'"),
}

CONGRESS_OF = {
    "Committee": "MATCH (:Committee {id: $id})-[:COMMITTEE_OF]->(c:Congress) RETURN c.id AS id",
    "DeputyGroup": "MATCH (:DeputyGroup {id: $id})-[:GROUP_OF]->(c:Congress) RETURN c.id AS id",
}

CREATE = {
    label: f"""
CREATE (n:{label} {{id: $id}})
SET n += $props, n.sortKey = $sortKey, n.source = $source,
    n.createdAt = datetime(), n.updatedAt = datetime()
RETURN n {{.*}} AS node
"""
    for label in LABELS
}

UPDATE = {
    label: f"""
MATCH (n:{label} {{id: $id}})
SET n += $props, n.sortKey = coalesce($sortKey, n.sortKey), n.updatedAt = datetime()
RETURN n {{.*}} AS node
"""
    for label in LABELS
}

# A node's own placement (its congress, its broader industry, the industries it is in) goes
# with it; every other relationship is someone still relying on the node, so a delete without
# cascade is refused and the message says who.
PLACEMENT_TYPES = ("COMMITTEE_OF", "GROUP_OF", "DEPUTY_OF", "PART_OF", "IN_INDUSTRY")

# What still points at a node, so a refused delete can say what holds it.
HOLDERS = {
    label: f"""
MATCH (n:{label} {{id: $id}})-[r]-(m)
WHERE NOT (startNode(r) = n AND type(r) IN $placement)
WITH type(r) AS type, [l IN labels(m) WHERE l IN $allowed][0] AS label, count(*) AS count
RETURN type, label, count ORDER BY count DESC, type, label
"""
    for label in LABELS
}

DELETE = {label: f"MATCH (n:{label} {{id: $id}}) DETACH DELETE n" for label in LABELS}


async def _check_duplicate(
    tx: AsyncManagedTransaction, label: str, node_id: str, props: Mapping[str, Any], **scope: Any
) -> None:
    query = DUPLICATE.get(label)
    if query is None:
        return
    params = {"id": node_id, "key": name_key(props.get("name") or ""), **scope}
    if label == "Industry":
        params["code"] = props.get("code")
    if label == "Enterprise":
        params["uscc"] = props.get("uscc")
    rows = await run(tx, query, **params)
    if rows:
        existing, taken = rows[0]["id"], rows[0]["field"]
        what_zh = {"name": "同名", "code": "同代码", "uscc": "同一统一社会信用代码的"}[taken]
        what_en = {"name": "name", "code": "code", "uscc": "unified social credit code"}[taken]
        raise DomainError(
            ErrorCode.DUPLICATE,
            f"已存在{what_zh}{LABEL_ZH[label]}：{rows[0]['name']}（{existing}）",
            f"A {label} with this {what_en} already exists: {rows[0]['name']} ({existing})",
            field=f"input.{taken}",
            ids=[existing],
        )


@dataclass(frozen=True)
class Link:
    """A relationship to create together with a new node."""

    rel_key: str
    other_label: str
    other_id: str
    field: str
    outgoing: bool = True  # (new)-[:TYPE]->(other) when True
    # `field` is an attribute name here, so the dataclasses helper is spelled out.
    props: Mapping[str, Any] = dataclasses.field(default_factory=dict)


def _clean_props(label: str, props: Mapping[str, Any]) -> dict[str, Any]:
    """Validate the client-settable properties of `label`; drop Nones."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if value is None:
            continue
        if key != "name" and key not in LABELS[label]:
            raise validate.invalid(f"input.{key}", f"未知字段 {key}", f"Unknown field {key}")
        out[key] = value
    if "name" in props and props["name"] is not None:
        out["name"] = validate.name(props["name"], "input.name")
        out["nameKey"] = name_key(out["name"])
    if label == "Congress":
        validate.choice(out.get("level"), "input.level", CONGRESS_LEVELS)
    if label == "Committee":
        validate.choice(out.get("kind"), "input.kind", COMMITTEE_KINDS)
    if label == "Deputy":
        validate.choice(out.get("category"), "input.category", DEPUTY_CATEGORIES)
    if label == "Enterprise" and "uscc" in out:
        out["uscc"] = validate.uscc(out["uscc"], "input.uscc")
    if label == "Industry" and "code" in out:
        out["code"] = validate.industry_code(out["code"], "input.code")
    for key in ("region", "scope", "expertise", "description", "town"):
        if key in out:
            out[key] = validate.optional_text(out[key], f"input.{key}")
    return {k: v for k, v in out.items() if v is not None}


async def create_node(
    db: Database, label: str, props: Mapping[str, Any], links: Sequence[Link] = ()
) -> Row:
    """Create a node of `label` and its required links in one transaction."""
    clean = _clean_props(label, props)
    if "name" not in clean:
        raise validate.invalid("input.name", "名称不能为空", "`name` is required")
    for link in links:
        dates.in_range(link.props.get("since"), "input.since")
    node_id = clean["code"] if label == "Industry" else str(uuid.uuid4())

    async def work(tx: AsyncManagedTransaction) -> Row:
        if label in DUPLICATE:
            await locks.lock_anchor(tx, locks.create_anchor(label))
        # The nodes it will be linked to are locked too: a delete alongside waits, then sees
        # the new node holding them.
        await locks.lock_nodes(tx, [(ln.other_label, ln.other_id, ln.field) for ln in links])
        scope: dict[str, Any] = {}
        for link in links:
            if link.other_label == "Congress":
                scope["congress"] = link.other_id
        await _check_duplicate(tx, label, node_id, clean, **scope)
        created = await run(
            tx,
            CREATE[label],
            id=node_id,
            props=clean,
            sortKey=sort_key(clean["name"]),
            source="user",
        )
        for link in links:
            start = (label, node_id) if link.outgoing else (link.other_label, link.other_id)
            end = (link.other_label, link.other_id) if link.outgoing else (label, node_id)
            await run(
                tx,
                _link_query(link.rel_key, start[0], end[0]),
                start=start[1],
                end=end[1],
                props=dict(link.props),
            )
        node: Row = created[0]["node"]
        return node

    return await db.transaction(work)


async def update_node(db: Database, label: str, node_id: str, props: Mapping[str, Any]) -> Row:
    clean = _clean_props(label, props)
    if label == "Industry":
        clean.pop("code", None)  # the code is the industry's identity

    async def work(tx: AsyncManagedTransaction) -> Row:
        if label in DUPLICATE and clean:
            await locks.lock_anchor(tx, locks.create_anchor(label))
        current = (await locks.lock_nodes(tx, [(label, node_id, "input.id")]))[(label, node_id)]
        scope: dict[str, Any] = {}
        if label in CONGRESS_OF:
            rows = await run(tx, CONGRESS_OF[label], id=node_id)
            scope["congress"] = rows[0]["id"] if rows else None
        merged = {**current, **clean}
        await _check_duplicate(tx, label, node_id, merged, **scope)
        rows = await run(
            tx,
            UPDATE[label],
            id=node_id,
            props=clean,
            sortKey=sort_key(clean["name"]) if "name" in clean else None,
        )
        node: Row = rows[0]["node"]
        return node

    return await db.transaction(work)


async def delete_node(db: Database, label: str, node_id: str, *, cascade: bool = False) -> str:
    """Delete a node. If anything still points at it, refuse with CONFLICT naming what holds it,
    unless `cascade`, which removes its relationships too (never the neighbours)."""

    async def work(tx: AsyncManagedTransaction) -> str:
        await locks.lock_nodes(tx, [(label, node_id, "id")])
        holders = await run(
            tx, HOLDERS[label], id=node_id, allowed=list(LABELS), placement=list(PLACEMENT_TYPES)
        )
        if holders and not cascade:
            zh = "、".join(
                f"{h['count']} 个{LABEL_ZH.get(h['label'], h['label'])}" for h in holders
            )
            en = ", ".join(f"{h['count']} {h['label']} via {h['type']}" for h in holders)
            raise DomainError(
                ErrorCode.CONFLICT,
                f"无法删除：仍被 {zh} 关联（可用 cascade: true 一并解除关联）",
                f"Cannot delete: still linked to {en} (pass cascade: true to unlink them)",
                field="id",
                ids=[node_id],
            )
        await run(tx, DELETE[label], id=node_id)
        return node_id

    return await db.transaction(work)


# ---------------------------------------------------------------------------------------------
# Writes: link and unlink
# ---------------------------------------------------------------------------------------------


def _link_query(rel_key: str, start: str, end: str) -> str:
    rel = RELATIONS[rel_key]
    if start not in rel.start or end not in rel.end:
        raise ValueError(f"{rel_key} does not run from {start} to {end}")
    # A seat's level is its congress's level: kept on DEPUTY_OF so "deputies at CITY level"
    # needs no second hop.
    level = " SET r.level = b.level" if rel.type == "DEPUTY_OF" else ""
    return f"""
MATCH (a:{start} {{id: $start}}), (b:{end} {{id: $end}})
CREATE (a)-[r:{rel.type}]->(b) SET r += $props{level}
RETURN properties(r) AS rel
"""


def _find_link_query(rel_key: str, start: str, end: str) -> str:
    rel = RELATIONS[rel_key]
    return f"""
MATCH (:{start} {{id: $start}})-[r:{rel.type}]->(:{end} {{id: $end}})
RETURN properties(r) AS rel
"""


def _unlink_query(rel_key: str, start: str, end: str) -> str:
    rel = RELATIONS[rel_key]
    return f"""
MATCH (:{start} {{id: $start}})-[r:{rel.type}]->(:{end} {{id: $end}})
DELETE r RETURN count(*) AS removed
"""


CURRENT_CONVENER = """
MATCH (d:Deputy)-[:MEMBER_OF {role: 'CONVENER'}]->(:DeputyGroup {id: $group})
RETURN d.id AS id, d.name AS name
"""
CURRENT_EMPLOYER = """
MATCH (:Deputy {id: $deputy})-[:WORKS_AT]->(e:Enterprise) RETURN e.id AS id, e.name AS name
"""
INDUSTRY_ANCESTOR = """
MATCH (:Industry {id: $parent})-[:PART_OF*0..]->(a:Industry {id: $child}) RETURN a.id AS id
"""
INDUSTRY_PARENT = "MATCH (:Industry {id: $child})-[:PART_OF]->(p:Industry) RETURN p.id AS id"


@dataclass(frozen=True)
class LinkSpec:
    rel_key: str
    start_label: str
    start_id: str
    end_label: str
    end_id: str
    props: Mapping[str, Any] = field(default_factory=dict)
    start_field: str = "fromId"
    end_field: str = "toId"


async def _lock_ends(tx: AsyncManagedTransaction, spec: LinkSpec) -> tuple[Row, Row]:
    """Lock both ends before any check: every rule of a link is about its ends (one convener
    per group, one employer per deputy, one link per pair)."""
    start = (spec.start_label, spec.start_id)
    end = (spec.end_label, spec.end_id)
    nodes = await locks.lock_nodes(tx, [(*start, spec.start_field), (*end, spec.end_field)])
    return nodes[start], nodes[end]


async def _check_link_rules(tx: AsyncManagedTransaction, spec: LinkSpec) -> None:
    """The domain's rules for a new relationship, beyond 'both ends exist, not linked yet'."""
    if spec.start_label == spec.end_label and spec.start_id == spec.end_id:
        raise validate.invalid(spec.end_field, "不能与自身关联", "Cannot link a node to itself")
    if spec.rel_key == "GROUP_MEMBER" and spec.props.get("role") == "CONVENER":
        rows = await run(tx, CURRENT_CONVENER, group=spec.end_id)
        if rows:
            raise DomainError(
                ErrorCode.CONFLICT,
                f"该小组已有召集人：{rows[0]['name']}",
                f"The group already has a convener: {rows[0]['name']} ({rows[0]['id']})",
                field="role",
                ids=[rows[0]["id"]],
            )
    if spec.rel_key == "WORKS_AT":
        rows = await run(tx, CURRENT_EMPLOYER, deputy=spec.start_id)
        if rows:
            raise DomainError(
                ErrorCode.CONFLICT,
                f"该代表已有工作单位：{rows[0]['name']}",
                f"The deputy already works at {rows[0]['name']} ({rows[0]['id']}); unlink first",
                field=spec.end_field,
                ids=[rows[0]["id"]],
            )
    if spec.rel_key == "PART_OF":
        if await run(tx, INDUSTRY_ANCESTOR, parent=spec.end_id, child=spec.start_id):
            raise validate.invalid(
                spec.end_field,
                "行业分类不能形成环",
                "The industry tree cannot contain a cycle",
            )
        rows = await run(tx, INDUSTRY_PARENT, child=spec.start_id)
        if rows:
            raise DomainError(
                ErrorCode.CONFLICT,
                f"该行业已有上级：{rows[0]['id']}",
                f"The industry already has a parent: {rows[0]['id']}",
                field=spec.end_field,
                ids=[rows[0]["id"]],
            )


async def link(db: Database, spec: LinkSpec) -> tuple[Row, Row]:
    """Create one relationship; returns (start node, end node)."""
    if spec.rel_key == "GROUP_MEMBER":
        validate.choice(spec.props.get("role"), "role", MEMBER_ROLES)
    dates.in_range(spec.props.get("since"), "since")

    async def work(tx: AsyncManagedTransaction) -> tuple[Row, Row]:
        if spec.rel_key == "PART_OF":
            # A cycle can close through links made at the same time on other industries.
            await locks.lock_anchor(tx, locks.INDUSTRY_TREE)
        start, end = await _lock_ends(tx, spec)
        if await run(
            tx,
            _find_link_query(spec.rel_key, spec.start_label, spec.end_label),
            start=spec.start_id,
            end=spec.end_id,
        ):
            raise DomainError(
                ErrorCode.DUPLICATE,
                f"{start.get('name')} 与 {end.get('name')} 已经关联",
                f"{spec.start_label} {spec.start_id} is already linked to "
                f"{spec.end_label} {spec.end_id} ({RELATIONS[spec.rel_key].type})",
                field=spec.end_field,
                ids=[spec.start_id, spec.end_id],
            )
        await _check_link_rules(tx, spec)
        await run(
            tx,
            _link_query(spec.rel_key, spec.start_label, spec.end_label),
            start=spec.start_id,
            end=spec.end_id,
            props={k: v for k, v in spec.props.items() if v is not None},
        )
        return start, end

    return await db.transaction(work)


SET_MEMBER_ROLE = """
MATCH (:Deputy {id: $deputy})-[r:MEMBER_OF]->(:DeputyGroup {id: $group})
SET r.role = $role
RETURN count(r) AS changed
"""


async def set_member_role(db: Database, spec: LinkSpec) -> tuple[Row, Row]:
    """Change a group member's role (e.g. make a member the convener); one convener a group."""
    role = validate.choice(spec.props.get("role"), "role", MEMBER_ROLES)

    async def work(tx: AsyncManagedTransaction) -> tuple[Row, Row]:
        start, end = await _lock_ends(tx, spec)
        if role == "CONVENER":
            rows = await run(tx, CURRENT_CONVENER, group=spec.end_id)
            if rows and rows[0]["id"] != spec.start_id:
                raise DomainError(
                    ErrorCode.CONFLICT,
                    f"该小组已有召集人：{rows[0]['name']}（请先将其改为成员）",
                    f"The group already has a convener: {rows[0]['name']} "
                    f"({rows[0]['id']}); make them a MEMBER first",
                    field="role",
                    ids=[rows[0]["id"]],
                )
        changed = await run(tx, SET_MEMBER_ROLE, deputy=spec.start_id, group=spec.end_id, role=role)
        if changed[0]["changed"] == 0:
            raise DomainError(
                ErrorCode.NOT_FOUND,
                f"{start.get('name')} 不是 {end.get('name')} 的成员",
                f"Deputy {spec.start_id} is not a member of group {spec.end_id}",
                field=spec.start_field,
                ids=[spec.start_id, spec.end_id],
            )
        return start, end

    return await db.transaction(work)


async def unlink(db: Database, spec: LinkSpec) -> tuple[Row, Row]:
    async def work(tx: AsyncManagedTransaction) -> tuple[Row, Row]:
        start, end = await _lock_ends(tx, spec)
        rows = await run(
            tx,
            _unlink_query(spec.rel_key, spec.start_label, spec.end_label),
            start=spec.start_id,
            end=spec.end_id,
        )
        if rows[0]["removed"] == 0:
            raise DomainError(
                ErrorCode.NOT_FOUND,
                f"{start.get('name')} 与 {end.get('name')} 之间没有这种关联",
                f"{spec.start_label} {spec.start_id} is not linked to "
                f"{spec.end_label} {spec.end_id} ({RELATIONS[spec.rel_key].type})",
                field=spec.end_field,
                ids=[spec.start_id, spec.end_id],
            )
        return start, end

    return await db.transaction(work)
