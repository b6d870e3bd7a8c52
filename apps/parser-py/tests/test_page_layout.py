"""The page layout written beside the result: each page's rows, their words, and each row read alone
as an item line by the parser's own steps (what a box drawn round a missed line is answered with)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from einvoice.einvoice_samples import MINIMAL_CII

from invoice_parser.contracts import validation_errors
from invoice_parser.page_layout import LAYOUT_SCHEMA
from invoice_parser.parser import parse_document_and_layout
from invoice_parser.settings import Settings


def _layout(path: Path, **overrides: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    result, layout = parse_document_and_layout(path.read_bytes(), Settings(**overrides))
    assert layout is not None
    return result, layout


def _row(layout: dict[str, Any], starts_with: str) -> dict[str, Any]:
    rows = [row for page in layout["pages"] for row in page["rows"]]
    return next(row for row in rows if " ".join(w["text"] for w in row["words"]).startswith(starts_with))


def _values(row: dict[str, Any]) -> dict[str, Any]:
    return {key: None if field is None else field["value"] for key, field in row["reading"].items()}


def _texts(row: dict[str, Any], key: str) -> list[str]:
    return [row["words"][i]["text"] for i in row["reading"][key]["words"]]


def test_the_layout_matches_its_schema_and_the_document(fixtures_dir: Path) -> None:
    result, layout = _layout(fixtures_dir / "ruled_basic.pdf")

    assert validation_errors(layout, LAYOUT_SCHEMA) == []
    assert layout["source"]["sha256"] == result["source"]["sha256"]
    assert [page["page"] for page in layout["pages"]] == [1]
    assert (layout["pages"][0]["width"], layout["pages"][0]["height"]) == (595.28, 841.89)


def test_an_item_row_reads_as_the_parser_read_its_line(fixtures_dir: Path) -> None:
    result, layout = _layout(fixtures_dir / "ruled_basic.pdf")

    row = _row(layout, "PJ-2500")

    assert _values(row) == {
        "sku": "PJ-2500",
        "description": "Pallet jack 2.5 t",
        "quantity": "1",
        "unit": None,
        "unitPrice": "389.50",
        "lineTotal": "389.50",
    }
    line = next(line for line in result["lines"] if line["sku"] == "PJ-2500")
    assert row["bbox"] == line["bbox"] == [44.0, 234.51, 551.28, 243.51]
    assert _texts(row, "description") == ["Pallet", "jack", "2.5", "t"]
    assert _texts(row, "lineTotal") == ["389.50"]
    assert row["words"][0] == {"text": "PJ-2500", "bbox": row["words"][0]["bbox"]}


def test_a_unit_printed_after_the_quantity_is_read(fixtures_dir: Path) -> None:
    _, layout = _layout(fixtures_dir / "german.pdf")

    row = _row(layout, "2 KT-D5")

    assert _values(row) == {
        "sku": "KT-D5",
        "description": "Kühlzellen-Thermometer digital",
        "quantity": "5",
        "unit": "Stk",
        "unitPrice": "36.80",
        "lineTotal": "184.00",
    }


def test_a_row_without_line_figures_is_all_description(fixtures_dir: Path) -> None:
    _, layout = _layout(fixtures_dir / "wrapped_unruled.pdf")

    row = _row(layout, "protection,")

    assert _values(row) == {
        "sku": None,
        "description": "protection, surface mounted, metal enclosure",
        "quantity": None,
        "unit": None,
        "unitPrice": None,
        "lineTotal": None,
    }
    assert _values(_row(layout, "77 Meridian"))["description"] == "77 Meridian Road"


def test_a_charge_row_reads_its_amount_only(fixtures_dir: Path) -> None:
    _, layout = _layout(fixtures_dir / "services_hours.pdf")

    assert _values(_row(layout, "Call-out fee")) == {
        "sku": None,
        "description": "Call-out fee",
        "quantity": None,
        "unit": None,
        "unitPrice": None,
        "lineTotal": "45.00",
    }


def test_rows_and_words_past_the_bounds_are_left_out(fixtures_dir: Path) -> None:
    _, full = _layout(fixtures_dir / "multipage_repeated_header.pdf")
    _, bounded = _layout(
        fixtures_dir / "multipage_repeated_header.pdf",
        layout_max_rows_per_page=5,
        layout_max_words_per_row=3,
        layout_max_words=20,
    )

    assert validation_errors(bounded, LAYOUT_SCHEMA) == []
    assert len(bounded["pages"]) == len(full["pages"])
    assert all(page["truncated"] for page in bounded["pages"])
    assert all(len(row["words"]) <= 3 for page in bounded["pages"] for row in page["rows"])
    assert sum(len(row["words"]) for page in bounded["pages"] for row in page["rows"]) <= 20
    assert not any(page["truncated"] for page in full["pages"])


def test_an_xml_upload_has_no_layout() -> None:
    result, layout = parse_document_and_layout(MINIMAL_CII, Settings())

    assert result["extraction"]["method"] == "e-invoice"
    assert layout is None
