"""One warm `python -m invoice_parser worker` child of the queue worker, spoken to in JSON lines (worker.py).

Two threads per child read its pipes: answers (stdout) wait in a queue for the slot that asked, and log
lines (stderr) are handed to a callback, so the child's own messages reach the same JSON log.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

# A child given EOF finishes the job in hand (none, when we close it) and exits; past this it is killed.
CLOSE_GRACE_SECONDS = 5.0


class ChildExitedError(Exception):
    """The child's stdout ended: it exited, crashed or was killed, answering nothing more."""


class WorkerChild:
    def __init__(self, command: Sequence[str], on_log_line: Callable[[str], None]) -> None:
        self._process = subprocess.Popen(
            list(command),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            bufsize=1,
            env=os.environ.copy(),
            # A terminal's Ctrl-C reaches the whole foreground group: only the queue worker may decide what
            # a job in hand does on SIGINT (drain, then EOF), so the children get a session of their own.
            start_new_session=True,
        )
        self._answers: queue.Queue[dict[str, Any] | str | None] = queue.Queue()
        self.jobs_done = 0
        threading.Thread(target=self._read_answers, name=f"child-{self.pid}-out", daemon=True).start()
        threading.Thread(
            target=self._read_log, args=(on_log_line,), name=f"child-{self.pid}-err", daemon=True
        ).start()

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def alive(self) -> bool:
        return self._process.poll() is None

    def send(self, request: dict[str, Any]) -> None:
        """Hand over one job; raises ChildExitedError when the child is gone."""
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(json.dumps(request) + "\n")
            stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as error:
            raise ChildExitedError(f"could not hand the job over: {error}") from error

    def answer(self, timeout: float) -> dict[str, Any] | str | None:
        """The next answer (a dict, or the raw line when it is not a JSON object), None when none came
        within timeout; raises ChildExitedError once stdout has ended."""
        try:
            answer = self._answers.get(timeout=max(timeout, 0.0))
        except queue.Empty:
            return None
        if answer is None:
            self._answers.put(None)  # every later call sees the end too
            raise ChildExitedError(self.how_it_ended())
        return answer

    def how_it_ended(self) -> str:
        try:
            status = self._process.wait(timeout=CLOSE_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            return "closed its output but is still running"
        if status < 0:
            try:
                return f"killed by {signal.Signals(-status).name}"
            except ValueError:
                return f"killed by signal {-status}"
        return f"exited with status {status}"

    def resident_bytes(self) -> int | None:
        """Resident memory from /proc (Linux, as on Fargate); None where it cannot be read."""
        try:
            with Path(f"/proc/{self.pid}/status").open(encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            return None
        return None

    def kill(self) -> None:
        """SIGKILL to the child's whole process group: a tesseract it started must not outlive it."""
        if self.alive:
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except OSError:
                self._process.kill()
        self._process.wait()

    def close(self) -> None:
        """EOF on stdin: the warm worker exits 0 once idle; killed if it has not within the grace."""
        try:
            if self._process.stdin is not None:
                self._process.stdin.close()
        except OSError:
            pass
        try:
            self._process.wait(timeout=CLOSE_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            self.kill()

    def _read_answers(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        for line in stdout:
            if not line.strip():
                continue
            try:
                answer = json.loads(line)
            except json.JSONDecodeError:
                answer = line.strip()
            self._answers.put(answer if isinstance(answer, dict) else line.strip())
        stdout.close()
        self._answers.put(None)

    def _read_log(self, on_log_line: Callable[[str], None]) -> None:
        stderr = self._process.stderr
        assert stderr is not None
        for line in stderr:
            if line.strip():
                on_log_line(line.rstrip("\n"))
        stderr.close()
