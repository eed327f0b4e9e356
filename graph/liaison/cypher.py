"""Every Cypher statement of the liaison graph, by name (VERB_NOUN).

Statements that vary by label are built once, at import, from the model's allowlist
(graph/kernel/model.py) into dicts keyed by label; nothing here is built from user text, and every
value is a $parameter. The relationship statements every domain shares live with node CRUD in
graph/kernel/nodes.py.
"""

from __future__ import annotations

import functools

from graph.kernel.model import (
    LABELS,
    LIAISON_LABELS,
    SEARCH_LABELS,
    SEARCH_LIST_WORDS,
    SEARCH_WORDS,
)

# ---------------------------------------------------------------------------------------------
# Lists with filters
# ---------------------------------------------------------------------------------------------

# How each label is tied to a congress, for the list filter (`{p}` is the parameter prefix).
_CONGRESS_FILTER = {
    "Congress": "n.id = ${p}congress",
    "Committee": "EXISTS {{ (n)-[:COMMITTEE_OF]->(:Congress {{id: ${p}congress}}) }}",
    "DeputyGroup": "EXISTS {{ (n)-[:GROUP_OF]->(:Congress {{id: ${p}congress}}) }}",
    "Deputy": "EXISTS {{ (n)-[:DEPUTY_OF]->(:Congress {{id: ${p}congress}}) }}",
    "Alliance": "EXISTS {{ (n)<-[:PARTNERS_WITH]-(:DeputyGroup)-[:GROUP_OF]->"
    "(:Congress {{id: ${p}congress}}) }}",
    "Enterprise": "EXISTS {{ (n)<-[:WORKS_AT]-(:Deputy)-[:DEPUTY_OF]->"
    "(:Congress {{id: ${p}congress}}) }}"
    " OR EXISTS {{ (n)-[:MEMBER_OF]->(:Alliance)<-[:PARTNERS_WITH]-(:DeputyGroup)-[:GROUP_OF]->"
    "(:Congress {{id: ${p}congress}}) }}",
    "Industry": "EXISTS {{ (n)<-[:PART_OF*0..]-(:Industry)<-[:IN_INDUSTRY]-(:DeputyGroup)"
    "-[:GROUP_OF]->(:Congress {{id: ${p}congress}}) }}",
}

# Labels one step from their congress: the congress filter alone starts there (an index seek on
# the congress id) instead of testing every node of the label.
_FROM_CONGRESS = {
    "Congress": "MATCH (n:Congress {{id: ${p}congress}})",
    "Committee": "MATCH (:Congress {{id: ${p}congress}})<-[:COMMITTEE_OF]-(n:Committee)",
    "DeputyGroup": "MATCH (:Congress {{id: ${p}congress}})<-[:GROUP_OF]-(n:DeputyGroup)",
    "Deputy": "MATCH (:Congress {{id: ${p}congress}})<-[:DEPUTY_OF]-(n:Deputy)",
}

# The industry filter starts from the industry's sub-tree, found once (the industry with the
# code and everything PART_OF it), and walks out to the label: `sub` is each industry of the
# sub-tree. Labels reached along two roads take both (UNION).
_FROM_SUBTREE = {
    "Industry": ("RETURN sub AS n",),
    "DeputyGroup": ("MATCH (sub)<-[:IN_INDUSTRY]-(n:DeputyGroup) RETURN n",),
    "Alliance": ("MATCH (sub)<-[:IN_INDUSTRY]-(n:Alliance) RETURN n",),
    "Enterprise": ("MATCH (sub)<-[:IN_INDUSTRY]-(n:Enterprise) RETURN n",),
    "Committee": (
        "MATCH (sub)<-[:IN_INDUSTRY]-(:DeputyGroup)<-[:LIAISES_WITH]-(n:Committee) RETURN n",
    ),
    "Deputy": (
        "MATCH (sub)<-[:IN_INDUSTRY]-(:DeputyGroup)<-[:MEMBER_OF]-(n:Deputy) RETURN n",
        "MATCH (sub)<-[:IN_INDUSTRY]-(:Enterprise)<-[:WORKS_AT]-(n:Deputy) RETURN n",
    ),
    "Congress": ("MATCH (sub)<-[:IN_INDUSTRY]-(:DeputyGroup)-[:GROUP_OF]->(n:Congress) RETURN n",),
}

