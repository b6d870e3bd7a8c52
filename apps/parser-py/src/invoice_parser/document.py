"""From input bytes to the text of each page, refusing what cannot or must not be parsed.

pdfium checks the document first (it is fast, strict about passwords and tolerant of damage that
it can repair); pdfminer then reads the words (extract/pdf_text.py), one page's objects at a time.
Pages without text, and image uploads, are read by OCR (invoice_parser/ocr) into the same words.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from pdfminer.pdfdocument import PDFPasswordIncorrect

from invoice_parser.errors import (
    CORRUPT,
    EMPTY,
    ENCRYPTED,
    NO_TEXT_LAYER,
    NOT_A_PDF,
    TOO_LARGE,
    TOO_MANY_PAGES,
    ParserError,
)
from invoice_parser.extract.pdf_text import iter_pages
from invoice_parser.extract.words import PageText
from invoice_parser.ocr import OcrReport, image_media_type, read_image, with_scanned_pages
from invoice_parser.result import PDF_MEDIA_TYPE
from invoice_parser.settings import Settings

PDF_MAGIC = b"%PDF-"
# The PDF specification lets the header start late; readers accept it within the first kilobyte.
MAGIC_WINDOW = 1024
_PASSWORD_ERRORS = {pdfium_raw.FPDF_ERR_PASSWORD, pdfium_raw.FPDF_ERR_SECURITY}

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DocumentText:
    pages: list[PageText]
    media_type: str
    # Set when some pages were read by OCR.
    ocr: OcrReport | None = None


def read_pages(data: bytes, settings: Settings) -> list[PageText]:
    """The text of every page, or a ParserError saying why the document cannot be read."""
    return read_document(data, settings).pages


def read_document(data: bytes, settings: Settings) -> DocumentText:
    """The text of every page of a PDF or an image, or a ParserError saying why it cannot be read."""
    media_type = _checked_envelope(data, settings)
    if media_type == PDF_MEDIA_TYPE:
        page_count = _checked_page_count(data, settings)
        pages = _extract(data, settings)
        if len(pages) != page_count:
            log.info("pdfium counted %d pages, pdfminer read %d", page_count, len(pages))
        pages, ocr = with_scanned_pages(data, pages, settings)
    else:
        pages, ocr = read_image(data, settings)
    if sum(page.char_count for page in pages) < settings.min_text_chars:
        how = "extractable or recognisable text" if ocr is not None else "extractable text"
        raise ParserError(NO_TEXT_LAYER, f"none of the {len(pages)} pages has {how}")
    return DocumentText(pages, media_type, ocr)


def _checked_envelope(data: bytes, settings: Settings) -> str:
    """The document's media type: PDF, or a PNG, JPEG or TIFF image to be read by OCR."""
    if not data:
        raise ParserError(EMPTY, "the document is empty (0 bytes)")
    if len(data) > settings.max_bytes:
        raise ParserError(TOO_LARGE, f"the document is larger than {settings.max_bytes} bytes")
    image_type = image_media_type(data)
    if image_type is not None:
        return image_type
    if PDF_MAGIC not in data[:MAGIC_WINDOW]:
        raise ParserError(
            NOT_A_PDF,
            "the document is neither a PDF (no %PDF- header in its first 1024 bytes) "
            "nor a PNG, JPEG or TIFF image",
        )
    return PDF_MEDIA_TYPE


def _checked_page_count(data: bytes, settings: Settings) -> int:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) in _PASSWORD_ERRORS:
            raise ParserError(ENCRYPTED, "the PDF is password-protected") from None
        raise ParserError(CORRUPT, f"the PDF cannot be opened: {error}") from None
    try:
        count = len(document)
    finally:
        document.close()
    if count == 0:
        raise ParserError(EMPTY, "the PDF has no pages")
    if count > settings.max_pages:
        raise ParserError(
            TOO_MANY_PAGES,
            f"the PDF has {count} pages; the limit is {settings.max_pages}",
            {"pages": count, "maxPages": settings.max_pages},
        )
    return count


def _extract(data: bytes, settings: Settings) -> list[PageText]:
    pages: list[PageText] = []
    try:
        pages.extend(iter_pages(data, settings.word_x_tolerance, settings.word_y_tolerance))
    except PDFPasswordIncorrect:
        raise ParserError(ENCRYPTED, "the PDF is password-protected") from None
    except (ParserError, MemoryError, RecursionError):
        raise
    except Exception as error:  # pdfminer raises many unrelated types for one broken file
        # A library may wrap what it catches, including our own TIMEOUT raised by the alarm signal.
        wrapped = _wrapped_parser_error(error)
        if wrapped is not None:
            raise wrapped from None
        if _caused_by(error, MemoryError):
            # A stream that inflates beyond the memory limit (a deflate bomb), wrapped by a library.
            raise ParserError(TOO_LARGE, "the PDF needs more memory to read than allowed") from None
        raise ParserError(CORRUPT, f"the PDF cannot be read: {type(error).__name__}: {error}") from None
    return pages


def _wrapped_parser_error(error: BaseException) -> ParserError | None:
    found = _chained(error, ParserError)
    return found if isinstance(found, ParserError) else None


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    return _chained(error, kind) is not None


def _chained(error: BaseException, kind: type[BaseException]) -> BaseException | None:
    """The first exception of kind among error, its causes, contexts and wrapped arguments."""
    seen: set[int] = set()
    pending: list[object] = [error]
    while pending:
        candidate = pending.pop()
        if id(candidate) in seen or not isinstance(candidate, BaseException):
            continue
        seen.add(id(candidate))
        if isinstance(candidate, kind):
            return candidate
        pending.extend([candidate.__cause__, candidate.__context__, *candidate.args])
    return None
