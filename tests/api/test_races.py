"""Check-then-write races: every create/link mutation, called N times at once over HTTP,
leaves what the same N calls leave one after another (issue 8).

The calls run truly in parallel: one app (real Neo4j behind it) driven in-process through
httpx over ASGI, all requests in flight together, each in its own session and transaction.
The list of mutations to cover is read from the schema, so a new create/link mutation without
a case here fails `test_every_create_or_link_mutation_has_a_race_case`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from neo4j import Driver
from strawberry import relay

from api.limits import Limits
from graph.kernel import nodes
from graph.kernel.db import Database
from graph.kernel.nodes import Link
from graph.kernel.settings import Settings
from graph.liaison import links
from graph.proposals import steps, units
from graph.receptions import campaigns, issue_steps, venues
from graph.receptions.issues import IssueInput, raise_issue
from graph.trips import plans
from schema.build import schema
from tests.conftest import make_token, running_app
from tests.liaison_world import uscc

N = 10
# Ten writers queue on one lock; on a busy machine that may take longer than the default
# request timeout, which is not what these tests are about.
LIMITS = Limits(rate=1e9, burst=10**9, request_timeout=120.0)
# What a write mutation's name starts with when it makes something new (a node or a link) or
# sets a role a rule is about; each such mutation needs a case below.
WRITE_PREFIXES = ("create", "link", "add", "submit", "set", "book")
# The handling steps whose rule is "at most once" (a return, the one extension, marking key
# supervision): each needs a case too.
ONCE_ONLY = frozenset(
    {
        "returnProposal",
        "extendProposalDue",
        "markKeySupervised",
        "confirmMonthlySummary",
        "escalateIssue",
    }
)
# What a refused call may answer with: a typed, expected failure, never an internal error.
EXPECTED_REFUSALS = {"DUPLICATE", "CONFLICT", "INVALID"}

World = dict[str, str]


def gid(label: str, node_id: str) -> str:
    return str(relay.GlobalID(type_name=label, node_id=node_id))


@dataclass(frozen=True)
class Race:
    """N parallel calls of `mutation`; `variables(world, i)` for call i; afterwards `effect`
    (Cypher returning `n`, parameters from the world) must be `expected`, and exactly
    `successes` calls must have succeeded (what the same calls one after another give)."""

    id: str
    mutation: str
    operation: str
    variables: Callable[[World, int], dict[str, Any]]
    effect: str
    expected: int
    successes: int = 1
    calls: int = N


def _op(mutation: str, signature: str, arguments: str) -> str:
    return f"mutation({signature}) {{ {mutation}({arguments}) {{ errors {{ code field }} }} }}"


def _link(mutation: str, a: str, b: str, extra: str = "", extra_sig: str = "") -> str:
    sig = f"$a: ID!, $b: ID!{extra_sig}"
    return _op(mutation, sig, f"{a}: $a, {b}: $b{extra}")


def _count_named(label: str) -> str:
    return f"MATCH (n:{label}) WHERE n.name = $name RETURN count(n) AS n"


def _count_rel(start: str, rel: str, end: str) -> str:
    return f"MATCH (:{start} {{id: $a}})-[r:{rel}]->(:{end} {{id: $b}}) RETURN count(r) AS n"


CREATE_INPUT = (
    "mutation($input: {kind}!) {{ {mutation}(input: $input) {{ errors {{ code field }} }} }}"
)


def _create(mutation: str, input_type: str) -> str:
    return CREATE_INPUT.format(kind=input_type, mutation=mutation)


RACES: tuple[Race, ...] = (
    Race(
        "createCongress-same-name",
        "createCongress",
        _create("createCongress", "CreateCongressInput"),
        lambda w, i: {"input": {"name": "临朐县人民代表大会", "level": "COUNTY"}},
        _count_named("Congress"),
        1,
    ),
    Race(
        "createCommittee-same-name",
        "createCommittee",
        _create("createCommittee", "CreateCommitteeInput"),
        lambda w, i: {
            "input": {"congressId": gid("Congress", w["congress"]), "name": "监察和司法委员会"}
        },
        _count_named("Committee"),
        1,
    ),
    Race(
        "createDeputyGroup-same-name",
        "createDeputyGroup",
        _create("createDeputyGroup", "CreateDeputyGroupInput"),
        lambda w, i: {
            "input": {"congressId": gid("Congress", w["congress"]), "name": "汽车专业代表小组"}
        },
        _count_named("DeputyGroup"),
        1,
    ),
    Race(
        "createAlliance-same-name",
        "createAlliance",
        _create("createAlliance", "CreateAllianceInput"),
        lambda w, i: {"input": {"name": "诸城汽车产业联盟"}},
        _count_named("Alliance"),
        1,
    ),
    Race(
        "createIndustry-same-code",
        "createIndustry",
        _create("createIndustry", "CreateIndustryInput"),
        lambda w, i: {"input": {"code": "C36", "name": "汽车制造业"}},
        "MATCH (n:Industry {code: 'C36'}) RETURN count(n) AS n",
        1,
    ),
    Race(
        "createIndustry-same-name",
        "createIndustry",
        _create("createIndustry", "CreateIndustryInput"),
        lambda w, i: {"input": {"code": f"C{40 + i}", "name": "仪器仪表制造业"}},
        _count_named("Industry"),
        1,
    ),
    # Deputies may share a name (two people called 王伟): N calls make N deputies.
    Race(
        "createDeputy-same-name",
        "createDeputy",
        _create("createDeputy", "CreateDeputyInput"),
        lambda w, i: {"input": {"congressId": gid("Congress", w["congress"]), "name": "王伟"}},
        "MATCH (n:Deputy {name: '王伟'})-[:DEPUTY_OF]->(:Congress {id: $congress}) "
        "RETURN count(n) AS n",
        N,
        successes=N,
    ),
    Race(
        "createEnterprise-same-name",
        "createEnterprise",
        _create("createEnterprise", "CreateEnterpriseInput"),
        lambda w, i: {"input": {"name": "诸城市义和车桥有限公司"}},
        _count_named("Enterprise"),
        1,
    ),
    Race(
        "createEnterprise-same-uscc",
        "createEnterprise",
        _create("createEnterprise", "CreateEnterpriseInput"),
        lambda w, i: {"input": {"name": f"车桥公司{i}", "uscc": uscc("91370782MA3C54321")}},
        "MATCH (n:Enterprise) WHERE n.uscc IS NOT NULL RETURN count(n) AS n",
        1,
    ),
    Race(
        "linkCommitteeToGroup-same",
        "linkCommitteeToGroup",
        _link("linkCommitteeToGroup", "committeeId", "groupId"),
        lambda w, i: {"a": gid("Committee", w["committee"]), "b": gid("DeputyGroup", w["group"])},
        _count_rel("Committee", "LIAISES_WITH", "DeputyGroup")
        .replace("$a", "$committee")
        .replace("$b", "$group"),
        1,
    ),
    Race(
        "linkGroupToAlliance-same",
        "linkGroupToAlliance",
        _link("linkGroupToAlliance", "groupId", "allianceId"),
        lambda w, i: {"a": gid("DeputyGroup", w["group"]), "b": gid("Alliance", w["alliance"])},
        "MATCH (:DeputyGroup {id: $group})-[r:PARTNERS_WITH]->(:Alliance {id: $alliance}) "
        "RETURN count(r) AS n",
        1,
    ),
    Race(
        "addGroupMember-same",
        "addGroupMember",
        _link("addGroupMember", "groupId", "deputyId"),
        lambda w, i: {"a": gid("DeputyGroup", w["group"]), "b": gid("Deputy", w["deputy0"])},
        "MATCH (:Deputy {id: $deputy0})-[r:MEMBER_OF]->(:DeputyGroup {id: $group}) "
        "RETURN count(r) AS n",
        1,
    ),
    Race(
        "addGroupMember-ten-conveners",
        "addGroupMember",
        _link("addGroupMember", "groupId", "deputyId", ", role: CONVENER"),
        lambda w, i: {"a": gid("DeputyGroup", w["group"]), "b": gid("Deputy", w[f"deputy{i}"])},
        "MATCH (:Deputy)-[r:MEMBER_OF {role: 'CONVENER'}]->(:DeputyGroup {id: $group}) "
        "RETURN count(r) AS n",
        1,
    ),
    Race(
        "setGroupMemberRole-ten-conveners",
        "setGroupMemberRole",
        _link("setGroupMemberRole", "groupId", "deputyId", ", role: CONVENER"),
        lambda w, i: {"a": gid("DeputyGroup", w["members"]), "b": gid("Deputy", w[f"deputy{i}"])},
        "MATCH (:Deputy)-[r:MEMBER_OF {role: 'CONVENER'}]->(:DeputyGroup {id: $members}) "
        "RETURN count(r) AS n",
        1,
    ),
    Race(
        "addCommitteeMember-same",
        "addCommitteeMember",
        _link("addCommitteeMember", "committeeId", "deputyId"),
        lambda w, i: {"a": gid("Committee", w["committee"]), "b": gid("Deputy", w["deputy0"])},
        "MATCH (:Deputy {id: $deputy0})-[r:SITS_ON]->(:Committee {id: $committee}) "
        "RETURN count(r) AS n",
        1,
    ),
    Race(
        "linkDeputyToEmployer-same",
        "linkDeputyToEmployer",
        _link("linkDeputyToEmployer", "deputyId", "enterpriseId"),
        lambda w, i: {"a": gid("Deputy", w["deputy0"]), "b": gid("Enterprise", w["enterprise0"])},
        "MATCH (:Deputy {id: $deputy0})-[r:WORKS_AT]->(:Enterprise) RETURN count(r) AS n",
        1,
    ),
    Race(
        "linkDeputyToEmployer-seven-employers",
        "linkDeputyToEmployer",
        _link("linkDeputyToEmployer", "deputyId", "enterpriseId"),
        lambda w, i: {
            "a": gid("Deputy", w["deputy0"]),
            "b": gid("Enterprise", w[f"enterprise{i}"]),
        },
        "MATCH (:Deputy {id: $deputy0})-[r:WORKS_AT]->(:Enterprise) RETURN count(r) AS n",
        1,
        calls=7,
    ),
    Race(
        "addAllianceMember-same",
        "addAllianceMember",
        _link("addAllianceMember", "allianceId", "enterpriseId"),
        lambda w, i: {
            "a": gid("Alliance", w["alliance"]),
            "b": gid("Enterprise", w["enterprise0"]),
        },
        "MATCH (:Enterprise {id: $enterprise0})-[r:MEMBER_OF]->(:Alliance {id: $alliance}) "
        "RETURN count(r) AS n",
        1,
    ),
    Race(
        "linkToIndustry-same",
        "linkToIndustry",
        _link("linkToIndustry", "id", "industryId"),
        lambda w, i: {"a": gid("DeputyGroup", w["group"]), "b": gid("Industry", w["industry0"])},
        "MATCH (:DeputyGroup {id: $group})-[r:IN_INDUSTRY]->(:Industry) RETURN count(r) AS n",
        1,
    ),
    Race(
        "linkIndustryToParent-same",
        "linkIndustryToParent",
        _link("linkIndustryToParent", "industryId", "parentId"),
        lambda w, i: {"a": gid("Industry", w["industry0"]), "b": gid("Industry", w["industry1"])},
        "MATCH (:Industry {id: $industry0})-[r:PART_OF]->(:Industry) RETURN count(r) AS n",
        1,
    ),
    # Crossed: industry i under industry i+1, round a ring. All at once they would close it;
    # one after another, the last one is refused (no cycle), so N-1 succeed and there is none.
    Race(
        "linkIndustryToParent-crossed-ring",
        "linkIndustryToParent",
        _link("linkIndustryToParent", "industryId", "parentId"),
        lambda w, i: {
            "a": gid("Industry", w[f"industry{i}"]),
            "b": gid("Industry", w[f"industry{(i + 1) % N}"]),
        },
        "MATCH p = (i:Industry)-[:PART_OF*1..]->(i) RETURN count(p) AS n",
        0,
        successes=N - 1,
    ),
    Race(
        "linkIndustryToParent-crossed-pair",
        "linkIndustryToParent",
        _link("linkIndustryToParent", "industryId", "parentId"),
        lambda w, i: {
            "a": gid("Industry", w[f"industry{i % 2}"]),
            "b": gid("Industry", w[f"industry{(i + 1) % 2}"]),
        },
        "MATCH (:Industry {id: $industry0})-[r:PART_OF]-(:Industry {id: $industry1}) "
        "RETURN count(r) AS n",
        1,
    ),
    Race(
        "linkDeputyContact-same",
        "linkDeputyContact",
        _link("linkDeputyContact", "deputyId", "contactId"),
        lambda w, i: {"a": gid("Deputy", w["deputy0"]), "b": gid("Deputy", w["deputy1"])},
        "MATCH (:Deputy {id: $deputy0})-[r:CONTACTS]-(:Deputy {id: $deputy1}) RETURN count(r) AS n",
        1,
    ),
    Race(
        "addDeputyToCongress-same",
        "addDeputyToCongress",
        _link("addDeputyToCongress", "deputyId", "congressId"),
        lambda w, i: {"a": gid("Deputy", w["deputy0"]), "b": gid("Congress", w["other"])},
        "MATCH (:Deputy {id: $deputy0})-[r:DEPUTY_OF]->(:Congress {id: $other}) "
        "RETURN count(r) AS n",
        1,
    ),
    # Trips may share a title and dates (no rule): N calls make N drafts.
    Race(
        "createActivity-same",
        "createActivity",
        _create("createActivity", "CreateActivityInput"),
        lambda w, i: {
            "input": {
                "kind": "INSPECTION",
                "title": "汽车产业集中视察",
                "start": "2024-05-06",
                "end": "2024-05-08",
            }
        },
        "MATCH (a:Activity {title: '汽车产业集中视察'}) RETURN count(a) AS n",
        N,
        successes=N,
    ),
    Race(
        "addParticipant-same",
        "addParticipant",
        _op("addParticipant", "$a: ID!, $b: ID!", "activityId: $a, deputyId: $b"),
        lambda w, i: {"a": gid("Activity", w["activity"]), "b": gid("Deputy", w["deputy0"])},
        "MATCH (:Deputy {id: $deputy0})-[r:TAKES_PART]->(:Activity {id: $activity}) "
        "RETURN count(r) AS n",
        1,
    ),
    Race(
        "addVisit-same",
        "addVisit",
        _op("addVisit", "$a: ID!, $b: ID!", "activityId: $a, enterpriseId: $b"),
        lambda w, i: {
            "a": gid("Activity", w["activity"]),
            "b": gid("Enterprise", w["enterprise0"]),
        },
        "MATCH (:Activity {id: $activity})-[r:VISITS]->(:Enterprise {id: $enterprise0}) "
        "RETURN count(r) AS n",
        1,
    ),
    Race(
        "submitProposal-same-deputy-title-day",
        "submitProposal",
        _create("submitProposal", "SubmitProposalInput"),
        lambda w, i: {
            "input": {
                "title": "关于支持汽车零部件企业技术改造的建议",
                "raisedById": gid("Deputy", w["deputy0"]),
                "raisedAt": "2024-03-01",
            }
        },
        "MATCH (:Deputy {id: $deputy0})-[:RAISED]->(p:Proposal) "
        "WHERE p.title = '关于支持汽车零部件企业技术改造的建议' RETURN count(p) AS n",
        1,
    ),
    # Each subscription gets its own key (no rule): N calls issue N keys, none is lost.
    Race(
        "createCalendarFeed-same",
        "createCalendarFeed",
        _op("createCalendarFeed", "$id: ID!", "kind: DEPUTY, id: $id"),
        lambda w, i: {"id": gid("Deputy", w["deputy0"])},
        "MATCH (f:CalendarFeed {kind: 'deputy', ownerId: $deputy0}) RETURN count(f) AS n",
        N,
        successes=N,
    ),
    # A joint suggestion: the same co-signer ten times is one co-signer (never a second lead).
    Race(
        "addCoSigner-same",
        "addCoSigner",
        _op("addCoSigner", "$a: ID!, $b: ID!", "id: $a, deputyId: $b"),
        lambda w, i: {"a": gid("Proposal", w["draft"]), "b": gid("Deputy", w["deputy1"])},
        "MATCH (:Deputy {id: $deputy1})-[r:RAISED {role: 'CO_SIGNER'}]->(:Proposal {id: $draft}) "
        "RETURN count(r) AS n",
        1,
    ),
    # Ten co-signers at once, each a different deputy: all join, and the lead stays the one.
    Race(
        "addCoSigner-many",
        "addCoSigner",
        _op("addCoSigner", "$a: ID!, $b: ID!", "id: $a, deputyId: $b"),
        lambda w, i: {"a": gid("Proposal", w["draft"]), "b": gid("Deputy", w[f"deputy{i}"])},
        "MATCH (:Deputy)-[r:RAISED]->(:Proposal {id: $draft}) "
        "RETURN count(CASE r.role WHEN 'LEAD' THEN 1 END) * 100 + count(r) AS n",
        100 + N,
        successes=N - 1,  # deputy0 leads it: refused as a co-signer
    ),
    Race(
        "returnProposal-twice",
        "returnProposal",
        _op("returnProposal", "$a: ID!", 'id: $a, reason: "不属本单位职责"'),
        lambda w, i: {"a": gid("Proposal", w["assigned"])},
        "MATCH (:Proposal {id: $assigned})-[:HAS_EVENT]->(e:ProposalEvent {action: 'RETURN'}) "
        "RETURN count(e) AS n",
        1,
    ),
    Race(
        "extendProposalDue-twice",
        "extendProposalDue",
        _op("extendProposalDue", "$a: ID!, $due: Date!", 'id: $a, due: $due, reason: "协调"'),
        lambda w, i: {
            "a": gid("Proposal", w["assigned"]),
            "due": (dt.date.today() + dt.timedelta(days=200 + i)).isoformat(),
        },
        "MATCH (:Proposal {id: $assigned})-[:HAS_EVENT]->(e:ProposalEvent {action: 'EXTEND_DUE'}) "
        "RETURN count(e) AS n",
        1,
    ),
    Race(
        "markKeySupervised-twice",
        "markKeySupervised",
        _op(
            "markKeySupervised",
            "$a: ID!, $c: ID!",
            'id: $a, committeeId: $c, leader: "常委会副主任"',
        ),
        lambda w, i: {"a": gid("Proposal", w["assigned"]), "c": gid("Committee", w["committee"])},
        "MATCH (:Proposal {id: $assigned})-[:HAS_EVENT]->(e:ProposalEvent {action: 'MARK_KEY'}) "
        "RETURN count(e) AS n",
        1,
    ),
    Race(
        "createUnit-same-name",
        "createUnit",
        _op("createUnit", "$name: String!", "name: $name, kind: GOVERNMENT"),
        lambda w, i: {"name": "诸城市工业和信息化局"},
        _count_named("Unit"),
        1,
    ),
    # Venue names are unique within a congress.
    Race(
        "createVenue-same-name",
        "createVenue",
        _create("createVenue", "CreateVenueInput"),
        lambda w, i: {
            "input": {
                "congressId": gid("Congress", w["congress"]),
                "name": "服务企业不打烊会客厅",
                "kind": "RECEPTION_ROOM",
                "roomKind": "TOPIC",
            }
        },
        _count_named("Venue"),
        1,
    ),
    # A venue holds one open reception per slot: ten at once for the same morning make one.
    Race(
        "createReception-same-slot",
        "createReception",
        _create("createReception", "CreateReceptionInput"),
        lambda w, i: {
            "input": {
                "venueId": gid("Venue", w["venue"]),
                "title": f"接待日{i}",
                "day": "2024-04-10",
                "slotStart": "09:00",
                "slotEnd": "11:00",
                "deputyIds": [gid("Deputy", w[f"deputy{i}"])],
            }
        },
        "MATCH (a:Activity {kind: 'RECEPTION'})-[:HELD_AT]->(:Venue {id: $venue}) "
        "RETURN count(a) AS n",
        1,
    ),
    # Ten people booking one slot at once: exactly one gets it (lock the venue, check, write).
    Race(
        "bookReception-same-slot",
        "bookReception",
        _create("bookReception", "BookReceptionInput"),
        lambda w, i: {
            "input": {
                "venueId": gid("Venue", w["venue"]),
                "day": "2024-04-10",
                "slotStart": "09:00",
                "slotEnd": "09:30",
                "channel": "ONLINE",
                "topic": "用地审批",
                "contact": {"name": f"群众{i}"},
            }
        },
        "MATCH (b:Booking)-[:BOOKED_AT]->(:Venue {id: $venue}) RETURN count(b) AS n",
        1,
    ),
    Race(
        "confirmMonthlySummary-twice",
        "confirmMonthlySummary",
        _op("confirmMonthlySummary", "$v: ID!", 'venueId: $v, month: "2024-04"'),
        lambda w, i: {"v": gid("Venue", w["venue"])},
        "MATCH (s:MonthlySummary {month: '2024-04'})-[:SUMMARY_OF]->(:Venue {id: $venue}) "
        "RETURN count(s) AS n",
        1,
    ),
    # Issues and campaigns (graph/receptions/): one campaign per congress, name and year; a
    # visit joins once; an issue becomes a suggestion once.
    Race(
        "createCampaign-same-name",
        "createCampaign",
        _create("createCampaign", "CreateCampaignInput"),
        lambda w, i: {
            "input": {
                "congressId": gid("Congress", w["congress"]),
                "name": "新春访代表·助企解难题",
                "year": 2026,
                "start": "2026-01-20",
                "end": "2026-03-31",
            }
        },
        "MATCH (n:Campaign) WHERE n.name = '新春访代表·助企解难题' RETURN count(n) AS n",
        1,
    ),
    Race(
        "addCampaignVisit-twice",
        "addCampaignVisit",
        _link("addCampaignVisit", "campaignId", "activityId"),
        lambda w, i: {"a": gid("Campaign", w["campaign"]), "b": gid("Activity", w["activity"])},
        "MATCH (:Activity {id: $activity})-[r:IN_CAMPAIGN]->(:Campaign) RETURN count(r) AS n",
        1,
    ),
    Race(
        "escalateIssue-twice",
        "escalateIssue",
        _op("escalateIssue", "$a: ID!", "id: $a"),
        lambda w, i: {"a": gid("Issue", w["issue"])},
        "MATCH (:Issue {id: $issue})-[r:ESCALATED_TO]->(:Proposal) "
        "RETURN count(r) * 100 + COUNT { (:Proposal {title: '企业用工难'}) } AS n",
        101,
    ),
)


def write_mutations() -> set[str]:
    mutation = schema._schema.mutation_type
    assert mutation is not None
    return {
        name for name in mutation.fields if name.startswith(WRITE_PREFIXES) or name in ONCE_ONLY
    }


def test_every_create_or_link_mutation_has_a_race_case() -> None:
    covered = {race.mutation for race in RACES}
    assert write_mutations() - covered == set(), "create/link mutations without a race case"
    assert covered - write_mutations() == set(), "race cases for mutations the schema lacks"
    assert len(write_mutations()) >= 20


async def build_world(db: Database) -> World:
    """Two congresses, a committee, two groups (the second with N members), an alliance,
    N deputies, N enterprises, N industries and a draft trip: the ends the races link."""

    async def make(label: str, name: str, *links: Link, **props: Any) -> str:
        node_id: str = (await nodes.create_node(db, label, {"name": name, **props}, links))["id"]
        return node_id

    w: World = {}
    w["congress"] = await make("Congress", "诸城市人民代表大会", level="COUNTY")
    w["other"] = await make("Congress", "潍坊市人民代表大会", level="CITY")
    in_congress = Link("COMMITTEE_OF", "Congress", w["congress"], "input.congressId")
    w["committee"] = await make("Committee", "财政经济委员会", in_congress, kind="SPECIAL")
    group_of = Link("GROUP_OF", "Congress", w["congress"], "input.congressId")
    w["group"] = await make("DeputyGroup", "预制菜专业代表小组", group_of)
    w["members"] = await make("DeputyGroup", "生物医药专业代表小组", group_of)
    w["alliance"] = await make("Alliance", "山东预制菜产业联盟")
    deputy_of = Link("DEPUTY_OF", "Congress", w["congress"], "input.congressId")
    for i in range(N):
        w[f"deputy{i}"] = await make("Deputy", f"代表{i:02d}", deputy_of)
        await links.link(
            db,
            links.LinkSpec(
                "GROUP_MEMBER", "Deputy", w[f"deputy{i}"], "DeputyGroup", w["members"],
                {"role": "MEMBER"},
            ),
        )  # fmt: skip
        w[f"enterprise{i}"] = await make("Enterprise", f"诸城企业{i:02d}")
        w[f"industry{i}"] = await make("Industry", f"行业{i:02d}", code=f"C{13 + i}")
    activity = (await plans.create_activity(
        db,
        plans.ActivityInput(
            kind="RESEARCH", title="预制菜产业调研",
            start=dt.date(2024, 4, 1), end=dt.date(2024, 4, 3),
        ),
    )).activity  # fmt: skip
    w["activity"] = activity["id"]
    # Suggestions: one still a draft (co-signers join it), one assigned today (returned,
    # extended, made key supervised).
    today = dt.date.today()
    draft = steps.SubmitInput("联名建议", "Deputy", w["deputy0"], today)
    w["draft"] = (await steps.submit_proposal(db, draft, "clerk"))["id"]
    raised = steps.SubmitInput("承办建议", "Deputy", w["deputy0"], today)
    w["assigned"] = (await steps.submit_proposal(db, raised, "clerk"))["id"]
    room = venues.VenueInput(
        name="马集镇人大代表会客厅", kind="RECEPTION_ROOM", room_kind="ORDINARY"
    )
    w["venue"] = (await venues.create_venue(db, w["congress"], room))["id"]
    await steps.register_proposal(db, w["assigned"], "clerk")
    unit = (await units.create_unit(db, "诸城市发展和改革局", "GOVERNMENT"))["id"]
    await steps.assign_proposal(
        db, w["assigned"], "clerk", lead_unit_id=unit, due=today + dt.timedelta(days=90), at=today
    )
    # A campaign a visit joins, and an issue collected on the trip, listed (it may escalate).
    new_campaign = campaigns.CampaignInput(
        w["congress"], "春风行动", 2026, dt.date(2026, 2, 1), dt.date(2026, 3, 1)
    )
    w["campaign"] = (await campaigns.create_campaign(db, new_campaign, "clerk"))["id"]
    issue = IssueInput(
        "企业用工难", "VISIT", activity_id=w["activity"], deputy_ids=[w["deputy0"], w["deputy1"]]
    )
    w["issue"] = (await raise_issue(db, issue, "clerk"))["id"]
    await issue_steps.list_issue(db, w["issue"], "clerk")
    return w


@pytest.fixture
async def client(
    db: Database, clean_graph: Driver, neo4j_settings: Settings
) -> AsyncIterator[httpx.AsyncClient]:
    token = make_token(clean_graph, neo4j_settings.database, "ADMIN")
    async with running_app(neo4j_settings, token, LIMITS) as http:
        yield http


@pytest.mark.parametrize("race", RACES, ids=lambda race: race.id)
async def test_parallel_calls_leave_the_effect_of_sequential_ones(
    race: Race, db: Database, client: httpx.AsyncClient
) -> None:
    world = await build_world(db)
    start = asyncio.Event()

    async def call(i: int) -> httpx.Response:
        await start.wait()
        body = {"query": race.operation, "variables": race.variables(world, i)}
        return await client.post("/graphql", json=body)

    tasks = [asyncio.create_task(call(i)) for i in range(race.calls)]
    await asyncio.sleep(0)
    start.set()
    responses = await asyncio.gather(*tasks)

    outcomes = []
    for response in responses:
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body["errors"]
        errors = body["data"][race.mutation]["errors"]
        assert {e["code"] for e in errors} <= EXPECTED_REFUSALS, errors
        outcomes.append(errors)
    successes = sum(1 for errors in outcomes if not errors)
    effect = (await db.read(race.effect, **world, name=_name_in(race, world)))[0]["n"]
    assert (successes, effect) == (race.successes, race.expected), (
        f"{race.id}: {race.calls} parallel calls gave successes={successes} effect={effect}, "
        f"one after another they give successes={race.successes} effect={race.expected}"
    )


def _name_in(race: Race, world: World) -> str | None:
    variables = race.variables(world, 0)
    if "input" in variables:
        name: str | None = variables["input"].get("name")
        return name
    return variables.get("name")
