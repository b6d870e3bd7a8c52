"""One JSON object per line on stderr: the queue worker's log, which CloudWatch Logs Insights queries by
field (level, message, jobId, attempt, messageId, ...) without parsing prose.

stdout is never written: a traceback or a stray print there would be the only unstructured line.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Literal

Level = Literal["debug", "info", "warning", "error"]

# Threads (one per slot, one per child's stderr) share the stream: a line is written whole or not at all.
_lock = threading.Lock()
_LEVELS: tuple[tuple[int, Level], ...] = (
    (logging.ERROR, "error"),
    (logging.WARNING, "warning"),
    (logging.INFO, "info"),
)


def log_event(level: Level, message: str, **fields: Any) -> None:
    """Write {"time", "level", "message", **fields}; None is written as null, so a query finds the key."""
    record: dict[str, Any] = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "level": level,
        "message": message,
    }
    record.update(fields)
    line = json.dumps(record, ensure_ascii=False, default=str) + "\n"
    with _lock:
        try:
            sys.stderr.write(line)
            sys.stderr.flush()
        except (OSError, ValueError):  # stderr closed: nowhere left to report, and no reason to crash
            pass


class JsonLogHandler(logging.Handler):
    """A library's logging (botocore, urllib3, the parser's own logger) as the same JSON lines."""

    def emit(self, record: logging.LogRecord) -> None:
        level: Level = next((name for floor, name in _LEVELS if record.levelno >= floor), "debug")
        error = (
            f"{record.exc_info[0].__name__}: {record.exc_info[1]}"
            if record.exc_info and record.exc_info[0]
            else None
        )
        log_event(level, record.getMessage(), logger=record.name, error=error)


def install() -> None:
    """Route every other line this process could write to stderr (logging, warnings, an exception that
    escapes a thread or the main loop) through log_event, so that stderr holds JSON lines only."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(JsonLogHandler())
    logging.captureWarnings(True)

    def on_uncaught(kind: type[BaseException], error: BaseException, _tb: TracebackType | None) -> None:
        log_event("error", "uncaught exception", error=f"{kind.__name__}: {error}")

    def on_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
        thread = args.thread.name if args.thread is not None else None
        log_event(
            "error",
            "uncaught exception in a thread",
            error=f"{args.exc_type.__name__}: {args.exc_value}",
            thread=thread,
        )

    sys.excepthook = on_uncaught
    threading.excepthook = on_uncaught_in_thread
