"""Cypher of a venue's monthly summary (the 321 rule's 一月一总结)."""

from __future__ import annotations

# The month's figures, from the graph. Receptions: those held at the venue that month;
# `held` the COMPLETED ones, `planned` the open ones (not completed, not cancelled).
# Deputies present: distinct deputies at held receptions. Understaffed: non-cancelled
# receptions with fewer than $minDeputies deputies. Issues: raised at the month's
# non-cancelled receptions, counted by status; overdue: open ones whose promised feedback
# date is before $today.
GENERATE_SUMMARY = """
MATCH (v:Venue {id: $venue})
CALL (v) {
  OPTIONAL MATCH (a:Activity {kind: 'RECEPTION'})-[:HELD_AT]->(v)
  WHERE a.start >= $from AND a.start <= $to AND a.status <> 'CANCELLED'
  RETURN collect(a) AS receptions
}
CALL (receptions) {
  UNWIND receptions AS a
  WITH a WHERE a.status = 'COMPLETED'
  OPTIONAL MATCH (a)<-[:TAKES_PART]-(d:Deputy)
  RETURN count(DISTINCT a) AS held, count(DISTINCT d) AS deputiesPresent
}
CALL (receptions) {
  UNWIND receptions AS a
  WITH a WHERE COUNT { (a)<-[:TAKES_PART]-(:Deputy) } < $minDeputies
  RETURN count(a) AS understaffed
}
CALL (receptions) {
  UNWIND receptions AS a
  MATCH (i:Issue)-[:RAISED_AT]->(a)
  WITH DISTINCT i
  RETURN collect(i.status) AS statuses,
         count(CASE WHEN i.status IN $open AND i.promisedBy < $today THEN 1 END) AS overdue
}
RETURN held,
       size([a IN receptions WHERE a.status <> 'COMPLETED']) AS planned,
       deputiesPresent, understaffed, statuses, overdue
"""

MATCH_SUMMARY = """
MATCH (s:MonthlySummary {month: $month})-[:SUMMARY_OF]->(:Venue {id: $venue})
RETURN s {.*} AS node
"""

CREATE_SUMMARY = """
MATCH (v:Venue {id: $venue})
CREATE (s:MonthlySummary {id: $id})-[:SUMMARY_OF]->(v)
SET s += $props, s.confirmedAt = datetime()
RETURN s {.*} AS node
"""
