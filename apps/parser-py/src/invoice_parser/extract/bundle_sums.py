"""Bundle (group) rows that print the sum of the component rows below them.

Sub-line invoices print a kit or bundle ("Coffee display", qty 2, 216.00) followed by its components
(30.00 + 60.00 + 126.00), and only the components count towards the subtotal. Such a row is a
subtotal in the shape of an item: it is left out, like a "Subtotal hardware" row, but only when the
printed subtotal proves it, i.e. when leaving out exactly the rows that sum their followers makes the
lines add up to the subtotal. Otherwise every row stays and the reconciliation flags the difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from invoice_parser.extract.table import TableLine


def without_bundle_sums(lines: Sequence[TableLine], subtotal: Decimal | None) -> list[TableLine]:
    totals = [line.values.line_total or Decimal(0) for line in lines]
    if subtotal is None or sum(totals, Decimal(0)) == subtotal:
        return list(lines)
    bundles = [i for i in range(len(lines)) if lines[i].kind == "item" and _sums_its_followers(totals, i)]
    kept = [line for i, line in enumerate(lines) if i not in bundles]
    if not bundles or sum((totals[i] for i in range(len(lines)) if i not in bundles), Decimal(0)) != subtotal:
        return list(lines)
    return kept


def _sums_its_followers(totals: Sequence[Decimal], i: int) -> bool:
    """Whether totals[i] equals the sum of two or more rows right after it."""
    running = Decimal(0)
    for j in range(i + 1, len(totals)):
        running += totals[j]
        if running == totals[i] and j > i + 1:
            return True
        if abs(running) > abs(totals[i]):
            return False
    return False
