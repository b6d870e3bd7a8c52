"""The e-invoice checked against its own totals (the EN 16931 calculation rules BR-CO-10 to
BR-CO-15 and the line net amount of BT-131).

The XML is the source of truth, so a failed check changes no value: it becomes a warning, which
matters most where the reader derived a value (a line amount, a percentage allowance) that the
document's own totals can confirm.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from invoice_parser.diagnostics import (
    LINE_ARITHMETIC_MISMATCH,
    SUBTOTAL_MISMATCH,
    TOTAL_MISMATCH,
    ParseWarning,
)
from invoice_parser.einvoice.derivations import MONEY_STEP
from invoice_parser.einvoice.model import INFORMATION, EInvoice, EInvoiceLine
from invoice_parser.reconcile import Check

# The check names of the contract (parse-result.schema.json), shared with the printed reading.
LINE_CHECK = "line-arithmetic"
LINES_SUM_CHECK = "lines-sum-subtotal"
TOTAL_CHECK = "subtotal-tax-total"

_WARNING_OF = {
    LINE_CHECK: LINE_ARITHMETIC_MISMATCH,
    LINES_SUM_CHECK: SUBTOTAL_MISMATCH,
    TOTAL_CHECK: TOTAL_MISMATCH,
}
_WHAT = {
    LINE_CHECK: "quantity x net price / price basis quantity + line charges - line allowances "
    "differs from the line net amount",
    LINES_SUM_CHECK: "the line net amounts plus charges minus allowances differ from the tax basis",
    TOTAL_CHECK: "tax basis + tax differs from the grand total",
}


def check_arithmetic(einvoice: EInvoice) -> tuple[list[Check], list[ParseWarning]]:
    """Checks and the warnings of the failed ones. einvoice.lines[i] is the result's line i
    (result_pieces.lines_json); a GROUP row's own quantity x price is checked like any line's."""
    try:
        checks = [
            check
            for index, line in enumerate(einvoice.lines)
            if (check := _line_check(line, index)) is not None
        ]
        checks.extend(_document_checks(einvoice))
    except InvalidOperation:
        # Amounts with more digits than decimal arithmetic carries: no check can be made of them.
        return [], []
    return checks, [_warning(check) for check in checks if check.status == "fail"]


def _line_check(line: EInvoiceLine, index: int) -> Check | None:
    if line.quantity is None or line.net_price is None or line.line_total is None:
        return None
    basis = line.price_basis_quantity or Decimal(1)
    exact = line.quantity * line.net_price / basis + line.charge_total - line.allowance_total
    # EN 16931 has no rule tying BT-131 to the price exactly: producers compute the amount from
    # an unrounded price and state the price rounded. The amount is held to what the stated
    # price's own rounding (and the amount's) can explain.
    tolerance = abs(line.quantity) * _half_step(line.net_price) / abs(basis) + _half_step(line.line_total)
    status = "pass" if abs(exact - line.line_total) <= tolerance else "fail"
    expected = exact.quantize(min(MONEY_STEP, 2 * _half_step(line.line_total)), rounding=ROUND_HALF_UP)
    return Check(LINE_CHECK, status, index, expected, line.line_total)


def _half_step(value: Decimal) -> Decimal:
    """Half a unit in the last place the value is written with, at least half a cent."""
    exponent = value.as_tuple().exponent
    step = Decimal(1).scaleb(exponent) if isinstance(exponent, int) else MONEY_STEP
    return min(step, MONEY_STEP) / 2 if step >= MONEY_STEP else step / 2


def _document_checks(einvoice: EInvoice) -> list[Check]:
    totals = einvoice.totals
    checks: list[Check] = []
    # GROUP rows repeat the sum of their DETAIL rows (nested groups included); INFORMATION rows
    # count for nothing.
    items = [
        line for line in einvoice.lines if line.status_reason != INFORMATION and not line.is_group_subtotal
    ]
    basis = _stated_tax_basis(einvoice)
    if items and basis is not None and all(line.line_total is not None for line in items):
        lines_sum = sum((line.line_total or Decimal(0) for line in items), Decimal(0))
        charges = sum((charge.signed_amount for charge in einvoice.charges), Decimal(0))
        checks.append(_compare(LINES_SUM_CHECK, lines_sum + charges, basis))
    if basis is not None and totals.grand_total is not None:
        checks.append(_compare(TOTAL_CHECK, basis + (totals.tax or Decimal(0)), totals.grand_total))
    return checks


def _stated_tax_basis(einvoice: EInvoice) -> Decimal | None:
    """BT-109, or what BT-106 + BT-108 - BT-107 make of it when the document leaves it out."""
    totals = einvoice.totals
    if totals.tax_basis is not None or totals.line_total is None:
        return totals.tax_basis
    return totals.line_total + (totals.charges or Decimal(0)) - (totals.allowances or Decimal(0))


def _compare(name: str, expected: Decimal, actual: Decimal, line_index: int | None = None) -> Check:
    return Check(name, "pass" if expected == actual else "fail", line_index, expected, actual)


def _warning(check: Check) -> ParseWarning:
    where = "" if check.line_index is None else f"line {check.line_index}: "
    what = _WHAT[check.name]
    return ParseWarning(
        _WARNING_OF[check.name],
        f"{where}{what} in the e-invoice (expected {check.expected}, stated {check.actual})",
        line_index=check.line_index,
        details={"check": check.name, "expected": str(check.expected), "stated": str(check.actual)},
    )
