"""The line items read from the arithmetic every invoice shares, with no heading row needed.

A column of amounts is the line-total column when a run of it adds up to a figure printed below the
run (the subtotal or the total), or when, row after row, two other figures of the row multiply to it.
The run's rows are the items, its sum's row is where the table ends, and the factors are the quantity
and the unit price. Text rows between items continue their descriptions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from invoice_parser.extract.cells import RowValues
from invoice_parser.extract.column_evidence import ColumnEvidence, RowText, column_evidence, row_texts
from invoice_parser.extract.continuations import joined_lines, owners_by_spacing
from invoice_parser.extract.figure_columns import DocRow, FigureColumn, aligned_columns
from invoice_parser.extract.figures import row_figures
from invoice_parser.extract.item_text import item_text
from invoice_parser.extract.line_code import labelled_code_in_rows
from invoice_parser.extract.line_figures import (
    LineFigures,
    consistent_factors,
    free_lines_by_column,
    read_line_figures,
)
from invoice_parser.extract.line_kind import line_kind
from invoice_parser.extract.numbers import DecimalSeparator
from invoice_parser.extract.row_text import is_totals_text, text_words
from invoice_parser.extract.rows import Row
from invoice_parser.extract.sum_closure import Closure, closures
from invoice_parser.extract.table import LineField, PageRows, TableEnd, TableLine, TableReading
from invoice_parser.extract.words import Word
from invoice_parser.settings import Settings


@dataclass(frozen=True)
class _Choice:
    column: FigureColumn
    items: tuple[int, ...]  # reading-order positions of the item rows
    end: int | None  # position of the row that ends the table (its sum), if any
    score: int


def read_by_arithmetic(
    pages: Sequence[PageRows], separator: DecimalSeparator, settings: Settings
) -> TableReading:
    rows = _doc_rows(pages, separator)
    with_figures = [row for row in rows if row.figures]
    if not with_figures:
        return TableReading([], None, frozenset())
    height = median(row.row.char_height for row in with_figures)
    columns = aligned_columns(with_figures, settings.column_edge_tolerance_ratio * height)
    choice = _best_choice(columns, rows, settings)
    if choice is None:
        return TableReading([], None, frozenset())
    lines = _lines(pages, rows, choice, settings)
    end = None
    if choice.end is not None:
        end_row = rows[choice.end]
        end = TableEnd(pages[end_row.page_index].page.number, end_row.row.top)
    return TableReading(lines, end, frozenset(line.page for line in lines))


def _doc_rows(pages: Sequence[PageRows], separator: DecimalSeparator) -> list[DocRow]:
    rows: list[DocRow] = []
    for page_index, page_rows in enumerate(pages):
        for row_index, row in enumerate(page_rows.rows):
            rows.append(DocRow(len(rows), page_index, row_index, row, tuple(row_figures(row, separator))))
    return rows


# ---- which column holds the line totals, and which of its rows are items -----------------------------


def _best_choice(
    columns: Sequence[FigureColumn], rows: Sequence[DocRow], settings: Settings
) -> _Choice | None:
    texts = row_texts(rows)
    best: _Choice | None = None
    for column in columns:
        evidence = column_evidence(column, rows, texts)
        for choice in (_by_sums(evidence, rows, texts, settings), _by_products(evidence, rows, texts)):
            if choice is not None and (best is None or _rank(choice) > _rank(best)):
                best = choice
    return best


def _rank(choice: _Choice) -> tuple[int, Decimal]:
    """More evidence first; between equals, the larger amounts: a net amount over the tax rate
    printed beside it."""
    amounts = (choice.column.figure_at(p) for p in choice.items)
    return choice.score, sum((abs(f.value) for f in amounts if f is not None), Decimal(0))


def _by_sums(
    evidence: ColumnEvidence, rows: Sequence[DocRow], texts: Sequence[RowText], settings: Settings
) -> _Choice | None:
    """The run of the column that adds up to a figure below it with the most items, then others that
    neither overlap it nor include a sum: a first page's items summed on the next, a second section.
    A run below the best one's sum on the same page is another table (a payout, a summary)."""
    column = evidence.column
    found = closures(column, rows, settings.totals_window_rows, evidence.item)
    scored = sorted(
        ((_closure_score(closure, evidence, texts), closure) for closure in found), key=lambda pair: -pair[0]
    )
    chosen: list[Closure] = []
    targets: set[int] = set()
    for score, closure in scored:
        if score <= 0 or _overlaps(closure, chosen, targets):
            continue
        if chosen:
            main = rows[chosen[0].target_position]
            first = rows[column.members[closure.start].position]
            below_main = first.page_index == main.page_index and first.position > main.position
            if score < 2 or (below_main and not _proven_by_products(closure, evidence)):
                continue  # below the first sum, only a section whose every row multiplies out
        chosen.append(closure)
        targets.add(closure.target_position)
    if not chosen:
        return None
    items = tuple(
        sorted(
            column.members[i].position
            for closure in chosen
            for i in range(closure.start, closure.end + 1)
            if evidence.item[i]
        )
    )
    score = sum(_closure_score(closure, evidence, texts) for closure in chosen)
    end = max(closure.target_position for closure in chosen)
    return _Choice(column, items, end, score)


