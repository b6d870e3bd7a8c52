"""compare_with_printed: EINVOICE_PRINTED_MISMATCH warnings between the XML and the page."""

from __future__ import annotations

import copy
from typing import Any

from einvoice_samples import CII_WITH_CHARGES

from invoice_parser.einvoice import compare_with_printed, parse_result_pieces, read_einvoice


def _xml_result() -> dict[str, Any]:
    return parse_result_pieces(read_einvoice(CII_WITH_CHARGES))


def test_agreement_gives_no_warning() -> None:
    printed = copy.deepcopy(_xml_result())
    printed["invoice"]["number"] = "re-2025- 001"  # spacing and case are typesetting
    printed["invoice"]["totals"]["total"] = "91.510"

    assert compare_with_printed(_xml_result(), printed) == []


def test_number_total_and_line_values_that_differ_are_reported() -> None:
    printed = copy.deepcopy(_xml_result())
    printed["invoice"]["number"] = "RE-2025-007"
    printed["invoice"]["totals"]["total"] = "91.15"
    printed["lines"][1]["quantity"] = "1"

    assert compare_with_printed(_xml_result(), printed) == [
        {
            "code": "EINVOICE_PRINTED_MISMATCH",
            "message": "number: the e-invoice says RE-2025-001, the printed page RE-2025-007",
            "field": "number",
            "details": {"eInvoice": "RE-2025-001", "printed": "RE-2025-007"},
        },
        {
            "code": "EINVOICE_PRINTED_MISMATCH",
            "message": "totals.total: the e-invoice says 91.51, the printed page 91.15",
            "field": "totals.total",
            "details": {"eInvoice": "91.51", "printed": "91.15"},
        },
        {
            "code": "EINVOICE_PRINTED_MISMATCH",
            "message": "line 1 quantity: the e-invoice says 100, the printed page 1",
            "field": "quantity",
            "details": {"eInvoice": "100", "printed": "1"},
            "lineIndex": 1,
        },
    ]


def test_lines_pair_by_sku_before_order() -> None:
    printed = copy.deepcopy(_xml_result())
    first, second = printed["lines"][0], printed["lines"][1]
    printed["lines"][0:2] = [second, first]
    first["lineTotal"] = "31.00"

    assert compare_with_printed(_xml_result(), printed) == [
        {
            "code": "EINVOICE_PRINTED_MISMATCH",
            "message": "line 0 lineTotal: the e-invoice says 30.00, the printed page 31.00",
            "field": "lineTotal",
            "details": {"eInvoice": "30.00", "printed": "31.00"},
            "lineIndex": 0,
        }
    ]


def test_lines_without_sku_pair_in_order_and_a_missing_line_is_counted() -> None:
    printed = copy.deepcopy(_xml_result())
    for line in printed["lines"]:
        line["sku"] = None
    del printed["lines"][1]

    assert compare_with_printed(_xml_result(), printed) == [
        {
            "code": "EINVOICE_PRINTED_MISMATCH",
            "message": "item line counts differ",
            "field": "lines",
            "details": {"eInvoice": 2, "printed": 1},
        }
    ]


def test_values_the_page_reader_did_not_find_are_no_disagreement() -> None:
    printed = copy.deepcopy(_xml_result())
    printed["invoice"]["number"] = None
    printed["invoice"]["totals"]["total"] = None
    printed["lines"] = []

    assert compare_with_printed(_xml_result(), printed) == []
