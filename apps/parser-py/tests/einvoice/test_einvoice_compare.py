"""compare_with_printed: EINVOICE_PRINTED_MISMATCH warnings between the XML and the page."""

from __future__ import annotations

import copy
from typing import Any

from einvoice_samples import CII_SUB_LINES, CII_WITH_CHARGES

from invoice_parser.einvoice import compare_with_printed, counterparts, parse_result_pieces, read_einvoice


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


def _sub_lines_result() -> dict[str, Any]:
    """Drucker, Toner, the group row "Summe Hardware", Werkzeugset, Zange (an INFORMATION row)."""
    return parse_result_pieces(read_einvoice(CII_SUB_LINES))


def _printed_without_skus(result: dict[str, Any], keep: Any) -> dict[str, Any]:
    """The page as a reading without article numbers gives it: the lines kept, all as items."""
    printed = copy.deepcopy(result)
    printed["lines"] = [{**line, "kind": "item", "sku": None} for line in printed["lines"] if keep(line)]
    return printed


def test_group_rows_the_page_reading_left_out_are_no_disagreement() -> None:
    # The printed-page reader takes subtotal rows for what they are and leaves them out; in-order
    # pairing of the XML's lines, groups included, would pair Werkzeugset with Summe Hardware.
    xml = _sub_lines_result()
    printed = _printed_without_skus(xml, lambda line: line["kind"] == "item")

    assert compare_with_printed(xml, printed) == []


def test_group_rows_the_page_reading_took_for_items_pair_with_the_xml_groups() -> None:
    # Arrange: the subtotal row read as one more item, and its printed amount differing
    xml = _sub_lines_result()
    printed = _printed_without_skus(xml, lambda line: True)
    printed["lines"][2]["lineTotal"] = "705.00"

    # Act
    warnings = compare_with_printed(xml, printed)

    # Assert: no item line is paired with the subtotal row, and the counts agree
    assert warnings == [
        {
            "code": "EINVOICE_PRINTED_MISMATCH",
            "message": "line 2 lineTotal: the e-invoice says 750.00, the printed page 705.00",
            "field": "lineTotal",
            "details": {"eInvoice": "750.00", "printed": "705.00"},
            "lineIndex": 2,
        }
    ]


def test_a_printed_group_line_pairs_with_the_xml_group() -> None:
    xml = _sub_lines_result()
    printed = copy.deepcopy(xml)

    pairs = counterparts(xml["lines"], printed["lines"])

    assert [(ours["index"], theirs["index"], theirs["kind"]) for ours, theirs in pairs] == [
        (0, 0, "item"),
        (1, 1, "item"),
        (2, 2, "group"),
        (3, 3, "item"),
        (4, 4, "item"),
    ]


def test_an_item_missing_from_a_page_with_group_rows_is_still_counted() -> None:
    xml = _sub_lines_result()
    printed = _printed_without_skus(xml, lambda line: line["kind"] == "item" and line["index"] != 3)

    warnings = compare_with_printed(xml, printed)

    assert warnings[-1] == {
        "code": "EINVOICE_PRINTED_MISMATCH",
        "message": "item line counts differ",
        "field": "lines",
        "details": {"eInvoice": 4, "printed": 3},
    }
