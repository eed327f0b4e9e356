"""Input rules shared by every domain: names, enums, dates, USCCs, industry codes.

Each check raises a DomainError(INVALID) that names the field and says what is wrong, in
Chinese and English, before anything is written.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from graph.kernel import names
from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.model import INDUSTRY_CODE, MAX_NAME_LENGTH, uscc_problem

MAX_TEXT_LENGTH = 5000


def invalid(field: str, zh: str, en: str) -> DomainError:
    return DomainError(ErrorCode.INVALID, zh, en, field=field)


def clean_text(value: str) -> str:
    """NFC-normalise and trim; full-width spaces count as spaces."""
    return unicodedata.normalize("NFC", value).replace("\u3000", " ").strip()


def name(value: str | None, field: str = "name", *, limit: int = MAX_NAME_LENGTH) -> str:
    if value is None:
        raise invalid(field, f"{field} 不能为空", f"`{field}` is required")
    text = clean_text(value)
    if not text:
        raise invalid(field, f"{field} 不能为空", f"`{field}` must not be empty")
    if len(text) > limit:
        raise invalid(
            field,
            f"{field} 过长（{len(text)} 字，最多 {limit} 字）",
            f"`{field}` is too long ({len(text)} characters, at most {limit})",
        )
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise invalid(field, f"{field} 含有控制字符", f"`{field}` contains control characters")
    hidden = names.invisible_in(text)
    if hidden:
        raise invalid(
            field,
            f"{field} 含有不可见字符（零宽或双向控制字符：{'、'.join(hidden)}）",
            f"`{field}` contains invisible characters (zero-width or bidi controls: "
            f"{', '.join(hidden)})",
        )
    return text


MAX_ALIASES = 20


def aliases(values: list[str], field: str = "aliases") -> list[str]:
    """Other names of a thing (an industry's 预制菜): each a valid name, the same one once, in
    the order given, at most MAX_ALIASES."""
    if len(values) > MAX_ALIASES:
        raise invalid(
            field,
            f"{field} 过多（{len(values)} 个，最多 {MAX_ALIASES} 个）",
            f"`{field}` has too many entries ({len(values)}, at most {MAX_ALIASES})",
        )
    return list(dict.fromkeys(name(value, field) for value in values))


def optional_text(value: str | None, field: str, *, limit: int = MAX_TEXT_LENGTH) -> str | None:
    if value is None:
        return None
    text = clean_text(value)
    if len(text) > limit:
        raise invalid(
            field,
            f"{field} 过长（最多 {limit} 字）",
            f"`{field}` is too long ({len(text)} characters, at most {limit})",
        )
    return text or None


def choice(value: str | None, field: str, allowed: Iterable[str]) -> str | None:
    options = tuple(allowed)
    if value is None or value in options:
        return value
    raise invalid(
        field,
        f"{field} 取值无效：{value}（可选：{'、'.join(options)}）",
        f"`{field}` must be one of {', '.join(options)}, got {value!r}",
    )


def uscc(value: str | None, field: str = "uscc") -> str | None:
    if value is None:
        return None
    code = clean_text(value).upper()
    if not code:
        return None
    problem = uscc_problem(code)
    if problem:
        raise invalid(
            field,
            f"统一社会信用代码无效：{code}（{problem}）",
            f"`{field}` is not a valid unified social credit code: {problem}",
        )
    return code


def industry_code(value: str | None, field: str = "code") -> str:
    code = clean_text(value or "").upper()
    if not INDUSTRY_CODE.match(code):
        raise invalid(
            field,
            f"行业代码无效：{code or '（空）'}（应符合 GB/T 4754，如 C36、C1391）",
            f"`{field}` must be a GB/T 4754 code such as C, C36 or C1391, got {code!r}",
        )
    return code
