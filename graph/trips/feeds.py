"""Calendar feed keys: read-only, revocable secrets that open one calendar feed and nothing else.

Calendar apps poll a URL and cannot send headers, so a subscription's secret has to ride in its
URL. It must not be an API token (which opens the whole API and would end up in browser
histories and proxy logs): each feed gets its own key, scoped to one owner (kind + id), shown
once and stored only as a SHA-256 hash, like API tokens (graph/kernel/tokens.py, whose hash
it uses).

(:CalendarFeed {id, kind, ownerId, hash, createdBy, createdByName, created, revoked})
"""

from __future__ import annotations

import datetime
import secrets
import uuid
from dataclasses import dataclass

from neo4j import AsyncManagedTransaction

from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode, not_found
from graph.kernel.tokens import hash_secret
from graph.kernel.validate import invalid
from graph.trips import cypher
from graph.trips.vocab import CALENDAR_OWNERS

# Keys carry this prefix so they are recognisable in logs and secret scanners.
PREFIX = "fk_"


@dataclass(frozen=True)
class Feed:
    id: str
    kind: str
    owner_id: str
    created_by_name: str | None
    created: datetime.datetime | None
    revoked: bool

    @classmethod
    def from_row(cls, row: dict[str, object]) -> Feed:
        return cls(
            id=str(row["id"]),
            kind=str(row["kind"]),
            owner_id=str(row["ownerId"]),
            created_by_name=str(row["createdByName"]) if row.get("createdByName") else None,
            created=row.get("created"),  # type: ignore[arg-type]
            revoked=bool(row.get("revoked")),
        )

    def path(self, key: str) -> str:
        """The URL path (with the key) a calendar app subscribes to."""
        return f"/calendar/{self.kind}/{self.owner_id}.ics?key={key}"


def new_key() -> str:
    return PREFIX + secrets.token_urlsafe(32)


async def create(
    db: Database, kind: str, owner_id: str, *, created_by: str = "", created_by_name: str = ""
) -> tuple[Feed, str]:
    """A new key for the feed of `kind` (deputy, committee, group, venue) `owner_id`; returns
    the feed and its key (the only time the key is seen)."""
    label = CALENDAR_OWNERS.get(kind)
    if label is None:
        raise invalid(
            "kind",
            f"不支持的日历类型：{kind}（可选 {'/'.join(CALENDAR_OWNERS)}）",
            f"No calendars for {kind!r}; one of {', '.join(CALENDAR_OWNERS)}",
        )
    key = new_key()

    async def work(tx: AsyncManagedTransaction) -> Feed:
        if not await run(tx, cypher.MATCH_FEED_OWNER[label], id=owner_id):
            raise not_found(label, owner_id, field="id")
        rows = await run(
            tx,
            cypher.CREATE_FEED,
            id=str(uuid.uuid4()),
            kind=kind,
            ownerId=owner_id,
            hash=hash_secret(key),
            createdBy=created_by or None,
            createdByName=created_by_name or None,
        )
        return Feed.from_row(rows[0]["feed"])

    return await db.transaction(work), key


async def by_key(db: Database, key: str) -> Feed | None:
    """The active feed this key opens, or None."""
    rows = await db.read(cypher.MATCH_FEED, hash=hash_secret(key))
    return Feed.from_row(rows[0]["feed"]) if rows else None


async def list_feeds(db: Database) -> list[Feed]:
    return [Feed.from_row(row["feed"]) for row in await db.read(cypher.LIST_FEEDS)]


async def revoke(db: Database, feed_id: str, *, created_by: str | None = None) -> Feed:
    """Revoke an active feed key; with `created_by`, only one that token created."""

    async def work(tx: AsyncManagedTransaction) -> Feed:
        # Raised inside the transaction, so a refusal rolls back (and records no audit event).
        rows = await run(tx, cypher.REVOKE_FEED, id=feed_id, createdBy=created_by)
        if not rows:
            raise DomainError(
                ErrorCode.NOT_FOUND,
                f"未找到有效的日历订阅：{feed_id}",
                f"No active calendar feed {feed_id!r}",
                field="id",
            )
        return Feed.from_row(rows[0]["feed"])

    return await db.transaction(work)
