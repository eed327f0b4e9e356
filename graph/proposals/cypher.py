"""Every Cypher statement of the suggestions domain, named VERB_NOUN.

Values always go in as $parameters. Statements whose text varies (the raiser's label, which
filters a list sets, what statistics group by) are built here, once, at import, into dicts
named like a statement and keyed by what varies: `MATCH_RAISER[label]`;
the ones keyed by the filters set (8,192 combinations) are built by cached functions,
`list_proposals_query(filters)`. Only the fixed fragments below and the labels of the model's
allowlist ever go into the text. The statistics' statements are in cypher_stats.py.
"""

from __future__ import annotations

import functools

# ---------------------------------------------------------------------------------------------
# Lists and filters
# ---------------------------------------------------------------------------------------------

# The filters a list or a statistic may set, by parameter name, each a fixed fragment over `p`.
# Only the filters given go into the WHERE clause, so the planner can use the raisedAt / status
# / congressId indexes (an `$x IS NULL OR …` clause cannot). The ones after `status` follow a
# relationship from `p` (or read its title), and are checked after the indexed ones.
PROPOSAL_FILTERS = {
    "congress": "p.congressId = $congress",
    "from": "p.raisedAt >= $from",
    "to": "p.raisedAt <= $to",
    "stage": "p.stage = $stage",
    "industry": "$industry IN p.industryPath",
    "status": "p.status = $status",
    "group": "p.groupId = $group",
    "text": "p.title CONTAINS $text",
    "deputy": "EXISTS { (:Deputy {id: $deputy})-[:RAISED]->(p) }",
    "committee": "EXISTS { (:Committee {id: $committee})-[:SUPERVISES]->(p) }",
    "unit": "EXISTS { (p)-[:ASSIGNED_TO]->(:Unit {id: $unit}) }",
    "unitRole": (
        "EXISTS { MATCH (p)-[a:ASSIGNED_TO]->(:Unit {id: $unit}) WHERE a.role = $unitRole }"
    ),
    "activity": "EXISTS { (p)-[:ARISES_FROM]->(:Activity {id: $activity}) }",
}


def _where(filters: frozenset[str]) -> str:
    return " AND ".join(f for name, f in PROPOSAL_FILTERS.items() if name in filters) or "true"


# Keyed by the names of the filters set (2^13 combinations: built when first asked, and kept).
@functools.cache
def list_proposals_query(filters: frozenset[str]) -> str:
    return f"""
CALL () {{ MATCH (p:Proposal) WHERE {_where(filters)} RETURN count(p) AS total }}
CALL () {{
  MATCH (p:Proposal) WHERE {_where(filters)}
  WITH p ORDER BY p.raisedAt DESC, p.id SKIP $skip LIMIT $limit
  RETURN collect(p {{.*}}) AS rows
}}
RETURN total, rows
"""


@functools.cache
def match_proposals_query(filters: frozenset[str]) -> str:
    return f"\nMATCH (p:Proposal) WHERE {_where(filters)}\n"


# Whether the nodes a filter names exist (a filter on a missing id is an error, not "none").
MATCH_FILTER_REFS = """
RETURN
  $group IS NULL OR EXISTS { MATCH (:DeputyGroup {id: $group}) } AS group,
  $committee IS NULL OR EXISTS { MATCH (:Committee {id: $committee}) } AS committee,
  $unit IS NULL OR EXISTS { MATCH (:Unit {id: $unit}) } AS unit,
  $deputy IS NULL OR EXISTS { MATCH (:Deputy {id: $deputy}) } AS deputy,
  $activity IS NULL OR EXISTS { MATCH (:Activity {id: $activity}) } AS activity
"""

LIST_OVERDUE_PROPOSALS = """
CALL () {
  MATCH (p:Proposal) WHERE p.due < $today AND p.repliedAt IS NULL AND p.status IN $open
  RETURN count(p) AS total
}
CALL () {
  MATCH (p:Proposal) WHERE p.due < $today AND p.repliedAt IS NULL AND p.status IN $open
  WITH p ORDER BY p.due, p.raisedAt, p.id SKIP $skip LIMIT $limit
  RETURN collect(p {.*}) AS rows
}
RETURN total, rows
"""

LIST_UNITS = """
CALL () { MATCH (u:Unit) WHERE $name IS NULL OR u.name CONTAINS $name RETURN count(u) AS total }
CALL () {
  MATCH (u:Unit) WHERE $name IS NULL OR u.name CONTAINS $name
  WITH u ORDER BY u.sortKey, u.id SKIP $skip LIMIT $limit
  RETURN collect(u {.*}) AS rows
}
RETURN total, rows
"""

