"""read_einvoice on hand-written UBL 2.1 Invoice and CreditNote documents."""

from __future__ import annotations

from einvoice_expected import charge_line, header, item_line
from einvoice_samples import UBL_CREDIT_NOTE, UBL_INVOICE, XRECHNUNG_UBL

from invoice_parser.einvoice import parse_result_pieces, read_einvoice

EXPECTED_UBL = {
    "extraction": {"method": "e-invoice", "eInvoiceFormat": "UBL", "eInvoiceProfile": XRECHNUNG_UBL},
    # The legal name (BT-27), not the trading name; the tax in EUR, not the USD repetition.
    "invoice": header("UBL-42", "2025-02-28", "Bolt Shop B.V.", "110.00", "23.10", "133.10"),
    "lines": [
        item_line(0, "M8-HEX", "Hex bolt M8", "10", "C62", "8.00", "80.00", "21"),
        item_line(1, "4000000000024", "Washers", "2.5", "KGM", "10.00", "25.00", "21"),
        charge_line(2, "Freight", "10.00", "21"),
        # No reason text: the reason code stands in.
        charge_line(3, "95", "-5.00", None),
    ],
}


def test_ubl_invoice() -> None:
    einvoice = read_einvoice(UBL_INVOICE)

    assert (einvoice.syntax, einvoice.type_code, einvoice.is_credit_note) == ("UBL Invoice", "380", False)
    assert parse_result_pieces(einvoice) == EXPECTED_UBL


def test_ubl_line_keeps_the_list_price_before_its_discount() -> None:
    bolt = read_einvoice(UBL_INVOICE).lines[0]

    assert (str(bolt.net_price), str(bolt.gross_price)) == ("8.00", "10.00")


def test_ubl_credit_note_reads_credited_quantities_and_keeps_their_signs() -> None:
    einvoice = read_einvoice(UBL_CREDIT_NOTE)

    assert (einvoice.syntax, einvoice.type_code, einvoice.is_credit_note) == ("UBL CreditNote", "381", True)
    credit_note_header = {**EXPECTED_UBL["invoice"], "documentType": "credit-note"}
    assert parse_result_pieces(einvoice) == {**EXPECTED_UBL, "invoice": credit_note_header}


def test_a_ubl_invoice_in_a_peppol_envelope_is_read() -> None:
    envelope = (
        b'<StandardBusinessDocument xmlns="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader">'
        b"<StandardBusinessDocumentHeader><HeaderVersion>1.0</HeaderVersion></StandardBusinessDocumentHeader>"
        + UBL_INVOICE.split(b"?>", 1)[1]
        + b"</StandardBusinessDocument>"
    )

    assert read_einvoice(envelope) == read_einvoice(UBL_INVOICE)
