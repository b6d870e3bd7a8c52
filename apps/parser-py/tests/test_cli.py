"""The command line as the API runs it: a subprocess whose stdout is exactly one JSON document."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import only_document, run_cli

from invoice_parser.contracts import ERROR_SCHEMA, validation_errors
from invoice_parser.page_layout import LAYOUT_SCHEMA


def test_parse_prints_the_result(fixtures_dir: Path) -> None:
    completed = run_cli("parse", str(fixtures_dir / "ruled_basic.pdf"))

    assert completed.returncode == 0
    result = only_document(completed.stdout)
    assert result["invoice"]["number"] == "INV-2026-0142"
    assert validation_errors(result) == []


def test_parse_failure_prints_a_coded_error_without_traceback(fixtures_dir: Path) -> None:
    completed = run_cli("parse", str(fixtures_dir / "not_a_pdf.txt"))

    assert completed.returncode == 1
    record = only_document(completed.stdout)
    assert record["error"]["code"] == "NOT_A_PDF"
    assert validation_errors(record, ERROR_SCHEMA) == []
    assert "Traceback" not in completed.stdout + completed.stderr
    assert len(completed.stderr.strip().splitlines()) == 1


def test_missing_input_is_reported(tmp_path: Path) -> None:
    completed = run_cli("parse", str(tmp_path / "absent.pdf"))

    assert (completed.returncode, only_document(completed.stdout)["error"]["code"]) == (1, "INPUT_NOT_FOUND")


def test_usage_error_exits_2_with_a_coded_error() -> None:
    completed = run_cli("parse")

    assert completed.returncode == 2
    assert only_document(completed.stdout)["error"]["code"] == "VALIDATION_FAILED"
    assert "Traceback" not in completed.stdout + completed.stderr


def test_time_limit_stops_parsing(fixtures_dir: Path) -> None:
    completed = run_cli(
        "parse",
        str(fixtures_dir / "multipage_repeated_header.pdf"),
        env={"INVOICE_PARSER_TIME_LIMIT_SECONDS": "0.001"},
    )

    assert (completed.returncode, only_document(completed.stdout)["error"]["code"]) == (1, "TIMEOUT")


def test_debug_mode_logs_the_traceback_to_stderr_only(fixtures_dir: Path) -> None:
    completed = run_cli("parse", str(fixtures_dir / "not_a_pdf.txt"), env={"INVOICE_PARSER_DEBUG": "1"})

    assert "Traceback" in completed.stderr
    assert only_document(completed.stdout)["error"]["code"] == "NOT_A_PDF"


def test_run_writes_the_result_atomically(fixtures_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "parsed" / "job" / "attempt-1.json"
    error_output = tmp_path / "errors" / "job" / "attempt-1.json"

    completed = run_cli(
        "run",
        "--input",
        (fixtures_dir / "unruled_basic.pdf").as_uri(),
        "--output",
        str(output),
        "--error-output",
        str(error_output),
        "--job-id",
        "job",
        "--attempt",
        "1",
    )

    assert completed.returncode == 0
    assert len(completed.stdout.splitlines()) == 1
    assert validation_errors(json.loads(output.read_text(encoding="utf-8"))) == []
    assert not error_output.exists()
    assert sorted(path.name for path in output.parent.iterdir()) == [
        "attempt-1.json",
        "attempt-1.layout.json",
    ]
    layout = json.loads((output.parent / "attempt-1.layout.json").read_text(encoding="utf-8"))
    assert validation_errors(layout, LAYOUT_SCHEMA) == []


def test_run_writes_the_error_record_on_failure(fixtures_dir: Path, tmp_path: Path) -> None:
    output, error_output = tmp_path / "out.json", tmp_path / "err" / "out.json"

    completed = run_cli(
        "run",
        "--input",
        str(fixtures_dir / "shapes_only.pdf"),
        "--output",
        str(output),
        "--error-output",
        str(error_output),
    )

    assert completed.returncode == 1
    record = json.loads(error_output.read_text(encoding="utf-8"))
    assert record["error"]["code"] == "NO_TEXT_LAYER"
    assert validation_errors(record, ERROR_SCHEMA) == []
    assert not output.exists()


def test_a_second_run_of_the_same_attempt_keeps_the_outputs_of_the_first(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    # A worker killed after writing, whose job is then handed to another, runs the attempt again: the
    # result the API may already have taken must not be replaced, even by a different one.
    output = tmp_path / "parsed" / "job" / "attempt-1.json"
    error_output = tmp_path / "errors" / "job" / "attempt-1.json"
    arguments = ["--output", str(output), "--error-output", str(error_output), "--job-id", "job"]
    assert run_cli("run", "--input", str(fixtures_dir / "unruled_basic.pdf"), *arguments).returncode == 0
    first = output.read_bytes()
    first_inode = output.stat().st_ino

    again = run_cli("run", "--input", str(fixtures_dir / "ruled_basic.pdf"), *arguments)

    assert again.returncode == 0
    assert json.loads(again.stdout)["status"] == "parsed"
    assert output.read_bytes() == first
    assert output.stat().st_ino == first_inode
    assert "kept the result an earlier run" in again.stderr
    written = sorted(path.name for path in output.parent.iterdir())
    assert written == ["attempt-1.json", "attempt-1.layout.json"]


def test_run_logs_json_lines_with_the_job_id_and_attempt_it_was_given(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    completed = run_cli(
        "run",
        "--input",
        str(fixtures_dir / "not_a_pdf.txt"),
        "--output",
        str(tmp_path / "out.json"),
        "--error-output",
        str(tmp_path / "err.json"),
        "--job-id",
        "job-7",
        "--attempt",
        "3",
    )

    lines = [json.loads(line) for line in completed.stderr.splitlines()]
    assert [line["level"] for line in lines] == ["error", "info"]
    assert all(line["jobId"] == "job-7" and line["attempt"] == 3 for line in lines)
    assert lines[0]["message"].startswith("NOT_A_PDF: ")
    end = lines[-1]
    assert (end["message"], end["status"], end["code"]) == ("parse finished", "failed", "NOT_A_PDF")
    assert isinstance(end["durationMs"], int)
    assert "traceback" not in lines[0]
