"""The kinds of a ParseResult line (LineKind in libs/contracts/schemas/common.schema.json), named once
for every reading that writes or sums lines."""

from __future__ import annotations

from typing import Final

ITEM_KIND: Final = "item"
CHARGE_KIND: Final = "charge"
# A printed subtotal of its detail lines (an EXTENDED e-invoice's GROUP row): shown for review, never
# stock, and no money of its own, since its detail lines already carry the amount.
GROUP_KIND: Final = "group"


def is_summed(kind: str) -> bool:
    """Whether a line's amount is part of the lines that add up to the subtotal: a group repeats the
    amounts of its detail lines, so counting it would count them twice."""
    return kind != GROUP_KIND