# How a name filter is matched. CASELESS text (no letter that has a case: Chinese, digits)
# is matched as it is, which the TEXT index on the name serves; other text is compared in lower
# case, which no index serves (migration 8).
NAME_CASELESS = "n.name CONTAINS ${p}name"
NAME_FOLDED = "toLower(n.name) CONTAINS toLower(${p}name)"


def match_list(label: str, p: str, *, name: str | None, congress: bool, industry: bool) -> str:
    """MATCH … WHERE binding `n` to the nodes of `label` that pass the filters given: `name`
    is NAME_CASELESS, NAME_FOLDED or None; `congress` and `industry` say whether those filters
    are set. Parameters are `${p}name`, `${p}congress` and `${p}industry`, so several lists can
    share one statement. The label comes from the allowlist; nothing here is user text."""
    if label not in LIAISON_LABELS:
        raise ValueError(f"{label!r} is not a liaison label")
    conditions = [name.format(p=p)] if name is not None else []
    if congress and not industry and label in _FROM_CONGRESS:
        where = f" WHERE {conditions[0]}" if conditions else ""
        return f"{_FROM_CONGRESS[label].format(p=p)}\n  WITH DISTINCT n{where}"
    if congress:
        conditions.append(_CONGRESS_FILTER[label].format(p=p))
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    if not industry:
        return f"MATCH (n:{label}){where}"
    roads = "\n    UNION\n".join(f"    {road}" for road in _FROM_SUBTREE[label])
    return (
        f"MATCH (:Industry {{code: ${p}industry}})<-[:PART_OF*0..]-(sub:Industry)\n"
        f"  CALL (sub) {{\n{roads}\n  }}\n"
        f"  WITH DISTINCT n{where}"
    )


def _list_nodes(label: str, name: str | None, congress: bool, industry: bool) -> str:
    match = match_list(label, "", name=name, congress=congress, industry=industry)
    return f"""
CALL () {{ {match} RETURN count(n) AS total }}
CALL () {{
  {match}
  WITH n ORDER BY n.sortKey, n.id SKIP $skip LIMIT $limit
  RETURN collect(n {{.*}}) AS rows
}}
RETURN total, rows
"""


# One page of a label in pinyin order, with the total matching the filters; keyed by (label,
# name match, congress filter set, industry filter set).
LIST_NODES = {
    (label, name, congress, industry): _list_nodes(label, name, congress, industry)
    for label in LIAISON_LABELS
    for name in (None, NAME_CASELESS, NAME_FOLDED)
    for congress in (False, True)
    for industry in (False, True)
}

# ---------------------------------------------------------------------------------------------
# Search: Chinese substrings, ranked
# ---------------------------------------------------------------------------------------------


# A node matches when one of its words (its name; an industry's aliases; a trip's topic) contains
# the text (any length, even one character) or when the cjk full-text index finds their bigrams
# (words in another order, extra spaces). Exact words rank first, then prefixes, then
# substrings, then full-text-only hits by score. CASELESS text (Chinese, digits: see
# lists.caseless) is matched as it is, which the TEXT indexes on names and topics serve
# (migrations 8 and 9); other text is compared in lower case, which no index serves.
def _word_conditions(label: str, caseless: bool) -> list[str]:
    folded = "toLower(n.name) CONTAINS toLower($text)"
    conditions = ["n.name CONTAINS $text" if caseless else folded]
    word = SEARCH_WORDS.get(label)
    if word in SEARCH_LIST_WORDS:
        test = "w CONTAINS $text" if caseless else "toLower(w) CONTAINS toLower($text)"
        conditions.append(f"any(w IN coalesce(n.{word}, []) WHERE {test})")
    elif word is not None:
        conditions.append(
            f"n.{word} CONTAINS $text" if caseless else f"toLower(n.{word}) CONTAINS toLower($text)"
        )
    return conditions


# Every word of `n` (a node of SEARCH_LABELS), nulls included: what the rank compares with.
# (Scalars first: `[a] + coalesce(l, []) + [b]` trips Cypher's type check.)
_WORD_NAMES = tuple(dict.fromkeys(SEARCH_WORDS.values()))
_WORDS = " + ".join(
    [
        "["
        + ", ".join(f"n.{w}" for w in ("name", *_WORD_NAMES) if w not in SEARCH_LIST_WORDS)
        + "]",
        *(f"coalesce(n.{w}, [])" for w in _WORD_NAMES if w in SEARCH_LIST_WORDS),
    ]
)


