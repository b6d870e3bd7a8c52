"""The supplier read from the page's imprint when the letterhead names no company (a logo)."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings


def _supplier_of(texts: list[tuple[float, float, str]]) -> str | None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842))
    canvas.setFont("Helvetica", 9)
    for x, y, text in texts:
        canvas.drawString(x, y, text)
    canvas.save()
    result = parse_document(buffer.getvalue(), Settings(ignore_einvoice=True))
    supplier = result["invoice"]["supplier"]
    return None if supplier is None else supplier["name"]


_BODY = [
    (60, 800, "Industrieweg 12"),
    (60, 788, "3528 BJ Utrecht"),
    (400, 760, "Factuurnummer: 2024-117"),
    (60, 600, "Service fee March"),
    (480, 600, "120.00"),
    (380, 570, "Total"),
    (480, 570, "120.00"),
]


def test_the_imprint_beside_an_iban_names_the_issuer_when_the_letterhead_names_no_company() -> None:
    imprint = (60, 60, "Widgetworks B.V. · KvK 3214738 · Btw NL820471616B01 · IBAN NL45INGB0000257133")

    assert _supplier_of([*_BODY, imprint]) == "Widgetworks B.V."


def test_a_footer_without_an_issuer_identifier_is_no_imprint() -> None:
    footer = (60, 60, "Widgetworks B.V. · thank you for your order")

    assert _supplier_of([*_BODY, footer]) != "Widgetworks B.V."
