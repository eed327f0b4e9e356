"""The liaison mutations through the real HTTP app: every create, update, delete, link and unlink
on the happy path, and the bad inputs of issue 2, each leaving the database unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver
from strawberry import relay

from graph.kernel.model import LIAISON_LABELS, uscc_check_char
from tests.conftest import GraphQLClient
from tests.digest import graph_digest

ERRORS = "errors { code field message messageZh messageEn ids }"

CREATE_CONGRESS = f"""
mutation ($input: CreateCongressInput!) {{
  createCongress(input: $input) {{ congress {{ id name level region }} {ERRORS} }}
}}"""
CREATE_COMMITTEE = f"""
mutation ($input: CreateCommitteeInput!) {{
  createCommittee(input: $input) {{ committee {{ id name kind congress {{ name }} }} {ERRORS} }}
}}"""
CREATE_DEPUTY_GROUP = f"""
mutation ($input: CreateDeputyGroupInput!) {{
  createDeputyGroup(input: $input) {{ deputyGroup {{ id name description }} {ERRORS} }}
}}"""
CREATE_ALLIANCE = f"""
mutation ($input: CreateAllianceInput!) {{
  createAlliance(input: $input) {{ alliance {{ id name scope }} {ERRORS} }}
}}"""
CREATE_INDUSTRY = f"""
mutation ($input: CreateIndustryInput!) {{
  createIndustry(input: $input) {{ industry {{ id code name parent {{ code }} }} {ERRORS} }}
}}"""
CREATE_DEPUTY = f"""
mutation ($input: CreateDeputyInput!) {{
  createDeputy(input: $input) {{
    deputy {{ id name category congresses {{ edges {{ since node {{ name }} }} }} }} {ERRORS}
  }}
}}"""
CREATE_ENTERPRISE = f"""
mutation ($input: CreateEnterpriseInput!) {{
  createEnterprise(input: $input) {{ enterprise {{ id name uscc town }} {ERRORS} }}
}}"""


def field_of(label: str) -> str:
    """Where a payload puts its object: the type's name in camelCase (the payload rule)."""
    return label[0].lower() + label[1:]


UPDATE = {
    name: f"""
mutation ($input: Update{name}Input!) {{
  update{name}(input: $input) {{ {field_of(name)} {{ id name }} {ERRORS} }}
}}"""
    for name in LIAISON_LABELS
}

DELETE = {
    name: f"""
mutation ($id: ID!, $cascade: Boolean! = false) {{
  delete{name}(id: $id, cascade: $cascade) {{ deletedId {ERRORS} }}
}}"""
    for name in UPDATE
}

LINK = """
mutation (%(vars)s) {
  %(name)s(%(args)s) {
    source { id } target { id }
    errors { code field message messageZh messageEn ids }
  }
}"""


def link_operation(name: str, *args: str, role: bool = False) -> str:
    extra = ["$role: MemberRole!"] if role else []
    return LINK % {
        "name": name,
        "vars": ", ".join([*(f"${a}: ID!" for a in args), *extra]),
        "args": ", ".join([*(f"{a}: ${a}" for a in args), *(["role: $role"] if role else [])]),
    }


