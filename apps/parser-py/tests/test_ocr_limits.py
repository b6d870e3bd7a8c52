"""What OCR refuses, each with its code and never a traceback: image bombs, TIFFs of thousands of
pages, damaged images, a missing engine, a document that takes too long."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from helpers import only_document, run_cli
from PIL import Image

from invoice_parser import errors
from invoice_parser.errors import ParserError
from invoice_parser.ocr.words import ink_words, page_words
from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings

MISSING_ENGINE = "/nonexistent/bin/tesseract"


def _code_of(data: bytes, settings: Settings | None = None) -> ParserError:
    with pytest.raises(ParserError) as raised:
        parse_document(data, settings or Settings())
    return raised.value


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_bomb(width: int, height: int) -> bytes:
    """A valid PNG header declaring width x height 1-bit pixels, with one compressed row of data: a
    few dozen bytes that would decode to gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = zlib.compress(b"\x00" * (1 + width // 8), 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", row)
        + _png_chunk(b"IEND", b"")
    )


def _small_page(text: str = "Invoice 1") -> Image.Image:
    from PIL import ImageDraw

    image = Image.new("L", (400, 120), 255)
    ImageDraw.Draw(image).text((20, 40), text, fill=0)
    return image


def _encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=kind, **options)
    return buffer.getvalue()


def test_an_image_bomb_is_refused_before_it_is_decoded() -> None:
    bomb = _png_bomb(60_000, 60_000)  # 3.6 gigapixels
    assert len(bomb) < 10_000

    error = _code_of(bomb)

    assert error.code == errors.TOO_LARGE
    assert error.details["maxPixels"] == Settings().ocr_max_pixels


def test_a_page_just_over_the_pixel_limit_is_too_large() -> None:
    error = _code_of(_encoded(_small_page(), "PNG"), Settings(ocr_max_pixels=400 * 120 - 1))

    assert error.code == errors.TOO_LARGE


def test_a_tiff_of_more_pages_than_ocr_reads_is_refused_before_any_is_read() -> None:
    frames = [Image.new("L", (8, 8), 255) for _ in range(2_000)]
    tiff = _encoded(frames[0], "TIFF", save_all=True, append_images=frames[1:])

    error = _code_of(tiff)

    assert error.code == errors.TOO_MANY_PAGES
    assert error.details == {"maxPages": Settings().ocr_max_pages}


def test_a_truncated_jpeg_is_corrupt() -> None:
    jpeg = _encoded(_small_page(), "JPEG", quality=90)

    assert _code_of(jpeg[: len(jpeg) // 2]).code == errors.CORRUPT


def test_without_the_engine_a_scan_fails_saying_how_to_install_it() -> None:
    error = _code_of(_encoded(_small_page(), "PNG"), Settings(tesseract=MISSING_ENGINE))

    assert error.code == errors.OCR_UNAVAILABLE
    assert "apt-get install tesseract-ocr" in error.message


def test_without_the_engine_text_pdfs_and_blank_pages_still_parse(fixtures_dir: Path) -> None:
    settings = Settings(tesseract=MISSING_ENGINE)
    result = parse_document((fixtures_dir / "ruled_basic.pdf").read_bytes(), settings)

    assert len(result["lines"]) == 5
    assert "ocr" not in result["extraction"]
    # A blank image needs no engine to find it has no text.
    assert _code_of(_encoded(Image.new("L", (300, 300), 255), "PNG"), settings).code == errors.NO_TEXT_LAYER


def test_the_command_line_reports_a_missing_engine_as_a_coded_error(tmp_path: Path) -> None:
    scan = tmp_path / "scan.png"
    scan.write_bytes(_encoded(_small_page(), "PNG"))

    completed = run_cli("parse", str(scan), env={"INVOICE_PARSER_TESSERACT": MISSING_ENGINE})

    assert completed.returncode == 1
    assert only_document(completed.stdout)["error"]["code"] == "OCR_UNAVAILABLE"
    assert "Traceback" not in completed.stderr


def test_a_document_out_of_ocr_time_ends_in_timeout() -> None:
    error = _code_of(_encoded(_small_page(), "PNG"), Settings(ocr_document_seconds=0))

    assert error.code == errors.TIMEOUT


def test_ink_boxes_become_font_boxes_on_one_baseline() -> None:
    # "mm" (x-height only), "Mg" (capital and descender) and "12,50" (digits and a comma) printed
    # on one line at 300 dpi in a 10-point font (41.7 px): the ink differs, the font boxes do not.
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "5\t1\t1\t1\t1\t1\t100\t1078\t40\t22\t95.5\tmm",
        "5\t1\t1\t1\t1\t2\t150\t1070\t40\t39\t91.0\tMg",
        "5\t1\t1\t1\t1\t3\t200\t1070\t60\t35\t42.0\t12,50",
        "5\t1\t1\t1\t1\t4\t300\t600\t4\t200\t30.0\t|",  # a table rule read as a bar
    ]

    words = page_words(ink_words("\n".join([header, *rows])), 72 / 300)

    assert [word.text for word in words] == ["mm", "Mg", "12,50"]
    bottoms = [word.bottom for word in words]
    assert max(bottoms) - min(bottoms) < 0.2  # points
    # Baseline at 1100 px = 264 pt; the font box reaches 0.21 of the size below it.
    assert bottoms[0] == pytest.approx(264 + 0.21 * 10, abs=0.2)
    assert len({word.size for word in words}) == 1
    assert words[0].size == pytest.approx(10, abs=0.2)
    assert [word.ocr_confidence for word in words] == [95.5, 91.0, 42.0]


def test_words_run_together_by_ocr_are_parted_and_rules_taken_off() -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "5\t1\t1\t1\t1\t1\t100\t1070\t120\t30\t90.0\t2stuks",  # a narrow space not seen
        "5\t1\t1\t1\t1\t2\t300\t1070\t100\t30\t90.0\t2|pcs",  # a column rule read into the word
        "5\t1\t1\t1\t1\t3\t500\t1070\t40\t30\t90.0\t3]",  # a rule stuck to the figure
        "5\t1\t1\t1\t1\t4\t600\t1070\t80\t30\t90.0\tM4x20",  # a code, left whole
    ]

    words = ink_words("\n".join([header, *rows]))

    assert [word.text for word in words] == ["2", "stuks", "2", "pcs", "3", "M4x20"]
    two, stuks = words[0], words[1]
    assert (two.left, stuks.left + stuks.width) == (100, 220)
    assert two.left + two.width <= stuks.left
