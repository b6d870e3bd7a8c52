"""UN/CEFACT Cross Industry Invoice: Factur-X, ZUGFeRD 1 and 2.x, XRechnung CII.

ZUGFeRD 1 and CII D16B share the structure but not every element name; one reader walks both
through a table of the names that differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, NoReturn
from xml.etree.ElementTree import Element

from invoice_parser.einvoice.dates import cii_date
from invoice_parser.einvoice.errors import InvalidXmlError
from invoice_parser.einvoice.formats import CII_D16B, CREDIT_NOTE_TYPE_CODES, ZUGFERD_1, Syntax
from invoice_parser.einvoice.model import DocumentCharge, EInvoice, EInvoiceLine, EInvoiceTotals
from invoice_parser.einvoice.xml_paths import children, find, find_all, text_at
from invoice_parser.einvoice.xml_values import amount_at, currency_at, decimal_at


@dataclass(frozen=True)
class _Names:
    context: str
    document: str
    transaction: str
    header_agreement: str
    header_settlement: str
    header_summation: str
    line_agreement: str
    line_delivery: str
    line_settlement: str
    line_summation: str
    tax_rate: str


_D16B_NAMES: Final = _Names(
    context="ExchangedDocumentContext",
    document="ExchangedDocument",
    transaction="SupplyChainTradeTransaction",
    header_agreement="ApplicableHeaderTradeAgreement",
    header_settlement="ApplicableHeaderTradeSettlement",
    header_summation="SpecifiedTradeSettlementHeaderMonetarySummation",
    line_agreement="SpecifiedLineTradeAgreement",
    line_delivery="SpecifiedLineTradeDelivery",
    line_settlement="SpecifiedLineTradeSettlement",
    line_summation="SpecifiedTradeSettlementLineMonetarySummation",
    tax_rate="RateApplicablePercent",
)
_ZUGFERD_1_NAMES: Final = _Names(
    context="SpecifiedExchangedDocumentContext",
    document="HeaderExchangedDocument",
    transaction="SpecifiedSupplyChainTradeTransaction",
    header_agreement="ApplicableSupplyChainTradeAgreement",
    header_settlement="ApplicableSupplyChainTradeSettlement",
    header_summation="SpecifiedTradeSettlementMonetarySummation",
    line_agreement="SpecifiedSupplyChainTradeAgreement",
    line_delivery="SpecifiedSupplyChainTradeDelivery",
    line_settlement="SpecifiedSupplyChainTradeSettlement",
    line_summation="SpecifiedTradeSettlementMonetarySummation",
    tax_rate="ApplicablePercent",
)
_NAMES_BY_SYNTAX: Final = {CII_D16B: _D16B_NAMES, ZUGFERD_1: _ZUGFERD_1_NAMES}


def read_cii(root: Element, syntax: Syntax) -> EInvoice:
    names = _NAMES_BY_SYNTAX[syntax]
    document = _required(root, names.document)
    transaction = _required(root, names.transaction)
    settlement = find(transaction, names.header_settlement)
    currency = None if settlement is None else currency_at(settlement, "InvoiceCurrencyCode")
    type_code = text_at(document, "TypeCode")
    issue = find(document, "IssueDateTime/DateTimeString")
    return EInvoice(
        format=syntax.format,
        syntax=syntax.name,
        profile=text_at(root, f"{names.context}/GuidelineSpecifiedDocumentContextParameter/ID"),
        type_code=type_code,
        is_credit_note=type_code in CREDIT_NOTE_TYPE_CODES,
        number=text_at(document, "ID"),
        issue_date=None if issue is None else cii_date((issue.text or "").strip(), issue.get("format")),
        currency=currency,
        seller_name=text_at(transaction, f"{names.header_agreement}/SellerTradeParty/Name"),
        lines=tuple(
            _line(item, names, position)
            for position, item in enumerate(children(transaction, "IncludedSupplyChainTradeLineItem"), 1)
        ),
        charges=() if settlement is None else _charges(settlement, names, currency),
        totals=_totals(settlement, names, currency),
    )


def _required(root: Element, name: str) -> Element:
    found = find(root, name)
    if found is None:
        raise InvalidXmlError(f"the CII document has no {name}", {"missing": name})
    return found


def _line(item: Element, names: _Names, position: int) -> EInvoiceLine:
    quantity = decimal_at(item, f"{names.line_delivery}/BilledQuantity")
    if quantity is None:
        # BT-129 is mandatory; without it the line cannot move stock, so the XML is not trusted.
        raise InvalidXmlError(f"invoice line {position} has no billed quantity", {"line": position})
    net_price = f"{names.line_agreement}/NetPriceProductTradePrice"
    return EInvoiceLine(
        line_id=text_at(item, "AssociatedDocumentLineDocument/LineID"),
        parent_line_id=text_at(item, "AssociatedDocumentLineDocument/ParentLineID"),
        status_reason=text_at(item, "AssociatedDocumentLineDocument/LineStatusReasonCode"),
        seller_item_id=text_at(item, "SpecifiedTradeProduct/SellerAssignedID"),
        buyer_item_id=text_at(item, "SpecifiedTradeProduct/BuyerAssignedID"),
        global_item_id=text_at(item, "SpecifiedTradeProduct/GlobalID"),
        name=text_at(item, "SpecifiedTradeProduct/Name") or "",
        quantity=quantity,
        unit_code=_attribute(item, f"{names.line_delivery}/BilledQuantity", "unitCode"),
        net_price=decimal_at(item, f"{net_price}/ChargeAmount"),
        gross_price=decimal_at(item, f"{names.line_agreement}/GrossPriceProductTradePrice/ChargeAmount"),
        price_basis_quantity=decimal_at(item, f"{net_price}/BasisQuantity"),
        line_total=decimal_at(item, f"{names.line_settlement}/{names.line_summation}/LineTotalAmount"),
        tax_rate=decimal_at(item, f"{names.line_settlement}/ApplicableTradeTax/{names.tax_rate}"),
    )


def _charges(settlement: Element, names: _Names, currency: str | None) -> tuple[DocumentCharge, ...]:
    allowances_and_charges = [
        DocumentCharge(
            is_allowance=text_at(charge, "ChargeIndicator/Indicator") == "false",
            amount=amount_at(charge, "ActualAmount", currency) or _missing_amount("ActualAmount"),
            reason=text_at(charge, "Reason") or text_at(charge, "ReasonCode"),
            tax_rate=decimal_at(charge, f"CategoryTradeTax/{names.tax_rate}"),
        )
        for charge in children(settlement, "SpecifiedTradeAllowanceCharge")
    ]
    # EXTENDED (and ZUGFeRD 1) list freight separately; it is part of ChargeTotalAmount all the same.
    logistics = [
        DocumentCharge(
            is_allowance=False,
            amount=amount_at(charge, "AppliedAmount", currency) or _missing_amount("AppliedAmount"),
            reason=text_at(charge, "Description"),
            tax_rate=decimal_at(charge, f"AppliedTradeTax/{names.tax_rate}"),
        )
        for charge in find_all(settlement, "SpecifiedLogisticsServiceCharge")
    ]
    return tuple(allowances_and_charges + logistics)


def _totals(settlement: Element | None, names: _Names, currency: str | None) -> EInvoiceTotals:
    summation = None if settlement is None else find(settlement, names.header_summation)
    if summation is None:
        return EInvoiceTotals(None, None, None, None, None, None, None, None)
    return EInvoiceTotals(
        line_total=amount_at(summation, "LineTotalAmount", currency),
        charges=amount_at(summation, "ChargeTotalAmount", currency),
        allowances=amount_at(summation, "AllowanceTotalAmount", currency),
        tax_basis=amount_at(summation, "TaxBasisTotalAmount", currency),
        tax=amount_at(summation, "TaxTotalAmount", currency),
        grand_total=amount_at(summation, "GrandTotalAmount", currency),
        prepaid=amount_at(summation, "TotalPrepaidAmount", currency),
        due=amount_at(summation, "DuePayableAmount", currency),
    )


def _attribute(element: Element, path: str, name: str) -> str | None:
    found = find(element, path)
    value = None if found is None else found.get(name)
    return value.strip() or None if value is not None else None


def _missing_amount(name: str) -> NoReturn:
    raise InvalidXmlError(f"a document-level allowance or charge has no {name}", {"missing": name})
