"""Score the printed-page reader against the HTML invoices rendered by Chromium (fixtures/html/pdf).

    python apps/parser-py/bench/score_html.py [--dir DIR] [--verbose]

The scorer's rules (corpus_scoring): a line item is right when its SKU (or, with no SKU, its
description), quantity, unit price and line total all equal one ground-truth item. Header: invoice
number, date and total exact. Also counts the invoices read exactly (every line, charges included).
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from corpus_scoring import Score, decimal_or_none, score_lines
from generated_corpus import shared_truth

from invoice_parser.errors import ParserError
from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings

HTML_PDFS = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "pdf"
LINE_FIELDS = ("sku", "description", "quantity", "unitPrice", "lineTotal", "kind")


def _header(invoice: dict[str, Any], truth: dict[str, Any], score: Score) -> list[str]:
    wrong = []
    for name, got, want in (
        ("number", invoice.get("number"), truth["number"]),
        ("date", invoice.get("date"), truth["date"]),
        ("currency", invoice.get("currency"), truth["currency"]),
        ("supplier", invoice.get("supplier", {}).get("name"), truth["supplierName"]),
        ("total", decimal_or_none(invoice.get("totals", {}).get("total")), Decimal(truth["total"])),
    ):
        score.header_total[name] += 1
        if got == want:
            score.header_right[name] += 1
        else:
            wrong.append(f"{name}: got {got!r}, want {want!r}")
    return wrong


def score_html(folder: Path, verbose: bool) -> tuple[Score, int, int]:
    score, exact, count = Score(), 0, 0
    settings = Settings(ignore_einvoice=True)
    for truth_path in sorted(folder.glob("*.truth.json")):
        pdf = truth_path.with_name(truth_path.name.replace(".truth.json", ".pdf"))
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        count += 1
        try:
            result: dict[str, Any] = parse_document(pdf.read_bytes(), settings)
        except ParserError as error:
            score.failures.append(f"{pdf.name}: {error.code} {error.message}")
            result = {"lines": [], "invoice": {}}
        lines = [{key: line.get(key) for key in LINE_FIELDS} for line in result["lines"]]
        exact += lines == truth["lines"]
        problems = score_lines(result["lines"], shared_truth(truth), score)
        problems += _header(result["invoice"], truth["invoice"], score)
        if lines != truth["lines"] and not problems:
            problems.append("items right, but charges/descriptions differ")
        if verbose:
            print(f"{pdf.name}: {'; '.join(problems) or 'ok'}")
    return score, exact, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=HTML_PDFS)
    parser.add_argument("--verbose", action="store_true", help="print each document's result")
    args = parser.parse_args()
    score, exact, count = score_html(args.dir, args.verbose)
    print("\n".join(score.report()))
    print(f"invoices read exactly (all lines and fields): {exact}/{count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
