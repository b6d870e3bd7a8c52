"""The direct pdfminer reader sees each page exactly as pdfplumber's extract_words and edges do:
same words (text, box, size, weight) and same ruling lines, on every generated layout."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from conftest import INVOICE_NAMES

from invoice_parser.extract.pdf_text import iter_pages
from invoice_parser.settings import Settings

SETTINGS = Settings()


def _pdfplumber_page(page: Any) -> tuple[list[tuple[Any, ...]], list[tuple[float, ...]]]:
    words = [
        (w["text"], w["x0"], w["top"], w["x1"], w["bottom"], w["size"], w["fontname"])
        for w in page.extract_words(
            x_tolerance=SETTINGS.word_x_tolerance,
            y_tolerance=SETTINGS.word_y_tolerance,
            keep_blank_chars=False,
            use_text_flow=False,
            extra_attrs=["size", "fontname"],
        )
        if w["text"].strip()
    ]
    edges = [(e["x0"], e["top"], e["x1"], e["bottom"]) for e in page.edges]
    return words, edges


@pytest.mark.parametrize("name", INVOICE_NAMES)
def test_words_and_rules_equal_pdfplumbers(fixtures_dir: Path, name: str) -> None:
    data = (fixtures_dir / f"{name}.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        expected = [_pdfplumber_page(page) for page in pdf.pages]

    pages = list(iter_pages(data, SETTINGS.word_x_tolerance, SETTINGS.word_y_tolerance))

    assert len(pages) == len(expected)
    for page, (words, edges) in zip(pages, expected, strict=True):
        assert [(w.text, w.x0, w.top, w.x1, w.bottom, w.size) for w in page.words] == [
            word[:6] for word in words
        ]
        assert [w.bold for w in page.words] == ["Bold" in word[6] for word in words]
        thin_vertical = [(x0 + x1) / 2 for x0, top, x1, bottom in edges if x1 - x0 <= 2 < bottom - top]
        thin_horizontal = [(top + bottom) / 2 for x0, top, x1, bottom in edges if bottom - top <= 2 < x1 - x0]
        assert [rule.x for rule in page.vertical_rules] == thin_vertical
        assert [rule.y for rule in page.horizontal_rules] == thin_horizontal
