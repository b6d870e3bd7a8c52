"""Header fields: invoice number, date, currency, supplier name and the printed totals, each with
the place it was read (page and bounding box)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from invoice_parser.extract.buyer_zones import buyer_zones, in_buyer_zone
from invoice_parser.extract.dates import parse_date
from invoice_parser.extract.figures import THOUSANDS_GAP_RATIO
from invoice_parser.extract.imprint import imprint_issuer
from invoice_parser.extract.issuer_ids import issuer_ids
from invoice_parser.extract.keywords import (
    BUYER_LABELS,
    GENERIC_NUMBER_LABELS,
    INVOICE_DATE_LABELS,
    INVOICE_NUMBER_LABELS,
    INVOICE_WORDS,
    LEGAL_FORMS,
    OTHER_DATE_LABELS,
    OTHER_TOTAL_QUALIFIERS,
    PARTY_NAME_LABELS,
    SUBTOTAL_LABELS,
    SUPPLIER_LABELS,
    TAX_LABELS,
    TOTAL_LABELS,
    contains_phrase,
    normalize,
    starts_with_phrase,
)
from invoice_parser.extract.labels import SEGMENT_GAP_RATIO, find_labels, leading_label, value_below
from invoice_parser.extract.legal_forms import is_legal_form_text
from invoice_parser.extract.numbers import (
    DOLLAR_CURRENCIES,
    ISO_CURRENCIES,
    DecimalSeparator,
    currency_mark,
    format_decimal,
    parse_number,
)
from invoice_parser.extract.rows import Row, bbox_of, join_words
from invoice_parser.extract.table import PageRows, TableEnd
from invoice_parser.extract.words import Word
from invoice_parser.settings import Settings

Box = tuple[float, float, float, float]
_MAX_NAME_WORDS = 8
# Rows under a "Seller" heading searched for its "Name:" field.
_PARTY_BLOCK_ROWS = 6


@dataclass(frozen=True)
class Located:
    """A value and where it was printed."""

    value: str
    page: int
    bbox: Box


@dataclass
class HeaderFields:
    number: Located | None = None
    date: Located | None = None
    currency: Located | None = None
    supplier: Located | None = None
    subtotal: Located | None = None
    tax: Located | None = None
    total: Located | None = None
    totals_values: dict[str, Decimal] = field(default_factory=dict)
    # The issuer's VAT ID and IBAN (normalised, the IBAN checked), when the pages tell them apart.
    supplier_vat_id: str | None = None
    supplier_iban: str | None = None


def read_header(
    pages: Sequence[PageRows],
    table_end: TableEnd | None,
    separator: DecimalSeparator,
    month_first: bool,
    settings: Settings,
) -> HeaderFields:
    first = pages[0]
    fields = HeaderFields(
        number=_invoice_number(first),
        date=_invoice_date(first, month_first),
        currency=_currency(pages),
        supplier=_supplier(first, settings),
    )
    _read_totals(fields, pages, table_end, separator)
    ids = issuer_ids(pages)
    fields.supplier_vat_id, fields.supplier_iban = ids.vat_id, ids.iban
    return fields


def _located(page: int, words: Sequence[Word], value: str) -> Located:
    return Located(value=value, page=page, bbox=bbox_of(words))


def _invoice_number(page_rows: PageRows) -> Located | None:
    return (
        _labelled_number(page_rows, INVOICE_NUMBER_LABELS)
        or _number_in_title(page_rows)
        or _labelled_number(page_rows, GENERIC_NUMBER_LABELS)
    )


def _labelled_number(page_rows: PageRows, labels: Sequence[str]) -> Located | None:
    rows = page_rows.rows
    for match in sorted(find_labels(rows, labels), key=lambda m: m.rank):
        for words in [match.same_line_value, *value_below(rows, match)]:
            token = _number_token(words)
            if token is not None:
                return _located(page_rows.page.number, [token], token.text.strip(":#.,"))
    return None


# "Handelsrechnung (380) Nr. 471102 vom 05.03.2018", "Tax Invoice No. A-17": a title naming its number.
_TITLE_NUMBER = re.compile(
    r"(?:invoice|rechnung|facture|gutschrift|avoir)\w*\b[^:]{0,30}?\b(?:nr|no|n°|number|nummer|#)\.?\s*:?\s*$",
    re.IGNORECASE,
)


def _number_in_title(page_rows: PageRows) -> Located | None:
    for row in page_rows.rows:
        for position in range(1, len(row.words)):
            if _TITLE_NUMBER.search(join_words(row.words[:position])):
                token = _number_token(row.words[position:])
                if token is not None:
                    return _located(page_rows.page.number, [token], token.text.strip(":#.,"))
    return None


def _number_token(words: Sequence[Word]) -> Word | None:
    """The invoice number is the first token of the value; it carries a digit and is not a date."""
    if not words:
        return None
    token = words[0]
    text = token.text.strip(":#.,")
    if not any(char.isdigit() for char in text) or parse_date(text) is not None or len(text) > 40:
        return None
    return token


def _invoice_date(page_rows: PageRows, month_first: bool) -> Located | None:
    rows = page_rows.rows
    matches = sorted(find_labels(rows, INVOICE_DATE_LABELS), key=lambda m: m.rank)
    for match in matches:
        if _extends_label(match.same_line_value):
            continue
        for words in [match.same_line_value, *value_below(rows, match)]:
            found = _date_in(words, month_first)
            if found is not None:
                return _located(page_rows.page.number, found[1], found[0])
    # No label: the first date on a row naming the invoice, else on any row, that is not
    # labelled as another kind of date.
    titled = [row for row in rows if _INVOICE_STEM.search(row.text)]
    for row in [*titled, *rows]:
        for segment in row.segments(SEGMENT_GAP_RATIO):
            if starts_with_phrase(normalize(join_words(segment)), OTHER_DATE_LABELS):
                continue
            found = _date_in(segment, month_first)
            if found is not None:
                return _located(page_rows.page.number, found[1], found[0])
    return None


def _extends_label(value: Sequence[Word]) -> bool:
    """True when the words after a label end in their own colon ("Date de facture associée : ...",
    "Date of delivery: ..."): the label was only the start of a longer label naming another date."""
    return any(word.text.endswith(":") or word.text == ":" for word in value if not _has_digit(word.text))


def _has_digit(text: str) -> bool:
    return any(char.isdigit() for char in text)


_INVOICE_STEM = re.compile(r"invoice|rechnung|facture|gutschrift|avoir", re.IGNORECASE)


def _date_in(words: Sequence[Word], month_first: bool) -> tuple[str, Sequence[Word]] | None:
    """The first date in words, with the words it spans (long dates take up to four)."""
    for start in range(len(words)):
        for end in range(start + 1, min(start + 4, len(words)) + 1):
            iso = parse_date(join_words(words[start:end]), month_first)
            if iso is not None:
                return iso, words[start:end]
    return None


def _currency(pages: Sequence[PageRows]) -> Located | None:
    """The currency named most often by codes and symbols on the page."""
    seen: Counter[str] = Counter()
    where: dict[str, Located] = {}
    bare_dollars: list[Located] = []
    for page_rows in pages:
        for row in page_rows.rows:
            for word in row.words:
                code = currency_mark(word.text)
                if code is None or code not in ISO_CURRENCIES:
                    continue
                located = _located(page_rows.page.number, [word], code)
                if code == "USD" and _is_bare_dollar(word.text):
                    bare_dollars.append(located)
                    continue
                if code in DOLLAR_CURRENCIES and "$" not in word.text and not _has_amount(row):
                    continue  # "CAD drawings": a word, not the currency of a figure beside it
                seen[code] += 1
                where.setdefault(code, located)
    # "$" alone is any dollar: the page's named one ("Total CAD", "A$") if it names one, else the US's.
    named_dollars = [code for code, _ in seen.most_common() if code in DOLLAR_CURRENCIES]
    if bare_dollars:
        dollar = named_dollars[0] if named_dollars else "USD"
        seen[dollar] += len(bare_dollars)
        where.setdefault(dollar, bare_dollars[0])
    if not seen:
        return None
    return where[seen.most_common(1)[0][0]]


def _has_amount(row: Row) -> bool:
    return any(re.search(r"\d[.,]\d\d\b", word.text) for word in row.words)


def _is_bare_dollar(text: str) -> bool:
    return "$" in text and not re.search(r"[A-Z]\$|\bUSD\b", text)


def _supplier(page_rows: PageRows, settings: Settings) -> Located | None:
    labelled = _labelled_supplier(page_rows)
    if labelled is not None:
        return labelled
    rows = page_rows.rows
    limit = page_rows.page.height * settings.supplier_search_height_ratio
    zones = buyer_zones(rows)
    candidates: list[tuple[float, tuple[Word, ...], str]] = []
    for row_index, row in enumerate(rows):
        if row.top > limit:
            break
        for segment in _same_size_runs(row.segments(SEGMENT_GAP_RATIO)):
            name = _name_in(segment)
            if name is None or in_buyer_zone(row_index, segment, zones):
                continue
            segment, name = _with_wrapped_legal_form(rows, row_index, segment, name)
            candidates.append((_prominence(segment, name, row.top, page_rows.page.height), segment, name))
    imprint = imprint_issuer(rows, page_rows.page.height)
    named_with_form = [c for c in candidates if _ends_with_legal_form(c[2])]
    if imprint is not None and not named_with_form:
        # No company at the top (a logo, an address): the imprint names the issuer.
        name, words = imprint
        return _located(page_rows.page.number, words, name)
    if not candidates:
        return None
    _, segment, name = max(candidates, key=lambda candidate: candidate[0])
    return _located(page_rows.page.number, segment, name)


# Words on one baseline whose sizes differ by more than this are two texts, however close: a long
# company name beside the document title ("... GmbH & Co. KG   Rechnung").
_SIZE_STEP_RATIO = 1.12


def _same_size_runs(segments: Sequence[Sequence[Word]]) -> list[tuple[Word, ...]]:
    runs: list[tuple[Word, ...]] = []
    for segment in segments:
        start = 0
        for index in range(1, len(segment)):
            small, large = sorted((segment[index - 1].size, segment[index].size))
            if small > 0 and large / small > _SIZE_STEP_RATIO:
                runs.append(tuple(segment[start:index]))
                start = index
        runs.append(tuple(segment[start:]))
    return runs


def _with_wrapped_legal_form(
    rows: Sequence[Row], row_index: int, segment: tuple[Word, ...], name: str
) -> tuple[tuple[Word, ...], str]:
    """A name too long for its box wraps before its legal form ("Schraubenhandel Krause" / "e.K."):
    the next row, starting at the same left edge in the same size, holding a legal form only, ends it."""
    if row_index + 1 >= len(rows):
        return segment, name
    for below in _same_size_runs(rows[row_index + 1].segments(SEGMENT_GAP_RATIO)):
        same_edge = abs(below[0].x0 - segment[0].x0) <= 0.5 * segment[0].height
        same_size = abs(below[0].size - segment[0].size) <= 0.05 * segment[0].size
        text = join_words(below)
        if same_edge and same_size and _is_legal_form_text(normalize(text)):
            return (*segment, *below), f"{name} {text}"
    return segment, name


def _labelled_supplier(page_rows: PageRows) -> Located | None:
    """The seller after "From:" / "Seller" / "Lieferant": beside the label, below it, or in the
    block's "Name:" field when the label heads a form-like block."""
    rows = page_rows.rows
    for match in find_labels(rows, SUPPLIER_LABELS):
        if _is_legal_form(match.same_line_value):
            continue  # "Lieferant GmbH", "Vendor Ltd": a company named like the label, not a label
        block = rows[match.row_index + 1 : match.row_index + 1 + _PARTY_BLOCK_ROWS]
        named = [name for name in find_labels(block, PARTY_NAME_LABELS) if name.same_line_value]
        candidates = [match.same_line_value, *(name.same_line_value for name in named[:1])]
        candidates += value_below(rows, match)
        for words in candidates:
            name = _name_in(tuple(words))
            if name is not None:
                return _located(page_rows.page.number, words, name)
    return None


