"""The text cells of an item row read by arithmetic: its description, article code and unit.

Once the figures that make the line's arithmetic are set aside, what is left of the row left of its
prices is split into cells at the column gaps. A cell holding one code-like token is the article
code, a cell holding one short word is the unit, a cell holding only a date (a service date, a
delivery date) or only a small number (a position) is neither, and the rest is the description.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from invoice_parser.extract.figures import MIN_IDENTIFIER_DIGITS, Figure
from invoice_parser.extract.line_figures import LineFigures
from invoice_parser.extract.line_kind import is_article_code, looks_like_code, unbracketed
from invoice_parser.extract.row_text import is_date_text, text_words
from invoice_parser.extract.rows import Row
from invoice_parser.extract.words import Word

# Words further apart than this many character heights stand in different cells: a word space is
# about a third of the height, the gap between two columns rarely less than one.
CELL_GAP_RATIO: Final = 0.8
# A cell of one word this short, beside the description, is the unit ("pcs", "Stk.", "h").
MAX_UNIT_LETTERS: Final = 6


@dataclass(frozen=True)
class ItemText:
    description: str
    sku: str | None
    unit: str | None
    # The words each field was read from, so that a part of the row (a box the operator draws round
    # it) can be read again with the same split (page_layout).
    description_words: tuple[Word, ...] = ()
    sku_word: Word | None = None
    unit_word: Word | None = None


def item_text(row: Row, figures: Sequence[Figure], reading: LineFigures) -> ItemText:
    bound = _description_bound(row, figures, reading)
    amounts = [f for f in figures if f.money_like or f in reading.used]
    rates = {word for f in figures if f.percent for word in f.words}
    cells = _cells(text_words(row, amounts, before=bound))
    # A cell of only a date or only a rate is a column of its own; "Korting 2 %" keeps its rate.
    cells = [cell for cell in cells if not all(is_date_text(word.text) or word in rates for word in cell)]
    sku = unit = None
    sku_word = unit_word = None
    described: list[list[Word]] = []
    for cell in cells:
        token = cell[0].text if len(cell) == 1 else None
        if token is not None and sku is None and is_article_code(token):
            sku, sku_word = token, cell[0]
        elif token is not None and token.isdigit():
            continue  # a position number or a count in a column of its own
        elif token is not None and unit is None and is_unit(token):
            unit, unit_word = token, cell[0]
        else:
            described.append(cell)
    if not described and unit is not None:
        described, unit, unit_word = (
            [[word for cell in cells for word in cell if word.text == unit]],
            None,
            None,
        )
    if sku is None and described and len(described[0]) > 1 and _leads_with_code(described[0][0].text):
        sku, sku_word = unbracketed(described[0][0].text), described[0][0]
        described[0] = described[0][1:]
    words = tuple(word for cell in described for word in cell)
    description = " ".join(word.text for word in words)
    return ItemText(description, sku, unit, words, sku_word, unit_word)


def _leads_with_code(token: str) -> bool:
    """A code printed at the start of the description, a word space before it ("T-4803 Versandkarton")."""
    code = unbracketed(token)
    return looks_like_code(code) or (code.isdigit() and len(code) >= MIN_IDENTIFIER_DIGITS)


def is_unit(token: str) -> bool:
    letters = token.rstrip(".")
    return letters.isalpha() and len(letters) <= MAX_UNIT_LETTERS


def _description_bound(row: Row, figures: Sequence[Figure], reading: LineFigures) -> float:
    """Text right of the price and amount (and of a quantity printed after the description) is a
    unit, a currency or a note, not the description."""
    bound = min(f.x0 for f in (reading.unit_price, reading.total) if f is not None)
    words = text_words(row, figures)
    if reading.quantity is not None and words and reading.quantity.x0 > words[0].x1:
        bound = min(bound, reading.quantity.x0)
    return bound


def _cells(words: Sequence[Word]) -> list[list[Word]]:
    cells: list[list[Word]] = []
    for word in words:
        if cells and word.x0 - cells[-1][-1].x1 <= CELL_GAP_RATIO * word.height:
            cells[-1].append(word)
        else:
            cells.append([word])
    return cells