LINK_COMMITTEE_TO_GROUP = link_operation("linkCommitteeToGroup", "committeeId", "groupId")
UNLINK_COMMITTEE_FROM_GROUP = link_operation("unlinkCommitteeFromGroup", "committeeId", "groupId")
LINK_GROUP_TO_ALLIANCE = link_operation("linkGroupToAlliance", "groupId", "allianceId")
UNLINK_GROUP_FROM_ALLIANCE = link_operation("unlinkGroupFromAlliance", "groupId", "allianceId")
ADD_GROUP_MEMBER = link_operation("addGroupMember", "groupId", "deputyId", role=True)
REMOVE_GROUP_MEMBER = link_operation("removeGroupMember", "groupId", "deputyId")
SET_GROUP_MEMBER_ROLE = link_operation("setGroupMemberRole", "groupId", "deputyId", role=True)
ADD_COMMITTEE_MEMBER = link_operation("addCommitteeMember", "committeeId", "deputyId")
REMOVE_COMMITTEE_MEMBER = link_operation("removeCommitteeMember", "committeeId", "deputyId")
LINK_DEPUTY_TO_EMPLOYER = link_operation("linkDeputyToEmployer", "deputyId", "enterpriseId")
UNLINK_DEPUTY_FROM_EMPLOYER = link_operation("unlinkDeputyFromEmployer", "deputyId", "enterpriseId")
ADD_ALLIANCE_MEMBER = link_operation("addAllianceMember", "allianceId", "enterpriseId")
REMOVE_ALLIANCE_MEMBER = link_operation("removeAllianceMember", "allianceId", "enterpriseId")
LINK_TO_INDUSTRY = link_operation("linkToIndustry", "id", "industryId")
UNLINK_FROM_INDUSTRY = link_operation("unlinkFromIndustry", "id", "industryId")
LINK_INDUSTRY_TO_PARENT = link_operation("linkIndustryToParent", "industryId", "parentId")
UNLINK_INDUSTRY_FROM_PARENT = link_operation("unlinkIndustryFromParent", "industryId", "parentId")
LINK_DEPUTY_CONTACT = link_operation("linkDeputyContact", "deputyId", "contactId")
UNLINK_DEPUTY_CONTACT = link_operation("unlinkDeputyContact", "deputyId", "contactId")
ADD_DEPUTY_TO_CONGRESS = link_operation("addDeputyToCongress", "deputyId", "congressId")
REMOVE_DEPUTY_FROM_CONGRESS = link_operation("removeDeputyFromCongress", "deputyId", "congressId")

GROUP = """
query ($id: ID!) { node(id: $id) { ... on DeputyGroup {
  committees { totalCount } alliances { totalCount } members { edges { role } }
  industries { totalCount } } } }
"""

USCC = "91370782MA3C12345" + uscc_check_char("91370782MA3C12345")
WRONG_USCC = USCC[:17] + ("0" if USCC[17] != "0" else "1")


def gid(label: str, node_id: str) -> str:
    return str(relay.GlobalID(type_name=label, node_id=node_id))


def ok(api: GraphQLClient, operation: str, **variables: Any) -> dict[str, Any]:
    """Run a mutation that must succeed; return its payload."""
    payload: dict[str, Any] = next(iter(api(operation, variables).values()))
    assert payload["errors"] == [], payload["errors"]
    return payload


class Refused:
    """`refused(operation, **variables)`: the payload's one error; the graph is unchanged."""

    def __init__(self, api: GraphQLClient, driver: Driver) -> None:
        self.api = api
        self.driver = driver

    def __call__(self, operation: str, **variables: Any) -> dict[str, Any]:
        before = graph_digest(self.driver)
        payload = next(iter(self.api(operation, variables).values()))
        assert graph_digest(self.driver) == before
        assert len(payload["errors"]) == 1, payload
        assert all(v is None for k, v in payload.items() if k != "errors"), payload
        error: dict[str, Any] = payload["errors"][0]
        assert error["message"] == f"{error['messageZh']} / {error['messageEn']}"
        return error


@pytest.fixture
def refused(api: GraphQLClient, clean_graph: Driver) -> Refused:
    return Refused(api, clean_graph)


@pytest.fixture
def world(api: GraphQLClient) -> dict[str, str]:
    """One of each type, created through the API; global ids by name."""
    congress = ok(api, CREATE_CONGRESS, input={"name": "诸城市人民代表大会", "level": "COUNTY"})
    k = congress["congress"]["id"]
    ids = {"congress": k}
    ids["committee"] = ok(api, CREATE_COMMITTEE, input={"congressId": k, "name": "财政经济委员会"})[
        "committee"
    ]["id"]
    ids["group"] = ok(
        api, CREATE_DEPUTY_GROUP, input={"congressId": k, "name": "预制菜专业代表小组"}
    )["deputyGroup"]["id"]
    ids["alliance"] = ok(api, CREATE_ALLIANCE, input={"name": "山东预制菜产业联盟"})["alliance"][
        "id"
    ]
    ids["manufacturing"] = ok(api, CREATE_INDUSTRY, input={"code": "C", "name": "制造业"})[
        "industry"
    ]["id"]
    ids["industry"] = ok(
        api, CREATE_INDUSTRY, input={"code": "C14", "name": "食品制造业", "parentCode": "C"}
    )["industry"]["id"]
    for key, name in (("deputy", "郑思敏"), ("other", "李盛林")):
        ids[key] = ok(api, CREATE_DEPUTY, input={"congressId": k, "name": name})["deputy"]["id"]
    ids["enterprise"] = ok(
        api, CREATE_ENTERPRISE, input={"name": "得利斯食品有限公司", "uscc": USCC}
    )["enterprise"]["id"]
    return ids


