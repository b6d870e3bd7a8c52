"""The parser's vocabulary tables, composed from one module per language (see extract/vocab), and the
text normalisation they are matched against."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Final

from invoice_parser.extract.vocab.compose import by_role, joined, months, ranked
from invoice_parser.extract.vocab.cs import CZECH
from invoice_parser.extract.vocab.de import GERMAN
from invoice_parser.extract.vocab.en import ENGLISH
from invoice_parser.extract.vocab.es import SPANISH
from invoice_parser.extract.vocab.fi import FINNISH
from invoice_parser.extract.vocab.fr import FRENCH
from invoice_parser.extract.vocab.it import ITALIAN
from invoice_parser.extract.vocab.model import Phrases
from invoice_parser.extract.vocab.neutral import NEUTRAL
from invoice_parser.extract.vocab.nl import DUTCH
from invoice_parser.extract.vocab.roles import Role as Role  # re-exported: importers name it from here

# The composition order, which breaks ties between equal priorities: English, German and French first,
# as the tables listed them before the other languages came; the language-neutral marks last.
LANGUAGES: Final = (ENGLISH, GERMAN, FRENCH, DUTCH, SPANISH, ITALIAN, CZECH, FINNISH, NEUTRAL)

COLUMN_PHRASES: Final[dict[Role, Phrases]] = by_role(language.column_phrases for language in LANGUAGES)

# Totals below the table, each table in the order its labels must be tried (a label's index is its
# rank, lower being more specific); "Total HT" is a subtotal and "Total TVA" a tax because a row is
# tried as a subtotal, then a tax, then a total.
SUBTOTAL_LABELS: Final = ranked([language.subtotal_labels for language in LANGUAGES])
TAX_LABELS: Final = ranked([language.tax_labels for language in LANGUAGES])
TOTAL_LABELS: Final = ranked([language.total_labels for language in LANGUAGES])
# Rows that repeat a running total at a page break; they are neither items nor the end of the table.
CARRY_OVER_PHRASES: Final = joined(language.carry_over_phrases for language in LANGUAGES)
# Of two quantity columns ("Qty ordered", "Qty shipped"), the one invoiced is the one delivered;
# the ordered one is what the buyer asked for, which a back-order leaves unshipped.
DELIVERED_QUANTITY_WORDS: Final = joined(language.delivered_quantity_words for language in LANGUAGES)
ORDERED_QUANTITY_WORDS: Final = joined(language.ordered_quantity_words for language in LANGUAGES)
CHARGE_WORDS: Final = joined(language.charge_words for language in LANGUAGES)
INVOICE_WORDS: Final = joined(language.invoice_words for language in LANGUAGES)
INVOICE_NUMBER_LABELS: Final = ranked([language.invoice_number_labels for language in LANGUAGES])
# Bare "No." / "Number" labels, trusted only when no invoice-specific label or title names the number.
GENERIC_NUMBER_LABELS: Final = ranked([language.generic_number_labels for language in LANGUAGES])
# Field labels inside a party block ("Seller / Name: ACME GmbH").
PARTY_NAME_LABELS: Final = joined(language.party_name_labels for language in LANGUAGES)
# A table row whose description starts so sums the lines above it (a group or section total), even
# when it prints a quantity of 1 and a unit price like an item.
INTERIM_TOTAL_LABELS: Final = joined(language.interim_total_labels for language in LANGUAGES)
# Words after a totals label that make it some other total ("Gesamtbetrag der Zuschläge").
OTHER_TOTAL_QUALIFIERS: Final = joined(language.other_total_qualifiers for language in LANGUAGES)
INVOICE_DATE_LABELS: Final = ranked([language.invoice_date_labels for language in LANGUAGES])
# Dates that are printed near the invoice date but are not it.
OTHER_DATE_LABELS: Final = joined(language.other_date_labels for language in LANGUAGES)
SUPPLIER_LABELS: Final = joined(language.supplier_labels for language in LANGUAGES)
BUYER_LABELS: Final = joined(language.buyer_labels for language in LANGUAGES)
BUYER_ID_WORDS: Final = joined(language.buyer_id_words for language in LANGUAGES)
LEGAL_FORMS: Final = joined(language.legal_forms for language in LANGUAGES)
MONTH_NAMES: Final = months(language.month_names for language in LANGUAGES)
CODE_LABELS: Final = joined(language.code_labels for language in LANGUAGES)


_NUMERO_SIGN = re.compile(r"\bn\s?°")


def normalize(text: str) -> str:
    """Lower case, accents folded, punctuation to spaces (but # and % kept): "Art.-Nr." -> "art nr"."""
    # "N°" is how French (and Italian, Spanish...) abbreviate "number", as English writes "No.".
    lowered = _NUMERO_SIGN.sub("no", text.lower())
    decomposed = unicodedata.normalize("NFKD", lowered)
    folded = "".join(char for char in decomposed if not unicodedata.combining(char)).replace("ß", "ss")
    spaced = re.sub(r"([#%])", r" \1 ", folded)
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9#%]+", " ", spaced)).strip()


def contains_phrase(normalized_text: str, phrases: Iterable[str]) -> str | None:
    """The longest phrase that occurs in the text as whole words, or None."""
    padded = f" {normalized_text} "
    matches = [phrase for phrase in phrases if f" {phrase} " in padded]
    return max(matches, key=len) if matches else None


def starts_with_phrase(normalized_text: str, phrases: Iterable[str]) -> str | None:
    """The longest phrase the text begins with (as whole words), or None."""
    padded = f"{normalized_text} "
    matches = [phrase for phrase in phrases if padded.startswith(f"{phrase} ")]
    return max(matches, key=len) if matches else None


# Headings that name their column only as the whole heading (a currency may follow).
_WHOLE_HEADING_ONLY: Final = frozenset({"net", "netto"})
_CURRENCY_WORDS: Final = frozenset({"eur", "usd", "gbp", "chf"})


# On a tie in length the heading that names its column anywhere wins: "Summa netto" is a sum.
_HEADINGS_BY_ROLE: Final = {
    role: tuple(sorted(phrases, key=lambda phrase: phrase in _WHOLE_HEADING_ONLY))
    for role, phrases in COLUMN_PHRASES.items()
}


def _only_currency_after(normalized: str, phrase: str) -> bool:
    words = normalized.split()
    return bool(words) and words[0] == phrase and set(words[1:]) <= _CURRENCY_WORDS


def column_role(header_text: str) -> Role | None:
    """The role named by a column heading, preferring the longest matching phrase."""
    normalized = normalize(header_text)
    if not normalized:
        return Role.POSITION if "#" in header_text else None
    best: tuple[int, Role] | None = None
    for role, phrases in _HEADINGS_BY_ROLE.items():
        phrase = contains_phrase(normalized, phrases)
        if phrase in _WHOLE_HEADING_ONLY and not _only_currency_after(normalized, phrase):
            continue  # "Net weight" is no amount, though "Net" and "Net (GBP)" are
        if phrase is not None and (best is None or len(phrase) > best[0]):
            best = (len(phrase), role)
    return best[1] if best else _run_together_role(normalized)


def _run_together(headings: dict[Role, tuple[str, ...]]) -> dict[str, set[Role]]:
    together: dict[str, set[Role]] = {}
    for role, phrases in headings.items():
        for phrase in phrases:
            if " " in phrase:
                together.setdefault(phrase.replace(" ", ""), set()).add(role)
    return together


# Multi-word headings as OCR reads them when it misses the space in bold print ("Codearticle").
_RUN_TOGETHER_HEADINGS: Final = _run_together(_HEADINGS_BY_ROLE)


def _run_together_role(normalized: str) -> Role | None:
    """The one role named by heading words that are multi-word headings run together, or None."""
    roles = set().union(*(_RUN_TOGETHER_HEADINGS.get(word, set()) for word in normalized.split()))
    return roles.pop() if len(roles) == 1 else None
