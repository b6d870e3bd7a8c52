"""`python -m invoice_parser queue-worker`: the parser ECS service's process in AWS mode.

It long-polls the parse queue (PARSE_QUEUE_URL) and hands each message, whose body is the warm worker's
request line (worker.py), to one of PARSER_TASK_CONCURRENCY warm `worker` children:
- while a child works, the message's visibility is extended every third of PARSE_VISIBILITY_SECONDS, so a
  long job is never handed to a second consumer;
- the child answered (parsed, or a document error: its outputs are written either way) -> DeleteMessage;
- the child died mid-job (crash, signal, poison document), or outlived the parser's own time limit by a
  margin and was killed -> ChangeMessageVisibility 0: SQS counts the receive, and after maxReceiveCount
  the redrive policy moves the message to the DLQ, whose consumer fails the job PARSE_ABANDONED;
- a body that is not a valid request is deleted and logged VALIDATION_FAILED: retrying cannot mend it.

SIGTERM (ECS scale-in, deploy) or SIGINT: stop receiving, let jobs in hand finish within
PARSE_DRAIN_SECONDS, release the rest, close the children, exit 0. A long poll in progress is waited for
(at most 20 s, inside ECS's 30 s stopTimeout) so whatever it returns is released, not left invisible.

It reads only raw/ and writes only parsed/ and errors/ (through the child's run_job); it never touches
the tables: the API reconciles from the outputs. Logs: one JSON object per line on stderr (json_log.py).
"""

from __future__ import annotations

import random
import signal
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from types import FrameType
from typing import Any, Final, Protocol
from urllib.parse import urlparse

from invoice_parser import errors
from invoice_parser.json_log import Level, log_event
from invoice_parser.queue_settings import QueueWorkerSettings
from invoice_parser.sqs_queue import QueueMessage
from invoice_parser.worker import WorkerJob, read_request
from invoice_parser.worker_child import ChildExitedError, WorkerChild

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_CHILD_COMMAND: Final = (sys.executable, "-m", "invoice_parser", "worker")
EXTENSIONS_PER_VISIBILITY: Final = 3
# A waiting slot looks up at least this often, so a SIGTERM's drain deadline is kept to within it.
_TICK_SECONDS: Final = 0.25
# Receive failures (throttling, network, a queue briefly unreachable) back off exponentially, with full
# jitter so a fleet of tasks does not retry in step, and never longer than a long poll.
RECEIVE_BACKOFF_FIRST_SECONDS: Final = 0.5
RECEIVE_BACKOFF_MAX_SECONDS: Final = 20.0
# The prefixes a message may name: the worker reads only uploads and writes only outputs (issue 16).
_INPUT_PREFIX, _OUTPUT_PREFIX, _ERROR_PREFIX = "raw/", "parsed/", "errors/"
_BODY_PREVIEW_CHARS: Final = 200


class ParseQueue(Protocol):
    """What the worker needs of the queue (sqs_queue.SqsQueue)."""

    def receive(
        self, max_messages: int, visibility_seconds: int, wait_seconds: int
    ) -> list[QueueMessage]: ...

    def delete(self, message: QueueMessage) -> None: ...

    def set_visibility(self, message: QueueMessage, seconds: int) -> None: ...


@dataclass(frozen=True)
class _Outcome:
    level: Level
    message: str
    settle: str  # "delete" | "release"
    fields: dict[str, Any]


