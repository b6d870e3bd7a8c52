"""Document-wide conventions: which numeric date order a page uses, proven by its unambiguous dates."""

from __future__ import annotations

import pytest

from invoice_parser.extract.conventions import decide_conventions
from invoice_parser.extract.words import PageText, Word


def _page(*texts: str) -> PageText:
    words = tuple(
        Word(text=text, x0=10.0 * i, top=0.0, x1=10.0 * i + 8, bottom=10.0, size=10.0, bold=False)
        for i, text in enumerate(texts)
    )
    return PageText(number=1, width=595, height=842, words=words, vertical_rules=(), horizontal_rules=())


@pytest.mark.parametrize(
    ("texts", "month_first"),
    [
        (("Invoice", "11/03/2017", "Due", "12/13/2017", "EUR"), True),  # 12/13 has no 13th month
        (("Invoice", "11/03/2017", "Due", "13/12/2017", "$"), False),  # even with a dollar sign
        (("Invoice", "11/03/2017", "$", "1,234.50"), True),  # nothing proven: the dollar decides
        (("Rechnung", "11/03/2017", "1.234,50"), False),
        (("Date", "12/13/2017", "13/12/2017"), False),  # contradictory: no proof, no dollar
    ],
)
def test_an_unambiguous_slashed_date_decides_the_order(texts: tuple[str, ...], month_first: bool) -> None:
    assert decide_conventions([_page(*texts)]).month_first is month_first
