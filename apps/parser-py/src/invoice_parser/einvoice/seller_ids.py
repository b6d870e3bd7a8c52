"""The seller's VAT ID (BT-31) and the payee's IBAN (BT-84) of an e-invoice, normalised and checked as
the contract's Party carries them (invoice_parser.party_ids): a value that fails its check is left out,
never emitted. The XML says which party a value belongs to, so the VAT ID needs only the contract's
shape, not a national format; an IBAN must still pass its mod-97 check."""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree.ElementTree import Element

from invoice_parser.einvoice.xml_paths import find_all
from invoice_parser.party_ids import iban_of, vat_id_of

# CII's scheme of a SpecifiedTaxRegistration that is a VAT ID ("FC" is a national tax number).
_CII_VAT_SCHEME = "VA"
# UBL's TaxScheme of a PartyTaxScheme that is a VAT ID (BT-31; another scheme is BT-32).
_UBL_VAT_SCHEME = "VAT"


def cii_seller_vat_id(agreement: Element | None) -> str | None:
    if agreement is None:
        return None
    registrations = find_all(agreement, "SellerTradeParty/SpecifiedTaxRegistration/ID")
    return _first(
        vat_id_of(element.text, strict=False)
        for element in registrations
        if element.get("schemeID") == _CII_VAT_SCHEME
    )


def cii_payee_iban(settlement: Element | None) -> str | None:
    """The IBAN credit transfers go to; a direct debit's PayerPartyDebtorFinancialAccount is the buyer's."""
    if settlement is None:
        return None
    accounts = find_all(
        settlement, "SpecifiedTradeSettlementPaymentMeans/PayeePartyCreditorFinancialAccount/IBANID"
    )
    return _first(iban_of(element.text) for element in accounts)


def ubl_seller_vat_id(root: Element) -> str | None:
    schemes = find_all(root, "AccountingSupplierParty/Party/PartyTaxScheme")
    return _first(
        vat_id_of(_text(scheme, "CompanyID"), strict=False)
        for scheme in schemes
        if _text(scheme, "TaxScheme/ID") == _UBL_VAT_SCHEME
    )


def ubl_payee_iban(root: Element) -> str | None:
    """PayeeFinancialAccount/ID is an account identifier; only one that is a valid IBAN is kept."""
    return _first(
        iban_of(element.text) for element in find_all(root, "PaymentMeans/PayeeFinancialAccount/ID")
    )


def _text(element: Element, path: str) -> str | None:
    found = find_all(element, path)
    return (found[0].text or "").strip() or None if found else None


def _first(values: Iterable[str | None]) -> str | None:
    return next((value for value in values if value is not None), None)
