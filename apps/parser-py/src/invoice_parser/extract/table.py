"""The line items: the table found under its header row, followed across pages until the totals.

Each body row is an item row (a quantity and a price or amount), a text row (a wrapped description
or a heading), a carried-over running total, or the totals that end the table.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, get_args

from invoice_parser.extract.cells import TEXT_ROLES, RowCells, RowValues, read_values, split_row
from invoice_parser.extract.columns import TableHeader, find_header, fit_boundaries
from invoice_parser.extract.continuations import joined_lines, owners_by_spacing
from invoice_parser.extract.keywords import (
    CARRY_OVER_PHRASES,
    INTERIM_TOTAL_LABELS,
    SUBTOTAL_LABELS,
    TAX_LABELS,
    TOTAL_LABELS,
    Role,
    contains_phrase,
    normalize,
    starts_with_phrase,
)
from invoice_parser.extract.labels import SEGMENT_GAP_RATIO
from invoice_parser.extract.line_arithmetic import line_closes
from invoice_parser.extract.line_code import is_code_text, labelled_code, sku_cell_value
from invoice_parser.extract.line_kind import (
    LineKind,
    is_article_code,
    line_kind,
    split_leading_code,
)
from invoice_parser.extract.numbers import DecimalSeparator, parse_number
from invoice_parser.extract.price_breakdown import breakdown_prices
from invoice_parser.extract.rows import Row, join_words
from invoice_parser.extract.words import HorizontalRule, PageText, Word
from invoice_parser.settings import Settings

_TOTALS_LABELS = SUBTOTAL_LABELS + TAX_LABELS + TOTAL_LABELS
# A row with a figure in these columns is an item (or a total), never the continuation of one.
_ITEM_FIGURE_ROLES = frozenset({Role.QUANTITY, Role.AMOUNT})


@dataclass(frozen=True)
class PageRows:
    page: PageText
    rows: list[Row]


# The fields of a line the operator corrects, named as the contract names them.
LineField = Literal["sku", "description", "quantity", "unit", "unitPrice", "lineTotal"]
LINE_FIELDS: tuple[LineField, ...] = get_args(LineField)


@dataclass
class TableLine:
    kind: LineKind
    sku: str | None
    description: str
    values: RowValues
    page: int
    words: list[Word] = field(default_factory=list)
    # The words each field was read from: a word OCR was unsure of makes its field one to check.
    field_words: dict[LineField, tuple[Word, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class TableEnd:
    """Where the totals below the table start: nothing at or below it is a line item."""

    page: int
    top: float


@dataclass(frozen=True)
class TableReading:
    lines: list[TableLine]
    end: TableEnd | None
    pages_with_table: frozenset[int]


def read_table(pages: Sequence[PageRows], separator: DecimalSeparator, settings: Settings) -> TableReading:
    lines: list[TableLine] = []
    header: TableHeader | None = None
    pages_with_table: set[int] = set()
    for page_rows in pages:
        found = find_header(page_rows.rows, page_rows.page.vertical_rules)
        if found is not None:
            index, provisional = found
            start = index + provisional.rows_used
            header = fit_boundaries(provisional, [], page_rows.page.vertical_rules)
        elif header is not None:
            start = 0  # the table continues without repeating its header: reuse the last columns
        else:
            continue
        body, end = _body_until_totals(page_rows, start, header, separator)
        if found is not None:
            header = fit_boundaries(
                header, _item_like_words(body, header, separator), page_rows.page.vertical_rules
            )
        page_lines = _assemble(page_rows.page, body, header, separator, settings)
        if page_lines:
            pages_with_table.add(page_rows.page.number)
        lines.extend(page_lines)
        if end is not None:
            return TableReading(lines, end, frozenset(pages_with_table))
    return TableReading(lines, None, frozenset(pages_with_table))


def _body_until_totals(
    page_rows: PageRows, start: int, header: TableHeader, separator: DecimalSeparator
) -> tuple[list[Row], TableEnd | None]:
    body: list[Row] = []
    rows = page_rows.rows
    for index in range(start, len(rows)):
        row = rows[index]
        if (
            _is_totals_row(row, header, separator)
            and not _items_follow(rows[index + 1 :], header, separator)
            and not _sums_a_named_group(row, body)
        ):
            return body, TableEnd(page_rows.page.number, row.top)
        body.append(row)
    return body, None


def _sums_a_named_group(row: Row, body: Sequence[Row]) -> bool:
    """ "Subtotal Installation services" under a heading row "Installation services": the sum of the
    last section of a grouped table, not the invoice's subtotal."""
    text = normalize(row.text)
    label = starts_with_phrase(text, INTERIM_TOTAL_LABELS)
    if label is None:
        return False
    named = f" {text[len(label) :].strip()} "
    headings = (normalize(above.text) for above in body if not any(char.isdigit() for char in above.text))
    return any(heading and f" {heading} " in named for heading in headings)


