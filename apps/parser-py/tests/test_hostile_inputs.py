"""Hostile documents through `npm run parse -- FILE`, as an operator or the API would run it: each
ends within 30 s and 1.5 GB in a coded error record (non-zero exit, no traceback) or in a result.

Wall time and peak resident memory are measured around the whole command (npm, node and Python),
in a fresh process whose only children are that command, so that its peak is theirs alone.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hostile_pdfs
import pytest
from helpers import only_document

from invoice_parser.contracts import ERROR_SCHEMA, validation_errors

REPO_ROOT = Path(__file__).resolve().parents[3]
TIME_BUDGET_SECONDS = 30
MEMORY_BUDGET_KIB = 1536 * 1024

# Runs the command given as arguments; prints its exit code, wall time and the largest peak RSS
# (KiB, Linux) of any process in its tree that has ended.
_MEASURE = """
import resource, subprocess, sys, time
start = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
elapsed = time.monotonic() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write(done.stderr)
sys.stdout.write(done.stdout)
sys.stdout.write("\\n@@MEASURED %d %.3f %d\\n" % (done.returncode, elapsed, peak))
"""


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    seconds: float
    peak_kib: int
    stdout: str
    stderr: str

    def document(self) -> dict[str, Any]:
        return only_document(self.stdout)


def _npm_parse(file: Path) -> Outcome:
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is needed: the hostile inputs are checked through `npm run parse`")
    completed = subprocess.run(
        [sys.executable, "-c", _MEASURE, npm, "run", "parse", "--", str(file)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
    )
    stdout, _, measured = completed.stdout.rpartition("\n@@MEASURED ")
    exit_code, seconds, peak = measured.split()
    return Outcome(int(exit_code), float(seconds), int(peak), stdout, completed.stderr)


def _assert_within_budget(outcome: Outcome) -> None:
    assert outcome.seconds < TIME_BUDGET_SECONDS, f"took {outcome.seconds:.1f} s"
    assert outcome.peak_kib < MEMORY_BUDGET_KIB, f"peaked at {outcome.peak_kib / 1024:.0f} MiB"
    assert "Traceback" not in outcome.stdout + outcome.stderr


def _assert_coded_error(outcome: Outcome, codes: set[str]) -> None:
    assert outcome.exit_code != 0
    record = outcome.document()
    assert validation_errors(record, ERROR_SCHEMA) == []
    assert record["error"]["code"] in codes, record


@pytest.mark.parametrize(
    ("build", "codes"),
    [
        # Inflating 2 GiB cannot fit under the memory limit: refused as too large, not a crash.
        (hostile_pdfs.deflate_bomb, {"TOO_LARGE"}),
        # pdfium counts the pages before anything is read.
        (hostile_pdfs.many_pages, {"TOO_MANY_PAGES"}),
        # The loop is cut by pdfium's page tree walk; its claimed page count is over the limit.
        (hostile_pdfs.self_referencing_page_tree, {"TOO_MANY_PAGES", "CORRUPT", "EMPTY"}),
    ],
    ids=["deflate-bomb", "3000-pages", "self-referencing-page-tree"],
)
def test_a_hostile_pdf_ends_in_a_coded_error_within_budget(
    tmp_path: Path, build: Callable[[], bytes], codes: set[str]
) -> None:
    file = tmp_path / "hostile.pdf"
    file.write_bytes(build())
    assert file.stat().st_size < 3 * 1024 * 1024  # small on disk, whatever it expands to

    outcome = _npm_parse(file)

    _assert_within_budget(outcome)
    _assert_coded_error(outcome, codes)


def test_deeply_nested_objects_end_in_a_result_or_a_coded_error_within_budget(tmp_path: Path) -> None:
    file = tmp_path / "nested.pdf"
    file.write_bytes(hostile_pdfs.deeply_nested())

    outcome = _npm_parse(file)

    _assert_within_budget(outcome)
    document = outcome.document()
    if outcome.exit_code == 0:
        # The page's own text is still read past the 200,000-deep array in its resources.
        assert document["invoice"]["number"] == "INV-1"
        assert document["lines"] == []
    else:
        _assert_coded_error(outcome, {"CORRUPT", "TOO_LARGE"})


def test_a_valid_pdf_that_is_no_invoice_ends_parsed_with_zero_lines_and_a_warning(fixtures_dir: Path) -> None:
    outcome = _npm_parse(fixtures_dir / "letter.pdf")

    _assert_within_budget(outcome)
    assert outcome.exit_code == 0
    result = outcome.document()
    assert result["lines"] == []
    assert {"NO_LINES_FOUND", "NOT_AN_INVOICE"} <= {warning["code"] for warning in result["warnings"]}


def test_the_measurement_sees_the_parser_process(fixtures_dir: Path) -> None:
    """The budget checks mean something only if the parser's own memory is counted."""
    outcome = _npm_parse(fixtures_dir / "ruled_basic.pdf")

    assert outcome.exit_code == 0
    assert json.loads(outcome.stdout)["invoice"]["number"] == "INV-2026-0142"
    assert outcome.peak_kib > 40 * 1024  # Python with pdfplumber and pdfium loaded
