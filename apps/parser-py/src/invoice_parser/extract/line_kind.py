"""What a table line is (stock item or charge) and the SKU printed at the start of a description."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final, Literal

from invoice_parser.extract.keywords import CHARGE_WORDS, contains_phrase, normalize, starts_with_phrase

LineKind = Literal["item", "charge"]

# A code: letters, digits and joiners, starting with a letter or digit.
_CODE: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_./#]*[A-Za-z0-9]$")
# A measurement ("2.5mm", "10kg", "4x") reads like a code but is part of the description.
_MEASUREMENT: Final = re.compile(r"^\d+(?:[.,]\d+)?(?:x\d+(?:[.,]\d+)?)*[a-zA-Z]{0,3}$")
_MIN_CODE_LENGTH: Final = 4
# A run of lower-case letters this long is a word ("4-Fahrten-Karte", "2-Wege-Ventil"), not a code.
_WORD_RUN: Final = re.compile(r"[a-zà-ÿß]{4,}")


def line_kind(
    description: str, quantity: Decimal | None, has_article_code: bool = False, priced: bool = True
) -> LineKind:
    """Charges (shipping, fees, discounts...) never move stock, but a line is one only on evidence: a
    charge word and no article code, with no quantity or no unit price, or with a single one when the
    charge word names the line ("Shipping  1  4.95"). Ten of a "Frais de dossier" are counted goods or
    work, and a "USB port hub" or "Packing tape" only holds the word as a modifier."""
    text = normalize(description)
    if has_article_code or not _names_a_charge(text):
        return "item"
    if quantity is None or not priced:
        return "charge"
    return "charge" if quantity == 1 and starts_with_phrase(text, CHARGE_WORDS) is not None else "item"


def is_article_code(token: str) -> bool:
    """A supplier's article number or an EAN: a code-like token, or digits long enough not to be a
    position or a count."""
    return looks_like_code(token) or (token.isdigit() and len(token) >= MIN_NUMERIC_CODE_DIGITS)


# A cell of only digits this long is an article number (an EAN, a supplier's item number); shorter,
# it is a position or a count.
MIN_NUMERIC_CODE_DIGITS: Final = 4


# German and Dutch join a charge word into one word ("Versandkostenpauschale", "Mindermengenzuschlag");
# a charge word this long is matched at either end of such a compound.
_MIN_COMPOUND_PART = 5


def _names_a_charge(text: str) -> bool:
    if contains_phrase(text, CHARGE_WORDS) is not None:
        return True
    parts = [word for word in CHARGE_WORDS if " " not in word and len(word) >= _MIN_COMPOUND_PART]
    return any(token.startswith(part) or token.endswith(part) for token in text.split() for part in parts)


def split_leading_code(description: str) -> tuple[str | None, str]:
    """("AB-1234", "Widget") from "AB-1234 Widget" or "[AB-1234] Widget" (ERPs bracket the code they
    print before a product's name); (None, description) when the first word is no code."""
    first, _, rest = description.partition(" ")
    code = unbracketed(first)
    if not rest or not looks_like_code(code):
        return None, description
    return code, rest.strip()


def unbracketed(token: str) -> str:
    if len(token) > 2 and (token[0], token[-1]) in (("[", "]"), ("(", ")")):
        return token[1:-1]
    return token


def looks_like_code(token: str) -> bool:
    has_digit = any(char.isdigit() for char in token)
    has_letter_or_joiner = any(char.isalpha() or char in "-_/." for char in token)
    return (
        len(token) >= _MIN_CODE_LENGTH
        and has_digit
        and has_letter_or_joiner
        and bool(_CODE.match(token))
        and not _MEASUREMENT.match(token)
        and not _WORD_RUN.search(token)
    )
