"""Runs of a numeric column that add up to a figure printed just below them: the line totals and
their subtotal (or total). Where such a run starts and ends is where the item table starts and ends."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from invoice_parser.extract.figure_columns import DocRow, FigureColumn
from invoice_parser.extract.figures import Figure


@dataclass(frozen=True)
class Closure:
    column: FigureColumn
    start: int  # index of the first member in the run
    end: int  # index of the last member in the run, inclusive
    target_position: int  # the row printing the sum
    target: Figure

    def positions(self) -> list[int]:
        return [m.position for m in self.column.members[self.start : self.end + 1]]


def closures(
    column: FigureColumn, rows: Sequence[DocRow], window_rows: int, item: Sequence[bool]
) -> list[Closure]:
    """Every run of column whose sum is printed within window_rows below its last member, no further
    than the column's next item (item: per member); a subtotal is usually printed in the column it
    sums, and a tax summary table may stand between the items and it."""
    members = column.members
    prefix = [Decimal(0)]
    for member in members:
        prefix.append(prefix[-1] + member.figure.value)
    next_item: list[int | None] = [None] * len(members)
    following: int | None = None
    for k in range(len(members) - 1, -1, -1):
        next_item[k] = following
        if item[k]:
            following = k
    first_start: dict[Decimal, int] = {}
    found: list[Closure] = []
    for k, member in enumerate(members):
        first_start.setdefault(prefix[k], k)
        last = member.position + window_rows
        upcoming = next_item[k]
        if upcoming is not None:
            last = min(last, members[upcoming].position)
        for position in range(member.position + 1, min(last, len(rows) - 1) + 1):
            for figure in rows[position].figures:
                if figure.percent or not _printed_alike(figure, member.figure):
                    continue
                start = first_start.get(prefix[k + 1] - figure.value)
                if start is not None:
                    found.append(Closure(column, start, k, position, figure))
    return found


def _printed_alike(target: Figure, member: Figure) -> bool:
    """A sum is printed like the amounts it sums: as money, or to the same places. A bare quantity of
    the next row is not a subtotal."""
    return target.money_like or target.places == member.places
