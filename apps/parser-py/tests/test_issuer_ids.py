"""The supplier's VAT ID and IBAN read from printed invoices: normalised, an IBAN only when its mod-97
check holds, and never the customer's (under the "Bill to" block, or labelled "Ihre USt-IdNr.")."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from invoice_parser.parser import parse_document
from invoice_parser.party_ids import iban_of, vat_id_of
from invoice_parser.settings import Settings

HTML_PDFS = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "pdf"


def _supplier_of(texts: list[tuple[float, float, str]]) -> dict[str, object]:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842))
    canvas.setFont("Helvetica", 9)
    for x, y, text in texts:
        canvas.drawString(x, y, text)
    canvas.save()
    return parse_document(buffer.getvalue(), Settings(ignore_einvoice=True))["invoice"]["supplier"]


_LETTERHEAD = [
    (60, 800, "Schraubenwerk Krause GmbH"),
    (60, 788, "Industriestraße 4, 44135 Dortmund"),
    (400, 800, "USt-IdNr.: DE 811 907 980"),
]
_BUYER = [
    (60, 740, "Rechnungsempfänger"),
    (60, 728, "Baumarkt Meier KG"),
    (60, 716, "Hauptstraße 1"),
    (60, 704, "10115 Berlin"),
    (60, 692, "USt-IdNr.: DE 129 273 398"),
]
_BODY = [
    (400, 660, "Rechnungsnummer: 2024-117"),
    (60, 600, "Schrauben M6"),
    (480, 600, "120.00"),
    (380, 570, "Summe"),
    (480, 570, "120.00"),
]


@pytest.mark.parametrize(
    ("fixture", "supplier"),
    [
        ("french_multipage_place_date.pdf", {"name": "Comptoir Méridional SAS", "vatId": "FR12812345678"}),
        # "VAT GB 123 4567 89", printed in groups.
        ("landscape_dense_multipage.pdf", {"name": "Thames Valley Wholesale plc", "vatId": "GB123456789"}),
        ("german_wrapped_bottom.pdf", None),
    ],
)
def test_the_fixture_invoices_name_the_vat_id_their_imprint_prints(fixture: str, supplier: object) -> None:
    result = parse_document((HTML_PDFS / fixture).read_bytes(), Settings(ignore_einvoice=True))
    found = result["invoice"]["supplier"]

    if supplier is None:
        assert set(found) == {"name"}
    else:
        assert found == supplier


def test_the_letterhead_vat_id_is_the_suppliers_and_the_one_under_the_bill_to_block_is_not() -> None:
    assert _supplier_of([*_LETTERHEAD, *_BUYER, *_BODY]) == {
        "name": "Schraubenwerk Krause GmbH",
        "vatId": "DE811907980",
    }


def test_a_vat_id_labelled_as_the_customers_is_left_out() -> None:
    texts = [*_LETTERHEAD[:2], (400, 800, "Ihre USt-IdNr.: DE 129 273 398"), *_BODY]

    assert "vatId" not in _supplier_of(texts)


def test_the_footer_iban_is_the_suppliers_when_its_check_holds() -> None:
    footer = (60, 60, "Sparkasse Dortmund · IBAN DE89 3704 0044 0532 0130 00 · BIC DORTDE33XXX")

    assert _supplier_of([*_LETTERHEAD, *_BODY, footer])["iban"] == "DE89370400440532013000"


def test_an_iban_whose_check_fails_is_never_given() -> None:
    footer = (60, 60, "Sparkasse Dortmund · IBAN DE89 3704 0044 0532 0130 01 · BIC DORTDE33XXX")

    assert "iban" not in _supplier_of([*_LETTERHEAD, *_BODY, footer])


def test_two_vat_ids_that_nothing_tells_apart_give_none() -> None:
    texts = [*_LETTERHEAD, (400, 640, "USt-IdNr. DE 129 273 398"), *_BODY]

    assert "vatId" not in _supplier_of(texts)


def test_the_imprint_names_the_vat_id_and_iban_beside_the_company() -> None:
    body = [(60, 800, "Industrieweg 12"), (400, 760, "Factuurnummer: 2024-117"), *_BODY[1:]]
    imprint = (60, 60, "Widgetworks B.V. · KvK 3214738 · Btw NL820471616B01 · IBAN NL45INGB0000257133")

    assert _supplier_of([*body, imprint]) == {
        "name": "Widgetworks B.V.",
        "vatId": "NL820471616B01",
        "iban": "NL45INGB0000257133",
    }


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("DE 811 907 980", "DE811907980"),
        ("ATU12345678", "ATU12345678"),
        ("CHE-123.456.789 MWST", "CHE123456789"),
        ("NL820471616B01", "NL820471616B01"),
        ("EU372041333", "EU372041333"),
        ("DE 811 907 98", None),  # a digit short
        ("DE/12/345/67890", None),  # a tax number
        ("Dortmund", None),
    ],
)
def test_vat_ids_are_normalised_and_need_their_countrys_format(printed: str, expected: str | None) -> None:
    assert vat_id_of(printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
        ("gb82 west 1234 5698 7654 32", "GB82WEST12345698765432"),
        ("DE89 3704 0044 0532 0130 01", None),  # the check digits fail
        ("DE89 3704 0044 0532 0130", None),  # too short for Germany
    ],
)
def test_ibans_are_normalised_and_need_their_check_digits(printed: str, expected: str | None) -> None:
    assert iban_of(printed) == expected
