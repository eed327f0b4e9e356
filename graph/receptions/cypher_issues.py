"""The Cypher of issues (诉求): their steps, lists and statistics. Values only as $parameters;
the filter and grouping pieces are fixed fragments chosen by name (issue_reads.py)."""

from __future__ import annotations

LOCK_ISSUE = """
MATCH (i:Issue {id: $id})
SET i._lock = true REMOVE i._lock
RETURN i {.*} AS node
"""

# What a new issue points at, read under the locks the caller took: the trip or reception (its
# kind, venue and congress), the booking (its venue and reception), the campaign.
RAISE_CONTEXT = """
OPTIONAL MATCH (a:Activity {id: $activity})
OPTIONAL MATCH (a)-[:HELD_AT]->(av:Venue)
OPTIONAL MATCH (b:Booking {id: $booking})
OPTIONAL MATCH (b)-[:BOOKED_AT]->(bv:Venue)
OPTIONAL MATCH (c:Campaign {id: $campaign})
RETURN a.kind AS activityKind, a IS NOT NULL AS activityFound,
       coalesce(av.id, bv.id) AS venueId,
       coalesce(av.congressId, bv.congressId, c.congressId,
                [(a)<-[:ORGANIZES|HOLDS]-()-[:COMMITTEE_OF|GROUP_OF]->(g:Congress) | g.id][0])
           AS congressId,
       [(a)-[:IN_CAMPAIGN]->(k:Campaign) | k.id][0] AS activityCampaignId
"""

LOCK_INDUSTRY = """
OPTIONAL MATCH (n:Industry {code: $code})
SET n._lock = true REMOVE n._lock
RETURN n IS NOT NULL AS found
"""

CREATE_ISSUE = """
CREATE (i:Issue {id: $id})
SET i += $props, i.sortKey = $sortKey
WITH i
OPTIONAL MATCH (a:Activity {id: $activity})
FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END | CREATE (i)-[:RAISED_AT]->(a))
WITH i
OPTIONAL MATCH (b:Booking {id: $booking})
FOREACH (_ IN CASE WHEN b IS NULL THEN [] ELSE [1] END | CREATE (i)-[:FROM_BOOKING]->(b))
WITH i
OPTIONAL MATCH (c:Campaign {id: $campaign})
FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | CREATE (i)-[:IN_CAMPAIGN]->(c))
WITH i
OPTIONAL MATCH (e:Enterprise {id: $enterprise})
FOREACH (_ IN CASE WHEN e IS NULL THEN [] ELSE [1] END | CREATE (i)-[:RAISED_BY]->(e))
WITH i
OPTIONAL MATCH (n:Industry {code: $industry})
FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END | CREATE (i)-[:IN_INDUSTRY]->(n))
WITH i
UNWIND $deputies AS deputy
MATCH (d:Deputy {id: deputy})
CREATE (d)-[:COLLECTED]->(i)
RETURN count(*) AS linked
"""

# The move and its event: seq numbers the issue's events from 1, oldest first.
RECORD_STEP = """
MATCH (i:Issue {id: $id})
SET i += $props, i.status = $to
WITH i
OPTIONAL MATCH (i)-[:HAS_EVENT]->(old:IssueEvent)
WITH i, count(old) AS n
CREATE (i)-[:HAS_EVENT]->(e:IssueEvent {id: $eventId, source: $source, at: $at, by: $by,
    action: $action, from: $from, to: $to, note: $note, seq: n + 1, unitId: $unitId, due: $due})
RETURN i {.*} AS node
"""

LOCK_UNIT = """
OPTIONAL MATCH (u:Unit {id: $unit})
SET u._lock = true REMOVE u._lock
RETURN u IS NOT NULL AS found
"""

ASSIGN_UNIT = """
MATCH (i:Issue {id: $id}), (u:Unit {id: $unit})
OPTIONAL MATCH (i)-[old:ASSIGNED_TO]->(:Unit)
DELETE old
CREATE (i)-[:ASSIGNED_TO {at: $at, due: $due}]->(u)
"""

