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
    ],
)
def test_heading_maps_to_role(heading: str, role: Role) -> None:
    assert column_role(heading) is role
