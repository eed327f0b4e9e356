"""The liaison queries through the real HTTP app: every root query, both directions of each
relationship, Relay paging and ids, bad input, and the round trips DataLoaders keep bounded."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from neo4j import Driver
from strawberry import relay

from graph.kernel.db import Database, open_driver
from graph.kernel.model import sort_key
from graph.kernel.settings import Settings
from tests.conftest import GraphQLClient
from tests.digest import graph_digest
from tests.liaison_world import World, build_world


def gid(label: str, node_id: str) -> str:
    return str(relay.GlobalID(type_name=label, node_id=node_id))


@pytest.fixture
def world(api: GraphQLClient, neo4j_settings: Settings) -> World:
    async def build() -> World:
        async with open_driver(neo4j_settings) as driver:
            return await build_world(Database(driver, neo4j_settings.database))

    return asyncio.run(build())


def error_of(body: dict[str, Any]) -> dict[str, Any]:
    assert body.get("errors"), body
    extensions: dict[str, Any] = body["errors"][0]["extensions"]
    return extensions


NODE = """
query ($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Congress { name level }
    ... on Committee { name kind }
    ... on DeputyGroup { name }
    ... on Alliance { name scope }
    ... on Industry { code name }
    ... on Deputy { name category }
    ... on Enterprise { name uscc }
  }
}
"""

NODES = """
query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Alliance { name } } }
"""


def test_node_finds_each_type(api: GraphQLClient, world: World) -> None:
    for label, node_id, name in [
        ("Congress", world.congress, "诸城市人民代表大会"),
        ("Committee", world.finance, "财政经济委员会"),
        ("DeputyGroup", world.food, "预制菜专业代表小组"),
        ("Alliance", world.alliance, "山东预制菜产业联盟"),
        ("Industry", "C143", "方便食品制造"),
        ("Deputy", world.li, "李盛林"),
        ("Enterprise", world.delis, "得利斯食品有限公司"),
    ]:
        node = api(NODE, {"id": gid(label, node_id)})["node"]
        assert (node["__typename"], node["id"], node["name"]) == (label, gid(label, node_id), name)


def test_node_of_an_unknown_id_is_null(api: GraphQLClient, world: World) -> None:
    assert api(NODE, {"id": gid("Alliance", "nope")})["node"] is None


def test_nodes_keep_the_order_and_give_null_for_unknown(api: GraphQLClient, world: World) -> None:
    ids = [
        gid("Alliance", world.alliance),
        gid("Alliance", "nope"),
        gid("Committee", world.finance),
    ]
    nodes = api(NODES, {"ids": ids})["nodes"]
    assert [n and n["id"] for n in nodes] == [ids[0], None, ids[2]]
    assert nodes[0]["name"] == "山东预制菜产业联盟"


LIST = """
query ($filter: ListFilterInput, $first: Int, $after: String) {
  %s(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


@pytest.mark.parametrize(
    ("field", "filter", "expected"),
    [
        ("congresses", {"nameContains": "诸城"}, ["诸城市人民代表大会"]),
        ("committees", {"industryCode": "C14"}, ["财政经济委员会"]),
        ("deputyGroups", {"industryCode": "C"}, ["生物医药专业代表小组", "预制菜专业代表小组"]),
        ("alliances", {"industryCode": "C143"}, ["山东预制菜产业联盟"]),
        ("deputies", {"nameContains": "郑"}, ["郑洪霞", "郑思敏"]),
        ("enterprises", {"nameContains": "得利斯"}, ["得利斯食品有限公司"]),
        ("industries", {"industryCode": "C14"}, ["方便食品制造", "食品制造业"]),
    ],
)
def test_lists_filter(
    api: GraphQLClient, world: World, field: str, filter: dict[str, str], expected: list[str]
) -> None:
    page = api(LIST % field, {"filter": filter})[field]
    assert [e["node"]["name"] for e in page["edges"]] == expected
    assert page["totalCount"] == len(expected)


def test_lists_filter_by_congress(api: GraphQLClient, world: World) -> None:
    congress = gid("Congress", world.other_congress)
    page = api(LIST % "deputyGroups", {"filter": {"congressId": congress}})["deputyGroups"]
    assert [e["node"]["name"] for e in page["edges"]] == ["茶产业专业代表小组"]


def test_list_filter_refuses_a_wrong_type_congress_id(api: GraphQLClient, world: World) -> None:
    body = api.post(
        LIST % "committees", {"filter": {"congressId": gid("Committee", world.finance)}}
    ).json()
    assert (error_of(body)["code"], error_of(body)["field"]) == ("INVALID", "filter.congressId")


ALLIANCE_NAMES = [f"{city}产业联盟" for city in "安北重郑青济烟潍淄枣东泰沪日临德聊滨菏莱"]


def test_pages_with_after_cursors_cover_the_list_once(
    api: GraphQLClient, clean_graph: Driver
) -> None:
    clean_graph.execute_query(
        "UNWIND $rows AS row CREATE (:Alliance {id: row.id, name: row.name, sortKey: row.key})",
        rows=[
            {"id": f"a{i}", "name": name, "key": sort_key(name)}
            for i, name in enumerate(ALLIANCE_NAMES)
        ],
    )
    seen: list[str] = []
    pages: list[dict[str, Any]] = []
    after = None
    while True:
        page = api(LIST % "alliances", {"first": 8, "after": after})["alliances"]
        pages.append(page)
        seen += [e["node"]["name"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == sorted(ALLIANCE_NAMES, key=sort_key)  # all, once each, in pinyin order
    assert [len(p["edges"]) for p in pages] == [8, 8, 4]
    assert {p["totalCount"] for p in pages} == {20}
    assert [p["pageInfo"]["hasPreviousPage"] for p in pages] == [False, True, True]
    assert pages[1]["pageInfo"]["startCursor"] == pages[1]["edges"][0]["cursor"]


@pytest.mark.parametrize(("first", "after"), [(101, None), (-1, None), (10, "bm90LWEtY3Vyc29y")])
def test_bad_pages_are_refused(api: GraphQLClient, first: int, after: str | None) -> None:
    body = api.post(LIST % "alliances", {"first": first, "after": after}).json()
    assert error_of(body)["code"] == "INVALID"
    assert error_of(body)["field"] in ("first", "after")


RELATIONSHIPS = """
query ($committee: ID!, $group: ID!, $alliance: ID!, $deputy: ID!, $enterprise: ID!,
       $industry: ID!, $congress: ID!) {
  committee: node(id: $committee) { ... on Committee {
    congress { name } groups { totalCount nodes { name } } members { nodes { name } } } }
  group: node(id: $group) { ... on DeputyGroup {
    congress { name } committees { nodes { name } } alliances { nodes { name } }
    convener { name } members { edges { role node { name } } }
    onlyMembers: members(role: MEMBER) { nodes { name } } industries { nodes { code } } } }
  alliance: node(id: $alliance) { ... on Alliance {
    groups { nodes { name } } enterprises { nodes { name } } industries { nodes { code } } } }
  deputy: node(id: $deputy) { ... on Deputy {
    groups { edges { role node { name } } } congresses { nodes { name } }
    committees { nodes { name } } employer { name } contacts { nodes { name } }
    contactedBy { nodes { name } } } }
  enterprise: node(id: $enterprise) { ... on Enterprise {
    alliances { nodes { name } } deputies { nodes { name } } industries { nodes { code } } } }
  industry: node(id: $industry) { ... on Industry {
    parent { code } children { nodes { code } } groups { nodes { name } }
    alliances { nodes { name } } enterprises { nodes { name } } } }
  congress: node(id: $congress) { ... on Congress {
    committees { nodes { name } } groups { nodes { name } } deputies { totalCount } } }
}
"""


def names(connection: dict[str, Any]) -> list[str]:
    return [n.get("name") or n.get("code") for n in connection["nodes"]]


def test_relationships_read_in_both_directions(api: GraphQLClient, world: World) -> None:
    data = api(
        RELATIONSHIPS,
        {
            "committee": gid("Committee", world.finance),
            "group": gid("DeputyGroup", world.food),
            "alliance": gid("Alliance", world.alliance),
            "deputy": gid("Deputy", world.li),
            "enterprise": gid("Enterprise", world.delis),
            "industry": gid("Industry", "C14"),
            "congress": gid("Congress", world.congress),
        },
    )
    committee, group, alliance = data["committee"], data["group"], data["alliance"]
    deputy, enterprise, industry = data["deputy"], data["enterprise"], data["industry"]
    assert committee["congress"]["name"] == "诸城市人民代表大会"
    assert names(committee["groups"]) == ["生物医药专业代表小组", "预制菜专业代表小组"]
    assert names(committee["members"]) == ["郑洪霞"]
    assert names(group["committees"]) == ["财政经济委员会"]
    assert names(group["alliances"]) == ["山东预制菜产业联盟"]
    assert group["convener"]["name"] == "李盛林"
    assert [(e["node"]["name"], e["role"]) for e in group["members"]["edges"]] == [
        ("李盛林", "CONVENER"),
        ("郑思敏", "MEMBER"),
    ]
    assert names(group["onlyMembers"]) == ["郑思敏"]
    assert names(group["industries"]) == ["C143"]
    assert names(alliance["groups"]) == ["预制菜专业代表小组"]
    assert names(alliance["enterprises"]) == ["得利斯食品有限公司"]
    assert [(e["node"]["name"], e["role"]) for e in deputy["groups"]["edges"]] == [
        ("预制菜专业代表小组", "CONVENER")
    ]
    assert names(deputy["congresses"]) == ["诸城市人民代表大会"]
    assert deputy["employer"] is None
    assert names(enterprise["alliances"]) == ["山东预制菜产业联盟"]
    assert names(enterprise["industries"]) == ["C143"]
    assert industry["parent"] == {"code": "C"}
    assert names(industry["children"]) == ["C143"]
    assert data["congress"]["deputies"]["totalCount"] == 3


SEARCH = """
query ($text: String!, $types: [EntityType!], $first: Int) {
  search(text: $text, types: $types, first: $first) {
    totalCount
    edges { node { rank score node { __typename ... on DeputyGroup { name }
                                               ... on Alliance { name } } } }
  }
}
"""


def test_search_finds_chinese_substrings_ranked(api: GraphQLClient, world: World) -> None:
    tea = api(SEARCH, {"text": "茶"})["search"]
    assert tea["totalCount"] == 1
    assert tea["edges"][0]["node"]["node"] == {
        "__typename": "DeputyGroup",
        "name": "茶产业专业代表小组",
    }
    alliances = api(SEARCH, {"text": "预制菜", "types": ["ALLIANCE"]})["search"]
    assert [e["node"]["node"]["name"] for e in alliances["edges"]] == ["山东预制菜产业联盟"]


def test_search_of_lucene_syntax_and_empty_text(api: GraphQLClient, world: World) -> None:
    assert api(SEARCH, {"text": "*:*"})["search"]["totalCount"] == 0
    body = api.post(SEARCH, {"text": "   "}).json()
    assert (error_of(body)["code"], error_of(body)["field"]) == ("INVALID", "text")


NETWORK = """
query ($id: ID!, $depth: Int!) {
  liaisonNetwork(committeeId: $id, depth: $depth) {
    nodes { id label name }
    edges { id type source target role }
  }
}
"""


def test_liaison_network_is_ready_to_draw(api: GraphQLClient, world: World) -> None:
    network = api(NETWORK, {"id": gid("Committee", world.finance), "depth": 3})["liaisonNetwork"]
    assert api.last_round_trips == 4  # the committee, then one per level
    ids = {n["id"] for n in network["nodes"]}
    assert gid("Enterprise", world.delis) in ids
    assert all(e["source"] in ids and e["target"] in ids for e in network["edges"])
    convener = next(e for e in network["edges"] if e["source"] == gid("Deputy", world.li))
    assert (convener["type"], convener["role"]) == ("MEMBER_OF", "CONVENER")
    shallow = api(NETWORK, {"id": gid("Committee", world.finance), "depth": 1})
    assert api.last_round_trips == 2
    assert len(shallow["liaisonNetwork"]["nodes"]) == 4


@pytest.mark.parametrize(
    ("label", "key", "depth", "code"),
    [
        ("Committee", "nope", 3, "NOT_FOUND"),
        ("DeputyGroup", "food", 3, "INVALID"),
        ("Committee", "finance", 0, "INVALID"),
        ("Committee", "finance", 5, "INVALID"),
    ],
)
def test_liaison_network_refuses_bad_input(
    api: GraphQLClient, world: World, label: str, key: str, depth: int, code: str
) -> None:
    node_id = getattr(world, key, key)
    body = api.post(NETWORK, {"id": gid(label, node_id), "depth": depth}).json()
    assert error_of(body)["code"] == code
    assert error_of(body)["field"] in ("committeeId", "depth")


PATHS = """
query ($from: ID!, $to: ID!, $maxHops: Int!) {
  liaisonPaths(fromId: $from, toId: $to, maxHops: $maxHops) {
    nodes { label name }
    edges { type source target }
  }
}
"""


def test_liaison_paths(api: GraphQLClient, world: World) -> None:
    ends = {"from": gid("Committee", world.finance), "to": gid("Enterprise", world.delis)}
    paths = api(PATHS, {**ends, "maxHops": 6})["liaisonPaths"]
    assert [[n["label"] for n in p["nodes"]] for p in paths] == [
        ["Committee", "DeputyGroup", "Alliance", "Enterprise"]
    ]
    assert paths[0]["edges"][2] == {
        "type": "MEMBER_OF",
        "source": gid("Enterprise", world.delis),
        "target": gid("Alliance", world.alliance),
    }
    assert api(PATHS, {**ends, "maxHops": 2})["liaisonPaths"] == []
    body = api.post(PATHS, {**ends, "to": ends["from"], "maxHops": 6}).json()
    assert (error_of(body)["code"], error_of(body)["field"]) == ("INVALID", "toId")


GAPS = """
{ coverageGaps {
    industriesWithoutCommittee { nodes { code } }
    industriesWithoutGroup { nodes { code } }
    groupsWithoutCommittee { nodes { name } }
    groupsWithoutAlliance { totalCount nodes { name } }
    alliancesWithoutGroup { nodes { name } }
    groupsWithoutConvener { nodes { name } }
} }
"""


def test_coverage_gaps(api: GraphQLClient, world: World) -> None:
    gaps = api(GAPS)["coverageGaps"]
    assert names(gaps["industriesWithoutCommittee"]) == ["A01"]
    assert names(gaps["industriesWithoutGroup"]) == []
    assert names(gaps["groupsWithoutCommittee"]) == ["茶产业专业代表小组"]
    assert names(gaps["groupsWithoutAlliance"]) == ["茶产业专业代表小组", "生物医药专业代表小组"]
    assert names(gaps["alliancesWithoutGroup"]) == []
    assert names(gaps["groupsWithoutConvener"]) == ["茶产业专业代表小组", "生物医药专业代表小组"]


# --- malformed requests ----------------------------------------------------------------------

GRAPHQL_RESPONSE = {"Accept": "application/graphql-response+json"}


@pytest.mark.parametrize("query", ["{ committees { totalCount ", "{ noSuchField }", "query {"])
def test_malformed_graphql_is_400_for_graphql_response_clients(
    api: GraphQLClient, clean_graph: Driver, query: str
) -> None:
    before = graph_digest(clean_graph)
    strict = api.post(query, headers=GRAPHQL_RESPONSE)
    assert strict.status_code == 400
    assert strict.headers["content-type"].startswith("application/graphql-response+json")
    assert strict.json()["errors"] and "data" not in strict.json()
    legacy = api.post(query)
    assert legacy.status_code == 200
    assert legacy.headers["content-type"].startswith("application/json")
    assert legacy.json()["errors"]
    assert graph_digest(clean_graph) == before


def test_malformed_ids_are_invalid(api: GraphQLClient, world: World) -> None:
    for bad in ("not a global id", "Q29tbWl0dGVl", "%%%"):
        body = api.post(NETWORK, {"id": bad, "depth": 1}).json()
        assert (error_of(body)["code"], error_of(body)["field"]) == ("INVALID", "committeeId")


# --- round trips -----------------------------------------------------------------------------

GROUPS_WITH_RELATIONS = """
{ deputyGroups(first: 100) {
    totalCount
    edges { node {
      name
      committees { nodes { name } }
      members { edges { role node { name } } }
      alliances { nodes { name } }
      convener { name }
    } }
} }
"""

# One batch: a congress, `n` groups, each with two committees, three members (one convener)
# and an alliance.
BUILD_GROUPS = """
CREATE (k:Congress {id: 'k', name: '诸城市人民代表大会', sortKey: 'zhu cheng'})
WITH k
UNWIND range(1, $n) AS i
CREATE (g:DeputyGroup {id: 'g' + i, name: '小组' + i, sortKey: 'xiao zu ' + i})-[:GROUP_OF]->(k)
CREATE (:Committee {id: 'c' + i, name: '委员会' + i, sortKey: 'wei ' + i})-[:LIAISES_WITH]->(g)
CREATE (:Committee {id: 'd' + i, name: '工委' + i, sortKey: 'gong ' + i})-[:LIAISES_WITH]->(g)
CREATE (g)-[:PARTNERS_WITH]->(:Alliance {id: 'a' + i, name: '联盟' + i, sortKey: 'lian ' + i})
CREATE (:Deputy {id: 'p' + i, name: '召集人' + i, sortKey: 'a ' + i})
       -[:MEMBER_OF {role: 'CONVENER'}]->(g)
FOREACH (j IN range(1, 2) |
  CREATE (:Deputy {id: 'm' + i + '-' + j, name: '代表' + i + j, sortKey: 'b ' + i + j})
         -[:MEMBER_OF {role: 'MEMBER'}]->(g))
"""


@pytest.mark.parametrize(("mode", "trips"), [("compiled", 1), ("general", 4)])
@pytest.mark.parametrize("n", [10, 100])
def test_a_page_of_groups_costs_a_fixed_number_of_round_trips(
    api_with: Callable[[str], GraphQLClient], clean_graph: Driver, n: int, mode: str, trips: int
) -> None:
    api = api_with(mode)
    clean_graph.execute_query(BUILD_GROUPS, n=n)
    groups = api(GROUPS_WITH_RELATIONS)["deputyGroups"]
    assert groups["totalCount"] == len(groups["edges"]) == n
    assert all(len(e["node"]["members"]["edges"]) == 3 for e in groups["edges"])
    assert all(e["node"]["convener"]["name"].startswith("召集人") for e in groups["edges"])
    # The read path: one statement. The general executor: the page, then one batch each for
    # committees, members (convener shares that loader) and alliances: 4 for 10 groups and 100.
    assert api.last_round_trips == trips
