"""`liaisonNetwork(fromId)` from any entity of the third link (`committeeId` deprecated), and
`liaisonPaths` with `k`, `via` and `links`, through the API."""

from __future__ import annotations

import pytest

from tests.conftest import GraphQLClient
from tests.liaison_world import World
from tests.schema.test_liaison_queries import error_of, gid, world

__all__ = ["world"]  # the fixture

NETWORK = """
query ($from: ID, $committee: ID, $depth: Int! = 2) {
  liaisonNetwork(fromId: $from, committeeId: $committee, depth: $depth) {
    nodes { id label name }
    edges { type source target }
  }
}
"""

PATHS = """
query ($from: ID!, $to: ID!, $k: Int, $via: [PathNode!], $links: [PathLink!]) {
  liaisonPaths(fromId: $from, toId: $to, k: $k, via: $via, links: $links) {
    nodes { label name }
  }
}
"""


def test_a_network_starts_from_an_alliance(api: GraphQLClient, world: World) -> None:
    network = api(NETWORK, {"from": gid("Alliance", world.alliance)})["liaisonNetwork"]
    assert {n["name"] for n in network["nodes"]} == {
        "山东预制菜产业联盟",
        "预制菜专业代表小组",
        "得利斯食品有限公司",
        "财政经济委员会",
        "郑思敏",
        "李盛林",
    }
    assert api.last_round_trips == 3  # the start, then one per level
    ids = {n["id"] for n in network["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in network["edges"])


def test_committee_id_still_works_and_is_deprecated(api: GraphQLClient, world: World) -> None:
    committee = gid("Committee", world.finance)
    old = api(NETWORK, {"committee": committee})["liaisonNetwork"]
    new = api(NETWORK, {"from": committee})["liaisonNetwork"]
    assert old == new
    args = api(
        '{ __type(name: "Query") { fields { name args(includeDeprecated: true) '
        "{ name isDeprecated } } } }"
    )["__type"]["fields"]
    network_args = next(f["args"] for f in args if f["name"] == "liaisonNetwork")
    assert {a["name"]: a["isDeprecated"] for a in network_args} == {
        "fromId": False,
        "depth": False,
        "committeeId": True,
    }


@pytest.mark.parametrize(
    ("variables", "code", "field"),
    [
        ({"from": gid("Proposal", "p1")}, "INVALID", "fromId"),
        ({"from": gid("Activity", "a1")}, "INVALID", "fromId"),
        ({"from": "not-a-global-id"}, "INVALID", "fromId"),
        ({"from": gid("Alliance", "no-such-alliance")}, "NOT_FOUND", "fromId"),
        ({"committee": gid("Alliance", "x")}, "INVALID", "committeeId"),
        ({}, "INVALID", "fromId"),
    ],
)
def test_a_network_refuses_a_start_it_cannot_use(
    api: GraphQLClient, world: World, variables: dict[str, str], code: str, field: str
) -> None:
    body = api.post(NETWORK, variables).json()
    assert (error_of(body)["code"], error_of(body)["field"]) == (code, field)


def test_a_network_takes_one_start(api: GraphQLClient, world: World) -> None:
    committee = gid("Committee", world.finance)
    body = api.post(NETWORK, {"from": committee, "committee": committee}).json()
    assert (error_of(body)["code"], error_of(body)["field"]) == ("INVALID", "fromId")


def test_paths_through_an_alliance_k_at_a_time(api: GraphQLClient, world: World) -> None:
    ends = {"from": gid("Committee", world.finance), "to": gid("Enterprise", world.delis)}
    found = api(PATHS, {**ends, "k": 2, "via": ["ALLIANCE"]})["liaisonPaths"]
    assert [[n["label"] for n in p["nodes"]] for p in found] == [
        ["Committee", "DeputyGroup", "Alliance", "Enterprise"]
    ]
    third = api(PATHS, {**ends, "links": ["LIAISES_WITH", "PARTNERS_WITH", "ALLIANCE_MEMBER"]})
    assert third["liaisonPaths"] == found
    assert api(PATHS, {**ends, "via": ["DEPUTY"]})["liaisonPaths"] == []
    body = api.post(PATHS, {**ends, "k": 11}).json()
    assert (error_of(body)["code"], error_of(body)["field"]) == ("INVALID", "k")
    body = api.post(PATHS, {**ends, "via": ["CONGRESS"]}).json()
    assert "CONGRESS" in body["errors"][0]["message"]  # not a kind a path passes
