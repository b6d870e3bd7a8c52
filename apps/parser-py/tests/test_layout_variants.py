"""Generated layouts changed in one respect (ruled or not, font size) still read exactly: each variant
here once misread. The generator's renderer is used in-process on a modified spec."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

import pytest

from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from generate_invoices import InvoiceRenderer, truth_of
from specs import SPECS

LINE_FIELDS = ("sku", "description", "quantity", "unitPrice", "lineTotal", "kind")


@pytest.mark.parametrize(
    ("name", "change"),
    [
        # Wrapped after a hyphen: "ball-" / "bearing" is "ball-bearing", not "ball- bearing".
        ("wrapped_ruled_bottom", {"font_size": 11.0}),
        # A running head above the ruled columns of a continuation page is in no cell.
        ("multipage_no_header", {"ruled": True}),
        # A bold heading's last line ("note") under the description heading is heading, not item text.
        ("stacked_header_breakdown", {"ruled": False}),
    ],
    ids=["hyphen-wrap-11pt", "ruled-continuation-page", "unruled-stacked-header"],
)
def test_a_layout_variant_reads_exactly(tmp_path: Path, name: str, change: dict[str, Any]) -> None:
    spec = next(spec for spec in SPECS if spec.name == name)
    variant = dataclasses.replace(spec, layout=dataclasses.replace(spec.layout, **change))
    pdf = tmp_path / f"{name}.pdf"
    InvoiceRenderer(variant, pdf).render()

    result = parse_document(pdf.read_bytes(), Settings())

    assert [{key: line[key] for key in LINE_FIELDS} for line in result["lines"]] == truth_of(variant)["lines"]
