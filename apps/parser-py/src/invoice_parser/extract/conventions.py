"""Per-document number and date conventions: which separator is decimal, and whether 06/07/2026 is
June 7 (US) or 6 July. Decided once from the whole document, since a single figure often cannot tell."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from invoice_parser.extract.keywords import contains_phrase, normalize
from invoice_parser.extract.numbers import DecimalSeparator, is_ambiguous, separator_evidence
from invoice_parser.extract.words import PageText

# Words that mark a document written where the comma is the decimal separator.
_COMMA_LANGUAGE_WORDS = (
    "rechnung",
    "mwst",
    "ust",
    "menge",
    "betrag",
    "gesamt",
    "facture",
    "tva",
    "montant",
    "quantite",
    "prix",
)


@dataclass(frozen=True)
class Conventions:
    decimal_separator: DecimalSeparator
    month_first: bool
    # True when no figure proved the separator but some figure depended on it ("1.234").
    separator_guessed: bool


def decide_conventions(pages: Sequence[PageText]) -> Conventions:
    texts = [word.text for page in pages for word in page.words]
    votes = {".": 0, ",": 0}
    for text in texts:
        evidence = separator_evidence(text)
        if evidence is not None:
            votes[evidence] += 1
    comma_language = contains_phrase(normalize(" ".join(texts[:400])), _COMMA_LANGUAGE_WORDS) is not None
    separator: DecimalSeparator
    if votes["."] != votes[","]:
        separator = "." if votes["."] > votes[","] else ","
    else:
        separator = "," if comma_language else "."
    guessed = votes["."] == votes[","] and any(is_ambiguous(text) for text in texts)
    dollar = any("$" in text or text == "USD" for text in texts)
    proven = _slashed_date_order(texts)
    month_first = proven if proven is not None else dollar and separator == "."
    return Conventions(separator, month_first=month_first, separator_guessed=guessed)


# A slashed date: 03/11/2017, 11-03-2017. Dotted dates are always day-first and say nothing here.
_SLASHED_DATE = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$")


def _slashed_date_order(texts: Sequence[str]) -> bool | None:
    """True (month first) or False (day first) when a slashed date on the page can only be read one
    way (12/25/2026, 25/12/2026) and none contradicts it; None when every one is ambiguous."""
    month_first_seen = day_first_seen = False
    for text in texts:
        match = _SLASHED_DATE.match(text)
        if match is None:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        day_first_seen |= 12 < first <= 31 and 1 <= second <= 12
        month_first_seen |= 12 < second <= 31 and 1 <= first <= 12
    if month_first_seen == day_first_seen:
        return None
    return month_first_seen