# ---------------------------------------------------------------------------------------------
# Loaders: one round trip for many suggestions (or units)
# ---------------------------------------------------------------------------------------------

MATCH_EVENTS_BY_PROPOSAL = """
UNWIND $ids AS id
MATCH (:Proposal {id: id})-[:HAS_EVENT]->(e:ProposalEvent)
WITH id, e ORDER BY e.seq
RETURN id, collect(e {.*}) AS items
"""

MATCH_RAISER_BY_PROPOSAL = """
UNWIND $ids AS id
MATCH (r)-[raised:RAISED]->(:Proposal {id: id})
WHERE (r:Deputy OR r:DeputyGroup) AND coalesce(raised.role, 'LEAD') = 'LEAD'
RETURN id, CASE WHEN r:Deputy THEN 'Deputy' ELSE 'DeputyGroup' END AS label, r {.*} AS node
"""

MATCH_ASSIGNMENTS_BY_PROPOSAL = """
UNWIND $ids AS id
MATCH (:Proposal {id: id})-[a:ASSIGNED_TO]->(u:Unit)
WITH id, u, a ORDER BY CASE a.role WHEN 'LEAD' THEN 0 ELSE 1 END, u.sortKey, u.id
RETURN id, collect({unit: u {.*}, role: a.role, at: a.at, due: a.due}) AS items
"""

MATCH_PROPOSALS_BY_UNIT = """
UNWIND $ids AS id
MATCH (p:Proposal)-[a:ASSIGNED_TO]->(:Unit {id: id})
WITH id, p, a ORDER BY p.raisedAt DESC, p.id
RETURN id, collect(p {.*, rel: {role: a.role, at: a.at, due: a.due}}) AS items
"""

# ---------------------------------------------------------------------------------------------
# The steps: lock, check, write
# ---------------------------------------------------------------------------------------------

# Taking the write lock first (SET) serialises concurrent steps on one suggestion.
LOCK_PROPOSAL = """
MATCH (p:Proposal {id: $id})
SET p.updatedAt = datetime()
RETURN p {.*} AS node
"""

# The new status and properties, and the step in the history (numbered after the ones before).
RECORD_STEP = """
MATCH (p:Proposal {id: $id})
SET p += $props, p.status = $to
WITH p
OPTIONAL MATCH (p)-[:HAS_EVENT]->(old:ProposalEvent)
WITH p, count(old) AS seen
CREATE (p)-[:HAS_EVENT]->(e:ProposalEvent {
  id: $eventId, name: $action, source: p.source, at: $at, by: $by, action: $action,
  from: $from, to: $to, note: $note, satisfaction: $satisfaction, seq: seen + 1
})
SET e += $extra
RETURN p {.*} AS node
"""

# A raiser's group and congress, which the statistics group by. The keys are the labels that
# may raise a suggestion.
MATCH_RAISER = {
    "Deputy": """
MATCH (r:Deputy {id: $id})
OPTIONAL MATCH (r)-[:MEMBER_OF]->(g:DeputyGroup)
OPTIONAL MATCH (g)-[:GROUP_OF]->(gc:Congress)
OPTIONAL MATCH (r)-[:DEPUTY_OF]->(dc:Congress)
WITH r, g, gc, dc ORDER BY g.id, dc.id
RETURN r.id AS id, head(collect(g.id)) AS groupId,
       coalesce(head(collect(gc.id)), head(collect(dc.id))) AS congressId
""",
    "DeputyGroup": """
MATCH (r:DeputyGroup {id: $id})
OPTIONAL MATCH (r)-[:GROUP_OF]->(c:Congress)
RETURN r.id AS id, r.id AS groupId, head(collect(c.id)) AS congressId
""",
}

MATCH_DUPLICATE_PROPOSAL = {
    label: f"""
MATCH (:{label} {{id: $raiser}})-[r:RAISED]->(p:Proposal)
WHERE p.title = $title AND p.raisedAt = $raisedAt AND coalesce(r.role, 'LEAD') = 'LEAD'
RETURN p.id AS id LIMIT 1
"""
    for label in MATCH_RAISER
}

# The checks that what a suggestion will point at exists also lock it (SET, then REMOVE: no
# trace), so a delete running alongside cannot take it away between the check and the write.
LOCK_INDUSTRIES = """
UNWIND $codes AS code
OPTIONAL MATCH (i:Industry {code: code})
SET i._lock = true REMOVE i._lock
RETURN code, i IS NOT NULL AS found
"""

