"""API tokens: random secrets shown once, stored only as a SHA-256 hash.

(:ApiToken {id, name, role, hash, created, lastUsed, revoked, deputyId}). A DEPUTY token is
bound to one existing deputy (`deputyId`); staff tokens have none. A token is 32 random bytes
(`secrets.token_urlsafe`), so a plain SHA-256 is enough: there is nothing to brute-force that a
slow hash would protect. Names are unique among tokens that are not revoked.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
import uuid
from dataclasses import dataclass

from neo4j import AsyncManagedTransaction

from graph.kernel.db import Database, run
from graph.kernel.errors import DomainError, ErrorCode

ROLES = ("VIEWER", "PLANNER", "CLERK", "ADMIN", "DEPUTY")
# The role whose tokens sign in as one deputy.
DEPUTY_ROLE = "DEPUTY"
LOCAL_ADMIN_NAME = "local-admin"
# Tokens carry this prefix so they are recognisable in logs and secret scanners.
PREFIX = "tl_"

TOKEN_BY_HASH = """
MATCH (t:ApiToken {hash: $hash})
WHERE NOT t.revoked
RETURN t {.id, .name, .role, .created, .lastUsed, .revoked, .deputyId} AS token
"""

DEPUTY_EXISTS = """
MATCH (d:Deputy {id: $deputyId})
RETURN d.id AS id
"""

ACTIVE_BY_NAME = """
MATCH (t:ApiToken {name: $name})
WHERE NOT t.revoked
RETURN t.id AS id
"""

CREATE_TOKEN = """
CREATE (t:ApiToken {id: $id, name: $name, role: $role, hash: $hash, deputyId: $deputyId,
                    created: datetime(), lastUsed: null, revoked: false})
RETURN t {.id, .name, .role, .created, .lastUsed, .revoked, .deputyId} AS token
"""

LIST_TOKENS = """
MATCH (t:ApiToken)
RETURN t {.id, .name, .role, .created, .lastUsed, .revoked, .deputyId} AS token
ORDER BY t.created, t.id
"""

REVOKE_TOKEN = """
MATCH (t:ApiToken)
WHERE (t.id = $ref OR t.name = $ref) AND NOT t.revoked
SET t.revoked = true, t.revokedAt = datetime()
RETURN t {.id, .name, .role, .created, .lastUsed, .revoked, .deputyId} AS token
"""

TOUCH_TOKEN = """
MATCH (t:ApiToken {id: $id})
SET t.lastUsed = datetime()
"""


@dataclass(frozen=True)
class Token:
    id: str
    name: str
    role: str
    created: datetime.datetime | None
    last_used: datetime.datetime | None
    revoked: bool
    deputy_id: str = ""

    @classmethod
    def from_row(cls, row: dict[str, object]) -> Token:
        return cls(
            id=str(row["id"]),
            name=str(row["name"]),
            role=str(row["role"]),
            created=row.get("created"),  # type: ignore[arg-type]
            last_used=row.get("lastUsed"),  # type: ignore[arg-type]
            revoked=bool(row.get("revoked")),
            deputy_id=str(row.get("deputyId") or ""),
        )


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def new_secret() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def _check(name: str, role: str, deputy_id: str) -> None:
    if role not in ROLES:
        raise DomainError(
            ErrorCode.INVALID,
            f"角色无效：{role}（可选 {'/'.join(ROLES)}）",
            f"Unknown role {role!r}; one of {', '.join(ROLES)}",
            field="role",
        )
    if (role == DEPUTY_ROLE) != bool(deputy_id):
        raise DomainError(
            ErrorCode.INVALID,
            "代表令牌须绑定一名代表（--deputy），其他角色的令牌不得绑定代表",
            "A DEPUTY token is bound to one deputy (--deputy); other roles' tokens are not",
            field="deputyId",
        )
    if not name.strip() or len(name) > 100:
        raise DomainError(
            ErrorCode.INVALID, "令牌名称应为 1–100 个字符", "Token name: 1–100 characters"
        )


async def create(db: Database, name: str, role: str, deputy_id: str = "") -> tuple[Token, str]:
    """A new token; returns it and its secret (the only time the secret is seen). A DEPUTY
    token names the existing deputy it signs in as."""
    _check(name, role, deputy_id)
    secret = new_secret()

    async def work(tx: AsyncManagedTransaction) -> Token:
        if await run(tx, ACTIVE_BY_NAME, name=name):
            raise DomainError(
                ErrorCode.DUPLICATE,
                f"已有同名的有效令牌：{name}",
                f"An active token named {name!r} exists; revoke it first",
                field="name",
            )
        if deputy_id and not await run(tx, DEPUTY_EXISTS, deputyId=deputy_id):
            raise DomainError(
                ErrorCode.NOT_FOUND,
                f"未找到代表：{deputy_id}",
                f"No deputy with id {deputy_id!r}",
                field="deputyId",
            )
        rows = await run(
            tx,
            CREATE_TOKEN,
            id=str(uuid.uuid4()),
            name=name,
            role=role,
            hash=hash_secret(secret),
            deputyId=deputy_id or None,
        )
        return Token.from_row(rows[0]["token"])

    return await db.transaction(work), secret


async def ensure_local_admin(db: Database) -> tuple[Token, str]:
    """Rotate the "local-admin" token: revoke the old one (its secret is not stored, so it
    cannot be shown again) and create a fresh ADMIN token in the same transaction."""
    secret = new_secret()

    async def work(tx: AsyncManagedTransaction) -> Token:
        await run(tx, REVOKE_TOKEN, ref=LOCAL_ADMIN_NAME)
        rows = await run(
            tx,
            CREATE_TOKEN,
            id=str(uuid.uuid4()),
            name=LOCAL_ADMIN_NAME,
            role="ADMIN",
            hash=hash_secret(secret),
            deputyId=None,
        )
        return Token.from_row(rows[0]["token"])

    return await db.transaction(work), secret


async def by_secret(db: Database, secret: str) -> Token | None:
    """The active token with this secret, or None."""
    rows = await db.read(TOKEN_BY_HASH, hash=hash_secret(secret))
    return Token.from_row(rows[0]["token"]) if rows else None


async def list_tokens(db: Database) -> list[Token]:
    return [Token.from_row(row["token"]) for row in await db.read(LIST_TOKENS)]


async def revoke(db: Database, ref: str) -> Token:
    """Revoke the active token with this id or name."""
    rows = await db.write(REVOKE_TOKEN, ref=ref)
    if not rows:
        raise DomainError(
            ErrorCode.NOT_FOUND, f"未找到有效的令牌：{ref}", f"No active token {ref!r}"
        )
    return Token.from_row(rows[0]["token"])


async def touch(db: Database, token_id: str) -> None:
    await db.write(TOUCH_TOKEN, id=token_id)