@functools.cache
def search_query(labels: tuple[str, ...], caseless: bool) -> str:
    """The search statement over `labels` (from SEARCH_LABELS; a branch per label and per word,
    so each can take its index). Parameters: $text, $lucene, $index,
    $labels (the same labels), $skip, $limit."""
    if not labels or not set(labels) <= set(SEARCH_LABELS):
        raise ValueError(f"{labels!r} are not all searchable labels")
    branches = "\n  UNION ALL\n".join(
        f"  MATCH (n:{label}) WHERE {condition} RETURN n, 0.0 AS score"
        for label in labels
        for condition in _word_conditions(label, caseless)
    )
    return f"""
CALL () {{
{branches}
  UNION ALL
  CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score
  WITH node, score WHERE any(l IN labels(node) WHERE l IN $labels)
  RETURN node AS n, score
}}
WITH n, max(score) AS score
WITH n, score, [w IN {_WORDS} | toLower(w)] AS words
WITH n, score,
     CASE WHEN toLower($text) IN words THEN 3
          WHEN any(w IN words WHERE w STARTS WITH toLower($text)) THEN 2
          WHEN any(w IN words WHERE w CONTAINS toLower($text)) THEN 1
          ELSE 0 END AS rank
WITH n, rank, score ORDER BY rank DESC, score DESC, n.sortKey, n.id
WITH collect({{label: [l IN labels(n) WHERE l IN $labels][0], node: n {{.*}},
              rank: rank, score: score}}) AS hits
RETURN size(hits) AS total, hits[$skip..$skip + $limit] AS rows
"""


# ---------------------------------------------------------------------------------------------
# Network and paths (their statements: graph/liaison/reach.py, graph/liaison/paths.py)
# ---------------------------------------------------------------------------------------------

MATCH_NODE_NAME = {
    label: f"MATCH (n:{label} {{id: $id}}) RETURN n.name AS name" for label in LABELS
}

# ---------------------------------------------------------------------------------------------
# Coverage gaps
# ---------------------------------------------------------------------------------------------

# The congress a report is about when none is named: the one congress with deputy groups (the
# demo's 诸城); two rows mean there is no such one.
MATCH_GROUPS_CONGRESS = """
MATCH (c:Congress) WHERE EXISTS { (c)<-[:GROUP_OF]-(:DeputyGroup) }
RETURN c.id AS id ORDER BY id LIMIT 2
"""

# Trips that count as held: planned (SCHEDULED), under way or done; not drafts, not cancelled.
_HELD = "NOT a.status IN ['DRAFT', 'CANCELLED']"