# --- create, update, delete: the happy path --------------------------------------------------


def test_create_returns_the_new_objects(api: GraphQLClient) -> None:
    congress = ok(
        api, CREATE_CONGRESS, input={"name": "诸城市人大", "level": "COUNTY", "region": "诸城市"}
    )["congress"]
    assert (congress["name"], congress["level"], congress["region"]) == (
        "诸城市人大",
        "COUNTY",
        "诸城市",
    )
    committee = ok(
        api, CREATE_COMMITTEE, input={"congressId": congress["id"], "name": "财政经济委员会"}
    )["committee"]
    assert (committee["kind"], committee["congress"]) == ("SPECIAL", {"name": "诸城市人大"})
    deputy = ok(
        api,
        CREATE_DEPUTY,
        input={
            "congressId": congress["id"],
            "name": "郑洪霞",
            "category": "ENTERPRISE",
            "since": "2021-12-01",
        },
    )["deputy"]
    assert deputy["congresses"]["edges"] == [
        {"since": "2021-12-01", "node": {"name": "诸城市人大"}}
    ]
    industry = ok(api, CREATE_INDUSTRY, input={"code": "c36", "name": "汽车制造业"})["industry"]
    assert (industry["id"], industry["code"]) == (gid("Industry", "C36"), "C36")
    enterprise = ok(
        api, CREATE_ENTERPRISE, input={"name": "某公司", "uscc": USCC, "town": "龙都街道"}
    )["enterprise"]
    assert (enterprise["uscc"], enterprise["town"]) == (USCC, "龙都街道")
    group = ok(
        api,
        CREATE_DEPUTY_GROUP,
        input={"congressId": congress["id"], "name": "茶产业专业代表小组", "description": "茶"},
    )["deputyGroup"]
    assert group["description"] == "茶"
    assert (
        ok(api, CREATE_ALLIANCE, input={"name": "茶产业联盟", "scope": "山东"})["alliance"]["scope"]
        == "山东"
    )


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("Congress", "congress"),
        ("Committee", "committee"),
        ("DeputyGroup", "group"),
        ("Alliance", "alliance"),
        ("Industry", "industry"),
        ("Deputy", "deputy"),
        ("Enterprise", "enterprise"),
    ],
)
def test_update_renames_each_type(
    api: GraphQLClient, world: dict[str, str], kind: str, key: str
) -> None:
    result = ok(api, UPDATE[kind], input={"id": world[key], "name": "新名称"})[field_of(kind)]
    assert result == {"id": world[key], "name": "新名称"}


def test_delete_each_type(api: GraphQLClient, world: dict[str, str]) -> None:
    # Leaves first; a node's own placement (congress, parent industry) does not hold it.
    for kind, key in [
        ("Committee", "committee"),
        ("DeputyGroup", "group"),
        ("Alliance", "alliance"),
        ("Industry", "industry"),
        ("Deputy", "deputy"),
        ("Deputy", "other"),
        ("Enterprise", "enterprise"),
        ("Industry", "manufacturing"),
        ("Congress", "congress"),
    ]:
        assert ok(api, DELETE[kind], id=world[key])["deletedId"] == world[key]


# --- links: the happy path -------------------------------------------------------------------

