"""XML decimal values (xsd:decimal) to Decimal, and back to the contract's decimal text."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from invoice_parser.einvoice.errors import InvalidXmlError

# xsd:decimal's lexical space: no exponent, no NaN or infinity, which Decimal() would accept.
_XSD_DECIMAL: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def parse_xml_decimal(text: str, where: str) -> Decimal:
    """The value of an xsd:decimal; INVALID_XML naming `where` when the text is not one."""
    stripped = text.strip()
    if not _XSD_DECIMAL.fullmatch(stripped):
        raise InvalidXmlError(f"{where} is not a decimal number: {text[:40]!r}", {"field": where})
    return Decimal(stripped)


def decimal_text(value: Decimal) -> str:
    """Plain notation keeping the scale: the XML's own text whenever it was already canonical
    ("2.00" stays "2.00", "5.5000" stays "5.5000"); "+5" becomes "5" and ".5" becomes "0.5"."""
    text = format(value, "f")
    # "-0" and "-0.00" are valid contract decimals, but a sign on zero carries no meaning.
    return text[1:] if value.is_zero() and text.startswith("-") else text
