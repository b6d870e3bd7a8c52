"""Whether a text is a company's legal form ("GmbH", "GmbH & Co. KG", "e.K.", "S.A.S.", "V.O.F.")."""

from __future__ import annotations

from invoice_parser.extract.keywords import LEGAL_FORMS


def is_legal_form_text(normalized: str) -> bool:
    """True when the normalised text is nothing but legal forms."""
    if not normalized.strip():
        return False
    remaining = f" {normalized} "
    for phrase in sorted(LEGAL_FORMS, key=len, reverse=True):
        while f" {phrase} " in remaining:
            remaining = remaining.replace(f" {phrase} ", " ")
    return not remaining.strip()
