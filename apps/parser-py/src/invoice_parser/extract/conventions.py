"""Per-document number and date conventions: which separator is decimal, and whether 06/07/2026 is
June 7 (US) or 6 July. Decided once from the whole document, since a single figure often cannot tell."""

from __future__ import annotations

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
    return Conventions(separator, month_first=dollar and separator == ".", separator_guessed=guessed)
