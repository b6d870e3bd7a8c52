"""Column headings map to the role a reader of the invoice would give them."""

import pytest

from invoice_parser.extract.keywords import Role, column_role


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        # Regression: US billing software prints the item number under "Item #"; it was read as a position.
        ("Item #", Role.SKU),
        ("#", Role.POSITION),
        ("Line", Role.POSITION),
        ("Art.-Nr.", Role.SKU),
        ("Qty Ordered", Role.QUANTITY),
        ("Menge", Role.QUANTITY),
        ("Prix unitaire", Role.UNIT_PRICE),
        ("Rate", Role.UNIT_PRICE),
        ("Amount", Role.AMOUNT),
        ("Bezeichnung", Role.DESCRIPTION),
        ("Hours", Role.QUANTITY),
        ("Particulars", Role.DESCRIPTION),
        ("Qty shipped", Role.QUANTITY),
    ],
)
def test_heading_maps_to_role(heading: str, role: Role) -> None:
    assert column_role(heading) is role


def _quantity_heading(*headings: str) -> str | None:
    """The heading that keeps the quantity role when a header row names all of these, left to right."""
    from invoice_parser.extract.columns import Column, _resolve_roles

    columns = [
        Column(role=column_role(h) or Role.OTHER, heading=h, header_x0=100.0 * i, header_x1=100.0 * i + 50)
        for i, h in enumerate(("Description", *headings, "Unit price", "Amount"))
    ]
    return next((c.heading for c in _resolve_roles(columns) if c.role is Role.QUANTITY), None)


@pytest.mark.parametrize(
    ("headings", "invoiced"),
    [
        (("Qty ordered", "Qty shipped"), "Qty shipped"),
        (("Shipped", "Ordered"), "Shipped"),
        (("Ordered", "Qty"), "Qty"),
        (("Bestellmenge", "Liefermenge"), "Liefermenge"),
        (("Qté commandée", "Qté livrée"), "Qté livrée"),
        (("Qty", "Units"), "Qty"),  # nothing says which: the first, as before
    ],
)
def test_of_two_quantity_columns_the_delivered_one_is_the_quantity(
    headings: tuple[str, ...], invoiced: str
) -> None:
    assert _quantity_heading(*headings) == invoiced
