"""One text row read on its own as if it were an item line, with the words each field came from.

The table readers decide which rows are items from the whole document (a column of amounts that adds
up, rows that multiply out); a row they leave out can still be read alone by the same steps: its
figures (figures.row_figures), the pair whose product is an amount of the row (line_figures, the one
line-arithmetic rule), and the text cells left of the prices (item_text). The operator's box round a
missed line is answered from these readings (page_layout).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from invoice_parser.extract.figures import Figure, row_figures
from invoice_parser.extract.item_text import is_unit, item_text
from invoice_parser.extract.line_figures import LineFigures, read_line_figures
from invoice_parser.extract.numbers import DecimalSeparator
from invoice_parser.extract.row_text import text_words
from invoice_parser.extract.rows import Row
from invoice_parser.extract.words import Word


@dataclass(frozen=True)
class FieldReading:
    """A field's value and the words of the row it was read from."""

    value: str | Decimal
    words: tuple[Word, ...]


@dataclass(frozen=True)
class RowReading:
    sku: FieldReading | None = None
    description: FieldReading | None = None
    quantity: FieldReading | None = None
    unit: FieldReading | None = None
    unit_price: FieldReading | None = None
    line_total: FieldReading | None = None


def read_row(row: Row, separator: DecimalSeparator) -> RowReading:
    figures = row_figures(row, separator)
    reading = _line_figures(figures)
    if reading is None:
        # Read as the line readers read a continuation row: all of its words, bare numbers included.
        return RowReading(description=_text(text_words(row, ())))
    # Only the figures that make the line's arithmetic (and rates) are set aside: in a row read alone
    # a decimal in the name ("Pallet jack 2.5 t") is text, where the table readers, weighing many
    # rows, may take it for an amount column.
    kept = [f for f in figures if f in reading.used or f.percent]
    text = item_text(row, kept, reading)
    unit = text.unit_word or _unit_after_quantity(row, kept, reading)
    return RowReading(
        sku=None if text.sku is None or text.sku_word is None else FieldReading(text.sku, (text.sku_word,)),
        description=_text(text.description_words),
        quantity=_figure(reading.quantity),
        unit=None if unit is None else FieldReading(unit.text, (unit,)),
        unit_price=_figure(reading.unit_price),
        line_total=_figure(reading.total),
    )


def _line_figures(figures: Sequence[Figure]) -> LineFigures | None:
    """The reading of the rightmost figure that two other figures multiply to; failing that, the
    rightmost amount printed as money read as the total (with a unit price equal to it, when one is
    printed). A row of bare numbers only (a house number, a position) has no line figures."""
    candidates = [f for f in reversed(figures) if not f.percent]
    for total in candidates:
        reading = read_line_figures(figures, total)
        if reading.closes:
            return reading
    amount = next((f for f in candidates if f.money_like), None)
    return None if amount is None else read_line_figures(figures, amount)


def _unit_after_quantity(row: Row, figures: Sequence[Figure], reading: LineFigures) -> Word | None:
    """The unit printed after a quantity that follows the description ("2 Stk 1.249,00"): item_text
    reads only what stands left of the quantity then."""
    if reading.quantity is None or reading.unit_price is None:
        return None
    right = min(reading.unit_price.x0, reading.total.x0)
    between = [w for w in text_words(row, figures) if w.x0 >= reading.quantity.x1 and w.x1 <= right]
    return between[0] if len(between) == 1 and is_unit(between[0].text) else None


def _figure(figure: Figure | None) -> FieldReading | None:
    return None if figure is None else FieldReading(figure.value, figure.words)


def _text(words: Sequence[Word]) -> FieldReading | None:
    return FieldReading(" ".join(word.text for word in words), tuple(words)) if words else None
