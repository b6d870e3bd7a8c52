"""The seller's VAT ID (BT-31) and the payee's IBAN (BT-84) in the ParseResult's supplier, read from
CII and UBL: normalised, a failed IBAN check left out, a direct debit's (the buyer's) account ignored."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings

KOSIT = Path(__file__).resolve().parent / "fixtures" / "kosit"
CORPUS = Path(__file__).resolve().parents[4].parent / "shared" / "corpus" / "xml-kosit"


def _supplier(data: bytes) -> dict[str, object]:
    return parse_document(data, Settings())["invoice"]["supplier"]


@pytest.mark.parametrize(
    ("name", "supplier"),
    [
        ("standard__01.01a-INVOICE_uncefact.xml", "[Seller name]"),
        ("standard__01.01a-INVOICE_ubl.xml", "[Seller name]"),
        ("extension__04.05a-INVOICE_uncefact.xml", "Rechnungssteller"),
        ("extension__05.01a-INVOICE_ubl.xml", "[Seller name]"),
    ],
)
def test_the_kosit_copies_name_the_sellers_vat_id_and_iban(name: str, supplier: str) -> None:
    # "DE 123456789" in the XML, printed with a space.
    assert _supplier((KOSIT / name).read_bytes()) == {
        "name": supplier,
        "vatId": "DE123456789",
        "iban": "DE79000000001234567890",
    }


@pytest.mark.parametrize(
    "name", ["standard__01.01a-INVOICE_uncefact.xml", "standard__01.01a-INVOICE_ubl.xml"]
)
def test_an_iban_whose_check_fails_is_left_out(name: str) -> None:
    xml = (KOSIT / name).read_bytes().replace(b"DE79000000001234567890", b"DE79000000001234567891")

    assert _supplier(xml) == {"name": "[Seller name]", "vatId": "DE123456789"}


def test_a_tax_number_is_no_vat_id() -> None:
    xml = (KOSIT / "standard__01.01a-INVOICE_uncefact.xml").read_bytes()
    xml = xml.replace(
        b'<ram:ID schemeID="VA">DE 123456789</ram:ID>', b'<ram:ID schemeID="FC">201/113/40209</ram:ID>'
    )

    assert "vatId" not in _supplier(xml)


@pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"{CORPUS} is not there (the shared corpus sits beside the repository)"
)
def test_the_kosit_suite_names_vat_ids_and_ibans_of_the_seller_only() -> None:
    found = Counter(
        (supplier.get("vatId"), supplier.get("iban"))
        for document in sorted(CORPUS.rglob("*.xml"))
        for supplier in [_supplier(document.read_bytes())]
    )

    # No IBAN where a case pays by direct debit (that account is the buyer's) or names no account.
    assert found == {
        ("DE123456789", "DE79000000001234567890"): 35,
        ("ATU123456789", "DE79000000001234567890"): 16,
        ("ATU123456789", None): 7,
        ("DE123456789", None): 6,
        (None, "DE79000000001234567890"): 4,
        ("DE12345464867", "DE79000000001234567890"): 2,
        ("DE814060619", "DE79000000001234567890"): 1,
        ("DE152338654", "DE79000000001234567890"): 1,
    }
