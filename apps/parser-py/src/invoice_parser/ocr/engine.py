"""tesseract 5, run as a program: one page image in on stdin, TSV (a word per row, with its box and
confidence) or the orientation report out on stdout.

A subprocess rather than a binding: no compiled extension to build, the engine's crashes and memory
stay outside this process, and a timeout can kill it. The command is a list (no shell) and the
image travels through a pipe, so nothing from the document reaches a command line or a file name.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass

from invoice_parser.errors import OCR_UNAVAILABLE, TIMEOUT, ParserError

INSTALL_HINT = (
    "install tesseract 5 and its language data, e.g. on Debian or Ubuntu: apt-get install "
    "tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-nld "
    "tesseract-ocr-spa tesseract-ocr-ita (or point INVOICE_PARSER_TESSERACT at the binary)"
)
# tesseract's page segmentation modes used here: 4 reads the page as one column of lines of varying
# size, 0 only reports the orientation and script. Mode 3 (blocks found by layout analysis) was
# measured to drop whole table columns of short numbers as noise; 4 keeps every row's words.
SEGMENT_PAGE = 4
ORIENTATION_ONLY = 0
# Messages that mean an installation problem, not a bad page.
_MISSING_DATA = re.compile(r"Failed loading language|Error opening data file|Could not initialize tesseract")
_ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.MULTILINE)
_ROTATE_CONFIDENCE = re.compile(r"^Orientation confidence:\s*([0-9.]+)", re.MULTILINE)
_VERSION = re.compile(r"tesseract\s+v?(\d+)\.(\d+)\S*")
_MIN_MAJOR_VERSION = 4

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Orientation:
    # Degrees the page must turn clockwise to stand upright (0, 90, 180 or 270), and how sure
    # tesseract is of it (its own scale: above ~2 is a clear call).
    rotate: int
    confidence: float


@dataclass(frozen=True)
class Tesseract:
    binary: str
    version: str
    languages: str

    @property
    def name(self) -> str:
        return f"tesseract {self.version}"

    def words_tsv(self, image: bytes, dpi: int, timeout: float) -> str:
        """The TSV of one page image (PNG bytes); empty when tesseract refuses the image."""
        try:
            return self._run(
                image,
                ["-l", self.languages, "--psm", str(SEGMENT_PAGE), "--dpi", str(dpi), "tsv"],
                timeout,
            )
        except _UnreadableError as error:
            log.warning("tesseract read nothing on a page: %s", error)
            return ""

    def orientation(self, image: bytes, dpi: int, timeout: float) -> Orientation | None:
        """Which way up the page is, or None when tesseract finds too little text to say."""
        try:
            report = self._run(image, ["--psm", str(ORIENTATION_ONLY), "--dpi", str(dpi)], timeout)
        except _UnreadableError:
            return None
        rotate, confidence = _ROTATE.search(report), _ROTATE_CONFIDENCE.search(report)
        if rotate is None or confidence is None:
            return None
        return Orientation(int(rotate.group(1)) % 360, float(confidence.group(1)))

    def _run(self, image: bytes, arguments: list[str], timeout: float) -> str:
        if timeout <= 0:
            raise ParserError(TIMEOUT, "OCR ran out of its time for this document")
        try:
            completed = subprocess.run(
                [self.binary, "stdin", "stdout", *arguments],
                input=image,
                capture_output=True,
                timeout=timeout,
                check=False,
                env=_engine_environment(),
            )
        except subprocess.TimeoutExpired:
            raise ParserError(
                TIMEOUT, f"OCR of a page took longer than {timeout:g} s", {"seconds": timeout}
            ) from None
        except OSError as error:
            raise _unavailable(f"tesseract could not be started ({error.strerror or error})") from None
        stderr = completed.stderr.decode("utf-8", "replace")
        if _MISSING_DATA.search(stderr):
            raise _unavailable(f"tesseract lacks language data for {self.languages}")
        if completed.returncode != 0:
            last = stderr.strip().splitlines()[-1:] or [f"exit status {completed.returncode}"]
            raise _UnreadableError(last[0])
        return completed.stdout.decode("utf-8", "replace")


class _UnreadableError(Exception):
    """tesseract refused this page (too little text for the orientation report, an odd image)."""


def find_tesseract(binary: str, languages: str) -> Tesseract:
    """The engine named by the settings, checked once per document; OCR_UNAVAILABLE otherwise."""
    path = shutil.which(binary)
    if path is None:
        raise _unavailable(f"the OCR engine {binary!r} was not found")
    try:
        completed = subprocess.run(
            [path, "--version"], capture_output=True, timeout=10, check=False, env=_engine_environment()
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise _unavailable(f"{path} --version failed ({error})") from None
    found = _VERSION.search(
        completed.stdout.decode("utf-8", "replace") + completed.stderr.decode("utf-8", "replace")
    )
    if found is None or int(found.group(1)) < _MIN_MAJOR_VERSION:
        raise _unavailable(f"{path} is not tesseract {_MIN_MAJOR_VERSION} or newer")
    return Tesseract(binary=path, version=f"{found.group(1)}.{found.group(2)}", languages=languages)


def _engine_environment() -> dict[str, str]:
    # One thread: tesseract's OpenMP threads only fight over a shared core (measured four times
    # slower on one core), and the parser's budget is counted per core.
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def _unavailable(reason: str) -> ParserError:
    return ParserError(OCR_UNAVAILABLE, f"{reason}; scanned pages cannot be read: {INSTALL_HINT}")
