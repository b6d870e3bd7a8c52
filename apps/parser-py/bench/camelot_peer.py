"""The camelot peer: what a user builds in an afternoon on camelot's table finder (PyPI camelot-py, in
the bench-only `bench` extra).

Tables: camelot's lattice reader (ruling lines) on every page; a page where lattice yields no line
item is read again with the stream reader (text alignment). Columns: the header row is looked for
anywhere in a table (the first row whose cells name a quantity or an amount) and mapped by keywords in
English, German and French; a table with no header row goes on with the previous table's columns when
it has as many. A row is a line when its quantity and its amount read as numbers; a row that only
carries description text continues the line above (a wrapped description). Header fields come from
the page text (pdfium's) by the naive baseline's rules, the supplier being the first line of the page.
Answers in the ParseResult's shape (the fields the benchmark scores).
"""

from __future__ import annotations

import io
import re
from typing import Any

from naive_baseline import header_fields, parse_decimal

# Checked in this order, the first role that matches a heading wins: "Gesamtpreis" is an amount
# before it is a price, "Product code" an article number before it is a description.
ROLE_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("lineTotal", ("amount", "total", "ext", "betrag", "gesamt", "summe", "montant")),
    ("unitPrice", ("unit price", "price", "rate", "unit cost", "preis", "prix", "p.u", "pu ht")),
    ("quantity", ("qty", "quantity", "menge", "anzahl", "anz.", "qté", "quantité", "qte")),
    (
        "sku",
        (
            "sku",
            "item #",
            "item no",
            "art.-nr",
            "art.nr",
            "artikelnr",
            "artikel-nr",
            "réf",
            "ref",
            "code",
            "part no",
        ),
    ),
    (
        "description",
        (
            "description",
            "beschreibung",
            "bezeichnung",
            "désignation",
            "designation",
            "libellé",
            "item",
            "product",
            "article",
            "artikel",
            "produit",
            "leistung",
        ),
    ),
)
# A heading naming a tax is no column of a line item, whatever else it says ("Tax Amt", "MwSt. Betrag").
TAX_WORDS = ("vat", "tax", "mwst", "ust", "tva", "steuer")
_DIGIT = re.compile(r"\d")


def map_header(row: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        label = " ".join(cell.lower().split())
        if not label or any(word in label for word in TAX_WORDS):
            continue
        for role, words in ROLE_KEYWORDS:
            if role not in columns and any(word in label for word in words):
                columns[role] = index
                break
    return columns if ("quantity" in columns or "lineTotal" in columns) and len(columns) >= 2 else {}


def _cell(row: list[str], index: int | None) -> str:
    return " ".join(row[index].split()) if index is not None and index < len(row) else ""


def _lines_of(rows: list[list[str]], columns: dict[str, int]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    lines: list[dict[str, Any]] = []
    for row in rows:
        found = map_header(row)
        if found:
            columns = found
            continue
        if not columns:
            continue
        quantity = parse_decimal(_cell(row, columns.get("quantity")))
        total = parse_decimal(_cell(row, columns.get("lineTotal")))
        description = _cell(row, columns.get("description"))
        if quantity is not None and total is not None:
            price = parse_decimal(_cell(row, columns.get("unitPrice")))
            lines.append(
                {
                    "kind": "item",
                    "sku": _cell(row, columns.get("sku")) or None,
                    "description": description,
                    "quantity": str(quantity),
                    "unitPrice": None if price is None else str(price),
                    "lineTotal": str(total),
                }
            )
        elif (
            lines
            and description
            and not any(_DIGIT.search(c) for i, c in enumerate(row) if i != columns.get("description"))
        ):
            lines[-1]["description"] = f"{lines[-1]['description']} {description}".strip()
    return lines, columns


def _tables_by_page(data: bytes, pages: list[int], flavor: str) -> dict[int, list[list[list[str]]]]:
    """One camelot call for all the pages: a call per page would parse the whole file each time."""
    import camelot

    by_page: dict[int, list[list[list[str]]]] = {page: [] for page in pages}
    if not pages:
        return by_page
    selection = ",".join(str(page) for page in pages)
    # camelot re-exports read_pdf without an __all__; mypy cannot see it.
    for table in camelot.read_pdf(  # type: ignore[attr-defined]
        io.BytesIO(data), pages=selection, flavor=flavor, suppress_stdout=True
    ):
        by_page.setdefault(int(table.page), []).append(table.df.astype(str).values.tolist())
    return by_page


def _page_texts(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        texts = []
        for page in document:
            text_page = page.get_textpage()
            texts.append(text_page.get_text_range())
            text_page.close()
            page.close()
        return texts
    finally:
        document.close()


def _read_pages(
    tables: dict[int, list[list[list[str]]]], columns: dict[str, int]
) -> tuple[dict[int, list[dict[str, Any]]], dict[str, int]]:
    """Lines per page, in page order, each page going on with the columns the pages before found."""
    lines: dict[int, list[dict[str, Any]]] = {}
    for page in sorted(tables):
        lines[page] = []
        for table in tables[page]:
            found, columns = _lines_of(table, columns)
            lines[page] += found
    return lines, columns


def read_camelot(data: bytes) -> dict[str, Any]:
    import warnings

    texts = _page_texts(data)
    pages = list(range(1, len(texts) + 1))
    with warnings.catch_warnings():
        # camelot warns for every page without a table; the benchmark counts results, not warnings.
        warnings.simplefilter("ignore")
        lattice = _tables_by_page(data, pages, "lattice")
        lattice_lines, _ = _read_pages(lattice, {})
        unruled = [page for page in pages if not lattice_lines[page]]
        stream = _tables_by_page(data, unruled, "stream")
    chosen = {page: stream[page] if page in unruled else lattice[page] for page in pages}
    by_page, _ = _read_pages(chosen, {})
    text = "\n".join(t.replace("\r\n", "\n") for t in texts)
    return {"invoice": header_fields(text), "lines": [line for page in pages for line in by_page[page]]}
