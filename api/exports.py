"""Exports of suggestion statistics for spreadsheets: CSV (UTF-8 with a BOM, so Excel opens the
Chinese correctly) and XLSX (openpyxl). Any statistics query can be exported: the parameters
mirror `proposalStats` (groupBy repeated, from, to, congress, stage, industry, status,
assignDays). A bad parameter is a 400 with a JSON error naming it.

Names come from users (units, groups, enterprises), so a name like `=HYPERLINK(…)` must stay
text: following OWASP's advice on CSV injection, a text cell that starts with = + - @ TAB or CR
gets a leading single quote, and XLSX cells holding text are typed as strings, never formulas.
Numbers stay numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from openpyxl import Workbook
from starlette.requests import Request
from starlette.responses import Response

from api.guard import error_body
from graph.kernel.errors import DomainError, ErrorCode
from graph.proposals import stats as proposal_stats
from graph.proposals.reads import ProposalFilter
from graph.proposals.stats import ProposalStats

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# No `token`: a download takes the Authorization header like every other route (a secret in a
# URL ends up in browser histories and proxy logs).
_KNOWN = {"groupBy", "from", "to", "congress", "stage", "industry", "status", "assignDays"}


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


def _parse(request: Request) -> tuple[list[str], ProposalFilter, int]:
    unknown = sorted(set(request.query_params) - _KNOWN)
    if unknown:
        raise BadParam(unknown[0], f"未知参数 {unknown[0]}", f"Unknown parameter `{unknown[0]}`")
    days_raw = request.query_params.get("assignDays")
    try:
        days = int(days_raw) if days_raw else proposal_stats.DEFAULT_ASSIGN_DAYS
    except ValueError as exc:
        raise BadParam(
            "assignDays", "assignDays 应为整数", "`assignDays` must be an integer"
        ) from exc
    f = ProposalFilter(
        congress_id=request.query_params.get("congress") or None,
        date_from=_date(request, "from"),
        date_to=_date(request, "to"),
        stage=request.query_params.get("stage") or None,
        industry_code=request.query_params.get("industry") or None,
        status=request.query_params.get("status") or None,
    )
    return request.query_params.getlist("groupBy"), f, days


async def _stats(request: Request) -> ProposalStats | Response:
    try:
        group_by, f, days = _parse(request)
        db = request.app.state.thirdlink.db
        return await proposal_stats.proposal_stats(db, group_by, f, assign_days=days)
    except BadParam as bad:
        return _error(bad.param, bad.zh, bad.en)
    except DomainError as err:
        if err.code is not ErrorCode.INVALID:
            raise
        param = (err.field or "").removeprefix("filter.")
        return _error(param, err.zh, err.en)


def _error(param: str, zh: str, en: str) -> Response:
    return Response(
        error_body(f"{zh} / {en}", "INVALID", parameter=param),
        status_code=400,
        media_type="application/json",
    )


def _filename(ext: str) -> str:
    return f'attachment; filename="proposal-stats.{ext}"'


async def proposal_stats_csv(request: Request) -> Response:
    stats = await _stats(request)
    if isinstance(stats, Response):
        return stats
    header, rows = proposal_stats.table(stats)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_cell(v) for v in header])
    writer.writerows([[_cell(v) for v in row] for row in rows])
    # The BOM tells Excel the file is UTF-8; without it Chinese opens as mojibake.
    return Response(
        ("\ufeff" + out.getvalue()).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": _filename("csv")},
    )


async def proposal_stats_xlsx(request: Request) -> Response:
    stats = await _stats(request)
    if isinstance(stats, Response):
        return stats
    header, rows = proposal_stats.table(stats)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "意见建议统计"
    for row in [header, *rows]:
        sheet.append([_safe(v) for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would read a leading "=" as a formula
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return Response(
        out.getvalue(), media_type=XLSX, headers={"content-disposition": _filename("xlsx")}
    )


# What spreadsheets read as the start of a formula (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, escaped; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    return "" if value is None else _safe(value)
