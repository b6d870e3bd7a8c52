"""Which fields of a line hold a word OCR was unsure of: the review highlights those cells.

The OCR page is the text layer of a small generated invoice with OCR confidences given to its words,
so the attribution is tested without tesseract; one test reads a real scan of it end to end.
"""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pypdfium2 as pdfium
from reportlab.pdfgen.canvas import Canvas

from invoice_parser.contracts import PARSE_RESULT_SCHEMA, validation_errors
from invoice_parser.document import read_pages
from invoice_parser.extract.header import read_header
from invoice_parser.extract.reading_choice import read_line_items
from invoice_parser.extract.rows import group_rows
from invoice_parser.extract.table import PageRows, TableLine
from invoice_parser.extract.words import PageText
from invoice_parser.line_confidence import Confidence, line_confidences, unsure_fields
from invoice_parser.parser import parse_document
from invoice_parser.reconcile import reconcile
from invoice_parser.settings import Settings

SETTINGS = Settings(ignore_einvoice=True)
_COLUMNS = (60, 300, 380, 480)
_SURE, _UNSURE = 96.0, SETTINGS.ocr_min_word_confidence - 1


def _invoice() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842))
    canvas.setFont("Helvetica", 10)
    canvas.drawString(60, 780, "Invoice No: A-17")
    rows = [
        (700, ("Description", "Qty", "Unit price", "Amount")),
        (680, ("Laser printer", "2", "300.00", "600.00")),
        (665, ("Ink cartridge", "7", "15.00", "105.00")),
        (630, ("", "", "Subtotal", "705.00")),
        (615, ("", "", "Total", "705.00")),
    ]
    for y, cells in rows:
        for x, text in zip(_COLUMNS, cells, strict=True):
            if text:
                canvas.drawString(x, y, text)
    canvas.save()
    return buffer.getvalue()


def _as_ocr_read(pages: list[PageText], unsure_text: str) -> list[PageText]:
    """The pages as OCR would give them: every word sure, but those reading unsure_text."""
    return [
        replace(
            page,
            words=tuple(
                replace(word, ocr_confidence=_UNSURE if word.text == unsure_text else _SURE)
                for word in page.words
            ),
        )
        for page in pages
    ]


def _read_lines(pages: list[PageText]) -> tuple[list[TableLine], list[Confidence]]:
    """The pipeline's line steps (parser._read_printed_page) over given pages."""
    page_rows = [
        PageRows(page, group_rows(page.words, SETTINGS.row_baseline_tolerance_ratio)) for page in pages
    ]
    table = read_line_items(page_rows, ".", SETTINGS)
    totals = read_header(page_rows, table.end, ".", False, SETTINGS).totals_values
    checks, _ = reconcile(table.lines, totals)
    return table.lines, line_confidences(table.lines, checks, totals, SETTINGS.ocr_min_word_confidence)


def test_an_unsure_quantity_word_names_the_quantity_and_lowers_its_line_one_step() -> None:
    text_pages = read_pages(_invoice(), SETTINGS)
    _, text_confidences = _read_lines(text_pages)
    assert text_confidences == ["high", "high"]

    lines, confidences = _read_lines(_as_ocr_read(text_pages, "7"))

    assert [line.description for line in lines] == ["Laser printer", "Ink cartridge"]
    assert [unsure_fields(line, SETTINGS.ocr_min_word_confidence) for line in lines] == [[], ["quantity"]]
    assert confidences == ["high", "medium"]


def test_each_field_is_named_by_the_words_it_was_read_from() -> None:
    pages = read_pages(_invoice(), SETTINGS)

    def unsure_of(text: str) -> list[list[str]]:
        lines, _ = _read_lines(_as_ocr_read(pages, text))
        return [list(unsure_fields(line, SETTINGS.ocr_min_word_confidence)) for line in lines]

    assert unsure_of("15.00") == [[], ["unitPrice"]]
    assert unsure_of("600.00") == [["lineTotal"], []]
    assert unsure_of("cartridge") == [[], ["description"]]
    # A word of the totals block is in no line.
    assert unsure_of("705.00") == [[], []]


def test_a_text_pdf_line_has_no_unsure_fields() -> None:
    result = parse_document(_invoice(), SETTINGS)

    assert [line["confidence"] for line in result["lines"]] == ["high", "high"]
    assert all("unsureFields" not in line for line in result["lines"])


def _scan(pdf: bytes, dpi: int = 200) -> bytes:
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def test_a_scan_read_by_ocr_lists_the_unsure_fields_in_its_result() -> None:
    """Every word counts as unsure when the bar is above tesseract's scale: each line lists the
    fields it has, and the result still matches its contract."""
    result: dict[str, Any] = parse_document(_scan(_invoice()), replace(SETTINGS, ocr_min_word_confidence=101))

    assert result["extraction"]["ocr"]["engine"]
    assert not validation_errors(result, PARSE_RESULT_SCHEMA)
    assert [Decimal(line["quantity"]) for line in result["lines"]] == [2, 7]
    assert [line["unsureFields"] for line in result["lines"]] == [
        ["description", "quantity", "unitPrice", "lineTotal"]
    ] * 2
    assert [line["confidence"] for line in result["lines"]] == ["medium", "medium"]
