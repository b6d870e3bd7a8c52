"""The readers the benchmark compares, each a function from PDF bytes to (ParseResult-shaped dict or
None, error code or None): this parser, the naive pdfplumber baseline, the camelot peer and, for
scans, the ocrmypdf peer (ocrmypdf's text layer read by the naive baseline) and the parser with
RapidOCR in place of tesseract (the engine comparison). The parser and the ocrmypdf peer also take the
scans as image files; the naive baseline and camelot open PDFs only and are left out there.

A reader's imports happen when it is made, not at its first read, so that the measuring process's
memory baseline already holds them and the timed reads are reads only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from corpora import SCANNED, SCANNED_IMAGES

READERS = ("parser", "baseline", "camelot", "ocrmypdf", "rapidocr")
# The parser itself with one part swapped (rapidocr: another OCR engine): compared with it, not a peer.
ENGINE_VARIANTS = ("rapidocr",)
# Readers that only make sense on some corpora: the OCR ones on scans (a text PDF ocrmypdf leaves as
# it is, and the parser reads without OCR).
SCANS = (*SCANNED, *SCANNED_IMAGES)
ONLY_ON: dict[str, tuple[str, ...]] = {"ocrmypdf": SCANS, "rapidocr": SCANS}
# Readers that open PDFs only: on the corpora of image files they are left out, with a note.
PDF_ONLY = ("baseline", "camelot")
Read = Callable[[bytes], tuple[dict[str, Any] | None, str | None]]


def _guarded(read: Callable[[bytes], dict[str, Any]]) -> Read:
    def guarded(data: bytes) -> tuple[dict[str, Any] | None, str | None]:
        try:
            return read(data), None
        except Exception as error:  # a peer fails as it fails; the benchmark counts it
            return None, type(error).__name__

    return guarded


def make_reader(name: str) -> Read:
    if name == "rapidocr":
        from rapidocr_engine import use_rapidocr

        use_rapidocr()
        name = "parser"
    if name == "parser":
        from invoice_parser.errors import ParserError
        from invoice_parser.parser import parse_document
        from invoice_parser.settings import Settings

        # The printed page only: the embedded XML would read the e-invoices exactly and flatter the parser.
        settings = Settings(ignore_einvoice=True)

        def read(data: bytes) -> tuple[dict[str, Any] | None, str | None]:
            try:
                return parse_document(data, settings), None
            except ParserError as error:
                return None, error.code

        return read
    if name == "baseline":
        from naive_baseline import read_naive

        return _guarded(read_naive)
    if name == "camelot":
        import camelot  # noqa: F401  (loaded now: its import is no part of a read)
        from camelot_peer import read_camelot

        return _guarded(read_camelot)
    if name == "ocrmypdf":
        from ocrmypdf_peer import read_ocrmypdf

        return _guarded(read_ocrmypdf)
    raise ValueError(f"unknown reader {name!r}; choose from {', '.join(READERS)}")


def reads(reader: str, corpus: str) -> bool:
    """Whether the reader takes part on this corpus."""
    if reader in PDF_ONLY and corpus in SCANNED_IMAGES:
        return False
    return reader not in ONLY_ON or corpus in ONLY_ON[reader]


def left_out_note(reader: str, corpus: str) -> str | None:
    """Why a reader that was asked for does not run on this corpus, when the table would hide it."""
    if reader in PDF_ONLY and corpus in SCANNED_IMAGES:
        return f"{corpus}: {reader} left out, it opens PDFs only (pdfplumber cannot read PNG, JPEG or TIFF)"
    return None
