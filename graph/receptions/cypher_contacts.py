"""The Cypher of citizens' contacts (personal data, graph/kernel/model.py PERSONAL_LABELS).

One statement per owner label, built once from the fixed PERSONAL_OWNERS; values are parameters.
"""

from __future__ import annotations

from graph.kernel.model import PERSONAL_OWNERS, PERSONAL_RELATION

# Replace the owner's contact (one per owner): the old one is deleted with its data.
SET_CONTACT = {
    label: f"""
MATCH (o:{label} {{id: $owner}})
OPTIONAL MATCH (o)-[:{PERSONAL_RELATION}]->(old:Contact)
DETACH DELETE old
WITH DISTINCT o
CREATE (o)-[:{PERSONAL_RELATION}]->(c:Contact {{id: $id, name: $name, phone: $phone}})
RETURN c.id AS id
"""
    for label in PERSONAL_OWNERS
}

LIST_CONTACTS = {
    label: f"""
UNWIND $ids AS id
MATCH (:{label} {{id: id}})-[:{PERSONAL_RELATION}]->(c:Contact)
RETURN id AS owner, c.name AS name, c.phone AS phone
"""
    for label in PERSONAL_OWNERS
}
