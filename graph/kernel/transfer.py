"""Export and import the whole graph as JSON Lines, and a canonical digest to compare graphs.

The format, one JSON object per line (UTF-8, Chinese kept as is):

    {"type": "node", "label": "Committee", "id": "…", "properties": {…}}
    {"type": "rel", "relType": "COMMITTEE_OF", "start": {"label": "Committee", "id": "…"},
     "end": {"label": "Congress", "id": "…"}, "properties": {…}}

All nodes come first, so an import can create relationships as it reads them. Temporal values
are tagged so they come back with their type: {"$date": "2026-03-01"},
{"$datetime": "2026-03-01T08:00:00+00:00"}, {"$localdatetime": …}, {"$time": …},
{"$localtime": …}, {"$duration": "P1M2DT3S"}. (:Migration) and (:Lock) nodes are bookkeeping, not
data: they are neither exported nor imported. Citizens' contacts (:Contact, personal data,
graph/kernel/model.py PERSONAL_LABELS) never leave the database: an export leaves them out.
Labels and relationship types must be in the model's allowlist; anything else is refused before
anything is written.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import neo4j.time as ntime
from neo4j import AsyncManagedTransaction

from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.model import LABELS, RELATIONS, SYSTEM_LABELS

EXPORT_LABELS = (*LABELS, *SYSTEM_LABELS)
REL_TYPES = tuple(sorted({rel.type for rel in RELATIONS.values()}))
BATCH = 2000

# Internal ids never leave the database: nodes are addressed by (label, id).
EXPORT_NODES = """
MATCH (n)
WHERE NOT n:Migration AND NOT n:Lock AND NOT n:Contact
RETURN labels(n) AS labels, properties(n) AS properties
ORDER BY labels(n)[0], n.id
"""

EXPORT_RELS = """
MATCH (a)-[r]->(b)
WHERE NOT a:Migration AND NOT b:Migration AND NOT b:Contact
RETURN type(r) AS relType, labels(a)[0] AS startLabel, a.id AS startId,
       labels(b)[0] AS endLabel, b.id AS endId, properties(r) AS properties
ORDER BY relType, startId, endId
"""

IMPORT_NODES = {
    label: f"UNWIND $rows AS row CREATE (n:{label}) SET n = row.properties"
    for label in EXPORT_LABELS
}


def _import_rels(rel_type: str, start: str, end: str) -> str:
    return f"""
