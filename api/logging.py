"""Structured logs: one JSON object per line, one line per request (logger thirdlink.requests).

`configure()` is called by `thirdlink serve`, not at import: tests and embedders keep their own
logging set-up. Unexpected errors are logged by schema/errors.py with their error id; the
request line carries the same id, so the client's "error id abc123" finds both.
"""

from __future__ import annotations

import datetime
import json
import logging
import sys
from typing import Any

request_log = logging.getLogger("thirdlink.requests")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "at": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(level: int = logging.INFO) -> None:
    """Send the `thirdlink` loggers to stderr as JSON lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("thirdlink")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def log_request(**fields: Any) -> None:
    """One line for one request; fields with None values are left out."""
    request_log.info(
        "request", extra={"fields": {k: v for k, v in fields.items() if v is not None}}
    )
