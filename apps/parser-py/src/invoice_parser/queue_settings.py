"""The queue worker's settings (`python -m invoice_parser queue-worker`), read from the environment once,
typed and bounded, failing fast with the variable's name.

The names are shared with the API and Terraform (the parser ECS service's environment), which is why they
do not carry the INVOICE_PARSER_ prefix of the parser's own limits (settings.py).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from invoice_parser.errors import VALIDATION_FAILED, ParserError
from invoice_parser.settings import Settings

QUEUE_URL_ENV: Final = "PARSE_QUEUE_URL"
CONCURRENCY_ENV: Final = "PARSER_TASK_CONCURRENCY"
VISIBILITY_ENV: Final = "PARSE_VISIBILITY_SECONDS"
DRAIN_ENV: Final = "PARSE_DRAIN_SECONDS"
MAX_JOBS_ENV: Final = "PARSER_WORKER_MAX_JOBS"

# Jobs at a time per task: a Fargate task of 1 vCPU parses about two documents at full speed.
DEFAULT_CONCURRENCY: Final = 2
# Given on receive and on every extension; the worker extends every third of it while a child works.
DEFAULT_VISIBILITY_SECONDS: Final = 120
# On SIGTERM, jobs in hand may finish for this long; ECS's stopTimeout (30 s) must leave time to release
# the rest and stop the children after it.
DEFAULT_DRAIN_SECONDS: Final = 25
# A child is replaced after this many jobs, as the local pool does (same variable, same default).
DEFAULT_MAX_JOBS: Final = 200
# SQS's own bounds: a visibility timeout is at most 12 hours; a long poll at most 20 s.
MAX_VISIBILITY_SECONDS: Final = 12 * 3600
LONG_POLL_SECONDS: Final = 20
# A child still working this long after the parser's own time limit is stuck where its alarm cannot reach
# (native code holding the GIL, a hung read): it is killed and its message released.
KILL_MARGIN_SECONDS: Final = 15
# A new child gets no message before it has lived this long. A broken image or installation kills its
# children within their imports (about half a second on one vCPU, start-up included); such a child must
# die idle, not holding a message whose receive it would count: a bad deploy would otherwise send the
# whole queue to the DLQ. A healthy child is kept waiting this long only once per start.
CHILD_SETTLE_SECONDS: Final = 2.0


@dataclass(frozen=True)
class QueueWorkerSettings:
    queue_url: str
    concurrency: int = DEFAULT_CONCURRENCY
    visibility_seconds: int = DEFAULT_VISIBILITY_SECONDS
    drain_seconds: float = DEFAULT_DRAIN_SECONDS
    max_jobs_per_child: int = DEFAULT_MAX_JOBS
    # None: the parser runs without a time limit, and so may a job.
    job_kill_seconds: float | None = None
    wait_seconds: int = LONG_POLL_SECONDS
    child_settle_seconds: float = CHILD_SETTLE_SECONDS

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> QueueWorkerSettings:
        env = os.environ if environ is None else environ
        queue_url = env.get(QUEUE_URL_ENV, "").strip()
        if not queue_url:
            raise ParserError(VALIDATION_FAILED, f"{QUEUE_URL_ENV} is required", {"variable": QUEUE_URL_ENV})
        return cls(
            queue_url=queue_url,
            concurrency=_integer(env, CONCURRENCY_ENV, DEFAULT_CONCURRENCY, 1, 64),
            visibility_seconds=_integer(
                env, VISIBILITY_ENV, DEFAULT_VISIBILITY_SECONDS, 2, MAX_VISIBILITY_SECONDS
            ),
            drain_seconds=_integer(env, DRAIN_ENV, DEFAULT_DRAIN_SECONDS, 0, 3600),
            max_jobs_per_child=_integer(env, MAX_JOBS_ENV, DEFAULT_MAX_JOBS, 1, 1_000_000),
            job_kill_seconds=job_kill_seconds(Settings.from_env(dict(env))),
        )


def job_kill_seconds(parser: Settings) -> float | None:
    """The parser's own worst case (its time limit plus a whole OCR budget) and the margin."""
    if parser.time_limit_seconds <= 0:
        return None
    return parser.time_limit_seconds + parser.ocr_document_seconds + KILL_MARGIN_SECONDS


def _integer(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise ParserError(
            VALIDATION_FAILED,
            f"{name} must be a whole number from {low} to {high}, got {raw!r}",
            {"variable": name},
        )
    return value
