"""What a table line is (stock item or charge) and the SKU printed at the start of a description."""

from __future__ import annotations

import re
from typing import Final, Literal

from invoice_parser.extract.keywords import CHARGE_WORDS, contains_phrase, normalize

LineKind = Literal["item", "charge"]

# A code: letters, digits and joiners, starting with a letter or digit.
_CODE: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_./#]*[A-Za-z0-9]$")
# A measurement ("2.5mm", "10kg", "4x") reads like a code but is part of the description.
_MEASUREMENT: Final = re.compile(r"^\d+(?:[.,]\d+)?(?:x\d+(?:[.,]\d+)?)*[a-zA-Z]{0,3}$")
_MIN_CODE_LENGTH: Final = 4
# A run of lower-case letters this long is a word ("4-Fahrten-Karte", "2-Wege-Ventil"), not a code.
_WORD_RUN: Final = re.compile(r"[a-zà-ÿß]{4,}")


def line_kind(description: str, has_quantity: bool, has_article_code: bool = False) -> LineKind:
    """Charges (shipping, fees, discounts...) never move stock, but a line is one only on evidence: a
    charge word, with no quantity; or with one, but no article code, and the charge word not used as
    a modifier of the goods' name ("Packing tape", "USB port hub", "Delivery note holder"). A row
    without a charge word is an item, also without a quantity (goods billed by amount)."""
    text = normalize(description)
    if not _names_a_charge(text):
        return "item"
    if not has_quantity:
        return "charge"
    if has_article_code:
        return "item"
    return "item" if _only_as_modifier(text) else "charge"


# Charge words that are also nouns of goods: followed by another word, they name what is sold.
_GOODS_NOUNS: Final = frozenset(
    {"port", "transport", "packaging", "packing", "delivery", "handling", "shipping"}
)


def _only_as_modifier(text: str) -> bool:
    words = text.split()
    found = [i for i, word in enumerate(words) if word in CHARGE_WORDS]
    if not found or contains_phrase(text, [w for w in CHARGE_WORDS if " " in w]) is not None:
        return False
    return all(words[i] in _GOODS_NOUNS and i + 1 < len(words) for i in found)


# German and Dutch join a charge word into one word ("Versandkostenpauschale", "Mindermengenzuschlag");
# a charge word this long is matched at either end of such a compound.
_MIN_COMPOUND_PART = 5


def _names_a_charge(text: str) -> bool:
    if contains_phrase(text, CHARGE_WORDS) is not None:
        return True
    parts = [word for word in CHARGE_WORDS if " " not in word and len(word) >= _MIN_COMPOUND_PART]
    return any(token.startswith(part) or token.endswith(part) for token in text.split() for part in parts)


def split_leading_code(description: str) -> tuple[str | None, str]:
    """("AB-1234", "Widget") from "AB-1234 Widget"; (None, description) when the first word is no code."""
    first, _, rest = description.partition(" ")
    if not rest or not looks_like_code(first):
        return None, description
    return first, rest.strip()


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