def _name_in(segment: Sequence[Word]) -> str | None:
    """The segment as a company name, or None when it reads as a title, a label, an address or a figure."""
    text = join_words(segment)
    # A sender line "ACME GmbH · Street 1 · City": the name is its first part, however long the line.
    parts = re.split(r"\s[·•|]\s|\s-\s|,\s", text)
    first_part = parts[0].strip()
    if len(parts) > 1 and _is_legal_form_text(normalize(parts[1])):
        # "Parcel Labs, Inc.", "Acme, LLC": the comma belongs to the name, the legal form with it.
        first_part = text[: text.index(parts[1], len(parts[0])) + len(parts[1])].strip()
    if len(first_part.split()) > _MAX_NAME_WORDS:
        return None  # a sentence, not a name
    normalized = normalize(first_part)
    if not normalized or len(normalized) < 2 or ":" in first_part:
        return None
    if contains_phrase(normalized, INVOICE_WORDS) and len(normalized.split()) <= 3:
        return None
    label = starts_with_phrase(normalized, BUYER_LABELS + SUPPLIER_LABELS + INVOICE_DATE_LABELS)
    if label is not None and not _is_legal_form_text(normalized[len(label) :]):
        return None
    if _is_legal_form_text(normalized) or normalized in PARTY_NAME_LABELS:
        return None  # a bare "GmbH" or a "Trade name" caption names no one
    digits = sum(char.isdigit() for char in first_part)
    if digits > 2 or parse_date(first_part) is not None or "@" in first_part or "www" in normalized:
        return None
    return first_part


