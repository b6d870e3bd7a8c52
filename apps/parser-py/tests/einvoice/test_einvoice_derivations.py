"""Values EN 16931 lets a document leave out, derived as the standard defines them, and the
document's own totals checking them; a valid invoice is never refused for leaving them out."""

from __future__ import annotations

from decimal import Decimal

import pytest
from einvoice_samples import UBL_INVOICE, cii_invoice, cii_line, summation

from invoice_parser.contracts import validation_errors
from invoice_parser.einvoice import INVALID_XML, parse_result_pieces, read_einvoice
from invoice_parser.einvoice_result import xml_upload_result
from invoice_parser.errors import ParserError
from invoice_parser.settings import Settings

LINE = cii_line("1", "Hammer 500 g", "2", "12.50", "25.00", seller_id="HAM-500")


def _allowance(body: str) -> str:
    return f"""
      <ram:SpecifiedTradeAllowanceCharge>
        <ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator>{body}
        <ram:Reason>Rabatt</ram:Reason>
        <ram:CategoryTradeTax><ram:RateApplicablePercent>19.00</ram:RateApplicablePercent></ram:CategoryTradeTax>
      </ram:SpecifiedTradeAllowanceCharge>"""


def _charge_totals(allowances: str, basis: str, tax: str, grand: str) -> str:
    return summation("25.00", basis, tax, grand, allowances=allowances)


def test_a_document_allowance_of_zero_is_read() -> None:
    # Regression: a zero ActualAmount was taken for a missing one and the valid file refused.
    xml = cii_invoice(
        LINE,
        _charge_totals("0", "25.00", "4.75", "29.75"),
        settlement_extra=_allowance(
            "<ram:CalculationPercent>0</ram:CalculationPercent>"
            "<ram:BasisAmount>0</ram:BasisAmount><ram:ActualAmount>0</ram:ActualAmount>"
        ),
    )

    [charge] = read_einvoice(xml).charges

    assert (charge.is_allowance, charge.amount) == (True, Decimal("0"))


def test_an_allowance_given_only_as_a_percentage_of_a_base_is_derived() -> None:
    xml = cii_invoice(
        LINE,
        _charge_totals("0.75", "24.25", "4.61", "28.86"),
        settlement_extra=_allowance(
            "<ram:CalculationPercent>3</ram:CalculationPercent><ram:BasisAmount>25.00</ram:BasisAmount>"
        ),
    )

    result = xml_upload_result(xml, Settings())

    assert result["lines"][1]["lineTotal"] == "-0.75"
    assert result["warnings"] == []
    assert {check["status"] for check in result["checks"]} == {"pass"}


def test_a_ubl_allowance_given_only_as_a_percentage_is_derived() -> None:
    xml = UBL_INVOICE.replace(
        b"<cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode>\n"
        b'    <cbc:Amount currencyID="EUR">5.00</cbc:Amount>',
        b"<cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode>"
        b"<cbc:MultiplierFactorNumeric>5</cbc:MultiplierFactorNumeric>"
        b'<cbc:BaseAmount currencyID="EUR">100.00</cbc:BaseAmount>',
    )
    assert xml != UBL_INVOICE

    charges = read_einvoice(xml).charges

    assert [(charge.is_allowance, charge.amount) for charge in charges] == [
        (False, Decimal("10.00")),
        (True, Decimal("5.00")),
    ]


def test_an_allowance_with_neither_amount_nor_percentage_is_refused_by_name() -> None:
    xml = cii_invoice(LINE, _charge_totals("1.00", "24.00", "4.56", "28.56"), settlement_extra=_allowance(""))

    with pytest.raises(ParserError) as raised:
        read_einvoice(xml)

    assert raised.value.code == INVALID_XML
    assert raised.value.message == (
        "a document-level allowance or charge has neither an ActualAmount "
        "nor a CalculationPercent with its BasisAmount"
    )


def test_a_line_net_amount_left_out_is_quantity_times_price_per_basis_quantity() -> None:
    line = cii_line("1", "Kabel", "250", "45.90", "0", unit="MTR", basis="100").replace(
        "<ram:LineTotalAmount>0</ram:LineTotalAmount>", ""
    )
    xml = cii_invoice(line, summation("114.75", "114.75", "21.80", "136.55"))

    [cable] = read_einvoice(xml).lines

    assert cable.line_total == Decimal("114.75")


def test_a_ubl_line_extension_amount_left_out_is_derived() -> None:
    xml = UBL_INVOICE.replace(
        b'<cbc:LineExtensionAmount currencyID="EUR">25.00</cbc:LineExtensionAmount>', b""
    )
    assert xml != UBL_INVOICE

    washers = read_einvoice(xml).lines[1]

    assert (washers.quantity, washers.net_price, washers.line_total) == (
        Decimal("2.5"),
        Decimal("10.00"),
        Decimal("25.00"),
    )


def test_a_net_price_left_out_is_the_gross_price_less_its_discount() -> None:
    line = (
        cii_line("1", "Handschuhe", "12", "0", "45.00", unit="PR", gross="4.00")
        .replace(
            """<ram:NetPriceProductTradePrice>
          <ram:ChargeAmount>0</ram:ChargeAmount>
        </ram:NetPriceProductTradePrice>""",
            "",
        )
        .replace(
            "</ram:ChargeAmount></ram:GrossPriceProductTradePrice>",
            "</ram:ChargeAmount><ram:AppliedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>false"
            "</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>0.25</ram:ActualAmount>"
            "</ram:AppliedTradeAllowanceCharge></ram:GrossPriceProductTradePrice>",
        )
    )
    xml = cii_invoice(line, summation("45.00", "45.00", "8.55", "53.55"))

    [gloves] = read_einvoice(xml).lines

    assert (gloves.gross_price, gloves.net_price) == (Decimal("4.00"), Decimal("3.75"))


def test_a_priced_line_without_quantity_keeps_its_amounts_and_no_quantity() -> None:
    line = LINE.replace('<ram:BilledQuantity unitCode="H87">2</ram:BilledQuantity>', "")
    xml = cii_invoice(line, summation("25.00", "25.00", "4.75", "29.75"))

    [item] = parse_result_pieces(read_einvoice(xml))["lines"]

    # Applying it is blocked until the operator states the quantity (APPLY_MISSING_QUANTITY).
    assert (item["quantity"], item["unitPrice"], item["lineTotal"]) == (None, "12.50", "25.00")
    assert validation_errors(xml_upload_result(xml, Settings())) == []


def test_a_line_carrying_only_a_note_is_left_out() -> None:
    note = """
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument>
        <ram:LineID>0</ram:LineID>
        <ram:IncludedNote><ram:Content>Lieferung 12.11.</ram:Content></ram:IncludedNote>
      </ram:AssociatedDocumentLineDocument>
    </ram:IncludedSupplyChainTradeLineItem>"""
    xml = cii_invoice(note + LINE, summation("25.00", "25.00", "4.75", "29.75"))

    assert [line.line_id for line in read_einvoice(xml).lines] == ["1"]


def test_totals_that_do_not_close_are_reported_and_the_xml_still_used() -> None:
    xml = cii_invoice(LINE, summation("25.00", "26.00", "4.94", "30.94"))

    result = xml_upload_result(xml, Settings())

    assert result["extraction"]["method"] == "e-invoice"
    assert result["invoice"]["totals"]["subtotal"] == "26.00"
    [warning] = result["warnings"]
    assert (warning["code"], warning["details"]) == (
        "SUBTOTAL_MISMATCH",
        {"check": "lines-sum-subtotal", "expected": "25.00", "stated": "26.00"},
    )
