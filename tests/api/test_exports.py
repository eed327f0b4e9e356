"""Statistics exports over the real HTTP app: CSV with a BOM and Chinese intact, XLSX readable."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

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
        assert response.json()["error"]["parameter"] == param


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
    assert with_both.json()["error"]["parameter"] == "token"
