"""Scoring rules shared by the corpus benchmarks, as the corpus README states them.

A line is right when its SKU (or, where the ground truth has no SKU, its description), quantity, unit
price (net or list price) and line total all equal one ground-truth line; each ground-truth line is
matched at most once. GROUP rows of EXTENDED sub-line invoices are printed subtotals, not lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

# The shared corpus stands beside the repository checkout (../shared/corpus), in CI as on a laptop.
DEFAULT_CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"
_NOT_A_LINE = {"GROUP"}


@dataclass
class Score:
    matched: int = 0
    predicted: int = 0
    expected: int = 0
    header_right: Counter[str] = field(default_factory=Counter)
    header_total: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def line_figures(self) -> tuple[float, float, float]:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.expected if self.expected else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def report(self) -> list[str]:
        precision, recall, f1 = self.line_figures()
        lines = [
            f"lines: matched {self.matched}, predicted {self.predicted}, expected {self.expected}",
            f"line precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}",
        ]
        for name, total in self.header_total.items():
            right = self.header_right[name]
            lines.append(f"header {name:9s} {right}/{total} = {right / total:.3f}")
        lines += [f"failed: {failure}" for failure in self.failures]
        return lines


def decimal_or_none(value: Any) -> Decimal | None:
    try:
        return None if value is None else Decimal(str(value))
    except InvalidOperation:
        return None


def normalized_text(text: str | None) -> str:
    """Case, punctuation and spacing differ between a page and its XML without changing the value."""
    return re.sub(r"\W+", " ", (text or "").lower()).strip()


def _same_identity(got: dict[str, Any], want: dict[str, Any]) -> bool:
    """SKU against SKU when both have one. Otherwise the description decides: where the truth has no
    SKU, and where the reader found none (the page may not print the XML's SKU). The whole expected
    description must open the read one, since pages often print the name followed by details."""
    if want.get("sku") and got.get("sku"):
        return normalized_text(got["sku"]) == normalized_text(want["sku"])
    expected = normalized_text(want.get("description"))
    return bool(expected) and normalized_text(got.get("description")).startswith(expected)


def same_line(got: dict[str, Any], want: dict[str, Any]) -> bool:
    if not _same_identity(got, want):
        return False
    prices = {decimal_or_none(want.get("unitPrice")), decimal_or_none(want.get("grossUnitPrice"))} - {None}
    return (
        decimal_or_none(got.get("quantity")) == decimal_or_none(want.get("quantity"))
        and decimal_or_none(got.get("lineTotal")) == decimal_or_none(want.get("lineTotal"))
        and (not prices or decimal_or_none(got.get("unitPrice")) in prices)
    )


def expected_lines(truth: dict[str, Any]) -> list[dict[str, Any]]:
    return [line for line in truth["lines"] if line.get("lineStatusReasonCode") not in _NOT_A_LINE]


def score_lines(lines: list[dict[str, Any]], truth: dict[str, Any], score: Score) -> list[str]:
    """Adds one document's lines to the score; answers what did not match, for verbose output."""
    wanted = expected_lines(truth)
    got = [line for line in lines if line["kind"] == "item"]
    remaining = list(wanted)
    problems: list[str] = []
    for line in got:
        hit = next((want for want in remaining if same_line(line, want)), None)
        if hit is None:
            values = " ".join(str(line.get(key)) for key in ("sku", "quantity", "unitPrice", "lineTotal"))
            problems.append(f"unmatched {values}")
        else:
            remaining.remove(hit)
            score.matched += 1
    score.predicted += len(got)
    score.expected += len(wanted)
    return problems + [f"missing {want.get('sku')} {want.get('description')}" for want in remaining]
