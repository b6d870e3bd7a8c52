"""The totals block under the table: tax rows with and without a rate, and charges printed there."""

from __future__ import annotations

import io
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings

# (x, y from the bottom, text)
Text = tuple[float, float, str]
_TABLE: list[Text] = [
    (60, 700, "Description"),
    (300, 700, "Qty"),
    (380, 700, "Unit price"),
    (480, 700, "Amount"),
    (60, 680, "Widget"),
    (300, 680, "2"),
    (380, 680, "50.00"),
    (480, 680, "100.00"),
]


def _result(totals: list[Text]) -> dict[str, Any]:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842))
    canvas.setFont("Helvetica", 10)
    canvas.drawString(60, 780, "Invoice No: A-17")
    for x, y, text in [*_TABLE, *totals]:
        canvas.drawString(x, y, text)
    canvas.save()
    result: dict[str, Any] = parse_document(buffer.getvalue(), Settings(ignore_einvoice=True))
    return result


def test_a_tax_breakdown_row_and_the_tax_amount_row_are_not_added_up() -> None:
    """ "VAT   100.00   19   19.00" (base, rate, amount) then "Tax amount 19.00": the tax is 19.00 once."""
    result = _result(
        [
            (300, 640, "Subtotal"),
            (480, 640, "100.00"),
            (60, 620, "VAT"),
            (250, 620, "100.00"),
            (380, 620, "19"),
            (480, 620, "19.00"),
            (300, 600, "Tax amount"),
            (480, 600, "19.00"),
            (300, 580, "Total"),
            (480, 580, "119.00"),
        ]
    )

    assert result["invoice"]["totals"] == {"subtotal": "100.00", "tax": "19.00", "total": "119.00"}
    assert "TOTAL_MISMATCH" not in {warning["code"] for warning in result["warnings"]}


def test_a_rate_a_column_gap_before_the_amount_is_not_a_digit_group_of_it() -> None:
    """ "VAT   19   285.00" is a rate and an amount; "1 285.00" printed with a word space is one number."""
    result = _result(
        [
            (60, 620, "VAT"),
            (380, 620, "19"),
            (480, 620, "285.00"),
            (300, 580, "Total"),
            (480, 580, "1 285.00"),
        ]
    )

    assert (result["invoice"]["totals"]["tax"], result["invoice"]["totals"]["total"]) == ("285.00", "1285.00")


def test_tax_rows_one_per_rate_add_up() -> None:
    result = _result(
        [
            (300, 640, "Subtotal"),
            (480, 640, "100.00"),
            (300, 620, "VAT 20 %"),
            (480, 620, "10.00"),
            (300, 600, "VAT 5 %"),
            (480, 600, "2.50"),
            (300, 580, "Total"),
            (480, 580, "112.50"),
        ]
    )

    assert result["invoice"]["totals"]["tax"] == "12.50"


def test_a_charge_in_the_totals_block_is_a_charge_line_outside_the_subtotal() -> None:
    result = _result(
        [
            (300, 640, "Subtotal"),
            (480, 640, "100.00"),
            (300, 620, "Shipping & handling"),
            (480, 620, "12.50"),
            (300, 600, "Tax 10 %"),
            (480, 600, "11.25"),
            (300, 580, "Total"),
            (480, 580, "123.75"),
            # After the total: payment terms, not a charge.
            (60, 540, "Late fees of 40.00 apply after 30 days"),
        ]
    )

    assert [(line["kind"], line["description"], line["lineTotal"]) for line in result["lines"]] == [
        ("item", "Widget", "100.00"),
        ("charge", "Shipping & handling", "12.50"),
    ]
    assert {check["name"]: check["status"] for check in result["checks"]} == {
        "line-arithmetic": "pass",
        "lines-sum-subtotal": "pass",
        "subtotal-tax-total": "pass",
    }
