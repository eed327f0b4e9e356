"""Create, update and delete a node of any label in the model, with the links it is born with.

Every domain's simple records (congresses, committees, …, units) are written here: the
client-settable properties are checked against the allowlist (graph/kernel/model.py), names are
unique where the model says so (by their key, graph/kernel/names.py), and a node that something
still relies on is not deleted without `cascade`. Each write is one transaction that locks,
checks, then writes (graph/kernel/locks.py). The relationship statements here are also the ones
domains use for their own links.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.kernel import dates, locks, validate
from graph.kernel.db import Database, run
from graph.kernel.errors import LABEL_ZH, DomainError, ErrorCode
from graph.kernel.model import LABELS, RELATIONS, sort_key
from graph.kernel.names import name_key
from graph.kernel.reads import Row
from graph.kernel.vocab import CommitteeKind, CongressLevel, DeputyCategory

# ---------------------------------------------------------------------------------------------
# Statements, built once from the allowlist
# ---------------------------------------------------------------------------------------------

# Which names must be unique, and within what (a committee's name within its congress, …).
# Names are compared by their key; a node stored before keys were kept (bulk loads) is compared
# by its name. `field` says what is taken: the name, the code or the USCC.
_SAME_NAME = "coalesce(n.nameKey, n.name) = $key"
_RETURN_TAKEN = "RETURN n.id AS id, n.name AS name, {field} AS field ORDER BY field LIMIT 1"
MATCH_DUPLICATE = {
    "Congress": f"MATCH (n:Congress) WHERE {_SAME_NAME} AND n.id <> $id "
    + _RETURN_TAKEN.format(field="'name'"),
    "Committee": "MATCH (n:Committee)-[:COMMITTEE_OF]->(:Congress {id: $congress}) "
    f"WHERE {_SAME_NAME} AND n.id <> $id " + _RETURN_TAKEN.format(field="'name'"),
    "DeputyGroup": "MATCH (n:DeputyGroup)-[:GROUP_OF]->(:Congress {id: $congress}) "
    f"WHERE {_SAME_NAME} AND n.id <> $id " + _RETURN_TAKEN.format(field="'name'"),
    "Alliance": f"MATCH (n:Alliance) WHERE {_SAME_NAME} AND n.id <> $id "
    + _RETURN_TAKEN.format(field="'name'"),
    "Industry": f"MATCH (n:Industry) WHERE (n.code = $code OR {_SAME_NAME}) AND n.id <> $id "
    + _RETURN_TAKEN.format(field="CASE WHEN n.code = $code THEN 'code' ELSE 'name' END"),
    "Enterprise": "MATCH (n:Enterprise) WHERE ((n.uscc IS NOT NULL AND n.uscc = $uscc) "
    f"OR {_SAME_NAME}) AND n.id <> $id "
    + _RETURN_TAKEN.format(field="CASE WHEN n.uscc = $uscc THEN 'uscc' ELSE 'name' END"),
    "Unit": f"MATCH (n:Unit) WHERE {_SAME_NAME} AND n.id <> $id "
    + _RETURN_TAKEN.format(field="'name'"),
}

MATCH_CONGRESS_OF = {
    "Committee": "MATCH (:Committee {id: $id})-[:COMMITTEE_OF]->(c:Congress) RETURN c.id AS id",
    "DeputyGroup": "MATCH (:DeputyGroup {id: $id})-[:GROUP_OF]->(c:Congress) RETURN c.id AS id",
}

CREATE_NODE = {
    label: f"""
CREATE (n:{label} {{id: $id}})
SET n += $props, n.sortKey = $sortKey, n.source = $source,
    n.createdAt = datetime(), n.updatedAt = datetime()
RETURN n {{.*}} AS node
"""
    for label in LABELS
}

UPDATE_NODE = {
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
MATCH_HOLDERS = {
    label: f"""
MATCH (n:{label} {{id: $id}})-[r]-(m)
WHERE NOT (startNode(r) = n AND type(r) IN $placement)
WITH type(r) AS type, [l IN labels(m) WHERE l IN $allowed][0] AS label, count(*) AS count
RETURN type, label, count ORDER BY count DESC, type, label
"""
    for label in LABELS
}

DELETE_NODE = {label: f"MATCH (n:{label} {{id: $id}}) DETACH DELETE n" for label in LABELS}

# Every (relationship, start label, end label) the model allows.
_ENDS = [
    (key, start, end) for key, rel in RELATIONS.items() for start in rel.start for end in rel.end
]


def _create_link(rel_key: str, start: str, end: str) -> str:
    rel = RELATIONS[rel_key]
    # A seat's level is its congress's level: kept on DEPUTY_OF so "deputies at CITY level"
    # needs no second hop.
    level = " SET r.level = b.level" if rel.type == "DEPUTY_OF" else ""
    return f"""
