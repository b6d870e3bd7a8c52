"""OCR: the words of scanned PDF pages and of image uploads (PNG, JPEG, TIFF), read by tesseract into
the same PageText a text layer gives, so that one reader handles both.

Only pages without text are read: a PDF mixing typed and scanned pages keeps its text layer where
it has one. Blank pages are never sent to the engine, so a text PDF with an empty last page parses
the same whether or not tesseract is installed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

import pypdfium2 as pdfium

from invoice_parser.errors import CORRUPT, OCR_UNAVAILABLE, ParserError
from invoice_parser.extract.words import PageText
from invoice_parser.ocr import text_layer
from invoice_parser.ocr.page_copy import PageImage
from invoice_parser.ocr.pages import OcrPages, read_rasters
from invoice_parser.ocr.raster import Raster, image_frames, image_media_type, render_pdf_page
from invoice_parser.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["OcrReport", "image_media_type", "read_image", "with_scanned_pages"]


@dataclass(frozen=True)
class OcrReport:
    """Which pages (1-based) OCR read, and with what; and the image of each page it was given, by number,
    for the page copy (ocr/page_copy.py)."""

    engine: str
    pages: tuple[int, ...]
    images: Mapping[int, PageImage] = field(default_factory=dict, compare=False, repr=False)

    def to_json(self) -> dict[str, object]:
        return {"engine": self.engine, "pages": list(self.pages)}


def with_scanned_pages(
    data: bytes, pages: list[PageText], settings: Settings
) -> tuple[list[PageText], OcrReport | None]:
    """pages with each page that has no text, or is a scan with a few words stamped on it, replaced
    by its OCR reading; and each scan whose invisible OCR layer is garbled (ocr/text_layer.py) read
    again, when tesseract is there to do it."""
    missing = _needing_ocr(data, pages, settings)
    poor = _poor_hidden_layers(data, pages, exclude=set(missing))
    if not missing and not poor:
        return pages, None
    reader = OcrPages(settings)
    reader.check_count(len(missing) + len(poor))
    read = {page.number: page for page in read_rasters(reader, _rendered(data, missing, settings))}
    read.update(_read_again(reader, data, poor, settings))
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
    try:
        return text_layer.covered_by_scan(page)
    finally:
        page.close()


def _poor_hidden_layers(data: bytes, pages: list[PageText], exclude: set[int]) -> list[int]:
    """Pages whose text is a garbled invisible layer over a scan. The words are measured first, so a
    text PDF (whose words are never garbled) is not opened a second time."""
    garbled = [page.number for page in pages if page.number not in exclude and text_layer.is_poor(page.words)]
    if not garbled:
        return []
    with _opened(data) as document:
        return [
            number for number in garbled if number <= len(document) and _hidden_layer(document[number - 1])
        ]


def _hidden_layer(page: pdfium.PdfPage) -> bool:
    try:
        return text_layer.is_hidden_layer_over_scan(page)
    finally:
        page.close()


def _read_again(reader: OcrPages, data: bytes, numbers: list[int], settings: Settings) -> dict[int, PageText]:
    """The OCR readings of pages that have a (poor) text layer. Without tesseract the layer is kept:
    a poor reading beats none, and the document has text to parse."""
    if not numbers:
        return {}
    try:
        return {page.number: page for page in read_rasters(reader, _rendered(data, numbers, settings))}
    except ParserError as error:
        if error.code != OCR_UNAVAILABLE:
            raise
        log.warning("pages %s keep their poor OCR text layer: %s", numbers, error.message)
        return {}


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
    if engine is None or not reader.pages_read:
        return None
    return OcrReport(engine, tuple(reader.pages_read), reader.images)
