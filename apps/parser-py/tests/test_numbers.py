"""Printed numbers to Decimal in every supported notation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from invoice_parser.extract.numbers import format_decimal, is_ambiguous, parse_number, separator_evidence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.56", "1234.56"),
        ("1.234,56", "1234.56"),
        ("1 234,56", "1234.56"),
        ("1\u00a0234,56", "1234.56"),
        ("1\u202f234,56", "1234.56"),
        ("1'234.56", "1234.56"),
        ("12.50", "12.50"),
        ("2.5", "2.5"),
        ("0,250", "0.250"),
        ("1.234.567", "1234567"),
        ("€12.50", "12.50"),
        ("12,50 €", "12.50"),
        ("EUR 1.234,00", "1234.00"),
        ("$1,234.56", "1234.56"),
        ("1,234.56 USD", "1234.56"),
        ("-45.50", "-45.50"),
        ("45.50-", "-45.50"),
        ("(45.50)", "-45.50"),
        ("\u221245.50", "-45.50"),
    ],
)
def test_reads_each_notation(text: str, expected: str) -> None:
    value = parse_number(text)

    assert value is not None
    assert format_decimal(value) == expected


@pytest.mark.parametrize("text", ["", "abc", "14.06.2026", "20%", "1.2.3", "12-34", "INV-001"])
def test_rejects_what_is_not_one_number(text: str) -> None:
    assert parse_number(text) is None


def test_ambiguous_form_follows_the_document_separator() -> None:
    assert parse_number("1.234", ".") == Decimal("1.234")
    assert parse_number("1.234", ",") == Decimal("1234")
    assert parse_number("1,234", ",") == Decimal("1.234")
    assert is_ambiguous("1.234")
    assert not is_ambiguous("1.23")


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("12,50", ","),
        ("12.50", "."),
        ("1.234,56", ","),
        ("1,234.56", "."),
        ("1.234.567", ","),
        ("1.234", None),
    ],
)
def test_separator_evidence(text: str, evidence: str | None) -> None:
    assert separator_evidence(text) == evidence
