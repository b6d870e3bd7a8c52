"""Typed values read at a path: decimals, amounts in the invoice currency, codes."""

from __future__ import annotations

import re
from decimal import Decimal
from xml.etree.ElementTree import Element

from invoice_parser.einvoice.decimals import parse_xml_decimal
from invoice_parser.einvoice.xml_paths import find_all, text_at


def decimal_at(element: Element, path: str) -> Decimal | None:
    text = text_at(element, path)
    return None if text is None else parse_xml_decimal(text, path)


def amount_at(element: Element, path: str, currency: str | None) -> Decimal | None:
    """The amount at path in the invoice currency.

    An amount may be repeated in the accounting currency (the tax total of a foreign-currency
    invoice, BT-111), told apart only by its currencyID attribute.
    """
    found = [candidate for candidate in find_all(element, path) if (candidate.text or "").strip()]
    if not found:
        return None
    chosen = next(
        (candidate for candidate in found if candidate.get("currencyID") == currency),
        next((candidate for candidate in found if candidate.get("currencyID") is None), found[0]),
    )
    return parse_xml_decimal(chosen.text or "", path)


def currency_at(element: Element, path: str) -> str | None:
    """An ISO 4217 code, or None when the text is not one."""
    text = text_at(element, path)
    return text if text is not None and re.fullmatch(r"[A-Z]{3}", text) else None
