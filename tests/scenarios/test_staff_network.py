"""Committee staff: who the committee reaches, the network around a group or an alliance, and
how the committee is connected to an enterprise. Expectations come from the graph itself
(independent Cypher on the demo data), never from counts written down here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from neo4j import Driver

from graph.kernel.settings import Settings
from tests.conftest import GraphQLClient

FINANCE = "财政经济委员会"
BIOMEDICINE = "生物医药专业代表小组"
DISHES_ALLIANCE = "山东预制菜产业联盟"
DISHES_GROUP = "预制菜专业代表小组"

# One request, by name, as a person writes it: the committee's groups, their alliances with
# the alliances' enterprises and who works there, and the groups' members with their employers.
REACH = """
query Reach($committee: String!) {
  committees(filter: {nameContains: $committee}) {
    nodes {
      name
      groups {
        nodes {
          name
          alliances { nodes { name enterprises { nodes { name deputies { nodes { name } } } } } }
          members { nodes { name employer { name } } }
        }
      }
    }
  }
}
"""

NETWORK = """
query Network($from: ID!, $depth: Int!) {
  liaisonNetwork(fromId: $from, depth: $depth) { nodes { label name } edges { type } }
}
"""

PATHS = """
query Paths($from: ID!, $to: ID!) {
  liaisonPaths(fromId: $from, toId: $to, k: 2, via: [ALLIANCE]) {
    nodes { label name }
    edges { type }
  }
}
"""


def cypher(driver: Driver, settings: Settings, query: str, **params: Any) -> list[dict[str, Any]]:
    with driver.session(database=settings.database) as session:
        return [record.data() for record in session.run(query, params)]


def test_staff_see_what_finance_reaches_through_the_biomedicine_group(
    staff: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings
) -> None:
    response = staff.post(REACH, {"committee": FINANCE})
    body = response.json()
    assert "errors" not in body, body  # not refused by the cost limit
    committee = next(c for c in body["data"]["committees"]["nodes"] if c["name"] == FINANCE)
    group = next(g for g in committee["groups"]["nodes"] if g["name"] == BIOMEDICINE)

    expected = cypher(
        clean_graph,
        neo4j_settings,
        """
        MATCH (:Committee {name: $committee})-[:LIAISES_WITH]->(g:DeputyGroup {name: $group})
        RETURN COLLECT { MATCH (g)-[:PARTNERS_WITH]->(a) RETURN a.name } AS alliances,
               COLLECT { MATCH (g)-[:PARTNERS_WITH]->()<-[:MEMBER_OF]-(e:Enterprise)
                         RETURN e.name } AS enterprises,
               COLLECT { MATCH (g)<-[:MEMBER_OF]-(d:Deputy)
                         OPTIONAL MATCH (d)-[:WORKS_AT]->(e:Enterprise)
                         RETURN [d.name, e.name] } AS members
        """,
        committee=FINANCE,
        group=BIOMEDICINE,
    )[0]
    alliances = group["alliances"]["nodes"]
    assert sorted(a["name"] for a in alliances) == sorted(expected["alliances"])
    assert alliances, "the biomedicine group partners with an alliance"
    assert sorted(e["name"] for a in alliances for e in a["enterprises"]["nodes"]) == sorted(
        expected["enterprises"]
    )
    members = [[m["name"], (m["employer"] or {}).get("name")] for m in group["members"]["nodes"]]
    assert sorted(members, key=str) == sorted(expected["members"], key=str)
    assert any(employer for _, employer in members), "some members work at an enterprise"


def test_staff_start_a_network_from_the_prepared_dish_alliance_or_group(
    staff: GraphQLClient,
    find: Callable[..., str],
    clean_graph: Driver,
    neo4j_settings: Settings,
) -> None:
    alliance = find(DISHES_ALLIANCE, "Alliance")
    network = staff(NETWORK, {"from": alliance, "depth": 2})["liaisonNetwork"]
    reached = {(n["label"], n["name"]) for n in network["nodes"]}

    row = cypher(
        clean_graph,
        neo4j_settings,
        """
        MATCH (a:Alliance {name: $alliance})
        RETURN COLLECT { MATCH (a)<-[:PARTNERS_WITH]-(g) RETURN g.name } AS groups,
               COLLECT { MATCH (a)<-[:MEMBER_OF]-(e:Enterprise) RETURN e.name } AS enterprises,
               COLLECT { MATCH (a)<-[:PARTNERS_WITH]-()<-[:LIAISES_WITH]-(c) RETURN c.name }
                 AS committees,
               COLLECT { MATCH (a)<-[:PARTNERS_WITH]-()<-[:MEMBER_OF]-(d) RETURN d.name }
                 AS members
        """,
        alliance=DISHES_ALLIANCE,
    )[0]
    assert DISHES_GROUP in row["groups"]
    assert {("DeputyGroup", name) for name in row["groups"]} <= reached
    assert {("Enterprise", name) for name in row["enterprises"]} <= reached
    assert {("Committee", name) for name in row["committees"]} <= reached
    assert {("Deputy", name) for name in row["members"]} <= reached
    assert {("Deputy", "郑思敏"), ("Deputy", "李盛林")} <= reached  # named in the seed
    assert {n["label"] for n in network["nodes"]}.isdisjoint({"Congress", "Industry"})

    group = find(DISHES_GROUP, "DeputyGroup")
    around = staff(NETWORK, {"from": group, "depth": 1})["liaisonNetwork"]
    assert ("Alliance", DISHES_ALLIANCE) in {(n["label"], n["name"]) for n in around["nodes"]}
    assert {("Committee", name) for name in row["committees"]} <= {
        (n["label"], n["name"]) for n in around["nodes"]
    }


def test_staff_find_the_two_shortest_paths_from_finance_to_an_enterprise_via_an_alliance(
    staff: GraphQLClient,
    find: Callable[..., str],
    clean_graph: Driver,
    neo4j_settings: Settings,
) -> None:
    # An enterprise of the biomedicine group's alliance, by name, as staff would pick it.
    target = cypher(
        clean_graph,
        neo4j_settings,
        """
        MATCH (:DeputyGroup {name: $group})-[:PARTNERS_WITH]->()<-[:MEMBER_OF]-(e:Enterprise)
        RETURN e.name AS name ORDER BY e.sortKey LIMIT 1
        """,
        group=BIOMEDICINE,
    )[0]["name"]
    found = staff(PATHS, {"from": find(FINANCE, "Committee"), "to": find(target, "Enterprise")})[
        "liaisonPaths"
    ]

    # Every simple path of at most six hops through an alliance, by length (independently).
    lengths = [
        row["hops"]
        for row in cypher(
            clean_graph,
            neo4j_settings,
            """
            MATCH p = (:Committee {name: $committee})
                      -[:LIAISES_WITH|PARTNERS_WITH|MEMBER_OF|SITS_ON|WORKS_AT|CONTACTS*1..6]-
                      (:Enterprise {name: $target})
            WHERE any(n IN nodes(p)[1..-1] WHERE n:Alliance)
              AND size(nodes(p)) = size(COLLECT { UNWIND nodes(p) AS n RETURN DISTINCT n })
            RETURN length(p) AS hops ORDER BY hops LIMIT 2
            """,
            committee=FINANCE,
            target=target,
        )
    ]
    assert [len(p["edges"]) for p in found] == lengths
    assert len(found) == 2
    for path in found:
        assert (path["nodes"][0]["name"], path["nodes"][-1]["name"]) == (FINANCE, target)
        assert "Alliance" in [n["label"] for n in path["nodes"][1:-1]]
    assert [n["label"] for n in found[0]["nodes"]] == [
        "Committee",
        "DeputyGroup",
        "Alliance",
        "Enterprise",
    ]
