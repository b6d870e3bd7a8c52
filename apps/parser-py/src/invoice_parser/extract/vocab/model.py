"""The shape of one language's vocabulary: every table the parser matches, as that language spells it.

Phrases are written as normalize() leaves them (lower case, accents folded, punctuation as spaces), so
that matching compares strings, not spellings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from invoice_parser.extract.vocab.roles import Role

Phrases = tuple[str, ...]
# Priority -> phrases, for the tables whose order is a rank: a lower priority is tried first and
# counts as more specific ("Invoice number" before a bare "Number"). Equal priorities keep the
# languages' composition order (see extract.keywords), then the order written here.
Ranked = Mapping[int, Phrases]


@dataclass(frozen=True)
class Vocabulary:
    """One language's words, table by table; a table it has no words for stays empty."""

    language: str
    column_phrases: Mapping[Role, Phrases] = field(default_factory=dict)
    # Totals below the table; a row is tried as a subtotal, then a tax, then a total.
    subtotal_labels: Ranked = field(default_factory=dict)
    tax_labels: Ranked = field(default_factory=dict)
    total_labels: Ranked = field(default_factory=dict)
    interim_total_labels: Phrases = ()
    carry_over_phrases: Phrases = ()
    delivered_quantity_words: Phrases = ()
    ordered_quantity_words: Phrases = ()
    charge_words: Phrases = ()
    invoice_words: Phrases = ()
    invoice_number_labels: Ranked = field(default_factory=dict)
    generic_number_labels: Ranked = field(default_factory=dict)
    party_name_labels: Phrases = ()
    other_total_qualifiers: Phrases = ()
    invoice_date_labels: Ranked = field(default_factory=dict)
    other_date_labels: Phrases = ()
    supplier_labels: Phrases = ()
    buyer_labels: Phrases = ()
    # Words just before a VAT ID or IBAN that make it the customer's, not the issuer's ("Ihre USt-IdNr.").
    buyer_id_words: Phrases = ()
    legal_forms: Phrases = ()
    month_names: Mapping[str, int] = field(default_factory=dict)
    # Labels that introduce the seller's article number inside a description ("Art-Nr: X").
    code_labels: Phrases = ()
