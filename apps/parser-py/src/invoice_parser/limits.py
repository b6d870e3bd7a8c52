"""Per-process resource limits: wall-clock time (SIGALRM) and address space (RLIMIT_AS).

They are installed by the CLI only, since they govern the whole process, not a library call.
"""

from __future__ import annotations

import resource
import signal
import time
from collections.abc import Callable
from types import FrameType

from invoice_parser.errors import TIMEOUT, ParserError

# After the deadline the alarm keeps firing at this interval (seconds): a library that swallows
# one exception in a broad `except` must not turn the time limit off.
_REFIRE_INTERVAL = 0.05

_deadline: float | None = None


def install(time_limit_seconds: float, memory_limit_mib: int) -> None:
    global _deadline
    if time_limit_seconds > 0:
        _deadline = time.monotonic() + time_limit_seconds
        signal.signal(signal.SIGALRM, _raise_timeout(time_limit_seconds))
        signal.setitimer(signal.ITIMER_REAL, time_limit_seconds, _REFIRE_INTERVAL)
    if memory_limit_mib > 0:
        limit = memory_limit_mib * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def extend(seconds: float) -> None:
    """Push the deadline out by seconds: OCR brings its own budget on top of the document's."""
    global _deadline
    if _deadline is None or seconds <= 0:
        return
    _deadline += seconds
    signal.setitimer(signal.ITIMER_REAL, max(_deadline - time.monotonic(), 0.001), _REFIRE_INTERVAL)


def finish() -> None:
    """Stop the alarm; raise TIMEOUT if the deadline passed while an exception was being swallowed."""
    deadline = _deadline
    finish_quietly()
    if deadline is not None and time.monotonic() > deadline:
        raise ParserError(TIMEOUT, "parsing took longer than the time limit")


def _raise_timeout(seconds: float) -> Callable[[int, FrameType | None], None]:
    def handler(_signum: int, _frame: FrameType | None) -> None:
        raise ParserError(TIMEOUT, f"parsing took longer than {seconds:g} s")

    return handler


def finish_quietly() -> None:
    """Stop the alarm while another failure is already being reported."""
    global _deadline
    signal.setitimer(signal.ITIMER_REAL, 0)
    _deadline = None
