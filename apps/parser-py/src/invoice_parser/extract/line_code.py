"""The SKU printed as "Art-Nr: X" on a line's own or continuation rows, rather than in a column."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from invoice_parser.extract.cells import RowCells
from invoice_parser.extract.keywords import CODE_LABELS, normalize, starts_with_phrase
from invoice_parser.extract.words import Word

# The buyer's own number for the article is not the seller's SKU ("Art-Nr-Kunde", "Customer item no").
_BUYER_QUALIFIERS: Final = ("kunde", "kunden", "customer", "buyer", "client", "acheteur", "kaufer")


def labelled_code(cells: Sequence[RowCells]) -> tuple[str, tuple[Word, ...]] | None:
    """The first seller article number labelled in a line's cells (its rows, top to bottom), with the
    words it was read from (the label's cell, and the one below a bare label). The value is read
    within the label's column: a narrow cell's text runs on into the next column."""
    for index, row_cells in enumerate(cells):
        for role, words in row_cells.by_role.items():
            after_label = _labelled_value(words)
            if after_label is None:
                continue
            if after_label:
                return after_label, words
            below = cells[index + 1].by_role.get(role, ()) if index + 1 < len(cells) else ()
            if below:
                return " ".join(word.text for word in below), (*words, *below)
    return None


def labelled_code_in_rows(rows: Sequence[Sequence[Word]]) -> tuple[str | None, set[int]]:
    """The first seller article number labelled on a line's rows (top to bottom), with the indexes
    of the rows that print it (the label's, and the value's when it stands on the row below)."""
    for index, words in enumerate(rows):
        value = _labelled_value(words)
        if value is None:
            continue
        if value:
            return value, {index}
        below = rows[index + 1] if index + 1 < len(rows) else ()
        if below:
            return " ".join(word.text for word in below), {index, index + 1}
    return None, set()


def _labelled_value(segment: Sequence[Word]) -> str | None:
    """None when the segment is no code label; "" when the label stands alone; else its value."""
    for end, word in enumerate(segment):
        if ":" not in word.text:
            continue
        label_text, _, rest = word.text.partition(":")
        label = normalize(" ".join([*(w.text for w in segment[:end]), label_text]))
        if not _is_code_label(label):
            return None
        # The whole rest of the segment: codes print with spaces ("595810 25").
        return " ".join(text for text in [rest.strip(), *(w.text for w in segment[end + 1 :])] if text)
    return None


def sku_cell_value(text: str) -> str | None:
    """The SKU printed in a SKU column's cell. A cell that reads "label: value" names its value: a
    seller's article-number label gives the SKU, any other label (an order line, a buyer's code)
    says the value is some other reference, so the SKU stays unknown."""
    label, colon, value = text.partition(": ")
    if not colon or not label.strip() or not value.strip():
        return text or None
    return value.strip() if _is_code_label(normalize(label)) else None


def is_code_text(text: str) -> bool:
    """True when text is an article-number label ("Art-Nr-Kunde: K-1", "SKU:"), not description."""
    label, colon, _ = text.partition(":")
    return bool(colon) and starts_with_phrase(normalize(label), CODE_LABELS) is not None


def _is_code_label(label: str) -> bool:
    words = set(label.split())
    return starts_with_phrase(label, CODE_LABELS) is not None and not words & set(_BUYER_QUALIFIERS)
