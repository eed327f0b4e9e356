"""The project's expected failures: a code, a Chinese and an English message, the field at
fault. Every layer raises and catches these; the schema layer turns them into `errors`."""

from __future__ import annotations

import enum
from collections.abc import Sequence


class ErrorCode(enum.Enum):
    NOT_FOUND = "NOT_FOUND"
    DUPLICATE = "DUPLICATE"
    INVALID = "INVALID"
    CONFLICT = "CONFLICT"
    FORBIDDEN = "FORBIDDEN"
    UNAVAILABLE = "UNAVAILABLE"
    TIMEOUT = "TIMEOUT"


class DomainError(Exception):
    """An expected failure, named for the user in Chinese and English.

    `field` names the input at fault (e.g. "input.uscc"); `ids` the entities involved.
    """

    def __init__(
        self,
        code: ErrorCode,
        zh: str,
        en: str,
        *,
        field: str | None = None,
        ids: Sequence[str] = (),
    ) -> None:
        super().__init__(f"{zh} / {en}")
        self.code = code
        self.zh = zh
        self.en = en
        self.field = field
        self.ids = list(ids)

    @property
    def message(self) -> str:
        return f"{self.zh} / {self.en}"


def not_found(label: str, node_id: str, *, field: str | None = None) -> DomainError:
    return DomainError(
        ErrorCode.NOT_FOUND,
        f"未找到{LABEL_ZH.get(label, label)}：{node_id}",
        f"No {label} with id {node_id!r}",
        field=field,
        ids=[node_id],
    )


# Chinese names of the labels, for messages users read.
LABEL_ZH = {
    "Congress": "人大",
    "Committee": "专门委员会",
    "DeputyGroup": "专业代表小组",
    "Alliance": "产业联盟",
    "Industry": "行业",
    "Deputy": "代表",
    "Enterprise": "企业",
    "Unit": "承办单位",
    "Activity": "视察调研活动",
    "Proposal": "意见建议",
    "Issue": "诉求",
    "Campaign": "专项活动",
}