def _proven_by_products(closure: Closure, evidence: ColumnEvidence) -> bool:
    items = evidence.run_items(closure.start, closure.end)
    return items > 0 and evidence.run_weight(closure.start, closure.end) == 2 * items


def _overlaps(closure: Closure, chosen: Sequence[Closure], targets: set[int]) -> bool:
    """A run that shares rows with a chosen one, holds a chosen run's sum, or sums into one."""
    members = closure.column.members
    first, last = members[closure.start].position, members[closure.end].position
    for other in chosen:
        if closure.start <= other.end and other.start <= closure.end:
            return True
        if members[other.start].position <= closure.target_position <= members[other.end].position:
            return True
    return any(first <= target <= last for target in targets)


def _closure_score(closure: Closure, evidence: ColumnEvidence, texts: Sequence[RowText]) -> int:
    """Item rows in the run, twice for those whose own factors also give their amount. A tax or gross
    amount derived from other figures of its row adds nothing. A run of one item counts only when its
    sum is labelled as a total, or printed as the column's next figure on a row that describes nothing
    else: one amount printed twice anywhere is common."""
    weight = evidence.run_weight(closure.start, closure.end)
    if weight and evidence.run_items(closure.start, closure.end) == 1:
        members = closure.column.members
        next_in_column = closure.end + 1 < len(members) and members[closure.end + 1].figure is closure.target
        target = texts[closure.target_position]
        unlabelled_sum = next_in_column and closure.target.money_like and not target.describes
        if not (target.totals or unlabelled_sum):
            return 0
    return weight


def _by_products(
    evidence: ColumnEvidence, rows: Sequence[DocRow], texts: Sequence[RowText]
) -> _Choice | None:
    """No sum printed (or none that closes): the rows whose quantity times price is their amount in
    this column, and the described rows between them with an amount in it."""
    members = evidence.column.members
    closing = [m.position for i, m in enumerate(members) if evidence.item[i] and evidence.product[i]]
    if len(closing) < 2:
        return None
    first, last = closing[0], closing[-1]
    items = tuple(
        m.position for i, m in enumerate(members) if first <= m.position <= last and evidence.item[i]
    )
    end = next((row.position for row in rows[last + 1 :] if texts[row.position].totals and row.figures), None)
    return _Choice(evidence.column, items, end, len(closing))


# ---- lines from the chosen rows ----------------------------------------------------------------------


def _lines(
    pages: Sequence[PageRows], rows: Sequence[DocRow], choice: _Choice, settings: Settings
) -> list[TableLine]:
    readings = {}
    for position in choice.items:
        total = choice.column.figure_at(position)
        if total is None:
            continue
        reading = read_line_figures(rows[position].figures, total)
        if reading.quantity is not None or total.value != 0:
            readings[position] = reading  # an amount of nothing, of nothing counted, says nothing
    readings = dict(zip(readings, consistent_factors(list(readings.values())), strict=True))
    tolerance = (
        settings.column_edge_tolerance_ratio * median(rows[p].row.char_height for p in readings)
        if readings
        else 0
    )
    readings = dict(
        zip(
            readings,
            free_lines_by_column(list(readings.values()), [rows[p].figures for p in readings], tolerance),
            strict=True,
        )
    )
    lines: list[TableLine] = []
    by_page: dict[int, list[int]] = {}
    for position in readings:
        by_page.setdefault(rows[position].page_index, []).append(position)
    for page_index, positions in sorted(by_page.items()):
        page_rows = pages[page_index]
        extra = _continuations(page_rows, rows, positions, readings, choice, settings)
        for position in positions:
            lines.append(_line(page_rows, rows[position], readings[position], extra.get(position, [])))
    return lines


