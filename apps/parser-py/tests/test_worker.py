"""`python -m invoice_parser worker` as the API's warm pool runs it: JSON lines in, one answer per job out."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from invoice_parser.contracts import ERROR_SCHEMA, validation_errors

ANSWER_TIMEOUT_SECONDS = 120


def start_worker(env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "invoice_parser", "worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def job(job_id: str, source: Path, out: Path, attempt: int = 1) -> dict[str, Any]:
    return {
        "jobId": job_id,
        "attempt": attempt,
        "input": source.as_uri(),
        "output": str(out / "parsed" / job_id / f"attempt-{attempt}.json"),
        "errorOutput": str(out / "errors" / job_id / f"attempt-{attempt}.json"),
    }


def converse(lines: list[str], env: dict[str, str] | None = None) -> tuple[list[dict[str, Any]], str, int]:
    """Send every line, close stdin (EOF), and return the answers, stderr and exit status."""
    worker = start_worker(env)
    stdout, stderr = worker.communicate(
        "".join(line + "\n" for line in lines), timeout=ANSWER_TIMEOUT_SECONDS
    )
    return [json.loads(line) for line in stdout.splitlines()], stderr, worker.returncode


def test_parses_job_after_job_and_answers_each_on_its_own_line(fixtures_dir: Path, tmp_path: Path) -> None:
    # Arrange
    good = job("job-a", fixtures_dir / "ruled_basic.pdf", tmp_path)
    refused = job("job-b", fixtures_dir / "not_a_pdf.txt", tmp_path, attempt=2)
    again = job("job-c", fixtures_dir / "unruled_basic.pdf", tmp_path)

    # Act
    answers, stderr, status = converse(
        [json.dumps(good), "{not json", json.dumps(refused), json.dumps({"jobId": "x"}), json.dumps(again)]
    )

    # Assert: a malformed line is answered and the worker keeps going, exiting 0 on EOF
    assert status == 0
    assert answers == [
        {"jobId": "job-a", "attempt": 1, "outcome": "parsed", "code": None},
        {"jobId": None, "attempt": None, "outcome": "failed", "code": "VALIDATION_FAILED"},
        {"jobId": "job-b", "attempt": 2, "outcome": "failed", "code": "NOT_A_PDF"},
        {"jobId": None, "attempt": None, "outcome": "failed", "code": "VALIDATION_FAILED"},
        {"jobId": "job-c", "attempt": 1, "outcome": "parsed", "code": None},
    ]
    result = json.loads(Path(good["output"]).read_text(encoding="utf-8"))
    assert result["invoice"]["number"] == "INV-2026-0142"
    assert validation_errors(result) == []
    assert Path(good["output"]).with_name("attempt-1.layout.json").exists()
    assert not Path(good["errorOutput"]).exists()
    record = json.loads(Path(refused["errorOutput"]).read_text(encoding="utf-8"))
    assert record["error"]["code"] == "NOT_A_PDF"
    assert validation_errors(record, ERROR_SCHEMA) == []
    assert not Path(refused["output"]).exists()
    assert Path(again["output"]).exists()
    assert "Traceback" not in stderr


def test_the_time_limit_holds_for_every_job_not_only_the_first(fixtures_dir: Path, tmp_path: Path) -> None:
    # Arrange: an alarm that was armed once only would let the second document run unbounded
    slow = fixtures_dir / "multipage_repeated_header.pdf"

    # Act
    answers, _, status = converse(
        [json.dumps(job("t1", slow, tmp_path)), json.dumps(job("t2", slow, tmp_path))],
        env={"INVOICE_PARSER_TIME_LIMIT_SECONDS": "0.001"},
    )

    # Assert
    assert status == 0
    assert [(answer["jobId"], answer["code"]) for answer in answers] == [("t1", "TIMEOUT"), ("t2", "TIMEOUT")]
    assert (
        json.loads((tmp_path / "errors" / "t2" / "attempt-1.json").read_text())["error"]["code"] == "TIMEOUT"
    )


def test_the_memory_limit_holds_for_every_job_and_the_worker_survives_it(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    # Arrange: an address-space limit below what parsing any PDF needs, so every document hits it
    invoice = fixtures_dir / "ruled_basic.pdf"

    # Act
    answers, _, status = converse(
        [json.dumps(job("m1", invoice, tmp_path)), json.dumps(job("m2", invoice, tmp_path))],
        env={"INVOICE_PARSER_MEMORY_LIMIT_MIB": "50"},
    )

    # Assert: each job is refused TOO_LARGE with its record, and the worker still answers and ends cleanly
    assert status == 0
    assert [(answer["jobId"], answer["code"]) for answer in answers] == [
        ("m1", "TOO_LARGE"),
        ("m2", "TOO_LARGE"),
    ]
    assert (
        json.loads((tmp_path / "errors" / "m2" / "attempt-1.json").read_text())["error"]["code"]
        == "TOO_LARGE"
    )


def test_an_unwritable_output_is_answered_unrecorded_and_the_worker_goes_on(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    # Arrange: a file where the error record's directory should be, so not even the record can be written;
    # the runner must try the job again (release it), not take it as a document error
    (tmp_path / "blocked").write_text("")
    stuck = {
        **job("j1", fixtures_dir / "not_a_pdf.txt", tmp_path),
        "errorOutput": str(tmp_path / "blocked" / "e.json"),
    }

    # Act
    answers, _, status = converse(
        [json.dumps(stuck), json.dumps(job("j2", fixtures_dir / "ruled_basic.pdf", tmp_path))]
    )

    # Assert
    assert status == 0
    assert answers == [
        {"jobId": "j1", "attempt": 1, "outcome": "unrecorded", "code": None},
        {"jobId": "j2", "attempt": 1, "outcome": "parsed", "code": None},
    ]


def test_sigterm_while_idle_ends_the_worker_cleanly(fixtures_dir: Path, tmp_path: Path) -> None:
    # Arrange: one job answered, so the worker is past its start and waiting for the next
    worker = start_worker()
    assert worker.stdin is not None and worker.stdout is not None
    worker.stdin.write(json.dumps(job("j1", fixtures_dir / "not_a_pdf.txt", tmp_path)) + "\n")
    worker.stdin.flush()
    first = json.loads(worker.stdout.readline())

    # Act
    worker.send_signal(signal.SIGTERM)
    stdout, stderr = worker.communicate(timeout=ANSWER_TIMEOUT_SECONDS)

    # Assert
    assert first["outcome"] == "failed"
    assert (worker.returncode, stdout) == (0, "")
    assert "Traceback" not in stderr


def test_sigterm_while_busy_finishes_the_job_in_hand_then_ends(fixtures_dir: Path, tmp_path: Path) -> None:
    # Arrange: the input is a FIFO, so opening it for writing returns only once the worker is reading it
    fifo = tmp_path / "input.pdf"
    os.mkfifo(fifo)
    worker = start_worker()
    assert worker.stdin is not None
    in_hand = job("busy", fifo, tmp_path)
    worker.stdin.write(json.dumps(in_hand) + "\n" + json.dumps(job("next", fifo, tmp_path)) + "\n")
    worker.stdin.flush()

    # Act
    with fifo.open("wb") as feed:
        worker.send_signal(signal.SIGTERM)
        feed.write((fixtures_dir / "ruled_basic.pdf").read_bytes())
    stdout, stderr = worker.communicate(timeout=ANSWER_TIMEOUT_SECONDS)

    # Assert: the job in hand is parsed and answered; the next one is left for another worker
    assert worker.returncode == 0
    assert [json.loads(line) for line in stdout.splitlines()] == [
        {"jobId": "busy", "attempt": 1, "outcome": "parsed", "code": None}
    ]
    assert Path(in_hand["output"]).exists()
    assert "Traceback" not in stderr
