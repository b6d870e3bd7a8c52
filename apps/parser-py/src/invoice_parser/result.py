"""The ParseResult document (parse-result.schema.json) assembled from what extraction found."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from invoice_parser import __version__
from invoice_parser.diagnostics import ParseWarning
from invoice_parser.extract.header import Box, HeaderFields, Located
from invoice_parser.extract.numbers import format_decimal
from invoice_parser.extract.rows import bbox_of
from invoice_parser.extract.table import TableLine
from invoice_parser.party_ids import party_json
from invoice_parser.reconcile import Check

PARSER_NAME = "invoice-parser"
SCHEMA_VERSION = "1"
PDF_MEDIA_TYPE = "application/pdf"
XML_MEDIA_TYPE = "application/xml"
# Header fields whose absence is reported: the HeaderFields attribute, and the contract path
# named in the warning.
REQUIRED_HEADER_FIELDS = (
    ("number", "number"),
    ("date", "date"),
    ("currency", "currency"),
    ("supplier", "supplier.name"),
    ("total", "totals.total"),
)
# Header fields in the contract's provenance keys, paired with their HeaderFields attribute.
PROVENANCE_KEYS = (
    ("number", "number"),
    ("date", "date"),
    ("currency", "currency"),
    ("supplier.name", "supplier"),
    ("totals.subtotal", "subtotal"),
    ("totals.tax", "tax"),
    ("totals.total", "total"),
)


def build_result(
    *,
    source: dict[str, Any],
    document_type: str,
    header: HeaderFields,
    lines: Sequence[TableLine],
    warnings: Sequence[ParseWarning],
    checks: Sequence[Check],
    confidences: Sequence[str] = (),
    unsure_fields: Sequence[Sequence[str]] = (),
) -> dict[str, Any]:
    return {
        "schemaVersion": SCHEMA_VERSION,
        "source": source,
        "parser": parser_json(),
        "extraction": {"method": "printed-page"},
        "invoice": _invoice_json(document_type, header),
        "lines": [
            _line_json(
                index,
                line,
                confidences[index] if index < len(confidences) else None,
                unsure_fields[index] if index < len(unsure_fields) else (),
            )
            for index, line in enumerate(lines)
        ],
        "warnings": [warning.to_json() for warning in warnings],
        "checks": [check.to_json() for check in checks],
    }


def source_json(data: bytes, page_count: int, media_type: str) -> dict[str, Any]:
    return {
        "sha256": hashlib.sha256(data).hexdigest(),
        "pages": page_count,
        "mediaType": media_type,
        "sizeBytes": len(data),
    }


def parser_json() -> dict[str, Any]:
    return {"name": PARSER_NAME, "version": __version__}


def _invoice_json(document_type: str, header: HeaderFields) -> dict[str, Any]:
    provenance = {
        key: {"page": located.page, "bbox": bbox_json(located.bbox)}
        for key, attribute in PROVENANCE_KEYS
        if (located := getattr(header, attribute)) is not None
    }
    return {
        "documentType": document_type,
        "number": _value(header.number),
        "date": _value(header.date),
        "currency": _value(header.currency),
        "supplier": party_json(_value(header.supplier), header.supplier_vat_id, header.supplier_iban),
        "totals": {
            "subtotal": _money(header.totals_values.get("subtotal")),
            "tax": _money(header.totals_values.get("tax")),
            "total": _money(header.totals_values.get("total")),
        },
        "provenance": provenance,
    }


def _line_json(
    index: int, line: TableLine, confidence: str | None, unsure_fields: Sequence[str]
) -> dict[str, Any]:
    values = line.values
    out: dict[str, Any] = {
        "index": index,
        "kind": line.kind,
        "sku": line.sku,
        "description": line.description,
        "quantity": _money(values.quantity),
        "unit": values.unit,
        "unitPrice": _money(values.unit_price),
        "lineTotal": _money(values.line_total),
        "page": line.page,
        "bbox": bbox_json(bbox_of(line.words)),
    }
    if values.tax_rate is not None:
        out["taxRate"] = format_decimal(values.tax_rate)
    if confidence is not None:
        out["confidence"] = confidence
    if unsure_fields:
        out["unsureFields"] = list(unsure_fields)
    return out


def _value(located: Located | None) -> str | None:
    return None if located is None else located.value


def _money(value: Decimal | None) -> str | None:
    return None if value is None else format_decimal(value)


def bbox_json(box: Box) -> list[float]:
    # Coordinates are never negative in the contract; text bleeding off the page edge is clamped.
    return [max(0.0, round(coordinate, 2)) for coordinate in box]
