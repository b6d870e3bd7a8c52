"""Table regressions on small generated pages: each test names the layout that once misread."""

from __future__ import annotations

import io
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings

# (x, y from the bottom, text)
Text = tuple[float, float, str]
_COLUMNS = (60, 300, 380, 480)


def _lines(texts: list[Text]) -> list[dict[str, Any]]:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842))
    canvas.setFont("Helvetica", 10)
    canvas.drawString(60, 780, "Invoice No: A-17")
    for x, y, text in texts:
        canvas.drawString(x, y, text)
    canvas.save()
    result = parse_document(buffer.getvalue(), Settings(ignore_einvoice=True))
    lines: list[dict[str, Any]] = result["lines"]
    return lines


def _row(y: float, *cells: str) -> list[Text]:
    return [(x, y, text) for x, text in zip(_COLUMNS, cells, strict=True) if text]


def test_a_group_subtotal_row_with_a_quantity_is_not_a_line() -> None:
    lines = _lines(
        [
            *_row(700, "Description", "Qty", "Unit price", "Amount"),
            *_row(680, "Laser printer", "2", "300.00", "600.00"),
            *_row(665, "Ink printer", "3", "150.00", "450.00"),
            *_row(650, "Subtotal hardware", "1", "1050.00", "1050.00"),
            *_row(635, "Toner", "3", "120.00", "360.00"),
            *_row(600, "", "", "Total", "1410.00"),
        ]
    )

    assert [line["description"] for line in lines] == ["Laser printer", "Ink printer", "Toner"]


def test_an_article_number_labelled_on_the_row_below_is_the_sku() -> None:
    lines = _lines(
        [
            *_row(700, "Description", "Qty", "Unit price", "Amount"),
            *_row(680, "Wirkarbeit HT", "1000", "0.0520", "52.00"),
            (60, 668, "Art-Nr-Lieferant:"),
            (60, 656, "WA997"),
            *_row(630, "Kopierpapier A4", "1210", "0.0100", "12.10"),
            (60, 618, "Art-Nr-Kunde: K-1"),
            (60, 606, "Art-Nr-Lieferant: KOP05"),
            *_row(570, "", "", "Total", "64.10"),
        ]
    )

    assert [(line["sku"], line["description"]) for line in lines] == [
        ("WA997", "Wirkarbeit HT"),
        ("KOP05", "Kopierpapier A4"),
    ]


def test_a_detail_row_whose_text_runs_into_the_figure_columns_is_no_line() -> None:
    """ "Meter reading from-to: 543210 - 544420 - 545630" overflows the description column at word
    spacing, across the ruled quantity column into the price column, with nothing in the amount column."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842))
    canvas.setFont("Helvetica", 10)
    canvas.drawString(60, 780, "Invoice No: A-17")
    for x in (50, 290, 370, 470, 560):
        canvas.line(x, 715, x, 590)
    for y, cells in (
        (700, ("Description", "Qty", "Unit price", "Amount")),
        (680, ("Active energy", "1000", "0.0520", "52.00")),
        (640, ("Eco tax", "1000", "0.0205", "20.50")),
    ):
        for x, text in zip((60, 300, 380, 480), cells, strict=True):
            canvas.drawString(x, y, text)
    label = "Meter reading from-to:"
    words = ((287 - stringWidth(label, "Helvetica", 10), label), (292, "543210"), (328, "-"), (334, "544420"))
    for x, text in (*words, (370, "-"), (376, "545630")):
        canvas.drawString(x, 666, text)
    canvas.drawString(380, 600, "Total")
    canvas.drawString(480, 600, "72.50")
    canvas.save()

    lines = parse_document(buffer.getvalue(), Settings(ignore_einvoice=True))["lines"]

    # The detail row is neither a line of its own nor lost: its description words continue the item.
    assert [(line["description"], line["quantity"]) for line in lines] == [
        ("Active energy Meter reading from-to:", "1000"),
        ("Eco tax", "1000"),
    ]


def test_figures_across_a_column_gap_still_make_a_line_without_an_amount() -> None:
    lines = _lines(
        [
            *_row(700, "Description", "Qty", "Unit price", "Amount"),
            *_row(680, "Active energy", "1000", "0.0520", ""),
            *_row(600, "", "", "Total", "52.00"),
        ]
    )

    assert [(line["quantity"], line["unitPrice"]) for line in lines] == [("1000", "0.0520")]


def test_a_detail_line_naming_the_packaging_does_not_make_the_item_a_charge() -> None:
    lines = _lines(
        [
            *_row(700, "Description", "Qty", "Unit price", "Amount"),
            *_row(680, "Citric acid 100 ml", "5", "1.00", "5.00"),
            (60, 668, "Packaging: bottle"),
            *_row(640, "Shipping", "", "", "4.90"),
            *_row(600, "", "", "Total", "9.90"),
        ]
    )

    assert [(line["kind"], line["description"]) for line in lines] == [
        ("item", "Citric acid 100 ml Packaging: bottle"),
        ("charge", "Shipping"),
    ]
