"""The Cypher of campaigns (专项活动, e.g. 安庆's 新春访代表·助企解难题).
Values only as $parameters."""

from __future__ import annotations

LOCK_CAMPAIGN = """
MATCH (c:Campaign {id: $id})
SET c._lock = true REMOVE c._lock
RETURN c {.*} AS node
"""

# One campaign per congress per name and year (checked under the anchor of that congress).
SAME_CAMPAIGN = """
MATCH (c:Campaign {congressId: $congress, name: $name, year: $year})
WHERE c.id <> $id
RETURN c.id AS id LIMIT 1
"""

CREATE_CAMPAIGN = """
MATCH (g:Congress {id: $congress})
CREATE (c:Campaign {id: $id})
SET c += $props
CREATE (c)-[:CAMPAIGN_OF]->(g)
RETURN c {.*} AS node
"""

UPDATE_CAMPAIGN = """
MATCH (c:Campaign {id: $id})
SET c += $props
RETURN c {.*} AS node
"""

VISIT_LINKED = """
MATCH (:Activity {id: $activity})-[:IN_CAMPAIGN]->(c:Campaign)
RETURN c.id AS id
"""

# The issues already raised on the visit join the campaign with it (those in none yet).
ADD_VISIT = """
MATCH (a:Activity {id: $activity}), (c:Campaign {id: $campaign})
CREATE (a)-[:IN_CAMPAIGN]->(c)
WITH a, c
CALL (a, c) {
  MATCH (i:Issue {activityId: a.id})
  WHERE i.campaignId IS NULL
  SET i.campaignId = c.id
  CREATE (i)-[:IN_CAMPAIGN]->(c)
}
RETURN c {.*} AS node
"""

LIST_CAMPAIGNS = """
CALL () {
  MATCH (c:Campaign)
  WHERE ($congress IS NULL OR c.congressId = $congress) AND ($year IS NULL OR c.year = $year)
  RETURN count(c) AS total
}
CALL () {
  MATCH (c:Campaign)
  WHERE ($congress IS NULL OR c.congressId = $congress) AND ($year IS NULL OR c.year = $year)
  WITH c ORDER BY c.year DESC, c.sortKey, c.id SKIP $skip LIMIT $limit
  RETURN collect(c {.*}) AS rows
}
RETURN total, rows
"""

VISITS_BY_CAMPAIGN = """
UNWIND $ids AS id
MATCH (:Campaign {id: id})<-[:IN_CAMPAIGN]-(a:Activity)
WITH id, a ORDER BY a.start, a.sortKey, a.id
RETURN id, collect(a {.*}) AS items
"""

# Each campaign's figures, from the issues' stored campaignId (index seek, migration 14).
STATS_BY_CAMPAIGN = """
UNWIND $ids AS id
OPTIONAL MATCH (i:Issue {campaignId: id})
RETURN id, count(i) AS collected,
       count(i.assignedAt) AS assigned,
       count(CASE WHEN i.status = 'CLOSED' AND i.outcome = 'SOLVED' THEN 1 END) AS solved,
       count(i.answeredAt) AS answered,
       count(CASE WHEN i.status IN $open AND i.promisedBy < $today THEN 1 END) AS overdue
"""
