"""Exports of statistics for spreadsheets: CSV (UTF-8 with a BOM, so Excel opens the Chinese
correctly) and XLSX (openpyxl). Any statistics query can be exported: /export/proposal-stats.*
mirrors `proposalStats` (groupBy repeated, from, to, congress, stage, industry, status,
assignDays, industryLevel, group, committee, unit, unitRole, deputy, activity, text);
/export/activity-stats.* mirrors `activityStats` (groupBy, from, to, congress, group,
committee, kind repeated); /export/issue-stats.* mirrors `issueStats` (groupBy repeated,
congress, status, unit, industry, enterprise, campaign, venue, reception, origin, year, overdue,
promisedFrom, promisedTo, openOnly, text) and never holds a citizen's contact. Ids are the
global ids the API hands out. A bad parameter is a 400
(an id naming nothing a 404) with a JSON error naming it.

Names come from users (units, groups, enterprises), so a name like `=HYPERLINK(…)` must stay
text: following OWASP's advice on CSV injection, a text cell that starts with = + - @ TAB or CR
gets a leading single quote, and XLSX cells holding text are typed as strings, never formulas.
Numbers stay numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Awaitable, Callable
from typing import Any

from openpyxl import Workbook
from starlette.requests import Request
from starlette.responses import Response

from api.guard import error_body
from graph.kernel.errors import DomainError, ErrorCode
from graph.proposals import stats as proposal_stats
from graph.proposals import stats_table
from graph.proposals.reads import ProposalFilter
from graph.receptions import issue_stats
from graph.receptions.issue_reads import IssueFilter
from graph.trips import stats as trip_stats
from schema.common import decode_id

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# No `token`: a download takes the Authorization header like every other route (a secret in a
# URL ends up in browser histories and proxy logs).
_PROPOSAL_PARAMS = {
    "groupBy",
    "from",
    "to",
    "congress",
    "stage",
    "industry",
    "status",
    "assignDays",
    "industryLevel",
    "group",
    "committee",
    "unit",
    "unitRole",
    "deputy",
    "activity",
    "text",
}
_ACTIVITY_PARAMS = {"groupBy", "from", "to", "congress", "group", "committee", "kind"}
_ISSUE_PARAMS = {
    "groupBy",
    "congress",
    "status",
    "unit",
    "industry",
    "enterprise",
    "campaign",
    "venue",
    "reception",
    "origin",
    "year",
    "overdue",
    "promisedFrom",
    "promisedTo",
    "openOnly",
    "text",
}
# The parameters that take a node's id (a global id, as the API hands out), by label.
_ID_PARAMS = {
    "congress": "Congress",
    "group": "DeputyGroup",
    "committee": "Committee",
    "unit": "Unit",
    "deputy": "Deputy",
    "activity": "Activity",
    "enterprise": "Enterprise",
    "campaign": "Campaign",
    "venue": "Venue",
    "reception": "Activity",
}


class BadParam(Exception):
    def __init__(self, param: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.param, self.zh, self.en = param, zh, en


def _date(request: Request, name: str) -> dt.date | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise BadParam(
            name, f"{name} 应为日期（YYYY-MM-DD）", f"`{name}` must be YYYY-MM-DD"
        ) from exc


def _text(request: Request, name: str) -> str | None:
    return request.query_params.get(name) or None


def _id(request: Request, name: str) -> str | None:
    """The database id in a global id parameter. `congress` also takes the database id, as it
    always has."""
    raw = _text(request, name)
    if raw is None:
        return None
    try:
        return decode_id(raw, _ID_PARAMS[name], name)
    except DomainError:
        if name == "congress":
            return raw
        raise


def _check_known(request: Request, known: set[str]) -> None:
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise BadParam(unknown[0], f"未知参数 {unknown[0]}", f"Unknown parameter `{unknown[0]}`")


def _parse(request: Request) -> tuple[list[str], ProposalFilter, int, str | None]:
    _check_known(request, _PROPOSAL_PARAMS)
    days_raw = request.query_params.get("assignDays")
    try:
        days = int(days_raw) if days_raw else proposal_stats.DEFAULT_ASSIGN_DAYS
    except ValueError as exc:
        raise BadParam(
            "assignDays", "assignDays 应为整数", "`assignDays` must be an integer"
        ) from exc
    f = ProposalFilter(
        congress_id=_id(request, "congress"),
        date_from=_date(request, "from"),
        date_to=_date(request, "to"),
        stage=_text(request, "stage"),
        industry_code=_text(request, "industry"),
        status=_text(request, "status"),
        group_id=_id(request, "group"),
        committee_id=_id(request, "committee"),
        unit_id=_id(request, "unit"),
        unit_role=_text(request, "unitRole"),
        deputy_id=_id(request, "deputy"),
        activity_id=_id(request, "activity"),
        text=_text(request, "text"),
    )
    level = _text(request, "industryLevel")
    return request.query_params.getlist("groupBy"), f, days, level


async def _proposal_table(request: Request) -> Table:
    group_by, f, days, level = _parse(request)
    db = request.app.state.thirdlink.db
    stats = await proposal_stats.proposal_stats(
        db, group_by, f, assign_days=days, industry_level=level
    )
    return stats_table.table(stats)


async def _activity_table(request: Request) -> Table:
    _check_known(request, _ACTIVITY_PARAMS)
    f = trip_stats.ActivityStatsFilter(
        congress_id=_id(request, "congress"),
        date_from=_date(request, "from"),
        date_to=_date(request, "to"),
        group_id=_id(request, "group"),
        committee_id=_id(request, "committee"),
        kinds=request.query_params.getlist("kind") or None,
    )
    db = request.app.state.thirdlink.db
    stats = await trip_stats.activity_stats(db, request.query_params.getlist("groupBy"), f)
    return trip_stats.table(stats)


Table = tuple[list[str], list[list[Any]]]


def _flag(request: Request, name: str) -> bool | None:
    raw = _text(request, name)
    if raw is None:
        return None
    if raw not in ("true", "false"):
        raise BadParam(name, f"{name} 应为 true 或 false", f"`{name}` must be true or false")
    return raw == "true"


async def _issue_table(request: Request) -> Table:
    _check_known(request, _ISSUE_PARAMS)
    year = _text(request, "year")
    if year is not None and not year.isdigit():
        raise BadParam("year", "year 应为年份", "`year` must be a year")
    f = IssueFilter(
        congress_id=_id(request, "congress"),
        status=_text(request, "status"),
        unit_id=_id(request, "unit"),
        industry_code=_text(request, "industry"),
        enterprise_id=_id(request, "enterprise"),
        campaign_id=_id(request, "campaign"),
        venue_id=_id(request, "venue"),
        reception_id=_id(request, "reception"),
        origin=_text(request, "origin"),
        year=int(year) if year is not None else None,
        overdue=_flag(request, "overdue"),
        promised_from=_date(request, "promisedFrom"),
        promised_to=_date(request, "promisedTo"),
        open_only=bool(_flag(request, "openOnly")),
        text=_text(request, "text"),
    )
    db = request.app.state.thirdlink.db
    stats = await issue_stats.issue_stats(
        db, request.query_params.getlist("groupBy"), f, today=dt.date.today()
    )
    return issue_stats.table(stats)


async def _table(
    request: Request, build: Callable[[Request], Awaitable[Table]]
) -> Table | Response:
    try:
        return await build(request)
    except BadParam as bad:
        return _error(bad.param, bad.zh, bad.en)
    except DomainError as err:
        if err.code not in (ErrorCode.INVALID, ErrorCode.NOT_FOUND):
            raise
        param = (err.field or "").removeprefix("filter.")
        return _error(param, err.zh, err.en, err.code)


def _error(param: str, zh: str, en: str, code: ErrorCode = ErrorCode.INVALID) -> Response:
    return Response(
        error_body(f"{zh} / {en}", code.value, parameter=param),
        status_code=404 if code is ErrorCode.NOT_FOUND else 400,
        media_type="application/json",
    )


def _filename(name: str, ext: str) -> str:
    return f'attachment; filename="{name}.{ext}"'


def _csv(table: Table, name: str) -> Response:
    header, rows = table
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_cell(v) for v in header])
    writer.writerows([[_cell(v) for v in row] for row in rows])
    # The BOM tells Excel the file is UTF-8; without it Chinese opens as mojibake.
    return Response(
        ("\ufeff" + out.getvalue()).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": _filename(name, "csv")},
    )


def _xlsx(table: Table, name: str, title: str) -> Response:
    header, rows = table
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in [header, *rows]:
        sheet.append([_safe(v) for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would read a leading "=" as a formula
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return Response(
        out.getvalue(), media_type=XLSX, headers={"content-disposition": _filename(name, "xlsx")}
    )


Endpoint = Callable[[Request], Awaitable[Response]]


def _endpoints(
    build: Callable[[Request], Awaitable[Table]], name: str, title: str
) -> tuple[Endpoint, Endpoint]:
    """The CSV and the XLSX route of one table: `name` for the file, `title` for the sheet."""

    async def as_csv(request: Request) -> Response:
        table = await _table(request, build)
        return table if isinstance(table, Response) else _csv(table, name)

    async def as_xlsx(request: Request) -> Response:
        table = await _table(request, build)
        return table if isinstance(table, Response) else _xlsx(table, name, title)

    return as_csv, as_xlsx


proposal_stats_csv, proposal_stats_xlsx = _endpoints(
    _proposal_table, "proposal-stats", "意见建议统计"
)
activity_stats_csv, activity_stats_xlsx = _endpoints(
    _activity_table, "activity-stats", "视察调研统计"
)
issue_stats_csv, issue_stats_xlsx = _endpoints(_issue_table, "issue-stats", "诉求统计")


# What spreadsheets read as the start of a formula (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, escaped; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    return "" if value is None else _safe(value)
