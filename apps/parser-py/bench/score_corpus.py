"""Score the printed-page reader against the ground truth of a real invoice corpus.

    python apps/parser-py/bench/score_corpus.py [--corpus DIR] [--verbose]

The shared scorer's rules (corpus_scoring.py, a copy of ../shared/tools/score_parser.py's): a line
counts as right when its SKU (or, with no SKU in the truth, its description), quantity, unit price
(net or list price) and line total all equal a ground-truth line; each ground-truth line is matched
at most once. Prints line precision / recall / F1 and header accuracy per field. --corpus
../shared/corpus/real-world scores the hand-labelled third-party invoices alone.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from corpus_scoring import DEFAULT_CORPUS, Score, score_header, score_lines

from invoice_parser.errors import ParserError
from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings


def score_corpus(corpus: Path, verbose: bool) -> Score:
    score = Score()
    # The embedded e-invoice would replace the reading scored here: this bench is the printed page's.
    settings = Settings(ignore_einvoice=True)
    for truth_path in sorted(corpus.rglob("*.gt.json")):
        pdf = truth_path.with_name(truth_path.name.replace(".gt.json", ".pdf"))
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if not pdf.exists() or not truth.get("lines"):
            continue  # bare e-invoice XML (xml-kosit/), or a profile without lines: as the shared scorer
        try:
            result: dict[str, Any] | None = parse_document(pdf.read_bytes(), settings)
        except ParserError as error:
            result = None
            score.failures.append(f"{pdf.name}: {error.code} {error.message}")
        problems = score_lines(result["lines"] if result else [], truth, score)
        problems += score_header(result["invoice"] if result else {}, truth, score)
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
