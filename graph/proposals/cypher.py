"""Every Cypher statement of the suggestions domain, named VERB_NOUN.

Values always go in as $parameters. Statements whose text varies (the raiser's label, which
filters a list sets, what statistics group by) are built here, once, at import, into dicts
named like a statement and keyed by what varies: `LIST_PROPOSALS[filters]`,
`MATCH_RAISER[label]`, `COUNT_PROPOSALS[dimensions]`. Only the fixed fragments below and the
labels of the model's allowlist ever go into the text.

A statistics statement is `MATCH_PROPOSALS[filters] + COUNT_PROPOSALS[dimensions]`: the two
halves are built here and only joined at call time, since the whole statements would number
64 × 401 (about 17 MB of text).

Size: over 400 lines because it holds every statement of the domain, by design.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from graph.kernel.dates import NO_DAY
from graph.proposals.facts import EXTRA_MARK, NOT_ASSIGNED
from graph.proposals.vocab import StatsDimension

# ---------------------------------------------------------------------------------------------
# Lists and filters
# ---------------------------------------------------------------------------------------------

# The filters a list or a statistic may set, by parameter name, each a fixed fragment over `p`.
# Only the filters given go into the WHERE clause, so the planner can use the raisedAt / status
# / congressId indexes (an `$x IS NULL OR …` clause cannot).
PROPOSAL_FILTERS = {
    "congress": "p.congressId = $congress",
    "from": "p.raisedAt >= $from",
    "to": "p.raisedAt <= $to",
    "stage": "p.stage = $stage",
    "industry": "$industry IN p.industryPath",
    "status": "p.status = $status",
}

# Every combination of filters (64), the key of the statements built for them.
FILTER_SETS = tuple(
    frozenset(names)
    for n in range(len(PROPOSAL_FILTERS) + 1)
    for names in itertools.combinations(PROPOSAL_FILTERS, n)
)


def _where(filters: frozenset[str]) -> str:
    return " AND ".join(f for name, f in PROPOSAL_FILTERS.items() if name in filters) or "true"


LIST_PROPOSALS = {
    filters: f"""
CALL () {{ MATCH (p:Proposal) WHERE {_where(filters)} RETURN count(p) AS total }}
CALL () {{
  MATCH (p:Proposal) WHERE {_where(filters)}
  WITH p ORDER BY p.raisedAt DESC, p.id SKIP $skip LIMIT $limit
  RETURN collect(p {{.*}}) AS rows
}}
RETURN total, rows
"""
    for filters in FILTER_SETS
}

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

# ---------------------------------------------------------------------------------------------
# Statistics: the general plan
# ---------------------------------------------------------------------------------------------

# What each dimension groups by, over `p`; the multi-valued ones are lists.
DIMENSION_KEYS = {
    StatsDimension.INDUSTRY.value: "p.industryPath",
    StatsDimension.INDUSTRY_SECTION.value: "p.sections",
    StatsDimension.STATUS.value: "p.status",
    StatsDimension.YEAR.value: "p.year",
    StatsDimension.QUARTER.value: "p.year * 10 + p.quarter",
    StatsDimension.GROUP.value: "p.groupId",
    StatsDimension.COMMITTEE.value: (
        "COLLECT { MATCH (c:Committee)-[:SUPERVISES]->(p) RETURN DISTINCT c.id }"
    ),
    StatsDimension.UNIT.value: (
        "COLLECT { MATCH (p)-[:ASSIGNED_TO]->(u:Unit) RETURN DISTINCT u.id }"
    ),
}
LIST_DIMENSIONS = frozenset(
    d.value
    for d in (
        StatsDimension.INDUSTRY,
        StatsDimension.INDUSTRY_SECTION,
        StatsDimension.COMMITTEE,
        StatsDimension.UNIT,
    )
)
INDUSTRY_DIMENSIONS = (StatsDimension.INDUSTRY.value, StatsDimension.INDUSTRY_SECTION.value)
MAX_DIMENSIONS = 3

# The scalar-code plan's industry keys: the first industry, then the codes on the other
# industries' paths that are not on its own path, marked (counted as they are, not rolled up).
INDUSTRY_KEYS = (
    "[p.industryCode] + [c IN coalesce(p.industryPath, []) "
    f"WHERE NOT p.industryCode STARTS WITH c | '{EXTRA_MARK}' + c]"
)


def industry_index(dimensions: Sequence[str]) -> int | None:
    """Where the one industry dimension is, when the scalar-code plan applies (the other
    dimensions single-valued): that key is INDUSTRY_KEYS, unwound. None otherwise."""
    industry = [i for i, d in enumerate(dimensions) if d in INDUSTRY_DIMENSIONS]
    others = [d for d in dimensions if d not in INDUSTRY_DIMENSIONS]
    if len(industry) != 1 or any(d in LIST_DIMENSIONS for d in others):
        return None
    return industry[0]


def _count_proposals(dimensions: Sequence[str]) -> str:
    """The grouping and the counts behind the rates, keyed k0, k1 … in `dimensions` order (k
    when there are none); `count(x)` counts non-null values, cheaper than CASE."""
    at = industry_index(dimensions)
    keys = (
        ", ".join(f"{DIMENSION_KEYS[d]} AS k{i}" for i, d in enumerate(dimensions) if i != at)
        or "1 AS k"
    )
    unwind = f"UNWIND {INDUSTRY_KEYS} AS k{at}\n" if at is not None else ""
    names = ", ".join(f"k{i}" for i in range(len(dimensions))) or "k"
    return f"""WITH p, {keys}
{unwind}RETURN {names},
  count(*) AS total,
  count(p.assignedAt) AS assigned,
  count(CASE WHEN p.assignedAt <= p.raisedAt + $window THEN 1 END) AS assignedInTime,
  count(CASE WHEN p.repliedAt IS NOT NULL OR p.due < $today THEN p.due END) AS dueCount,
  count(CASE WHEN p.repliedAt <= p.due THEN 1 END) AS repliedOnTime,
  count(p.satisfaction) AS rated,
  count(CASE WHEN p.satisfaction IN $satisfied THEN 1 END) AS satisfied