def _numeric_left(
    readings: dict[int, LineFigures], rows: Sequence[DocRow], positions: Sequence[int]
) -> float:
    """Where the figure columns of the items start: text right of it is no description."""
    edges = []
    for position in positions:
        reading = readings[position]
        figures = [f for f in (reading.unit_price, reading.total) if f is not None]
        edges.append(min(f.x0 for f in figures))
    return min(edges)


def _continuations(
    page_rows: PageRows,
    rows: Sequence[DocRow],
    positions: Sequence[int],
    readings: dict[int, LineFigures],
    choice: _Choice,
    settings: Settings,
) -> dict[int, list[Row]]:
    """Text rows of this page next to the items that carry no figure in the figure columns: the
    wrapped lines of the descriptions. A heading row over the columns reaches into them and is not."""
    numeric_left = _numeric_left(readings, rows, positions)
    first_index = rows[positions[0]].row_index
    last_index = rows[positions[-1]].row_index
    end_index = len(page_rows.rows)
    if choice.end is not None and rows[choice.end].page_index == rows[positions[0]].page_index:
        end_index = rows[choice.end].row_index
    start_index = max(0, first_index - _ROWS_ABOVE_FIRST_ITEM)
    body = list(page_rows.rows[start_index:end_index])
    offset = {rows[p].row_index - start_index: p for p in positions}
    items_bold = all(word.bold for p in positions for word in text_words(rows[p].row, rows[p].figures))
    text_rows = [
        i
        for i, row in enumerate(body)
        if i not in offset
        and start_index + i <= max(last_index + _ROWS_BELOW_LAST_ITEM, last_index)
        and _continues_text(row, numeric_left, items_bold)
    ]
    owners = owners_by_spacing(body, text_rows, sorted(offset), settings)
    extra: dict[int, list[Row]] = {}
    for i, owner in sorted(owners.items()):
        extra.setdefault(offset[owner], []).append(body[i])
    return extra


# A wrapped description rarely runs more than this many lines above its figures (vertically centred
# cells) or below the last item's figures.
_ROWS_ABOVE_FIRST_ITEM = 3
_ROWS_BELOW_LAST_ITEM = 4


def _continues_text(row: Row, numeric_left: float, items_bold: bool) -> bool:
    words = row.words
    if any(word.x1 > numeric_left for word in words):
        return False
    if is_totals_text(list(words)):
        return False
    if all(word.bold for word in words) and not items_bold:
        return False  # a bold line among regular descriptions titles a group
    return not row.text.rstrip().endswith(":")


def _line(page_rows: PageRows, row: DocRow, reading: LineFigures, extra: Sequence[Row]) -> TableLine:
    text = item_text(row.row, row.figures, reading)
    # Read top to bottom: a description may start above its figures' row (cells aligned to the bottom
    # or the middle) as well as continue below it. Rows that label the article number ("Art-Nr: X")
    # give the SKU, not description.
    below = sorted(extra, key=lambda r: r.top)
    labelled, code_rows = labelled_code_in_rows([r.words for r in below])
    sku = text.sku or labelled
    continued = [(r.top, text_words(r, ())) for i, r in enumerate(below) if i not in code_rows]
    placed = [
        (row.row.top, text.description),
        *((top, " ".join(w.text for w in words)) for top, words in continued),
    ]
    parts = [part for _, part in sorted(placed, key=lambda pair: pair[0])]
    description = joined_lines([part for part in parts if part])
    quantity = reading.quantity.value if reading.quantity else None
    values = RowValues(
        quantity=quantity,
        unit=text.unit,
        unit_price=reading.unit_price.value if reading.unit_price else None,
        line_total=reading.total.value,
        tax_rate=reading.tax_rate.value if reading.tax_rate else None,
        discount=reading.discount.value if reading.discount else None,
        discount_is_percent=True,
    )
    kind = line_kind(text.description, quantity, sku is not None, reading.unit_price is not None)
    all_words: list[Word] = [*row.row.words, *(w for r in extra for w in r.words)]
    code_words = (
        (text.sku_word,)
        if text.sku is not None and text.sku_word is not None
        else tuple(w for i in sorted(code_rows) for w in below[i].words)
    )
    field_words: dict[LineField, tuple[Word, ...]] = {
        "sku": code_words if sku is not None else (),
        "description": (*text.description_words, *(w for _, words in continued for w in words)),
        "quantity": reading.quantity.words if reading.quantity else (),
        "unit": (text.unit_word,) if text.unit_word is not None else (),
        "unitPrice": reading.unit_price.words if reading.unit_price else (),
        "lineTotal": reading.total.words,
    }
    return TableLine(kind, sku, description, values, page_rows.page.number, all_words, field_words)
