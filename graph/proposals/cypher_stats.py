"""The Cypher of suggestion statistics (stats.py), named VERB_NOUN like cypher.py's.

A statistics statement is `cypher.match_proposals_query(filters) + COUNT_PROPOSALS[dimensions]`
(or COUNT_PROPOSALS_AT_LEVEL, for a roll-up level): the two halves are built apart and only
joined at call time. Only fixed fragments and values of the vocabularies go into the text.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from graph.kernel.dates import NO_DAY
from graph.proposals.facts import NOT_ASSIGNED, RATING_CODE, STATS_OTHERS
from graph.proposals.vocab import ProposalStatus, StatsDimension
from graph.proposals.vocab import Satisfaction as S

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
        "COLLECT { MATCH (p)-[a:ASSIGNED_TO]->(u:Unit) RETURN DISTINCT [u.id, a.role] }"
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

# The scalar-code plan's industry keys: the first industry, then (only for suggestions in more
# than one industry) the codes on the other industries' paths that are not on its own path, as
# one string of marked codes, "+A+A01+A011" (facts.STATS_OTHERS, the same as `statsOthers`).
INDUSTRY_KEYS = f"[p.industryCode] + [x IN [{STATS_OTHERS}] WHERE x IS NOT NULL]"

# At a roll-up level, the INDUSTRY key is the pair [first industry, marked others] (stats.py
# rolls each up to the level), grouped as it is.
LEVEL_KEY = f"[p.industryCode, {STATS_OTHERS}]"


def industry_index(dimensions: Sequence[str]) -> int | None:
    """Where the one industry dimension is, when the scalar-code plan applies (the other
    dimensions single-valued): that key is INDUSTRY_KEYS, unwound. None otherwise."""
    industry = [i for i, d in enumerate(dimensions) if d in INDUSTRY_DIMENSIONS]
    others = [d for d in dimensions if d not in INDUSTRY_DIMENSIONS]
    if len(industry) != 1 or any(d in LIST_DIMENSIONS for d in others):
        return None
    return industry[0]


def _count_proposals(dimensions: Sequence[str], *, level: bool = False) -> str:
    """The grouping and the counts behind the rates, keyed k0, k1 … in `dimensions` order (k
    when there are none); `count(x)` counts non-null values, cheaper than CASE. `level`: the
    INDUSTRY key is LEVEL_KEY, for a roll-up level."""
    at = None if level else industry_index(dimensions)
    own = {StatsDimension.INDUSTRY.value: LEVEL_KEY} if level else {}
    keys = (
        ", ".join(
            f"{own.get(d, DIMENSION_KEYS[d])} AS k{i}" for i, d in enumerate(dimensions) if i != at
        )
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
  count(CASE WHEN p.satisfaction IN $satisfied THEN 1 END) AS satisfied,
  count(CASE WHEN p.satisfaction = '{S.SATISFIED.value}' THEN 1 END) AS fullySatisfied,
  count(CASE WHEN p.satisfaction = '{S.BASICALLY_SATISFIED.value}' THEN 1 END)
    AS basicallySatisfied,
  count(CASE WHEN p.satisfaction = '{S.UNSATISFIED.value}' THEN 1 END) AS unsatisfied,
  count(CASE WHEN p.status = '{ProposalStatus.CLOSED.value}' THEN 1 END) AS closed
"""


# Keyed by the dimensions in groupBy order (distinct, at most MAX_DIMENSIONS: 401 of them).
COUNT_PROPOSALS = {
    dimensions: _count_proposals(dimensions)
    for n in range(MAX_DIMENSIONS + 1)
    for dimensions in itertools.permutations(DIMENSION_KEYS, n)
}

# The same with INDUSTRY at a roll-up level (the dimensions that hold INDUSTRY).
COUNT_PROPOSALS_AT_LEVEL = {
    dimensions: _count_proposals(dimensions, level=True)
    for dimensions in COUNT_PROPOSALS
    if StatsDimension.INDUSTRY.value in dimensions
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
  count(CASE WHEN rating IN $satisfied THEN 1 END) AS satisfied,
  count(CASE WHEN rating = {RATING_CODE[S.SATISFIED.value]} THEN 1 END) AS fullySatisfied,
  count(CASE WHEN rating = {RATING_CODE[S.BASICALLY_SATISFIED.value]} THEN 1 END)
    AS basicallySatisfied,
  count(CASE WHEN rating = {RATING_CODE[S.UNSATISFIED.value]} THEN 1 END) AS unsatisfied
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

# Closed is not in the packed facts (a status, not a date): the closed ones of the same keys,
# from the (year, status, statsIndustry | statsOthers, statsFacts) indexes (migration 10),
# joined in stats.py. The planner would take migration 5's index and read each node's status:
# the hint keeps it to the index alone (PROFILE: NodeIndexSeek, no Filter).
COUNT_YEAR_CLOSED_BY_INDUSTRY = f"""
MATCH (p:Proposal) USING INDEX p:Proposal(year, status, statsIndustry, statsFacts)
WHERE p.year IN $years AND p.status = '{ProposalStatus.CLOSED.value}'
  AND p.statsIndustry IS NOT NULL AND p.statsFacts IS NOT NULL
RETURN p.year AS year, p.statsIndustry AS key, count(*) AS closed
"""

COUNT_YEAR_CLOSED_BY_OTHER_INDUSTRIES = f"""
MATCH (p:Proposal) USING INDEX p:Proposal(year, status, statsOthers, statsFacts)
WHERE p.year IN $years AND p.status = '{ProposalStatus.CLOSED.value}'
  AND p.statsOthers IS NOT NULL AND p.statsFacts IS NOT NULL
RETURN p.year AS year, p.statsOthers AS key, count(*) AS closed
"""

# The plan above sees only suggestions that carry the packed properties; every writer sets
# them, but data loaded from elsewhere may not (an old export, a hand-made file). The count
# of the years' suggestions (from the year index, no node reads either) tells: when it
# differs, the general plan answers.
COUNT_YEAR_PROPOSALS = """
MATCH (p:Proposal) WHERE p.year IN $years RETURN count(p) AS total
"""