class QueueWorker:
    def __init__(
        self,
        queue: ParseQueue,
        settings: QueueWorkerSettings,
        child_command: Sequence[str] = DEFAULT_CHILD_COMMAND,
    ) -> None:
        self.queue = queue
        self.settings = settings
        self.child_command = tuple(child_command)
        self._stopping = threading.Event()
        self._drain_deadline: float | None = None
        self._changed = threading.Condition()
        self._slots = [_Slot(self, index) for index in range(settings.concurrency)]
        self._idle = list(self._slots)

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    @property
    def drain_deadline(self) -> float | None:
        return self._drain_deadline

    def stop(self, reason: str = "stop requested") -> None:
        """Stop receiving; jobs in hand get PARSE_DRAIN_SECONDS from now. Safe from any thread."""
        with self._changed:
            if self._stopping.is_set():
                return
            self._drain_deadline = time.monotonic() + self.settings.drain_seconds
            self._stopping.set()
            self._changed.notify_all()
        log_event("info", "stopping", reason=reason, drainSeconds=self.settings.drain_seconds)

    def run(self) -> int:
        """Poll and dispatch until stop(); returns once every slot has drained and closed its child."""
        settings = self.settings
        log_event(
            "info",
            "queue worker started",
            queueUrl=settings.queue_url,
            concurrency=settings.concurrency,
            visibilitySeconds=settings.visibility_seconds,
            drainSeconds=settings.drain_seconds,
            maxJobsPerChild=settings.max_jobs_per_child,
            jobKillSeconds=settings.job_kill_seconds,
        )
        threads = [
            threading.Thread(target=slot.serve, name=f"slot-{slot.index}", daemon=True)
            for slot in self._slots
        ]
        for thread in threads:
            thread.start()
        failures = 0
        while not self.stopping:
            free = self._wait_for_free_slots()
            if free == 0:
                break
            try:
                messages = self.queue.receive(
                    min(free, 10), settings.visibility_seconds, settings.wait_seconds
                )
            except Exception as error:
                failures += 1
                delay = random.uniform(0, _backoff_cap(failures))
                log_event(
                    "warning",
                    "receive failed; backing off",
                    error=_describe(error),
                    failures=failures,
                    delaySeconds=round(delay, 3),
                )
                self._stopping.wait(delay)
                continue
            failures = 0
            for message in messages:
                self._dispatch(message)
        for slot in self._slots:
            slot.inbox.put(None)
        for thread in threads:
            thread.join()
        log_event("info", "queue worker stopped")
        return EXIT_OK

    def slot_idle(self, slot: _Slot) -> None:
        with self._changed:
            self._idle.append(slot)
            self._changed.notify_all()

    def _wait_for_free_slots(self) -> int:
        with self._changed:
            while not self._idle and not self.stopping:
                self._changed.wait(_TICK_SECONDS)
            return 0 if self.stopping else len(self._idle)

    def _dispatch(self, message: QueueMessage) -> None:
        with self._changed:
            slot = self._idle.pop() if self._idle and not self.stopping else None
        if slot is None:
            # Received by a long poll that outlived the stop: give it back for the next task at once.
            log_event("info", "released unstarted at shutdown", messageId=message.message_id)
            release(self.queue, message)
            return
        slot.inbox.put(message)


