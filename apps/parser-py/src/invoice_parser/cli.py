"""Command line: `parse FILE` prints a ParseResult; `run --input --output --error-output` is the job
runner's entry point (subprocess now, an ECS task later); `worker` parses job after job (worker.py);
`queue-worker` feeds warm workers from the SQS parse queue (queue_worker.py).

stdout carries exactly one JSON document (parse) or at most one summary line (run); diagnostics go
to stderr as one line, with the traceback only when INVOICE_PARSER_DEBUG=1.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from invoice_parser import errors, json_log
from invoice_parser.errors import ParserError, StorageUnavailableError
from invoice_parser.json_log import job_fields

if TYPE_CHECKING:
    from invoice_parser.parser import ParseOutputs

DEBUG_ENV = "INVOICE_PARSER_DEBUG"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
# sysexits' EX_TEMPFAIL: nothing was recorded because the store was unavailable; try the job again later.
EXIT_UNRECORDED = 75

log = logging.getLogger("invoice_parser")


class UsageError(Exception):
    """Bad command-line arguments; reported as VALIDATION_FAILED with exit status 2."""


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_argument_parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(
        prog="invoice-parser", description="Read a supplier invoice (PDF or e-invoice XML)."
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_ArgumentParser)
    parse = commands.add_parser("parse", help="print the ParseResult JSON of FILE on stdout")
    parse.add_argument("file", metavar="FILE")
    run = commands.add_parser("run", help="parse --input and write the result or the error record")
    run.add_argument("--input", required=True, metavar="URI")
    run.add_argument("--output", required=True, metavar="URI")
    run.add_argument("--error-output", required=True, metavar="URI")
    run.add_argument("--job-id", metavar="ID")
    run.add_argument("--attempt", type=int, metavar="N")
    commands.add_parser(
        "worker",
        help="parse job after job: one JSON request per line on stdin, one answer per line on stdout",
    )
    commands.add_parser(
        "queue-worker",
        help="parse the jobs of the SQS queue PARSE_QUEUE_URL with warm workers until SIGTERM",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    debug = os.environ.get(DEBUG_ENV) == "1"
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.DEBUG if debug else logging.WARNING,
        format="invoice-parser: %(message)s",
    )
    try:
        args = build_argument_parser().parse_args(argv)
    except UsageError as error:
        _print_json(ParserError(errors.VALIDATION_FAILED, f"usage: {error}").to_record())
        return EXIT_USAGE
    if args.command == "parse":
        return _guarded(lambda: _parse(args.file), on_error=_print_json, debug=debug)
    if args.command in _JOB_COMMANDS:
        _log_json_lines(debug)
    if args.command == "worker":
        from invoice_parser.worker import serve

        return serve(debug=debug)
    if args.command == "queue-worker":
        from invoice_parser import queue_worker

        return queue_worker.main()
    status, answer = run_job(args.input, args.output, args.error_output, args.job_id, args.attempt, debug)
    if answer:
        print(json.dumps(answer), flush=True)
    return status


def run_job(
    input_uri: str,
    output_uri: str,
    error_output_uri: str,
    job_id: str | None,
    attempt: int | None,
    debug: bool,
) -> tuple[int, dict[str, Any]]:
    """Parse input_uri and write the result or the error record: the one code path of `run` and of the
    worker. Returns the exit status and the summary to report (empty when not even the error record
    could be written)."""
    answer: dict[str, Any] = {}

    def record_error(record: dict[str, Any]) -> None:
        _write_error_record(error_output_uri, record)
        answer.update({"status": "failed", "code": record["error"]["code"]})

    def parse_and_write() -> int:
        answer.update(_run(input_uri, output_uri, job_id, attempt))
        return EXIT_OK

    with job_fields(job_id, attempt):
        started = time.monotonic()
        status = _guarded(parse_and_write, on_error=record_error, debug=debug)
        outcome: dict[str, Any] = {key: answer[key] for key in ("status", "code", "lines") if key in answer}
        outcome["durationMs"] = round((time.monotonic() - started) * 1000)
        log.info("parse finished", extra={"fields": outcome})
    return status, answer


# The commands that parse for a runner: their stderr is a log read by programs (CloudWatch, the local pool).
_JOB_COMMANDS = frozenset({"run", "worker"})


def _log_json_lines(debug: bool) -> None:
    """JSON lines on stderr (json_log.py), one per job at least: its outcome, code and duration."""
    json_log.install()
    # Libraries stay at WARNING even in debug mode: botocore's debug lines carry the signed request's
    # headers (Authorization, the session token).
    logging.getLogger().setLevel(logging.WARNING)
    log.setLevel(logging.DEBUG if debug else logging.INFO)


def _parse(file: str) -> int:
    _print_json(_parse_uri(file).result)
    return EXIT_OK


def _run(input_uri: str, output_uri: str, job_id: str | None, attempt: int | None) -> dict[str, Any]:
    from invoice_parser.io import layout_uri, page_copy_uri, write_once

    outputs = _parse_uri(input_uri)
    result = outputs.result
    # The layout and page copy first: once the result exists the job reads as parsed, and they must be
    # there. Their keys follow the output's (attempt-n.json -> attempt-n.layout.json, attempt-n.pages.pdf),
    # so neither runner (subprocess, ECS task) passes another argument. Each is written once: what an
    # earlier run of this attempt wrote stands (io.write_once says why).
    if outputs.layout is not None:
        write_once(layout_uri(output_uri), _encode_compact(outputs.layout))
    if outputs.page_copy is not None:
        write_once(page_copy_uri(output_uri), outputs.page_copy)
    if not write_once(output_uri, _encode(result)):
        log.warning("kept the result an earlier run of job %s attempt %s wrote", job_id, attempt)
    return {"status": "parsed", "jobId": job_id, "attempt": attempt, "lines": len(result["lines"])}


def _parse_uri(uri: str) -> ParseOutputs:
    # Imported here so that even a broken installation fails with a coded error, not a traceback.
    from invoice_parser import limits
    from invoice_parser.io import read_bytes
    from invoice_parser.parser import parse_document_outputs
    from invoice_parser.settings import Settings

    settings = Settings.from_env()
    limits.install(settings.time_limit_seconds, settings.memory_limit_mib)
    try:
        data = read_bytes(uri, settings.max_bytes)
        # Any library that prints must not corrupt the JSON on stdout.
        with contextlib.redirect_stdout(sys.stderr):
            outputs = parse_document_outputs(data, settings)
    except BaseException:
        limits.finish_quietly()
        raise
    limits.finish()
    return outputs


def _guarded(action: Callable[[], int], on_error: Callable[[dict[str, Any]], None], debug: bool) -> int:
    """Run action; turn every failure (SystemExit aside) into a coded error record handed to on_error."""
    try:
        return action()
    except SystemExit:
        raise
    except StorageUnavailableError as caught:
        # Not the document's fault: an error record would end the job for good (and could not be stored).
        log.error("storage unavailable, nothing recorded: %s", caught, exc_info=caught if debug else None)
        return EXIT_UNRECORDED
    except BaseException as caught:
        failure, status = _coded(caught)
        log.error("%s: %s", failure.code, failure.message, exc_info=caught if debug else None)
    try:
        on_error(failure.to_record())
    except Exception as error:  # nowhere left to report but stderr
        log.error("could not write the error record: %s", error, exc_info=error if debug else None)
    return status


def _coded(caught: BaseException) -> tuple[ParserError, int]:
    if isinstance(caught, ParserError):
        return caught, EXIT_FAILED
    if isinstance(caught, MemoryError):
        return ParserError(errors.TOO_LARGE, "the document needed more memory than allowed"), EXIT_FAILED
    if isinstance(caught, KeyboardInterrupt):
        return ParserError(errors.PARSER_INTERNAL, "interrupted"), EXIT_INTERRUPTED
    if isinstance(caught, RecursionError):
        return ParserError(errors.PARSER_INTERNAL, "the document nests too deeply to be read"), EXIT_FAILED
    return ParserError(errors.PARSER_INTERNAL, f"unexpected {type(caught).__name__}: {caught}"), EXIT_FAILED


def _write_error_record(uri: str, record: dict[str, Any]) -> None:
    from invoice_parser.io import write_once

    # An earlier run's record stands. Should an earlier run have written the result instead, the API
    # reads the result first (reconcile-job.ts), so this record changes nothing.
    write_once(uri, _encode(record))


def _encode(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _encode_compact(document: dict[str, Any]) -> bytes:
    # The layout is read by a program only, and is many times the result's size.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _print_json(document: dict[str, Any]) -> None:
    sys.stdout.write(_encode(document).decode("utf-8"))
    sys.stdout.flush()