def _ends_with_legal_form(name: str) -> bool:
    words = normalize(name).split()
    return any(is_legal_form_text(" ".join(words[start:])) for start in range(1, len(words)))


def _is_legal_form(words: Sequence[Word]) -> bool:
    return bool(words) and _is_legal_form_text(normalize(join_words(words)))


def _is_legal_form_text(normalized: str) -> bool:
    return is_legal_form_text(normalized)


def _prominence(segment: Sequence[Word], name: str, top: float, page_height: float) -> float:
    size = max(word.size for word in segment)
    bold = all(word.bold for word in segment)
    legal_form = contains_phrase(normalize(name), LEGAL_FORMS) is not None
    return size + (2.0 if bold else 0.0) + (5.0 if legal_form else 0.0) - 4.0 * top / page_height


def _read_totals(
    fields: HeaderFields, pages: Sequence[PageRows], table_end: TableEnd | None, separator: DecimalSeparator
) -> None:
    """Subtotal, tax and total from the labelled rows below the table (or anywhere when there is none).
    Several plain tax rows (one per rate) add up, unless a "Total VAT" row states the sum, or a tax
    row without a rate does beside rows with one (a breakdown table and its "Tax amount" line)."""
    found: dict[str, tuple[int, Located, Decimal]] = {}
    per_rate_tax: list[tuple[Located, Decimal]] = []
    rateless_tax: list[tuple[Located, Decimal]] = []
    for page_rows in pages:
        for row in rows_below(page_rows, table_end):
            labelled = totals_row(row, separator)
            if labelled is None:
                continue
            kind, label, rank, words, amount = labelled
            located = _located(page_rows.page.number, words, format_decimal(amount))
            if kind == "tax" and "total" not in label.split():
                per_rate_tax.append((located, amount))
                if not _states_rate(row, words, separator):
                    rateless_tax.append((located, amount))
            elif kind not in found or rank < found[kind][0]:
                found[kind] = (rank, located, amount)
    if "tax" not in found and rateless_tax and len(rateless_tax) < len(per_rate_tax):
        located, amount = rateless_tax[0]
        found["tax"] = (0, located, amount)
    if "tax" not in found and per_rate_tax:
        summed = sum((amount for _, amount in per_rate_tax), Decimal(0))
        first = per_rate_tax[0][0]
        found["tax"] = (0, Located(format_decimal(summed), first.page, first.bbox), summed)
    for kind, (_, located, amount) in found.items():
        setattr(fields, kind, located)
        fields.totals_values[kind] = amount


