"""The benchmark's scanned corpus as image files (bench/scanned_corpus.py, corpus scanned-200-images):
a single-page invoice becomes a PNG or a JPEG by its seed, a multi-page one a multi-page TIFF, each
declaring its resolution, with the truth beside; and the benchmark counts their pages and finds their
truth as it does for PDFs."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from corpora import truth_path
from readers import reads
from run_benchmark import _page_count
from scanned_corpus import write_image_scans, write_scans

DPI = 100  # small pages keep the test fast; the wrapping does not depend on it


def _invoice(folder: Path, name: str, pages: int) -> Path:
    """A tiny invoice of `pages` pages and a truth file beside it."""
    pdf = folder / f"{name}.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    for number in range(1, pages + 1):
        canvas.drawString(72, 760, f"Invoice {name}, page {number}")
        canvas.drawString(72, 700, "1  Widget  2,00  4,00")
        canvas.showPage()
    canvas.save()
    truth_path(pdf).write_text('{"lines": [{"quantity": "1"}]}', encoding="utf-8")
    return pdf


def test_single_pages_become_png_or_jpeg_by_seed_and_several_pages_one_tiff(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    sources = [
        _invoice(source, "seed-1000", 1),
        _invoice(source, "seed-1005", 1),
        _invoice(source, "seed-1010", 3),
    ]

    written = write_image_scans(sources, tmp_path / "images", DPI)

    assert [path.name for path in written] == ["seed-1000.png", "seed-1005.jpg", "seed-1010.tif"]
    expected = {"seed-1000.png": ("PNG", 1), "seed-1005.jpg": ("JPEG", 1), "seed-1010.tif": ("TIFF", 3)}
    for path in written:
        with Image.open(path) as image:
            assert (image.format, getattr(image, "n_frames", 1)) == expected[path.name]
            assert image.mode == "L"
            assert round(image.info["dpi"][0]) == DPI
            # The page at DPI: points to pixels, within pdfium's rounding.
            for pixels, points in zip(image.size, A4, strict=True):
                assert abs(pixels - points / 72 * DPI) <= 1
            if image.format == "TIFF":
                assert image.info["compression"] == "tiff_adobe_deflate"  # lossless
        assert _page_count(path) == expected[path.name][1]
        assert truth_path(path).read_text(encoding="utf-8") == truth_path(
            source / f"{path.stem}.pdf"
        ).read_text(encoding="utf-8")


def test_the_image_files_hold_the_same_pages_as_the_image_only_pdfs(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    sources = [_invoice(source, "seed-1010", 2)]

    (pdf,) = write_scans(sources, tmp_path / "pdfs", DPI)
    (tiff,) = write_image_scans(sources, tmp_path / "images", DPI)

    assert _page_count(pdf) == _page_count(tiff) == 2


def test_only_the_readers_that_open_images_run_on_them() -> None:
    assert reads("parser", "scanned-200-images")
    assert reads("ocrmypdf", "scanned-200-images")
    assert not reads("baseline", "scanned-200-images")
    assert not reads("camelot", "scanned-200-images")
    assert reads("baseline", "scanned-200")


def test_a_scan_is_the_same_whatever_was_written_before_it(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    sources = [_invoice(source, "seed-1000", 1)]

    (first,) = write_image_scans(sources, tmp_path / "first", DPI)
    write_scans([_invoice(source, "seed-1001", 2)], tmp_path / "between", DPI)  # draws grain of its own
    (second,) = write_image_scans(sources, tmp_path / "second", DPI)

    with Image.open(first) as one, Image.open(second) as other:
        assert one.tobytes() == other.tobytes()