UNWIND $rows AS row
MATCH (a:{start} {{id: row.start}}), (b:{end} {{id: row.end}})
CREATE (a)-[r:{rel_type}]->(b)
SET r = row.properties
RETURN count(r) AS created
"""


IMPORT_RELS = {
    (rel_type, start, end): _import_rels(rel_type, start, end)
    for rel_type in REL_TYPES
    for start in EXPORT_LABELS
    for end in EXPORT_LABELS
}

COUNT_DATA = "MATCH (n) WHERE NOT n:Migration AND NOT n:Lock RETURN count(n) AS n"
WIPE = """
MATCH (n) WHERE NOT n:Migration
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
"""


# --- values -----------------------------------------------------------------------------------


def encode(value: Any) -> Any:
    """A driver value → JSON, temporal values tagged."""
    if isinstance(value, ntime.DateTime | datetime.datetime):
        tag = "$datetime" if value.tzinfo is not None else "$localdatetime"
        return {tag: value.isoformat()}
    if isinstance(value, ntime.Date | datetime.date):
        return {"$date": value.isoformat()}
    if isinstance(value, ntime.Time | datetime.time):
        return {"$time" if value.tzinfo is not None else "$localtime": value.isoformat()}
    if isinstance(value, ntime.Duration):
        return {"$duration": value.iso_format()}
    if isinstance(value, list):
        return [encode(v) for v in value]
    return value


def decode(value: Any) -> Any:
    """JSON → a driver value (the inverse of `encode`)."""
    if isinstance(value, dict) and len(value) == 1:
        ((tag, text),) = value.items()
        if tag in ("$datetime", "$localdatetime"):
            return ntime.DateTime.from_iso_format(text)
        if tag == "$date":
            return ntime.Date.from_iso_format(text)
        if tag in ("$time", "$localtime"):
            return ntime.Time.from_iso_format(text)
        if tag == "$duration":
            return ntime.Duration.from_iso_format(text)
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def _props(properties: dict[str, Any]) -> dict[str, Any]:
    return {key: encode(properties[key]) for key in sorted(properties)}


def _primary_label(labels: list[str]) -> str:
    known = [label for label in labels if label in EXPORT_LABELS]
    return known[0] if known else labels[0]


# --- export -----------------------------------------------------------------------------------


async def export_lines(db: Database) -> list[str]:
    """The whole graph as JSON Lines (nodes first), in a stable order."""
    lines = []
    # Raw driver values (not graph.db.native) so temporal types keep their exact kind.
    async with db.driver.session(database=db.database) as session:
        nodes = await (await session.run(EXPORT_NODES)).data()
        rels = await (await session.run(EXPORT_RELS)).data()
    for row in nodes:
        props = dict(row["properties"])
        lines.append(
            _dump(
                {
                    "type": "node",
                    "label": _primary_label(row["labels"]),
                    "id": props.get("id"),
                    "properties": _props(props),
                }
            )
        )
    for row in rels:
        lines.append(
            _dump(
                {
                    "type": "rel",
                    "relType": row["relType"],
                    "start": {"label": row["startLabel"], "id": row["startId"]},
                    "end": {"label": row["endLabel"], "id": row["endId"]},
                    "properties": _props(dict(row["properties"])),
                }
            )
        )
    return lines


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# --- import -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportStats:
    nodes: int
    relationships: int


def _bad(line_no: int, why: str) -> DomainError:
    return DomainError(
        ErrorCode.INVALID, f"第 {line_no} 行无效：{why}", f"Line {line_no} is invalid: {why}"
    )


def parse(
    lines: Iterable[str],
) -> tuple[dict[str, list[Any]], dict[tuple[str, str, str], list[Any]]]:
    """Check every line against the allowlist; group rows by label and relationship."""
    nodes: dict[str, list[Any]] = {}
    rels: dict[tuple[str, str, str], list[Any]] = {}
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _bad(line_no, f"not JSON ({exc.msg})") from exc
        if not isinstance(item, dict) or not isinstance(item.get("properties"), dict):
            raise _bad(line_no, "expected an object with `properties`")
        props = {key: decode(value) for key, value in item["properties"].items()}
        if item.get("type") == "node":
            label = item.get("label")
            if label not in IMPORT_NODES:
                raise _bad(line_no, f"label {label!r} is not in the model")
            nodes.setdefault(label, []).append({"properties": props})
        elif item.get("type") == "rel":
            start, end = item.get("start") or {}, item.get("end") or {}
            key = (item.get("relType"), start.get("label"), end.get("label"))
            if key not in IMPORT_RELS:
                raise _bad(line_no, f"relationship {key!r} is not in the model")
            rels.setdefault(key, []).append(
                {"start": start.get("id"), "end": end.get("id"), "properties": props}
            )
        else:
            raise _bad(line_no, "`type` must be node or rel")
    return nodes, rels


async def import_lines(db: Database, lines: Iterable[str]) -> ImportStats:
    """Load an export into an EMPTY graph, all in one transaction (all or nothing)."""
    nodes, rels = parse(lines)

    async def work(tx: AsyncManagedTransaction) -> ImportStats:
        if (await run(tx, COUNT_DATA))[0]["n"]:
            raise DomainError(
                ErrorCode.CONFLICT,
                "图中已有数据；只能导入到空图",
                "The graph already holds data; import only into an empty graph",
            )
        node_count = rel_count = 0
        for label, rows in nodes.items():
            for i in range(0, len(rows), BATCH):
                await run(tx, IMPORT_NODES[label], rows=rows[i : i + BATCH])
            node_count += len(rows)
        for key, rows in rels.items():
            for i in range(0, len(rows), BATCH):
                created = await run(tx, IMPORT_RELS[key], rows=rows[i : i + BATCH])
                if created[0]["created"] != len(rows[i : i + BATCH]):
                    raise DomainError(
                        ErrorCode.INVALID,
                        f"{key[0]} 关系的端点不存在",
                        f"Some {key[0]} relationships point at nodes not in the file",
                    )
            rel_count += len(rows)
        return ImportStats(nodes=node_count, relationships=rel_count)

    return await db.transaction(work)


async def wipe(db: Database) -> None:
    """Delete all data (schema and migrations stay). Batched, so it needs an auto-commit
    transaction rather than Database.write's managed one."""
    async with db.driver.session(database=db.database) as session:
        await (await session.run(WIPE)).consume()


# --- digest -----------------------------------------------------------------------------------


async def digest(db: Database, *, exclude: Iterable[str] = ()) -> str:
    """SHA-256 over the sorted canonical lines of an export: equal graphs, equal digests.
    `exclude` leaves out nodes of these labels and their relationships (e.g. ApiToken, whose
    lastUsed changes when a token is merely used)."""
    return digest_lines(await export_lines(db), exclude=exclude)


def digest_lines(lines: Iterable[str], *, exclude: Iterable[str] = ()) -> str:
    skip = set(exclude)
    canonical = []
    for line in lines:
        item = json.loads(line)
        labels = {item.get("label"), (item.get("start") or {}).get("label")}
        labels.add((item.get("end") or {}).get("label"))
        if not labels & skip:
            canonical.append(_dump(item))
    return hashlib.sha256("\n".join(sorted(canonical)).encode()).hexdigest()
