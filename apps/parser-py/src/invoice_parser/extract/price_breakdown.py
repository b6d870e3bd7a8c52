"""The unit price of an item whose price cell prints its breakdown: the list price, the discount and
the net price stacked in one cell ("Brut: 65,00" / "Rabais: 5,00" / "Net: 60,00"), on the item's
row and on the rows just above and below it.

The net price is the price paid per unit; without one, the list price is still a printed unit
price. A discount figure is never a price.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from invoice_parser.extract.cells import RowCells
from invoice_parser.extract.keywords import Role, normalize, starts_with_phrase
from invoice_parser.extract.numbers import DecimalSeparator, parse_number
from invoice_parser.extract.rows import Row

NET_PRICE_LABELS: Final = (
    "net",
    "net price",
    "net unit price",
    "netto",
    "nettopreis",
    "prix net",
    "pu net",
)
LIST_PRICE_LABELS: Final = (
    "brut",
    "brutto",
    "bruttopreis",
    "gross",
    "gross price",
    "list",
    "list price",
    "listenpreis",
    "prix brut",
    "prix catalogue",
    "catalogue",
    "rrp",
)


def breakdown_prices(
    body: Sequence[Row],
    cells: Sequence[RowCells],
    line_rows: Sequence[int],
    separator: DecimalSeparator,
    max_gap_ratio: float,
) -> dict[int, Decimal]:
    """Line row index -> the unit price its price-cell breakdown names, for lines that have one."""
    line_set = set(line_rows)
    stacked: dict[int, list[int]] = {i: [i] for i in line_rows}
    for j, cell in enumerate(cells):
        if j in line_set or not _is_price_detail_row(cell):
            continue
        owner = _nearest_line(body, j, line_rows, max_gap_ratio)
        if owner is not None:
            stacked[owner].append(j)
    prices: dict[int, Decimal] = {}
    for i, rows in stacked.items():
        figures = [labelled_figure(cells[j].text(Role.UNIT_PRICE), separator) for j in sorted(rows)]
        price = _chosen_price([figure for figure in figures if figure is not None])
        if price is not None:
            prices[i] = price
    return prices


def labelled_figure(text: str, separator: DecimalSeparator) -> tuple[str, Decimal] | None:
    """("brut", 65.00) from "(Brut: 65,00)" or "(Net): 60,00" or "List price 12.00"; else None."""
    if ":" in text:
        label, _, figure = text.partition(":")
    else:
        label, _, figure = text.rpartition(" ")
    value = parse_number(figure.strip().strip("()").strip(), separator)
    label = normalize(label)
    if value is None or not label or any(char.isdigit() for char in label):
        return None
    return label, value


def _chosen_price(figures: Sequence[tuple[str, Decimal]]) -> Decimal | None:
    for labels in (NET_PRICE_LABELS, LIST_PRICE_LABELS):
        for label, value in figures:
            if starts_with_phrase(label, labels) is not None:
                return value
    return None


def _is_price_detail_row(cell: RowCells) -> bool:
    """A row whose only figures stand in the price column: part of a neighbouring item's cell."""
    roles = cell.roles_present()
    return Role.UNIT_PRICE in roles and not roles & {Role.QUANTITY, Role.AMOUNT}


def _nearest_line(body: Sequence[Row], j: int, line_rows: Sequence[int], max_gap_ratio: float) -> int | None:
    limit = max_gap_ratio * body[j].char_height
    distance, owner = min((abs(body[i].baseline - body[j].baseline), i) for i in line_rows)
    return owner if distance <= limit else None
