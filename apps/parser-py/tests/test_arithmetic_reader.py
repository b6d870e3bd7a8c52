"""The line items read from the arithmetic every invoice shares, when no heading names the columns.

Each invoice is drawn here with reportlab, right-aligned figures as typesetters set them; every test
is named after what the heading reader alone could not read.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings

# (x, y from the bottom, text, right-aligned?)
Cell = tuple[float, float, str, bool]
FONT_SIZE = 10


def _parse(cells: list[Cell]) -> dict[str, Any]:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842))
    canvas.setFont("Helvetica", FONT_SIZE)
    for x, y, text, right in cells:
        if right:
            canvas.drawRightString(x, y, text)
        else:
            canvas.drawString(x, y, text)
    canvas.save()
    result: dict[str, Any] = parse_document(buffer.getvalue(), Settings(ignore_einvoice=True))
    return result


def _row(y: float, *cells: tuple[float, str]) -> list[Cell]:
    """Text cells start at their x; figure cells (x above 250) end at it."""
    return [(x, y, text, x > 250) for x, text in cells]


def _lines(result: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            line["sku"],
            line["description"],
            line["quantity"],
            line["unitPrice"],
            line["lineTotal"],
            line["kind"],
        )
        for line in result["lines"]
    ]


def _invoice(*rows: list[Cell]) -> list[Cell]:
    return [*_row(800, (60, "Invoice INV-42"), (400, "Date: 2026-03-02")), *(c for row in rows for c in row)]


def test_a_table_without_a_heading_row_is_read_from_its_products_and_sum() -> None:
    result = _parse(
        _invoice(
            _row(600, (60, "Steel bracket"), (360, "4"), (440, "12.50"), (530, "50.00")),
            _row(585, (60, "Hex bolt M8"), (360, "100"), (440, "0.35"), (530, "35.00")),
            _row(570, (60, "Wall plug"), (360, "20"), (440, "0.10"), (530, "2.00")),
            _row(540, (380, "Subtotal"), (530, "87.00")),
            _row(525, (380, "VAT 20%"), (530, "17.40")),
            _row(510, (380, "Total"), (530, "104.40")),
        )
    )

    assert _lines(result) == [
        (None, "Steel bracket", "4", "12.50", "50.00", "item"),
        (None, "Hex bolt M8", "100", "0.35", "35.00", "item"),
        (None, "Wall plug", "20", "0.10", "2.00", "item"),
    ]
    assert [line["confidence"] for line in result["lines"]] == ["high", "high", "high"]
    assert result["invoice"]["totals"]["total"] == "104.40"


def test_headings_no_vocabulary_knows_do_not_hide_the_line_totals() -> None:
    # "Ext." was unknown: the rows were read with no line total and a SUBTOTAL_MISMATCH kept them so.
    result = _parse(
        _invoice(
            _row(620, (60, "Item #"), (140, "Descr."), (360, "Cnt"), (440, "Each"), (530, "Ext.")),
            _row(600, (60, "AB-1001"), (140, "Pallet wrap"), (360, "3"), (440, "19.90"), (530, "59.70")),
            _row(585, (60, "AB-1002"), (140, "Tape gun"), (360, "2"), (440, "7.45"), (530, "14.90")),
            _row(555, (380, "Subtotal"), (530, "74.60")),
            _row(540, (380, "Total"), (530, "74.60")),
        )
    )

    assert _lines(result) == [
        ("AB-1001", "Pallet wrap", "3", "19.90", "59.70", "item"),
        ("AB-1002", "Tape gun", "2", "7.45", "14.90", "item"),
    ]


def test_amounts_without_a_quantity_are_items_when_they_add_up_to_the_total() -> None:
    result = _parse(
        _invoice(
            _row(600, (60, "Consulting, March"), (530, "1,200.00")),
            _row(585, (60, "Travel expenses flat rate"), (530, "150.00")),
            _row(555, (380, "Total"), (530, "1,350.00")),
        )
    )

    assert _lines(result) == [
        (None, "Consulting, March", None, None, "1200.00", "item"),
        (None, "Travel expenses flat rate", None, None, "150.00", "item"),
    ]
    assert [line["confidence"] for line in result["lines"]] == ["medium", "medium"]


def test_a_price_column_left_of_the_quantity_is_told_apart_by_whole_quantities() -> None:
    # "Price | Qty | Amount" with quantities printed as 50,00: the whole numbers are the quantities.
    result = _parse(
        _invoice(
            _row(600, (60, "Lampe de bureau"), (360, "23,15"), (440, "50,00"), (530, "1 157,50")),
            _row(585, (60, "Câble USB-C"), (360, "5,49"), (440, "4,00"), (530, "21,96")),
            _row(555, (380, "Total HT"), (530, "1 179,46")),
        )
    )

    assert _lines(result) == [
        (None, "Lampe de bureau", "50.00", "23.15", "1157.50", "item"),
        (None, "Câble USB-C", "4.00", "5.49", "21.96", "item"),
    ]


def test_a_thousands_space_that_splits_one_amount_into_two_words_is_one_figure() -> None:
    result = _parse(
        _invoice(
            _row(600, (60, "Serienproduktion"), (360, "125,0"), (440, "20,00"), (520, "2"), (553, "500,00")),
            _row(585, (60, "Planung"), (360, "14,0"), (440, "20,00"), (553, "280,00")),
            _row(555, (380, "Summe netto"), (520, "2"), (553, "780,00")),
        )
    )

    assert _lines(result) == [
        (None, "Serienproduktion", "125.0", "20.00", "2500.00", "item"),
        (None, "Planung", "14.0", "20.00", "280.00", "item"),
    ]


def test_a_line_discount_closes_the_arithmetic_of_its_row() -> None:
    result = _parse(
        _invoice(
            _row(
                600,
                (60, "Leadership training"),
                (360, "2"),
                (420, "4,500.00"),
                (470, "25%"),
                (530, "6,750.00"),
            ),
            _row(
                585, (60, "Manager training"), (360, "1"), (420, "3,500.00"), (470, "0%"), (530, "3,500.00")
            ),
            _row(555, (380, "Subtotal"), (530, "10,250.00")),
        )
    )

    assert _lines(result) == [
        (None, "Leadership training", "2", "4500.00", "6750.00", "item"),
        (None, "Manager training", "1", "3500.00", "3500.00", "item"),
    ]


def test_a_wrapped_description_joins_the_item_whose_figures_it_surrounds() -> None:
    result = _parse(
        _invoice(
            _row(607, (60, "Prestation de conseil et")),
            _row(600, (360, "12"), (440, "600,00"), (520, "7"), (553, "200,00")),
            _row(593, (60, "accompagnement stratégique")),
            _row(560, (380, "Sous-total HT"), (520, "7"), (553, "200,00")),
        )
    )

    assert _lines(result) == [
        (None, "Prestation de conseil et accompagnement stratégique", "12", "600.00", "7200.00", "item"),
    ]


def test_a_tax_amount_column_beside_the_net_amount_is_not_the_line_total() -> None:
    # Net | VAT % | VAT: both amount columns add up to a printed figure; the tax one is derived.
    result = _parse(
        _invoice(
            _row(600, (60, "Commissie"), (400, "€6.646,58"), (460, "21%"), (530, "€1.395,78")),
            _row(585, (60, "Pick&pack kosten"), (400, "€4.358,25"), (460, "21%"), (530, "€915,23")),
            _row(555, (60, "Subtotaal"), (400, "€11.004,83"), (530, "€2.311,01")),
        )
    )

    assert [(line["description"], line["lineTotal"]) for line in result["lines"]] == [
        ("Commissie", "6646.58"),
        ("Pick&pack kosten", "4358.25"),
    ]


def test_a_code_bracketed_before_the_name_is_the_sku() -> None:
    # ERPs print "[FURN_8220] Four Person Desk"; the heading "Untaxed Amount" names the subtotal.
    result = _parse(
        _invoice(
            _row(
                620,
                (60, "Description"),
                (330, "Quantity"),
                (400, "Unit Price"),
                (500, "Taxes"),
                (560, "Amount"),
            ),
            _row(
                600,
                (60, "[FURN_8220] Four Person Desk"),
                (330, "5.00 Units"),
                (400, "2,350.00"),
                (500, "15%"),
                (560, "$ 11,750.00"),
            ),
            _row(
                585,
                (60, "[E-COM11] Cabinet with Doors"),
                (330, "2.00 Units"),
                (400, "140.00"),
                (500, "15%"),
                (560, "$ 280.00"),
            ),
            _row(555, (430, "Untaxed Amount"), (560, "$ 12,030.00")),
            _row(540, (430, "Total"), (560, "$ 13,834.50")),
        )
    )

    assert [(line["sku"], line["description"], line["quantity"]) for line in result["lines"]] == [
        ("FURN_8220", "Four Person Desk", "5.00"),
        ("E-COM11", "Cabinet with Doors", "2.00"),
    ]
    assert result["invoice"]["totals"]["subtotal"] == "12030.00"


def test_a_position_column_headed_item_does_not_become_the_description() -> None:
    # "Item | Product | ...": both headings name the item; the reading that describes its lines wins.
    result = _parse(
        _invoice(
            _row(
                620,
                (60, "Item"),
                (100, "Product"),
                (330, "Quantity"),
                (400, "Unit Price"),
                (470, "Tax"),
                (560, "Total Price"),
            ),
            _row(
                600,
                (60, "1"),
                (100, "Managed Server M"),
                (330, "1"),
                (400, "€ 49,00"),
                (470, "€ 9,31"),
                (560, "€ 49,00"),
            ),
            _row(
                585,
                (60, "2"),
                (100, "Backup Space 100 GB"),
                (330, "3"),
                (400, "€ 4,90"),
                (470, "€ 2,79"),
                (560, "€ 14,70"),
            ),
            _row(555, (430, "Netto"), (560, "€ 63,70")),
        )
    )

    assert [(line["description"], line["quantity"], line["lineTotal"]) for line in result["lines"]] == [
        ("Managed Server M", "1", "49.00"),
        ("Backup Space 100 GB", "3", "14.70"),
    ]


def test_an_article_number_labelled_under_the_name_is_the_sku_not_description() -> None:
    result = _parse(
        _invoice(
            _row(600, (60, "Schraubendreher Set"), (360, "2"), (440, "14,90"), (530, "29,80")),
            _row(589, (60, "Art.-Nr.: SD-4711")),
            _row(574, (60, "Bithalter magnetisch"), (360, "5"), (440, "3,20"), (530, "16,00")),
            _row(563, (60, "Art.-Nr.: BH-0815")),
            _row(535, (380, "Zwischensumme"), (530, "45,80")),
        )
    )

    assert [(line["sku"], line["description"]) for line in result["lines"]] == [
        ("SD-4711", "Schraubendreher Set"),
        ("BH-0815", "Bithalter magnetisch"),
    ]
