"""The issuer named in the page's imprint: the footer line that gives a company's name with its legal
form beside the identifiers only an issuer prints about itself (an IBAN, a VAT number). It decides
the supplier when the top of the page names no company, as when the letterhead is a logo."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from invoice_parser.extract.keywords import normalize
from invoice_parser.extract.legal_forms import is_legal_form_text
from invoice_parser.extract.rows import Row, join_words
from invoice_parser.extract.words import Word

# The shapes of an IBAN and of an EU VAT number: structure, not any language's words for them.
_IBAN: Final = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")
_VAT_ID: Final = re.compile(r"^(?:[A-Z]{2}\d{8,12}(?:B\d{2})?|[A-Z]{2}[0-9A-Z]{2}\d{7,10})$")
# The imprint is printed in this lower fraction of the page.
IMPRINT_HEIGHT_RATIO: Final = 0.2
# A company's name is at most this many words before its legal form.
_MAX_NAME_WORDS: Final = 6


def imprint_issuer(rows: Sequence[Row], page_height: float) -> tuple[str, tuple[Word, ...]] | None:
    """(name, its words) of the first company named with its legal form on a footer row that also
    prints an IBAN or a VAT number, or None."""
    for row in rows:
        if row.top < page_height * (1 - IMPRINT_HEIGHT_RATIO) or not _identifies_issuer(row):
            continue
        named = _leading_company(row.words)
        if named is not None:
            return named
    return None


def _identifies_issuer(row: Row) -> bool:
    tokens = [word.text.strip(".,;:()") for word in row.words]
    return any(_IBAN.match(token) or _VAT_ID.match(token) for token in tokens)


def _leading_company(words: Sequence[Word]) -> tuple[str, tuple[Word, ...]] | None:
    """The words from the row's start up to and including a legal form, when a name precedes it;
    a separator ("·", "|") or a figure ends the search."""
    for end in range(2, min(len(words), _MAX_NAME_WORDS) + 1):
        if words[end - 1].text in _SEPARATORS or any(char.isdigit() for char in words[end - 1].text):
            return None
        for start in range(1, end):
            if is_legal_form_text(normalize(join_words(words[start:end]))):
                name_words = tuple(words[:end])
                return join_words(name_words), name_words
    return None


_SEPARATORS: Final = frozenset({"·", "•", "|", "-", "\u2013"})
