"""The layout generator itself (fixtures/layouts), not the parser: a seed always gives the same files,
its ground truth's arithmetic closes, and the page prints every value the truth claims it prints."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pdfplumber
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from layouts import DEV_SEEDS, HELD_OUT_SEEDS, make_invoice, write_seed
from layouts.choices import choose_layout
from layouts.formats import NumberFormat
from layouts.item_table import cells, money_format

# A spread of development and held-out seeds: long tables, several pages, every ruling among them.
SAMPLE_SEEDS = [*range(0, 100, 9), 13, 1000, 1013, 1042, 1099]
CENT = Decimal("0.01")


def _no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_seed_gives_the_same_bytes_and_truth(tmp_path: Path) -> None:
    for seed in (3, 13, 1007):
        first, second = tmp_path / "a", tmp_path / "b"
        first.mkdir(exist_ok=True)
        second.mkdir(exist_ok=True)
        a, b = write_seed(seed, first), write_seed(seed, second)
        assert a.read_bytes() == b.read_bytes()
        assert a.with_suffix(".gt.json").read_text() == b.with_suffix(".gt.json").read_text()
        assert a.name == f"seed-{seed:04d}.pdf"


@pytest.mark.parametrize("seed", SAMPLE_SEEDS)
def test_the_arithmetic_of_an_invoice_closes(seed: int) -> None:
    invoice = make_invoice(seed)
    lines = [row for row in invoice.rows if row.is_line]
    for row in lines:
        if row.quantity is not None and row.unit_price is not None:
            net = row.quantity * row.unit_price * (100 - (row.discount or 0)) / 100
            assert net.quantize(CENT, rounding=ROUND_HALF_UP) == row.total
    assert sum(row.total or 0 for row in lines) == invoice.subtotal
    taxes = sum(tax for _, _, tax in invoice.taxes)
    assert invoice.subtotal + (invoice.shipping or 0) + taxes == invoice.total
    for row in invoice.rows:
        if row.kind == "subtotal":
            assert row.total is not None


@pytest.mark.parametrize("seed", SAMPLE_SEEDS)
def test_the_page_prints_what_the_truth_says(tmp_path: Path, seed: int) -> None:
    pdf = write_seed(seed, tmp_path)
    truth = json.loads(pdf.with_name(f"{pdf.stem}.gt.json").read_text(encoding="utf-8"))
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == truth["pages"]
        text = _no_space("".join(page.extract_text() or "" for page in document.pages))
    invoice = make_invoice(seed)
    pay, number = money_format(invoice), NumberFormat(invoice.layout.number_style)
    printed = [cells(invoice, row, None) for row in invoice.rows if row.is_line]
    assert len(printed) == len(truth["lines"])
    for line, shown in zip(truth["lines"], printed, strict=True):
        assert _no_space(shown["line_total"]) in text
        # The truth's decimal string, printed the page's way, is the very cell on the page.
        assert pay(Decimal(line["lineTotal"]), invoice.layout.currency_in_cells) == shown["line_total"]
        if line["quantity"] is not None:
            assert shown["quantity"].startswith(number(Decimal(line["quantity"])))
        for word in line["description"].split():
            assert word in text
        if line["sku"]:
            assert line["sku"] in text
    assert truth["invoiceNumber"] in text
    assert _no_space(truth["supplierName"]) in text
    assert sum(Decimal(line["lineTotal"]) for line in truth["lines"]) == Decimal(truth["totals"]["subtotal"])


def test_seed_sets_cover_the_choices_and_stay_apart() -> None:
    import random

    assert not set(DEV_SEEDS) & set(HELD_OUT_SEEDS)
    layouts = [choose_layout(random.Random(seed)) for seed in DEV_SEEDS]
    assert {layout.language for layout in layouts} == {"en", "de", "fr", "nl", "es", "it"}
    assert {layout.ruling for layout in layouts} == {"grid", "zebra", "horizontal", "unruled"}
    assert Counter(layout.heading_mode for layout in layouts)["none"] >= 10
    assert any(layout.line_count >= 40 for layout in layouts)


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    """More than a point of overlap both ways: two words printed over each other."""
    return (
        a["x0"] < b["x1"] - 1
        and b["x0"] < a["x1"] - 1
        and a["top"] < b["bottom"] - 1
        and b["top"] < a["bottom"] - 1
    )


@pytest.mark.parametrize("seed", SAMPLE_SEEDS)
def test_no_word_is_printed_over_another_or_off_the_page(tmp_path: Path, seed: int) -> None:
    with pdfplumber.open(write_seed(seed, tmp_path)) as document:
        for page in document.pages:
            words = page.extract_words()
            for word in words:
                assert word["x0"] >= 0 and word["x1"] <= page.width and word["bottom"] <= page.height, word
            clashes = [
                (a["text"], b["text"]) for i, a in enumerate(words) for b in words[i + 1 :] if _overlap(a, b)
            ]
            assert not clashes
