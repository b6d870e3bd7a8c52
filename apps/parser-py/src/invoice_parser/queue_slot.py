"""One place in the queue worker: one message at a time, on one warm `worker` child, which the slot starts,
recycles and replaces. The receive loop (queue_worker.py) hands it messages only while it is ready.

Per message: validate the body (worker.read_request, plus where it may read and write), hand it to the
child, extend the visibility while the child works, then delete (answered) or release (the child died,
outlived the time limit, the drain ran out). Every outcome is one JSON log line.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from typing import Any, Final, Literal, Protocol
from urllib.parse import urlparse

from invoice_parser import errors
from invoice_parser.json_log import Level, log_event
from invoice_parser.queue_settings import QueueWorkerSettings
from invoice_parser.sqs_queue import ParseQueue, QueueMessage
from invoice_parser.worker import WorkerJob, read_request
from invoice_parser.worker_child import ChildExitedError, WorkerChild

EXTENSIONS_PER_VISIBILITY: Final = 3
# After a failed extension, the next try comes this soon (or at the usual interval if that is sooner).
EXTENSION_RETRY_SECONDS: Final = 5.0
# A slot looks up at least this often: a SIGTERM's drain deadline is kept to within it.
TICK_SECONDS: Final = 0.25
# A child that died idle is started again after this, doubling per death in a row, up to the cap.
RESPAWN_FIRST_SECONDS: Final = 1.0
RESPAWN_MAX_SECONDS: Final = 30.0
# As the local pool (warm-worker-pool.ts): a child this big after a job is replaced, whatever its count.
MAX_CHILD_RSS_BYTES: Final = 512 * 1024 * 1024
# The prefixes a message may name: the worker reads only uploads and writes only outputs (issue 16).
_LOCATIONS: Final = (("input", "raw/"), ("output", "parsed/"), ("errorOutput", "errors/"))
_BODY_PREVIEW_CHARS: Final = 200

Settle = Literal["delete", "release"]


class SlotOwner(Protocol):
    """What a slot needs of the queue worker that runs it."""

    queue: ParseQueue
    settings: QueueWorkerSettings
    child_command: tuple[str, ...]

    @property
    def stopping(self) -> bool: ...

    @property
    def drain_deadline(self) -> float | None: ...

    def slot_idle(self, slot: Slot) -> None: ...


@dataclass(frozen=True)
class _Outcome:
    level: Level
    message: str
    settle: Settle
    fields: dict[str, Any]


class Slot:
    def __init__(self, owner: SlotOwner, index: int) -> None:
        self.owner = owner
        self.index = index
        self.child: WorkerChild | None = None
        self._spawned_at = 0.0
        self._respawn_at = 0.0
        self._idle_deaths = 0
        self._context: dict[str, Any] = {}
        self._inbox: list[QueueMessage | None] = []
        self._inbox_ready = threading.Condition()

    @property
    def ready(self) -> bool:
        """Alive, and past its imports: the receive loop counts this slot as room for a message."""
        child = self.child
        if child is None or not child.alive:
            return False
        settle_seconds = self.owner.settings.child_settle_seconds
        return child.jobs_done > 0 or time.monotonic() - self._spawned_at >= settle_seconds

    def hand(self, message: QueueMessage | None) -> None:
        """Give the slot a message; None tells it to close its child and end."""
        with self._inbox_ready:
            self._inbox.append(message)
            self._inbox_ready.notify()

    def serve(self) -> None:
        """The slot's thread: take messages until told to close."""
        self._tend()  # warm before the first message
        while True:
            handed, item = self._take()
            if not handed:
                self._tend()
                continue
            if item is None:
                break
            try:
                self._handle(item)
            except Exception as error:  # a bug here must cost one message's delivery, not the slot
                log_event("error", "job handling failed", error=describe(error), messageId=item.message_id)
                self._discard_child()
                settle(self.owner.queue, item, "release", {"messageId": item.message_id})
            finally:
                self._context = {}
                self.owner.slot_idle(self)
        if self.child is not None:
            self.child.close()

    def _take(self) -> tuple[bool, QueueMessage | None]:
        """(True, the item handed over), or (False, None) after a tick with nothing."""
        with self._inbox_ready:
            if not self._inbox:
                self._inbox_ready.wait(TICK_SECONDS)
            return (True, self._inbox.pop(0)) if self._inbox else (False, None)

    def _tend(self) -> None:
        """Between messages: notice a child that died idle, and start one when it is time."""
        now = time.monotonic()
        child = self.child
        if child is not None and not child.alive:
            self.child = None
            self._idle_deaths += 1
            delay = min(RESPAWN_MAX_SECONDS, RESPAWN_FIRST_SECONDS * 2 ** (self._idle_deaths - 1))
            self._respawn_at = now + delay
            log_event(
                "error",
                "parser child exited while idle; no message is taken until a child stays up",
                pid=child.pid,
                how=child.how_it_ended(),
                slot=self.index,
                deathsInARow=self._idle_deaths,
                respawnInSeconds=delay,
            )
        if self.child is None and now >= self._respawn_at and not self.owner.stopping:
            try:
                self._spawn()
            except OSError as error:
                self._idle_deaths += 1
                self._respawn_at = now + RESPAWN_MAX_SECONDS
                log_event("error", "could not start a parser child", error=describe(error), slot=self.index)

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
            settle(self.owner.queue, message, "delete", ids)
            return
        ids.update(jobId=job.job_id, attempt=job.attempt)
        if self.owner.stopping:  # handed over just as the stop came: the next task starts it afresh
            log_event("info", "job released unstarted at shutdown", **ids)
            settle(self.owner.queue, message, "release", ids)
            return
        self._context = ids
        child = self.child if self.child is not None and self.child.alive else self._spawn()
        started = time.monotonic()
        log_event("info", "job started", pid=child.pid, **ids)
        outcome = self._run(child, job, message, started)
        duration_ms = round((time.monotonic() - started) * 1000)
        log_event(
            outcome.level, outcome.message, durationMs=duration_ms, pid=child.pid, **ids, **outcome.fields
        )
        settle(self.owner.queue, message, outcome.settle, ids)
        if outcome.settle == "delete":
            self._idle_deaths = 0
            child.jobs_done += 1
            self._recycle_if_worn(child)
        elif not self.owner.stopping:
            self._spawn()  # the successor warms up before the next message

    def _run(self, child: WorkerChild, job: WorkerJob, message: QueueMessage, started: float) -> _Outcome:
        settings = self.owner.settings
        interval = settings.visibility_seconds / EXTENSIONS_PER_VISIBILITY
        next_extension = started + interval
        kill_at = started + settings.job_kill_seconds if settings.job_kill_seconds is not None else None
        try:
            child.send(_request(job))
            while True:
                answer = child.answer(min(next_extension - time.monotonic(), TICK_SECONDS))
                if answer is not None:
                    return self._answered(job, answer)
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
                    extended = extend(self.owner.queue, message, settings.visibility_seconds, self._context)
                    # A failed extension is tried again soon, not a third of the visibility later: two
                    # failures in a row would otherwise let the message become visible mid-job.
                    next_extension = now + (interval if extended else min(interval, EXTENSION_RETRY_SECONDS))
        except ChildExitedError as error:
            self.child = None
            return _Outcome(
                "error", "job released: the parser child died mid-job", "release", {"how": str(error)}
            )

    def _answered(self, job: WorkerJob, answer: dict[str, Any] | str) -> _Outcome:
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
        if outcome == "unrecorded":
            # Nothing was written (S3 unavailable): released, so SQS delivers it again and the redrive
            # policy still bounds it.
            return _Outcome(
                "warning", "job released: the parser could not record an outcome", "release", fields
            )
        # A document error: its error record is written, and another attempt would read the same bytes.
        return _Outcome("warning", "job failed", "delete", fields)

    def _recycle_if_worn(self, child: WorkerChild) -> None:
        """Slow growth across documents (fragmentation, caches) never accumulates for long."""
        resident = child.resident_bytes()
        if child.jobs_done >= self.owner.settings.max_jobs_per_child:
            worn = f"after {child.jobs_done} jobs"
        elif resident is not None and resident > MAX_CHILD_RSS_BYTES:
            worn = f"at {resident // 2**20} MiB resident"
        else:
            return
        log_event("info", f"child recycled {worn}", pid=child.pid, jobsDone=child.jobs_done, slot=self.index)
        self.child = None
        child.close()
        if not self.owner.stopping:
            self._spawn()

    def _spawn(self) -> WorkerChild:
        child = WorkerChild(self.owner.child_command, self._relay)
        self.child, self._spawned_at = child, time.monotonic()
        log_event("info", "child started", pid=child.pid, slot=self.index)
        return child

    def _discard_child(self) -> None:
        child, self.child = self.child, None
        if child is not None:
            child.kill()

    def _relay(self, line: str) -> None:
        """The child's own log line (a coded failure, its job's outcome), with the job it was working on.
        The child writes JSON lines itself (json_log.py); they are passed on as one line, not nested."""
        record = _json_object(line)
        if record is None:
            log_event("warning", line, source="parser", slot=self.index, **self._context)
            return
        level: Level = record.pop("level", "warning")
        if level not in _LEVELS:
            level = "warning"
        message = str(record.pop("message", ""))
        record.pop("time", None)
        log_event(level, message, **{**self._context, **record, "source": "parser", "slot": self.index})


