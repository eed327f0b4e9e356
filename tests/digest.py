"""A fingerprint of the whole graph, to show that a rejected write changed nothing."""

from __future__ import annotations

from neo4j import Driver

from graph.kernel.model import LABELS, PERSONAL_LABELS

# The domain's data only: API tokens (lastUsed), audit entries and migrations are bookkeeping
# that a request may legitimately touch.
NODES = """
MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels)
RETURN labels(n) AS labels, properties(n) AS props
"""
RELATIONSHIPS = """
MATCH (a)-[r]->(b)
WHERE any(l IN labels(a) WHERE l IN $labels) AND any(l IN labels(b) WHERE l IN $labels)
RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props
"""

# Citizens' contacts are data too: a refused write must not touch them either.
DIGESTED = [*LABELS, *PERSONAL_LABELS]


def graph_digest(driver: Driver, database: str | None = None) -> tuple[int, int, list[str]]:
    """(node count, relationship count, sorted properties of every node and relationship)."""
    with driver.session(database=database) as session:
        nodes = [
            repr((sorted(r["labels"]), sorted(r["props"].items())))
            for r in session.run(NODES, labels=DIGESTED).data()
        ]
        rels = [
            repr((r["start"], r["type"], r["end"], sorted(r["props"].items())))
            for r in session.run(RELATIONSHIPS, labels=DIGESTED).data()
        ]
    return len(nodes), len(rels), sorted(nodes) + sorted(rels)