class _Slot:
    """One job at a time, on one warm child, which it starts, recycles and replaces."""

    def __init__(self, owner: QueueWorker, index: int) -> None:
        self.owner = owner
        self.index = index
        self.inbox: _Inbox = _Inbox()
        self.child: WorkerChild | None = None
        self._context: dict[str, Any] = {}

    def serve(self) -> None:
        try:
            self._ensure_child()  # warm before the first message
        except OSError as error:
            log_event("error", "could not start a parser child", error=_describe(error), slot=self.index)
        while True:
            message = self.inbox.get()
            if message is None:
                break
            try:
                self._handle(message)
            except Exception as error:  # a bug here must cost one message's delivery, not the slot
                log_event(
                    "error", "job handling failed", error=_describe(error), messageId=message.message_id
                )
                self._discard_child()
                release(self.owner.queue, message)
            finally:
                self._context = {}
                self.owner.slot_idle(self)
        if self.child is not None:
            self.child.close()

    def _handle(self, message: QueueMessage) -> None:
        ids: dict[str, Any] = {
            "jobId": None,
            "attempt": None,
            "messageId": message.message_id,
            "receiveCount": message.receive_count,
        }
        try:
            job = read_request(message.body)
            _check_locations(job)
        except ValueError as error:
            log_event(
                "error",
                f"{errors.VALIDATION_FAILED}: {error}; message deleted",
                code=errors.VALIDATION_FAILED,
                body=message.body[:_BODY_PREVIEW_CHARS],
                **ids,
            )
            _settle(self.owner.queue, message, "delete", ids)
            return
        ids.update(jobId=job.job_id, attempt=job.attempt)
        if self.owner.stopping:  # handed over just as the stop came: the next task starts it afresh
            log_event("info", "job released unstarted at shutdown", **ids)
            _settle(self.owner.queue, message, "release", ids)
            return
        self._context = ids
        started = time.monotonic()
        child = self._ensure_child()
        log_event("info", "job started", pid=child.pid, **ids)
        outcome = self._run(child, job, message, started)
        duration_ms = round((time.monotonic() - started) * 1000)
        log_event(
            outcome.level, outcome.message, durationMs=duration_ms, pid=child.pid, **ids, **outcome.fields
        )
        _settle(self.owner.queue, message, outcome.settle, ids)
        if outcome.settle == "delete":
            child.jobs_done += 1
            if child.jobs_done >= self.owner.settings.max_jobs_per_child:
                log_event("info", "child recycled", pid=child.pid, jobsDone=child.jobs_done, slot=self.index)
                self._retire_child()
        elif not self.owner.stopping:
            self._ensure_child()  # the successor warms up before the next message

    def _run(self, child: WorkerChild, job: WorkerJob, message: QueueMessage, started: float) -> _Outcome:
        settings = self.owner.settings
        interval = settings.visibility_seconds / EXTENSIONS_PER_VISIBILITY
        next_extension = started + interval
        kill_at = started + settings.job_kill_seconds if settings.job_kill_seconds is not None else None
        try:
            child.send(_request(job))
            while True:
                now = time.monotonic()
                answer = child.answer(min(next_extension - now, _TICK_SECONDS))
                if answer is not None:
                    return self._answered(child, job, answer)
                now = time.monotonic()
                drain_deadline = self.owner.drain_deadline
                if drain_deadline is not None and now >= drain_deadline:
                    self._discard_child()
                    return _Outcome("warning", "job released at shutdown: the drain ran out", "release", {})
                if kill_at is not None and now >= kill_at:
                    self._discard_child()
                    return _Outcome(
                        "error",
                        "job released: the child outlived the parser's time limit and was killed",
                        "release",
                        {"code": errors.TIMEOUT, "limitSeconds": settings.job_kill_seconds},
                    )
                if now >= next_extension:
                    _extend(self.owner.queue, message, settings.visibility_seconds, self._context)
                    next_extension = now + interval
        except ChildExitedError as error:
            self.child = None
            return _Outcome(
                "error", "job released: the parser child died mid-job", "release", {"how": str(error)}
            )

    def _answered(self, child: WorkerChild, job: WorkerJob, answer: dict[str, Any] | str) -> _Outcome:
        if (
            not isinstance(answer, dict)
            or answer.get("jobId") != job.job_id
            or answer.get("attempt") != job.attempt
        ):
            self._discard_child()
            return _Outcome(
                "error",
                "job released: the child answered out of protocol",
                "release",
                {"answer": str(answer)},
            )
        outcome = answer.get("outcome")
        fields = {"outcome": outcome, "code": answer.get("code")}
        if outcome == "parsed":
            return _Outcome("info", "job parsed", "delete", fields)
        # A document error: the error record is written, and a second attempt would read the same bytes.
        return _Outcome("warning", "job failed", "delete", fields)

    def _ensure_child(self) -> WorkerChild:
        if self.child is None or not self.child.alive:
            self.child = WorkerChild(self.owner.child_command, self._relay)
            log_event("info", "child started", pid=self.child.pid, slot=self.index)
        return self.child

    def _retire_child(self) -> None:
        child, self.child = self.child, None
        if child is not None:
            child.close()
        if not self.owner.stopping:
            self._ensure_child()

    def _discard_child(self) -> None:
        child, self.child = self.child, None
        if child is not None:
            child.kill()

    def _relay(self, line: str) -> None:
        """The child's own log line (a coded failure, a warning), with the job it was working on."""
        log_event("warning", line, source="parser", slot=self.index, **self._context)


