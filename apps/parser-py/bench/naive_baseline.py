"""The naive reader the parser is measured against: what one writes in an afternoon with pdfplumber.

Line items come from `extract_tables()` on each page: the first row of a table is its header, columns
are mapped by keywords, a table whose first row maps no quantity and no amount continues the previous
page's columns. Header fields are the first keyword match in the page text. Numbers go through one simple
decimal parser. It answers in the ParseResult's shape (the fields the benchmark scores) so that both
readers are scored by the same code.
"""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import pdfplumber

# Header keywords, first match wins; English, German and French, as on the corpus's pages.
COLUMN_KEYWORDS = {
    "sku": ("sku", "art", "item no", "artikel", "code", "ref", "product id"),
    "quantity": ("qty", "quantity", "menge", "qté", "quantité", "anzahl"),
    "unitPrice": ("unit price", "price", "preis", "prix", "p.u"),
    "lineTotal": ("amount", "total", "betrag", "gesamt", "montant"),
    "description": (
        "description",
        "beschreibung",
        "bezeichnung",
        "désignation",
        "designation",
        "item",
        "product",
        "libellé",
    ),
}
NUMBER_LABELS = r"(?:invoice\s*(?:no|number|#)|rechnung[^\n]{0,20}?(?:nr|nummer)|facture\s*n)\W*"
TOTAL_LABELS = ("total due", "amount due", "grand total", "gesamtbetrag", "total ttc", "total", "summe")
MONTHS = {m: k for k, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_NUMBER = re.compile(r"-?\d[\d.,' ]*")


def read_naive(data: bytes) -> dict[str, Any]:
    lines: list[dict[str, Any]] = []
    columns: dict[str, int] = {}
    texts: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            texts.append(page.extract_text() or "")
            for table in page.extract_tables():
                header = _map_columns(table[0]) if table else {}
                if "quantity" in header or "lineTotal" in header:
                    columns, rows = header, table[1:]
                else:
                    rows = table
                lines += [line for row in rows if (line := _line(row, columns))]
            page.close()
    text = "\n".join(texts)
    return {"invoice": header_fields(text), "lines": lines}


def parse_decimal(text: str | None) -> Decimal | None:
    """With both '.' and ',' the last is the decimal one; a lone one is decimal unless 3 digits follow."""
    match = _NUMBER.search(text or "")
    if not match:
        return None
    raw = re.sub(r"[' ]", "", match.group()).rstrip(".,")
    last = max(raw.rfind("."), raw.rfind(","))
    separators = re.findall(r"[.,]", raw)
    decimal_point = last >= 0 and (
        len(set(separators)) == 2 or (len(separators) == 1 and len(raw) - last != 4)
    )
    if decimal_point:
        raw = re.sub(r"[.,]", "", raw[:last]) + "." + raw[last + 1 :]
    else:
        raw = re.sub(r"[.,]", "", raw)
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def _map_columns(row: list[str | None]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        label = (cell or "").lower().replace("\n", " ")
        for name, words in COLUMN_KEYWORDS.items():
            if name not in columns and any(word in label for word in words):
                columns[name] = index
                break
    return columns


def _line(row: list[str | None], columns: dict[str, int]) -> dict[str, Any] | None:
    def cell(name: str) -> str | None:
        index = columns.get(name)
        return (
            (row[index] or "").replace("\n", " ").strip() if index is not None and index < len(row) else None
        )

    quantity, total = parse_decimal(cell("quantity")), parse_decimal(cell("lineTotal"))
    if quantity is None or total is None:
        return None
    price = parse_decimal(cell("unitPrice"))
    return {
        "kind": "item",
        "sku": cell("sku") or None,
        "description": cell("description"),
        "quantity": str(quantity),
        "unitPrice": None if price is None else str(price),
        "lineTotal": str(total),
    }


def header_fields(text: str) -> dict[str, Any]:
    """Number, date and total by keyword; the supplier is the first line, where letterheads are."""
    number = re.search(NUMBER_LABELS + r"[:.]?\s*([A-Z0-9][\w/-]*)", text, re.IGNORECASE)
    total = None
    for row in text.lower().splitlines():
        if any(label in row for label in TOTAL_LABELS) and "sub" not in row:
            # The last total printed is the one to pay; earlier ones are net or per-rate sums.
            figures = _NUMBER.findall(row)
            total = parse_decimal(figures[-1]) if figures else total
    return {
        "number": number.group(1) if number else None,
        "date": _first_date(text),
        "totals": {"total": None if total is None else str(total)},
        "supplier": {"name": next((row.strip() for row in text.splitlines() if row.strip()), None)},
    }


def _first_date(text: str) -> str | None:
    numeric = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b", text)
    named = re.search(r"\b(\d{1,2})\.? ([A-Za-z]{3})[a-z]* (\d{4})\b", text)
    try:
        if numeric and numeric.group(1):
            return date(int(numeric.group(1)), int(numeric.group(2)), int(numeric.group(3))).isoformat()
        if numeric:
            return date(int(numeric.group(6)), int(numeric.group(5)), int(numeric.group(4))).isoformat()
        if named and named.group(2).lower() in MONTHS:
            month = MONTHS[named.group(2).lower()]
            return date(int(named.group(3)), month, int(named.group(1))).isoformat()
    except ValueError:
        return None
    return None