# How many rows below a totals-like row are searched for more items (a group heading, a blank).
_GROUP_LOOKAHEAD_ROWS = 4


def _items_follow(below: Sequence[Row], header: TableHeader, separator: DecimalSeparator) -> bool:
    """A group's sum ("Subtotal Hardware") inside a table grouped into sections looks like the
    totals block, but items follow it: a described row whose quantity times unit price is its total.
    The totals block is never followed by such a row before the next totals row."""
    for row in below[:_GROUP_LOOKAHEAD_ROWS]:
        if _is_totals_row(row, header, separator):
            return False
        cells = split_row(row, header)
        values = read_values(cells, separator)
        if values.quantity is None or values.unit_price is None or values.line_total is None:
            continue
        described = bool(cells.text(Role.DESCRIPTION) or cells.text(Role.SKU))
        if described and line_closes(values.quantity, values.unit_price, values.line_total):
            return True
    return False


def _is_totals_row(row: Row, header: TableHeader, separator: DecimalSeparator) -> bool:
    values = read_values(split_row(row, header), separator)
    if values.quantity is not None:
        return False
    label_led = (
        starts_with_phrase(normalize(join_words(segment)), _TOTALS_LABELS)
        for segment in row.segments(SEGMENT_GAP_RATIO)
    )
    return any(label is not None for label in label_led) and not _is_carry_over(row)


def _is_carry_over(row: Row) -> bool:
    return contains_phrase(normalize(row.text), CARRY_OVER_PHRASES) is not None


def _item_like_words(body: Sequence[Row], header: TableHeader, separator: DecimalSeparator) -> list[Word]:
    """Words of rows that carry at least two numbers: the rows whose whitespace shows the columns."""
    words: list[Word] = []
    for row in body:
        numbers = sum(parse_number(word.text, separator) is not None for word in row.words)
        if numbers >= 2:
            words.extend(row.words)
    return words


def _assemble(
    page: PageText, body: Sequence[Row], header: TableHeader, separator: DecimalSeparator, settings: Settings
) -> list[TableLine]:
    cells = [split_row(row, header) for row in body]
    values = [read_values(cell, separator) for cell in cells]
    line_rows = [i for i, value in enumerate(values) if _is_line(cells[i], value)]
    if line_rows:
        stacked = breakdown_prices(body, cells, line_rows, separator, settings.continuation_max_gap_ratio)
        for i, price in stacked.items():
            if values[i].unit_price is None:
                values[i] = replace(values[i], unit_price=price)
    owner = _continuation_owners(page, body, cells, line_rows, header, settings)
    lines: list[TableLine] = []
    for i in line_rows:
        extra_text = [j for j, owned_by in sorted(owner.items()) if owned_by == i]
        lines.append(_build_line(page.number, i, cells, values[i], header, extra_text))
    return lines


def _is_line(cells: RowCells, values: RowValues) -> bool:
    if _is_carry_over(cells.row) and values.quantity is None:
        return False
    if starts_with_phrase(normalize(cells.text(Role.DESCRIPTION)), INTERIM_TOTAL_LABELS) is not None:
        return False  # "Subtotal hardware  1  1050.00": the group's sum, not goods
    has_money = values.line_total is not None or values.unit_price is not None
    if values.quantity is not None:
        return has_money and not _figures_run_on_from_text(cells)
    # A priced row without a quantity is a charge (freight, discount), if it says what it is.
    return values.line_total is not None and bool(cells.text(Role.DESCRIPTION) or cells.text(Role.SKU))


# Words closer than this many character heights are one run of text (a word space, not a column gap).
_RUN_ON_GAP_RATIO = 0.6


