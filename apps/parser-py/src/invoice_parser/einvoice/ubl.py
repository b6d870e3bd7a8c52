"""OASIS UBL 2.1 Invoice and CreditNote (EN 16931 / Peppol BIS / XRechnung UBL)."""

from __future__ import annotations

from typing import NoReturn
from xml.etree.ElementTree import Element

from invoice_parser.einvoice.dates import ubl_date
from invoice_parser.einvoice.errors import InvalidXmlError
from invoice_parser.einvoice.formats import CREDIT_NOTE_TYPE_CODES, UBL_CREDIT_NOTE, Syntax
from invoice_parser.einvoice.model import DocumentCharge, EInvoice, EInvoiceLine, EInvoiceTotals
from invoice_parser.einvoice.xml_paths import children, find, text_at
from invoice_parser.einvoice.xml_values import amount_at, currency_at, decimal_at


def read_ubl(root: Element, syntax: Syntax) -> EInvoice:
    credit_note = syntax == UBL_CREDIT_NOTE
    line_name, quantity_name = (
        ("CreditNoteLine", "CreditedQuantity") if credit_note else ("InvoiceLine", "InvoicedQuantity")
    )
    type_code = text_at(root, "CreditNoteTypeCode" if credit_note else "InvoiceTypeCode")
    currency = currency_at(root, "DocumentCurrencyCode")
    return EInvoice(
        format=syntax.format,
        syntax=syntax.name,
        profile=text_at(root, "CustomizationID"),
        type_code=type_code,
        is_credit_note=credit_note or type_code in CREDIT_NOTE_TYPE_CODES,
        number=text_at(root, "ID"),
        issue_date=ubl_date(text_at(root, "IssueDate")),
        currency=currency,
        seller_name=_seller_name(root),
        # Only direct lines: a SubInvoiceLine is a breakdown of its parent, which already carries
        # the amount, as an EXTENDED CII GROUP row's children do.
        lines=tuple(
            _line(line, quantity_name, currency, position)
            for position, line in enumerate(children(root, line_name), 1)
        ),
        charges=tuple(_charge(charge, currency) for charge in children(root, "AllowanceCharge")),
        totals=_totals(root, currency),
    )


def _seller_name(root: Element) -> str | None:
    party = find(root, "AccountingSupplierParty/Party")
    if party is None:
        return None
    # The legal name is BT-27, what CII's SellerTradeParty/Name holds; PartyName is a trading name.
    return text_at(party, "PartyLegalEntity/RegistrationName") or text_at(party, "PartyName/Name")


def _line(line: Element, quantity_name: str, currency: str | None, position: int) -> EInvoiceLine:
    quantity = decimal_at(line, quantity_name)
    if quantity is None:
        raise InvalidXmlError(f"invoice line {position} has no {quantity_name}", {"line": position})
    quantity_element = find(line, quantity_name)
    unit_code = None if quantity_element is None else quantity_element.get("unitCode")
    return EInvoiceLine(
        line_id=text_at(line, "ID"),
        seller_item_id=text_at(line, "Item/SellersItemIdentification/ID"),
        buyer_item_id=text_at(line, "Item/BuyersItemIdentification/ID"),
        global_item_id=text_at(line, "Item/StandardItemIdentification/ID"),
        name=text_at(line, "Item/Name") or "",
        quantity=quantity,
        unit_code=unit_code.strip() or None if unit_code is not None else None,
        net_price=amount_at(line, "Price/PriceAmount", currency),
        gross_price=amount_at(line, "Price/AllowanceCharge/BaseAmount", currency),
        price_basis_quantity=decimal_at(line, "Price/BaseQuantity"),
        line_total=amount_at(line, "LineExtensionAmount", currency),
        tax_rate=decimal_at(line, "Item/ClassifiedTaxCategory/Percent"),
    )


def _charge(charge: Element, currency: str | None) -> DocumentCharge:
    amount = amount_at(charge, "Amount", currency)
    if amount is None:
        _missing("a document-level allowance or charge has no Amount")
    return DocumentCharge(
        is_allowance=text_at(charge, "ChargeIndicator") == "false",
        amount=amount,
        reason=text_at(charge, "AllowanceChargeReason") or text_at(charge, "AllowanceChargeReasonCode"),
        tax_rate=decimal_at(charge, "TaxCategory/Percent"),
    )


def _totals(root: Element, currency: str | None) -> EInvoiceTotals:
    monetary = find(root, "LegalMonetaryTotal")
    # TaxTotal repeats when the tax is also stated in the accounting currency (BT-111).
    tax = amount_at(root, "TaxTotal/TaxAmount", currency)
    if monetary is None:
        return EInvoiceTotals(None, None, None, None, tax, None, None, None)
    return EInvoiceTotals(
        line_total=amount_at(monetary, "LineExtensionAmount", currency),
        charges=amount_at(monetary, "ChargeTotalAmount", currency),
        allowances=amount_at(monetary, "AllowanceTotalAmount", currency),
        tax_basis=amount_at(monetary, "TaxExclusiveAmount", currency),
        tax=tax,
        grand_total=amount_at(monetary, "TaxInclusiveAmount", currency),
        prepaid=amount_at(monetary, "PrepaidAmount", currency),
        due=amount_at(monetary, "PayableAmount", currency),
    )


def _missing(message: str) -> NoReturn:
    raise InvalidXmlError(message)
