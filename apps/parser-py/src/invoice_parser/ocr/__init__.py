"""OCR: the words of scanned PDF pages and of image uploads (PNG, JPEG, TIFF), read by tesseract into
the same PageText a text layer gives, so that one reader handles both.

Only pages without text are read: a PDF mixing typed and scanned pages keeps its text layer where
it has one. Blank pages are never sent to the engine, so a text PDF with an empty last page parses
the same whether or not tesseract is installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from invoice_parser.errors import CORRUPT, ParserError
from invoice_parser.extract.words import PageText
from invoice_parser.ocr.pages import OcrPages, read_rasters
from invoice_parser.ocr.raster import Raster, image_frames, image_media_type, render_pdf_page
from invoice_parser.settings import Settings

__all__ = ["OcrReport", "image_media_type", "read_image", "with_scanned_pages"]

# An image over this share of the page's area makes it a scan.
_SCAN_COVERAGE = 0.5


@dataclass(frozen=True)
class OcrReport:
    """Which pages (1-based) OCR read, and with what."""

    engine: str
    pages: tuple[int, ...]

    def to_json(self) -> dict[str, object]:
        return {"engine": self.engine, "pages": list(self.pages)}


def with_scanned_pages(
    data: bytes, pages: list[PageText], settings: Settings
) -> tuple[list[PageText], OcrReport | None]:
    """pages with each page that has no text, or is a scan with a few words stamped on it, replaced
    by its OCR reading."""
    missing = _needing_ocr(data, pages, settings)
    if not missing:
        return pages, None
    reader = OcrPages(settings)
    reader.check_count(len(missing))
    read = {page.number: page for page in read_rasters(reader, _rendered(data, missing, settings))}
    return [read.get(page.number, page) for page in pages], _report(reader)


def read_image(data: bytes, settings: Settings) -> tuple[list[PageText], OcrReport | None]:
    """The pages of a PNG, JPEG or TIFF upload (a TIFF's frames are its pages)."""
    reader = OcrPages(settings)
    frames = image_frames(data, settings.ocr_dpi, settings.ocr_max_pixels, settings.ocr_max_pages)
    pages = read_rasters(reader, enumerate(frames, start=1))
    return pages, _report(reader)


def _needing_ocr(data: bytes, pages: list[PageText], settings: Settings) -> list[int]:
    empty = {page.number for page in pages if page.char_count < settings.min_text_chars}
    sparse = [
        page.number
        for page in pages
        if page.number not in empty and page.char_count < settings.ocr_sparse_text_chars
    ]
    if not sparse:
        return sorted(empty)
    # A fax header or a page number stamped over a scanned page is all its text layer holds.
    with _opened(data) as document:
        stamped = {number for number in sparse if number <= len(document) and _scanned(document[number - 1])}
    return sorted(empty | stamped)


def _scanned(page: pdfium.PdfPage) -> bool:
    """Whether one image covers most of the page, as a scan does."""
    try:
        width, height = page.get_size()
        for item in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=4):
            left, bottom, right, top = item.get_bounds()
            if (right - left) * (top - bottom) >= _SCAN_COVERAGE * width * height:
                return True
        return False
    finally:
        page.close()


@contextmanager
def _opened(data: bytes) -> Iterator[pdfium.PdfDocument]:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise ParserError(CORRUPT, f"the PDF cannot be opened to render its pages: {error}") from None
    try:
        yield document
    finally:
        document.close()


def _rendered(data: bytes, numbers: list[int], settings: Settings) -> Iterator[tuple[int, Raster]]:
    with _opened(data) as document:
        for number in numbers:
            if number <= len(document):
                yield number, render_pdf_page(document, number - 1, settings.ocr_dpi, settings.ocr_max_pixels)


def _report(reader: OcrPages) -> OcrReport | None:
    engine = reader.engine_name
    return None if engine is None or not reader.pages_read else OcrReport(engine, tuple(reader.pages_read))
