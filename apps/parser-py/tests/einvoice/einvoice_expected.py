"""Whole expected ParseResult line dicts, spelled out field by field for the tests."""

from __future__ import annotations

from typing import Any

NO_PLACE = {"page": 1, "bbox": [0.0, 0.0, 0.0, 0.0]}


def item_line(
    index: int,
    sku: str | None,
    description: str,
    quantity: str,
    unit: str,
    unit_price: str,
    line_total: str,
    tax_rate: str,
) -> dict[str, Any]:
    return {
        "index": index,
        "kind": "item",
        "sku": sku,
        "description": description,
        "quantity": quantity,
        "unit": unit,
        "unitPrice": unit_price,
        "lineTotal": line_total,
        **NO_PLACE,
        "taxRate": tax_rate,
        "confidence": "high",
    }


def group_line(
    index: int,
    sku: str | None,
    description: str,
    quantity: str,
    unit: str,
    unit_price: str,
    line_total: str,
    tax_rate: str,
) -> dict[str, Any]:
    """An EXTENDED GROUP row: an item line's fields, of kind "group"."""
    return {
        **item_line(index, sku, description, quantity, unit, unit_price, line_total, tax_rate),
        "kind": "group",
    }


def charge_line(index: int, description: str, line_total: str, tax_rate: str | None) -> dict[str, Any]:
    line: dict[str, Any] = {
        "index": index,
        "kind": "charge",
        "sku": None,
        "description": description,
        "quantity": None,
        "unit": None,
        "unitPrice": None,
        "lineTotal": line_total,
        **NO_PLACE,
    }
    if tax_rate is not None:
        line["taxRate"] = tax_rate
    line["confidence"] = "high"
    return line


def header(
    number: str,
    date: str,
    supplier: str,
    subtotal: str,
    tax: str,
    total: str,
    currency: str = "EUR",
    document_type: str = "invoice",
) -> dict[str, Any]:
    return {
        "documentType": document_type,
        "number": number,
        "date": date,
        "currency": currency,
        "supplier": {"name": supplier},
        "totals": {"subtotal": subtotal, "tax": tax, "total": total},
    }