def _figures_run_on_from_text(cells: RowCells) -> bool:
    """A detail line whose text runs past the description column ("Meter reading: 543210 - 544420"):
    nothing in the amount column although the table has one, and its figures follow the
    description's words at a word space rather than across a column gap."""
    if cells.by_role.get(Role.AMOUNT) or Role.AMOUNT not in cells.headings:
        return False
    description = set(cells.by_role.get(Role.DESCRIPTION, ()))
    figures = set(cells.by_role.get(Role.QUANTITY, ())) | set(cells.by_role.get(Role.UNIT_PRICE, ()))
    words = cells.row.words
    return any(
        left in description and right in figures and right.x0 - left.x1 <= _RUN_ON_GAP_RATIO * left.height
        for left, right in itertools.pairwise(words)
    )


def _is_text_row(cells: RowCells) -> bool:
    """A row that cannot stand as an item: text only, or description text beside side figures (a
    list price, a discount, a tax note) that detail the item it belongs to."""
    roles = cells.roles_present()
    if not roles or _is_carry_over(cells.row):
        return False
    if roles & _ITEM_FIGURE_ROLES:
        return _figures_run_on_from_text(cells)
    return roles <= TEXT_ROLES or Role.DESCRIPTION in roles


def _continuation_owners(
    page: PageText,
    body: Sequence[Row],
    cells: Sequence[RowCells],
    line_rows: Sequence[int],
    header: TableHeader,
    settings: Settings,
) -> dict[int, int]:
    """Which line each text row continues (row index -> line row index)."""
    if not line_rows:
        return {}
    text_rows = [
        i
        for i, cell in enumerate(cells)
        if _is_text_row(cell) and not _is_heading(cell, cells, line_rows) and not _is_typed_rule(cell.row)
    ]
    text_rows = _inside_ruling(page, header, body, text_rows)
    bands = _ruled_bands(page.horizontal_rules, header, body, line_rows)
    if bands is not None:
        return {i: bands[i] for i in text_rows if i in bands}
    return owners_by_spacing(body, text_rows, line_rows, settings)


_RULE_CHARACTERS = frozenset("-=_*~.·")


def _is_typed_rule(row: Row) -> bool:
    """A fixed-width print run draws its rules with characters ("------", "======"): no text."""
    text = row.text.replace(" ", "")
    return len(text) >= 3 and set(text) <= _RULE_CHARACTERS


def _inside_ruling(page: PageText, header: TableHeader, body: Sequence[Row], rows: list[int]) -> list[int]:
    """In a table whose column rules start below the page's top, the rows above where they start
    (a running head on a continuation page) are outside every cell."""
    table_x0, table_x1 = header.columns[0].header_x0, header.columns[-1].header_x1
    tops = [rule.top for rule in page.vertical_rules if table_x0 - 5 <= rule.x <= table_x1 + 5]
    if len(tops) < 2:
        return rows
    ruled_top = min(tops)
    return [i for i in rows if body[i].bottom > ruled_top]


def _is_heading(cell: RowCells, cells: Sequence[RowCells], line_rows: Sequence[int]) -> bool:
    """A bold line among regular item descriptions, or a label ending in a colon, titles a group."""
    words = cell.row.words
    items_bold = all(word.bold for i in line_rows for word in cells[i].by_role.get(Role.DESCRIPTION, ()))
    if is_code_text(cell.row.text):
        return False  # "Art-Nr:" over its value belongs to the line above
    return (all(word.bold for word in words) and not items_bold) or cell.row.text.rstrip().endswith(":")


def _ruled_bands(
    rules: Sequence[HorizontalRule], header: TableHeader, body: Sequence[Row], line_rows: Sequence[int]
) -> dict[int, int] | None:
    """Row index -> line row index in the same ruled cell band, when rules separate every item row."""
    table_x0, table_x1 = header.columns[0].header_x0, header.columns[-1].header_x1
    ys = sorted(
        {
            round(rule.y, 1)
            for rule in rules
            if min(rule.x1, table_x1) - max(rule.x0, table_x0) > (table_x1 - table_x0) / 2
        }
    )
    if len(ys) < 2:
        return None

    def band(row: Row) -> int:
        middle = (row.top + row.bottom) / 2
        return sum(y < middle for y in ys)

    line_band = {band(body[i]): i for i in line_rows}
    if len(line_band) < len(line_rows):
        return None  # two item rows share a band: the rules are not per row
    return {i: line_band[band(row)] for i, row in enumerate(body) if band(row) in line_band}


