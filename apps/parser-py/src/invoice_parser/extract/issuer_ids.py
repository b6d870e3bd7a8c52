"""The issuer's VAT ID and IBAN printed on the pages: found by their structure (an EU VAT format, an
IBAN's mod-97 check), in whatever language they are labelled, and told apart from the customer's by
where they stand (the "Bill to" block) and the words just before them ("Ihre USt-IdNr.", "Customer
VAT"). When the pages leave it open which of several is the issuer's, none is given: a wrong VAT ID
would file the invoice under another supplier."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from invoice_parser.extract.buyer_zones import ID_ZONE_ROWS, buyer_zones, in_buyer_zone
from invoice_parser.extract.imprint import IMPRINT_HEIGHT_RATIO
from invoice_parser.extract.keywords import BUYER_ID_WORDS, contains_phrase, normalize
from invoice_parser.extract.labels import SEGMENT_GAP_RATIO
from invoice_parser.extract.table import PageRows
from invoice_parser.extract.words import Word
from invoice_parser.party_ids import iban_of, vat_id_of

# An identifier is printed in at most this many pieces: "DE 123 456 789", "DE89 3704 0044 0532 0130 00"
# (an IBAN of 34 characters in groups of four is nine).
_MAX_VAT_PIECES: Final = 5
_MAX_IBAN_PIECES: Final = 9
# Words before an identifier that are read for a customer's label ("Ihre USt-IdNr.:").
_LABEL_WORDS: Final = 3
# Punctuation around a piece: "(DE123456789)", "USt-IdNr.:DE123456789,".
_EDGE_PUNCTUATION: Final = "()[],;:"
_SEPARATOR_WORDS: Final = frozenset({"·", "•", "|", "-", "\u2013"})


@dataclass(frozen=True)
class IssuerIds:
    vat_id: str | None
    iban: str | None


@dataclass(frozen=True)
class _Found:
    value: str
    in_footer: bool


def issuer_ids(pages: Sequence[PageRows]) -> IssuerIds:
    vat_ids: list[_Found] = []
    ibans: list[_Found] = []
    for page_rows in pages:
        zones = buyer_zones(page_rows.rows)
        footer_top = page_rows.page.height * (1 - IMPRINT_HEIGHT_RATIO)
        for row_index, row in enumerate(page_rows.rows):
            for segment in row.segments(SEGMENT_GAP_RATIO):
                if in_buyer_zone(row_index, segment, zones, ID_ZONE_ROWS):
                    continue
                in_footer = row.top >= footer_top
                for kind, value in _ids_in(segment):
                    (vat_ids if kind == "vat" else ibans).append(_Found(value, in_footer))
    return IssuerIds(vat_id=_the_issuers(vat_ids), iban=_the_issuers(ibans))


def _the_issuers(found: Sequence[_Found]) -> str | None:
    """The one value found, or the one value in the footer (the imprint is the issuer's), or None."""
    for candidates in (found, [item for item in found if item.in_footer]):
        values = {item.value for item in candidates}
        if len(values) == 1:
            return values.pop()
    return None


def _ids_in(segment: Sequence[Word]) -> list[tuple[str, str]]:
    """("vat" | "iban", value) of each identifier in the segment not labelled as the customer's."""
    pieces = [word.text.strip(_EDGE_PUNCTUATION) for word in segment]
    found: list[tuple[str, str]] = []
    start = 0
    while start < len(pieces):
        match = _identifier_at(pieces, start)
        if match is None:
            start += 1
            continue
        kind, value, end = match
        if not _labelled_as_customers(segment, start):
            found.append((kind, value))
        start = end
    return found


def _identifier_at(pieces: Sequence[str], start: int) -> tuple[str, str, int] | None:
    """The longest IBAN, else the longest VAT ID, printed from pieces[start] on (kind, value, end)."""
    first = pieces[start]
    # A label glued to the value: "USt-IdNr.:DE123456789".
    head = first.rpartition(":")[2]
    if len(head) < 2 or not head[:2].isalpha() or not head[:2].isupper():
        return None
    for kind, limit, read in (("iban", _MAX_IBAN_PIECES, iban_of), ("vat", _MAX_VAT_PIECES, vat_id_of)):
        for end in range(min(len(pieces), start + limit), start, -1):
            value = read(head + "".join(pieces[start + 1 : end]))
            if value is not None:
                return kind, value, end
    return None


def _labelled_as_customers(segment: Sequence[Word], start: int) -> bool:
    """Whether the few words before the identifier (back to a separator or a figure) name the customer."""
    label: list[str] = []
    head, _, _ = segment[start].text.rpartition(":")
    if head:
        label.append(head)
    for word in reversed(segment[max(0, start - _LABEL_WORDS) : start]):
        if word.text in _SEPARATOR_WORDS or any(char.isdigit() for char in word.text):
            break
        label.insert(0, word.text)
    return contains_phrase(normalize(" ".join(label)), BUYER_ID_WORDS) is not None
