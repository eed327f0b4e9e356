"""Migrations are versioned, idempotent, recorded in the database, and create what the
queries rely on (unique ids, the cjk full-text index)."""

from __future__ import annotations

from graph import migrations
from graph.kernel.db import Database
from graph.kernel.model import LABELS


async def test_migrate_again_applies_nothing(db: Database) -> None:
    # The session fixture has migrated already; a second run finds nothing to do.
    assert await migrations.migrate(db, log=lambda _: None) == []
    versions = await migrations.applied_versions(db)
    assert versions == [m.version for m in migrations.MIGRATIONS]
    assert versions[-1] == migrations.latest_version()


async def test_unique_id_constraint_for_every_label(db: Database) -> None:
    rows = await db.read(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties AS props"
    )
    unique_ids = {r["label"] for r in rows if r["props"] == ["id"]}
    assert set(LABELS) <= unique_ids


async def test_name_index_uses_the_cjk_analyzer(db: Database) -> None:
    rows = await db.read(
        "SHOW FULLTEXT INDEXES YIELD name, options WHERE name = $name RETURN options",
        name=migrations.SEARCH_INDEX,
    )
    assert rows and rows[0]["options"]["indexConfig"]["fulltext.analyzer"] == "cjk"


async def test_lost_record_is_reapplied_idempotently(db: Database) -> None:
    """If the record of a migration is lost, applying it again is harmless (IF NOT EXISTS)."""
    await db.write("MATCH (m:Migration {version: 1}) DELETE m")
    assert await migrations.migrate(db, log=lambda _: None) == [1]
    assert 1 in await migrations.applied_versions(db)
