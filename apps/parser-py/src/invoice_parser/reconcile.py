"""Arithmetic checks of the printed figures. A failed check becomes a warning; values are never changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from invoice_parser.diagnostics import (
    LINE_ARITHMETIC_MISMATCH,
    SUBTOTAL_MISMATCH,
    TOTAL_MISMATCH,
    ParseWarning,
)
from invoice_parser.extract.line_arithmetic import expected_line_total, line_closes, unit_of
from invoice_parser.extract.numbers import format_decimal
from invoice_parser.extract.table import TableLine
from invoice_parser.line_kinds import is_summed


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # pass | fail | skipped
    line_index: int | None = None
    expected: Decimal | None = None
    actual: Decimal | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "status": self.status}
        if self.line_index is not None:
            out["lineIndex"] = self.line_index
        if self.status != "skipped":
            out["expected"] = None if self.expected is None else format_decimal(self.expected)
            out["actual"] = None if self.actual is None else format_decimal(self.actual)
        return out


def reconcile(
    lines: Sequence[TableLine], totals: dict[str, Decimal], after_subtotal: Decimal = Decimal(0)
) -> tuple[list[Check], list[ParseWarning]]:
    """after_subtotal: the charges printed below the subtotal (shipping between subtotal and total),
    which the subtotal leaves out and the total includes."""
    checks = [check for index, line in enumerate(lines) if (check := _line_check(index, line)) is not None]
    checks.append(_lines_sum_check(lines, totals, after_subtotal))
    checks.append(_total_check(totals, after_subtotal))
    return checks, [_warning_for(check) for check in checks if check.status == "fail"]


def _line_check(index: int, line: TableLine) -> Check | None:
    values = line.values
    if values.quantity is None or values.unit_price is None or values.line_total is None:
        return None
    arguments = (values.quantity, values.unit_price, values.discount, values.discount_is_percent)
    expected = expected_line_total(*arguments).quantize(unit_of(values.line_total))
    status = (
        "pass"
        if line_closes(values.quantity, values.unit_price, values.line_total, *arguments[2:])
        else "fail"
    )
    return Check("line-arithmetic", status, index, expected, values.line_total)


def _lines_sum_check(
    lines: Sequence[TableLine], totals: dict[str, Decimal], after_subtotal: Decimal
) -> Check:
    subtotal = totals.get("subtotal")
    # A group row repeats the sum of its detail lines, which are counted already.
    counted = [line for line in lines if is_summed(line.kind)]
    if subtotal is None or not counted:
        return Check("lines-sum-subtotal", "skipped")
    summed = sum((line.values.line_total or Decimal(0) for line in counted), Decimal(0)) - after_subtotal
    return Check("lines-sum-subtotal", "pass" if summed == subtotal else "fail", None, subtotal, summed)


def _total_check(totals: dict[str, Decimal], after_subtotal: Decimal) -> Check:
    subtotal, tax, total = totals.get("subtotal"), totals.get("tax"), totals.get("total")
    if subtotal is None or total is None:
        return Check("subtotal-tax-total", "skipped")
    summed = subtotal + after_subtotal + (tax or Decimal(0))
    return Check("subtotal-tax-total", "pass" if summed == total else "fail", None, total, summed)


_WARNINGS = {
    "line-arithmetic": (LINE_ARITHMETIC_MISMATCH, "quantity x unit price differs from the line total"),
    "lines-sum-subtotal": (SUBTOTAL_MISMATCH, "the line totals do not add up to the subtotal"),
    "subtotal-tax-total": (TOTAL_MISMATCH, "subtotal (+ charges below it) + tax differs from the total"),
}


def _warning_for(check: Check) -> ParseWarning:
    code, message = _WARNINGS[check.name]
    details = {
        "expected": None if check.expected is None else format_decimal(check.expected),
        "actual": None if check.actual is None else format_decimal(check.actual),
    }
    return ParseWarning(code, message, line_index=check.line_index, details=details)
