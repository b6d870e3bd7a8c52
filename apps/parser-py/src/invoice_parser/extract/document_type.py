"""Whether the printed document is an invoice or a credit note, read from its title.

Only the top of the first page counts, and only a row that starts with a credit-note title: words such
as "Gutschrift" or "avoir" also occur in payment terms and sentences, where they say nothing about the
document itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal

from invoice_parser.extract.keywords import normalize
from invoice_parser.extract.labels import SEGMENT_GAP_RATIO
from invoice_parser.extract.rows import join_words
from invoice_parser.extract.table import PageRows

DocumentType = Literal["invoice", "credit-note"]

CREDIT_NOTE_TITLES: Final = (
    "credit note",
    "credit memo",
    "gutschrift",
    "gutschriftsanzeige",
    "avoir",
    "facture d avoir",
    "note de credit",
)
# The title sits in the upper part of the first page, above the line-item table.
_TITLE_ZONE_RATIO: Final = 0.4


def read_document_type(pages: Sequence[PageRows]) -> DocumentType:
    if not pages:
        return "invoice"
    first = pages[0]
    zone_bottom = first.page.height * _TITLE_ZONE_RATIO
    for row in first.rows:
        if row.top > zone_bottom:
            break
        # The title may share its line with the supplier's name: each text segment counts.
        if any(_starts_with_title(normalize(join_words(part))) for part in row.segments(SEGMENT_GAP_RATIO)):
            return "credit-note"
    return "invoice"


def _starts_with_title(text: str) -> bool:
    return any(text == title or text.startswith(f"{title} ") for title in CREDIT_NOTE_TITLES)