_LEVELS: Final = ("debug", "info", "warning", "error")


def _json_object(line: str) -> dict[str, Any] | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def settle(queue: ParseQueue, message: QueueMessage, how: Settle, ids: dict[str, Any]) -> None:
    """Delete or release; a failure is logged, never raised: SQS redelivers a message not deleted once its
    visibility runs out, and the API takes the first output of an attempt, so the worst is a re-parse."""
    try:
        if how == "delete":
            queue.delete(message)
        else:
            queue.set_visibility(message, 0)
    except Exception as error:
        log_event("warning", f"could not {how} the message", error=describe(error), **ids)


def extend(queue: ParseQueue, message: QueueMessage, seconds: int, ids: dict[str, Any]) -> bool:
    """True when extended. On failure the caller tries again soon; a message lost anyway is at worst parsed
    twice into the same keys, and outputs are written once (io.write_once)."""
    try:
        queue.set_visibility(message, seconds)
    except Exception as error:
        log_event("warning", "could not extend the visibility", error=describe(error), **ids)
        return False
    return True


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


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
    uris = {"input": job.input, "output": job.output, "errorOutput": job.error_output}
    for field, prefix in _LOCATIONS:
        parsed = urlparse(uris[field])
        if parsed.scheme != "s3" or not parsed.netloc or not parsed.path.lstrip("/").startswith(prefix):
            raise ValueError(f"{field} must be an s3:// URI under {prefix}, got {uris[field]!r}")