LINK_PAIRS = [
    (
        LINK_COMMITTEE_TO_GROUP,
        UNLINK_COMMITTEE_FROM_GROUP,
        {"committeeId": "committee", "groupId": "group"},
    ),
    (
        LINK_GROUP_TO_ALLIANCE,
        UNLINK_GROUP_FROM_ALLIANCE,
        {"groupId": "group", "allianceId": "alliance"},
    ),
    (ADD_GROUP_MEMBER, REMOVE_GROUP_MEMBER, {"groupId": "group", "deputyId": "deputy"}),
    (
        ADD_COMMITTEE_MEMBER,
        REMOVE_COMMITTEE_MEMBER,
        {"committeeId": "committee", "deputyId": "deputy"},
    ),
    (
        LINK_DEPUTY_TO_EMPLOYER,
        UNLINK_DEPUTY_FROM_EMPLOYER,
        {"deputyId": "deputy", "enterpriseId": "enterprise"},
    ),
    (
        ADD_ALLIANCE_MEMBER,
        REMOVE_ALLIANCE_MEMBER,
        {"allianceId": "alliance", "enterpriseId": "enterprise"},
    ),
    (LINK_TO_INDUSTRY, UNLINK_FROM_INDUSTRY, {"id": "group", "industryId": "industry"}),
    (
        LINK_INDUSTRY_TO_PARENT,
        UNLINK_INDUSTRY_FROM_PARENT,
        {"industryId": "manufacturing", "parentId": "industry"},
    ),
    (LINK_DEPUTY_CONTACT, UNLINK_DEPUTY_CONTACT, {"deputyId": "deputy", "contactId": "other"}),
    (
        ADD_DEPUTY_TO_CONGRESS,
        REMOVE_DEPUTY_FROM_CONGRESS,
        {"deputyId": "deputy", "congressId": "congress"},
    ),
]


@pytest.mark.parametrize(("link", "unlink", "args"), LINK_PAIRS)
def test_link_then_unlink(
    api: GraphQLClient,
    world: dict[str, str],
    clean_graph: Driver,
    link: str,
    unlink: str,
    args: dict[str, str],
) -> None:
    variables: dict[str, Any] = {arg: world[key] for arg, key in args.items()}
    if "$role" in link:
        variables["role"] = "CONVENER"
    if link is LINK_INDUSTRY_TO_PARENT:  # C is the root; move C14 under a new root first
        ok(
            api,
            UNLINK_INDUSTRY_FROM_PARENT,
            industryId=world["industry"],
            parentId=world["manufacturing"],
        )
    if link is ADD_DEPUTY_TO_CONGRESS:  # seat the deputy in a second congress
        other = ok(api, CREATE_CONGRESS, input={"name": "潍坊市人大", "level": "CITY"})
        variables["congressId"] = other["congress"]["id"]
    before = graph_digest(clean_graph)
    linked = ok(api, link, **variables)
    assert {linked["source"]["id"], linked["target"]["id"]} == set(variables.values()) - {
        "CONVENER"
    }
    assert graph_digest(clean_graph)[1] == before[1] + 1
    unlinked = ok(api, unlink, **{k: v for k, v in variables.items() if k != "role"})
    assert unlinked["source"] == linked["source"]
    assert graph_digest(clean_graph) == before


def test_links_show_on_both_ends(api: GraphQLClient, world: dict[str, str]) -> None:
    ok(api, LINK_COMMITTEE_TO_GROUP, committeeId=world["committee"], groupId=world["group"])
    ok(api, LINK_GROUP_TO_ALLIANCE, groupId=world["group"], allianceId=world["alliance"])
    ok(api, ADD_GROUP_MEMBER, groupId=world["group"], deputyId=world["deputy"], role="CONVENER")
    ok(api, ADD_GROUP_MEMBER, groupId=world["group"], deputyId=world["other"], role="MEMBER")
    ok(api, LINK_TO_INDUSTRY, id=world["group"], industryId=world["industry"])
    group = api(GROUP, {"id": world["group"]})["node"]
    assert group["committees"]["totalCount"] == group["alliances"]["totalCount"] == 1
    assert sorted(e["role"] for e in group["members"]["edges"]) == ["CONVENER", "MEMBER"]
    assert group["industries"]["totalCount"] == 1


# --- bad input -------------------------------------------------------------------------------


