"""Every Cypher statement of trips and calendar feeds, as named constants (VERB_NOUN).

Values always go in as parameters. The statements per owner label (`LIST_ACTIVITIES_OF`,
`MATCH_CALENDAR`, `MATCH_FEED_OWNER`) are built once, here, from fixed labels.
"""

from __future__ import annotations

# The lock: every write transaction starts here, so writes to one activity serialise.
LOCK_ACTIVITY = """
MATCH (a:Activity {id: $id})
SET a.version = coalesce(a.version, 0) + 1
RETURN a {.*} AS node
"""

MATCH_INDUSTRY = "MATCH (n:Industry {code: $code}) RETURN n.id AS id"

CREATE_ACTIVITY = """
CREATE (a:Activity {id: $id})
SET a += $props, a.sortKey = $sortKey, a.version = 1,
    a.createdAt = datetime(), a.updatedAt = datetime()
RETURN a {.*} AS node
"""

UPDATE_ACTIVITY = """
MATCH (a:Activity {id: $id})
SET a += $props, a.sortKey = coalesce($sortKey, a.sortKey), a.updatedAt = datetime()
RETURN a {.*} AS node
"""

SET_ORGANISERS = """
MATCH (a:Activity {id: $id})
OPTIONAL MATCH (a)<-[old:ORGANIZES]-(:Committee)
DELETE old
WITH DISTINCT a
UNWIND $ids AS cid
MATCH (c:Committee {id: cid})
MERGE (c)-[:ORGANIZES]->(a)
"""

SET_HOLDERS = """
MATCH (a:Activity {id: $id})
OPTIONAL MATCH (a)<-[old:HOLDS]-(:DeputyGroup)
DELETE old
WITH DISTINCT a
UNWIND $ids AS gid
MATCH (g:DeputyGroup {id: gid})
MERGE (g)-[:HOLDS]->(a)
"""

SET_INDUSTRY = """
MATCH (a:Activity {id: $id})
OPTIONAL MATCH (a)-[old:IN_INDUSTRY]->(:Industry)
DELETE old
WITH DISTINCT a
MATCH (i:Industry {id: $industry})
MERGE (a)-[:IN_INDUSTRY]->(i)
"""

SET_STATUS = """
MATCH (a:Activity {id: $id})
SET a.status = $status, a.summary = coalesce($summary, a.summary), a.updatedAt = datetime()
RETURN a {.*} AS node
"""

MATCH_PARTICIPANT = """
MATCH (:Deputy {id: $deputy})-[r:TAKES_PART]->(:Activity {id: $id}) RETURN r.role AS role
"""

ADD_PARTICIPANT = """
MATCH (a:Activity {id: $id}), (d:Deputy {id: $deputy})
MERGE (d)-[r:TAKES_PART]->(a)
SET r.role = $role
"""

REMOVE_PARTICIPANT = """
MATCH (:Deputy {id: $deputy})-[r:TAKES_PART]->(:Activity {id: $id})
DELETE r RETURN count(*) AS removed
"""

LIST_VISITS = """
MATCH (:Activity {id: $id})-[v:VISITS]->(e:Enterprise)
RETURN e.id AS enterprise, v.day AS day, v.order AS order
ORDER BY v.order, e.sortKey, e.id
"""

ADD_VISIT = """
MATCH (a:Activity {id: $id}), (e:Enterprise {id: $enterprise})
MERGE (a)-[v:VISITS]->(e)
SET v.day = $day, v.order = $order
"""

SET_VISIT_ORDERS = """
UNWIND $rows AS row
MATCH (:Activity {id: $id})-[v:VISITS]->(:Enterprise {id: row.enterprise})
SET v.order = row.order, v.day = row.day
"""

REMOVE_VISIT = """
MATCH (:Activity {id: $id})-[v:VISITS]->(:Enterprise {id: $enterprise})
DELETE v RETURN count(*) AS removed
"""

# All five checks for many activities at once (one round trip; the DataLoader batches them).
LIST_CONFLICTS = """
UNWIND $ids AS id
MATCH (a:Activity {id: id})
CALL (a) {
  MATCH (a)<-[:TAKES_PART]-(d:Deputy)-[:TAKES_PART]->(o:Activity)
  WHERE o <> a AND o.status <> 'CANCELLED' AND o.start <= a.end AND o.end >= a.start
  WITH d, o ORDER BY d.sortKey, d.id, o.start, o.id
  RETURN collect({deputy: d.id, deputyName: d.name, other: o.id, otherTitle: o.title,
                  start: o.start, end: o.end}) AS overlaps
}
CALL (a) {
  MATCH (a)-[v:VISITS]->(e:Enterprise)<-[w:VISITS]-(o:Activity)
  WHERE o <> a AND o.status <> 'CANCELLED'
    AND abs(duration.inDays(v.day, w.day).days) < $capDays
  WITH e, v, o, w ORDER BY e.sortKey, e.id, w.day, o.id
  WITH e, v, collect({other: o.id, day: w.day}) AS others
  RETURN collect({enterprise: e.id, enterpriseName: e.name, day: v.day, others: others})
         AS crowded
}
CALL (a) {
  MATCH (a)<-[:TAKES_PART]-(d:Deputy)-[:WORKS_AT]->(e:Enterprise)<-[:VISITS]-(a)
  WITH d, e ORDER BY d.sortKey, d.id
  RETURN collect({deputy: d.id, deputyName: d.name, enterprise: e.id, enterpriseName: e.name})
         AS ownEmployer
}
CALL (a) {
  RETURN COUNT { (a)<-[:TAKES_PART]-(:Deputy) } AS deputies
}
CALL (a) {
  MATCH (a)-[v:VISITS]->(e:Enterprise)
  WHERE v.day < a.start OR v.day > a.end
  WITH e, v ORDER BY v.day, e.id
  RETURN collect({enterprise: e.id, enterpriseName: e.name, day: v.day}) AS outside
}
RETURN id, a.start AS start, a.end AS end, overlaps, crowded, ownEmployer, deputies, outside
"""

