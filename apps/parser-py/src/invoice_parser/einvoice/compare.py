"""compare_with_printed: where the embedded e-invoice and the printed page disagree.

The XML is what the issuer meant and the page is what the operator sees; a disagreement is worth
a warning on the e-invoice result, not a correction. A value the printed-page reader did not find
is no disagreement: its absence is that reader's own concern.

Group lines (the printed subtotals of an EXTENDED e-invoice's detail lines) are compared only with
a printed row that stands for them: a page reading that leaves the subtotal rows out (as a reading
of section and subtotal rows does) lacks nothing, and one that took them for items does not pair
them with the detail items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from invoice_parser.diagnostics import EINVOICE_PRINTED_MISMATCH
from invoice_parser.line_kinds import CHARGE_KIND, GROUP_KIND, ITEM_KIND

Line = dict[str, Any]


def compare_with_printed(
    einvoice_result: dict[str, Any], printed_result: dict[str, Any]
) -> list[dict[str, Any]]:
    """EINVOICE_PRINTED_MISMATCH warnings (ParseWarning JSON) for the invoice number, the total and
    each item (and paired group) line's quantity and line total. Lines pair up as counterparts
    says."""
    xml_invoice, printed_invoice = einvoice_result["invoice"], printed_result["invoice"]
    warnings: list[dict[str, Any]] = []
    number, printed_number = xml_invoice.get("number"), printed_invoice.get("number")
    if number is not None and printed_number is not None and _key(number) != _key(printed_number):
        warnings.append(_warning("number", number, printed_number))
    total = xml_invoice["totals"].get("total")
    printed_total = printed_invoice["totals"].get("total")
    if _differ(total, printed_total):
        warnings.append(_warning("totals.total", total, printed_total))
    xml_lines, printed_lines = einvoice_result["lines"], printed_result["lines"]
    for xml_line, printed_line in counterparts(xml_lines, printed_lines):
        if xml_line["kind"] == CHARGE_KIND:
            continue
        for field in ("quantity", "lineTotal"):
            if _differ(xml_line.get(field), printed_line.get(field)):
                warnings.append(
                    _warning(field, xml_line.get(field), printed_line.get(field), xml_line["index"])
                )
    xml_items, printed_items = _of_kind(xml_lines, ITEM_KIND), _of_kind(printed_lines, ITEM_KIND)
    if (
        printed_items
        and len(printed_items) != len(xml_items)
        and not _groups_read_as_items(xml_lines, printed_lines)
    ):
        warnings.append(
            _warning("lines", len(xml_items), len(printed_items), message="item line counts differ")
        )
    return warnings


def counterparts(xml_lines: Sequence[Line], printed_lines: Sequence[Line]) -> list[tuple[Line, Line]]:
    """Each XML line with the printed line it stands for, kind by kind, in the XML's order. A page
    reading with exactly one more item per XML group took the subtotal rows for items: then the
    XML's items and groups together pair with the printed items, so that no detail item is paired
    with a subtotal row (pairing in order would shift every line after the first subtotal)."""
    xml_items, xml_groups = _of_kind(xml_lines, ITEM_KIND), _of_kind(xml_lines, GROUP_KIND)
    printed_items = _of_kind(printed_lines, ITEM_KIND)
    if _groups_read_as_items(xml_lines, printed_lines):
        pairs = pair_lines(_in_order([*xml_items, *xml_groups]), printed_items)
    else:
        pairs = pair_lines(xml_items, printed_items)
        pairs += pair_lines(xml_groups, _of_kind(printed_lines, GROUP_KIND))
    pairs += pair_lines(_of_kind(xml_lines, CHARGE_KIND), _of_kind(printed_lines, CHARGE_KIND))
    return sorted(pairs, key=lambda pair: int(pair[0]["index"]))


def _groups_read_as_items(xml_lines: Sequence[Line], printed_lines: Sequence[Line]) -> bool:
    xml_groups = _of_kind(xml_lines, GROUP_KIND)
    if not xml_groups or _of_kind(printed_lines, GROUP_KIND):
        return False
    printed_items = _of_kind(printed_lines, ITEM_KIND)
    return len(printed_items) == len(_of_kind(xml_lines, ITEM_KIND)) + len(xml_groups)


def _of_kind(lines: Sequence[Line], kind: str) -> list[Line]:
    return [line for line in lines if line["kind"] == kind]


def _in_order(lines: Sequence[Line]) -> list[Line]:
    return sorted(lines, key=lambda line: int(line["index"]))


def pair_lines(xml_lines: Sequence[Line], printed_lines: Sequence[Line]) -> list[tuple[Line, Line]]:
    """Each XML line with the printed line it stands for: by SKU first, then in order."""
    unmatched_printed = list(printed_lines)
    by_sku: list[tuple[Line, Line]] = []
    unmatched_xml: list[Line] = []
    for xml_line in xml_lines:
        sku = xml_line.get("sku")
        partner = next(
            (
                line
                for line in unmatched_printed
                if sku and line.get("sku") and _key(line["sku"]) == _key(sku)
            ),
            None,
        )
        if partner is None:
            unmatched_xml.append(xml_line)
        else:
            unmatched_printed.remove(partner)
            by_sku.append((xml_line, partner))
    # What no SKU pairs is paired in reading order: both list the lines as the invoice does.
    by_order = list(zip(unmatched_xml, unmatched_printed, strict=False))
    return sorted(by_sku + by_order, key=lambda pair: int(pair[0]["index"]))


def _key(text: str) -> str:
    """Spacing and case are typesetting, not content: "RE 2024/17" equals "re2024/17"."""
    return re.sub(r"\s+", "", text).casefold()


def _differ(xml_value: str | None, printed_value: str | None) -> bool:
    if xml_value is None or printed_value is None:
        return False
    return _decimal(xml_value) != _decimal(printed_value)


def _decimal(text: str) -> Decimal | str:
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def _warning(
    field: str,
    xml_value: object,
    printed_value: object,
    line_index: int | None = None,
    message: str | None = None,
) -> dict[str, Any]:
    where = f"line {line_index} {field}" if line_index is not None else field
    warning: dict[str, Any] = {
        "code": EINVOICE_PRINTED_MISMATCH,
        "message": message or f"{where}: the e-invoice says {xml_value}, the printed page {printed_value}",
        "field": field,
        "details": {"eInvoice": xml_value, "printed": printed_value},
    }
    if line_index is not None:
        warning["lineIndex"] = line_index
    return warning
