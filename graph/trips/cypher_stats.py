"""The Cypher of trip statistics (stats.py), named VERB_NOUN like cypher.py's: built once, at
import, from fixed fragments and the vocabularies' values; every value goes in as a parameter.
"""

from __future__ import annotations

import itertools

from graph.trips.vocab import SEED_TRIP_KINDS, ActivityKind

# ---------------------------------------------------------------------------------------------
# Statistics (stats.py): trips and visits, grouped in the database
# ---------------------------------------------------------------------------------------------

# Which trips: not cancelled, started in the period, of the kinds, held by the group, organised
# by the committee, of the congress (through a holding group or an organising committee).
_STATS_FILTER = """
a.status <> 'CANCELLED'
AND ($from IS NULL OR a.start >= $from) AND ($to IS NULL OR a.start <= $to)
AND ($kind IS NULL OR a.kind IN $kind)
AND ($group IS NULL OR EXISTS { (a)<-[:HOLDS]-(:DeputyGroup {id: $group}) })
AND ($committee IS NULL OR EXISTS { (a)<-[:ORGANIZES]-(:Committee {id: $committee}) })
AND ($congress IS NULL
  OR EXISTS { (a)<-[:HOLDS]-(:DeputyGroup)-[:GROUP_OF]->(:Congress {id: $congress}) }
  OR EXISTS { (a)<-[:ORGANIZES]-(:Committee)-[:COMMITTEE_OF]->(:Congress {id: $congress}) })
"""

# A key per dimension over `a`: a value, or for the related nodes [id, name, sortKey] (a list of
# them, unwound: a trip held by two groups counts once in each group's row).
_SCALAR_KEYS = {
    "KIND": "a.kind",
    "TOPIC": "a.topic",
    "MONTH": "a.start.year * 100 + a.start.month",
}
_LIST_KEYS = {
    "GROUP": "COLLECT { MATCH (n:DeputyGroup)-[:HOLDS]->(a) RETURN [n.id, n.name, n.sortKey] }",
    "COMMITTEE": (
        "COLLECT { MATCH (n:Committee)-[:ORGANIZES]->(a) RETURN [n.id, n.name, n.sortKey] }"
    ),
}
ACTIVITY_DIMENSIONS = (*_SCALAR_KEYS, *_LIST_KEYS, "ENTERPRISE")
MAX_ACTIVITY_DIMENSIONS = 3


def _count_activities(dimensions: tuple[str, ...]) -> str:
    """Counts keyed k0, k1 … in `dimensions` order. Each trip counts once per row (DISTINCT);
    visits are (trip)-[:VISITS]->(enterprise) relationships, one per enterprise a trip visits."""
    lines = [f"MATCH (a:Activity) WHERE {_STATS_FILTER}"]
    carried = ["a"]
    for i, d in enumerate(dimensions):
        if d in _SCALAR_KEYS:
            lines.append(f"WITH {', '.join(carried)}, {_SCALAR_KEYS[d]} AS k{i}")
        elif d in _LIST_KEYS:
            lines.append(f"WITH {', '.join(carried)}, {_LIST_KEYS[d]} AS l{i}")
            lines.append(f"UNWIND CASE WHEN size(l{i}) = 0 THEN [null] ELSE l{i} END AS k{i}")
        if d != "ENTERPRISE":  # keyed after the visits are matched
            carried.append(f"k{i}")
    lines.append("OPTIONAL MATCH (a)-[v:VISITS]->(e:Enterprise)")
    if "ENTERPRISE" in dimensions:
        i = dimensions.index("ENTERPRISE")
        lines.append(
            f"WITH {', '.join(carried)}, v, e, "
            f"CASE WHEN e IS NULL THEN null ELSE [e.id, e.name, e.sortKey] END AS k{i}"
        )
    names = ", ".join(f"k{i}" for i in range(len(dimensions)))
    kinds = ", ".join(f"'{k.value}'" for k in SEED_TRIP_KINDS)
    lines.append(f"""RETURN {names + ", " if names else ""}
  count(DISTINCT a) AS activities,
  count(DISTINCT CASE WHEN a.kind IN [{kinds}] THEN a END) AS trips,
  count(DISTINCT CASE WHEN a.kind = '{ActivityKind.INSPECTION.value}' THEN a END) AS inspections,
  count(DISTINCT CASE WHEN a.kind = '{ActivityKind.RESEARCH.value}' THEN a END) AS research,
  count(DISTINCT CASE WHEN a.kind = '{ActivityKind.LAW_CHECK.value}' THEN a END) AS lawChecks,
  count(v) AS visits,
  count(DISTINCT e) AS enterprises""")
    return "\n".join(lines)


# Keyed by the dimensions in groupBy order (distinct, at most 3: 157 of them).
COUNT_ACTIVITIES = {
    dims: _count_activities(dims)
    for n in range(MAX_ACTIVITY_DIMENSIONS + 1)
    for dims in itertools.permutations(ACTIVITY_DIMENSIONS, n)
}

# Whether the nodes a statistics filter names exist.
MATCH_STATS_REFS = """
RETURN
  $congress IS NULL OR EXISTS { MATCH (:Congress {id: $congress}) } AS congress,
  $group IS NULL OR EXISTS { MATCH (:DeputyGroup {id: $group}) } AS group,
  $committee IS NULL OR EXISTS { MATCH (:Committee {id: $committee}) } AS committee
"""