def test_unknown_ids_are_not_found_naming_the_field(
    api: GraphQLClient, world: dict[str, str], refused: Refused
) -> None:
    missing = gid("DeputyGroup", "no-such-group")
    error = refused(LINK_COMMITTEE_TO_GROUP, committeeId=world["committee"], groupId=missing)
    assert (error["code"], error["field"], error["ids"]) == (
        "NOT_FOUND",
        "groupId",
        ["no-such-group"],
    )
    error = refused(UPDATE["Alliance"], input={"id": gid("Alliance", "nope"), "name": "x"})
    assert (error["code"], error["field"]) == ("NOT_FOUND", "input.id")
    error = refused(DELETE["Alliance"], id=gid("Alliance", "nope"))
    assert (error["code"], error["field"]) == ("NOT_FOUND", "id")
    error = refused(CREATE_COMMITTEE, input={"congressId": gid("Congress", "nope"), "name": "x"})
    assert (error["code"], error["field"]) == ("NOT_FOUND", "input.congressId")


def test_wrong_type_ids_are_invalid_naming_the_field(
    api: GraphQLClient, world: dict[str, str], refused: Refused
) -> None:
    error = refused(
        LINK_COMMITTEE_TO_GROUP, committeeId=world["committee"], groupId=world["committee"]
    )
    assert (error["code"], error["field"]) == ("INVALID", "groupId")
    assert "DeputyGroup" in error["messageEn"] and "Committee" in error["messageEn"]
    error = refused(CREATE_COMMITTEE, input={"congressId": world["group"], "name": "x"})
    assert (error["code"], error["field"]) == ("INVALID", "input.congressId")
    error = refused(DELETE["Congress"], id=world["alliance"])
    assert (error["code"], error["field"]) == ("INVALID", "id")
    error = refused(LINK_TO_INDUSTRY, id=world["deputy"], industryId=world["industry"])
    assert (error["code"], error["field"]) == ("INVALID", "id")


@pytest.mark.parametrize("bad", ["not-a-global-id", "", "RGVwdXR5R3JvdXA=", "%%%"])
def test_malformed_ids_are_invalid_naming_the_field(
    api: GraphQLClient, world: dict[str, str], refused: Refused, bad: str
) -> None:
    error = refused(LINK_GROUP_TO_ALLIANCE, groupId=world["group"], allianceId=bad)
    assert (error["code"], error["field"]) == ("INVALID", "allianceId")
    error = refused(UPDATE["Deputy"], input={"id": bad, "name": "x"})
    assert (error["code"], error["field"]) == ("INVALID", "input.id")


@pytest.mark.parametrize("name", ["", "   ", "\u3000", "名" * 201])
def test_empty_and_over_long_names_are_invalid(
    api: GraphQLClient, world: dict[str, str], refused: Refused, name: str
) -> None:
    error = refused(CREATE_ALLIANCE, input={"name": name})
    assert (error["code"], error["field"]) == ("INVALID", "input.name")
    error = refused(UPDATE["Committee"], input={"id": world["committee"], "name": name})
    assert (error["code"], error["field"]) == ("INVALID", "input.name")


def test_a_name_of_200_characters_is_fine(api: GraphQLClient) -> None:
    assert ok(api, CREATE_ALLIANCE, input={"name": "名" * 200})["alliance"]["name"] == "名" * 200


def test_a_uscc_with_a_wrong_check_digit_is_invalid(
    api: GraphQLClient, world: dict[str, str], refused: Refused
) -> None:
    error = refused(CREATE_ENTERPRISE, input={"name": "某公司", "uscc": WRONG_USCC})
    assert (error["code"], error["field"]) == ("INVALID", "input.uscc")
    assert "check" in error["messageEn"] and "统一社会信用代码" in error["messageZh"]
    error = refused(UPDATE["Enterprise"], input={"id": world["enterprise"], "uscc": WRONG_USCC})
    assert error["field"] == "input.uscc"


