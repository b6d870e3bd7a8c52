"""Printed dates to ISO 8601: 2026-06-14, 14.06.2026, 14/06/2026, 06/14/2026, "June 14, 2026",
"14 Jun 2026", "14. Juni 2026", "14 juin 2026"."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Final

from invoice_parser.extract.keywords import MONTH_NAMES

# Month names come from each language's vocabulary (extract/vocab), folded as _fold folds text.
_MONTHS: Final = MONTH_NAMES
_MONTH_WORD: Final = r"([a-z]{3,9})\.?"
# Spanish writes "15 de octubre de 2024".
_OF: Final = r"(?:del?\s+)?"
_ISO: Final = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC: Final = re.compile(r"\b(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\b")
# "4. März 2026", "04-Nov-2026", "4th November 2026" (British ordinals).
_DAY_MONTH_YEAR: Final = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\.?\s*-?{_OF}{_MONTH_WORD}\s*-?,?\s*{_OF}(\d{{4}})\b"
)
_MONTH_DAY_YEAR: Final = re.compile(rf"\b{_MONTH_WORD}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")


def parse_date(text: str, month_first: bool = False) -> str | None:
    """The first date printed in text as YYYY-MM-DD, or None.

    month_first decides numeric forms like 06/07/2026 where both readings are valid; a form that is
    only valid one way (06/14/2026) is read that way whatever it says. Dotted dates are always
    day-first, as nobody writes 06.14.2026.
    """
    plain = _fold(text)
    candidates = [
        _from_iso(plain),
        _from_numeric(plain, month_first),
        _from_day_month_year(plain),
        _from_month_day_year(plain),
    ]
    found = [(position, iso) for position, iso in (c for c in candidates if c is not None)]
    return min(found)[1] if found else None


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_iso(text: str) -> tuple[int, str] | None:
    for match in _ISO.finditer(text):
        iso = _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if iso:
            return match.start(), iso
    return None


def _from_numeric(text: str, month_first: bool) -> tuple[int, str] | None:
    for match in _NUMERIC.finditer(text):
        first, separator, second, year_text = match.groups()
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        a, b = int(first), int(second)
        day_first = _valid(year, b, a)
        month_first_reading = _valid(year, a, b)
        if separator == ".":
            iso = day_first
        elif day_first and month_first_reading:
            iso = month_first_reading if month_first else day_first
        else:
            iso = day_first or month_first_reading
        if iso:
            return match.start(), iso
    return None


def _from_day_month_year(text: str) -> tuple[int, str] | None:
    for match in _DAY_MONTH_YEAR.finditer(text):
        month = _MONTHS.get(match.group(2))
        iso = month and _valid(int(match.group(3)), month, int(match.group(1)))
        if iso:
            return match.start(), iso
    return None


def _from_month_day_year(text: str) -> tuple[int, str] | None:
    for match in _MONTH_DAY_YEAR.finditer(text):
        month = _MONTHS.get(match.group(1))
        iso = month and _valid(int(match.group(3)), month, int(match.group(2)))
        if iso:
            return match.start(), iso
    return None
