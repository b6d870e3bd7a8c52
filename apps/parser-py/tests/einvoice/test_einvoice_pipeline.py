"""The e-invoice path through the whole parser: `python -m invoice_parser parse FILE` on a PDF
carrying a CII, on a bare XML upload, on hostile XML, and with attachments switched off."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import GOLDEN_DIR
from einvoice_expected import NO_PLACE, group_line, item_line
from einvoice_pdfs import page_without_text, with_attachment
from einvoice_samples import EN16931, EXTENDED, MINIMAL_CII, cii_invoice, cii_line, summation
from helpers import only_document, run_cli

from invoice_parser.contracts import ERROR_SCHEMA, validation_errors

# ruled_basic.pdf's printed lines (fixtures/generated/ruled_basic.truth.json) as an e-invoice.
RULED_BASIC_LINES = (
    ("SHF-1800", "Steel shelving unit 180 cm", "2", "149.00", "298.00"),
    ("PJ-2500", "Pallet jack 2.5 t", "1", "389.50", "389.50"),
    ("GL-L-044", "Safety gloves, size L", "12", "4.75", "57.00"),
    ("BIN-40B", "Storage bin 40 l, blue", "8", "11.20", "89.60"),
    ("TAPE-50Y", "Floor marking tape 50 m", "3", "17.99", "53.97"),
)
DOCTYPE_XML = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "x">]><r>&x;</r>'


def _ruled_basic_cii(quantities: dict[str, str] | None = None) -> bytes:
    """ruled_basic's invoice as a CII whose lines run in reverse, so that only the SKU can pair
    them with the printed ones; quantities overrides a line's quantity by SKU."""
    lines = "".join(
        cii_line(str(position), name, (quantities or {}).get(sku, quantity), price, total, seller_id=sku)
        for position, (sku, name, quantity, price, total) in enumerate(reversed(RULED_BASIC_LINES), 1)
    )
    return cii_invoice(
        lines,
        summation("888.07", "888.07", "177.61", "1065.68"),
        number="INV-2026-0142",
        currency="GBP",
    )


def _golden() -> dict[str, Any]:
    golden: dict[str, Any] = json.loads((GOLDEN_DIR / "ruled_basic.json").read_text(encoding="utf-8"))
    return golden


def _printed_boxes() -> dict[str, list[float]]:
    return {line["sku"]: line["bbox"] for line in _golden()["lines"]}


