"""The figures of a text row, each read once: value, printed precision, position, and what kind of
figure it is (an amount, a bare number, a percentage).

A typesetter may split one number into two words at its thousands space ("2 500,00" drawn as "2" and
"500,00" a word space apart); such pairs are read back as one figure here, before any table logic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from invoice_parser.extract.numbers import DecimalSeparator, currency_mark, parse_number, parse_percent
from invoice_parser.extract.rows import Row
from invoice_parser.extract.words import Word

# Digit groups of one number ("1 234,56") stand at most this many character heights apart: a word
# space, a monospaced one (0.6 of the height) included, often widened by justification; never a
# column gap.
THOUSANDS_GAP_RATIO: Final = 0.75
# A "%" printed as a word of its own belongs to the number before it within this many heights.
PERCENT_SIGN_GAP_RATIO: Final = 1.0
# A bare run of digits this long is an identifier; quantities and amounts this large carry separators.
MIN_IDENTIFIER_DIGITS: Final = 6
_LEADING_GROUP: Final = re.compile(r"^[-(]?(?:[€$£¥₹]\s?)?\d{1,3}$")
_FOLLOWING_GROUP: Final = re.compile(r"^\d{3}(?:[ .,]\d{3})*(?:[.,]\d{1,4})?(?:\s?[€$£¥₹])?[)-]?$")
# Dates and times read as numbers ("02.1978", "12:30") are no figures of a table; a month must be one
# and a year plausible, so that a price to four places ("9.1623") stays a figure.
DATE_LIKE: Final = re.compile(
    r"^(?:0?[1-9]|1[0-2])[./](?:19|20)\d{2}$|^\d{1,2}:\d{2}$|^\d{4}-\d{2}(?:-\d{2})?$"
)


@dataclass(frozen=True)
class Figure:
    value: Decimal
    words: tuple[Word, ...]
    percent: bool  # "19%", "7,5 %"
    currency: bool  # a currency sign or code printed with it

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def places(self) -> int:
        """Printed decimal places: 12.50 -> 2, 3 -> 0."""
        exponent = self.value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0

    @property
    def money_like(self) -> bool:
        """Printed like an amount: a currency mark, or decimals."""
        return not self.percent and (self.currency or self.places > 0)


def row_figures(row: Row, separator: DecimalSeparator) -> list[Figure]:
    """The figures of row, left to right; words that are not figures are left out."""
    figures: list[Figure] = []
    words = row.words
    i = 0
    while i < len(words):
        merged = _thousands_pair(words, i, separator)
        if merged is not None:
            figures.append(merged)
            i += 2
            continue
        figure = _with_percent_sign(words, i, separator)
        if figure is not None:
            figures.append(figure)
            i += 2
            continue
        figure = _figure(words[i : i + 1], separator)
        if figure is not None:
            figures.append(figure)
        i += 1
    return figures


def figure_words(figures: Sequence[Figure]) -> set[Word]:
    return {word for figure in figures for word in figure.words}


def _figure(words: Sequence[Word], separator: DecimalSeparator) -> Figure | None:
    text = " ".join(word.text for word in words)
    if DATE_LIKE.match(text.strip()):
        return None
    if text.rstrip().endswith("%"):
        rate = parse_percent(text, separator)
        return None if rate is None else Figure(rate, tuple(words), percent=True, currency=False)
    if text.isdigit() and len(text) >= MIN_IDENTIFIER_DIGITS:
        return None  # an EAN, an article or order number: an identifier, not a figure
    value = parse_number(text, separator)
    if value is None:
        return None
    return Figure(value, tuple(words), percent=False, currency=currency_mark(text) is not None)


def _with_percent_sign(words: Sequence[Word], i: int, separator: DecimalSeparator) -> Figure | None:
    """ "19 %" printed as two words."""
    if i + 1 >= len(words) or words[i + 1].text != "%":
        return None
    if words[i + 1].x0 - words[i].x1 > PERCENT_SIGN_GAP_RATIO * words[i].height:
        return None
    return _figure(words[i : i + 2], separator)


def _thousands_pair(words: Sequence[Word], i: int, separator: DecimalSeparator) -> Figure | None:
    if i + 1 >= len(words):
        return None
    first, second = words[i], words[i + 1]
    if not _LEADING_GROUP.match(first.text) or not _FOLLOWING_GROUP.match(second.text):
        return None
    if second.x0 - first.x1 > THOUSANDS_GAP_RATIO * max(first.height, second.height):
        return None
    return _figure((first, second), separator)
