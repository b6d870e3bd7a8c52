"""How far the printed figures prove each line, from the checks the reconciliation ran: a line whose
own arithmetic closes, in a table whose lines add up to the printed subtotal or total, is proven twice;
the operator's eye belongs on the lines proven by neither. A line read by OCR with a field holding a
word the engine was unsure of drops one step: the figures may agree with a misread. Those fields are
listed, so the review can point at the cells to check first."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from invoice_parser.extract.table import LINE_FIELDS, LineField, TableLine
from invoice_parser.extract.words import Word
from invoice_parser.reconcile import Check

Confidence = Literal["high", "medium", "low"]


_ONE_STEP_DOWN: dict[Confidence, Confidence] = {"high": "medium", "medium": "low", "low": "low"}


def line_confidences(
    lines: Sequence[TableLine],
    checks: Sequence[Check],
    totals: dict[str, Decimal],
    min_word_confidence: float = 0.0,
) -> list[Confidence]:
    """min_word_confidence: an OCR word below it (tesseract's 0-100) in a field of a line lowers the
    line's confidence (settings.ocr_min_word_confidence)."""
    closes = {check.line_index: check.status == "pass" for check in checks if check.name == "line-arithmetic"}
    summed = _lines_add_up(lines, checks, totals)
    confidences = [_confidence(closes.get(index), summed) for index in range(len(lines))]
    return [
        _ONE_STEP_DOWN[confidence] if unsure_fields(line, min_word_confidence) else confidence
        for line, confidence in zip(lines, confidences, strict=True)
    ]


def unsure_fields(line: TableLine, min_word_confidence: float) -> list[LineField]:
    """The fields of the line read from a word OCR was unsure of, in the contract's order; none for
    a line of a text layer. A doubtful word outside every field (a position number, a currency
    mark) changes no value the operator checks."""
    return [
        name
        for name in LINE_FIELDS
        if any(_unsure(word, min_word_confidence) for word in line.field_words.get(name, ()))
    ]


def _unsure(word: Word, min_word_confidence: float) -> bool:
    return word.ocr_confidence is not None and word.ocr_confidence < min_word_confidence


def _lines_add_up(lines: Sequence[TableLine], checks: Sequence[Check], totals: dict[str, Decimal]) -> bool:
    status = next((check.status for check in checks if check.name == "lines-sum-subtotal"), "skipped")
    if status != "skipped":
        return status == "pass"
    # No subtotal printed: the lines may add up to the total itself (an invoice without tax).
    summed = sum((line.values.line_total or Decimal(0) for line in lines), Decimal(0))
    return bool(lines) and totals.get("total") == summed


def _confidence(own_arithmetic: bool | None, lines_add_up: bool) -> Confidence:
    """own_arithmetic: True when quantity x price = total, False when it does not, None when the page
    prints no quantity or price to check."""
    if own_arithmetic is True and lines_add_up:
        return "high"
    if own_arithmetic is True or lines_add_up:
        return "medium"
    return "low"
