"""The Cypher of handling as the rules have it (handling.py): returns, extensions, joint
suggestions and key supervision, named VERB_NOUN like cypher.py (which holds the loop's steps
and is full). Values always go in as $parameters."""

from __future__ import annotations

# The lead unit a return comes from (locked: its name goes into the history).
LOCK_LEAD_UNIT = """
MATCH (:Proposal {id: $id})-[:ASSIGNED_TO {role: 'LEAD'}]->(u:Unit)
SET u._lock = true REMOVE u._lock
RETURN u.id AS id, u.name AS name
"""

# A return takes the suggestion back from every unit it was assigned to.
DELETE_ASSIGNMENTS = """
MATCH (:Proposal {id: $id})-[a:ASSIGNED_TO]->(:Unit)
DELETE a
"""

# An extension moves the due date of every unit's assignment.
SET_ASSIGNMENTS_DUE = """
MATCH (:Proposal {id: $id})-[a:ASSIGNED_TO]->(:Unit)
SET a.due = $due
"""

# Who signed a suggestion (the lead deputy or group, and the co-signers).
MATCH_SIGNERS = """
MATCH (r)-[s:RAISED]->(:Proposal {id: $id})
RETURN r.id AS id, r:Deputy AS deputy, coalesce(s.role, 'LEAD') AS role, r.name AS name
"""

LINK_CO_SIGNERS = """
MATCH (p:Proposal {id: $id})
UNWIND $deputies AS deputy
MATCH (d:Deputy {id: deputy})
CREATE (d)-[:RAISED {role: 'CO_SIGNER'}]->(p)
"""

LINK_KEY_SUPERVISOR = """
MATCH (c:Committee {id: $committee}), (p:Proposal {id: $id})
MERGE (c)-[:SUPERVISES]->(p)
RETURN c.name AS name
"""

# Loaders: one round trip for many suggestions (or deputies).
MATCH_CO_SIGNERS_BY_PROPOSAL = """
UNWIND $ids AS id
MATCH (d:Deputy)-[:RAISED {role: 'CO_SIGNER'}]->(:Proposal {id: id})
WITH id, d ORDER BY d.sortKey, d.id
RETURN id, collect(d {.*}) AS items
"""

MATCH_PROPOSALS_BY_DEPUTY = """
UNWIND $ids AS id
MATCH (:Deputy {id: id})-[r:RAISED]->(p:Proposal)
WITH id, p, r ORDER BY p.raisedAt DESC, p.id
RETURN id, collect(p {.*, rel: {role: coalesce(r.role, 'LEAD')}}) AS items
"""

# Migration 9: the raisers stored before joint suggestions were each a suggestion's only
# raiser, so its lead. Only relationships without a role: it may run again.
RAISED_ROLE_BACKFILL = """
MATCH ()-[r:RAISED]->(:Proposal) WHERE r.role IS NULL
CALL (r) { SET r.role = 'LEAD' } IN TRANSACTIONS OF 10000 ROWS
"""
