"""Cypher of bookings: (Booking)-[:BOOKED_AT]->(Venue), -[:BOOKED_FOR]->(reception),
-[:BOOKED_BY]->(Enterprise); the contact is written by graph/receptions/contacts.py."""

from __future__ import annotations

# A booking at the venue that day, still holding its slot, whose slot overlaps the one asked.
MATCH_BOOKING_CLASH = """
MATCH (b:Booking)-[:BOOKED_AT]->(:Venue {id: $venue})
WHERE b.id <> $id AND b.day = $day AND b.status IN ['REQUESTED', 'CONFIRMED']
  AND b.slotStart < $slotEnd AND b.slotEnd > $slotStart
RETURN b.id AS id, b.slotStart AS slotStart, b.slotEnd AS slotEnd
ORDER BY b.slotStart, b.id
LIMIT 1
"""

# The reception a booking is for: its venue, day, slot and status.
MATCH_RECEPTION_FOR_BOOKING = """
MATCH (a:Activity {id: $id})
OPTIONAL MATCH (a)-[:HELD_AT]->(v:Venue)
RETURN a {.id, .kind, .title, .start, .slotStart, .slotEnd, .status} AS reception,
       v.id AS venue
"""

CREATE_BOOKING = """
MATCH (v:Venue {id: $venue})
CREATE (b:Booking {id: $id})-[:BOOKED_AT]->(v)
SET b += $props, b.at = datetime(), b.updatedAt = datetime()
WITH b
CALL (b) {
  MATCH (a:Activity {id: $reception})
  CREATE (b)-[:BOOKED_FOR]->(a)
}
CALL (b) {
  MATCH (e:Enterprise {id: $enterprise})
  CREATE (b)-[:BOOKED_BY]->(e)
}
RETURN b {.*} AS node
"""

MATCH_BOOKING_VENUE = """
MATCH (b:Booking {id: $id})-[:BOOKED_AT]->(v:Venue) RETURN v.id AS venue
"""

SET_BOOKING_STATUS = """
MATCH (b:Booking {id: $id})
SET b.status = $status, b.note = coalesce($note, b.note), b.updatedAt = datetime()
RETURN b {.*} AS node
"""

ATTACH_BOOKING = """
MATCH (b:Booking {id: $id}), (a:Activity {id: $reception})
OPTIONAL MATCH (b)-[old:BOOKED_FOR]->(:Activity)
DELETE old
MERGE (b)-[:BOOKED_FOR]->(a)
"""

# With each booking: its venue, reception and enterprise ids.
_BOOKING_ROW = """b {.*, venueId: v.id,
  receptionId: [(b)-[:BOOKED_FOR]->(a:Activity) | a.id][0],
  enterpriseId: [(b)-[:BOOKED_BY]->(e:Enterprise) | e.id][0]}"""

_BOOKING_FILTER = """
($venue IS NULL OR v.id = $venue)
AND ($day IS NULL OR b.day = $day)
AND ($from IS NULL OR b.day >= $from) AND ($to IS NULL OR b.day <= $to)
AND ($status IS NULL OR b.status IN $status)
"""

# By day, slot, then when made.
LIST_BOOKINGS = f"""
CALL () {{
  MATCH (b:Booking)-[:BOOKED_AT]->(v:Venue) WHERE {_BOOKING_FILTER}
  RETURN count(b) AS total
}}
CALL () {{
  MATCH (b:Booking)-[:BOOKED_AT]->(v:Venue) WHERE {_BOOKING_FILTER}
  WITH b, v ORDER BY b.day, b.slotStart, b.at, b.id SKIP $skip LIMIT $limit
  RETURN collect({_BOOKING_ROW}) AS rows
}}
RETURN total, rows
"""

BOOKINGS_BY_ID = f"""
UNWIND $ids AS id
MATCH (b:Booking {{id: id}})-[:BOOKED_AT]->(v:Venue)
RETURN id, {_BOOKING_ROW} AS node
"""

# The bookings of each reception (Reception.bookings), by slot then when made.
BOOKINGS_FOR = f"""
UNWIND $ids AS key
MATCH (:Activity {{id: key}})<-[:BOOKED_FOR]-(b:Booking)-[:BOOKED_AT]->(v:Venue)
WITH key, b, v ORDER BY b.slotStart, b.at, b.id
RETURN key AS id, collect({_BOOKING_ROW}) AS items
"""
