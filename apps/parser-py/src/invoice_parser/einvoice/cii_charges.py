"""CII allowances and charges: on the document (BG-20, BG-21), on a line (BG-27, BG-28) and on an
item price (the gross-to-net price discount, BT-147)."""

from __future__ import annotations

from decimal import Decimal
from xml.etree.ElementTree import Element

from invoice_parser.einvoice.cii_names import CiiNames, child
from invoice_parser.einvoice.derivations import percent_of
from invoice_parser.einvoice.errors import InvalidXmlError
from invoice_parser.einvoice.model import DocumentCharge
from invoice_parser.einvoice.xml_paths import children, find_all, text_at
from invoice_parser.einvoice.xml_values import amount_at, decimal_at

_FALSE = frozenset({"false", "0"})  # xsd:boolean's two spellings of false


def is_allowance(charge: Element) -> bool:
    return text_at(charge, "ChargeIndicator/Indicator") in _FALSE


def charge_amount(charge: Element, currency: str | None, where: str) -> Decimal:
    """ActualAmount; when a document states only the percentage and its base, the amount the
    standard defines from them. INVALID_XML when it states neither."""
    actual = amount_at(charge, "ActualAmount", currency)
    if actual is not None:
        return actual
    base = amount_at(charge, "BasisAmount", currency)
    percent = decimal_at(charge, "CalculationPercent")
    if base is not None and percent is not None:
        return percent_of(base, percent)
    raise InvalidXmlError(
        f"{where} has neither an ActualAmount nor a CalculationPercent with its BasisAmount",
        {"missing": "ActualAmount"},
    )


def document_charges(
    settlement: Element, names: CiiNames, currency: str | None
) -> tuple[DocumentCharge, ...]:
    allowances_and_charges = [
        DocumentCharge(
            is_allowance=is_allowance(charge),
            amount=charge_amount(charge, currency, "a document-level allowance or charge"),
            reason=text_at(charge, "Reason") or text_at(charge, "ReasonCode"),
            tax_rate=tax_rate(child(charge, ("CategoryTradeTax",)), names),
        )
        for charge in children(settlement, "SpecifiedTradeAllowanceCharge")
    ]
    # EXTENDED (and ZUGFeRD 1) list freight separately; it is part of ChargeTotalAmount all the same.
    logistics = [
        DocumentCharge(
            is_allowance=False,
            amount=_applied_amount(charge, currency),
            reason=text_at(charge, "Description"),
            tax_rate=tax_rate(child(charge, ("AppliedTradeTax",)), names),
        )
        for charge in find_all(settlement, "SpecifiedLogisticsServiceCharge")
    ]
    return tuple(allowances_and_charges + logistics)


def line_charge_sums(settlement: Element | None, currency: str | None) -> tuple[Decimal, Decimal]:
    """(allowances, charges) of one line, each summed."""
    allowances, charges = Decimal(0), Decimal(0)
    for charge in [] if settlement is None else children(settlement, "SpecifiedTradeAllowanceCharge"):
        amount = charge_amount(charge, currency, "a line allowance or charge")
        if is_allowance(charge):
            allowances += amount
        else:
            charges += amount
    return allowances, charges


def price_adjustments(
    gross_price: Element | None, currency: str | None
) -> tuple[list[Decimal], list[Decimal]]:
    """(discounts, surcharges) applied to a gross price, per price basis quantity."""
    discounts: list[Decimal] = []
    surcharges: list[Decimal] = []
    for charge in [] if gross_price is None else children(gross_price, "AppliedTradeAllowanceCharge"):
        amount = amount_at(charge, "ActualAmount", currency)
        if amount is not None:
            (discounts if is_allowance(charge) else surcharges).append(amount)
    return discounts, surcharges


def _applied_amount(charge: Element, currency: str | None) -> Decimal:
    amount = amount_at(charge, "AppliedAmount", currency)
    if amount is None:
        raise InvalidXmlError("a logistics service charge has no AppliedAmount", {"missing": "AppliedAmount"})
    return amount


def tax_rate(tax: Element | None, names: CiiNames) -> Decimal | None:
    """The VAT rate of an ApplicableTradeTax / CategoryTradeTax element."""
    if tax is None:
        return None
    for name in names.tax_rate:
        rate = decimal_at(tax, name)
        if rate is not None:
            return rate
    return None