def _word_spaced(left: Word, right: Word) -> bool:
    return right.x0 - left.x1 <= THOUSANDS_GAP_RATIO * max(left.height, right.height)


def _states_rate(row: Row, amount_words: Sequence[Word], separator: DecimalSeparator) -> bool:
    """Whether a tax row prints a rate beside its amount: a percentage, or a figure up to 100."""
    for word in row.words:
        if word in amount_words:
            continue
        if "%" in word.text:
            return True
        value = parse_number(word.text, separator)
        if value is not None and 0 < value <= 100:
            return True
    return False


def rows_below(page_rows: PageRows, table_end: TableEnd | None) -> list[Row]:
    if table_end is None:
        return page_rows.rows
    if page_rows.page.number < table_end.page:
        return []
    if page_rows.page.number > table_end.page:
        return page_rows.rows
    return [row for row in page_rows.rows if row.top >= table_end.top - 1]


_TOTALS_VOCABULARIES = (("subtotal", SUBTOTAL_LABELS), ("tax", TAX_LABELS), ("total", TOTAL_LABELS))


def totals_row(row: Row, separator: DecimalSeparator) -> tuple[str, str, int, list[Word], Decimal] | None:
    """(kind, label, rank, amount words, amount) of a row such as "VAT 19%   190.00"."""
    for segment in row.segments(SEGMENT_GAP_RATIO):
        for kind, labels in _TOTALS_VOCABULARIES:
            skip = _added_tax_prefix(segment) if kind == "tax" else 0
            leading = leading_label(segment, labels) or leading_label(segment[skip:], labels)
            if leading is None:
                continue
            label, consumed = leading
            if leading_label(segment, labels) is None:
                consumed += skip
            qualifier = normalize(join_words(segment[consumed:]))
            if contains_phrase(qualifier, OTHER_TOTAL_QUALIFIERS):
                return None  # "Total of discounts", "Gesamtbetrag der Zuschläge"
            label_end = segment[consumed - 1].x1
            amount = trailing_amount([word for word in row.words if word.x0 >= label_end], separator)
            if amount is None:
                return None
            return kind, label, labels.index(label), amount[1], amount[0]
    return None


