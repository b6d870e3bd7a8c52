"""Marks and codes no one language owns: "#", "SKU", "ID", and the legal forms of the Nordic countries,
which have no module of their own."""

from __future__ import annotations

from invoice_parser.extract.vocab.model import Vocabulary
from invoice_parser.extract.vocab.roles import Role

NEUTRAL = Vocabulary(
    language="neutral",
    column_phrases={Role.POSITION: ("#",), Role.SKU: ("sku", "id")},
    # "No." and "Nr." abbreviate "number" across Europe; trusted only after every worded label.
    generic_number_labels={3: ("no", "nr")},
    legal_forms=("ab", "as"),  # Swedish Aktiebolag; Norwegian and Danish aksjeselskap / aktieselskab
)
