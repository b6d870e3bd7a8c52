"""Page images read into the PageText a text layer gives, so that everything after (rows, table,
header, totals) is the one reader text PDFs go through.

Each page is cleaned (paper made white), levelled (small skew), read, and when the reading looks
like a page on its side or upside down (few confident words), turned the way tesseract's
orientation report says and read again, keeping whichever reading is more confident. Time is
counted per page and per document.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from PIL import Image

from invoice_parser import limits
from invoice_parser.errors import TIMEOUT, TOO_MANY_PAGES, ParserError
from invoice_parser.extract.words import PageText
from invoice_parser.ocr.cleanup import flattened
from invoice_parser.ocr.engine import Tesseract, find_tesseract
from invoice_parser.ocr.orientation import levelled, turned_upright
from invoice_parser.ocr.page_copy import PageImage, page_image
from invoice_parser.ocr.raster import Raster
from invoice_parser.ocr.small_print import is_small_print, read_enlarged
from invoice_parser.ocr.words import InkWord, ink_words, page_words
from invoice_parser.settings import Settings

# A reading is trusted as upright when this share of its characters lies in words tesseract is
# this sure of (a level page of print: over 0.85; a page on its side read as if upright: about 0.25),
# and there are at least this many of them: read sideways, a full page can yield a single "x".
_SURE_CONFIDENCE = 80.0
_UPRIGHT_SHARE = 0.6
_UPRIGHT_MIN_CHARACTERS = 100
# tesseract's orientation confidence below which its report is a guess.
_MIN_TURN_CONFIDENCE = 1.5

log = logging.getLogger(__name__)


@dataclass
class OcrPages:
    """Reads page images with tesseract, found when the first page with ink needs it."""

    settings: Settings
    pages_read: list[int] = field(default_factory=list)
    # Each page as read, by number, kept encoded (ocr/page_copy.py): never every full-size image at once.
    images: dict[int, PageImage] = field(default_factory=dict)
    _engine: Tesseract | None = None
    _deadline: float | None = None

    @property
    def engine_name(self) -> str | None:
        return None if self._engine is None else self._engine.name

    def check_count(self, count: int) -> None:
        limit = self.settings.ocr_max_pages
        if count > limit:
            raise ParserError(
                TOO_MANY_PAGES,
                f"{count} pages need OCR; the limit is {limit}",
                {"pages": count, "maxPages": limit},
            )

    def read(self, raster: Raster, number: int) -> PageText:
        """The words of page number (1-based) of raster, in PDF points."""
        image = raster.image
        words: list[InkWord] = []
        if not raster.is_blank():
            image, words = self._recognised(raster)
            self.pages_read.append(number)
        scale = raster.points_per_pixel
        self.images[number] = page_image(image, scale)
        return PageText(
            number=number,
            width=image.width * scale,
            height=image.height * scale,
            words=page_words(words, scale),
            vertical_rules=(),
            horizontal_rules=(),
        )

    def _recognised(self, raster: Raster) -> tuple[Image.Image, list[InkWord]]:
        engine = self._started()
        dpi = round(raster.dpi)
        image, _ = levelled(flattened(raster.image))
        words = ink_words(engine.words_tsv(_png(image), dpi, self._timeout()))
        if is_small_print(words, dpi):
            words = read_enlarged(image, dpi, self._read)
        if _upright_share(words) >= _UPRIGHT_SHARE and _sure_characters(words) >= _UPRIGHT_MIN_CHARACTERS:
            return image, words
        orientation = engine.orientation(_png(image), dpi, self._timeout())
        if orientation is None or orientation.rotate == 0 or orientation.confidence < _MIN_TURN_CONFIDENCE:
            return image, words
        turned, _ = levelled(turned_upright(image, orientation.rotate))
        turned_words = ink_words(engine.words_tsv(_png(turned), dpi, self._timeout()))
        log.info("page turned %d degrees for OCR", orientation.rotate)
        if _sure_characters(turned_words) > _sure_characters(words):
            return turned, turned_words
        return image, words

    def _read(self, image: Image.Image, dpi: int) -> list[InkWord]:
        return ink_words(self._started().words_tsv(_png(image), dpi, self._timeout()))

    def _started(self) -> Tesseract:
        if self._engine is None:
            self._engine = find_tesseract(self.settings.tesseract, self.settings.ocr_languages)
            self._deadline = time.monotonic() + self.settings.ocr_document_seconds
            # The process's own time limit (set for text documents) grows by the OCR budget.
            limits.extend(self.settings.ocr_document_seconds)
        return self._engine

    def _timeout(self) -> float:
        assert self._deadline is not None
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            seconds = self.settings.ocr_document_seconds
            raise ParserError(
                TIMEOUT, f"OCR of the document took longer than {seconds:g} s", {"seconds": seconds}
            )
        return min(self.settings.ocr_page_seconds, remaining)


def read_rasters(reader: OcrPages, rasters: Iterable[tuple[int, Raster]]) -> list[PageText]:
    pages = []
    for number, raster in rasters:
        try:
            pages.append(reader.read(raster, number))
        finally:
            raster.image.close()
    return pages


def _png(image: Image.Image) -> bytes:
    # PNG at its fastest compression: encoded in ~30 ms, and tesseract reads it from stdin faster
    # than the same page uncompressed (PGM, BMP, TIFF), measured.
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _sure_characters(words: list[InkWord]) -> int:
    return sum(len(word.text) for word in words if word.confidence >= _SURE_CONFIDENCE)


def _upright_share(words: list[InkWord]) -> float:
    total = sum(len(word.text) for word in words)
    return _sure_characters(words) / total if total else 0.0
