"""Noisy scans: the page cleanup that makes grey, grainy paper white, and the words tesseract runs
together on such pages parted again."""

from __future__ import annotations

import random

from PIL import Image, ImageDraw

from invoice_parser.extract.keywords import column_role
from invoice_parser.extract.vocab.roles import Role
from invoice_parser.ocr.cleanup import flattened
from invoice_parser.ocr.small_print import is_small_print, read_enlarged
from invoice_parser.ocr.words import InkWord, ink_words

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
    words = ink_words(_tsv("2,605kg", "40,33ore", "1u.", "6n.", "250st.", "222,3h"))

    texts = [word.text for word in words]
    assert texts == ["2,605", "kg", "40,33", "ore", "1", "u.", "6", "n.", "250", "st.", "222,3", "h"]
    first, unit = words[0], words[1]
    assert first.left + first.width <= unit.left


def test_codes_sizes_and_amounts_are_left_whole() -> None:
    texts = ["80g", "5m", "M4x20", "12,50", "40x30", "1.Jan."]

    assert [word.text for word in ink_words(_tsv(*texts))] == texts


def _line(*cells: tuple[str, int, int]) -> str:
    """One tesseract line of words (text, left, height in pixels), tops aligned at 1000."""
    rows = [
        f"5\t1\t1\t1\t1\t{index}\t{left}\t1000\t{max(4, 20 * len(text))}\t{height}\t90.0\t{text}"
        for index, (text, left, height) in enumerate(cells, start=1)
    ]
    return "\n".join([_HEADER, *rows])


def test_a_one_alone_in_its_cell_misread_as_a_bar_or_an_l_is_a_one() -> None:
    bar = ink_words(_line(("31.741.54", 100, 36), ("|", 500, 35), ("49,76", 700, 41)))
    ell = ink_words(_line(("31.741.54", 100, 36), ("l", 500, 34), ("49,76", 700, 41)))

    assert [word.text for word in bar] == ["31.741.54", "1", "49,76"]
    assert [word.text for word in ell] == ["31.741.54", "1", "49,76"]


def test_rules_and_a_litre_after_its_quantity_stay_what_they_are() -> None:
    rule = ink_words(_line(("4,18", 100, 36), ("|", 500, 54), ("0,38", 700, 36)))  # taller than text
    litre = ink_words(_line(("1,815", 100, 36), ("l", 210, 35), ("12,50", 700, 36)))  # a space away

    assert [word.text for word in rule] == ["4,18", "0,38"]
    assert [word.text for word in litre] == ["1,815", "l", "12,50"]


def test_a_heading_whose_words_ocr_ran_together_still_names_its_column() -> None:
    assert column_role("Codearticle") is Role.SKU
    assert column_role("Prixunitaire") is Role.UNIT_PRICE
    assert column_role("Code article") is Role.SKU
    assert column_role("Qte") is Role.QUANTITY
    assert column_role("Remarks") is None


def _figures(height: int, count: int = 6) -> list[InkWord]:
    return [InkWord(str(10 + index), 100 * index, 500, 40, height, 95.0) for index in range(count)]


def test_small_print_is_told_by_the_height_of_its_figures() -> None:
    assert is_small_print(_figures(18), dpi=300)  # 6-point type scanned at 200 dpi, rendered at 300
    assert not is_small_print(_figures(28), dpi=300)  # 9-point type
    assert not is_small_print(_figures(18, count=2), dpi=300)  # too few figures to say


def test_small_print_is_read_enlarged_and_boxed_in_the_pages_own_pixels() -> None:
    page = Image.new("L", (300, 150), 255)
    seen: list[tuple[tuple[int, int], int]] = []

    def read(image: Image.Image, dpi: int) -> list[InkWord]:
        seen.append((image.size, dpi))
        return [InkWord("13,42", 400, 80, 120, 24, 91.0)]

    words = read_enlarged(page, 300, read)

    assert seen == [((400, 200), 400)]
    assert [(word.text, word.left, word.top, word.width, word.height) for word in words] == [
        ("13,42", 300, 60, 90, 18)
    ]
