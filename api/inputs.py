"""What a decoded JSON request body may hold, checked before GraphQL sees it.

`json.loads` accepts two things that later fail deep inside the app: lone UTF-16 surrogates
(`"\\ud800"` decodes to a str that cannot be encoded as UTF-8, so Neo4j or the response
encoder fails on it) and nesting deep enough to exhaust Python's recursion limit (in the
decoder itself, or in graphql-core's recursive variable coercion). Both are the client's
mistake and are refused here as a 400 that says which.
"""

from __future__ import annotations

from collections.abc import Iterator

# A GraphQL request nests variables only as deep as its input types do (a few levels); the
# JSON decoder and graphql-core's coercion recurse once per level.
MAX_JSON_DEPTH = 64


class InputProblem(ValueError):
    """A body the API refuses; `str()` is the bilingual message."""


def _values(decoded: object) -> Iterator[tuple[object, int]]:
    """Every value in `decoded` (keys included) with its depth, without recursion."""
    stack: list[tuple[object, int]] = [(decoded, 1)]
    while stack:
        value, depth = stack.pop()
        yield value, depth
        if isinstance(value, dict):
            for key, item in value.items():
                stack.append((key, depth))
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)


def has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_json(decoded: object) -> None:
    """InputProblem when `decoded` nests too deep or holds a string that is not valid Unicode."""
    for value, depth in _values(decoded):
        if depth > MAX_JSON_DEPTH:
            raise InputProblem(
                f"请求 JSON 嵌套超过 {MAX_JSON_DEPTH} 层 / "
                f"Request JSON is nested more than {MAX_JSON_DEPTH} levels deep"
            )
        if isinstance(value, str) and has_surrogate(value):
            raise InputProblem(
                "请求含有无效的 Unicode 字符（孤立代理项） / "
                "Request contains invalid Unicode (a lone surrogate such as \\ud800)"
            )
