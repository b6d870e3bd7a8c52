"""UN/CEFACT Cross Industry Invoice: Factur-X, ZUGFeRD 1 and 2.x, XRechnung CII.

ZUGFeRD 1 and CII D16B share the structure but not every element name; one reader walks both
through the table of names in cii_names.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from invoice_parser.einvoice.cii_charges import document_charges
from invoice_parser.einvoice.cii_lines import read_lines
from invoice_parser.einvoice.cii_names import NAMES_BY_SYNTAX, CiiNames, Names, child
from invoice_parser.einvoice.dates import cii_date
from invoice_parser.einvoice.errors import InvalidXmlError
from invoice_parser.einvoice.formats import CREDIT_NOTE_TYPE_CODES, Syntax
from invoice_parser.einvoice.model import EInvoice, EInvoiceTotals
from invoice_parser.einvoice.seller_ids import cii_payee_iban, cii_seller_vat_id
from invoice_parser.einvoice.xml_paths import find, text_at
from invoice_parser.einvoice.xml_values import amount_at, currency_at


def read_cii(root: Element, syntax: Syntax) -> EInvoice:
    names = NAMES_BY_SYNTAX[syntax]
    document = _required(root, names.document)
    transaction = _required(root, names.transaction)
    settlement = child(transaction, names.header_settlement)
    currency = None if settlement is None else currency_at(settlement, "InvoiceCurrencyCode")
    type_code = text_at(document, "TypeCode")
    issue = find(document, "IssueDateTime/DateTimeString")
    context = child(root, names.context)
    agreement = child(transaction, names.header_agreement)
    return EInvoice(
        format=syntax.format,
        syntax=syntax.name,
        profile=None
        if context is None
        else text_at(context, "GuidelineSpecifiedDocumentContextParameter/ID"),
        type_code=type_code,
        is_credit_note=type_code in CREDIT_NOTE_TYPE_CODES,
        number=text_at(document, "ID"),
        issue_date=None if issue is None else cii_date((issue.text or "").strip(), issue.get("format")),
        currency=currency,
        seller_name=None if agreement is None else text_at(agreement, "SellerTradeParty/Name"),
        lines=read_lines(transaction, names, currency),
        charges=() if settlement is None else document_charges(settlement, names, currency),
        totals=_totals(settlement, names, currency),
        seller_vat_id=cii_seller_vat_id(agreement),
        payee_iban=cii_payee_iban(settlement),
    )


def _required(root: Element, names: Names) -> Element:
    found = child(root, names)
    if found is None:
        raise InvalidXmlError(f"the CII document has no {names[0]}", {"missing": names[0]})
    return found


def _totals(settlement: Element | None, names: CiiNames, currency: str | None) -> EInvoiceTotals:
    summation = child(settlement, names.header_summation)
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
