"""Score the e-invoice reader (find_embedded_xml + read_einvoice) against the corpus ground truth.

    python apps/parser-py/bench/score_einvoice.py [--corpus DIR] [--verbose]

Exact scoring, since the XML path is meant to be exact: a line counts as right when its SKU (or,
for a ground-truth line without one, its description) is equal, and its quantity, unit price
(net or list price) and line total are equal as decimals; each ground-truth line is matched at
most once. GROUP rows of EXTENDED sub-line invoices are printed subtotals, not expected lines.
Prints line precision / recall / F1, header accuracy per field, and whether the attachment found
is byte-identical to the NAME.embedded.xml extracted beside each PDF.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from invoice_parser.einvoice import find_embedded_xml, parse_result_pieces, read_einvoice
from invoice_parser.errors import ParserError

DEFAULT_CORPUS = Path("/work/shared/corpus")
_NOT_A_LINE = {"GROUP"}


@dataclass
class Score:
    matched: int = 0
    predicted: int = 0
    expected: int = 0
    header_right: Counter[str] = field(default_factory=Counter)
    header_total: Counter[str] = field(default_factory=Counter)
    attachments_identical: int = 0
    documents: int = 0
    failures: list[str] = field(default_factory=list)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _same_line(got: dict[str, Any], want: dict[str, Any]) -> bool:
    if want.get("sku"):
        if got["sku"] != want["sku"]:
            return False
    elif got["description"] != want.get("description"):
        return False
    prices = {_decimal(want.get("unitPrice")), _decimal(want.get("grossUnitPrice"))} - {None}
    return (
        _decimal(got["quantity"]) == _decimal(want.get("quantity"))
        and _decimal(got["lineTotal"]) == _decimal(want.get("lineTotal"))
        and (not prices or _decimal(got["unitPrice"]) in prices)
    )


def _expected_lines(truth: dict[str, Any]) -> list[dict[str, Any]]:
    return [line for line in truth["lines"] if line.get("lineStatusReasonCode") not in _NOT_A_LINE]


def _score_lines(lines: list[dict[str, Any]], truth: dict[str, Any], score: Score) -> list[str]:
    wanted = _expected_lines(truth)
    got = [line for line in lines if line["kind"] == "item"]
    remaining = list(wanted)
    missed: list[str] = []
    for line in got:
        hit = next((want for want in remaining if _same_line(line, want)), None)
        if hit is None:
            values = " ".join(str(line[key]) for key in ("sku", "quantity", "unitPrice", "lineTotal"))
            missed.append(f"unmatched {values}")
        else:
            remaining.remove(hit)
            score.matched += 1
    score.predicted += len(got)
    score.expected += len(wanted)
    return missed + [f"missing {want.get('sku')} {want.get('description')}" for want in remaining]


def _score_header(invoice: dict[str, Any], truth: dict[str, Any], score: Score) -> list[str]:
    checks = {
        "number": (invoice["number"], truth.get("invoiceNumber")),
        "date": (invoice["date"], truth.get("issueDate")),
        "currency": (invoice["currency"], truth.get("currency")),
        "supplier": (invoice["supplier"]["name"], truth.get("sellerName")),
        "subtotal": (_decimal(invoice["totals"]["subtotal"]), _decimal(truth["totals"].get("net"))),
        "tax": (_decimal(invoice["totals"]["tax"]), _decimal(truth["totals"].get("tax"))),
        "total": (_decimal(invoice["totals"]["total"]), _decimal(truth["totals"].get("gross"))),
    }
    wrong = []
    for name, (got, want) in checks.items():
        if want is None:
            continue
        score.header_total[name] += 1
        if got == want:
            score.header_right[name] += 1
        else:
            wrong.append(f"{name}: got {got!r}, want {want!r}")
    return wrong


def score_corpus(corpus: Path, verbose: bool) -> Score:
    score = Score()
    for truth_path in sorted(corpus.rglob("*.gt.json")):
        stem = truth_path.name.removesuffix(".gt.json")
        pdf, extracted = truth_path.with_name(f"{stem}.pdf"), truth_path.with_name(f"{stem}.embedded.xml")
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        score.documents += 1
        try:
            embedded = find_embedded_xml(pdf)
            if embedded is None:
                raise LookupError("no embedded e-invoice found")
            pieces = parse_result_pieces(read_einvoice(embedded.data))
        except (ParserError, LookupError) as error:
            score.failures.append(f"{pdf.name}: {error}")
            score.expected += len(_expected_lines(truth))
            continue
        score.attachments_identical += embedded.data == extracted.read_bytes()
        problems = _score_lines(pieces["lines"], truth, score)
        problems += _score_header(pieces["invoice"], truth, score)
        if verbose or problems:
            print(f"{pdf.relative_to(corpus)} [{embedded.name}]: {'; '.join(problems) or 'ok'}")
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--verbose", action="store_true", help="print every document, not just wrong ones")
    args = parser.parse_args()
    score = score_corpus(args.corpus, args.verbose)
    precision = score.matched / score.predicted if score.predicted else 0.0
    recall = score.matched / score.expected if score.expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"documents {score.documents}; attachment equal to NAME.embedded.xml {score.attachments_identical}")
    print(f"lines: matched {score.matched}, predicted {score.predicted}, expected {score.expected}")
    print(f"line precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    for name, total in score.header_total.items():
        right = score.header_right[name]
        print(f"header {name:9s} {right}/{total} = {right / total:.3f}")
    for failure in score.failures:
        print(f"failed: {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
