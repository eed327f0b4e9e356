"""Every date a mutation takes lies in a plausible range and in order (graph/kernel/dates.py).

The date arguments are found by walking the schema's mutations and input types; each must have
a row in ORDER below (None when it follows no other date), and the step of
tests/mutation_script.py that calls the mutation gives a valid call to spoil. Out of range
(low, high) and out of order are INVALID naming the field, and write nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from neo4j import Driver

from graph.kernel import dates, nodes
from graph.kernel.db import Database, count_round_trips
from graph.kernel.settings import Settings
from graph.proposals import stats as ps
from graph.proposals import stats_table, units
from graph.proposals import steps as pr
from graph.proposals.reads import ProposalFilter
from tests.conftest import GraphQLClient
from tests.digest import graph_digest
from tests.mutation_script import SCRIPT, Ids, call, date_arguments, run_steps, with_value

TOO_EARLY = "0001-01-01"
TOO_LATE = "2200-01-01"

# mutation.argument[.field] → (a date out of order for the script's call, the field named),
# or None when nothing orders it. Dates of the script: suggestion raised 2024-03-05, assigned
# 2024-03-10, due 2024-06-30, replied 2024-04-01; the trip runs 2024-05-06 to 2024-05-08.
ORDER: dict[str, tuple[str, str] | None] = {
    "addAllianceMember.since": None,
    "addDeputyToCongress.since": None,
    "addVisit.day": ("2024-05-05", "day"),  # before the trip
    "bookReception.input.day": None,
    "createReception.input.day": None,
    "assignProposal.at": ("2024-03-04", "at"),  # before it was raised
    "assignProposal.due": ("2024-03-09", "due"),  # before it was assigned
    "createActivity.input.end": ("2024-05-05", "input.end"),  # before the start
    "createActivity.input.start": ("2024-05-09", "input.end"),  # after the end
    "createDeputy.input.since": None,
    "extendProposalDue.due": ("2024-06-29", "due"),  # not after the due date it extends
    "linkCommitteeToGroup.since": None,
    "linkGroupToAlliance.since": None,
    "moveVisit.day": ("2024-05-09", "day"),  # after the trip
    "replyProposal.at": ("2024-03-09", "at"),  # before it was assigned
    "returnProposal.at": ("2024-03-10", "at"),  # before it was assigned
    "submitProposal.input.raisedAt": None,
    "updateActivity.input.end": ("2024-05-05", "input.end"),
    "updateActivity.input.start": ("2024-05-09", "input.end"),
    "updateReception.input.day": None,
    "staffVenue.since": None,
    # issues are raised (by default) today; the campaign runs 2024-02-19 to 2024-03-03
    "raiseIssue.input.raisedAt": None,
    "raiseIssue.input.promisedBy": ("2024-01-01", "input.promisedBy"),  # before it was raised
    "listIssue.promisedBy": ("2024-01-01", "promisedBy"),  # before it was raised
    "assignIssue.due": ("2024-01-01", "due"),  # in the past
    "answerIssue.answeredAt": ("2024-01-01", "answeredAt"),  # before it was assigned
    "createCampaign.input.end": ("2024-02-18", "input.end"),  # before the start
    "createCampaign.input.start": ("2024-03-04", "input.end"),  # after the end
    "updateCampaign.input.end": ("2024-02-18", "input.end"),
    "updateCampaign.input.start": ("2024-03-04", "input.end"),
}


def test_every_date_argument_has_a_row() -> None:
    assert date_arguments() == sorted(ORDER)


def _field(path: str) -> str:
    return path.split(".", 1)[1]


@pytest.mark.parametrize("path", date_arguments())
def test_dates_out_of_range_or_order_are_invalid(
    path: str, api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings
) -> None:
    name, *where = path.split(".")
    at = next(i for i, step in enumerate(SCRIPT) if step.name == name)
    ids: Ids = {}
    list(run_steps(api, SCRIPT[:at], ids))
    valid = SCRIPT[at].args(ids)
    bad = [(TOO_EARLY, _field(path)), (TOO_LATE, _field(path))]
    if ORDER[path] is not None:
        bad.append(ORDER[path])  # type: ignore[arg-type]
    before = graph_digest(clean_graph, neo4j_settings.database)
    for value, field in bad:
        payload = call(api, name, with_value(valid, where, value))
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [("INVALID", field)], (
            value,
            payload,
        )
        assert value in payload["errors"][0]["message"] or field != _field(path)
        assert graph_digest(clean_graph, neo4j_settings.database) == before, value
    # …and the call with a good date is accepted (the refusals were about the date).
    assert call(api, name, valid)["errors"] == []


def test_the_range_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    today = dt.date(2026, 2, 28)
    assert dates.date_range(today) == (dt.date(1949, 10, 1), dt.date(2036, 2, 28))
    monkeypatch.setenv("THIRDLINK_EARLIEST_DATE", "2000-01-01")
    monkeypatch.setenv("THIRDLINK_YEARS_AHEAD", "1")
    assert dates.date_range(today) == (dt.date(2000, 1, 1), dt.date(2027, 2, 28))
    monkeypatch.setenv("THIRDLINK_YEARS_AHEAD", "500")  # capped where packed facts end
    assert dates.date_range(today)[1] == dates.LAST_PACKABLE


# --- with dates in range, the two statistics plans agree -------------------------------------

EDGES = [dt.date(1949, 10, 1), dt.date(1999, 12, 31), dt.date(2024, 2, 29)]


async def test_statistics_plans_agree_on_dates_in_range(db: Database) -> None:
    """Suggestions at the edges of the range (earliest day, latest due date, same-day steps)
    go through the real steps; the index-backed and the general plan give the same table."""
    earliest, latest = dates.date_range()
    group = await _group(db)
    unit = (await units.create_unit(db, "市工业和信息化局", "GOVERNMENT"))["id"]
    raised_days = [earliest, *EDGES, dt.date.today()]
    for i, raised in enumerate(raised_days):
        row = await pr.submit_proposal(
            db,
            pr.SubmitInput(f"建议{i}", "DeputyGroup", group, raised, industry_codes=["C36"]),
            "clerk",
        )
        await pr.register_proposal(db, row["id"], "clerk")
        due = latest if i % 2 else raised
        await pr.assign_proposal(db, row["id"], "clerk", lead_unit_id=unit, due=due, at=raised)
        await pr.start_handling(db, row["id"], "clerk")
        await pr.reply_proposal(
            db, row["id"], "clerk", "答复", at=raised + dt.timedelta(days=i), reply_class="A"
        )
    for year in {d.year for d in raised_days}:
        f = ProposalFilter(date_from=dt.date(year, 1, 1), date_to=dt.date(year, 12, 31))
        for dims in ([], ["YEAR"], ["INDUSTRY"]):
            with count_round_trips() as trips:
                fast = await ps.proposal_stats(db, dims, f, assign_days=7)
            assert not any("p.raisedAt" in q for q in trips.queries)  # the index-backed plan
            slow = await ps.proposal_stats(db, dims, f, assign_days=7, indexed=False)
            assert stats_table.table(fast) == stats_table.table(slow), (year, dims)
            assert fast.totals.total >= 1


async def _group(db: Database) -> str:
    congress = await nodes.create_node(
        db, "Congress", {"name": "诸城市人民代表大会", "level": "COUNTY"}
    )
    await nodes.create_node(db, "Industry", {"name": "制造业", "code": "C"})
    await nodes.create_node(
        db,
        "Industry",
        {"name": "汽车制造业", "code": "C36"},
        [nodes.Link("PART_OF", "Industry", "C", "input.parentCode")],
    )
    group = await nodes.create_node(
        db,
        "DeputyGroup",
        {"name": "汽车专业代表小组"},
        [nodes.Link("GROUP_OF", "Congress", congress["id"], "input.congressId")],
    )
    group_id: str = group["id"]
    return group_id
