"""How far the printed figures prove each line, from the checks the reconciliation ran: a line whose
own arithmetic closes, in a table whose lines add up to the printed subtotal or total, is proven twice;
the operator's eye belongs on the lines proven by neither."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from invoice_parser.extract.table import TableLine
from invoice_parser.reconcile import Check

Confidence = Literal["high", "medium", "low"]


def line_confidences(
    lines: Sequence[TableLine], checks: Sequence[Check], totals: dict[str, Decimal]
) -> list[Confidence]:
    closes = {check.line_index: check.status == "pass" for check in checks if check.name == "line-arithmetic"}
    summed = _lines_add_up(lines, checks, totals)
    return [_confidence(closes.get(index), summed) for index in range(len(lines))]


def _lines_add_up(lines: Sequence[TableLine], checks: Sequence[Check], totals: dict[str, Decimal]) -> bool:
    status = next((check.status for check in checks if check.name == "lines-sum-subtotal"), "skipped")
    if status != "skipped":
        return status == "pass"
    # No subtotal printed: the lines may add up to the total itself (an invoice without tax).
    summed = sum((line.values.line_total or Decimal(0) for line in lines), Decimal(0))
    return bool(lines) and totals.get("total") == summed


def _confidence(own_arithmetic: bool | None, lines_add_up: bool) -> Confidence:
    """own_arithmetic: True when quantity x price = total, False when it does not, None when the page
    prints no quantity or price to check."""
    if own_arithmetic is True and lines_add_up:
        return "high"
    if own_arithmetic is True or lines_add_up:
        return "medium"
    return "low"
