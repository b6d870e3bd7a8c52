"""A price cell that prints list price, discount and net price, and a SKU cell with a label."""

from __future__ import annotations

from decimal import Decimal

import pytest

from invoice_parser.extract.line_code import sku_cell_value
from invoice_parser.extract.price_breakdown import labelled_figure


@pytest.mark.parametrize(
    ("text", "separator", "expected"),
    [
        ("(Brut: 65,00)", ",", ("brut", Decimal("65.00"))),
        ("(Net): 60,00", ",", ("net", Decimal("60.00"))),
        ("List price 1,234.50", ".", ("list price", Decimal("1234.50"))),
        ("Netto: 9,50", ",", ("netto", Decimal("9.50"))),
    ],
)
def test_a_labelled_figure_reads_its_label_and_value(
    text: str, separator: str, expected: tuple[str, Decimal]
) -> None:
    assert labelled_figure(text, separator) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["12.50", "Disc.: 10 %", "Net:", "(Rabais: 5 %)"])
def test_a_plain_figure_or_a_percentage_is_no_labelled_price(text: str) -> None:
    assert labelled_figure(text, ".") is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("AB-1234", "AB-1234"),
        ("Item no.: WB-12090", "WB-12090"),
        ("Réf. : AP-LT-2", "AP-LT-2"),
        ("Art.-Nr.: 4711", "4711"),
        ("# ligne BC: 3", None),  # the buyer's order line, not an article
        ("Art-Nr-Kunde: K-1", None),  # the buyer's own code for the article
        ("", None),
    ],
)
def test_a_sku_cell_gives_the_code_after_a_seller_label_only(cell: str, expected: str | None) -> None:
    assert sku_cell_value(cell) == expected