_ACTIVITY_FILTER = """
($from IS NULL OR a.end >= $from) AND ($to IS NULL OR a.start <= $to)
AND ($status IS NULL OR a.status IN $status)
AND ($kind IS NULL OR a.kind IN $kind)
AND ($committee IS NULL OR EXISTS { (a)<-[:ORGANIZES]-(:Committee {id: $committee}) })
AND ($group IS NULL OR EXISTS { (a)<-[:HOLDS]-(:DeputyGroup {id: $group}) })
AND ($deputy IS NULL OR EXISTS { (a)<-[:TAKES_PART]-(:Deputy {id: $deputy}) })
AND ($enterprise IS NULL OR EXISTS { (a)-[:VISITS]->(:Enterprise {id: $enterprise}) })
AND ($industry IS NULL OR EXISTS {
  (a)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(:Industry {code: $industry}) })
"""

LIST_ACTIVITIES = f"""
CALL () {{ MATCH (a:Activity) WHERE {_ACTIVITY_FILTER} RETURN count(a) AS total }}
CALL () {{
  MATCH (a:Activity) WHERE {_ACTIVITY_FILTER}
  WITH a ORDER BY a.start, a.end, a.id SKIP $skip LIMIT $limit
  RETURN collect(a {{.*}}) AS rows
}}
RETURN total, rows
"""

# Activities of one committee, group, deputy or enterprise (the reverse fields), by date.
_ACTIVITIES_OF = {
    "Committee": "(:Committee {id: key})-[r:ORGANIZES]->(a:Activity)",
    "DeputyGroup": "(:DeputyGroup {id: key})-[r:HOLDS]->(a:Activity)",
    "Deputy": "(:Deputy {id: key})-[r:TAKES_PART]->(a:Activity)",
    "Enterprise": "(:Enterprise {id: key})<-[r:VISITS]-(a:Activity)",
}
LIST_ACTIVITIES_OF = {
    label: f"""
UNWIND $ids AS key
MATCH {pattern}
WITH key, a, r ORDER BY a.start, a.end, a.id
RETURN key AS id, collect(a {{.*, rel: properties(r)}}) AS items
"""
    for label, pattern in _ACTIVITIES_OF.items()
}

# The enterprises first, so that each invitee carries the suggested enterprises they work at
# (`employers`: the conflict of interest the planner should see before building the trip).
SUGGEST_TRIP = """
MATCH (root:Industry {code: $code})
CALL (root) {
  MATCH (g:DeputyGroup)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(root)
  WITH DISTINCT g
  RETURN collect(g) AS groups
}
WITH root, groups
CALL (groups) {
  UNWIND groups AS g
  MATCH (c:Committee)-[:LIAISES_WITH]->(g)
  WITH DISTINCT c ORDER BY c.sortKey, c.id
  RETURN collect(c) AS committees
}
CALL (root) {
  MATCH (e:Enterprise)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(root)
  WHERE EXISTS { (e)-[:MEMBER_OF]->(:Alliance) } OR EXISTS { (e)<-[:WORKS_AT]-(:Deputy) }
  WITH DISTINCT e
  CALL (e) {
    MATCH (e)<-[v:VISITS]-(o:Activity) WHERE o.status <> 'CANCELLED'
    RETURN max(v.day) AS lastVisited
  }
  WITH e, lastVisited
  ORDER BY lastVisited IS NOT NULL, lastVisited, e.sortKey, e.id
  LIMIT $limit
  RETURN collect(e {.*, lastVisited: lastVisited}) AS enterprises, collect(e) AS picked
}
CALL (groups, committees, picked) {
  CALL (groups, committees) {
    UNWIND groups AS g
    MATCH (d:Deputy)-[m:MEMBER_OF]->(g)
    RETURN d, CASE m.role WHEN 'CONVENER' THEN 0 ELSE 1 END AS rank,
           g AS via, 'DeputyGroup' AS viaLabel
    UNION
    UNWIND committees AS c
    MATCH (d:Deputy)-[:SITS_ON]->(c)
    RETURN d, 2 AS rank, c AS via, 'Committee' AS viaLabel
  }
  WITH d, rank, via, viaLabel
  WHERE NOT EXISTS {
    MATCH (d)-[:TAKES_PART]->(o:Activity)
    WHERE o.status <> 'CANCELLED' AND o.start <= $to AND o.end >= $from
  }
  WITH d, rank, via, viaLabel ORDER BY rank, via.id
  WITH d, head(collect({rank: rank, via: via {.*}, viaLabel: viaLabel})) AS best
  ORDER BY best.rank, d.sortKey, d.id
  RETURN collect(d {.*, rank: best.rank, via: best.via, viaLabel: best.viaLabel,
                    employers: [(d)-[:WORKS_AT]->(e:Enterprise) WHERE e IN picked | e {.*}]})
         AS invitees
}
CALL (groups) {
  UNWIND groups AS g
  WITH g ORDER BY g.sortKey, g.id
  RETURN collect(g {.*}) AS groupRows
}
RETURN [c IN committees | c {.*}] AS committees, groupRows AS groups, invitees, enterprises
"""

