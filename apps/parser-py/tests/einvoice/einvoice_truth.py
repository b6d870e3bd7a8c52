"""Differences between a ParseResult and an e-invoice ground truth (*.gt.json, the format of
../shared/corpus/README.md): every line the XML states and the header totals, compared exactly.

Numbers compare as decimals ("11718.8" equals "11718.80"); a key missing from the truth, or null,
is unknown there and not compared. EXTENDED GROUP rows are printed subtotals of their DETAIL rows:
a ParseResult keeps them in the XML's order as lines of kind "group", its other lines as items.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

_LINE_FIELDS = (
    # (truth key, result key, compared as a number)
    ("quantity", "quantity", True),
    ("unitPrice", "unitPrice", True),
    ("lineTotal", "lineTotal", True),
    ("unitCode", "unit", False),
    ("taxRate", "taxRate", True),
    ("description", "description", False),
)
_TOTALS = (("net", "subtotal"), ("tax", "tax"), ("gross", "total"))
_CREDIT_TYPE_CODES = frozenset({"81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532"})


def differences(truth: dict[str, Any], result: dict[str, Any]) -> list[str]:
    """Human-readable differences; an empty list when the result reads the truth exactly."""
    found: list[str] = []
    if result.get("extraction", {}).get("method") != "e-invoice":
        found.append(f"extraction is {result.get('extraction')}, not the e-invoice")
    invoice = result.get("invoice", {})
    for key, value in (("number", truth.get("invoiceNumber")), ("date", truth.get("issueDate"))):
        if value is not None and invoice.get(key) != value:
            found.append(f"{key}: {invoice.get(key)!r} != {value!r}")
    if truth.get("currency") and invoice.get("currency") != truth["currency"]:
        found.append(f"currency: {invoice.get('currency')!r} != {truth['currency']!r}")
    if truth.get("typeCode") in _CREDIT_TYPE_CODES and invoice.get("documentType") != "credit-note":
        found.append(f"documentType {invoice.get('documentType')} for type code {truth['typeCode']}")
    totals = invoice.get("totals", {})
    for truth_key, result_key in _TOTALS:
        expected = (truth.get("totals") or {}).get(truth_key)
        if expected is not None and not _same_number(totals.get(result_key), expected):
            found.append(f"totals.{result_key}: {totals.get(result_key)!r} != {expected!r}")
    found.extend(_line_differences(truth, result))
    return found


def _line_differences(truth: dict[str, Any], result: dict[str, Any]) -> list[str]:
    expected = truth.get("lines") or []
    # Document charges follow the XML's lines; the truth lists them apart (nonItemLines).
    lines = [line for line in result.get("lines", []) if line["kind"] != "charge"]
    if not expected:
        return []
    if len(lines) != len(expected):
        return [f"{len(lines)} item and group lines, the truth has {len(expected)}"]
    found: list[str] = []
    for position, (want, got) in enumerate(zip(expected, lines, strict=True)):
        kind = "group" if want.get("lineStatusReasonCode") == "GROUP" else "item"
        if got["kind"] != kind:
            found.append(f"line {position} kind: {got['kind']!r} != {kind!r}")
        for truth_key, result_key, numeric in _LINE_FIELDS:
            value = want.get(truth_key)
            if value is None:
                continue
            same = _same_number(got.get(result_key), value) if numeric else got.get(result_key) == value
            if not same:
                found.append(f"line {position} {result_key}: {got.get(result_key)!r} != {value!r}")
        sku = want.get("sku") or want.get("buyerAssignedId") or want.get("globalId")
        if sku is not None and got.get("sku") != sku:
            found.append(f"line {position} sku: {got.get('sku')!r} != {sku!r}")
    return found


def _same_number(text: str | None, expected: str) -> bool:
    return text is not None and Decimal(text) == Decimal(expected)
