"""The printed document's type, read from its title."""

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings


def _one_line_document(path: Path, title: str, body: str) -> bytes:
    page = canvas.Canvas(str(path), pagesize=A4)
    _width, height = A4
    page.setFont("Helvetica-Bold", 16)
    page.drawString(50, height - 60, title)
    page.setFont("Helvetica", 10)
    page.drawString(50, height - 400, body)
    page.save()
    return path.read_bytes()


@pytest.mark.parametrize("title", ["Credit Note CN-2026-7", "GUTSCHRIFT Nr. 4711", "Avoir n° 88"])
def test_a_credit_note_title_makes_a_credit_note(tmp_path: Path, title: str) -> None:
    data = _one_line_document(tmp_path / "credit.pdf", title, "Thank you for your business.")

    assert parse_document(data, Settings())["invoice"]["documentType"] == "credit-note"


def test_a_credit_note_word_in_the_payment_terms_leaves_an_invoice(tmp_path: Path) -> None:
    # Regression guard: "Gutschrift" in a sentence lower on the page says nothing about the document.
    data = _one_line_document(
        tmp_path / "invoice.pdf", "Rechnung 2026-19", "Gutschrift erfolgt nach Rücksendung."
    )

    assert parse_document(data, Settings())["invoice"]["documentType"] == "invoice"
