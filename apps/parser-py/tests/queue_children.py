"""Stand-ins for the warm worker (`python -m invoice_parser worker`) that the queue worker tests hand their
command to. Each speaks the worker's JSON-lines protocol and notes every request it is given, one line
each, in LOG, so a test counts how often a message was really worked on.

    queue_children.py crash LOG          dies by SIGKILL on every job (a poison document)
    queue_children.py slow LOG SECONDS   sleeps, then parses as the real worker does (cli.run_job)
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

from invoice_parser.cli import run_job
from invoice_parser.worker import read_request


def main(argv: list[str]) -> int:
    mode, log = argv[1], Path(argv[2])
    for line in sys.stdin:
        with log.open("a", encoding="utf-8") as notes:
            notes.write(line if line.endswith("\n") else line + "\n")
        if mode == "crash":
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(float(argv[3]))
        job = read_request(line)
        _, summary = run_job(job.input, job.output, job.error_output, job.job_id, job.attempt, False)
        parsed = summary.get("status") == "parsed"
        answer = {
            "jobId": job.job_id,
            "attempt": job.attempt,
            "outcome": "parsed" if parsed else "failed",
            "code": None if parsed else summary.get("code"),
        }
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
