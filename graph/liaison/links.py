"""Relationships of the liaison graph: link, unlink, and a group member's role.

The rules of a link are about its two ends (one convener per group, one employer per deputy, no
cycle and one parent in the industry tree, one link per pair), so each write locks both ends
first, then checks, then writes, in one transaction: parallel writes queue, and a failed check
raises a DomainError with nothing written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.kernel import dates, locks, validate
from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.model import RELATIONS
from graph.kernel.nodes import CREATE_LINK, DELETE_LINK, MATCH_LINK, link_statement
from graph.kernel.reads import Row
from graph.kernel.vocab import MemberRole
from graph.liaison.cypher import (
    MATCH_CONVENER,
    MATCH_EMPLOYER,
    MATCH_INDUSTRY_ANCESTOR,
    MATCH_INDUSTRY_PARENT,
    SET_MEMBER_ROLE,
)


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
    """Lock both ends before any check: every rule of a link is about its ends."""
    start = (spec.start_label, spec.start_id)
    end = (spec.end_label, spec.end_id)
    nodes = await locks.lock_nodes(tx, [(*start, spec.start_field), (*end, spec.end_field)])
    return nodes[start], nodes[end]


async def _check_link_rules(tx: AsyncManagedTransaction, spec: LinkSpec) -> None:
    """The domain's rules for a new relationship, beyond 'both ends exist, not linked yet'."""
    if spec.start_label == spec.end_label and spec.start_id == spec.end_id:
        raise validate.invalid(spec.end_field, "不能与自身关联", "Cannot link a node to itself")
    if spec.rel_key == "GROUP_MEMBER" and spec.props.get("role") == MemberRole.CONVENER.value:
        rows = await run(tx, MATCH_CONVENER, group=spec.end_id)
        if rows:
            raise DomainError(
                ErrorCode.CONFLICT,
                f"该小组已有召集人：{rows[0]['name']}",
                f"The group already has a convener: {rows[0]['name']} ({rows[0]['id']})",
                field="role",
                ids=[rows[0]["id"]],
            )
    if spec.rel_key == "WORKS_AT":
        rows = await run(tx, MATCH_EMPLOYER, deputy=spec.start_id)
        if rows:
            raise DomainError(
                ErrorCode.CONFLICT,
                f"该代表已有工作单位：{rows[0]['name']}",
                f"The deputy already works at {rows[0]['name']} ({rows[0]['id']}); unlink first",
                field=spec.end_field,
                ids=[rows[0]["id"]],
            )
    if spec.rel_key == "PART_OF":
        if await run(tx, MATCH_INDUSTRY_ANCESTOR, parent=spec.end_id, child=spec.start_id):
            raise validate.invalid(
                spec.end_field,
                "行业分类不能形成环",
                "The industry tree cannot contain a cycle",
            )
        rows = await run(tx, MATCH_INDUSTRY_PARENT, child=spec.start_id)
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
    create = link_statement(CREATE_LINK, spec.rel_key, spec.start_label, spec.end_label)
    if spec.rel_key == "GROUP_MEMBER":
        validate.choice(spec.props.get("role"), "role", MemberRole.values())
    dates.in_range(spec.props.get("since"), "since")

    async def work(tx: AsyncManagedTransaction) -> tuple[Row, Row]:
        if spec.rel_key == "PART_OF":
            # A cycle can close through links made at the same time on other industries.
            await locks.lock_anchor(tx, locks.INDUSTRY_TREE)
        start, end = await _lock_ends(tx, spec)
        if await run(
            tx,
            MATCH_LINK[(spec.rel_key, spec.start_label, spec.end_label)],
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
            create,
            start=spec.start_id,
            end=spec.end_id,
            props={k: v for k, v in spec.props.items() if v is not None},
        )
        return start, end

    return await db.transaction(work)


async def set_member_role(db: Database, spec: LinkSpec) -> tuple[Row, Row]:
    """Change a group member's role (e.g. make a member the convener); one convener a group."""
    role = validate.choice(spec.props.get("role"), "role", MemberRole.values())

    async def work(tx: AsyncManagedTransaction) -> tuple[Row, Row]:
        start, end = await _lock_ends(tx, spec)
        if role == MemberRole.CONVENER.value:
            rows = await run(tx, MATCH_CONVENER, group=spec.end_id)
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
    """Remove one relationship; NOT_FOUND when the two are not linked that way."""
    delete = link_statement(DELETE_LINK, spec.rel_key, spec.start_label, spec.end_label)

    async def work(tx: AsyncManagedTransaction) -> tuple[Row, Row]:
        start, end = await _lock_ends(tx, spec)
        rows = await run(tx, delete, start=spec.start_id, end=spec.end_id)
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