def test_duplicates_are_refused(
    api: GraphQLClient, world: dict[str, str], refused: Refused
) -> None:
    ok(api, LINK_GROUP_TO_ALLIANCE, groupId=world["group"], allianceId=world["alliance"])
    error = refused(LINK_GROUP_TO_ALLIANCE, groupId=world["group"], allianceId=world["alliance"])
    assert (error["code"], error["field"]) == ("DUPLICATE", "allianceId")
    error = refused(
        CREATE_COMMITTEE, input={"congressId": world["congress"], "name": "财政经济委员会"}
    )
    assert (error["code"], error["field"]) == ("DUPLICATE", "input.name")
    error = refused(CREATE_ENTERPRISE, input={"name": "另一家公司", "uscc": USCC})
    assert error["code"] == "DUPLICATE"


def test_link_rules_are_conflicts(
    api: GraphQLClient, world: dict[str, str], refused: Refused
) -> None:
    ok(api, ADD_GROUP_MEMBER, groupId=world["group"], deputyId=world["deputy"], role="CONVENER")
    error = refused(
        ADD_GROUP_MEMBER, groupId=world["group"], deputyId=world["other"], role="CONVENER"
    )
    assert (error["code"], error["field"]) == ("CONFLICT", "role")
    assert "郑思敏" in error["messageZh"]
    error = refused(LINK_DEPUTY_CONTACT, deputyId=world["deputy"], contactId=world["deputy"])
    assert (error["code"], error["field"]) == ("INVALID", "contactId")
    error = refused(
        LINK_INDUSTRY_TO_PARENT, industryId=world["manufacturing"], parentId=world["industry"]
    )
    assert (error["code"], error["field"]) == ("INVALID", "parentId")
    error = refused(
        UNLINK_GROUP_FROM_ALLIANCE, groupId=world["group"], allianceId=world["alliance"]
    )
    assert error["code"] == "NOT_FOUND"


def test_delete_of_a_held_node_says_what_holds_it(
    api: GraphQLClient, world: dict[str, str], refused: Refused, clean_graph: Driver
) -> None:
    ok(api, LINK_COMMITTEE_TO_GROUP, committeeId=world["committee"], groupId=world["group"])
    ok(api, ADD_GROUP_MEMBER, groupId=world["group"], deputyId=world["deputy"], role="MEMBER")
    error = refused(DELETE["DeputyGroup"], id=world["group"])
    assert (error["code"], error["field"]) == ("CONFLICT", "id")
    assert "1 Committee via LIAISES_WITH" in error["messageEn"]
    assert "1 Deputy via MEMBER_OF" in error["messageEn"]
    assert "专门委员会" in error["messageZh"] and "cascade" in error["messageEn"]
    error = refused(DELETE["Congress"], id=world["congress"])
    assert "Committee via COMMITTEE_OF" in error["messageEn"]

    before = graph_digest(clean_graph)
    assert ok(api, DELETE["DeputyGroup"], id=world["group"], cascade=True)["deletedId"]
    after = graph_digest(clean_graph)
    assert after[0] == before[0] - 1  # only the group itself
    assert api(GROUP, {"id": world["group"]})["node"] is None


def test_first_over_100_is_an_error(api: GraphQLClient, clean_graph: Driver) -> None:
    before = graph_digest(clean_graph)
    body = api.post("{ alliances(first: 101) { totalCount } }").json()
    assert body["errors"][0]["extensions"]["code"] == "INVALID"
    assert body["errors"][0]["extensions"]["field"] == "first"
    assert graph_digest(clean_graph) == before


@pytest.fixture
def hostile() -> Iterator[list[str]]:
    yield ["') DETACH DELETE n //", "{{7*7}}", "<script>alert(1)</script>", "$name ${x} %s"]


def test_hostile_text_is_stored_verbatim(
    api: GraphQLClient, world: dict[str, str], clean_graph: Driver, hostile: list[str]
) -> None:
    for text in hostile:
        before = graph_digest(clean_graph)[0]
        created = ok(api, CREATE_ALLIANCE, input={"name": text, "scope": text})["alliance"]
        assert (created["name"], created["scope"]) == (text, text)
        assert graph_digest(clean_graph)[0] == before + 1
        fetched = api(
            "query ($id: ID!) { node(id: $id) { ... on Alliance { name scope } } }",
            {"id": created["id"]},
        )["node"]
        assert fetched == {"name": text, "scope": text}
    found = api("query ($t: String!) { search(text: $t) { totalCount } }", {"t": "DETACH DELETE"})[
        "search"
    ]
    assert found["totalCount"] == 1


