"""A scan carrying an invisible OCR text layer: kept when its words are sound, read again by OCR when
they are garbled, and kept (rather than failing) when there is no tesseract to read it again.

The layers are written here over a 200 dpi scan of unruled_basic.pdf, at the positions of the text
PDF's own words: the sound layer is those words, the garbled one the same words as a poor engine
misreads them (digits for letters inside words, O and l for 0 and 1 in figures, specks read as "|")."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PIL import Image

from invoice_parser.extract.pdf_text import iter_pages
from invoice_parser.extract.words import Word
from invoice_parser.ocr.text_layer import POOR_LAYER_SHARE, garbled_share, is_poor
from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings

DPI = 200
_MISREADS = str.maketrans({"0": "O", "1": "l", "o": "0", "e": "3", "i": "1"})


def _word(text: str) -> Word:
    return Word(text=text, x0=0, top=0, x1=10, bottom=10, size=10, bold=False)


def _garbled(text: str) -> str:
    misread = text.translate(_MISREADS)
    return misread if misread != text else f"{text}|"


@pytest.fixture(scope="module")
def original(fixtures_dir: Path) -> tuple[bytes, dict[str, Any], Image.Image, list[Word]]:
    data = (fixtures_dir / "unruled_basic.pdf").read_bytes()
    document = pdfium.PdfDocument(data)
    try:
        scan = document[0].render(scale=DPI / 72, grayscale=True).to_pil()
    finally:
        document.close()
    words = list(next(iter_pages(data, 1.5, 2.5)).words)
    return data, parse_document(data, Settings()), scan, words


def _scan_with_layer(scan: Image.Image, words: list[Word], invisible: bool = True) -> bytes:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    width, height = 595.28, 841.89
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height))
    canvas.drawImage(ImageReader(scan), 0, 0, width=width, height=height)
    for word in words:
        text = canvas.beginText(word.x0, height - word.bottom)
        text.setFont("Helvetica", word.size)
        text.setTextRenderMode(3 if invisible else 0)
        text.textOut(word.text)
        canvas.drawText(text)
    canvas.save()
    return buffer.getvalue()


def _lines(result: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(line["sku"], line["quantity"], line["unitPrice"], line["lineTotal"]) for line in result["lines"]]


def test_printed_words_are_not_garbled_and_misreads_are() -> None:
    printed = (
        "Invoice INV-2024-0042 TB100A4 PO201925478 e-mail: a.b@c-d.de 1.250,00 € 19% Soll 12/03/2024".split()
    )
    misread = ["lnv0ice", "1O.0O", "l00", "T0tal|", "~", "Am0unt", "S0", "ro1l"]

    assert garbled_share([_word(text) for text in printed * 3]) == 0
    assert all(is_poor([_word(text)] * 40) for text in misread)
    assert garbled_share([_word("x")] * 10) is None  # too little to tell


def test_a_garbled_invisible_layer_is_read_again_by_ocr(original: Any) -> None:
    _, text, scan, words = original
    garbled = [Word(_garbled(w.text), w.x0, w.top, w.x1, w.bottom, w.size, w.bold) for w in words]
    assert (garbled_share(garbled) or 0) > POOR_LAYER_SHARE

    result = parse_document(_scan_with_layer(scan, garbled), Settings())

    assert result["extraction"]["ocr"]["pages"] == [1]
    assert _lines(result) == _lines(text)
    assert result["invoice"]["number"] == text["invoice"]["number"]


def test_a_sound_invisible_layer_is_kept(original: Any) -> None:
    _, text, scan, words = original

    result = parse_document(_scan_with_layer(scan, words), Settings())

    assert "ocr" not in result["extraction"]
    assert _lines(result) == _lines(text)


def test_visible_text_is_never_replaced_however_odd(original: Any) -> None:
    _, _, scan, words = original
    garbled = [Word(_garbled(w.text), w.x0, w.top, w.x1, w.bottom, w.size, w.bold) for w in words]

    result = parse_document(_scan_with_layer(scan, garbled, invisible=False), Settings())

    assert "ocr" not in result["extraction"]


def test_without_tesseract_a_garbled_layer_is_kept_not_failed(original: Any) -> None:
    _, _, scan, words = original
    garbled = [Word(_garbled(w.text), w.x0, w.top, w.x1, w.bottom, w.size, w.bold) for w in words]

    result = parse_document(_scan_with_layer(scan, garbled), Settings(tesseract="/nonexistent/tesseract"))

    assert "ocr" not in result["extraction"]
    assert result["source"]["pages"] == 1
