"""Every generated invoice reads back exactly as its truth file says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import INVOICE_NAMES
from helpers import parse_file

LINE_FIELDS = ("sku", "description", "quantity", "unitPrice", "lineTotal", "kind")


@pytest.mark.parametrize("name", INVOICE_NAMES)
def test_lines_equal_the_truth(fixtures_dir: Path, name: str) -> None:
    truth = json.loads((fixtures_dir / f"{name}.truth.json").read_text(encoding="utf-8"))

    result = parse_file(fixtures_dir / f"{name}.pdf")

    assert [{key: line[key] for key in LINE_FIELDS} for line in result["lines"]] == truth["lines"]


@pytest.mark.parametrize("name", INVOICE_NAMES)
def test_header_equals_the_truth(fixtures_dir: Path, name: str) -> None:
    truth = json.loads((fixtures_dir / f"{name}.truth.json").read_text(encoding="utf-8"))["invoice"]

    invoice = parse_file(fixtures_dir / f"{name}.pdf")["invoice"]

    assert {
        "number": invoice["number"],
        "date": invoice["date"],
        "currency": invoice["currency"],
        "supplierName": invoice["supplier"]["name"],
        "total": invoice["totals"]["total"],
    } == truth


@pytest.mark.parametrize("name", INVOICE_NAMES)
def test_printed_figures_reconcile(fixtures_dir: Path, name: str) -> None:
    result = parse_file(fixtures_dir / f"{name}.pdf")

    assert result["warnings"] == []
    assert {check["status"] for check in result["checks"]} == {"pass"}


def test_a_letter_is_no_invoice(fixtures_dir: Path) -> None:
    result = parse_file(fixtures_dir / "letter.pdf")

    assert result["lines"] == []
    codes = [warning["code"] for warning in result["warnings"]]
    assert codes[:2] == ["NO_LINES_FOUND", "NOT_AN_INVOICE"]
