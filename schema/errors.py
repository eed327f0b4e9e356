"""How failures reach GraphQL clients.

Every error gets a `code` in its extensions. Expected failures (graph.db.DomainError) also carry
the field at fault and the message in both languages. Anything unexpected is logged with an
error id and reaches the client only as a short message with that id: no stack traces, no
Cypher, no driver details.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

import strawberry
from graphql import GraphQLError

from graph.kernel.errors import DomainError, ErrorCode

log = logging.getLogger("thirdlink.errors")

# Refusals by strawberry's parse/validation limiters (schema/build.py), told apart by message.
LIMIT_MESSAGES = (
    ("exceeds maximum operation depth", "DEPTH_LIMIT"),
    ("aliases found. Allowed:", "ALIAS_LIMIT"),
    ("Document contains more than", "TOKEN_LIMIT"),
)


def present(error: GraphQLError) -> None:
    """Rewrite `error` in place for the client (Strawberry sends these very objects)."""
    original = error.original_error
    extensions = dict(error.extensions or {})
    if original is None:
        # Parse and validation errors, limits (depth, aliases, tokens), permission refusals.
        if error.message.startswith("Syntax Error"):
            extensions.setdefault("code", "GRAPHQL_PARSE_FAILED")
        for pattern, code in LIMIT_MESSAGES:  # strawberry's limiters set no code of their own
            if pattern in error.message:
                extensions["code"] = code
        extensions.setdefault("code", "GRAPHQL_VALIDATION_FAILED" if not error.path else "ERROR")
    elif isinstance(original, DomainError):
        extensions.update(
            # The HTTP name for "down, try again": clients and proxies know it (HTTP 503).
            code="SERVICE_UNAVAILABLE"
            if original.code is ErrorCode.UNAVAILABLE
            else original.code.value,
            field=original.field,
            messageZh=original.zh,
            messageEn=original.en,
            ids=original.ids,
        )
    elif isinstance(original, GraphQLError) or extensions.get("code"):
        extensions.setdefault("code", "BAD_REQUEST")
    else:
        error_id = uuid.uuid4().hex[:12]
        log.error("unexpected error %s at %s", error_id, error.path, exc_info=original)
        error.message = f"内部错误，错误编号 {error_id} / Internal error, error id {error_id}"
        extensions = {"code": "INTERNAL_ERROR", "errorId": error_id}
        error.original_error = None
    error.extensions = extensions


class Schema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        for error in errors:
            expected = isinstance(error.original_error, DomainError) or error.original_error is None
            present(error)
            if expected:
                log.info(
                    "request error: %s (%s)", error.message, (error.extensions or {}).get("code")
                )
