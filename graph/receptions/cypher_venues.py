"""Cypher of venues (VERB_NOUN constants; values only as $parameters).

(Venue)-[:VENUE_OF]->(Congress), (Deputy)-[:STAFFS {since}]->(Venue).
"""

from __future__ import annotations

# A venue's name is unique within its congress: the check, run under the congress's lock.
MATCH_VENUE_NAMED = """
MATCH (v:Venue {name: $name})-[:VENUE_OF]->(:Congress {id: $congress})
WHERE v.id <> $id
RETURN v.id AS id
"""

CREATE_VENUE = """
MATCH (c:Congress {id: $congress})
CREATE (v:Venue {id: $id})-[:VENUE_OF]->(c)
SET v += $props, v.congressId = $congress, v.sortKey = $sortKey,
    v.createdAt = datetime(), v.updatedAt = datetime()
RETURN v {.*} AS node
"""

# A null in `$props` removes that property (roomKind when a room becomes a station).
UPDATE_VENUE = """
MATCH (v:Venue {id: $id})
SET v += $props, v.sortKey = coalesce($sortKey, v.sortKey), v.updatedAt = datetime()
RETURN v {.*} AS node
"""

MATCH_STAFF = """
MATCH (:Deputy {id: $deputy})-[r:STAFFS]->(:Venue {id: $id}) RETURN r.since AS since
"""

ADD_STAFF = """
MATCH (v:Venue {id: $id}), (d:Deputy {id: $deputy})
MERGE (d)-[r:STAFFS]->(v)
SET r.since = $since
"""

REMOVE_STAFF = """
MATCH (:Deputy {id: $deputy})-[r:STAFFS]->(:Venue {id: $id})
DELETE r RETURN count(*) AS removed
"""

_VENUE_FILTER = """
($congress IS NULL OR v.congressId = $congress)
AND ($township IS NULL OR v.township = $township)
AND ($kind IS NULL OR v.kind IN $kind)
AND ($roomKind IS NULL OR v.roomKind = $roomKind)
AND ($text IS NULL OR v.name CONTAINS $text OR coalesce(v.topic, '') CONTAINS $text
     OR coalesce(v.address, '') CONTAINS $text OR coalesce(v.township, '') CONTAINS $text)
"""

# In pinyin order.
LIST_VENUES = f"""
CALL () {{ MATCH (v:Venue) WHERE {_VENUE_FILTER} RETURN count(v) AS total }}
CALL () {{
  MATCH (v:Venue) WHERE {_VENUE_FILTER}
  WITH v ORDER BY v.sortKey, v.id SKIP $skip LIMIT $limit
  RETURN collect(v {{.*}}) AS rows
}}
RETURN total, rows
"""

# Within $km of a point (venues without coordinates left out), nearest first.
LIST_VENUES_NEAR = f"""
CALL () {{
  MATCH (v:Venue)
  WHERE v.latitude IS NOT NULL AND v.longitude IS NOT NULL AND {_VENUE_FILTER}
  WITH v, point.distance(point({{latitude: v.latitude, longitude: v.longitude}}),
                         point({{latitude: $latitude, longitude: $longitude}})) AS metres
  WHERE metres <= $metres
  RETURN v, metres
}}
WITH v, metres ORDER BY metres, v.sortKey, v.id
WITH collect(v {{.*, distanceKm: metres / 1000.0}}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS rows
"""
