"""The line-item table's header row and the x-range of each of its columns.

A header is a text row (or two stacked rows) whose cells name at least three column roles. Column
boundaries come from vertical rules when the table is ruled, else from the whitespace that body
rows leave between the header cells; a body word belongs to the column its centre falls in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from invoice_parser.extract.keywords import (
    COLUMN_PHRASES,
    DELIVERED_QUANTITY_WORDS,
    ORDERED_QUANTITY_WORDS,
    Role,
    column_role,
    contains_phrase,
    normalize,
)
from invoice_parser.extract.numbers import parse_number
from invoice_parser.extract.rows import Row, join_words
from invoice_parser.extract.words import VerticalRule, Word

# Header words closer than this many character heights belong to one heading ("Unit Price").
_HEADING_WORD_GAP_RATIO = 0.9
# A further header line sits within this many character heights below the one before.
_STACKED_HEADER_GAP_RATIO = 1.6
# Dense tables stack headings up to seven lines ("NOM & DESIGNATION / Objet / Attributs / Note").
_MAX_HEADER_LINES = 8
# A vertical rule counts as a column separator when it reaches this close to the header row.
_RULE_REACH = 3.0
_MIN_ROLES = 3
_ALL_PHRASES = frozenset(phrase for phrases in COLUMN_PHRASES.values() for phrase in phrases)


@dataclass(frozen=True)
class Column:
    role: Role
    heading: str
    header_x0: float
    header_x1: float
    left: float = -math.inf
    right: float = math.inf

    def holds(self, word: Word) -> bool:
        return self.left <= word.center_x < self.right


@dataclass(frozen=True)
class TableHeader:
    columns: tuple[Column, ...]  # left to right
    top: float
    bottom: float
    rows_used: int  # 1, or 2 for a header printed on two lines

    def column_of(self, word: Word) -> Column | None:
        return next((column for column in self.columns if column.holds(word)), None)

    def has(self, role: Role) -> bool:
        return any(column.role is role for column in self.columns)


def find_header(rows: Sequence[Row], rules: Sequence[VerticalRule]) -> tuple[int, TableHeader] | None:
    """The first row (index, header) that reads as a line-item table header."""
    for index in range(len(rows)):
        stacks = [rows[index : index + 1]]
        # Headings printed on two or three lines ("Unit" over "price"), centred or top-aligned.
        for depth in range(2, _MAX_HEADER_LINES + 1):
            below = rows[index + depth - 1] if index + depth - 1 < len(rows) else None
            if below is None or not _is_next_header_line(stacks[-1][-1], below):
                break
            stacks.append(rows[index : index + depth])
        headers = [
            _as_header(tuple(w for row in stack for w in row.words), rules, len(stack)) for stack in stacks
        ]
        best = max((h for h in headers if h), key=_known_role_count, default=None)
        if best is not None:
            return index, _with_heading_tails(best, headers, stacks)
    return None


# Roles whose body cells always carry digits: a digit-free line under their heading is more heading.
_FIGURE_ROLES = frozenset({Role.QUANTITY, Role.UNIT_PRICE, Role.AMOUNT, Role.DISCOUNT, Role.TAX_RATE})


def _with_heading_tails(
    best: TableHeader, headers: Sequence[TableHeader | None], stacks: Sequence[Sequence[Row]]
) -> TableHeader:
    """The deepest header that still names as many roles as best and whose extra lines only continue
    the headings of figure columns ("Price w/o" over "Tax"): such a line cannot be an item's text,
    while a digit-free line under the description heading may be a wrapped first item."""
    chosen = best
    for header, stack in zip(headers, stacks, strict=True):
        if header is None or header.rows_used <= chosen.rows_used:
            continue
        if _known_role_count(header) < _known_role_count(best):
            continue
        extra = [word for row in stack[chosen.rows_used :] for word in row.words]
        if all(_under_figure_heading(word, best) for word in extra) or _bold_like(extra, stack):
            chosen = header
    return chosen


def _bold_like(extra: Sequence[Word], stack: Sequence[Row]) -> bool:
    """Headings set in bold continue on a bold line ("Désignation, / objet, / note"): body text is
    not set like its headings."""
    return bool(extra) and all(word.bold for row in stack for word in row.words)


def _under_figure_heading(word: Word, header: TableHeader) -> bool:
    # The heading's own role counts: a second "Qty" column is set aside as OTHER when roles resolve.
    return any(
        (column.role in _FIGURE_ROLES or column_role(column.heading) in _FIGURE_ROLES)
        and word.x0 < column.header_x1
        and word.x1 > column.header_x0
        for column in header.columns
    )


def fit_boundaries(
    header: TableHeader, body_words: Sequence[Word], rules: Sequence[VerticalRule]
) -> TableHeader:
    """Place the boundary between each pair of neighbouring columns: on a vertical rule between their
    headings when there is one, else in the widest stretch of whitespace that the body leaves there."""
    columns = list(header.columns)
    separators = _separator_rules(rules, header)
    for i in range(len(columns) - 1):
        left_col, right_col = columns[i], columns[i + 1]
        boundary = _rule_between(separators, left_col, right_col)
        if boundary is None:
            boundary = _whitespace_between(body_words, left_col, right_col)
        columns[i] = replace(left_col, right=boundary)
        columns[i + 1] = replace(right_col, left=boundary)
    return replace(header, columns=tuple(columns))


def _is_next_header_line(first: Row, second: Row) -> bool:
    close = second.baseline - first.baseline <= _STACKED_HEADER_GAP_RATIO * first.char_height
    return close and not any(char.isdigit() for char in second.text)


def _as_header(words: tuple[Word, ...], rules: Sequence[VerticalRule], rows_used: int) -> TableHeader | None:
    if any(parse_number(word.text) is not None and "." in word.text for word in words):
        return None  # a row carrying money amounts is data, not headings
    top = min(word.top for word in words)
    bottom = max(word.bottom for word in words)
    cells = _heading_cells(words, [rule for rule in rules if rule.top <= bottom and rule.bottom >= top])
    columns = [_column_from_cell(cell) for cell in cells]
    known = {column.role for column in columns if column.role is not Role.OTHER}
    has_number_column = bool(known & {Role.QUANTITY, Role.UNIT_PRICE, Role.AMOUNT})
    has_money_column = bool(known & {Role.UNIT_PRICE, Role.AMOUNT})
    has_text_column = bool(known & {Role.DESCRIPTION, Role.SKU, Role.ITEM})
    if len(known) < _MIN_ROLES or not (has_number_column and has_money_column and has_text_column):
        return None
    if len(known) * 2 < len(columns):
        return None  # mostly unknown headings: a sentence that happens to contain keywords
    return TableHeader(columns=_resolve_roles(columns), top=top, bottom=bottom, rows_used=rows_used)


def _known_role_count(header: TableHeader) -> int:
    return sum(column.role is not Role.OTHER for column in header.columns)


def _heading_cells(words: Sequence[Word], crossing_rules: Sequence[VerticalRule]) -> list[list[Word]]:
    """Words grouped into one list per heading, left to right."""
    ordered = sorted(words, key=lambda w: w.x0)
    rule_xs = sorted({round(rule.x, 1) for rule in crossing_rules})
    if len(rule_xs) >= 2:
        # A ruled header: each space between two rules is one heading, however many words it has.
        by_slot: dict[int, list[Word]] = {}
        for word in ordered:
            slot = sum(x <= word.center_x for x in rule_xs)
            by_slot.setdefault(slot, []).append(word)
        return [by_slot[slot] for slot in sorted(by_slot)]
    cells: list[list[Word]] = []
    for word in ordered:
        if cells:
            cell = cells[-1]
            cell_x1 = max(w.x1 for w in cell)
            overlaps = word.x0 < cell_x1  # stacked on two lines
            # Close words continue a heading only on the same line: in a tall header band the
            # next column's heading may start just right of this one, a line higher or lower.
            near = word.x0 - cell_x1 <= _HEADING_WORD_GAP_RATIO * word.height and any(
                abs(word.bottom - other.bottom) < word.height / 2 for other in cell
            )
            if overlaps or near:
                cell.append(word)
                continue
        cells.append([word])
    return [piece for cell in cells for piece in _split_joined_headings(cell)]


def _split_joined_headings(cell: list[Word]) -> list[list[Word]]:
    """Split "Qty Unit Price" printed with single spaces into known headings, when every word is covered."""
    same_line = len({round(word.bottom) for word in cell}) == 1
    if not same_line or len(cell) < 2 or normalize(join_words(cell)) in _ALL_PHRASES:
        return [cell]
    if any(word.text in _HEADING_JOINERS for word in cell):
        return [cell]  # "Artikel / Beschreibung": one column holding both
    pieces: list[list[Word]] = []
    start = 0
    while start < len(cell):
        end = next(
            (e for e in range(len(cell), start, -1) if normalize(join_words(cell[start:e])) in _ALL_PHRASES),
            None,
        )
        if end is None:
            if pieces and _qualifies_heading(cell[start]):
                pieces[-1].append(cell[start])  # "Einzelpreis brutto", "Amount (EUR)"
                start += 1
                continue
            return [cell]
        pieces.append(cell[start:end])
        start = end
    return pieces


_HEADING_JOINERS = frozenset({"/", "&", "+"})
# Words that qualify the heading before them rather than name a column of their own.
_HEADING_QUALIFIERS = frozenset(
    {"brutto", "netto", "net", "gross", "ht", "ttc", "excl", "incl", "eur", "usd", "gbp", "chf"}
)


def _qualifies_heading(word: Word) -> bool:
    """ "brutto", "(EUR)", "€" after a heading; not a "/" or "&" joining two headings into one."""
    return normalize(word.text) in _HEADING_QUALIFIERS or word.text.strip("()[]") in {"€", "$", "£"}


def _column_from_cell(cell: Sequence[Word]) -> Column:
    ordered = sorted(cell, key=lambda w: (round(w.bottom), w.x0))
    heading = join_words(ordered)
    return Column(
        role=column_role(heading) or Role.OTHER,
        heading=heading,
        header_x0=min(w.x0 for w in cell),
        header_x1=max(w.x1 for w in cell),
    )


def _resolve_roles(columns: list[Column]) -> tuple[Column, ...]:
    """Settle "Item" by its neighbours; with no amount column named, the last of several price
    columns is the amount ("Prix unitaire ... Prix HT"); otherwise keep the first column of a role."""
    has_description = any(column.role is Role.DESCRIPTION for column in columns)
    prices = [i for i, column in enumerate(columns) if column.role is Role.UNIT_PRICE]
    amount_named = any(column.role is Role.AMOUNT for column in columns)
    invoiced_quantity = _invoiced_quantity_column(columns)
    resolved: list[Column] = []
    seen: set[Role] = set()
    for i, column in enumerate(columns):
        role = column.role
        if role is Role.QUANTITY and i != invoiced_quantity:
            role = Role.OTHER
        if role is Role.ITEM:
            role = Role.SKU if has_description else Role.DESCRIPTION
        if role is Role.UNIT_PRICE and not amount_named and len(prices) > 1 and i == prices[-1]:
            role = Role.AMOUNT
        if role in seen and role is not Role.OTHER:
            role = Role.OTHER
        seen.add(role)
        resolved.append(replace(column, role=role))
    return tuple(resolved)


def _invoiced_quantity_column(columns: Sequence[Column]) -> int | None:
    """Of several quantity columns, the delivered one, else one not named as ordered, else the first."""
    candidates = [i for i, column in enumerate(columns) if column.role is Role.QUANTITY]

    def rank(i: int) -> int:
        heading = normalize(columns[i].heading)
        if contains_phrase(heading, DELIVERED_QUANTITY_WORDS):
            return 0
        return 2 if contains_phrase(heading, ORDERED_QUANTITY_WORDS) else 1

    return min(candidates, key=rank, default=None)


def _separator_rules(rules: Sequence[VerticalRule], header: TableHeader) -> list[float]:
    return sorted(
        rule.x
        for rule in rules
        if rule.top <= header.bottom + _RULE_REACH and rule.bottom >= header.top - _RULE_REACH
    )


def _rule_between(rule_xs: Sequence[float], left: Column, right: Column) -> float | None:
    between = [x for x in rule_xs if left.header_x1 - 1 <= x <= right.header_x0 + 1]
    return between[0] if len(between) == 1 else (between[len(between) // 2] if between else None)


def _whitespace_between(body_words: Sequence[Word], left: Column, right: Column) -> float:
    """The middle of the empty x-interval (within the two headings' reach) that best overlaps the gap
    between the headings; numbers may stick out of a right-aligned heading and text out of a left one."""
    heading_gap = (left.header_x1, right.header_x0)
    middle_of_heading_gap = (heading_gap[0] + heading_gap[1]) / 2
    if not body_words:
        return middle_of_heading_gap
    low, high = left.header_x0, right.header_x1
    occupied = sorted((max(w.x0, low), min(w.x1, high)) for w in body_words if w.x1 > low and w.x0 < high)
    gaps: list[tuple[float, float]] = []
    cursor = low
    for start, end in occupied:
        if start > cursor:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < high:
        gaps.append((cursor, high))
    if not gaps:
        return middle_of_heading_gap

    def fitness(gap: tuple[float, float]) -> tuple[float, float]:
        overlap = min(gap[1], heading_gap[1]) - max(gap[0], heading_gap[0])
        distance = abs((gap[0] + gap[1]) / 2 - middle_of_heading_gap)
        return (overlap if overlap > 0 else -distance, gap[1] - gap[0])

    best = max(gaps, key=fitness)
    return (best[0] + best[1]) / 2