def _build_line(
    page: int,
    i: int,
    cells: Sequence[RowCells],
    values: RowValues,
    header: TableHeader,
    extra_rows: list[int],
) -> TableLine:
    own = cells[i]
    description_parts = {i: own.text(Role.DESCRIPTION)}
    # Article-number rows name the SKU, read below; they are not part of the description.
    code_rows = _code_rows(cells, [i, *extra_rows])
    description_parts.update({j: cells[j].text(Role.DESCRIPTION) for j in extra_rows if j not in code_rows})
    parts = [text for _, text in sorted(description_parts.items()) if text]
    description = joined_lines(parts)
    # The item's name (its first line) says whether it is a charge; detail lines below it may name
    # a packaging or a delivery ("Verpackung: Flasche") without the line being one.
    code, code_words = _wrapped_code(own, [cells[j] for j in extra_rows if j > i])
    sku = sku_cell_value(code)
    # Only a code that reads as an article number, on a row priced per unit, outweighs a charge word:
    # allowance rows print reason codes ("95", "FC") and a base amount where an item has them.
    article = sku is not None and is_article_code(sku) and values.unit_price is not None
    kind = line_kind(
        parts[0] if parts else own.text(Role.SKU), values.quantity, article, values.unit_price is not None
    )
    described = [
        word for j in sorted(description_parts) for word in cells[j].by_role.get(Role.DESCRIPTION, ())
    ]
    if sku is None and kind == "item":
        labelled = labelled_code([own, *(cells[j] for j in extra_rows)])
        sku, code_words = labelled if labelled is not None else (None, ())
    if sku is None and not header.has(Role.SKU) and kind == "item":
        sku, description = split_leading_code(description)
        if sku is not None:
            code_words, described = tuple(described[:1]), described[1:]
    words = list(own.row.words) + [word for j in extra_rows for word in cells[j].row.words]
    field_words = _figure_words(own, [cells[j] for j in extra_rows], values)
    field_words.update({"sku": code_words if sku is not None else (), "description": tuple(described)})
    return TableLine(
        kind=kind,
        sku=sku,
        description=description,
        values=values,
        page=page,
        words=words,
        field_words=field_words,
    )


def _figure_words(
    own: RowCells, extra: Sequence[RowCells], values: RowValues
) -> dict[LineField, tuple[Word, ...]]:
    """The words of the quantity, unit, price and amount cells. A unit printed in the quantity's cell
    ("2,5 kg") was read from it; a price named by a breakdown under the row, from those rows' cells."""
    quantity = own.by_role.get(Role.QUANTITY, ())
    price = own.by_role.get(Role.UNIT_PRICE, ())
    if not price and values.unit_price is not None:
        price = tuple(word for cell in extra for word in cell.by_role.get(Role.UNIT_PRICE, ()))
    return {
        "quantity": quantity,
        "unit": own.by_role.get(Role.UNIT, ()) or (quantity if values.unit is not None else ()),
        "unitPrice": price,
        "lineTotal": own.by_role.get(Role.AMOUNT, ()),
    }


# A code broken over lines in a narrow cell breaks after one of these (browsers break at a hyphen).
_CODE_BREAKS = ("-", "/", "_", ".")


def _wrapped_code(own: RowCells, below: Sequence[RowCells]) -> tuple[str, tuple[Word, ...]]:
    """ "BRG-" / "6204-" / "2RS-C3" down a narrow SKU cell: one code, "BRG-6204-2RS-C3", and its words."""
    code, words = own.text(Role.SKU), own.by_role.get(Role.SKU, ())
    for cell in below:
        piece = cell.text(Role.SKU)
        if not code.endswith(_CODE_BREAKS) or not piece or " " in piece:
            break
        code += piece
        words += cell.by_role.get(Role.SKU, ())
    return code, words


def _code_rows(cells: Sequence[RowCells], rows: Sequence[int]) -> set[int]:
    """Rows whose description cell is an article-number label, with the value row under a bare label."""
    found: set[int] = set()
    for j in sorted(rows):
        text = cells[j].text(Role.DESCRIPTION)
        if is_code_text(text):
            found.add(j)
            if text.rstrip().endswith(":"):
                found.add(j + 1)
    return found
