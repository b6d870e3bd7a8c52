"""Printed dates to ISO 8601."""

from __future__ import annotations

import pytest

from invoice_parser.extract.dates import parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-06-14", "2026-06-14"),
        ("14.06.2026", "2026-06-14"),
        ("14.06.26", "2026-06-14"),
        ("14/06/2026", "2026-06-14"),
        ("06/14/2026", "2026-06-14"),
        ("June 14, 2026", "2026-06-14"),
        ("Jun 14 2026", "2026-06-14"),
        ("14 Jun 2026", "2026-06-14"),
        ("14-Jun-2026", "2026-06-14"),
        ("14. Juni 2026", "2026-06-14"),
        ("3. März 2026", "2026-03-03"),
        ("14 juin 2026", "2026-06-14"),
        ("1er décembre 2026", None),
        ("1 décembre 2026", "2026-12-01"),
        ("Date: 14 août 2026", "2026-08-14"),
    ],
)
def test_reads_each_form(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_ambiguous_slashes_follow_the_document_convention() -> None:
    assert parse_date("07/06/2026", month_first=False) == "2026-06-07"
    assert parse_date("07/06/2026", month_first=True) == "2026-07-06"


def test_dotted_dates_are_always_day_first() -> None:
    assert parse_date("07.06.2026", month_first=True) == "2026-06-07"


@pytest.mark.parametrize("text", ["", "2026-13-01", "31.02.2026", "Invoice 12345"])
def test_rejects_non_dates(text: str) -> None:
    assert parse_date(text) is None