MATCH (a:{start} {{id: $start}}), (b:{end} {{id: $end}})
CREATE (a)-[r:{rel.type}]->(b) SET r += $props{level}
RETURN properties(r) AS rel
"""


CREATE_LINK = {(k, s, e): _create_link(k, s, e) for k, s, e in _ENDS}
MATCH_LINK = {
    (k, s, e): f"""
MATCH (:{s} {{id: $start}})-[r:{RELATIONS[k].type}]->(:{e} {{id: $end}})
RETURN properties(r) AS rel
"""
    for k, s, e in _ENDS
}
DELETE_LINK = {
    (k, s, e): f"""
MATCH (:{s} {{id: $start}})-[r:{RELATIONS[k].type}]->(:{e} {{id: $end}})
DELETE r RETURN count(*) AS removed
"""
    for k, s, e in _ENDS
}


def link_statement(
    statements: Mapping[tuple[str, str, str], str], rel_key: str, start: str, end: str
) -> str:
    """The statement for (start)-[rel_key]->(end); ValueError when the model has no such link."""
    try:
        return statements[(rel_key, start, end)]
    except KeyError:
        raise ValueError(f"{rel_key} does not run from {start} to {end}") from None


# ---------------------------------------------------------------------------------------------
# Writes
# ---------------------------------------------------------------------------------------------


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


# The vocabulary a property of a label must come from.
_CHOICES = {
    ("Congress", "level"): CongressLevel.values(),
    ("Committee", "kind"): CommitteeKind.values(),
    ("Deputy", "category"): DeputyCategory.values(),
}
_OPTIONAL_TEXT = ("region", "scope", "expertise", "description", "town")


def clean_props(label: str, props: Mapping[str, Any]) -> dict[str, Any]:
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
    for (owner, prop), allowed in _CHOICES.items():
        if owner == label:
            validate.choice(out.get(prop), f"input.{prop}", allowed)
    if label == "Enterprise" and "uscc" in out:
        out["uscc"] = validate.uscc(out["uscc"], "input.uscc")
    if label == "Industry" and "code" in out:
        out["code"] = validate.industry_code(out["code"], "input.code")
    if label == "Industry" and "aliases" in out:
        out["aliases"] = validate.aliases(list(out["aliases"]), "input.aliases")
    for key in _OPTIONAL_TEXT:
        if key in out:
            out[key] = validate.optional_text(out[key], f"input.{key}")
    return {k: v for k, v in out.items() if v is not None}


async def _check_duplicate(
    tx: AsyncManagedTransaction, label: str, node_id: str, props: Mapping[str, Any], **scope: Any
) -> None:
    query = MATCH_DUPLICATE.get(label)
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


async def create_node(
    db: Database, label: str, props: Mapping[str, Any], links: Sequence[Link] = ()
) -> Row:
    """Create a node of `label` and its required links in one transaction."""
    clean = clean_props(label, props)
    if "name" not in clean:
        raise validate.invalid("input.name", "名称不能为空", "`name` is required")
    for link in links:
        dates.in_range(link.props.get("since"), "input.since")
    node_id = clean["code"] if label == "Industry" else str(uuid.uuid4())

    async def work(tx: AsyncManagedTransaction) -> Row:
        if label in MATCH_DUPLICATE:
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
            CREATE_NODE[label],
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
                link_statement(CREATE_LINK, link.rel_key, start[0], end[0]),
                start=start[1],
                end=end[1],
                props=dict(link.props),
            )
        node: Row = created[0]["node"]
        return node

    return await db.transaction(work)


async def update_node(db: Database, label: str, node_id: str, props: Mapping[str, Any]) -> Row:
    """Change a node's client-settable properties (an industry keeps its code)."""
    clean = clean_props(label, props)
    if label == "Industry":
        clean.pop("code", None)  # the code is the industry's identity

    async def work(tx: AsyncManagedTransaction) -> Row:
        if label in MATCH_DUPLICATE and clean:
            await locks.lock_anchor(tx, locks.create_anchor(label))
        current = (await locks.lock_nodes(tx, [(label, node_id, "input.id")]))[(label, node_id)]
        scope: dict[str, Any] = {}
        if label in MATCH_CONGRESS_OF:
            rows = await run(tx, MATCH_CONGRESS_OF[label], id=node_id)
            scope["congress"] = rows[0]["id"] if rows else None
        merged = {**current, **clean}
        await _check_duplicate(tx, label, node_id, merged, **scope)
        rows = await run(
            tx,
            UPDATE_NODE[label],
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
            tx,
            MATCH_HOLDERS[label],
            id=node_id,
            allowed=list(LABELS),
            placement=list(PLACEMENT_TYPES),
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
        await run(tx, DELETE_NODE[label], id=node_id)
        return node_id

    return await db.transaction(work)
