"""A party's VAT ID and IBAN as the contract carries them (Party.vatId, Party.iban): normalised to
uppercase without spaces or punctuation, and only when their structure holds. An IBAN must pass its
ISO 7064 mod-97 check (and the length its country gives it), so a misread digit yields no IBAN rather
than a wrong one; a VAT ID must have its country's EU format. Used by the PDF reader and the
e-invoice readers alike."""

from __future__ import annotations

import re
from typing import Any, Final

# EU VAT identification numbers by country prefix (the VIES formats), Northern Ireland (XI), the UK,
# the EU's OSS scheme and Switzerland's UID ("CHE-123.456.789 MWST", kept without its language suffix).
_VAT_FORMATS: Final = {
    "AT": r"U\d{8}",
    "BE": r"[01]\d{9}",
    "BG": r"\d{9,10}",
    "CY": r"\d{8}[A-Z]",
    "CZ": r"\d{8,10}",
    "DE": r"\d{9}",
    "DK": r"\d{8}",
    "EE": r"\d{9}",
    "EL": r"\d{9}",
    "ES": r"[A-Z0-9]\d{7}[A-Z0-9]",
    "FI": r"\d{8}",
    "FR": r"[A-HJ-NP-Z0-9]{2}\d{9}",
    "HR": r"\d{11}",
    "HU": r"\d{8}",
    "IE": r"\d[A-Z0-9+*]\d{5}[A-Z]{1,2}",
    "IT": r"\d{11}",
    "LT": r"\d{9}|\d{12}",
    "LU": r"\d{8}",
    "LV": r"\d{11}",
    "MT": r"\d{8}",
    "NL": r"\d{9}B\d{2}",
    "PL": r"\d{10}",
    "PT": r"\d{9}",
    "RO": r"\d{2,10}",
    "SE": r"\d{12}",
    "SI": r"\d{8}",
    "SK": r"\d{10}",
    "XI": r"\d{9}|\d{12}|GD\d{3}|HA\d{3}",
    "GB": r"\d{9}|\d{12}|GD\d{3}|HA\d{3}",
    "CH": r"E\d{9}",
    # The EU One-Stop-Shop number of a seller from outside the EU ("EU OSS VAT EU372041333").
    "EU": r"\d{9}",
}
_VAT_ID: Final = re.compile("|".join(f"{country}(?:{pattern})" for country, pattern in _VAT_FORMATS.items()))
_SWISS_SUFFIX: Final = re.compile(r"(MWST|TVA|IVA)$")

# IBAN lengths of the countries whose invoices this parser meets most; others need only the shape
# and the check digits.
_IBAN_LENGTHS: Final = {
    "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20,
    "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IT": 27,
    "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25,
    "RO": 24, "SE": 24, "SI": 19, "SK": 24,
}  # fmt: skip
_IBAN: Final = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}")
# Spaces, dots and hyphens print inside identifiers ("DE 123 456 789", "CHE-123.456.789"); a slash
# does not, it marks a national tax number ("DE/12/345/67890"), which is no VAT ID.
_SEPARATORS: Final = re.compile(r"[\s.\-]")
# The contract's shape of a VAT ID: a country prefix and 2 to 13 more characters, digits among them.
_VAT_SHAPE: Final = re.compile(r"[A-Z]{2}[0-9A-Z+*]{2,13}")


def compact(text: str) -> str:
    """The text in uppercase without the separators identifiers are printed with."""
    return _SEPARATORS.sub("", text).upper()


def vat_id_of(text: str | None, *, strict: bool = True) -> str | None:
    """The VAT ID in text (the whole of it, separators aside), normalised; None unless it has an
    EU (or UK, Swiss) VAT format. Not strict (for a value an e-invoice declares to be the seller's
    VAT ID), any value of the contract's shape is kept: test and foreign numbers need not follow VIES."""
    if not text:
        return None
    key = compact(text)
    if key.startswith("CHE"):
        key = _SWISS_SUFFIX.sub("", key)
    if _VAT_ID.fullmatch(key) or (
        not strict and _VAT_SHAPE.fullmatch(key) and any(c.isdigit() for c in key[2:])
    ):
        return key
    return None


def iban_of(text: str | None) -> str | None:
    """The IBAN in text (the whole of it, separators aside), normalised; None unless its shape,
    its country's length and its mod-97 check hold."""
    if not text:
        return None
    key = compact(text)
    if not _IBAN.fullmatch(key):
        return None
    expected = _IBAN_LENGTHS.get(key[:2])
    if expected is not None and len(key) != expected:
        return None
    return key if _mod97(key[4:] + key[:4]) == 1 else None


def party_json(name: str | None, vat_id: str | None, iban: str | None) -> dict[str, Any]:
    """The contract's Party: vatId and iban only when read, so results without them stay as they were."""
    party: dict[str, Any] = {"name": name}
    if vat_id is not None:
        party["vatId"] = vat_id
    if iban is not None:
        party["iban"] = iban
    return party


def _mod97(text: str) -> int:
    remainder = 0
    for char in text:
        digits = str(ord(char) - 55) if char.isalpha() else char
        for digit in digits:
            remainder = (remainder * 10 + int(digit)) % 97
    return remainder
