"""One JSON object per line on stderr: the queue worker's log, which CloudWatch Logs Insights queries by
field (level, message, jobId, attempt, messageId, ...) without parsing prose.

stdout is never written: a traceback or a stray print there would be the only unstructured line.
"""

from __future__ import annotations

import json
import sys
import threading
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

Level = Literal["debug", "info", "warning", "error"]

# Threads (one per slot, one per child's stderr) share the stream: a line is written whole or not at all.
_lock = threading.Lock()


def log_event(level: Level, message: str, stream: TextIO | None = None, **fields: Any) -> None:
    """Write {"time", "level", "message", **fields}; None is written as null, so a query finds the key."""
    record: dict[str, Any] = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "level": level,
        "message": message,
    }
    record.update(fields)
    line = json.dumps(record, ensure_ascii=False, default=str) + "\n"
    target = stream if stream is not None else sys.stderr
    with _lock:
        try:
            target.write(line)
            target.flush()
        except (OSError, ValueError):  # stderr closed: nowhere left to report, and no reason to crash
            pass