LINK_ESCALATED = """
MATCH (i:Issue {id: $id}), (p:Proposal {id: $proposal})
CREATE (i)-[:ESCALATED_TO {at: $at}]->(p)
"""

EVENTS_BY_ISSUE = """
UNWIND $ids AS id
MATCH (:Issue {id: id})-[:HAS_EVENT]->(e:IssueEvent)
WITH id, e ORDER BY e.seq
RETURN id, collect(e {.*}) AS items
"""

DEPUTIES_BY_ISSUE = """
UNWIND $ids AS id
MATCH (:Issue {id: id})<-[:COLLECTED]-(d:Deputy)
WITH id, d ORDER BY d.sortKey, d.id
RETURN id, collect(d {.*}) AS items
"""

# The issues a suggestion was escalated from (the way back from the suggestion).
ISSUES_BY_PROPOSAL = """
UNWIND $ids AS id
MATCH (:Proposal {id: id})<-[:ESCALATED_TO]-(i:Issue)
WITH id, i ORDER BY i.raisedAt, i.id
RETURN id, collect(i {.*}) AS items
"""

# Filter fragments, by parameter name: issue_reads.filter_params picks those set.
ISSUE_FILTERS = {
    "congress": "i.congressId = $congress",
    "status": "i.status = $status",
    "unit": "i.unitId = $unit",
    "industry": "$industry IN i.industryPath",
    # every enterprise it was raised for (a question may speak for several projects' firms)
    "enterprise": "EXISTS { (i)-[:RAISED_BY]->(:Enterprise {id: $enterprise}) }",
    "campaign": "i.campaignId = $campaign",
    "venue": "i.venueId = $venue",
    "reception": "i.activityId = $reception",
    "origin": "i.origin = $origin",
    "year": "i.year = $year",
    "promisedFrom": "i.promisedBy >= $promisedFrom",
    "promisedTo": "i.promisedBy <= $promisedTo",
    "openOnly": "i.status IN $open",
    "text": "i.title CONTAINS $text",
    "overdue": "i.status IN $open AND i.promisedBy < $today",
    "notOverdue": "NOT coalesce(i.status IN $open AND i.promisedBy < $today, false)",
}


def where(names: frozenset[str]) -> str:
    """The WHERE clause of the filters named (fixed fragments, in a fixed order)."""
    parts = [fragment for name, fragment in ISSUE_FILTERS.items() if name in names]
    return ("WHERE " + " AND ".join(parts)) if parts else ""


def list_query(names: frozenset[str]) -> str:
    """A page of issues and the total, sorted by promisedBy (none last), raisedAt, id."""
    clause = where(names)
    return f"""
CALL () {{ MATCH (i:Issue) {clause} RETURN count(i) AS total }}
CALL () {{
  MATCH (i:Issue) {clause}
  WITH i ORDER BY i.promisedBy, i.raisedAt, i.id SKIP $skip LIMIT $limit
  RETURN collect(i {{.*}}) AS rows
}}
RETURN total, rows
"""


# The key each grouping dimension reads from the issue (INDUSTRY unwinds the roll-up path).
DIMENSION_KEYS = {
    "CAMPAIGN": "i.campaignId",
    "YEAR": "i.year",
    "MONTH": "i.month",
    "STATUS": "i.status",
    "UNIT": "i.unitId",
    "INDUSTRY": "industry",
    "ENTERPRISE": "i.enterpriseId",
    "VENUE": "i.venueId",
    "ORIGIN": "i.origin",
}

# The counts read only status and the packed statsFacts (issues.stats_facts), so with the keys
# they group by they come from an index (migration 14) when the filter allows.
COUNTS = """count(*) AS collected,
       count(CASE WHEN i.statsFacts % 8 >= 4 THEN 1 END) AS assigned,
       count(CASE WHEN i.statsFacts % 2 = 1 THEN 1 END) AS solved,
       count(CASE WHEN (i.statsFacts / 2) % 2 = 1 THEN 1 END) AS answered,
       count(CASE WHEN i.status IN $open AND i.statsFacts / 8 < $todayDay THEN 1 END) AS overdue"""


