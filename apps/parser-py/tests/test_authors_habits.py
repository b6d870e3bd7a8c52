"""Habits of invoice authors other than our generator, each found by the Chromium-rendered HTML set
(fixtures/html) and drawn here in its smallest form, so that a regression names the habit."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from invoice_parser.extract.keywords import normalize
from invoice_parser.extract.line_kind import line_kind
from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings

# (x, y from the bottom, text, font size)
Text = tuple[float, float, str, float]
_HEAD: list[Text] = [
    (60, 520, "Description", 10),
    (300, 520, "Qty", 10),
    (380, 520, "Unit price", 10),
    (480, 520, "Amount", 10),
    (60, 500, "Widget", 10),
    (300, 500, "2", 10),
    (380, 500, "50.00", 10),
    (480, 500, "100.00", 10),
]


def _parse(texts: list[Text], bold_sizes: frozenset[float] = frozenset()) -> dict[str, Any]:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842))
    for x, y, text, size in texts:
        canvas.setFont("Helvetica-Bold" if size in bold_sizes else "Helvetica", size)
        canvas.drawString(x, y, text)
    canvas.save()
    result: dict[str, Any] = parse_document(buffer.getvalue(), Settings(ignore_einvoice=True))
    return result


def test_charges_under_a_subtotal_no_vocabulary_knows_are_still_charges() -> None:
    # "Goods" heads the totals block: it is read as an empty table row, not a totals row, so the
    # block was taken to start at the tax row and the freight above it was lost.
    result = _parse(
        [
            (60, 780, "Invoice No: A-17", 10),
            *_HEAD,
            (380, 460, "Goods", 10),
            (480, 460, "100.00", 10),
            (380, 445, "Freight", 10),
            (480, 445, "20.00", 10),
            (380, 430, "Tax 10%", 10),
            (480, 430, "12.00", 10),
            (380, 415, "Total", 10),
            (480, 415, "132.00", 10),
        ]
    )

    assert [(line["kind"], line["description"], line["lineTotal"]) for line in result["lines"]] == [
        ("item", "Widget", "100.00"),
        ("charge", "Freight", "20.00"),
    ]
    assert result["invoice"]["totals"]["total"] == "132.00"


def test_numero_sign_labels_the_invoice_number() -> None:
    assert normalize("N° : 2026-06-118") == "no 2026 06 118"
    assert normalize("Facture n°") == "facture no"
    result = _parse([(60, 780, "FACTURE", 16), (60, 760, "N° :", 10), (110, 760, "2026-06-118", 10), *_HEAD])

    assert result["invoice"]["number"] == "2026-06-118"


def test_a_company_name_beside_the_title_on_one_baseline_stops_at_the_size_step() -> None:
    name = "Hansen Industriebedarf GmbH & Co. KG"
    # A word space away: only the change of size tells the name from the title.
    title_x = 60 + stringWidth(name, "Helvetica-Bold", 15) + 5
    result = _parse(
        [(60, 780, name, 15), (title_x, 780, "Rechnung", 18), *_HEAD],
        bold_sizes=frozenset({15, 18}),
    )

    assert result["invoice"]["supplier"]["name"] == "Hansen Industriebedarf GmbH & Co. KG"


def test_a_comma_before_the_legal_form_belongs_to_the_name() -> None:
    result = _parse([(60, 780, "Parcel Labs, Inc.", 15), (60, 765, "548 Market St", 9), *_HEAD])

    assert result["invoice"]["supplier"]["name"] == "Parcel Labs, Inc."


def test_a_legal_form_wrapped_onto_the_next_line_ends_the_name() -> None:
    result = _parse(
        [
            (60, 780, "Schraubenhandel Krause", 15),
            (60, 762, "e.K.", 15),
            (60, 745, "Gewerbering 5", 9),
            *_HEAD,
        ],
        bold_sizes=frozenset({15}),
    )

    assert result["invoice"]["supplier"]["name"] == "Schraubenhandel Krause e.K."


def test_a_counted_article_whose_name_holds_a_charge_word_is_goods() -> None:
    assert line_kind("Packing tape 2 in x 110 yd", Decimal(1), has_article_code=True) == "item"
    assert line_kind("USB port hub", Decimal(1)) == "item"
    assert line_kind("Frais de dossier forfait", Decimal(10)) == "item"
    assert line_kind("Packing", Decimal(1)) == "charge"
    assert line_kind("Freight", None) == "charge"


def test_a_charge_word_inside_a_compound_names_a_charge_only_without_a_quantity() -> None:
    assert line_kind("Versandkostenpauschale", None) == "charge"
    assert line_kind("Mindermengenzuschlag", None) == "charge"
    assert line_kind("Wartungsvertrag Monat", None) == "item"


def test_sap_material_heading_is_the_article_number_column() -> None:
    result = _parse(
        [
            (60, 780, "Invoice No: A-17", 10),
            (60, 520, "Material", 10),
            (140, 520, "Description", 10),
            (300, 520, "Qty", 10),
            (380, 520, "Unit price", 10),
            (480, 520, "Amount", 10),
            (60, 500, "100455", 10),
            (140, 500, "Gloves", 10),
            (300, 500, "2", 10),
            (380, 500, "50.00", 10),
            (480, 500, "100.00", 10),
        ]
    )

    assert [(line["sku"], line["description"]) for line in result["lines"]] == [("100455", "Gloves")]


def test_zu_zahlender_betrag_is_the_total() -> None:
    result = _parse(
        [
            (60, 780, "Rechnung Nr. 17", 10),
            *_HEAD,
            (380, 460, "Zu zahlender Betrag", 10),
            (500, 460, "100.00", 10),
        ]
    )

    assert result["invoice"]["totals"]["total"] == "100.00"


def _totals(rows: list[tuple[str, str]]) -> dict[str, Any]:
    texts: list[Text] = [(60, 780, "Invoice No: A-17", 10), *_HEAD]
    for index, (label, amount) in enumerate(rows):
        texts += [(330, 460 - 15 * index, label, 10), (500, 460 - 15 * index, amount, 10)]
    result = _parse(texts)
    return {
        "totals": result["invoice"]["totals"],
        "checks": {c["name"]: c["status"] for c in result["checks"]},
    }


def test_a_tax_label_after_an_added_tax_prefix_or_a_region_code_is_the_tax() -> None:
    for label in ("zzgl. 19 % MwSt.", "VT sales tax 6%", "plus VAT", "+ 20 % TVA"):
        read = _totals([("Subtotal", "100.00"), (label, "19.00"), ("Total", "119.00")])

        assert read["totals"] == {"subtotal": "100.00", "tax": "19.00", "total": "119.00"}, label
        assert read["checks"]["subtotal-tax-total"] == "pass", label


def test_merchandise_and_total_netto_are_subtotals() -> None:
    for label in ("Merchandise", "Total netto"):
        read = _totals([(label, "100.00"), ("MWST 8.1 %", "8.10"), ("Rechnungsbetrag", "108.10")])

        assert read["totals"]["subtotal"] == "100.00", label
        assert read["checks"]["lines-sum-subtotal"] == "pass", label


def _grouped(last_heading: str) -> list[Text]:
    texts: list[Text] = [(60, 780, "Invoice No: Q-5", 10), *_HEAD[:4], (60, 500, "Hardware", 10.5)]
    texts += [
        (60, 485, "Display", 10),
        (300, 485, "2", 10),
        (380, 485, "50.00", 10),
        (480, 485, "100.00", 10),
    ]
    texts += [(300, 470, "Subtotal Hardware", 10), (480, 470, "100.00", 10)]
    texts += [(60, 450, last_heading, 10.5)]
    texts += [(60, 435, "Labour", 10), (300, 435, "3", 10), (380, 435, "20.00", 10), (480, 435, "60.00", 10)]
    texts += [(300, 420, f"Subtotal {last_heading}", 10), (480, 420, "60.00", 10)]
    texts += [
        (300, 395, "Subtotal", 10),
        (480, 395, "160.00", 10),
        (300, 380, "Total", 10),
        (480, 380, "160.00", 10),
    ]
    return texts


def test_a_table_grouped_into_sections_reads_on_past_each_group_sum() -> None:
    # Each "Subtotal <group>" row looks like the totals block; the items after the first one, and the
    # invoice's own subtotal after the last one, show it is not.
    result = _parse(_grouped("Services"), bold_sizes=frozenset({10.5}))  # bold group headings

    assert [(line["description"], line["lineTotal"]) for line in result["lines"]] == [
        ("Display", "100.00"),
        ("Labour", "60.00"),
    ]
    assert result["invoice"]["totals"]["subtotal"] == "160.00"
    assert {
        check["name"]: check["status"] for check in result["checks"] if check["name"] != "line-arithmetic"
    } == {
        "lines-sum-subtotal": "pass",
        "subtotal-tax-total": "pass",
    }


def test_rules_typed_as_dashes_are_no_description_text() -> None:
    mono = "Courier"
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842))
    canvas.setFont(mono, 8)
    lines = [
        "Invoice No: 4711",
        "",
        "Description                     Qty      Price      Amount",
        "-" * 98,
        "Circuit breaker B16              24       3.95       94.80",
        "Cable NYM-J 3x1.5 grey, ring      5      64.80      324.00",
        "100 m, from stock",
        "Junction box IP54               40       1.85       74.00",
        "-" * 60,
        "                                      Total         492.80",
    ]
    # Line pitches as a browser snaps them to device pixels: 9.0 and 9.75 pt in turn.
    y = 780.0
    for index, text in enumerate(lines):
        canvas.drawString(60, y, text)
        y -= 9.0 if index % 2 == 0 else 9.75
    canvas.save()
    result = parse_document(buffer.getvalue(), Settings(ignore_einvoice=True))

    assert [line["description"] for line in result["lines"]] == [
        "Circuit breaker B16",
        "Cable NYM-J 3x1.5 grey, ring 100 m, from stock",
        "Junction box IP54",
    ]


def test_a_code_broken_at_hyphens_down_a_narrow_cell_is_one_sku() -> None:
    result = _parse(
        [
            (60, 780, "Invoice No: A-17", 10),
            (60, 520, "Item no.", 10),
            (120, 520, "Description", 10),
            (300, 520, "Qty", 10),
            (380, 520, "Unit price", 10),
            (480, 520, "Amount", 10),
            (60, 500, "BRG-", 10),
            (120, 500, "Bearing, sealed", 10),
            (300, 500, "20", 10),
            (380, 500, "7.85", 10),
            (480, 500, "157.00", 10),
            (60, 488, "6204-", 10),
            (60, 476, "2RS-C3", 10),
            (60, 456, "GG-14OZ", 10),
            (120, 456, "Grease gun", 10),
            (300, 456, "2", 10),
            (380, 456, "39.00", 10),
            (480, 456, "78.00", 10),
        ]
    )

    assert [(line["sku"], line["description"]) for line in result["lines"]] == [
        ("BRG-6204-2RS-C3", "Bearing, sealed"),
        ("GG-14OZ", "Grease gun"),
    ]


def test_headings_a_word_space_apart_split_with_their_qualifiers() -> None:
    # Right-aligned headings of narrow columns come out a word space apart: "Anz. Einzelpreis brutto".
    heading = "Anz. Einzelpreis brutto"
    result = _parse(
        [
            (60, 780, "Rechnung Nr. 17", 10),
            (60, 520, "Bezeichnung", 10),
            (300, 520, heading, 10),
            (480, 520, "Summe", 10),
            (60, 500, "Schloss", 10),
            (310, 500, "2", 10),
            (400, 500, "49,95", 10),
            (480, 500, "99,90", 10),
        ]
    )

    assert [(line["quantity"], line["unitPrice"], line["lineTotal"]) for line in result["lines"]] == [
        ("2", "49.95", "99.90")
    ]


def test_british_ordinal_dates_and_the_tax_point_label() -> None:
    result = _parse(
        [
            (60, 780, "Inv. No. TI-4", 10),
            (60, 765, "Tax point", 10),
            (140, 765, "4th November 2026", 10),
            *_HEAD,
        ]
    )

    assert result["invoice"]["date"] == "2026-11-04"


def test_numero_labels_the_number_in_french() -> None:
    result = _parse(
        [
            (60, 790, "FACTURE", 16),
            (60, 770, "Date d'émission :", 10),
            (160, 770, "15/10/2026", 10),
            (60, 755, "Numéro :", 10),
            (160, 755, "FC-26-1093", 10),
            *_HEAD,
        ]
    )

    assert result["invoice"]["number"] == "FC-26-1093"


def test_net_vat_gross_columns_give_the_net_figure_as_the_line_total() -> None:
    heads = [
        ("Description", 60),
        ("Qty", 220),
        ("Unit price", 260),
        ("Net", 330),
        ("VAT", 390),
        ("Gross", 450),
    ]
    cells = [("Oven", 60), ("1", 220), ("500.00", 260), ("500.00", 330), ("100.00", 390), ("600.00", 450)]
    result = _parse(
        [(60, 780, "Invoice No: A-17", 10)]
        + [(x, 520, text, 10) for text, x in heads]
        + [(x, 500, text, 10) for text, x in cells]
    )

    assert [(line["unitPrice"], line["lineTotal"]) for line in result["lines"]] == [("500.00", "500.00")]


def test_net_weight_is_no_amount_heading() -> None:
    from invoice_parser.extract.keywords import Role, column_role

    assert column_role("Net") is Role.AMOUNT
    assert column_role("Net (GBP)") is Role.AMOUNT
    assert column_role("Net weight") is None


def _table(headings: list[tuple[str, float]], cells: list[tuple[str, float]]) -> dict[str, Any]:
    return _parse(
        [(60, 780, "Invoice No: A-17", 10)]
        + [(x, 520, text, 10) for text, x in headings]
        + [(x, 500, text, 10) for text, x in cells]
    )


def test_product_beside_a_description_column_is_the_code() -> None:
    result = _table(
        [("Product", 60), ("Description", 130), ("Quantity", 300), ("Price", 380), ("Amount", 480)],
        [("CP-9T", 60), ("Chartplotter", 130), ("2", 300), ("1149.00", 380), ("2298.00", 480)],
    )

    assert [(line["sku"], line["description"]) for line in result["lines"]] == [("CP-9T", "Chartplotter")]


def test_product_alone_is_the_description() -> None:
    result = _table(
        [("Product", 60), ("Quantity", 300), ("Price", 380), ("Amount", 480)],
        [("Chartplotter", 60), ("2", 300), ("1149.00", 380), ("2298.00", 480)],
    )

    assert [(line["sku"], line["description"]) for line in result["lines"]] == [(None, "Chartplotter")]


def test_two_headings_joined_by_a_slash_are_one_column() -> None:
    # "Artikel / Beschreibung" heads one column: the name, with the article number below it.
    result = _parse(
        [
            (60, 780, "Rechnung Nr. 17", 10),
            (60, 520, "Artikel / Beschreibung", 10),
            (300, 520, "Menge", 10),
            (380, 520, "Einzelpreis", 10),
            (480, 520, "Gesamtpreis", 10),
            (60, 500, "Rasensamen Sport", 10),
            (300, 500, "3", 10),
            (380, 500, "54,90", 10),
            (480, 500, "164,70", 10),
            (60, 488, "Art.-Nr.: RS-10", 8),
        ]
    )

    assert [(line["sku"], line["description"]) for line in result["lines"]] == [("RS-10", "Rasensamen Sport")]


def test_a_bare_dollar_is_the_dollar_the_page_names_beside_a_figure() -> None:
    canadian = _parse(
        [(60, 780, "Invoice #: BC-1", 10), *_HEAD, (380, 460, "Total CAD", 10), (480, 460, "$100.00", 10)]
    )
    prefixed = _parse(
        [(60, 780, "Invoice #: AU-1", 10), *_HEAD, (380, 460, "Total", 10), (480, 460, "A$100.00", 10)]
    )
    us = _parse(
        [
            (60, 780, "Invoice #: US-1", 10),
            (60, 765, "CAD drawings revised", 10),
            *_HEAD,
            (380, 460, "Total", 10),
            (480, 460, "$100.00", 10),
        ]
    )

    assert canadian["invoice"]["currency"] == "CAD"
    assert prefixed["invoice"]["currency"] == "AUD"
    assert prefixed["invoice"]["totals"]["total"] == "100.00"
    assert us["invoice"]["currency"] == "USD"


def test_canadian_gst_and_pst_rows_add_up_to_the_tax() -> None:
    read = _totals([("Subtotal", "100.00"), ("GST 5%", "5.00"), ("PST 7%", "7.00"), ("Total", "112.00")])

    assert read["totals"] == {"subtotal": "100.00", "tax": "12.00", "total": "112.00"}
    assert read["checks"]["subtotal-tax-total"] == "pass"