def _parse(path: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    completed = run_cli("parse", str(path), env=env)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    result = only_document(completed.stdout)
    assert validation_errors(result) == []
    return result


def _ruled_basic_with(tmp_path: Path, fixtures_dir: Path, xml: bytes) -> Path:
    pdf = tmp_path / "ruled_basic_factur_x.pdf"
    pdf.write_bytes(with_attachment((fixtures_dir / "ruled_basic.pdf").read_bytes(), "factur-x.xml", xml))
    return pdf


def test_a_pdf_with_an_embedded_cii_gives_the_xml_lines_placed_on_the_page(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    result = _parse(_ruled_basic_with(tmp_path, fixtures_dir, _ruled_basic_cii()))

    boxes = _printed_boxes()
    assert result["extraction"] == {
        "method": "e-invoice",
        "eInvoiceFormat": "CII",
        "eInvoiceProfile": EN16931,
    }
    assert (result["source"]["mediaType"], result["source"]["pages"]) == ("application/pdf", 1)
    assert result["lines"] == [
        {**item_line(index, sku, name, quantity, "H87", price, total, "19.00"), "bbox": boxes[sku]}
        for index, (sku, name, quantity, price, total) in enumerate(reversed(RULED_BASIC_LINES))
    ]
    assert result["invoice"]["provenance"] == _golden()["invoice"]["provenance"]
    assert result["warnings"] == []
    assert result["checks"][0] == {
        "name": "einvoice-printed-agreement",
        "status": "pass",
        "expected": None,
        "actual": None,
    }
    # The XML's own arithmetic: each line, the lines against the tax basis, the grand total.
    assert [(check["name"], check["status"]) for check in result["checks"][1:]] == [
        *[("line-arithmetic", "pass")] * 5,
        ("lines-sum-subtotal", "pass"),
        ("subtotal-tax-total", "pass"),
    ]


def test_group_rows_of_an_extended_cii_are_group_lines_the_page_comparison_leaves_alone(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    # Arrange: the first two printed lines as the DETAIL rows of a GROUP row the page does not print
    (shelf, jack, *rest) = RULED_BASIC_LINES
    lines = (
        cii_line("01", "Warehouse kit", "1", "687.50", "687.50", seller_id="KIT-1", status="GROUP")
        + "".join(
            cii_line(f"01.{n}", name, quantity, price, total, seller_id=sku, status="DETAIL", parent="01")
            for n, (sku, name, quantity, price, total) in enumerate((shelf, jack), 1)
        )
        + "".join(
            cii_line(str(n), name, quantity, price, total, seller_id=sku)
            for n, (sku, name, quantity, price, total) in enumerate(rest, 2)
        )
    )
    xml = cii_invoice(
        lines,
        summation("888.07", "888.07", "177.61", "1065.68"),
        number="INV-2026-0142",
        currency="GBP",
        profile=EXTENDED,
    )

    # Act
    result = _parse(_ruled_basic_with(tmp_path, fixtures_dir, xml))

    # Assert: the group keeps the placeholder place (the page reading left its row out), the items
    # are placed; nothing disagrees and the lines sum to the tax basis without the subtotal.
    boxes = _printed_boxes()
    assert result["lines"] == [
        {**group_line(0, "KIT-1", "Warehouse kit", "1", "H87", "687.50", "687.50", "19.00"), **NO_PLACE},
        *(
            {**item_line(index, sku, name, quantity, "H87", price, total, "19.00"), "bbox": boxes[sku]}
            for index, (sku, name, quantity, price, total) in enumerate(RULED_BASIC_LINES, 1)
        ),
    ]
    assert result["warnings"] == []
    assert [(check["name"], check["status"]) for check in result["checks"]] == [
        ("einvoice-printed-agreement", "pass"),
        *[("line-arithmetic", "pass")] * 6,
        ("lines-sum-subtotal", "pass"),
        ("subtotal-tax-total", "pass"),
    ]


def test_a_printed_page_disagreeing_with_the_xml_is_reported(fixtures_dir: Path, tmp_path: Path) -> None:
    result = _parse(_ruled_basic_with(tmp_path, fixtures_dir, _ruled_basic_cii({"GL-L-044": "10"})))

    assert result["lines"][2]["quantity"] == "10"
    # 10 x 4.75 is not the 57.00 the XML states either: its own arithmetic says so too.
    assert [warning["code"] for warning in result["warnings"]] == [
        "LINE_ARITHMETIC_MISMATCH",
        "EINVOICE_PRINTED_MISMATCH",
    ]
    assert result["warnings"][1:] == [
        {
            "code": "EINVOICE_PRINTED_MISMATCH",
            "message": "line 2 quantity: the e-invoice says 10, the printed page 12",
            "field": "quantity",
            "details": {"eInvoice": "10", "printed": "12"},
            "lineIndex": 2,
        }
    ]
    assert result["checks"][0]["status"] == "fail"


def test_an_unreadable_attachment_falls_back_to_the_printed_page(fixtures_dir: Path, tmp_path: Path) -> None:
    result = _parse(_ruled_basic_with(tmp_path, fixtures_dir, b"<rsm:CrossIndustryInvoice>"))

    assert result["extraction"] == {"method": "printed-page"}
    assert result["lines"] == _golden()["lines"]
    [warning] = result["warnings"]
    assert (warning["code"], warning["details"]["code"]) == ("EINVOICE_UNREADABLE", "INVALID_XML")


def test_ignoring_attachments_returns_the_printed_reading(fixtures_dir: Path, tmp_path: Path) -> None:
    pdf = _ruled_basic_with(tmp_path, fixtures_dir, _ruled_basic_cii({"GL-L-044": "10"}))

    result = _parse(pdf, env={"INVOICE_PARSER_IGNORE_EINVOICE": "1"})

    golden = _golden()
    assert {**result, "source": None} == {**golden, "source": None}


def test_a_bare_xml_upload_is_read_whatever_its_name(tmp_path: Path) -> None:
    upload = tmp_path / "upload.pdf"
    upload.write_bytes(MINIMAL_CII)

    result = _parse(upload)

    assert (result["source"]["mediaType"], result["source"]["pages"]) == ("application/xml", 0)
    assert result["extraction"]["method"] == "e-invoice"
    assert result["lines"] == [
        item_line(0, "HAM-500", "Hammer 500 g", "2.0000", "H87", "12.50", "25.00", "19.00")
    ]
    assert result["warnings"] == []


def test_hostile_xml_exits_1_with_invalid_xml(tmp_path: Path) -> None:
    upload = tmp_path / "invoice.xml"
    upload.write_bytes(DOCTYPE_XML)

    completed = run_cli("parse", str(upload))

    assert completed.returncode == 1
    record = only_document(completed.stdout)
    assert record == {
        "error": {
            "code": "INVALID_XML",
            "message": "XML with a DOCTYPE declaration is refused",
            "details": {"refused": "a DOCTYPE declaration"},
        }
    }
    assert validation_errors(record, ERROR_SCHEMA) == []


def test_a_pdf_carrying_only_xml_that_is_no_invoice_says_why_it_was_not_used(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "with_notes.pdf"
    notes = b"<?xml version='1.0'?><config><debug>true</debug></config>"
    pdf.write_bytes(with_attachment((fixtures_dir / "ruled_basic.pdf").read_bytes(), "notes.xml", notes))

    result = _parse(pdf)

    assert result["extraction"] == {"method": "printed-page"}
    assert result["warnings"][-1] == {
        "code": "EINVOICE_UNREADABLE",
        "message": "the PDF carries XML (notes.xml) but none of it is a CII or UBL invoice; "
        "the printed page was used",
        "details": {"code": "INVALID_XML", "attachments": ["notes.xml"]},
    }


def test_a_pdf_without_any_attachment_is_the_printed_reading_without_an_einvoice_warning(
    fixtures_dir: Path,
) -> None:
    result = _parse(fixtures_dir / "ruled_basic.pdf")

    assert result["extraction"] == {"method": "printed-page"}
    assert not [warning for warning in result["warnings"] if warning["code"].startswith("EINVOICE")]


def test_a_scanned_page_carrying_an_einvoice_is_read_from_the_xml(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(with_attachment(page_without_text(), "factur-x.xml", MINIMAL_CII))

    result = _parse(scan)

    assert (result["extraction"]["method"], result["source"]["pages"]) == ("e-invoice", 1)
    assert result["lines"] == [
        item_line(0, "HAM-500", "Hammer 500 g", "2.0000", "H87", "12.50", "25.00", "19.00")
    ]
    # Nothing could be compared with the page, and the result says so.
    assert result["checks"][0] == {"name": "einvoice-printed-agreement", "status": "skipped"}


def test_a_scanned_page_without_an_einvoice_still_fails_as_a_scan(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(page_without_text())

    completed = run_cli("parse", str(scan))

    assert completed.returncode == 1
    assert only_document(completed.stdout)["error"]["code"] == "NO_TEXT_LAYER"
