"""The page copy (ocr/page_copy.py): the document as the parser read it, for the review to show under the
boxes it reports. Every page of the result is there in order, at the size the layout gives it; a page
read by OCR is its image, a page with a text layer the original page, unchanged."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from helpers import run_cli
from PIL import Image

from invoice_parser.io import page_copy_uri
from invoice_parser.parser import ParseOutputs, parse_document_outputs
from invoice_parser.settings import Settings

DPI = 200


def _pages(pdf: Path) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [
            document[index].render(scale=DPI / 72, grayscale=True).to_pil() for index in range(len(document))
        ]
    finally:
        document.close()


def _scanned_pdf(page: Image.Image) -> bytes:
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=DPI)
    return buffer.getvalue()


def _tiff(frames: list[Image.Image]) -> bytes:
    first, *rest = frames
    buffer = io.BytesIO()
    first.save(buffer, format="TIFF", dpi=(DPI, DPI), save_all=True, append_images=rest)
    return buffer.getvalue()


def _copy_pages(copy: bytes) -> list[dict[str, Any]]:
    """Each page of the copy: its size, its text layer and how many images it draws."""
    document = pdfium.PdfDocument(copy)
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            text = page.get_textpage()
            images = len(list(page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE])))
            pages.append({"width": width, "height": height, "text": text.get_text_range(), "images": images})
            text.close()
            page.close()
        return pages
    finally:
        document.close()


def _sizes(outputs: ParseOutputs) -> list[tuple[float, float]]:
    assert outputs.layout is not None
    return [(page["width"], page["height"]) for page in outputs.layout["pages"]]


def _assert_same_sizes(copy: list[dict[str, Any]], outputs: ParseOutputs) -> None:
    # The layout rounds to hundredths of a point; the copy's page is the PageText's size as a float.
    assert len(copy) == outputs.result["source"]["pages"]
    for page, (width, height) in zip(copy, _sizes(outputs), strict=True):
        assert page["width"] == pytest.approx(width, abs=0.006)
        assert page["height"] == pytest.approx(height, abs=0.006)


@pytest.fixture(scope="module")
def unruled_scan(fixtures_dir: Path) -> Image.Image:
    return _pages(fixtures_dir / "unruled_basic.pdf")[0]


def test_a_scanned_pdf_copies_as_the_image_its_words_were_read_from(unruled_scan: Image.Image) -> None:
    outputs = parse_document_outputs(_scanned_pdf(unruled_scan), Settings())

    assert outputs.page_copy is not None
    copy = _copy_pages(outputs.page_copy)
    _assert_same_sizes(copy, outputs)
    assert copy[0]["images"] == 1
    assert copy[0]["text"] == ""
    # A JPEG page, not the PNG tesseract read: a few hundred kilobytes at most.
    assert len(outputs.page_copy) < 400_000


def test_a_page_scanned_sideways_copies_upright(unruled_scan: Image.Image) -> None:
    buffer = io.BytesIO()
    unruled_scan.rotate(90, expand=True).save(buffer, format="PNG", dpi=(DPI, DPI))

    outputs = parse_document_outputs(buffer.getvalue(), Settings())

    assert outputs.page_copy is not None
    copy = _copy_pages(outputs.page_copy)
    _assert_same_sizes(copy, outputs)
    assert copy[0]["height"] > copy[0]["width"]


def test_a_two_frame_tiff_copies_both_frames_at_their_sizes(fixtures_dir: Path) -> None:
    first, second, *_ = _pages(fixtures_dir / "multipage_repeated_header.pdf")

    outputs = parse_document_outputs(_tiff([first, second]), Settings())

    assert outputs.page_copy is not None
    copy = _copy_pages(outputs.page_copy)
    assert len(copy) == 2
    _assert_same_sizes(copy, outputs)
    assert [page["images"] for page in copy] == [1, 1]


def test_a_mixed_pdf_keeps_its_typed_pages_text(fixtures_dir: Path) -> None:
    pdf = fixtures_dir / "multipage_repeated_header.pdf"
    scan = _scanned_pdf(_pages(pdf)[1])
    mixed = pdfium.PdfDocument.new()
    typed, scanned = pdfium.PdfDocument(pdf), pdfium.PdfDocument(scan)
    mixed.import_pages(typed, [0])
    mixed.import_pages(scanned, [0])
    mixed.import_pages(typed, [2])
    buffer = io.BytesIO()
    mixed.save(buffer)
    for document in (mixed, typed, scanned):
        document.close()
    originals = _copy_pages(buffer.getvalue())

    outputs = parse_document_outputs(buffer.getvalue(), Settings())

    assert outputs.result["extraction"]["ocr"]["pages"] == [2]
    assert outputs.page_copy is not None
    copy = _copy_pages(outputs.page_copy)
    _assert_same_sizes(copy, outputs)
    assert [page["text"] for page in copy] == [originals[0]["text"], "", originals[2]["text"]]
    assert originals[0]["text"] != ""
    assert [page["images"] for page in copy] == [0, 1, 0]


def test_a_text_pdf_has_no_copy(fixtures_dir: Path) -> None:
    outputs = parse_document_outputs((fixtures_dir / "unruled_basic.pdf").read_bytes(), Settings())

    assert outputs.page_copy is None
    assert outputs.layout is not None


def test_the_runner_writes_the_copy_beside_the_result_only_for_ocr(
    tmp_path: Path, fixtures_dir: Path, unruled_scan: Image.Image
) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(_scanned_pdf(unruled_scan))
    for name, source in (("scan", scan), ("text", fixtures_dir / "unruled_basic.pdf")):
        output = tmp_path / name / "attempt-1.json"
        completed = run_cli(
            "run", "--input", str(source), "--output", str(output), "--error-output", str(tmp_path / "e.json")
        )
        assert completed.returncode == 0, completed.stderr
        assert json.loads(output.read_text())["source"]["pages"] == 1
        copy = Path(page_copy_uri(str(output)))
        assert copy.name == "attempt-1.pages.pdf"
        assert copy.exists() == (name == "scan")
    assert len(_copy_pages((tmp_path / "scan" / "attempt-1.pages.pdf").read_bytes())) == 1
