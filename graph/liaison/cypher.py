"""Every Cypher statement of the liaison graph, by name (VERB_NOUN).

Statements that vary by label are built once, at import, from the model's allowlist
(graph/kernel/model.py) into dicts keyed by label; nothing here is built from user text, and every
value is a $parameter. The relationship statements every domain shares live with node CRUD in
graph/kernel/nodes.py.
"""

from __future__ import annotations

from graph.kernel.model import LABELS, LIAISON_LABELS, NAMED_LABELS

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

# A node matches when its name contains the text (any length, even one character) or when the
# cjk full-text index finds its bigrams (words in another order, extra spaces). Exact names rank
# first, then prefixes, then substrings, then full-text-only hits by score.
SEARCH_NAMES = f"""
CALL () {{
  MATCH (n) WHERE (n:{"|".join(NAMED_LABELS)}) AND toLower(n.name) CONTAINS toLower($text)
  RETURN n, 0.0 AS score
  UNION ALL
  CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score
  RETURN node AS n, score
}}
WITH n, max(score) AS score
WITH n, score,
     CASE WHEN toLower(n.name) = toLower($text) THEN 3
          WHEN toLower(n.name) STARTS WITH toLower($text) THEN 2
          WHEN toLower(n.name) CONTAINS toLower($text) THEN 1
          ELSE 0 END AS rank
WHERE $labels IS NULL OR any(l IN labels(n) WHERE l IN $labels)
WITH n, rank, score ORDER BY rank DESC, score DESC, n.sortKey, n.id
WITH collect({{label: [l IN labels(n) WHERE l IN $allowed][0], node: n {{.*}},
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

MATCH_COVERAGE_GAPS = """
CALL () {
  MATCH (i:Industry)<-[:IN_INDUSTRY]-(:DeputyGroup)
  WITH DISTINCT i
  WHERE NOT EXISTS { (i)<-[:IN_INDUSTRY]-(:DeputyGroup)<-[:LIAISES_WITH]-(:Committee) }
  WITH i ORDER BY i.code
  RETURN collect(i {.*}) AS industriesWithoutCommittee
}
CALL () {
  MATCH (i:Industry)<-[:IN_INDUSTRY]-(x) WHERE x:Enterprise OR x:Alliance
  WITH DISTINCT i
  WHERE NOT EXISTS { (i)<-[:PART_OF*0..]-(:Industry)<-[:IN_INDUSTRY]-(:DeputyGroup) }
    AND NOT EXISTS { (i)-[:PART_OF*1..]->(:Industry)<-[:IN_INDUSTRY]-(:DeputyGroup) }
  WITH i ORDER BY i.code
  RETURN collect(i {.*}) AS industriesWithoutGroup
}
CALL () {
  MATCH (g:DeputyGroup) WHERE NOT EXISTS { (g)-[:PARTNERS_WITH]->(:Alliance) }
  WITH g ORDER BY g.sortKey, g.id
  RETURN collect(g {.*}) AS groupsWithoutAlliance
}
CALL () {
  MATCH (a:Alliance) WHERE NOT EXISTS { (a)<-[:PARTNERS_WITH]-(:DeputyGroup) }
  WITH a ORDER BY a.sortKey, a.id
  RETURN collect(a {.*}) AS alliancesWithoutGroup
}
CALL () {
  MATCH (g:DeputyGroup) WHERE NOT EXISTS { (g)<-[:MEMBER_OF {role: 'CONVENER'}]-(:Deputy) }
  WITH g ORDER BY g.sortKey, g.id
  RETURN collect(g {.*}) AS groupsWithoutConvener
}
CALL () {
  MATCH (g:DeputyGroup) WHERE NOT EXISTS { (g)<-[:LIAISES_WITH]-(:Committee) }
  WITH g ORDER BY g.sortKey, g.id
  RETURN collect(g {.*}) AS groupsWithoutCommittee
}
RETURN *
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
