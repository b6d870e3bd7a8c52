"""Header regressions on small generated pages: each test names the layout that once misread."""

from __future__ import annotations

import io
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings

# (x, y from the bottom, text, font size); a table keeps the page recognisable as an invoice.
Text = tuple[float, float, str, float]
_TABLE: list[Text] = [
    (60, 500, "Description", 10),
    (300, 500, "Qty", 10),
    (380, 500, "Unit price", 10),
    (480, 500, "Amount", 10),
    (60, 480, "Widget", 10),
    (300, 480, "2", 10),
    (380, 480, "10.00", 10),
    (480, 480, "20.00", 10),
    (380, 440, "Total", 10),
    (480, 440, "20.00", 10),
]


def _invoice(texts: list[Text]) -> dict[str, Any]:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842))
    for x, y, text, size in [*texts, *_TABLE]:
        canvas.setFont("Helvetica", size)
        canvas.drawString(x, y, text)
    canvas.save()
    invoice: dict[str, Any] = parse_document(buffer.getvalue(), Settings(ignore_einvoice=True))["invoice"]
    return invoice


def test_a_date_label_with_a_spaced_colon_reads_the_next_segment() -> None:
    invoice = _invoice(
        [
            (60, 780, "Invoice printed 01/01/2023", 14),
            (300, 760, "Date :", 10),
            (450, 760, "15/01/2023", 10),
        ]
    )

    assert invoice["date"] == "2023-01-15"


def test_a_longer_label_starting_with_date_is_not_the_invoice_date() -> None:
    invoice = _invoice(
        [
            (60, 780, "INVOICE No: A-17", 14),
            (60, 770, "Date de facture associée : 01/01/2023", 10),
            (300, 760, "Date de facture", 10),
            (450, 760, "15/01/2023", 10),
        ]
    )

    assert invoice["date"] == "2023-01-15"


def test_a_company_named_like_a_label_is_the_supplier() -> None:
    invoice = _invoice(
        [
            (60, 780, "Rechnung Nr. 4711", 14),
            (60, 740, "Verkäufer", 10),
            (60, 725, "Name:", 10),
            (200, 725, "Lieferant GmbH", 10),
            (60, 710, "Anschrift:", 10),
            (200, 710, "Lieferantenstraße 20", 10),
        ]
    )

    assert invoice["supplier"]["name"] == "Lieferant GmbH"


def test_a_trade_name_caption_after_the_seller_label_is_not_the_supplier() -> None:
    invoice = _invoice(
        [
            (300, 780, "FACTURE N° : F-23", 10),
            (60, 760, "SELLER TRADE NAME", 8),
            (60, 748, "LE FOURNISSEUR", 8),
            (60, 736, "1, rue du fournisseur", 8),
        ]
    )

    assert invoice["supplier"]["name"] == "LE FOURNISSEUR"


def test_a_long_sender_line_yields_its_legal_name_over_a_bold_heading() -> None:
    invoice = _invoice(
        [
            (170, 800, "Au bon moulin SARL - 1242 chemin de l'olive - 84340 Malaucène - France", 8),
            (30, 760, "Facture FA-2017-0010", 18),
            (326, 700, "Contact commercial", 10),
            (326, 688, "Tony Dubois", 10),
        ]
    )

    assert invoice["supplier"]["name"] == "Au bon moulin SARL"
