"""Cypher of receptions: an (:Activity {kind: 'RECEPTION'})-[:HELD_AT]->(:Venue) with its 四定.

Participants, lifecycle moves and conflicts are the trips' own statements (graph/trips/).
"""

from __future__ import annotations

CREATE_RECEPTION = """
MATCH (v:Venue {id: $venue})
CREATE (a:Activity {id: $id})-[:HELD_AT]->(v)
SET a += $props, a.kind = 'RECEPTION', a.status = 'DRAFT', a.sortKey = $sortKey,
    a.version = 1, a.createdAt = datetime(), a.updatedAt = datetime()
WITH a
UNWIND range(0, size($deputies) - 1) AS i
MATCH (d:Deputy {id: $deputies[i]})
MERGE (d)-[r:TAKES_PART]->(a)
SET r.role = CASE i WHEN 0 THEN 'LEAD' ELSE 'MEMBER' END
"""

UPDATE_RECEPTION = """
MATCH (a:Activity {id: $id})
SET a += $props, a.sortKey = coalesce($sortKey, a.sortKey), a.updatedAt = datetime()
RETURN a {.*} AS node
"""

MATCH_RECEPTION_VENUE = """
MATCH (:Activity {id: $id})-[:HELD_AT]->(v:Venue) RETURN v {.*} AS venue
"""

# Another open reception at the venue whose slot overlaps, that day (the venue's own rule).
MATCH_RECEPTION_CLASH = """
MATCH (a:Activity {kind: 'RECEPTION'})-[:HELD_AT]->(:Venue {id: $venue})
WHERE a.id <> $id AND a.start = $day AND a.status <> 'CANCELLED'
  AND a.slotStart < $slotEnd AND a.slotEnd > $slotStart
RETURN a.id AS id, a.title AS title, a.slotStart AS slotStart, a.slotEnd AS slotEnd
ORDER BY a.slotStart, a.id
LIMIT 1
"""

_RECEPTION_FILTER = """
($venue IS NULL OR v.id = $venue)
AND ($congress IS NULL OR v.congressId = $congress)
AND ($from IS NULL OR a.start >= $from) AND ($to IS NULL OR a.start <= $to)
AND ($status IS NULL OR a.status IN $status)
"""

# By day, then slot.
LIST_RECEPTIONS = f"""
CALL () {{
  MATCH (a:Activity {{kind: 'RECEPTION'}})-[:HELD_AT]->(v:Venue) WHERE {_RECEPTION_FILTER}
  RETURN count(a) AS total
}}
CALL () {{
  MATCH (a:Activity {{kind: 'RECEPTION'}})-[:HELD_AT]->(v:Venue) WHERE {_RECEPTION_FILTER}
  WITH a, v ORDER BY a.start, a.slotStart, a.slotEnd, a.id SKIP $skip LIMIT $limit
  RETURN collect(a {{.*, venueId: v.id}}) AS rows
}}
RETURN total, rows
"""

# Receptions by id, with their venue (the Reception type's rows).
RECEPTIONS_BY_ID = """
UNWIND $ids AS id
MATCH (a:Activity {id: id, kind: 'RECEPTION'})-[:HELD_AT]->(v:Venue)
RETURN id, a {.*, venueId: v.id} AS node
"""

# A venue's receptions between two days (Venue.receptions), by day then slot.
LIST_RECEPTIONS_AT = """
UNWIND $ids AS key
MATCH (v:Venue {id: key})<-[:HELD_AT]-(a:Activity {kind: 'RECEPTION'})
WHERE ($from IS NULL OR a.start >= $from) AND ($to IS NULL OR a.start <= $to)
WITH key, v, a ORDER BY a.start, a.slotStart, a.slotEnd, a.id
RETURN key AS id, collect(a {.*, venueId: v.id}) AS items
"""
