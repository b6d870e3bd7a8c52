"""Noisy scans: the page cleanup that makes grey, grainy paper white, and the words tesseract runs
together on such pages parted again."""

from __future__ import annotations

import random

from PIL import Image, ImageDraw

from invoice_parser.ocr.cleanup import flattened
from invoice_parser.ocr.words import ink_words

_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _tsv(*texts: str) -> str:
    rows = [
        f"5\t1\t1\t1\t1\t{index}\t{100 + 200 * index}\t1070\t120\t30\t90.0\t{text}"
        for index, text in enumerate(texts, start=1)
    ]
    return "\n".join([_HEADER, *rows])


def _grainy_page() -> Image.Image:
    """Grey paper with sensor grain, a shaded band and one black bar of ink."""
    chance = random.Random(7)
    page = Image.new("L", (400, 300))
    page.putdata([chance.randint(200, 230) for _ in range(400 * 300)])
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 100, 399, 160), fill=185)  # a tinted table row
    draw.rectangle((50, 120, 250, 130), fill=30)  # ink on it
    return page


def test_grain_on_grey_paper_and_on_a_tinted_row_becomes_white_and_ink_stays_black() -> None:
    clean = flattened(_grainy_page())

    paper = clean.crop((0, 0, 400, 90)).getextrema()
    tinted_row = clean.crop((0, 140, 400, 160)).getextrema()
    ink = clean.crop((60, 122, 240, 128)).getextrema()

    assert paper == (255, 255)
    assert tinted_row == (255, 255)
    assert ink[1] < 60


def test_a_quantity_run_together_with_its_unit_is_parted() -> None:
    words = ink_words(_tsv("2,605kg", "40,33ore", "1u.", "6n.", "250st."))

    texts = [word.text for word in words]
    assert texts == ["2,605", "kg", "40,33", "ore", "1", "u.", "6", "n.", "250", "st."]
    first, unit = words[0], words[1]
    assert first.left + first.width <= unit.left


def test_codes_sizes_and_amounts_are_left_whole() -> None:
    texts = ["80g", "5m", "M4x20", "12,50", "40x30", "1.Jan."]

    assert [word.text for word in ink_words(_tsv(*texts))] == texts
