"""The text of a row once its figures are set aside: what describes an item, and what labels a total."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from invoice_parser.extract.dates import parse_date
from invoice_parser.extract.figures import DATE_LIKE, Figure, figure_words
from invoice_parser.extract.keywords import (
    CARRY_OVER_PHRASES,
    INTERIM_TOTAL_LABELS,
    SUBTOTAL_LABELS,
    TAX_LABELS,
    TOTAL_LABELS,
    normalize,
    starts_with_phrase,
)
from invoice_parser.extract.numbers import ISO_CURRENCIES, currency_mark
from invoice_parser.extract.rows import Row
from invoice_parser.extract.words import Word

_TOTALS_PHRASES: Final = (
    SUBTOTAL_LABELS + TAX_LABELS + TOTAL_LABELS + INTERIM_TOTAL_LABELS + CARRY_OVER_PHRASES
)
_MIN_WORD_LETTERS: Final = 2
# A word this short that names a currency ("USD", "€", "Kč") is a unit of the amount beside it.
_CURRENCY_WORD_LENGTH: Final = 3


def text_words(row: Row, figures: Iterable[Figure], before: float | None = None) -> list[Word]:
    """The row's words outside figures and bare currency marks, left of before when given."""
    excluded = figure_words(list(figures))
    return [
        word
        for word in row.words
        if word not in excluded and (before is None or word.x1 <= before) and not _is_currency_word(word.text)
    ]


def is_date_text(text: str) -> bool:
    return parse_date(text) is not None or DATE_LIKE.match(text.strip()) is not None


def describes(words: Sequence[Word]) -> bool:
    """Some word of two letters or more that is not part of a date: a single letter may be a
    currency glyph ("e" for the euro sign of some fonts)."""
    return any(
        sum(char.isalpha() for char in word.text) >= _MIN_WORD_LETTERS and not is_date_text(word.text)
        for word in words
    )


def is_totals_text(words: Sequence[Word]) -> bool:
    """Text that starts with a subtotal, tax, total or carried-over label, or ends with a group's
    subtotal label ("Services subtotal")."""
    text = normalize(" ".join(word.text for word in words))
    if not text:
        return False
    return starts_with_phrase(text, _TOTALS_PHRASES) is not None or _ends_with(text, INTERIM_TOTAL_LABELS)


def _ends_with(text: str, phrases: Iterable[str]) -> bool:
    padded = f" {text}"
    return any(padded.endswith(f" {phrase}") for phrase in phrases)


def _is_currency_word(text: str) -> bool:
    stripped = text.strip("()[]:")
    if stripped.upper() in ISO_CURRENCIES:
        return True
    return (
        len(stripped) <= _CURRENCY_WORD_LENGTH
        and currency_mark(stripped) is not None
        and not any(char.isdigit() for char in stripped)
    )
