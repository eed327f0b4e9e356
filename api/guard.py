"""Around every data route: one deadline for the whole request, a bound on the body, and one
JSON error shape for whatever fails outside GraphQL's own error handling.

The deadline covers everything the route does, the token lookup included, so a stalled Neo4j
(frozen, not stopped: connections open but nothing answers) costs a client at most the
configured limit, then a 504 TIMEOUT. A database that is down becomes a 503
SERVICE_UNAVAILABLE; an unexpected exception a 500 INTERNAL_ERROR with an error id (the details
go to the log under that id). Bodies over the limit are refused with 413 before they are read
(Content-Length), or as soon as the streamed bytes pass it (chunked bodies). Plain-text refusals
of the routes below (Strawberry's 400/405/415, for instance) are rewritten into the same shape:

    {"errors": [{"message": "中文 / English", "extensions": {"code": ..., "errorId": ...}}]}
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.kernel.errors import DomainError, ErrorCode

log = logging.getLogger("thirdlink.errors")

JSON = b"application/json; charset=utf-8"

# Refusals that arrive as plain text from the routes' frameworks: the code and the Chinese.
BY_STATUS = {
    400: ("BAD_REQUEST", "请求无效"),
    404: ("NOT_FOUND", "未找到"),
    405: ("METHOD_NOT_ALLOWED", "不支持该请求方法"),
    413: ("PAYLOAD_TOO_LARGE", "请求体过大"),
    415: ("UNSUPPORTED_MEDIA_TYPE", "不支持该内容类型"),
}
# Strawberry's own refusals of a malformed request (English only), named and translated.
REFUSALS = (
    (
        "Unsupported content type",
        "UNSUPPORTED_MEDIA_TYPE",
        "不支持该内容类型，请用 application/json",
    ),
    ("Batching is not enabled", "BATCHING_NOT_SUPPORTED", "不支持批量请求，请一次发送一个操作"),
    ("Unable to parse request body as JSON", "INVALID_JSON", "请求体不是有效的 JSON"),
    ("not valid UTF-8", "INVALID_UTF8", ""),
    ("must be a JSON object", "NOT_AN_OBJECT", ""),
    ("Request body is empty", "EMPTY_BODY", ""),
    ("No GraphQL query found", "NO_QUERY", "请求中没有 GraphQL 查询"),
    (
        "The GraphQL operation's `",
        "BAD_REQUEST",
        "请求中 query、variables 或 operationName 的类型不对",
    ),
)
# DomainErrors that escape a route (GraphQL reports its own inside the response).
DOMAIN_STATUS = {
    ErrorCode.UNAVAILABLE: (503, "SERVICE_UNAVAILABLE"),
    ErrorCode.TIMEOUT: (504, "TIMEOUT"),
    ErrorCode.NOT_FOUND: (404, "NOT_FOUND"),
    ErrorCode.INVALID: (400, "INVALID"),
    ErrorCode.FORBIDDEN: (403, "FORBIDDEN"),
    ErrorCode.CONFLICT: (409, "CONFLICT"),
    ErrorCode.DUPLICATE: (409, "DUPLICATE"),
}


class BodyTooLarge(Exception):
    """The body grew past the limit while it was being read (answered 413)."""


def error_body(message: str, code: str, **extensions: Any) -> bytes:
    return json.dumps(
        {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]},
        ensure_ascii=False,
    ).encode()


class Guard:
    """ASGI wrapper: `timeout` seconds for the whole request, at most `max_body` bytes in."""

    def __init__(self, app: ASGIApp, *, timeout: float, max_body: int) -> None:
        self.app = app
        self.timeout = timeout
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        started = False
        held: dict[str, Any] | None = None  # a plain-text refusal, rewritten once complete
        seen = 0

        async def answer(status: int, message: str, code: str, **extensions: Any) -> None:
            state.setdefault("refusal", code)
            headers = [(b"content-type", JSON)]
            if status == 503:
                headers.append((b"retry-after", b"5"))
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send(
                {"type": "http.response.body", "body": error_body(message, code, **extensions)}
            )

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started, held
            if message["type"] == "http.response.start":
                if message["status"] >= 400 and not _is_json(message):
                    held = {"status": message["status"], "body": b""}
                    return
                started = True
            elif message["type"] == "http.response.body" and held is not None:
                held["body"] += message.get("body", b"")
                if message.get("more_body", False):
                    return
                started = True
                status, text = held["status"], held["body"].decode("utf-8", "replace").strip()
                await answer(status, *_explain(status, text))
                return
            await send(message)

        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await answer(*self._too_large())
            return
        deadline = asyncio.timeout(self.timeout)
        try:
            async with deadline:
                await self.app(scope, counted_receive, guarded_send)
        except BodyTooLarge:
            if not started:
                await answer(*self._too_large())
        except TimeoutError:
            if started or not deadline.expired():
                raise
            seconds = f"{self.timeout:g}"
            await answer(
                504,
                f"请求超时（{seconds} 秒），已停止 / The request took longer than {seconds}s "
                "and was stopped",
                "TIMEOUT",
            )
        except DomainError as error:
            if started:
                raise
            status, code = DOMAIN_STATUS.get(error.code, (500, error.code.value))
            await answer(status, error.message, code)
        except Exception:
            if started:
                raise
            error_id = uuid.uuid4().hex[:12]
            log.error("unexpected error %s at %s", error_id, scope.get("path"), exc_info=True)
            state["error_id"] = error_id
            await answer(
                500,
                f"内部错误，错误编号 {error_id} / Internal error, error id {error_id}",
                "INTERNAL_ERROR",
                errorId=error_id,
            )

    def _too_large(self) -> tuple[int, str, str]:
        limit = f"{self.max_body:,}"
        return (
            413,
            f"请求体超过 {limit} 字节 / The request body is larger than {limit} bytes",
            "PAYLOAD_TOO_LARGE",
        )


def _explain(status: int, text: str) -> tuple[str, str]:
    """A plain-text refusal → a bilingual message and a code naming the problem."""
    for pattern, code, zh in REFUSALS:
        if pattern in text:
            return (f"{zh} / {text}" if zh else text), code
    code, zh = BY_STATUS.get(status, ("BAD_REQUEST", "请求无效"))
    return (text if " / " in text else f"{zh} / {text or code}"), code


def _is_json(start: Message) -> bool:
    for key, value in start.get("headers", []):
        if key.lower() == b"content-type":
            return b"json" in value.lower()
    return False


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
