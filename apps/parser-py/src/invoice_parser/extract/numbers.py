"""Printed numbers to Decimal: 1,234.56 / 1.234,56 / 1 234,56 / 1'234.56, with currency marks and
negatives written -x, x- or (x). Which separator is the decimal one is decided per document, since
"1.234" alone cannot tell."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Final, Literal

DecimalSeparator = Literal[".", ","]

# Spaces a typesetter may put between digit groups: normal, no-break, narrow no-break, thin.
_GROUP_SPACES: Final = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
_MINUS_SIGNS: Final = str.maketrans({"\u2212": "-", "\u2013": "-"})
ISO_CURRENCIES: Final = frozenset(
    "EUR USD GBP CHF JPY CNY CAD AUD NZD SEK NOK DKK PLN CZK HUF RON BGN TRY INR ZAR BRL MXN SGD HKD".split()
)
# Tried in this order: the dollars a country prefix names ("CA$" before "A$", "US$" before "S$"),
# then the bare symbols.
CURRENCY_SYMBOLS: Final = {
    "AU$": "AUD",
    "CA$": "CAD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "US$": "USD",
    "A$": "AUD",
    "C$": "CAD",
    "S$": "SGD",
    "€": "EUR",
    "$": "USD",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    # Central European currencies print their own abbreviations after the amount.
    "Kč": "CZK",
    "zł": "PLN",
}
# Currencies written with a dollar sign: a bare "$" on a page that names one of them is that one.
DOLLAR_CURRENCIES: Final = frozenset({"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"})
_CURRENCY_MARK: Final = rf"(?:(?:US|AU|CA|NZ|HK|[ACS])\$|[€$£¥₹]|{'|'.join(sorted(ISO_CURRENCIES))}|Fr\.)"
_AFFIX: Final = re.compile(rf"^(?:{_CURRENCY_MARK}\s*)?(?P<body>.*?)(?:\s*{_CURRENCY_MARK})?$")
# Digits with optional group separators and one optional decimal part; validated further below.
_NUMBER_BODY: Final = re.compile(r"^\d{1,3}(?:[ ,.'\u2019]\d{3})+(?:[.,]\d+)?$|^\d+(?:[.,]\d+)?$")


_GROUPED_INTEGER: Final = re.compile(r"^\d{1,3}(?:[ ,.'\u2019]\d{3})+$|^\d+$")


def parse_number(text: str, decimal_separator: DecimalSeparator = ".") -> Decimal | None:
    """The value printed in text, or None when text is not exactly one number.

    decimal_separator resolves the ambiguous forms ("1.234", "1,234"); unambiguous forms are read
    as printed whatever it says.
    """
    body, negative = _strip_sign_and_currency(text)
    if body is None or not _NUMBER_BODY.match(body):
        return None
    decimal_mark = _decimal_mark(body, decimal_separator)
    digits = body
    if decimal_mark is not None:
        whole, _, fraction = body.rpartition(decimal_mark)
        digits = _strip_groups(whole) + "." + fraction
    elif _GROUPED_INTEGER.match(body):
        digits = _strip_groups(body)
    else:
        return None  # "14.417.10": one mark as both group and decimal separator is no number
    if not re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return None
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return -value if negative else value


def separator_evidence(text: str) -> DecimalSeparator | None:
    """The decimal separator text proves on its own ("12,50" -> ","), or None when it proves nothing."""
    body, _ = _strip_sign_and_currency(text)
    if body is None or not _NUMBER_BODY.match(body):
        return None
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        return "." if body.rfind(".") > body.rfind(",") else ","
    for mark, count in ((".", dots), (",", commas)):
        before, _, after = body.rpartition(mark)
        # A thousands group has exactly three digits after it and 1-3 non-zero-led digits before.
        if count == 1 and (len(after) != 3 or before == "0" or len(before) > 3):
            return "." if mark == "." else ","
        if count > 1:
            return "," if mark == "." else "."
    if ("'" in body or " " in body) and (dots or commas):
        return "." if dots else ","
    return None


def is_ambiguous(text: str) -> bool:
    """True for forms like "1.234" or "1,234" whose reading depends on the document's convention."""
    body, _ = _strip_sign_and_currency(text)
    return (
        body is not None
        and bool(re.fullmatch(r"\d{1,3}[.,]\d{3}", body))
        and separator_evidence(text) is None
    )


def parse_percent(text: str, decimal_separator: DecimalSeparator = ".") -> Decimal | None:
    """A rate such as "19%", "19 %", "7,5 %" or a bare "19" from a tax-rate column."""
    stripped = text.strip().rstrip("%").strip()
    return parse_number(stripped, decimal_separator)


def currency_mark(text: str) -> str | None:
    """The ISO code of a currency symbol or code printed in text ("€12" -> "EUR")."""
    for symbol, code in CURRENCY_SYMBOLS.items():
        if symbol in text:
            return code
    match = re.search(r"\b([A-Z]{3})\b", text)
    return match.group(1) if match and match.group(1) in ISO_CURRENCIES else None


def format_decimal(value: Decimal) -> str:
    """A Decimal as the plain string of the contract: printed precision, no exponent."""
    return format(value, "f")


def _strip_sign_and_currency(text: str) -> tuple[str | None, bool]:
    cleaned = text.translate(_GROUP_SPACES).translate(_MINUS_SIGNS).strip()
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):
        negative, cleaned = True, cleaned[1:-1].strip()
    if cleaned.startswith("-"):
        negative, cleaned = True, cleaned[1:].strip()
    affix = _AFFIX.match(cleaned)
    if affix is None:
        return None, False
    cleaned = affix.group("body").strip()
    if cleaned.startswith("-"):
        negative, cleaned = True, cleaned[1:].strip()
    if cleaned.endswith("-"):
        negative, cleaned = True, cleaned[:-1].strip()
    if cleaned.startswith("+"):
        cleaned = cleaned[1:].strip()
    return (cleaned or None), negative


def _decimal_mark(body: str, preferred: DecimalSeparator) -> str | None:
    evidence = separator_evidence(body)
    if evidence is not None:
        return evidence if evidence in body else None
    if re.fullmatch(r"\d{1,3}[.,]\d{3}", body):
        return preferred if preferred in body else None
    return None


def _strip_groups(whole: str) -> str:
    return re.sub(r"[ ,.'\u2019]", "", whole)
