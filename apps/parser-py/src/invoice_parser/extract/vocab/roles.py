"""The roles a line-item table column can hold: the keys of every language's column headings."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a line-item table column holds."""

    POSITION = "position"
    SKU = "sku"
    DESCRIPTION = "description"
    QUANTITY = "quantity"
    UNIT = "unit"
    UNIT_PRICE = "unit_price"
    AMOUNT = "amount"
    TAX_RATE = "tax_rate"
    DISCOUNT = "discount"
    # "Item" is the SKU when a description column exists, else the description.
    ITEM = "item"
    OTHER = "other"
