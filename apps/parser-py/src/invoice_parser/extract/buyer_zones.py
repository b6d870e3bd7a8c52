"""Where the customer's block is: the rows under a "Bill to"-style label, in its column. A company
name there is the buyer, not the supplier, and so is a VAT ID or IBAN printed there."""

from __future__ import annotations

from collections.abc import Sequence

from invoice_parser.extract.keywords import BUYER_LABELS
from invoice_parser.extract.labels import find_labels
from invoice_parser.extract.rows import Row
from invoice_parser.extract.words import Word

Zone = tuple[int, float, float]
# The customer's block reaches this many rows below its label (its name, street, city; an identifier
# printed under the address sits further down), and this far right of its left edge.
NAME_ZONE_ROWS = 6
ID_ZONE_ROWS = 10
_ZONE_WIDTH = 150.0
_ZONE_LEFT_SLACK = 10.0


def buyer_zones(rows: Sequence[Row]) -> list[Zone]:
    """(row index, x0, x1) of each "Bill to"-style label: the block under it is the customer's."""
    return [
        (match.row_index, min(w.x0 for w in match.label_words), max(w.x1 for w in match.label_words))
        for match in find_labels(rows, BUYER_LABELS)
    ]


def in_buyer_zone(
    row_index: int, segment: Sequence[Word], zones: Sequence[Zone], depth: int = NAME_ZONE_ROWS
) -> bool:
    x0 = segment[0].x0
    for zone_row, zone_x0, _ in zones:
        if (
            zone_row <= row_index <= zone_row + depth
            and zone_x0 - _ZONE_LEFT_SLACK <= x0 <= zone_x0 + _ZONE_WIDTH
        ):
            return True
    return False