# Words that may precede a tax label: "zzgl. 19 % MwSt.", "plus VAT", "VT Sales Tax" (a US state's
# or a Canadian province's code), "+ 20 % TVA".
_ADDED_TAX_WORDS = frozenset({"zzgl", "zuzuglich", "plus", "add", "", "%"})
_REGION_CODE = re.compile(r"^[A-Z]{2}$")
_RATE = re.compile(r"^\d{1,2}(?:[.,]\d{1,3})?\s?%?$")


def _added_tax_prefix(segment: Sequence[Word]) -> int:
    """How many leading words of a tax row qualify its label rather than name it."""
    count = 0
    for word in segment[:4]:
        text = word.text.strip(".:")
        if (
            normalize(text) in _ADDED_TAX_WORDS
            or text == "+"
            or _RATE.match(text)
            or _REGION_CODE.match(text)
        ):
            count += 1
        else:
            break
    return count


def trailing_amount(words: Sequence[Word], separator: DecimalSeparator) -> tuple[Decimal, list[Word]] | None:
    """The amount printed last among words, joining digit groups split by spaces ("1 234,56 €")."""
    for end in range(len(words), 0, -1):
        best: tuple[Decimal, list[Word]] | None = None
        for start in range(end - 1, max(end - 4, -1), -1):
            if start < end - 1 and not _word_spaced(words[start], words[start + 1]):
                break  # a column gap: "19   285,00" is a rate and an amount, not 19 285
            text = join_words(words[start:end])
            if "%" in text:
                break
            value = parse_number(text, separator)
            if value is not None:
                best = (value, list(words[start:end]))
        if best is not None:
            return best
    return None
