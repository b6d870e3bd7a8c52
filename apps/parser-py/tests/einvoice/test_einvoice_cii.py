"""read_einvoice on hand-written CII documents (Factur-X / ZUGFeRD 2 and ZUGFeRD 1)."""

from __future__ import annotations

from decimal import Decimal

from einvoice_expected import charge_line, group_line, header, item_line
from einvoice_samples import (
    CII_CREDIT_NOTE,
    CII_SUB_LINES,
    CII_WITH_CHARGES,
    EN16931,
    EXTENDED,
    MINIMAL_CII,
    ZUGFERD_1,
)

from invoice_parser.einvoice import EInvoiceTotals, check_arithmetic, parse_result_pieces, read_einvoice

SELLER = "Muster Werkzeuge GmbH"
CII_EN16931 = {"method": "e-invoice", "eInvoiceFormat": "CII", "eInvoiceProfile": EN16931}


def test_minimal_invoice_keeps_the_xml_text_of_every_number() -> None:
    assert parse_result_pieces(read_einvoice(MINIMAL_CII)) == {
        "extraction": CII_EN16931,
        "invoice": header("RE-2025-001", "2025-03-14", SELLER, "25.00", "4.75", "29.75"),
        "lines": [item_line(0, "HAM-500", "Hammer 500 g", "2.0000", "H87", "12.50", "25.00", "19.00")],
    }


def test_minimal_invoice_reads_all_totals_as_decimals() -> None:
    einvoice = read_einvoice(MINIMAL_CII)

    assert (einvoice.syntax, einvoice.type_code, einvoice.is_credit_note) == ("CII D16B", "380", False)
    assert einvoice.totals == EInvoiceTotals(
        line_total=Decimal("25.00"),
        charges=None,
        allowances=None,
        tax_basis=Decimal("25.00"),
        tax=Decimal("4.75"),
        grand_total=Decimal("29.75"),
        prepaid=None,
        due=Decimal("29.75"),
    )


def test_document_charges_and_allowances_become_signed_charge_lines_summing_to_the_subtotal() -> None:
    pieces = parse_result_pieces(read_einvoice(CII_WITH_CHARGES))

    assert pieces["invoice"] == header("RE-2025-001", "2025-03-14", SELLER, "76.90", "14.61", "91.51")
    assert pieces["lines"] == [
        # No seller id: the buyer's id is the SKU; with neither, the GTIN.
        item_line(0, "B-77", "Schrauben 4x40", "3", "H87", "10.00", "30.00", "19.00"),
        # 45.90 per 100 metres (BasisQuantity 100): the price is kept as the XML states it.
        item_line(1, "4000000000017", "Kabel 3x1,5", "100", "MTR", "45.90", "45.90", "19.00"),
        charge_line(2, "Treuerabatt", "-7.50", "19.00"),
        charge_line(3, "Verpackung", "3.50", "19.00"),
        charge_line(4, "Fracht", "5.00", "19.00"),
    ]
    assert sum(Decimal(line["lineTotal"]) for line in pieces["lines"]) == Decimal("76.90")


def test_price_basis_quantity_is_kept_on_the_model() -> None:
    cable = read_einvoice(CII_WITH_CHARGES).lines[1]

    assert (cable.net_price, cable.price_basis_quantity, cable.quantity) == (
        Decimal("45.90"),
        Decimal("100"),
        Decimal("100"),
    )


def test_credit_note_keeps_the_xml_signs_and_says_it_is_a_credit_note() -> None:
    einvoice = read_einvoice(CII_CREDIT_NOTE)

    assert (einvoice.type_code, einvoice.is_credit_note) == ("381", True)
    assert parse_result_pieces(einvoice) == {
        "extraction": CII_EN16931,
        "invoice": header(
            "GS-2025-007", "2025-03-14", SELLER, "12.50", "2.38", "14.88", document_type="credit-note"
        ),
        "lines": [item_line(0, "HAM-500", "Hammer 500 g (Rücknahme)", "1", "H87", "12.50", "12.50", "19.00")],
    }


def test_group_rows_of_sub_lines_are_group_lines_and_information_rows_stay_as_zero_items() -> None:
    pieces = parse_result_pieces(read_einvoice(CII_SUB_LINES))

    assert pieces["extraction"] == {
        "method": "e-invoice",
        "eInvoiceFormat": "CII",
        "eInvoiceProfile": EXTENDED,
    }
    assert pieces["lines"] == [
        item_line(0, "DR-1", "Drucker", "2.00", "H87", "300.00", "600.00", "19.00"),
        item_line(1, "TO-1", "Toner", "3.00", "H87", "50.00", "150.00", "19.00"),
        group_line(2, "SUM-HW", "Summe Hardware", "1.00", "H87", "750.00", "750.00", "19.00"),
        item_line(3, "SET-1", "Werkzeugset", "1", "H87", "80.00", "80.00", "19.00"),
        item_line(4, "ZA-1", "Zange", "1", "H87", "0.00", "0.00", "19.00"),
    ]


def test_the_lines_sum_leaves_group_rows_out_and_their_own_arithmetic_is_checked() -> None:
    # 600 + 150 + 80 + 0 = 830, the tax basis; adding the 750 subtotal would fail the check.
    checks, warnings = check_arithmetic(read_einvoice(CII_SUB_LINES))

    assert warnings == []
    assert [(check.name, check.status, check.line_index) for check in checks] == [
        ("line-arithmetic", "pass", 0),
        ("line-arithmetic", "pass", 1),
        ("line-arithmetic", "pass", 2),
        ("line-arithmetic", "pass", 3),
        ("line-arithmetic", "pass", 4),
        ("lines-sum-subtotal", "pass", None),
        ("subtotal-tax-total", "pass", None),
    ]
    lines_sum = next(check for check in checks if check.name == "lines-sum-subtotal")
    assert (lines_sum.expected, lines_sum.actual) == (Decimal("830.00"), Decimal("830.00"))


def test_sub_line_structure_is_kept_on_the_model() -> None:
    lines = read_einvoice(CII_SUB_LINES).lines

    assert [(line.line_id, line.parent_line_id, line.status_reason) for line in lines] == [
        ("01.01", "01", "DETAIL"),
        ("01.02", "01", "DETAIL"),
        ("01", None, "GROUP"),
        ("02", None, "DETAIL"),
        ("02.01", "02", "INFORMATION"),
    ]


def test_zugferd_1_is_read_as_cii() -> None:
    einvoice = read_einvoice(ZUGFERD_1)

    assert einvoice.syntax == "ZUGFeRD 1"
    assert parse_result_pieces(einvoice) == {
        "extraction": {
            "method": "e-invoice",
            "eInvoiceFormat": "CII",
            "eInvoiceProfile": "urn:ferd:CrossIndustryDocument:invoice:1p0:comfort",
        },
        "invoice": header("471102", "2013-03-05", "Lieferant GmbH", "199.00", "37.81", "236.81"),
        "lines": [
            item_line(0, "TB100A4", "Trennblätter A4", "20.0000", "C62", "9.90", "198.00", "19.00"),
            charge_line(1, "Versandkosten", "1.00", "19.00"),
        ],
    }
