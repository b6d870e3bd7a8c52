"""The OCR peer (issue "Scanned invoices and photos"): ocrmypdf, which runs the same tesseract, adds a
text layer to the scan, and the naive pdfplumber reader (bench/naive_baseline.py) reads the result.
What a user builds in an afternoon for scanned invoices.

ocrmypdf runs as a command, from a virtual environment of its own (bench/.venv-ocrmypdf, made on
first use by bench_dependencies.ensure_own_environments): its wheel pins a pdfminer.six and a pikepdf that
the parser's environment must not be made to share. Version 17 rasterises with pypdfium2 and writes a
plain PDF without Ghostscript (`--output-type pdf`: PDF/A needs Ghostscript or veraPDF, and the
output is only read); it needs no unpaper, jbig2 or pngquant for these options.

The options are those its documentation gives for scans, with the parser's languages: `--skip-text`
(pages with text keep it, as in the parser), `--deskew` and `--rotate-pages` (the parser corrects slant
and rotation too), `--optimize 0` (no image recompression: it changes no text and would time work the
reader does not need), `--jobs 1` (the parser reads on one core). Its time is one ocrmypdf process
per file, start-up included, then the naive read.

It takes image files as the parser does (PNG, JPEG, TIFF with all its frames): ocrmypdf wraps them in a
PDF with img2pdf, a dependency of its own, at the resolution they declare (it refuses an image that
declares none or 96 dpi or less; the benchmark's images declare theirs).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Any

from bench_dependencies import environment
from naive_baseline import read_naive

from invoice_parser.ocr import image_media_type
from invoice_parser.settings import Settings

EXECUTABLE = environment("ocrmypdf") / "bin" / "ocrmypdf"
# The parser's languages, in its order; ocrmypdf passes them to tesseract as given.
LANGUAGES = Settings().ocr_languages
OPTIONS = (
    "--skip-text",
    "--deskew",
    "--rotate-pages",
    "--optimize",
    "0",
    "--output-type",
    "pdf",
    "--jobs",
    "1",
    "--quiet",
)
# ocrmypdf's own per-page tesseract timeout is 180 s; a whole file gets this much before it counts as
# failed (a 6-page scan takes about 25 s on this machine).
FILE_TIMEOUT_SECONDS = 600
# The input's name as its content says; ocrmypdf sniffs content too, the name only makes its log plain.
SUFFIXES = {"image/png": ".png", "image/jpeg": ".jpg", "image/tiff": ".tif"}


class OcrmypdfError(RuntimeError):
    """ocrmypdf ended with an error; the benchmark counts the file as failed, under this name."""


def ocr_pdf(data: bytes) -> bytes:
    """The same PDF, or the image wrapped as one, with ocrmypdf's text layer added."""
    suffix = SUFFIXES.get(image_media_type(data) or "", ".pdf")
    with tempfile.TemporaryDirectory(prefix="ocrmypdf-peer-") as scratch:
        source, target = Path(scratch) / f"in{suffix}", Path(scratch) / "out.pdf"
        source.write_bytes(data)
        done = subprocess.run(
            [str(EXECUTABLE), *OPTIONS, "-l", LANGUAGES, str(source), str(target)],
            capture_output=True,
            text=True,
            timeout=FILE_TIMEOUT_SECONDS,
        )
        if done.returncode != 0:
            raise OcrmypdfError(f"ocrmypdf exit {done.returncode}: {done.stderr.strip()[-500:]}")
        return target.read_bytes()


def read_ocrmypdf(data: bytes) -> dict[str, Any]:
    return read_naive(ocr_pdf(data))
