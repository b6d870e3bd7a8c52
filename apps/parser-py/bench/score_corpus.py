"""Score the printed-page reader against the ground truth of a real invoice corpus.

    python apps/parser-py/bench/score_corpus.py [--corpus DIR] [--verbose]

A line counts as right when its SKU (or, with no SKU printed, its description), quantity, unit price
(net or list price) and line total all equal a ground-truth line; each ground-truth line is matched
at most once. Prints line precision / recall / F1 and header accuracy per field.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from corpus_scoring import DEFAULT_CORPUS, Score, decimal_or_none, normalized_text, score_lines

from invoice_parser.errors import ParserError
from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings


def _score_header(result: dict[str, Any] | None, truth: dict[str, Any], score: Score) -> list[str]:
    invoice = result["invoice"] if result else {}
    totals = invoice.get("totals", {})
    gross = {decimal_or_none(truth["totals"].get("gross")), decimal_or_none(truth["totals"].get("due"))} - {
        None
    }
    checks = {
        "number": (invoice.get("number"), truth.get("invoiceNumber"), lambda a, b: a == b),
        "date": (invoice.get("date"), truth.get("issueDate"), lambda a, b: a == b),
        "currency": (invoice.get("currency"), truth.get("currency"), lambda a, b: a == b),
        "supplier": (
            invoice.get("supplier", {}).get("name"),
            truth.get("sellerName"),
            lambda a, b: normalized_text(a) == normalized_text(b),
        ),
        "total": (totals.get("total"), gross or None, lambda a, b: decimal_or_none(a) in b),
    }
    wrong = []
    for name, (got, want, same) in checks.items():
        if want is None:
            continue
        score.header_total[name] += 1
        if got is not None and same(got, want):
            score.header_right[name] += 1
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
        problems = score_lines(result["lines"] if result else [], truth, score)
        problems += _score_header(result, truth, score)
        if verbose:
            print(f"{pdf.relative_to(corpus)}: {'; '.join(problems) or 'ok'}")
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--verbose", action="store_true", help="print each document's result")
    args = parser.parse_args()
    score = score_corpus(args.corpus, args.verbose)
    print("\n".join(score.report()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
