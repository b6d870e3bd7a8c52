"""The PageLayout document (page-layout.schema.json): every page's text rows as the parser groups them,
each with its words and its reading as an item line (extract/row_reading.py).

It is what the API answers a box drawn round a line the parser missed with, without sending the page
anywhere: the words inside the box, split into fields by the parser's own logic. It is a document of
its own beside the ParseResult (parsed/{jobId}/attempt-{n}.layout.json) rather than part of it, since
it is larger than the result and only read when the operator draws a box.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from invoice_parser.extract.numbers import DecimalSeparator, format_decimal
from invoice_parser.extract.row_reading import FieldReading, RowReading, read_row
from invoice_parser.extract.rows import Row, bbox_of
from invoice_parser.extract.table import PageRows
from invoice_parser.extract.words import Word
from invoice_parser.result import bbox_json
from invoice_parser.settings import Settings

LAYOUT_SCHEMA = "page-layout.schema.json"
LAYOUT_SCHEMA_VERSION = "1"
# Reading fields in the contract's names, paired with their RowReading attribute.
_FIELDS = (
    ("sku", "sku"),
    ("description", "description"),
    ("quantity", "quantity"),
    ("unit", "unit"),
    ("unitPrice", "unit_price"),
    ("lineTotal", "line_total"),
)


def build_layout(
    sha256: str, page_rows: Sequence[PageRows], separator: DecimalSeparator, settings: Settings
) -> dict[str, Any]:
    budget = settings.layout_max_words
    pages = []
    for rows in page_rows:
        page_json, budget = _page_json(rows, separator, settings, budget)
        pages.append(page_json)
    return {"schemaVersion": LAYOUT_SCHEMA_VERSION, "source": {"sha256": sha256}, "pages": pages}


def _page_json(
    rows: PageRows, separator: DecimalSeparator, settings: Settings, budget: int
) -> tuple[dict[str, Any], int]:
    out: list[dict[str, Any]] = []
    truncated = len(rows.rows) > settings.layout_max_rows_per_page
    for row in rows.rows[: settings.layout_max_rows_per_page]:
        kept = Row(row.words[: settings.layout_max_words_per_row])
        if len(kept.words) > budget:
            truncated = True
            break
        budget -= len(kept.words)
        out.append(_row_json(kept, read_row(kept, separator)))
    page = {
        "page": rows.page.number,
        "width": round(rows.page.width, 2),
        "height": round(rows.page.height, 2),
        "truncated": truncated,
        "rows": out,
    }
    return page, budget


def _row_json(row: Row, reading: RowReading) -> dict[str, Any]:
    index = {word: i for i, word in enumerate(row.words)}
    return {
        "bbox": bbox_json(bbox_of(row.words)),
        "words": [{"text": word.text, "bbox": _word_box(word)} for word in row.words],
        "reading": {key: _field_json(getattr(reading, attribute), index) for key, attribute in _FIELDS},
    }


def _field_json(field: FieldReading | None, index: dict[Word, int]) -> dict[str, Any] | None:
    if field is None:
        return None
    value = format_decimal(field.value) if isinstance(field.value, Decimal) else field.value
    return {"value": value, "words": [index[word] for word in field.words]}


def _word_box(word: Word) -> list[float]:
    return bbox_json((word.x0, word.top, word.x1, word.bottom))
