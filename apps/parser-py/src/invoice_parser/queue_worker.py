"""`python -m invoice_parser queue-worker`: the parser ECS service's process in AWS mode.

It long-polls the parse queue (PARSE_QUEUE_URL) and hands each message, whose body is the warm worker's
request line (worker.py), to one of PARSER_TASK_CONCURRENCY slots, each with a warm `worker` child
(queue_slot.py):
- while a child works, the message's visibility is extended every third of PARSE_VISIBILITY_SECONDS, so a
  long job is never handed to a second consumer;
- the child answered (parsed, or a document error: its outputs are written either way) -> DeleteMessage;
- the child died mid-job (crash, signal, poison document), or outlived the parser's own time limit by a
  margin and was killed -> ChangeMessageVisibility 0: SQS counts the receive, and after maxReceiveCount
  the redrive policy moves the message to the DLQ, whose consumer fails the job PARSE_ABANDONED;
- a body that is not a valid request is deleted and logged VALIDATION_FAILED: retrying cannot mend it.
It receives only as many messages as it has slots ready (a live child past its imports): with a broken
image it takes none, rather than burning the queue into the DLQ.

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
from types import FrameType
from typing import Any, Final

from invoice_parser import errors, json_log
from invoice_parser.json_log import log_event
from invoice_parser.queue_settings import QueueWorkerSettings
from invoice_parser.queue_slot import TICK_SECONDS, Slot, describe, settle
from invoice_parser.sqs_queue import ParseQueue, QueueMessage

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_CHILD_COMMAND: Final = (sys.executable, "-m", "invoice_parser", "worker")
# SQS hands out at most 10 messages per receive.
MAX_MESSAGES_PER_RECEIVE: Final = 10
# Receive failures (throttling, network, a queue briefly unreachable) back off exponentially, with full
# jitter so a fleet of tasks does not retry in step, and never longer than a long poll.
RECEIVE_BACKOFF_FIRST_SECONDS: Final = 0.5
RECEIVE_BACKOFF_MAX_SECONDS: Final = 20.0


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
        self._slots = [Slot(self, index) for index in range(settings.concurrency)]
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

    def slot_idle(self, slot: Slot) -> None:
        with self._changed:
            self._idle.append(slot)
            self._changed.notify_all()

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
        threads = [threading.Thread(target=slot.serve, name=f"slot-{slot.index}") for slot in self._slots]
        for thread in threads:
            thread.start()
        failures = 0
        while True:
            room = self._wait_for_room()
            if room == 0:
                break
            try:
                messages = self.queue.receive(
                    min(room, MAX_MESSAGES_PER_RECEIVE), settings.visibility_seconds, settings.wait_seconds
                )
            except Exception as error:
                failures += 1
                delay = random.uniform(0, _backoff_cap(failures))
                log_event(
                    "warning",
                    "receive failed; backing off",
                    error=describe(error),
                    failures=failures,
                    delaySeconds=round(delay, 3),
                )
                self._stopping.wait(delay)
                continue
            failures = 0
            for message in messages:
                self._dispatch(message)
        for slot in self._slots:
            slot.hand(None)
        for thread in threads:
            thread.join()
        log_event("info", "queue worker stopped")
        return EXIT_OK

    def _wait_for_room(self) -> int:
        """How many idle slots are ready for a message; 0 once stopping."""
        with self._changed:
            while not self.stopping:
                ready = sum(1 for slot in self._idle if slot.ready)
                if ready:
                    return ready
                # Readiness changes without a notification (a child settles, dies, is started again).
                self._changed.wait(TICK_SECONDS)
            return 0

    def _dispatch(self, message: QueueMessage) -> None:
        with self._changed:
            slot = None
            if not self.stopping and self._idle:
                # A slot whose child died since the count still takes it, and starts a child at once.
                slot = next((each for each in self._idle if each.ready), self._idle[0])
                self._idle.remove(slot)
        if slot is None:
            # Brought by a long poll that outlived the stop: give it back for the next task at once.
            ids: dict[str, Any] = {"messageId": message.message_id, "receiveCount": message.receive_count}
            log_event("info", "message released unstarted at shutdown", **ids)
            settle(self.queue, message, "release", ids)
            return
        slot.hand(message)


def _backoff_cap(failures: int) -> float:
    return float(min(RECEIVE_BACKOFF_MAX_SECONDS, RECEIVE_BACKOFF_FIRST_SECONDS * 2 ** (failures - 1)))


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

    json_log.install()
    try:
        settings = QueueWorkerSettings.from_env()
    except ParserError as error:
        log_event("error", error.message, code=error.code, **error.details)
        return EXIT_USAGE
    try:
        # A connection per slot, and one for the long poll.
        queue = SqsQueue(settings.queue_url, connections=settings.concurrency + 1)
    except Exception as error:  # boto3 missing, no region: the task cannot work at all
        log_event("error", "cannot reach SQS", code=errors.PARSER_INTERNAL, error=describe(error))
        return EXIT_FAILED
    try:
        return serve(settings, queue)
    except Exception as error:
        log_event("error", "queue worker failed", code=errors.PARSER_INTERNAL, error=describe(error))
        return EXIT_FAILED
