"""The engine comparison of issue "Scanned invoices and photos": the parser with RapidOCR in place of
tesseract (reader `rapidocr`, scanned corpora only). RapidOCR 3.10 is the PyPI engine that carries its
models in its wheel (PP-OCRv6 small detector and multilingual Latin recogniser, 27 MB of wheel), so
it could be a default `npm install` brings; this reader measures whether it should be.

RapidOCR runs in a virtual environment of its own (bench/.venv-rapidocr, made on first use by
bench_dependencies): onnxruntime and opencv stay out of the parser's. bench/rapidocr_worker.py serves
it there; this side hands it each page image the parser would hand tesseract (rendered, flattened,
levelled: invoice_parser/ocr/pages.py) and gets tesseract's TSV back, so the words reach the same
word, row and table readers. RapidOCR reports no page orientation: a page on its side stays as read
(the scanned corpora are upright, slanted by at most 2 degrees).
"""

from __future__ import annotations

import struct
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from bench_dependencies import OWN_ENVIRONMENTS, environment

from invoice_parser.ocr.engine import Orientation

PYTHON = environment("rapidocr") / "bin" / "python"
WORKER = Path(__file__).resolve().with_name("rapidocr_worker.py")
# The version pinned for its environment, "rapidocr==3.10.0" -> "3.10.0".
VERSION = OWN_ENVIRONMENTS["rapidocr"][1][0].split("==")[1]


@dataclass
class RapidOcr:
    """The Tesseract engine's interface (invoice_parser/ocr/engine.py) over a RapidOCR worker."""

    process: subprocess.Popen[bytes] = field(init=False)

    def __post_init__(self) -> None:
        # Started with the reader, models loaded before the first timed read.
        self.process = subprocess.Popen(
            [str(PYTHON), str(WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert self.process.stdout is not None
        if self.process.stdout.readline() != b"ready\n":
            raise RuntimeError("the RapidOCR worker did not start")

    @property
    def name(self) -> str:
        return f"rapidocr {VERSION}"

    def words_tsv(self, image: bytes, dpi: int, timeout: float) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(struct.pack(">I", len(image)) + image)
        self.process.stdin.flush()
        (size,) = struct.unpack(">I", self.process.stdout.read(4))
        return self.process.stdout.read(size).decode("utf-8")

    def orientation(self, image: bytes, dpi: int, timeout: float) -> Orientation | None:
        return None


def use_rapidocr() -> None:
    """Every OCR page of this process read by RapidOCR instead of tesseract."""
    from invoice_parser.ocr import pages

    engine = RapidOcr()
    pages.find_tesseract = lambda binary, languages: engine  # type: ignore[assignment,return-value]
