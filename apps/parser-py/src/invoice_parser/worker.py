"""`python -m invoice_parser worker`: a warm parser that imports once and parses job after job.

Protocol (JSON lines): each line on stdin is one job, {"jobId", "attempt", "input", "output",
"errorOutput"} with the URIs `run` takes; each job gets exactly one line on stdout, {"jobId",
"attempt", "outcome": "parsed" | "failed", "code"}. A job is parsed by cli.run_job, the code path of
`run`, so reading, the per-document limits and the outputs are the same. Logs go to stderr only.

The process ends with status 0 on EOF, or on SIGTERM once the job in hand is finished.

Limits per document: run_job installs the time limit (SIGALRM, plus OCR's own budget) afresh for
every job, so a slow document ends as TIMEOUT and the worker takes the next. The memory limit is
RLIMIT_AS, which holds for the process as a whole: a document that needs more than it fails with
TOO_LARGE (MemoryError) and its memory is given back, so the next job has the same bound. What an
address-space limit cannot bound is slow growth across many documents (fragmentation, caches):
the pool recycles a worker after a number of jobs or past a resident-memory bound
(apps/api/src/adapters/local/warm-worker-pool.ts), and kills it when a job outlives
PARSE_TIMEOUT_SECONDS.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
from dataclasses import dataclass
from types import FrameType
from typing import Any, TextIO

from invoice_parser import errors
from invoice_parser.cli import EXIT_OK, run_job

log = logging.getLogger("invoice_parser")

# The request's fields, and what each is called in run_job.
_REQUEST_FIELDS = ("jobId", "attempt", "input", "output", "errorOutput")


@dataclass(frozen=True)
class WorkerJob:
    job_id: str
    attempt: int
    input: str
    output: str
    error_output: str


class _StopRequestedError(Exception):
    """SIGTERM while waiting for a job: leave the read loop."""


class _Lifecycle:
    """SIGTERM while idle stops at once; while busy it stops after the job in hand."""

    def __init__(self) -> None:
        self.busy = False
        self.stopping = False

    def on_sigterm(self, _signum: int, _frame: FrameType | None) -> None:
        self.stopping = True
        if not self.busy:
            raise _StopRequestedError


def serve(debug: bool = False, requests: TextIO | None = None, answers: TextIO | None = None) -> int:
    """Read jobs until EOF or SIGTERM; returns the exit status."""
    answers = answers if answers is not None else _protocol_stdout()
    requests = requests if requests is not None else sys.stdin
    _warm_up()
    lifecycle = _Lifecycle()
    signal.signal(signal.SIGTERM, lifecycle.on_sigterm)
    try:
        while not lifecycle.stopping:
            line = requests.readline()
            if line == "":
                break
            if not line.strip():
                continue
            lifecycle.busy = True
            try:
                answer = _handle(line, debug)
            finally:
                lifecycle.busy = False
            answers.write(json.dumps(answer) + "\n")
            answers.flush()
    except _StopRequestedError:
        pass
    return EXIT_OK


def _handle(line: str, debug: bool) -> dict[str, Any]:
    try:
        job = read_request(line)
    except ValueError as error:
        log.error("%s: %s", errors.VALIDATION_FAILED, error)
        return {"jobId": None, "attempt": None, "outcome": "failed", "code": errors.VALIDATION_FAILED}
    _, summary = run_job(job.input, job.output, job.error_output, job.job_id, job.attempt, debug)
    if summary.get("status") == "parsed":
        return {"jobId": job.job_id, "attempt": job.attempt, "outcome": "parsed", "code": None}
    if not summary:
        # Nothing recorded: the store was unavailable, or not even the error record could be written (the
        # log line says which). The job must be tried again, not taken as a document error: the runner
        # releases it (a receive or a delivery counted, so a store that never recovers still ends it).
        return {"jobId": job.job_id, "attempt": job.attempt, "outcome": "unrecorded", "code": None}
    return {"jobId": job.job_id, "attempt": job.attempt, "outcome": "failed", "code": summary["code"]}


def read_request(line: str) -> WorkerJob:
    """One request line, or one SQS message body (queue_worker.py): the same fields, the same checks."""
    try:
        request = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"a request line is not JSON: {error.msg}") from None
    if not isinstance(request, dict):
        raise ValueError("a request line is not a JSON object")
    missing = [name for name in _REQUEST_FIELDS if name not in request]
    if missing:
        raise ValueError(f"a request lacks {', '.join(missing)}")
    attempt = request["attempt"]
    if not isinstance(attempt, int) or isinstance(attempt, bool) or attempt < 1:
        raise ValueError(f"attempt must be a positive whole number, got {attempt!r}")
    strings = [request[name] for name in ("jobId", "input", "output", "errorOutput")]
    if not all(isinstance(value, str) and value for value in strings):
        raise ValueError("jobId, input, output and errorOutput must be non-empty strings")
    return WorkerJob(request["jobId"], attempt, request["input"], request["output"], request["errorOutput"])


def _protocol_stdout() -> TextIO:
    """The answers keep the real stdout to themselves; anything else written to fd 1 (a library's
    print, a child process such as tesseract) lands on stderr instead of corrupting the protocol."""
    sys.stdout.flush()
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8", buffering=1)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    return answers


def _warm_up() -> None:
    """Import the parser's modules now, so that the first job pays no more than the others."""
    from invoice_parser import limits, parser, settings  # noqa: F401
    from invoice_parser.io import read_bytes  # noqa: F401
