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
    "enterprise": "i.enterpriseId = $enterprise",
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

COUNTS = """count(*) AS collected,
       count(i.assignedAt) AS assigned,
       count(CASE WHEN i.status = 'CLOSED' AND i.outcome = 'SOLVED' THEN 1 END) AS solved,
       count(i.answeredAt) AS answered,
       count(CASE WHEN i.status IN $open AND i.promisedBy < $today THEN 1 END) AS overdue"""


def stats_query(names: frozenset[str], dimensions: tuple[str, ...]) -> str:
    """One pass over the filtered issues, grouped by the dimensions' keys."""
    unwind = ""
    if "INDUSTRY" in dimensions:
        unwind = (
            "UNWIND CASE WHEN size(coalesce(i.industryPath, [])) = 0 THEN [null] "
            "ELSE i.industryPath END AS industry"
        )
    keys = ", ".join(DIMENSION_KEYS[d] for d in dimensions)
    return f"""
MATCH (i:Issue) {where(names)}
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
WITH a, i ORDER BY i.raisedAt, i.id
RETURN a.kind AS kind, collect(i {.*}) AS rows
"""
