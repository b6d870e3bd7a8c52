"""How far the printed figures prove each line, from the checks the reconciliation ran: a line whose
own arithmetic closes, in a table whose lines add up to the printed subtotal or total, is proven twice;
the operator's eye belongs on the lines proven by neither. A line read by OCR with a word the engine
was unsure of drops one step: the figures may agree with a misread."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from invoice_parser.extract.table import TableLine
from invoice_parser.reconcile import Check

Confidence = Literal["high", "medium", "low"]


_ONE_STEP_DOWN: dict[Confidence, Confidence] = {"high": "medium", "medium": "low", "low": "low"}


def line_confidences(
    lines: Sequence[TableLine],
    checks: Sequence[Check],
    totals: dict[str, Decimal],
    min_word_confidence: float = 0.0,
) -> list[Confidence]:
    """min_word_confidence: OCR words below it (tesseract's 0-100) lower their line's confidence."""
    closes = {check.line_index: check.status == "pass" for check in checks if check.name == "line-arithmetic"}
    summed = _lines_add_up(lines, checks, totals)
    confidences = [_confidence(closes.get(index), summed) for index in range(len(lines))]
    return [
        _ONE_STEP_DOWN[confidence] if _misread_possible(line, min_word_confidence) else confidence
        for line, confidence in zip(lines, confidences, strict=True)
    ]


def _misread_possible(line: TableLine, min_word_confidence: float) -> bool:
    return any(
        word.ocr_confidence is not None and word.ocr_confidence < min_word_confidence for word in line.words
    )


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
