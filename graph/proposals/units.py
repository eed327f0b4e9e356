"""Handling units (承办单位): the government departments, procuratorates, courts … that
suggestions are assigned to."""

from __future__ import annotations

from graph.kernel import nodes, validate
from graph.kernel.db import Database
from graph.kernel.reads import Page, Row, check_page
from graph.proposals import cypher
from graph.proposals.vocab import UnitKind


async def list_units(db: Database, *, name_contains: str | None, first: int, offset: int) -> Page:
    check_page(first, offset)
    name = validate.clean_text(name_contains) if name_contains else None
    rows = await db.read(cypher.LIST_UNITS, name=name or None, skip=offset, limit=first)
    return Page(total=rows[0]["total"], rows=rows[0]["rows"])


async def create_unit(db: Database, name: str, kind: str) -> Row:
    validate.choice(kind, "input.kind", UnitKind.values())
    # One name a unit: checked in create_node's transaction, under the units' name lock.
    return await nodes.create_node(db, "Unit", {"name": name, "kind": kind})


async def update_unit(
    db: Database, unit_id: str, *, name: str | None = None, kind: str | None = None
) -> Row:
    validate.choice(kind, "input.kind", UnitKind.values())
    return await nodes.update_node(db, "Unit", unit_id, {"name": name, "kind": kind})


async def delete_unit(db: Database, unit_id: str) -> str:
    """Refused (CONFLICT) while suggestions are assigned or transferred to it."""
    return await nodes.delete_node(db, "Unit", unit_id)
