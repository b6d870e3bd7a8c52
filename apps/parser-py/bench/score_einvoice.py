"""Score the e-invoice reader (find_embedded_xml + read_einvoice) against the corpus ground truth.

    python apps/parser-py/bench/score_einvoice.py [--corpus DIR] [--verbose]

Exact scoring, since the XML path is meant to be exact: a line counts as right when its SKU (or,
for a ground-truth line without one, its description) is equal, and its quantity, unit price
(net or list price) and line total are equal as decimals; each ground-truth line is matched at
most once. GROUP rows of EXTENDED sub-line invoices (printed subtotals) are expected as lines, as
the reader gives them (kind "group").
Prints line precision / recall / F1, header accuracy per field, and whether the attachment found
is byte-identical to the NAME.embedded.xml extracted beside each PDF.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus_scoring import DEFAULT_CORPUS, Score, decimal_or_none, expected_lines, score_lines

from invoice_parser.einvoice import find_embedded_xml, parse_result_pieces, read_einvoice
from invoice_parser.errors import ParserError


def _score_header(invoice: dict[str, Any], truth: dict[str, Any], score: Score) -> list[str]:
    checks = {
        "number": (invoice["number"], truth.get("invoiceNumber")),
        "date": (invoice["date"], truth.get("issueDate")),
        "currency": (invoice["currency"], truth.get("currency")),
        "supplier": (invoice["supplier"]["name"], truth.get("sellerName")),
        "subtotal": (
            decimal_or_none(invoice["totals"]["subtotal"]),
            decimal_or_none(truth["totals"].get("net")),
        ),
        "tax": (decimal_or_none(invoice["totals"]["tax"]), decimal_or_none(truth["totals"].get("tax"))),
        "total": (decimal_or_none(invoice["totals"]["total"]), decimal_or_none(truth["totals"].get("gross"))),
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


@dataclass
class AttachmentTally:
    documents: int = 0
    identical: int = 0


def score_corpus(corpus: Path, verbose: bool) -> tuple[Score, AttachmentTally]:
    score, attachments = Score(), AttachmentTally()
    for truth_path in sorted(corpus.rglob("*.gt.json")):
        stem = truth_path.name.removesuffix(".gt.json")
        pdf, extracted = truth_path.with_name(f"{stem}.pdf"), truth_path.with_name(f"{stem}.embedded.xml")
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        attachments.documents += 1
        try:
            embedded = find_embedded_xml(pdf)
            if embedded is None:
                raise LookupError("no embedded e-invoice found")
            pieces = parse_result_pieces(read_einvoice(embedded.data))
        except (ParserError, LookupError) as error:
            score.failures.append(f"{pdf.name}: {error}")
            score.expected += len(expected_lines(truth))
            continue
        attachments.identical += embedded.data == extracted.read_bytes()
        problems = score_lines(pieces["lines"], truth, score)
        problems += _score_header(pieces["invoice"], truth, score)
        if verbose or problems:
            print(f"{pdf.relative_to(corpus)} [{embedded.name}]: {'; '.join(problems) or 'ok'}")
    return score, attachments


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--verbose", action="store_true", help="print every document, not just wrong ones")
    args = parser.parse_args()
    score, attachments = score_corpus(args.corpus, args.verbose)
    print(f"documents {attachments.documents}; attachment equal to NAME.embedded.xml {attachments.identical}")
    print("\n".join(score.report()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
