"""One script that calls every mutation of the schema successfully, in an order that builds the
state each needs (create before update, link before unlink, the steps of a suggestion's loop).

Operations are generated from the schema (the arguments a step gives, and a selection of the
payload's ids and errors), so a step is just a name, its arguments and a handle for the id it
returns. `missing_mutations()` names the mutations no step calls: tests that walk the schema
fail on those, so a new mutation must be added here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
)

from schema import schema
from tests.conftest import GraphQLClient

MUTATIONS: dict[str, GraphQLField] = schema._schema.mutation_type.fields  # type: ignore[union-attr]

Ids = dict[str, str]


@dataclass(frozen=True)
class Step:
    name: str
    args: Callable[[Ids], dict[str, Any]]
    save: str | None = None  # handle for the id of the object the payload returns


def _unwrap(type_: Any) -> Any:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_


def _selection(name: str) -> str:
    """`errors {…}` and the id of each object (or the bare id) the payload returns."""
    payload = _unwrap(MUTATIONS[name].type)
    assert isinstance(payload, GraphQLObjectType), payload
    parts = []
    for field_name, field in payload.fields.items():
        inner = _unwrap(field.type)
        if field_name == "errors":
            parts.append("errors { code field message }")
        elif isinstance(inner, GraphQLScalarType):
            parts.append(field_name)
        elif not isinstance(field.type, GraphQLList) and "id" in getattr(inner, "fields", {}):
            parts.append(f"{field_name} {{ id }}")
    return " ".join(parts)


def operation(name: str, args: dict[str, Any]) -> str:
    """`mutation($a: T!) { name(a: $a) { …ids and errors } }` for the arguments given."""
    field = MUTATIONS[name]
    params = ", ".join(f"${a}: {field.args[a].type}" for a in args)
    passed = ", ".join(f"{a}: ${a}" for a in args)
    head = f"mutation({params})" if params else "mutation"
    call = f"{name}({passed})" if passed else name
    return f"{head} {{ {call} {{ {_selection(name)} }} }}"


def call(api: GraphQLClient, name: str, args: dict[str, Any]) -> dict[str, Any]:
    """The payload of one mutation (a GraphQL error fails the test)."""
    payload: dict[str, Any] = api(operation(name, args), args)[name]
    return payload


def returned_id(payload: dict[str, Any]) -> str | None:
    for key, value in payload.items():
        if key != "errors" and isinstance(value, dict) and "id" in value:
            found: str = value["id"]
            return found
    return None


def _args(**values: Any) -> Callable[[Ids], dict[str, Any]]:
    return lambda ids: {k: _resolve(v, ids) for k, v in values.items()}


def _ref(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("@")


def _resolve(value: Any, ids: Ids) -> Any:
    if _ref(value):
        return ids[value[1:]]
    if isinstance(value, list):
        return [_resolve(v, ids) for v in value]
    return value


def _in(**fields: Any) -> Callable[[Ids], dict[str, Any]]:
    return lambda ids: {"input": {k: _resolve(v, ids) for k, v in fields.items()}}


S = Step
# "@x" is the id saved under "x" by an earlier step.
SCRIPT: list[Step] = [
    # --- the liaison structure ---------------------------------------------------------------
    S("createCongress", _in(name="诸城市人民代表大会", level="COUNTY"), "congress"),
    S("createCongress", _in(name="潍坊市人民代表大会", level="CITY"), "congress2"),
    S("updateCongress", _in(id="@congress2", region="潍坊市")),
    S("createCommittee", _in(congressId="@congress", name="财政经济委员会"), "committee"),
    S("updateCommittee", _in(id="@committee", name="财政经济委员会（更名）")),
    S("createDeputyGroup", _in(congressId="@congress", name="汽车专业代表小组"), "group"),
    S("updateDeputyGroup", _in(id="@group", description="汽车产业")),
    S("createAlliance", _in(name="汽车产业联盟"), "alliance"),
    S("updateAlliance", _in(id="@alliance", scope="山东省")),
    S("createIndustry", _in(code="C", name="制造业"), "indC"),
    S("createIndustry", _in(code="C36", name="汽车制造业"), "indC36"),
    S("updateIndustry", _in(id="@indC36", name="汽车制造")),
    S("linkIndustryToParent", _args(industryId="@indC36", parentId="@indC")),
    S("createDeputy", _in(congressId="@congress", name="张召集", since="2022-01-01"), "d1"),
    S("createDeputy", _in(congressId="@congress", name="李成员"), "d2"),
    S("createDeputy", _in(congressId="@congress", name="王成员"), "d3"),
    S("updateDeputy", _in(id="@d1", expertise="汽车")),
    S("createEnterprise", _in(name="福瑞汽车零部件有限公司"), "ent"),
    S("createEnterprise", _in(name="宏泰车桥制造有限公司"), "ent2"),
    S("updateEnterprise", _in(id="@ent", town="经济开发区")),
    S(
        "linkCommitteeToGroup",
        _args(committeeId="@committee", groupId="@group", since="2023-01-01"),
    ),
    S("linkGroupToAlliance", _args(groupId="@group", allianceId="@alliance", since="2023-01-01")),
    S("addGroupMember", _args(groupId="@group", deputyId="@d1", role="MEMBER")),
    S("setGroupMemberRole", _args(groupId="@group", deputyId="@d1", role="CONVENER")),
    S("addCommitteeMember", _args(committeeId="@committee", deputyId="@d2")),
    S("linkDeputyToEmployer", _args(deputyId="@d3", enterpriseId="@ent2")),
    S("addAllianceMember", _args(allianceId="@alliance", enterpriseId="@ent", since="2023-01-01")),
    S("linkToIndustry", _args(id="@group", industryId="@indC36")),
    S("linkDeputyContact", _args(deputyId="@d1", contactId="@d2")),
    S("addDeputyToCongress", _args(deputyId="@d1", congressId="@congress2", since="2022-01-01")),
    # --- a trip through its whole life, and one cancelled ------------------------------------
    S(
        "createActivity",
        _in(
            kind="INSPECTION",
            title="汽车零部件产业视察",
            start="2024-05-06",
            end="2024-05-08",
            committeeIds=["@committee"],
            groupIds=["@group"],
        ),
        "activity",
    ),
    S("updateActivity", _in(id="@activity", topic="汽车产业链")),
    S("addParticipant", _args(activityId="@activity", deputyId="@d1")),
    S("addParticipant", _args(activityId="@activity", deputyId="@d2")),
    S("addParticipant", _args(activityId="@activity", deputyId="@d3")),
    S("removeParticipant", _args(activityId="@activity", deputyId="@d3")),
    S("addVisit", _args(activityId="@activity", enterpriseId="@ent", day="2024-05-07")),
    S("addVisit", _args(activityId="@activity", enterpriseId="@ent2", day="2024-05-06")),
    S("moveVisit", _args(activityId="@activity", enterpriseId="@ent", day="2024-05-08")),
    S("removeVisit", _args(activityId="@activity", enterpriseId="@ent2")),
    S("scheduleActivity", _args(activityId="@activity")),
    S("startActivity", _args(activityId="@activity")),
    S("completeActivity", _args(activityId="@activity", summary="形成调研报告")),
    S(
        "createActivity",
        _in(kind="RESEARCH", title="预制菜调研", start="2024-06-03", end="2024-06-04"),
        "activity2",
    ),
    S("cancelActivity", _args(activityId="@activity2")),
    # --- a calendar subscription, issued and revoked ------------------------------------------
    S("createCalendarFeed", _args(kind="DEPUTY", id="@d1"), "feed"),
    S("revokeCalendarFeed", _args(id="@feed")),
    # --- a venue, a reception held there, its bookings, a walk-in, the month's summary -------
    S(
        "createVenue",
        _in(
            congressId="@congress",
            name="马集镇人大代表会客厅",
            kind="RECEPTION_ROOM",
            roomKind="ORDINARY",
            township="马集镇",
            latitude=32.4,
            longitude=119.1,
        ),
        "venue",
    ),
    S("updateVenue", _in(id="@venue", address="马集镇人民政府一楼")),
    S("staffVenue", _args(venueId="@venue", deputyId="@d1", since="2024-01-01")),
    S("staffVenue", _args(venueId="@venue", deputyId="@d2")),
    S("unstaffVenue", _args(venueId="@venue", deputyId="@d2")),
    S(
        "createReception",
        _in(
            venueId="@venue",
            title="土地流转专题接待",
            day="2024-05-20",
            slotStart="09:00",
            slotEnd="11:00",
            theme="土地流转",
            deputyIds=["@d1", "@d2"],
        ),
        "reception",
    ),
    S("updateReception", _in(id="@reception", host="马集镇人大", audience="种植大户")),
    S(
        "bookReception",
        _in(
            venueId="@venue",
            day="2024-05-20",
            slotStart="09:00",
            slotEnd="09:30",
            channel="ONLINE",
            topic="土地流转合同到期",
            contact={"name": "陈某", "phone": "13812345678"},
            receptionId="@reception",
        ),
        "booking",
    ),
    S("confirmBooking", _args(id="@booking")),
    S("markBookingAttended", _args(id="@booking")),
    S(
        "bookReception",
        _in(
            venueId="@venue",
            day="2024-05-20",
            slotStart="09:30",
            slotEnd="10:00",
            channel="OFFLINE",
            topic="用地审批",
            contact={"name": "周某"},
        ),
        "booking2",
    ),
    S("confirmBooking", _args(id="@booking2", receptionId="@reception")),
    S("markBookingNoShow", _args(id="@booking2")),
    S(
        "bookReception",
        _in(
            venueId="@venue",
            day="2024-05-20",
            slotStart="10:00",
            slotEnd="10:30",
            channel="ONLINE",
            topic="改期",
            contact={"name": "吴某"},
        ),
        "booking3",
    ),
    S("cancelBooking", _args(id="@booking3", reason="改期")),
    S("scheduleActivity", _args(activityId="@reception")),
    S("startActivity", _args(activityId="@reception")),
    S("completeActivity", _args(activityId="@reception", summary="接待群众 3 人")),
    S(
        "recordWalkIn",
        _in(receptionId="@reception", topic="黑莓种植用地", contact={"name": "郑某"}),
    ),
    S("confirmMonthlySummary", _args(venueId="@venue", month="2024-05", note="五月接待一场")),
    # --- suggestions: the closed loop, a merge, a withdrawal, a transfer; units --------------
    S("createUnit", _args(name="市工业和信息化局", kind="GOVERNMENT"), "unit"),
    S("createUnit", _args(name="市人民检察院", kind="PROCURATORATE"), "unit2"),
    S("createUnit", _args(name="临时单位", kind="OTHER"), "unit3"),
    S("updateUnit", _args(id="@unit3", name="临时承办单位")),
    S("deleteUnit", _args(id="@unit3")),
    # --- issues raised at the reception, round the loop; one escalated; a campaign ------------
    S(
        "createCampaign",
        _in(
            congressId="@congress",
            name="新春访代表·助企解难题",
            year=2024,
            start="2024-02-19",
            end="2024-03-03",
        ),
        "campaign",
    ),
    S("updateCampaign", _args(id="@campaign", input={"description": "走访企业，收集问题"})),
    S("addCampaignVisit", _args(campaignId="@campaign", activityId="@activity")),
    S(
        "raiseIssue",
        _in(
            title="土地流转手续办理进度",
            origin="RECEPTION",
            receptionId="@reception",
            deputyIds=["@d1", "@d2"],
            contact={"name": "张先生"},
        ),
        "issue",
    ),
    S("listIssue", _args(id="@issue", measure="协调自然资源部门", promisedBy="2030-06-30")),
    S("assignIssue", _args(id="@issue", unitId="@unit", due="2030-06-30")),
    S("followIssue", _args(id="@issue", note="已电话督办")),
    S("answerIssue", _args(id="@issue", answer="用地手续已办结")),
    S("closeIssue", _args(id="@issue", outcome="SOLVED")),
    S(
        "raiseIssue",
        _in(title="企业招工难", origin="VISIT", activityId="@activity", deputyIds=["@d1"]),
        "issue2",
    ),
    S("listIssue", _args(id="@issue2")),
    S("escalateIssue", _args(id="@issue2", title="关于加强企业用工保障的建议")),
    S(
        "submitProposal",
        _in(
            title="优化汽车产业政策环境",
            raisedById="@group",
            raisedAt="2024-03-05",
            industryCodes=["C36"],
        ),
        "p1",
    ),
    S("registerProposal", _args(id="@p1")),
    S(
        "assignProposal",
        _args(id="@p1", leadUnitId="@unit", due="2024-06-30", at="2024-03-10"),
    ),
    S("startHandling", _args(id="@p1")),
    S("replyProposal", _args(id="@p1", reply="已落实", replyClass="A", at="2024-04-01")),
    S("evaluateProposal", _args(id="@p1", satisfaction="SATISFIED")),
    S("closeProposal", _args(id="@p1")),
    S("submitProposal", _in(title="并案甲", raisedById="@d1", raisedAt="2024-03-06"), "p2"),
    S("submitProposal", _in(title="并案乙", raisedById="@d1", raisedAt="2024-03-06"), "p3"),
    S("mergeProposal", _args(id="@p2", into="@p3")),
    S("withdrawProposal", _args(id="@p3")),
    S("submitProposal", _in(title="转办事项", raisedById="@group", raisedAt="2024-03-07"), "p4"),
    S("registerProposal", _args(id="@p4")),
    S("transferProposal", _args(id="@p4", unitId="@unit2", kind="公益诉讼检察建议")),
    # --- handling as the rules have it: a joint suggestion, key supervised, returned by the
    # unit it was assigned to (2024-03-11, a Monday: five working days run to 2024-03-18),
    # assigned again, its due date extended once and a 约谈 ---------------------------------
    S(
        "submitProposal",
        _in(title="联名建议", raisedById="@d1", raisedAt="2024-03-08", coSignerIds=["@d2"]),
        "p5",
    ),
    S("addCoSigner", _args(id="@p5", deputyId="@d3")),
    S("registerProposal", _args(id="@p5")),
    S(
        "markKeySupervised",
        _args(id="@p5", committeeId="@committee", leader="常委会副主任 王某"),
    ),
    S("assignProposal", _args(id="@p5", leadUnitId="@unit", due="2024-06-30", at="2024-03-11")),
    S("returnProposal", _args(id="@p5", reason="不属本单位职责", at="2024-03-12")),
    S("assignProposal", _args(id="@p5", leadUnitId="@unit2", due="2024-06-30", at="2024-03-13")),
    S("extendProposalDue", _args(id="@p5", due="2024-09-30", reason="需跨部门协调")),
    S("superviseProposal", _args(id="@p5", kind="INTERVIEW", note="约谈承办单位负责人")),
    # --- unlink everything linked above, then delete fresh nodes -----------------------------
    S("unlinkCommitteeFromGroup", _args(committeeId="@committee", groupId="@group")),
    S("unlinkGroupFromAlliance", _args(groupId="@group", allianceId="@alliance")),
    S("removeGroupMember", _args(groupId="@group", deputyId="@d1")),
    S("removeCommitteeMember", _args(committeeId="@committee", deputyId="@d2")),
    S("unlinkDeputyFromEmployer", _args(deputyId="@d3", enterpriseId="@ent2")),
    S("removeAllianceMember", _args(allianceId="@alliance", enterpriseId="@ent")),
    S("unlinkFromIndustry", _args(id="@group", industryId="@indC36")),
    S("unlinkIndustryFromParent", _args(industryId="@indC36", parentId="@indC")),
    S("unlinkDeputyContact", _args(deputyId="@d1", contactId="@d2")),
    S("removeDeputyFromCongress", _args(deputyId="@d1", congressId="@congress2")),
    S("createCongress", _in(name="待删人大", level="COUNTY"), "xCongress"),
    S("deleteCongress", _args(id="@xCongress")),
    S("createCommittee", _in(congressId="@congress", name="待删委员会"), "xCommittee"),
    S("deleteCommittee", _args(id="@xCommittee", cascade=True)),
    S("createDeputyGroup", _in(congressId="@congress", name="待删小组"), "xGroup"),
    S("deleteDeputyGroup", _args(id="@xGroup", cascade=True)),
    S("createAlliance", _in(name="待删联盟"), "xAlliance"),
    S("deleteAlliance", _args(id="@xAlliance")),
    S("createIndustry", _in(code="T", name="国际组织"), "xIndustry"),
    S("deleteIndustry", _args(id="@xIndustry")),
    S("createDeputy", _in(congressId="@congress", name="待删代表"), "xDeputy"),
    S("deleteDeputy", _args(id="@xDeputy", cascade=True)),
    S("createEnterprise", _in(name="待删企业"), "xEnterprise"),
    S("deleteEnterprise", _args(id="@xEnterprise")),
]


def missing_mutations() -> list[str]:
    return sorted(set(MUTATIONS) - {step.name for step in SCRIPT})


def run_steps(api: GraphQLClient, steps: list[Step], ids: Ids) -> Iterator[tuple[Step, dict]]:
    """Run `steps` in order, each of which must succeed; yield each step and its payload."""
    for step in steps:
        payload = call(api, step.name, step.args(ids))
        assert payload.get("errors") == [], (step.name, payload)
        if step.save:
            found = returned_id(payload)
            assert found, (step.name, payload)
            ids[step.save] = found
        yield step, payload


# --- the date arguments of every mutation ------------------------------------------------------

DATE_SCALARS = ("Date", "DateTime")


def _date_paths(type_: GraphQLInputType, path: str, seen: frozenset[str]) -> Iterator[str]:
    inner = _unwrap(type_)
    if isinstance(inner, GraphQLScalarType) and inner.name in DATE_SCALARS:
        yield path
    elif isinstance(inner, GraphQLInputObjectType) and inner.name not in seen:
        for name, field in inner.fields.items():
            yield from _date_paths(field.type, f"{path}.{name}", seen | {inner.name})


def date_arguments() -> list[str]:
    """Every Date/DateTime a mutation takes, as mutation.argument[.field…]."""
    return sorted(
        path
        for name, field in MUTATIONS.items()
        for arg, a in field.args.items()
        for path in _date_paths(a.type, f"{name}.{arg}", frozenset())
    )


def with_value(args: dict[str, Any], path: list[str], value: Any) -> dict[str, Any]:
    """A copy of `args` with the value at `path` (argument, field, …) replaced."""
    head, *rest = path
    copy = dict(args)
    copy[head] = with_value(dict(copy.get(head) or {}), rest, value) if rest else value
    return copy
