"""One body row read through the table header: its words per column, and the typed values in them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from invoice_parser.extract.columns import TableHeader
from invoice_parser.extract.keywords import Role
from invoice_parser.extract.numbers import DecimalSeparator, parse_number, parse_percent
from invoice_parser.extract.rows import Row, join_words
from invoice_parser.extract.words import Word

# Columns whose words may continue a wrapped description on a line of its own.
TEXT_ROLES = frozenset({Role.DESCRIPTION, Role.SKU, Role.OTHER, Role.POSITION})
NUMBER_ROLES = frozenset({Role.QUANTITY, Role.UNIT_PRICE, Role.AMOUNT})


@dataclass(frozen=True)
class RowCells:
    row: Row
    by_role: dict[Role, tuple[Word, ...]]
    headings: dict[Role, str]

    def text(self, role: Role) -> str:
        return join_words(self.by_role.get(role, ()))

    def roles_present(self) -> set[Role]:
        return {role for role, words in self.by_role.items() if words}


@dataclass(frozen=True)
class RowValues:
    quantity: Decimal | None
    unit: str | None
    unit_price: Decimal | None
    line_total: Decimal | None
    tax_rate: Decimal | None
    discount: Decimal | None
    discount_is_percent: bool


def split_row(row: Row, header: TableHeader) -> RowCells:
    by_role: dict[Role, list[Word]] = {}
    for word in row.words:
        column = header.column_of(word)
        role = column.role if column else Role.OTHER
        by_role.setdefault(role, []).append(word)
    return RowCells(
        row=row,
        by_role={role: tuple(words) for role, words in by_role.items()},
        headings={column.role: column.heading for column in header.columns},
    )


def read_values(cells: RowCells, separator: DecimalSeparator) -> RowValues:
    quantity, unit_in_quantity = _quantity_and_unit(cells.text(Role.QUANTITY), separator)
    unit = cells.text(Role.UNIT) or unit_in_quantity
    discount_text = cells.text(Role.DISCOUNT)
    discount_is_percent = "%" in discount_text or "%" in cells.headings.get(Role.DISCOUNT, "")
    return RowValues(
        quantity=quantity,
        unit=unit or None,
        unit_price=_money(cells.text(Role.UNIT_PRICE), separator),
        line_total=_money(cells.text(Role.AMOUNT), separator),
        tax_rate=_tax_rate(cells, separator),
        discount=parse_percent(discount_text, separator) if discount_text else None,
        discount_is_percent=discount_is_percent,
    )


def _money(text: str, separator: DecimalSeparator) -> Decimal | None:
    if not text:
        return None
    value = parse_number(text, separator)
    # A labelled figure ("Disc.: 10 %", "Net: 9.50") is read by the price breakdown, not taken as is.
    if value is None and " " in text and ":" not in text and "%" not in text:
        # A currency word or footnote mark beside the figure: "12.50 EUR*" -> the figure alone.
        value = next((v for part in text.split() if (v := parse_number(part, separator)) is not None), None)
    return value


def _quantity_and_unit(text: str, separator: DecimalSeparator) -> tuple[Decimal | None, str | None]:
    """ "2.5", "2,5 kg", "10 pcs", "3x" -> (quantity, unit printed beside it)."""
    if not text:
        return None, None
    whole = parse_number(text, separator)
    if whole is not None:
        return whole, None
    parts = text.replace("x", " ").split() if text.rstrip().endswith("x") else text.split()
    value = parse_number(parts[0], separator) if parts else None
    if value is None:
        return None, None
    rest = " ".join(parts[1:])
    return value, (rest if rest.isalpha() else None)


def _tax_rate(cells: RowCells, separator: DecimalSeparator) -> Decimal | None:
    text = cells.text(Role.TAX_RATE)
    heading = cells.headings.get(Role.TAX_RATE, "").lower()
    # A tax column without a percent sign may hold tax amounts rather than rates.
    is_rate = "%" in text or "%" in heading or any(word in heading for word in ("rate", "satz", "taux"))
    return parse_percent(text, separator) if text and is_rate else None
