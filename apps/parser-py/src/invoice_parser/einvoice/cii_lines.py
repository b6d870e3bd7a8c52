"""CII invoice lines (BG-25), read where each generation puts them, with the values EN 16931
defines from others derived when a line leaves them out."""

from __future__ import annotations

from decimal import Decimal
from xml.etree.ElementTree import Element

from invoice_parser.einvoice.cii_charges import line_charge_sums, price_adjustments, tax_rate
from invoice_parser.einvoice.cii_names import CiiNames, child
from invoice_parser.einvoice.decimals import parse_xml_decimal
from invoice_parser.einvoice.derivations import line_net_amount, net_from_gross
from invoice_parser.einvoice.model import EInvoiceLine
from invoice_parser.einvoice.xml_paths import children, find, text_at
from invoice_parser.einvoice.xml_values import amount_at, decimal_at


def read_lines(transaction: Element, names: CiiNames, currency: str | None) -> tuple[EInvoiceLine, ...]:
    lines = (
        _line(item, names, currency) for item in children(transaction, "IncludedSupplyChainTradeLineItem")
    )
    return tuple(line for line in lines if line is not None)


def _line(item: Element, names: CiiNames, currency: str | None) -> EInvoiceLine | None:
    """The line, or None for a free-text line (ZUGFeRD 1 COMFORT and EXTENDED allow a line that
    carries only a note): it moves neither stock nor money."""
    agreement = child(item, names.line_agreement)
    settlement = child(item, names.line_settlement)
    delivery = child(item, names.line_delivery)
    billed = None if delivery is None else find(delivery, "BilledQuantity")
    quantity = None if billed is None else _decimal_text(billed)
    net = child(agreement, ("NetPriceProductTradePrice",))
    gross = child(agreement, ("GrossPriceProductTradePrice",))
    gross_price = None if gross is None else amount_at(gross, "ChargeAmount", currency)
    net_price = None if net is None else amount_at(net, "ChargeAmount", currency)
    if net_price is None and gross_price is not None:
        net_price = net_from_gross(gross_price, *price_adjustments(gross, currency))
    basis = _basis_quantity(net, gross)
    allowances, charges = line_charge_sums(settlement, currency)
    summation = child(settlement, names.line_summation)
    line_total = None if summation is None else amount_at(summation, "LineTotalAmount", currency)
    if quantity is None and net_price is None and line_total is None:
        return None
    if line_total is None and quantity is not None and net_price is not None:
        line_total = line_net_amount(quantity, net_price, basis, [charges], [allowances])
    return EInvoiceLine(
        line_id=text_at(item, "AssociatedDocumentLineDocument/LineID"),
        parent_line_id=text_at(item, "AssociatedDocumentLineDocument/ParentLineID"),
        status_reason=text_at(item, "AssociatedDocumentLineDocument/LineStatusReasonCode"),
        seller_item_id=text_at(item, "SpecifiedTradeProduct/SellerAssignedID"),
        buyer_item_id=text_at(item, "SpecifiedTradeProduct/BuyerAssignedID"),
        global_item_id=text_at(item, "SpecifiedTradeProduct/GlobalID"),
        name=text_at(item, "SpecifiedTradeProduct/Name") or "",
        quantity=quantity,
        unit_code=_attribute(billed, "unitCode"),
        net_price=net_price,
        gross_price=gross_price,
        price_basis_quantity=basis,
        line_total=line_total,
        tax_rate=tax_rate(child(settlement, ("ApplicableTradeTax",)), names),
        allowance_total=allowances,
        charge_total=charges,
    )


def _basis_quantity(net: Element | None, gross: Element | None) -> Decimal | None:
    """BT-149 sits on the net price; a document that gives it only on the gross price means the
    same basis for both."""
    for price in (net, gross):
        basis = None if price is None else decimal_at(price, "BasisQuantity")
        if basis is not None:
            return basis
    return None


def _decimal_text(element: Element) -> Decimal | None:
    text = (element.text or "").strip()
    return parse_xml_decimal(text, "BilledQuantity") if text else None


def _attribute(element: Element | None, name: str) -> str | None:
    value = None if element is None else element.get(name)
    return value.strip() or None if value is not None else None