def stats_query(names: frozenset[str], dimensions: tuple[str, ...]) -> str:
    """One pass over the filtered issues, grouped by the dimensions' keys."""
    unwind = ""
    if "INDUSTRY" in dimensions:
        unwind = (
            "UNWIND CASE WHEN size(coalesce(i.industryPath, [])) = 0 THEN [null] "
            "ELSE i.industryPath END AS industry"
        )
    keys = ", ".join(DIMENSION_KEYS[d] for d in dimensions)
    # Stating that status and statsFacts exist (they always do) lets the planner read them
    # from a composite index (campaignId | year, status, statsFacts) instead of the nodes.
    clause = where(names)
    clause = (clause + " AND" if clause else "WHERE") + (
        " i.status IS NOT NULL AND i.statsFacts IS NOT NULL"
    )
    return f"""
MATCH (i:Issue) {clause}
{unwind}
WITH i, [{keys}] AS keys
RETURN keys, {COUNTS}
"""


INDUSTRY_NAMES = """
UNWIND $codes AS code
MATCH (n:Industry {code: code})
RETURN code, n.name AS name
"""

# The three 321 lists of a reception come from its issues (RAISED_AT), oldest first.
RECEPTION_ISSUES = """
MATCH (a:Activity {id: $id})
OPTIONAL MATCH (i:Issue {activityId: $id})
WITH a, i ORDER BY i.raisedAt, i.sortKey, i.id
RETURN a.kind AS kind, collect(i {.*}) AS rows
"""


# The keys an issue stores, recomputed from its relationships and properties: for issues written
# in the stored format by other means (seeds, demo, benchmark data). Same rules as
# issues.raise_issue, issue_steps and issues.stats_facts. Runs in an implicit transaction.
REFRESH_KEYS = """
MATCH (i:Issue)
CALL (i) {
  OPTIONAL MATCH (i)-[:RAISED_AT]->(a:Activity)
  OPTIONAL MATCH (a)-[:HELD_AT]->(av:Venue)
  OPTIONAL MATCH (i)-[:FROM_BOOKING]->(b:Booking)
  OPTIONAL MATCH (b)-[:BOOKED_AT]->(bv:Venue)
  OPTIONAL MATCH (i)-[:IN_CAMPAIGN]->(k:Campaign)
  OPTIONAL MATCH (i)-[:ASSIGNED_TO]->(u:Unit)
  OPTIONAL MATCH (i)-[:IN_INDUSTRY]->(n:Industry)
  OPTIONAL MATCH (i)-[:ESCALATED_TO]->(p:Proposal)
  WITH i, a, coalesce(av.id, bv.id) AS venue, b, k, u, n.code AS code, p
  ORDER BY code
  LIMIT 1
  // raised for several enterprises: the first by id is the one statistics group it under
  CALL (i) {
    OPTIONAL MATCH (i)-[:RAISED_BY]->(e:Enterprise)
    RETURN min(e.id) AS enterprise
  }
  SET i.activityId = a.id, i.venueId = venue, i.bookingId = b.id, i.campaignId = k.id,
      i.enterpriseId = enterprise, i.unitId = u.id, i.industryCode = code, i.proposalId = p.id,
      i.industryPath = CASE WHEN code IS NULL THEN []
                            ELSE [m IN [5, 4, 3, 1] WHERE m <= size(code) | left(code, m)] END,
      i.year = i.raisedAt.year,
      i.month = toString(i.raisedAt.year) + '-' + right('0' + toString(i.raisedAt.month), 2),
      i.statsFacts = coalesce(duration.inDays($epoch, i.promisedBy).days, $noDay) * 8
        + CASE WHEN i.assignedAt IS NULL THEN 0 ELSE 4 END
        + CASE WHEN i.answeredAt IS NULL THEN 0 ELSE 2 END
        + CASE WHEN i.status = 'CLOSED' AND i.outcome = 'SOLVED' THEN 1 ELSE 0 END
} IN TRANSACTIONS OF 5000 ROWS
"""