class _Inbox:
    """A one-message hand-over from the receive loop to a slot; None tells the slot to close."""

    def __init__(self) -> None:
        self._items: list[QueueMessage | None] = []
        self._ready = threading.Condition()

    def put(self, item: QueueMessage | None) -> None:
        with self._ready:
            self._items.append(item)
            self._ready.notify()

    def get(self) -> QueueMessage | None:
        with self._ready:
            while not self._items:
                self._ready.wait()
            return self._items.pop(0)


def release(queue: ParseQueue, message: QueueMessage) -> None:
    _settle(queue, message, "release", {"messageId": message.message_id})


def _settle(queue: ParseQueue, message: QueueMessage, how: str, ids: dict[str, Any]) -> None:
    """Delete or release; a failure is logged, never raised: SQS redelivers a message not deleted once its
    visibility runs out, and the API takes the first output of an attempt, so the worst case is a re-parse."""
    try:
        if how == "delete":
            queue.delete(message)
        else:
            queue.set_visibility(message, 0)
    except Exception as error:
        log_event("warning", f"could not {how} the message", error=_describe(error), **ids)


def _extend(queue: ParseQueue, message: QueueMessage, seconds: int, ids: dict[str, Any]) -> None:
    try:
        queue.set_visibility(message, seconds)
    except Exception as error:
        # The next tick tries again; a lost message is at worst parsed twice into the same keys.
        log_event("warning", "could not extend the visibility", error=_describe(error), **ids)


def _request(job: WorkerJob) -> dict[str, Any]:
    return {
        "jobId": job.job_id,
        "attempt": job.attempt,
        "input": job.input,
        "output": job.output,
        "errorOutput": job.error_output,
    }


def _check_locations(job: WorkerJob) -> None:
    """A message may name S3 uploads and outputs only: never a local file, never another prefix."""
    for field, uri, prefix in (
        ("input", job.input, _INPUT_PREFIX),
        ("output", job.output, _OUTPUT_PREFIX),
        ("errorOutput", job.error_output, _ERROR_PREFIX),
    ):
        parsed = urlparse(uri)
        if parsed.scheme != "s3" or not parsed.netloc or not parsed.path.lstrip("/").startswith(prefix):
            raise ValueError(f"{field} must be an s3:// URI under {prefix}, got {uri!r}")


def _backoff_cap(failures: int) -> float:
    return float(min(RECEIVE_BACKOFF_MAX_SECONDS, RECEIVE_BACKOFF_FIRST_SECONDS * 2 ** (failures - 1)))


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def serve(
    settings: QueueWorkerSettings,
    queue: ParseQueue,
    child_command: Sequence[str] = DEFAULT_CHILD_COMMAND,
) -> int:
    """Run until SIGTERM or SIGINT (main thread only: it installs the handlers)."""
    worker = QueueWorker(queue, settings, child_command)

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        # stop() takes locks the interrupted main thread may hold: it runs on a thread of its own.
        threading.Thread(target=worker.stop, args=(signal.Signals(signum).name,), daemon=True).start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    return worker.run()


def main() -> int:
    """The CLI's entry: settings from the environment, the queue through boto3."""
    from invoice_parser.errors import ParserError
    from invoice_parser.sqs_queue import SqsQueue

    try:
        settings = QueueWorkerSettings.from_env()
    except ParserError as error:
        log_event("error", error.message, code=error.code, **error.details)
        return EXIT_USAGE
    try:
        queue = SqsQueue(settings.queue_url)
    except Exception as error:  # boto3 missing, no region: the task cannot work at all
        log_event("error", "cannot reach SQS", code=errors.PARSER_INTERNAL, error=_describe(error))
        return EXIT_FAILED
    try:
        return serve(settings, queue)
    except Exception as error:
        log_event("error", "queue worker failed", code=errors.PARSER_INTERNAL, error=_describe(error))
        return EXIT_FAILED
