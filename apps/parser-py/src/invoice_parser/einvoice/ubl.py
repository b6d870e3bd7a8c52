"""OASIS UBL 2.1 Invoice and CreditNote (EN 16931 / Peppol BIS / XRechnung UBL)."""

from __future__ import annotations

from decimal import Decimal
from typing import Final
from xml.etree.ElementTree import Element

from invoice_parser.einvoice.dates import ubl_date
from invoice_parser.einvoice.derivations import line_net_amount, net_from_gross, percent_of
from invoice_parser.einvoice.errors import InvalidXmlError
from invoice_parser.einvoice.formats import CREDIT_NOTE_TYPE_CODES, UBL_CREDIT_NOTE, Syntax
from invoice_parser.einvoice.model import DocumentCharge, EInvoice, EInvoiceLine, EInvoiceTotals
from invoice_parser.einvoice.seller_ids import ubl_payee_iban, ubl_seller_vat_id
from invoice_parser.einvoice.xml_paths import children, find, text_at
from invoice_parser.einvoice.xml_values import amount_at, currency_at, decimal_at

_FALSE: Final = frozenset({"false", "0"})  # xsd:boolean's two spellings of false


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
            line
            for element in children(root, line_name)
            if (line := _line(element, quantity_name, currency)) is not None
        ),
        charges=tuple(_charge(charge, currency) for charge in children(root, "AllowanceCharge")),
        totals=_totals(root, currency),
        seller_vat_id=ubl_seller_vat_id(root),
        payee_iban=ubl_payee_iban(root),
    )


def _seller_name(root: Element) -> str | None:
    party = find(root, "AccountingSupplierParty/Party")
    if party is None:
        return None
    # The legal name is BT-27, what CII's SellerTradeParty/Name holds; PartyName is a trading name.
    return text_at(party, "PartyLegalEntity/RegistrationName") or text_at(party, "PartyName/Name")


def _line(line: Element, quantity_name: str, currency: str | None) -> EInvoiceLine | None:
    """The line, or None when it states neither a quantity nor an amount (nothing to read)."""
    quantity_element = find(line, quantity_name)
    quantity = decimal_at(line, quantity_name)
    unit_code = None if quantity_element is None else quantity_element.get("unitCode")
    net_price = amount_at(line, "Price/PriceAmount", currency)
    price_discount = find(line, "Price/AllowanceCharge")
    gross_price = None if price_discount is None else amount_at(price_discount, "BaseAmount", currency)
    if net_price is None and gross_price is not None and price_discount is not None:
        discount = amount_at(price_discount, "Amount", currency) or Decimal(0)
        net_price = net_from_gross(gross_price, [discount], [])
    basis = decimal_at(line, "Price/BaseQuantity")
    allowances, charges = _line_charge_sums(line, currency)
    line_total = amount_at(line, "LineExtensionAmount", currency)
    if quantity is None and net_price is None and line_total is None:
        return None
    if line_total is None and quantity is not None and net_price is not None:
        line_total = line_net_amount(quantity, net_price, basis, [charges], [allowances])
    return EInvoiceLine(
        line_id=text_at(line, "ID"),
        seller_item_id=text_at(line, "Item/SellersItemIdentification/ID"),
        buyer_item_id=text_at(line, "Item/BuyersItemIdentification/ID"),
        global_item_id=text_at(line, "Item/StandardItemIdentification/ID"),
        name=text_at(line, "Item/Name") or "",
        quantity=quantity,
        unit_code=unit_code.strip() or None if unit_code is not None else None,
        net_price=net_price,
        gross_price=gross_price,
        price_basis_quantity=basis,
        line_total=line_total,
        tax_rate=decimal_at(line, "Item/ClassifiedTaxCategory/Percent"),
        allowance_total=allowances,
        charge_total=charges,
    )


def _line_charge_sums(line: Element, currency: str | None) -> tuple[Decimal, Decimal]:
    allowances, charges = Decimal(0), Decimal(0)
    for charge in children(line, "AllowanceCharge"):
        amount = _charge_amount(charge, currency, "a line allowance or charge")
        if _is_allowance(charge):
            allowances += amount
        else:
            charges += amount
    return allowances, charges


def _charge(charge: Element, currency: str | None) -> DocumentCharge:
    return DocumentCharge(
        is_allowance=_is_allowance(charge),
        amount=_charge_amount(charge, currency, "a document-level allowance or charge"),
        reason=text_at(charge, "AllowanceChargeReason") or text_at(charge, "AllowanceChargeReasonCode"),
        tax_rate=decimal_at(charge, "TaxCategory/Percent"),
    )


def _is_allowance(charge: Element) -> bool:
    return text_at(charge, "ChargeIndicator") in _FALSE


def _charge_amount(charge: Element, currency: str | None, where: str) -> Decimal:
    """Amount; when only the percentage (MultiplierFactorNumeric, BT-94 / BT-101) and its base
    are stated, the amount the standard defines from them."""
    amount = amount_at(charge, "Amount", currency)
    if amount is not None:
        return amount
    base = amount_at(charge, "BaseAmount", currency)
    percent = decimal_at(charge, "MultiplierFactorNumeric")
    if base is not None and percent is not None:
        return percent_of(base, percent)
    raise InvalidXmlError(
        f"{where} has neither an Amount nor a MultiplierFactorNumeric with its BaseAmount",
        {"missing": "Amount"},
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
