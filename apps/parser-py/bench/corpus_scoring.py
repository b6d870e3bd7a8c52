"""Scoring rules shared by the corpus benchmarks: a copy of ../shared/tools/score_parser.py's rules (the
scorer that judges the parser on invoices the project does not have), so that every figure here is
the figure that scorer would print. Change the two together.

- Ground truth in either shape: real-world/generated (invoiceDate, supplierName, totals.total/subtotal,
  lines with kind) or e-invoice (issueDate, sellerName, totals.gross/net); a line without kind is an item.
- A predicted line matches a truth line (each at most once) when quantity, unit price (net, or the
  list price grossUnitPrice) and line total all equal it wherever the truth has them, and: the SKU
  equals the truth's SKU when the truth has one; else the description equals it after normalisation
  (lower case, letters and digits only), or equals it with a SKU printed in front of it split out, or
  (longer than 8 characters) one contains the other and their lengths differ by less than 20%.
- Where the truth lists no charge rows, predicted charge rows are left out; otherwise every predicted
  row counts, so an item read as a charge is missed, as apply would skip it.
- Header: number equal after normalisation, date's first 10 characters equal, currency equal, total
  numerically equal to the truth's total (gross), supplier equal after normalisation.
- Documents whose truth has no lines are not scored.
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
HEADER_FIELDS = ("number", "date", "currency", "total", "supplier")


@dataclass
class Score:
    matched: int = 0
    predicted: int = 0
    expected: int = 0
    documents: int = 0
    header_right: Counter[str] = field(default_factory=Counter)
    header_total: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def line_figures(self) -> tuple[float, float, float]:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.expected if self.expected else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def header_share(self, name: str) -> float | None:
        total = self.header_total[name]
        return self.header_right[name] / total if total else None

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
    """A number as the shared scorer reads it: {"amount": x} unwrapped, thousands commas dropped."""
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("amount", value.get("value"))
    try:
        return Decimal(str(value).replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


def normalized_text(text: str | None) -> str:
    """Lower case, letters and digits only: case, punctuation and spacing do not change a value."""
    return re.sub(r"[^a-z0-9]+", "", (text or "").lower())


def truth_of(raw: dict[str, Any]) -> dict[str, Any]:
    """Either ground-truth shape, as one: invoiceDate, supplierName, totals {total, subtotal}, kinds."""
    truth = dict(raw)
    truth["invoiceDate"] = raw.get("invoiceDate") or raw.get("issueDate")
    truth["supplierName"] = raw.get("supplierName") or raw.get("sellerName")
    totals = raw.get("totals") or {}
    truth["totals"] = {
        "total": totals.get("total", totals.get("gross")),
        "subtotal": totals.get("subtotal", totals.get("net")),
    }
    truth["lines"] = [dict(line, kind=line.get("kind", "item")) for line in raw.get("lines") or []]
    return truth


def _same_description(got: dict[str, Any], want: dict[str, Any]) -> bool:
    read, expected = normalized_text(got.get("description")), normalized_text(want.get("description"))
    if normalized_text(got.get("sku")) + read == expected:  # a code printed before the description
        return True
    if read == expected:
        return True
    shorter, longer = sorted((len(read), len(expected)))
    return len(expected) > 8 and (expected in read or read in expected) and shorter / longer > 0.8


def same_line(got: dict[str, Any], want: dict[str, Any]) -> bool:
    for key in ("quantity", "unitPrice", "lineTotal"):
        if want.get(key) is None:
            continue
        accepted = {decimal_or_none(want[key])}
        if key == "unitPrice" and want.get("grossUnitPrice"):
            accepted.add(decimal_or_none(want["grossUnitPrice"]))
        if decimal_or_none(got.get(key)) not in accepted:
            return False
    if want.get("sku"):
        return normalized_text(got.get("sku")) == normalized_text(want["sku"])
    return _same_description(got, want)


def expected_lines(raw_truth: dict[str, Any]) -> list[dict[str, Any]]:
    """The truth's lines, GROUP rows of EXTENDED sub-line invoices included (the parser reads them as
    lines of kind "group")."""
    lines: list[dict[str, Any]] = truth_of(raw_truth)["lines"]
    return lines


def score_lines(lines: list[dict[str, Any]], raw_truth: dict[str, Any], score: Score) -> list[str]:
    """Adds one document's lines to the score; answers what did not match, for verbose output."""
    wanted = expected_lines(raw_truth)
    got = list(lines)
    if not any(line["kind"] == "charge" for line in wanted):
        got = [line for line in got if (line.get("kind") or "item") != "charge"]
    remaining = list(range(len(got)))
    problems: list[str] = []
    for want in wanted:
        hit = next((index for index in remaining if same_line(got[index], want)), None)
        if hit is None:
            problems.append(f"missing {want.get('sku')} {want.get('description')}")
        else:
            remaining.remove(hit)
            score.matched += 1
    for index in remaining:
        line = got[index]
        values = " ".join(str(line.get(key)) for key in ("sku", "quantity", "unitPrice", "lineTotal"))
        problems.append(f"unmatched {values}")
    score.predicted += len(got)
    score.expected += len(wanted)
    return problems


def score_header(invoice: dict[str, Any], raw_truth: dict[str, Any], score: Score) -> list[str]:
    """Header fields of one ParseResult's `invoice` against the truth; answers the wrong ones."""
    truth = truth_of(raw_truth)
    got = {
        "number": invoice.get("number"),
        "date": invoice.get("date"),
        "currency": invoice.get("currency"),
        "total": (invoice.get("totals") or {}).get("total"),
        "supplier": (invoice.get("supplier") or {}).get("name"),
    }
    right = {
        "number": normalized_text(str(got["number"] or "")) == normalized_text(truth.get("invoiceNumber")),
        "date": str(got["date"] or "")[:10] == (truth["invoiceDate"] or "?"),
        "currency": (got["currency"] or "").upper() == (truth.get("currency") or "?"),
        "total": decimal_or_none(got["total"]) == decimal_or_none(truth["totals"]["total"]),
        "supplier": normalized_text(got["supplier"]) == normalized_text(truth["supplierName"]),
    }
    wrong = []
    for name in HEADER_FIELDS:
        score.header_total[name] += 1
        score.header_right[name] += right[name]
        if not right[name]:
            wrong.append(f"{name}: got {got[name]!r}")
    return wrong
