"""Versioned, idempotent schema migrations, applied by `thirdlink migrate` (never at start-up).

Each migration is a list of DDL statements that may safely run again (`IF NOT EXISTS`), then
optionally data steps (back-fills) that may also run again: each touches only what is not done
yet, in batches (`CALL … IN TRANSACTIONS`, so they run in an implicit transaction). The
applied versions are recorded as (:Migration {version, name, appliedAt}) nodes.
Later modules append migrations; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graph.kernel.db import Database
from graph.kernel.model import (
    DUTY_LABELS,
    LABELS,
    LIAISON_LABELS,
    NAME_INDEX,
    NAMED_LABELS,
    PERSONAL_LABELS,
    RECEPTION_LABELS,
    SEARCH_INDEX,
    SEARCH_LABELS,
    SEARCH_WORDS,
    VOTING_LABELS,
)
from graph.proposals.cypher_handling import RAISED_ROLE_BACKFILL
from graph.proposals.facts import STATS_FACTS, STATS_INDUSTRY, STATS_OTHERS
from graph.proposals.vocab import AssignmentRole


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]
    data: tuple[str, ...] = ()


def _unique_ids() -> tuple[str, ...]:
    return tuple(
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in LABELS
    )


def _sort_keys() -> tuple[str, ...]:
    return tuple(
        f"CREATE INDEX {label.lower()}_sort IF NOT EXISTS FOR (n:{label}) ON (n.sortKey)"
        for label in NAMED_LABELS
    )


# What the search index (migration 9) covers: names, an industry's aliases, a trip's topic.
_SEARCHED_PROPERTIES = ", ".join(f"n.{p}" for p in ("name", *SEARCH_WORDS.values()))

# The cjk analyzer indexes Chinese as overlapping bigrams, so 预制菜 matches 山东预制菜产业联盟.

# The packed statistics properties of suggestions stored before they existed (the writers set
# them since: graph/proposals/, the generators). Only nodes without them, so it may run again.
STATS_BACKFILL = f"""
MATCH (p:Proposal) WHERE p.statsFacts IS NULL OR p.statsIndustry IS NULL
CALL (p) {{
  SET p.statsIndustry = {STATS_INDUSTRY}, p.statsOthers = {STATS_OTHERS},
    p.statsFacts = {STATS_FACTS}
}} IN TRANSACTIONS OF 10000 ROWS
"""

# Assignments stored without a role (an old export, a hand-made file; every writer sets one):
# the only unit of a suggestion is its lead (主办), and beside a lead the others are co-handling
# (协办). Where neither holds the role stays unknown (statistics say 角色未注明), not guessed.
ROLE_BACKFILL = f"""
MATCH (p:Proposal)-[r:ASSIGNED_TO]->(:Unit) WHERE r.role IS NULL
WITH DISTINCT p
CALL (p) {{
  MATCH (p)-[a:ASSIGNED_TO]->(:Unit)
  WITH collect(a) AS given
  WITH given, size([x IN given WHERE x.role = '{AssignmentRole.LEAD.value}']) AS leads
  FOREACH (x IN [x IN given WHERE x.role IS NULL] |
    SET x.role = CASE WHEN size(given) = 1 THEN '{AssignmentRole.LEAD.value}'
                      WHEN leads > 0 THEN '{AssignmentRole.CO.value}' END)
}} IN TRANSACTIONS OF 10000 ROWS
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "liaison graph: unique ids, industry codes and USCCs, pinyin sort keys, name search",
        (
            *_unique_ids(),
            "CREATE CONSTRAINT industry_code IF NOT EXISTS "
            "FOR (n:Industry) REQUIRE n.code IS UNIQUE",
            "CREATE CONSTRAINT enterprise_uscc IF NOT EXISTS "
            "FOR (n:Enterprise) REQUIRE n.uscc IS UNIQUE",
            "CREATE CONSTRAINT migration_version IF NOT EXISTS "
            "FOR (n:Migration) REQUIRE n.version IS UNIQUE",
            *_sort_keys(),
            f"CREATE FULLTEXT INDEX {NAME_INDEX} IF NOT EXISTS "
            f"FOR (n:{'|'.join(NAMED_LABELS)}) ON EACH [n.name] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
        ),
    ),
    Migration(
        2,
        "trips: activity dates and status indexes",
        (
            "CREATE INDEX activity_start IF NOT EXISTS FOR (n:Activity) ON (n.start)",
            "CREATE INDEX activity_end IF NOT EXISTS FOR (n:Activity) ON (n.end)",
            "CREATE INDEX activity_status IF NOT EXISTS FOR (n:Activity) ON (n.status)",
        ),
    ),
    Migration(
        3,
        "suggestions: statistics keys, due dates, handling units, events",
        (
            "CREATE INDEX proposal_raised_at IF NOT EXISTS FOR (n:Proposal) ON (n.raisedAt)",
            "CREATE INDEX proposal_status IF NOT EXISTS FOR (n:Proposal) ON (n.status)",
            "CREATE INDEX proposal_year IF NOT EXISTS FOR (n:Proposal) ON (n.year)",
            "CREATE INDEX proposal_due IF NOT EXISTS FOR (n:Proposal) ON (n.due)",
            "CREATE INDEX proposal_title IF NOT EXISTS FOR (n:Proposal) ON (n.title)",
            "CREATE INDEX proposal_congress IF NOT EXISTS FOR (n:Proposal) ON (n.congressId)",
            "CREATE CONSTRAINT proposalevent_id IF NOT EXISTS "
            "FOR (n:ProposalEvent) REQUIRE n.id IS UNIQUE",
        ),
    ),
    Migration(
        4,
        "access: API tokens (unique id and hash) and the audit trail (id, time)",
        (
            "CREATE CONSTRAINT apitoken_id IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT apitoken_hash IF NOT EXISTS "
            "FOR (n:ApiToken) REQUIRE n.hash IS UNIQUE",
            "CREATE CONSTRAINT auditevent_id IF NOT EXISTS "
            "FOR (n:AuditEvent) REQUIRE n.id IS UNIQUE",
            "CREATE INDEX auditevent_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at)",
        ),
    ),
    Migration(
        5,
        "suggestions: index-backed year statistics (statsIndustry, statsOthers, statsFacts)",
        (
            # A year's statistics by industry read the values from these indexes alone
            # (graph/proposals/stats.py). Every suggestion has the three of the first; only
            # those in more than one industry have statsOthers, so are in the second.
            "CREATE INDEX proposal_year_stats IF NOT EXISTS "
            "FOR (p:Proposal) ON (p.year, p.statsIndustry, p.statsFacts)",
            "CREATE INDEX proposal_year_others IF NOT EXISTS "
            "FOR (p:Proposal) ON (p.year, p.statsOthers, p.statsFacts)",
        ),
        (STATS_BACKFILL,),
    ),
    Migration(
        6,
        "write locks: one (:Lock) anchor per name (graph/kernel/locks.py)",
        ("CREATE CONSTRAINT lock_name IF NOT EXISTS FOR (n:Lock) REQUIRE n.name IS UNIQUE",),
    ),
    Migration(
        7,
        "access: calendar feed keys (unique id and hash)",
        (
            "CREATE CONSTRAINT calendarfeed_id IF NOT EXISTS "
            "FOR (n:CalendarFeed) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT calendarfeed_hash IF NOT EXISTS "
            "FOR (n:CalendarFeed) REQUIRE n.hash IS UNIQUE",
        ),
    ),
    Migration(
        8,
        "liaison lists: TEXT indexes on names, so `nameContains` in Chinese is index-backed",
        tuple(
            f"CREATE TEXT INDEX {label.lower()}_name_text IF NOT EXISTS FOR (n:{label}) ON (n.name)"
            for label in LIAISON_LABELS
        ),
    ),
    Migration(
        9,
        "search: suggestions, trips (title, topic) and industry aliases; a group's suggestions "
        "by date",
        (
            # One full-text index over every searched label's name and words replaces the
            # names-only one of migration 1 (a full-text index cannot be altered).
            f"CREATE FULLTEXT INDEX {SEARCH_INDEX} IF NOT EXISTS "
            f"FOR (n:{'|'.join(SEARCH_LABELS)}) "
            f"ON EACH [{_SEARCHED_PROPERTIES}] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
            f"DROP INDEX {NAME_INDEX} IF EXISTS",
            # Substrings in Chinese of the names and topics search reads (the liaison labels'
            # names have theirs from migration 8).
            *(
                f"CREATE TEXT INDEX {label.lower()}_name_text IF NOT EXISTS "
                f"FOR (n:{label}) ON (n.name)"
                for label in SEARCH_LABELS
                if label not in LIAISON_LABELS
            ),
            "CREATE TEXT INDEX activity_topic_text IF NOT EXISTS FOR (n:Activity) ON (n.topic)",
            # coverageGaps: has the group raised a suggestion in the period?
            "CREATE INDEX proposal_group_raised IF NOT EXISTS "
            "FOR (n:Proposal) ON (n.groupId, n.raisedAt)",
        ),
    ),
    Migration(
        10,
        "suggestions: dashboard filters and closed counts (title TEXT index; closed by year)",
        (
            # `filter.text` (the title contains …, in Chinese) is index-backed.
            "CREATE TEXT INDEX proposal_title_text IF NOT EXISTS FOR (n:Proposal) ON (n.title)",
            # The closed ones of a year's index-backed statistics (cypher_stats.COUNT_YEAR_CLOSED_…)
            # come from these alone, like the other counts.
            "CREATE INDEX proposal_year_closed IF NOT EXISTS "
            "FOR (p:Proposal) ON (p.year, p.status, p.statsIndustry, p.statsFacts)",
            "CREATE INDEX proposal_year_closed_others IF NOT EXISTS "
            "FOR (p:Proposal) ON (p.year, p.status, p.statsOthers, p.statsFacts)",
        ),
        (ROLE_BACKFILL,),
    ),
    Migration(
        11,
        "joint suggestions: a raiser's role (LEAD 领衔 / CO_SIGNER 联名); stored raisers lead",
        (),
        (RAISED_ROLE_BACKFILL,),
    ),
    Migration(
        12,
        "receptions and issues: unique ids, personal contacts, the keys their lists filter on",
        (
            *(
                f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
                f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
                for label in (*RECEPTION_LABELS, *PERSONAL_LABELS)
            ),
            "CREATE INDEX venue_township IF NOT EXISTS FOR (n:Venue) ON (n.township)",
            "CREATE INDEX venue_sort IF NOT EXISTS FOR (n:Venue) ON (n.sortKey)",
            "CREATE INDEX booking_day IF NOT EXISTS FOR (n:Booking) ON (n.day)",
            "CREATE INDEX issue_status_promised IF NOT EXISTS "
            "FOR (n:Issue) ON (n.status, n.promisedBy)",
            "CREATE INDEX issue_promised IF NOT EXISTS FOR (n:Issue) ON (n.promisedBy)",
            "CREATE INDEX issue_year IF NOT EXISTS FOR (n:Issue) ON (n.year)",
            "CREATE INDEX issue_raised_at IF NOT EXISTS FOR (n:Issue) ON (n.raisedAt)",
            "CREATE INDEX campaign_year IF NOT EXISTS FOR (n:Campaign) ON (n.year)",
            "CREATE INDEX summary_month IF NOT EXISTS FOR (n:MonthlySummary) ON (n.month)",
            "CREATE INDEX activity_kind IF NOT EXISTS FOR (n:Activity) ON (n.kind)",
        ),
    ),
    Migration(
        14,
        "issues: the keys stored on each issue that lists and statistics filter on; campaigns",
        (
            *(
                f"CREATE INDEX issue_{key.lower()} IF NOT EXISTS FOR (n:Issue) ON (n.{key})"
                for key in ("unitId", "venueId", "enterpriseId", "activityId")
            ),
            # Statistics by campaign or by year from the index alone (issues.stats_facts).
            "CREATE INDEX issue_campaign_facts IF NOT EXISTS "
            "FOR (n:Issue) ON (n.campaignId, n.status, n.statsFacts)",
            "CREATE INDEX issue_year_facts IF NOT EXISTS "
            "FOR (n:Issue) ON (n.year, n.status, n.statsFacts)",
            "CREATE TEXT INDEX issue_title_text IF NOT EXISTS FOR (n:Issue) ON (n.title)",
            "CREATE INDEX campaign_congress_name IF NOT EXISTS "
            "FOR (n:Campaign) ON (n.congressId, n.name, n.year)",
        ),
    ),
    Migration(
        15,
        "livelihood projects voted by deputies, duty records' scoring rules: unique ids, the keys "
        "their lists filter on; a DEPUTY token's deputy",
        (
            *(
                f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
                f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
                for label in (*VOTING_LABELS, *DUTY_LABELS)
            ),
            "CREATE INDEX project_congress_year IF NOT EXISTS "
            "FOR (n:Project) ON (n.congressId, n.year)",
            "CREATE INDEX project_year IF NOT EXISTS FOR (n:Project) ON (n.year)",
            "CREATE INDEX project_status IF NOT EXISTS FOR (n:Project) ON (n.status)",
            "CREATE INDEX ballot_congress_year IF NOT EXISTS "
            "FOR (n:Ballot) ON (n.congressId, n.year)",
            "CREATE INDEX task_due IF NOT EXISTS FOR (n:ProjectTask) ON (n.due)",
            "CREATE INDEX scoring_rule_congress IF NOT EXISTS "
            "FOR (n:ScoringRule) ON (n.congressId, n.kind)",
            "CREATE INDEX api_token_deputy IF NOT EXISTS FOR (n:ApiToken) ON (n.deputyId)",
        ),
    ),
)