def test_a_member_can_be_made_convener_once_the_seat_is_free(
    api: GraphQLClient, world: dict[str, str], refused: Refused
) -> None:
    g, old, new = world["group"], world["deputy"], world["other"]
    ok(api, ADD_GROUP_MEMBER, groupId=g, deputyId=old, role="CONVENER")
    ok(api, ADD_GROUP_MEMBER, groupId=g, deputyId=new, role="MEMBER")
    error = refused(SET_GROUP_MEMBER_ROLE, groupId=g, deputyId=new, role="CONVENER")
    assert (error["code"], error["field"]) == ("CONFLICT", "role")
    ok(api, SET_GROUP_MEMBER_ROLE, groupId=g, deputyId=old, role="MEMBER")
    ok(api, SET_GROUP_MEMBER_ROLE, groupId=g, deputyId=new, role="CONVENER")
    convener = api(
        "query ($id: ID!) { node(id: $id) { ... on DeputyGroup { convener { name } } } }",
        {"id": g},
    )
    assert convener["node"]["convener"]["name"] == "李盛林"
    ok(api, REMOVE_GROUP_MEMBER, groupId=g, deputyId=old)
    error = refused(SET_GROUP_MEMBER_ROLE, groupId=g, deputyId=old, role="MEMBER")
    assert (error["code"], error["field"]) == ("NOT_FOUND", "deputyId")


def test_a_seat_takes_its_congress_level(api: GraphQLClient, world: dict[str, str]) -> None:
    province = ok(api, CREATE_CONGRESS, input={"name": "山东省人民代表大会", "level": "PROVINCIAL"})
    ok(api, ADD_DEPUTY_TO_CONGRESS, deputyId=world["deputy"], congressId=province["congress"]["id"])
    seats = api(
        "query ($id: ID!) { node(id: $id) { ... on Deputy { congresses { edges { level "
        "node { name } } } } } }",
        {"id": world["deputy"]},
    )["node"]["congresses"]["edges"]
    assert {(e["node"]["name"], e["level"]) for e in seats} == {
        ("诸城市人民代表大会", "COUNTY"),
        ("山东省人民代表大会", "PROVINCIAL"),
    }


INDUSTRY_ALIASES = f"""
mutation ($input: CreateIndustryInput!) {{
  createIndustry(input: $input) {{ industry {{ id aliases }} {ERRORS} }}
}}"""
UPDATE_INDUSTRY_ALIASES = f"""
mutation ($input: UpdateIndustryInput!) {{
  updateIndustry(input: $input) {{ industry {{ aliases }} {ERRORS} }}
}}"""
FIND_INDUSTRY = """
query ($text: String!) {
  search(text: $text, types: [INDUSTRY]) { nodes { rank node { ... on Industry { code } } } }
}"""


def test_industry_aliases_are_cleaned_searched_and_replaced(api: GraphQLClient) -> None:
    created = api(
        INDUSTRY_ALIASES,
        {
            "input": {
                "code": "C1432",
                "name": "速冻食品制造",
                "aliases": [" 预制菜 ", "预制菜", "速冻"],
            }
        },
    )["createIndustry"]
    assert (created["errors"], created["industry"]["aliases"]) == ([], ["预制菜", "速冻"])
    found = api(FIND_INDUSTRY, {"text": "预制菜"})["search"]["nodes"]
    assert found == [{"rank": 3, "node": {"code": "C1432"}}]
    industry = created["industry"]["id"]
    blank = api(UPDATE_INDUSTRY_ALIASES, {"input": {"id": industry, "aliases": ["菜", " "]}})
    error = blank["updateIndustry"]["errors"][0]
    assert (error["code"], error["field"]) == ("INVALID", "input.aliases")
    cleared = api(UPDATE_INDUSTRY_ALIASES, {"input": {"id": industry, "aliases": []}})
    assert cleared["updateIndustry"]["industry"]["aliases"] == []
    assert api(FIND_INDUSTRY, {"text": "预制菜"})["search"]["nodes"] == []
