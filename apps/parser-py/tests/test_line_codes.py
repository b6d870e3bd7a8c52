"""Which first word of a description is an article code, split out into the SKU."""

from __future__ import annotations

import pytest

from invoice_parser.extract.line_kind import looks_like_code, split_leading_code


@pytest.mark.parametrize("token", ["AB-1234", "PP-80-5", "CU10-DRCD", "M8x40-Z", "X-2000"])
def test_codes(token: str) -> None:
    assert looks_like_code(token)


@pytest.mark.parametrize("token", ["4-Fahrten-Karte", "2-Wege-Ventil", "2.5mm", "Widget", "12"])
def test_words_and_measurements_are_no_codes(token: str) -> None:
    assert not looks_like_code(token)


def test_a_compound_word_with_a_number_stays_in_the_description() -> None:
    assert split_leading_code("4-Fahrten-Karte Berlin AB") == (None, "4-Fahrten-Karte Berlin AB")
