"""Score the printed-page reader against the ground truth of a real invoice corpus.

    python apps/parser-py/bench/score_corpus.py [--corpus DIR] [--verbose]

A line counts as right when its SKU (or, with no SKU printed, its description), quantity, unit price
(net or list price) and line total all equal a ground-truth line; each ground-truth line is matched
at most once. Prints line precision / recall / F1 and header accuracy per field.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from invoice_parser.errors import ParserError
from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings

DEFAULT_CORPUS = Path("/work/shared/corpus")
# GROUP rows of EXTENDED samples are printed subtotals of their DETAIL rows, not goods.
_NOT_A_LINE = {"GROUP"}


@dataclass
class Score:
    matched: int = 0
    predicted: int = 0
    expected: int = 0
    header_right: dict[str, int] = field(default_factory=dict)
    header_total: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


def _decimal(value: Any) -> Decimal | None:
    try:
        return None if value is None else Decimal(str(value))
    except InvalidOperation:
        return None


def _words(text: str | None) -> str:
    return re.sub(r"\W+", " ", (text or "").lower()).strip()


def _same_line(got: dict[str, Any], want: dict[str, Any]) -> bool:
    if want.get("sku") and got.get("sku") is not None:
        if _words(got["sku"]) != _words(want["sku"]):
            return False
    elif not _words(got.get("description")).startswith(_words(want.get("description"))[:30]):
        return False
    prices = {_decimal(want.get("unitPrice")), _decimal(want.get("grossUnitPrice"))} - {None}
    return (
        _decimal(got.get("quantity")) == _decimal(want.get("quantity"))
        and _decimal(got.get("lineTotal")) == _decimal(want.get("lineTotal"))
        and (not prices or _decimal(got.get("unitPrice")) in prices)
    )


def _expected_lines(truth: dict[str, Any]) -> list[dict[str, Any]]:
    return [line for line in truth["lines"] if line.get("lineStatusReasonCode") not in _NOT_A_LINE]


def _score_lines(result: dict[str, Any], truth: dict[str, Any], score: Score) -> int:
    wanted = _expected_lines(truth)
    got = [line for line in result["lines"] if line["kind"] == "item"]
    remaining = list(wanted)
    matched = 0
    for line in got:
        hit = next((want for want in remaining if _same_line(line, want)), None)
        if hit is not None:
            remaining.remove(hit)
            matched += 1
    score.matched += matched
    score.predicted += len(got)
    score.expected += len(wanted)
    return matched


def _score_header(result: dict[str, Any] | None, truth: dict[str, Any], score: Score) -> list[str]:
    invoice = result["invoice"] if result else {}
    totals = invoice.get("totals", {})
    gross = {_decimal(truth["totals"].get("gross")), _decimal(truth["totals"].get("due"))} - {None}
    checks = {
        "number": (invoice.get("number"), truth.get("invoiceNumber"), lambda a, b: a == b),
        "date": (invoice.get("date"), truth.get("issueDate"), lambda a, b: a == b),
        "currency": (invoice.get("currency"), truth.get("currency"), lambda a, b: a == b),
        "supplier": (
            invoice.get("supplier", {}).get("name"),
            truth.get("sellerName"),
            lambda a, b: _words(a) == _words(b),
        ),
        "total": (totals.get("total"), gross or None, lambda a, b: _decimal(a) in b),
    }
    wrong = []
    for name, (got, want, same) in checks.items():
        if want is None:
            continue
        score.header_total[name] = score.header_total.get(name, 0) + 1
        if got is not None and same(got, want):
            score.header_right[name] = score.header_right.get(name, 0) + 1
        else:
            wrong.append(f"{name}: got {got!r}, want {want!r}")
    return wrong


def score_corpus(corpus: Path, verbose: bool) -> Score:
    score = Score()
    # The embedded e-invoice would replace the reading scored here: this bench is the printed page's.
    settings = Settings(ignore_einvoice=True)
    for truth_path in sorted(corpus.rglob("*.gt.json")):
        pdf = truth_path.with_name(truth_path.name.replace(".gt.json", ".pdf"))
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        try:
            result: dict[str, Any] | None = parse_document(pdf.read_bytes(), settings)
        except ParserError as error:
            result = None
            score.failures.append(f"{pdf.name}: {error.code} {error.message}")
        matched = _score_lines(result, truth, score) if result else 0
        if not result:
            score.expected += len(_expected_lines(truth))
        wrong = _score_header(result, truth, score)
        if verbose:
            got = len([line for line in result["lines"] if line["kind"] == "item"]) if result else 0
            name = pdf.relative_to(corpus)
            print(f"{name}: lines {matched}/{len(truth['lines'])} (predicted {got}); {'; '.join(wrong)}")
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--verbose", action="store_true", help="print each document's result")
    args = parser.parse_args()
    score = score_corpus(args.corpus, args.verbose)
    precision = score.matched / score.predicted if score.predicted else 0.0
    recall = score.matched / score.expected if score.expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"lines: matched {score.matched}, predicted {score.predicted}, expected {score.expected}")
    print(f"line precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    for name, total in score.header_total.items():
        right = score.header_right.get(name, 0)
        print(f"header {name:9s} {right}/{total} = {right / total:.3f}")
    for failure in score.failures:
        print(f"failed: {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
