"""One JSON object per line on stderr: the log of `run`, `worker` and `queue-worker`, which CloudWatch Logs
Insights (or jq, locally) queries by field (level, message, jobId, attempt, messageId, ...) without parsing
prose. Lines written while a job is in hand carry its jobId and attempt (job_fields).

stdout is never written: a traceback or a stray print there would be the only unstructured line.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import sys
import threading
import traceback
from collections.abc import Iterator
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


# The job in hand ({"jobId", "attempt"}), added to every line written meanwhile.
_job: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar("job", default=None)


@contextlib.contextmanager
def job_fields(job_id: str | None, attempt: int | None) -> Iterator[None]:
    """Within the block, every line carries the job id and attempt the parser was given."""
    token = _job.set({"jobId": job_id, "attempt": attempt})
    try:
        yield
    finally:
        _job.reset(token)


def log_event(level: Level, message: str, **fields: Any) -> None:
    """Write {"time", "level", "message", jobId?, attempt?, **fields}; None is written as null, so a query
    finds the key."""
    record: dict[str, Any] = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "level": level,
        "message": message,
    }
    record.update(_job.get() or {})
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
        fields: dict[str, Any] = {"logger": record.name}
        if record.exc_info and record.exc_info[0]:
            kind, error, trace = record.exc_info
            fields["error"] = f"{kind.__name__}: {error}"
            # Only asked for in debug mode (INVOICE_PARSER_DEBUG=1): the whole traceback, as one field.
            fields["traceback"] = "".join(traceback.format_exception(kind, error, trace))
        fields.update(getattr(record, "fields", {}))
        log_event(level, record.getMessage(), **fields)


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