LOCK_COMMITTEES = """
UNWIND $ids AS id
OPTIONAL MATCH (c:Committee {id: id})
SET c._lock = true REMOVE c._lock
RETURN id, c IS NOT NULL AS found
"""

LOCK_UNITS = """
UNWIND $ids AS id
OPTIONAL MATCH (u:Unit {id: id})
SET u._lock = true REMOVE u._lock
RETURN id, u IS NOT NULL AS found
"""

MATCH_ACTIVITY = "MATCH (a:Activity {id: $id}) RETURN a.id AS id"

CREATE_PROPOSAL = """
CREATE (p:Proposal {id: $id})
SET p += $props, p.sortKey = $sortKey, p.createdAt = datetime(), p.updatedAt = datetime()
"""

LINK_RAISER = {
    label: f"""
MATCH (r:{label} {{id: $raiser}}), (p:Proposal {{id: $id}})
CREATE (r)-[:RAISED {{role: 'LEAD'}}]->(p)
"""
    for label in MATCH_RAISER
}

SET_INDUSTRIES = """
MATCH (p:Proposal {id: $id})
OPTIONAL MATCH (p)-[old:IN_INDUSTRY]->(:Industry)
DELETE old
WITH DISTINCT p
UNWIND $codes AS code
MATCH (i:Industry {code: code})
MERGE (p)-[:IN_INDUSTRY]->(i)
"""

SET_SUPERVISORS = """
MATCH (p:Proposal {id: $id})
OPTIONAL MATCH (:Committee)-[old:SUPERVISES]->(p)
DELETE old
WITH DISTINCT p
UNWIND $committees AS cid
MATCH (c:Committee {id: cid})
MERGE (c)-[:SUPERVISES]->(p)
"""

LINK_ACTIVITY = """
MATCH (p:Proposal {id: $id}), (a:Activity {id: $activity})
MERGE (p)-[:ARISES_FROM]->(a)
"""

ASSIGN_UNITS = """
MATCH (p:Proposal {id: $id})
UNWIND $assignments AS a
MATCH (u:Unit {id: a.unit})
CREATE (p)-[:ASSIGNED_TO {role: a.role, at: $at, due: $due}]->(u)
"""

LINK_MERGED_INTO = """
MATCH (p:Proposal {id: $id}), (t:Proposal {id: $into})
CREATE (p)-[:MERGED_INTO]->(t)
"""

LINK_TRANSFERRED_TO = """
MATCH (p:Proposal {id: $id}), (u:Unit {id: $unit})
CREATE (p)-[:TRANSFERRED_TO {at: $at, kind: $kind}]->(u)
"""

# ---------------------------------------------------------------------------------------------
# Bulk loading (synthetic data, benchmarks)
# ---------------------------------------------------------------------------------------------

# One statement per batch creates each suggestion with everything hanging off it: the raiser,
# industries, units and its events; nothing is looked up again by the new suggestion's id.
# PROFILE shows the raiser, industry and unit lookups as NodeUniqueIndexSeeks on the id / code
# constraints (a few hundred distinct nodes, always in the page cache). Event properties are
# spelled out: `SET ev = e` made the planner add an Eager (it cannot tell which keys a map
# sets). CREATE, never MERGE: the caller loads into a graph that does not hold these ids yet.
CREATE_PROPOSAL_BATCH = """
UNWIND $rows AS row
MATCH (r:DeputyGroup {id: row.raiser})
CREATE (r)-[:RAISED {role: 'LEAD'}]->(p:Proposal {id: row.props.id})
SET p += row.props
WITH p, row
CALL (p, row) {
  UNWIND row.industries AS code
  MATCH (i:Industry {code: code})
  CREATE (p)-[:IN_INDUSTRY]->(i)
}
CALL (p, row) {
  UNWIND row.units AS a
  MATCH (u:Unit {id: a.unit})
  CREATE (p)-[:ASSIGNED_TO {role: a.role, at: a.at, due: a.due}]->(u)
}
CALL (p, row) {
  UNWIND row.events AS e
  CREATE (p)-[:HAS_EVENT]->(:ProposalEvent {
    id: e.id, name: e.name, source: e.source, at: datetime({epochSeconds: e.at}), by: e.by,
    action: e.action, from: e.from, to: e.to, note: e.note, satisfaction: e.satisfaction,
    seq: e.seq
  })
}
"""
