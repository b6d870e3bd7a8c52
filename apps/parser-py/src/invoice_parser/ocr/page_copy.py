"""The page copy: a PDF of the document as the parser read it, for the review to show under the boxes of
the words, lines and regions it reports.

A page read by OCR becomes the image its words were read from (cleaned, levelled, turned upright), at
exactly the size in points its PageText has, so every box lands where its word is printed. A page with
a text layer is the original page, imported unchanged. Image pages are greyscale JPEG, a fraction of
the PNG tesseract reads, and all the eye needs.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image

from invoice_parser.errors import CORRUPT, ParserError
from invoice_parser.extract.words import PageText

# JPEG quality of a page image: small print stays crisp to the eye at 70; 90 doubles the size.
JPEG_QUALITY = 70


@dataclass(frozen=True)
class PageImage:
    """One page's image as OCR read it, encoded, and its size in points (pixels x 72 / dpi)."""

    jpeg: bytes
    width: float
    height: float


def page_image(image: Image.Image, points_per_pixel: float) -> PageImage:
    """image (mode "L") encoded at once, so that only its bytes outlive the reading of its page."""
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    return PageImage(buffer.getvalue(), image.width * points_per_pixel, image.height * points_per_pixel)


def page_copy(data: bytes, pages: Sequence[PageText], images: Mapping[int, PageImage]) -> bytes:
    """Every page of pages in order: its image where OCR read it, else page.number of the PDF data
    (never opened for an image upload, whose every page has an image)."""
    copy = pdfium.PdfDocument.new()
    original = _opened(data) if any(page.number not in images for page in pages) else None
    try:
        for index, page in enumerate(pages):
            image = images.get(page.number)
            if image is not None:
                _add_image_page(copy, image)
            elif original is not None and page.number <= len(original):
                copy.import_pages(original, [page.number - 1], index)
            else:
                # pdfminer and pdfium counted the pages differently: keep the numbering, show a blank.
                copy.new_page(page.width, page.height).close()
        buffer = io.BytesIO()
        copy.save(buffer)
        return buffer.getvalue()
    finally:
        if original is not None:
            original.close()
        copy.close()


def _add_image_page(copy: pdfium.PdfDocument, image: PageImage) -> None:
    page = copy.new_page(image.width, image.height)
    try:
        drawn = pdfium.PdfImage.new(copy)
        # Inline: pdfium copies the bytes now instead of reading them back when the document is saved.
        drawn.load_jpeg(io.BytesIO(image.jpeg), inline=True)
        drawn.set_matrix(pdfium.PdfMatrix().scale(image.width, image.height))
        page.insert_obj(drawn)
        page.gen_content()
    finally:
        page.close()


def _opened(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise ParserError(CORRUPT, f"the PDF cannot be opened to copy its pages: {error}") from None