# Everything a calendar feed needs about one owner's activities (cancelled ones left out).
_CALENDAR_PATTERNS = {
    "Committee": "(owner)-[:ORGANIZES]->(a:Activity)",
    "DeputyGroup": "(owner)-[:HOLDS]->(a:Activity)",
    "Deputy": "(owner)-[:TAKES_PART]->(a:Activity)",
    "Venue": "(owner)<-[:HELD_AT]-(a:Activity)",
}
MATCH_CALENDAR = {
    label: f"""
MATCH (owner:{label} {{id: $id}})
CALL (owner) {{
  MATCH {pattern}
  WHERE a.status <> 'CANCELLED'
  CALL (a) {{
    OPTIONAL MATCH (a)-[v:VISITS]->(e:Enterprise)
    WITH v, e ORDER BY v.day, v.order, e.sortKey
    RETURN collect(CASE WHEN e IS NULL THEN NULL ELSE
                   {{name: e.name, town: e.town, day: v.day, order: v.order}} END) AS visits
  }}
  CALL (a) {{
    OPTIONAL MATCH (a)<-[p:TAKES_PART]-(d:Deputy)
    WITH p, d ORDER BY p.role, d.sortKey, d.id
    RETURN collect(CASE WHEN d IS NULL THEN NULL ELSE
                   {{id: d.id, name: d.name, role: p.role}} END) AS participants
  }}
  WITH a, visits, participants ORDER BY a.start, a.slotStart, a.id
  RETURN collect(a {{.*, visits: visits, participants: participants,
                     venue: [(a)-[:HELD_AT]->(v:Venue) | v {{.name, .address}}][0]}})
         AS activities
}}
RETURN owner.name AS name, activities
"""
    for label, pattern in _CALENDAR_PATTERNS.items()
}

# Calendar feed keys (graph/trips/feeds.py): the owner a new key is for, then the keys.
MATCH_FEED_OWNER = {
    label: f"MATCH (owner:{label} {{id: $id}}) RETURN owner.id AS id"
    for label in _CALENDAR_PATTERNS
}

CREATE_FEED = """
CREATE (f:CalendarFeed {id: $id, kind: $kind, ownerId: $ownerId, hash: $hash,
                        createdBy: $createdBy, createdByName: $createdByName,
                        created: datetime(), revoked: false})
RETURN f {.id, .kind, .ownerId, .createdByName, .created, .revoked} AS feed
"""

MATCH_FEED = """
MATCH (f:CalendarFeed {hash: $hash})
WHERE NOT f.revoked
RETURN f {.id, .kind, .ownerId, .createdByName, .created, .revoked} AS feed
"""

LIST_FEEDS = """
MATCH (f:CalendarFeed)
RETURN f {.id, .kind, .ownerId, .createdByName, .created, .revoked} AS feed
ORDER BY f.created, f.id
"""

# `$createdBy` null: anyone's feed (an administrator); else only the caller's own.
REVOKE_FEED = """
MATCH (f:CalendarFeed {id: $id})
WHERE NOT f.revoked AND ($createdBy IS NULL OR f.createdBy = $createdBy)
SET f.revoked = true, f.revokedAt = datetime()
RETURN f {.id, .kind, .ownerId, .createdByName, .created, .revoked} AS feed
"""

# Rescheduling (graph/trips/reschedule.py): who and where a trip involves, to lock them; then
# every visit moved by the same number of days as the start.
MATCH_PLAN_NODES = """
MATCH (a:Activity {id: $id})
RETURN [(a)<-[:TAKES_PART]-(d:Deputy) | d.id] AS deputies,
       [(a)-[:VISITS]->(e:Enterprise) | e.id] AS enterprises
"""

SHIFT_VISITS = """
MATCH (:Activity {id: $id})-[v:VISITS]->(:Enterprise)
SET v.day = v.day + duration({days: $days})
"""