"""


MATCH_PROPOSALS = {
    filters: f"\nMATCH (p:Proposal) WHERE {_where(filters)}\n" for filters in FILTER_SETS
}

# Keyed by the dimensions in groupBy order (distinct, at most MAX_DIMENSIONS: 401 of them).
COUNT_PROPOSALS = {
    dimensions: _count_proposals(dimensions)
    for n in range(MAX_DIMENSIONS + 1)
    for dimensions in itertools.permutations(DIMENSION_KEYS, n)
}

MATCH_KEY_NAMES = """
CALL () {
  UNWIND $codes AS code MATCH (i:Industry {code: code}) RETURN collect([code, i.name]) AS a
}
CALL () {
  UNWIND $groups AS id MATCH (n:DeputyGroup {id: id}) RETURN collect([id, n.name]) AS b
}
CALL () {
  UNWIND $committees AS id MATCH (n:Committee {id: id}) RETURN collect([id, n.name]) AS c
}
CALL () { UNWIND $units AS id MATCH (n:Unit {id: id}) RETURN collect([id, n.name]) AS d }
RETURN a + b + c + d AS pairs
"""

# ---------------------------------------------------------------------------------------------
# Statistics: the index-backed plan (whole calendar years)
# ---------------------------------------------------------------------------------------------

# When the filter is whole calendar years and nothing else, and the dimensions need only the
# year and the industries, every value the counts need is in the (year, statsIndustry,
# statsFacts) index (migration 5): PROFILE shows a NodeIndexSeek with the three values cached
# and no other DB hits, where the general plan reads each node (about 110 ms per 100,000 for
# the first property). `statsIndustry` is the first industry's code as an integer,
# `statsFacts` the dates and rating the counts compare, packed; the arithmetic below unpacks
# them (facts.py). The few suggestions in more than one industry also count under the codes
# marked in `statsOthers` (the marked keys of INDUSTRY_KEYS), read from the second index,
# which holds only them.
_YEAR_COUNTS = f"""
WITH year, key, f / 100000000000 AS assignDays, f / 1000000 % 100000 AS due,
  f / 10 % 100000 AS replied, f % 10 AS rating
RETURN year, key,
  count(*) AS total,
  count(CASE WHEN assignDays < {NOT_ASSIGNED} THEN 1 END) AS assigned,
  count(CASE WHEN assignDays <= $assignDays THEN 1 END) AS assignedInTime,
  count(CASE WHEN due < {NO_DAY} AND (replied < {NO_DAY} OR due < $today) THEN 1 END) AS dueCount,
  count(CASE WHEN replied <= due AND due < {NO_DAY} THEN 1 END) AS repliedOnTime,
  count(CASE WHEN rating > 0 THEN 1 END) AS rated,
  count(CASE WHEN rating IN $satisfied THEN 1 END) AS satisfied
"""

COUNT_YEAR_BY_INDUSTRY = (
    """
MATCH (p:Proposal)
WHERE p.year IN $years AND p.statsIndustry IS NOT NULL AND p.statsFacts IS NOT NULL
WITH p.year AS year, p.statsIndustry AS key, p.statsFacts AS f"""
    + _YEAR_COUNTS
)

COUNT_YEAR_BY_OTHER_INDUSTRIES = (
    """
MATCH (p:Proposal)
WHERE p.year IN $years AND p.statsOthers IS NOT NULL AND p.statsFacts IS NOT NULL
WITH p.year AS year, p.statsOthers AS key, p.statsFacts AS f"""
    + _YEAR_COUNTS
)

# The plan above sees only suggestions that carry the packed properties; every writer sets
# them, but data loaded from elsewhere may not (an old export, a hand-made file). The count
# of the years' suggestions (from the year index, no node reads either) tells: when it
# differs, the general plan answers.
COUNT_YEAR_PROPOSALS = """
MATCH (p:Proposal) WHERE p.year IN $years RETURN count(p) AS total
"""