APPLIED_VERSIONS = """
MATCH (m:Migration) RETURN m.version AS version ORDER BY version
"""

RECORD_MIGRATION = """
MERGE (m:Migration {version: $version})
ON CREATE SET m.name = $name, m.appliedAt = datetime()
"""

AWAIT_INDEXES = "CALL db.awaitIndexes(300)"


async def applied_versions(db: Database) -> list[int]:
    return [row["version"] for row in await db.read(APPLIED_VERSIONS)]


async def migrate(db: Database, log: Callable[[str], None] = print) -> list[int]:
    """Apply every migration not yet recorded; return the versions applied now."""
    done = set(await applied_versions(db))
    applied = []
    for migration in MIGRATIONS:
        if migration.version in done:
            continue
        log(f"Applying migration {migration.version}: {migration.name}")
        for statement in migration.statements:
            await db.write(statement)
        for statement in migration.data:
            await run_data_step(db, statement)
        await db.write(RECORD_MIGRATION, version=migration.version, name=migration.name)
        applied.append(migration.version)
    await db.write(AWAIT_INDEXES)
    return applied


async def run_data_step(db: Database, statement: str) -> None:
    """`CALL … IN TRANSACTIONS` refuses a managed transaction (what `Database.write` runs), so
    the data steps go through a session's implicit one."""
    async with db.driver.session(database=db.database) as session:
        result = await session.run(statement)
        await result.consume()


def latest_version() -> int:
    return MIGRATIONS[-1].version