# The gaps of one congress's third link ($congress; null: every congress) and of its work in a
# period ($from, $to): groups (of the congress) without a committee, an alliance, a convener, a
# trip held or a suggestion raised in the period; industries its groups cover that no committee
# reaches, industries of enterprises or alliances that none of its groups covers; alliances no
# group partners with (they belong to no congress); enterprises visited above the trip
# planner's cap ($cap other visits within $capDays days of a visit: graph/trips/conflicts.py)
# in the period, when one of the congress's trips was among the visits.
MATCH_COVERAGE_GAPS = f"""
CALL () {{
  MATCH (g:DeputyGroup)
  WHERE $congress IS NULL OR EXISTS {{ (g)-[:GROUP_OF]->(:Congress {{id: $congress}}) }}
  WITH g ORDER BY g.sortKey, g.id
  RETURN collect(g) AS groups
}}
CALL (groups) {{
  UNWIND groups AS g
  MATCH (g)-[:IN_INDUSTRY]->(i:Industry)
  WITH i, collect(g) AS covering
  WHERE none(x IN covering WHERE EXISTS {{ (x)<-[:LIAISES_WITH]-(:Committee) }})
  WITH i ORDER BY i.code
  RETURN collect(i {{.*}}) AS industriesWithoutCommittee
}}
CALL (groups) {{
  MATCH (i:Industry)<-[:IN_INDUSTRY]-(x) WHERE x:Enterprise OR x:Alliance
  WITH DISTINCT i
  WHERE NOT EXISTS {{
          (i)<-[:PART_OF*0..]-(:Industry)<-[:IN_INDUSTRY]-(g:DeputyGroup) WHERE g IN groups }}
    AND NOT EXISTS {{
          (i)-[:PART_OF*1..]->(:Industry)<-[:IN_INDUSTRY]-(g:DeputyGroup) WHERE g IN groups }}
  WITH i ORDER BY i.code
  RETURN collect(i {{.*}}) AS industriesWithoutGroup
}}
CALL () {{
  MATCH (a:Alliance) WHERE NOT EXISTS {{ (a)<-[:PARTNERS_WITH]-(:DeputyGroup) }}
  WITH a ORDER BY a.sortKey, a.id
  RETURN collect(a {{.*}}) AS alliancesWithoutGroup
}}
CALL () {{
  MATCH (a:Activity) WHERE a.start <= $to AND a.end >= $from AND {_HELD}
  MATCH (a)-[v:VISITS]->(e:Enterprise) WHERE $from <= v.day <= $to
  WITH e, v.day AS day,
       $congress IS NULL OR EXISTS {{
         (a)<-[:HOLDS|ORGANIZES]-()-[:GROUP_OF|COMMITTEE_OF]->(:Congress {{id: $congress}})
       }} AS ours
  ORDER BY day
  WITH e, collect(day) AS days, collect(ours) AS ourVisits
  WHERE size(days) > $cap AND any(x IN ourVisits WHERE x)
  WITH e, days,
       [d IN days | size([x IN days WHERE abs(duration.inDays(d, x).days) < $capDays])] AS near
  WITH e, days, near, reduce(m = 0, n IN near | CASE WHEN n > m THEN n ELSE m END) AS peak
  WHERE peak > $cap
  WITH e, days, peak, [i IN range(0, size(days) - 1) WHERE near[i] = peak | days[i]][0] AS peakDay
  ORDER BY peak DESC, size(days) DESC, e.sortKey, e.id
  RETURN collect({{node: e {{.*}}, days: days, peak: peak, peakDay: peakDay}})
         AS enterprisesOverCap
}}
RETURN industriesWithoutCommittee, industriesWithoutGroup, alliancesWithoutGroup,
       enterprisesOverCap,
       [g IN groups WHERE NOT EXISTS {{ (g)<-[:LIAISES_WITH]-(:Committee) }} | g {{.*}}]
         AS groupsWithoutCommittee,
       [g IN groups WHERE NOT EXISTS {{ (g)-[:PARTNERS_WITH]->(:Alliance) }} | g {{.*}}]
         AS groupsWithoutAlliance,
       [g IN groups WHERE NOT EXISTS {{ (g)<-[:MEMBER_OF {{role: 'CONVENER'}}]-(:Deputy) }}
         | g {{.*}}] AS groupsWithoutConvener,
       [g IN groups WHERE NOT EXISTS {{
          MATCH (g)-[:HOLDS]->(a:Activity) WHERE a.start <= $to AND a.end >= $from AND {_HELD}
        }} | g {{.*}}] AS groupsWithoutTrip,
       [g IN groups WHERE NOT EXISTS {{
          MATCH (p:Proposal) WHERE p.groupId = g.id AND $from <= p.raisedAt <= $to
        }} | g {{.*}}] AS groupsWithoutProposal
"""

# ---------------------------------------------------------------------------------------------
# The rules of links
# ---------------------------------------------------------------------------------------------

MATCH_CONVENER = """
MATCH (d:Deputy)-[:MEMBER_OF {role: 'CONVENER'}]->(:DeputyGroup {id: $group})
RETURN d.id AS id, d.name AS name
"""
MATCH_EMPLOYER = """
MATCH (:Deputy {id: $deputy})-[:WORKS_AT]->(e:Enterprise) RETURN e.id AS id, e.name AS name
"""
MATCH_INDUSTRY_ANCESTOR = """
MATCH (:Industry {id: $parent})-[:PART_OF*0..]->(a:Industry {id: $child}) RETURN a.id AS id
"""
MATCH_INDUSTRY_PARENT = "MATCH (:Industry {id: $child})-[:PART_OF]->(p:Industry) RETURN p.id AS id"
SET_MEMBER_ROLE = """
MATCH (:Deputy {id: $deputy})-[r:MEMBER_OF]->(:DeputyGroup {id: $group})
SET r.role = $role
RETURN count(r) AS changed
"""
