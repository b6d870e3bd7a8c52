"""The repository's own invoices for the benchmark: the fixture layouts, the checked-in HTML invoices
rendered by Chromium (fixtures/html/pdf) and one long invoice.

Each is written into a directory as NAME.pdf + NAME.gt.json, the ground truth in the shared corpus's
shape, so that one scorer (corpus_scoring) serves every corpus.

    python apps/parser-py/bench/generated_corpus.py --out DIR [--long-pages 200]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

GENERATOR = Path(__file__).resolve().parents[1] / "fixtures" / "generate_invoices.py"
HTML_PDFS = GENERATOR.parent / "html" / "pdf"
LONG_NAME = "long_invoice"
# A4 rows of the long invoice's ruled table; 40 rows of 16 pt fill a page below the header.
ROWS_PER_PAGE = 40
ROW_HEIGHT = 16.0


def shared_truth(fixture_truth: dict[str, Any]) -> dict[str, Any]:
    """A fixture's NAME.truth.json as a shared-corpus ground truth; charges are not line items."""
    invoice = fixture_truth["invoice"]
    return {
        "invoiceNumber": invoice["number"],
        "issueDate": invoice["date"],
        "currency": invoice["currency"],
        "sellerName": invoice["supplierName"],
        "totals": {"gross": invoice["total"]},
        "lines": [line for line in fixture_truth["lines"] if line["kind"] == "item"],
    }


def write_fixtures(out: Path) -> None:
    with tempfile.TemporaryDirectory() as raw:
        subprocess.run([sys.executable, str(GENERATOR), "--out", raw], check=True, capture_output=True)
        for truth_path in sorted(Path(raw).glob("*.truth.json")):
            name = truth_path.name.removesuffix(".truth.json")
            (out / f"{name}.pdf").write_bytes(truth_path.with_name(f"{name}.pdf").read_bytes())
            truth = shared_truth(json.loads(truth_path.read_text(encoding="utf-8")))
            (out / f"{name}.gt.json").write_text(json.dumps(truth), encoding="utf-8")


def write_html_fixtures(out: Path) -> None:
    """The checked-in Chromium-rendered invoices (fixtures/html/pdf), in the shared corpus's shape."""
    for truth_path in sorted(HTML_PDFS.glob("*.truth.json")):
        name = truth_path.name.removesuffix(".truth.json")
        (out / f"{name}.pdf").write_bytes(truth_path.with_name(f"{name}.pdf").read_bytes())
        truth = shared_truth(json.loads(truth_path.read_text(encoding="utf-8")))
        (out / f"{name}.gt.json").write_text(json.dumps(truth), encoding="utf-8")


def write_long_invoice(out: Path, pages: int) -> Path:
    """A ruled item table over `pages` A4 pages, its header repeated on each, the total on the last."""
    from reportlab import rl_config

    rl_config.invariant = 1
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    pdf = out / f"{LONG_NAME}.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    width, height = A4
    edges = [40.0, 120.0, 330.0, 380.0, 460.0, width - 40]
    lines: list[dict[str, Any]] = []
    for page in range(pages):
        top = height - 60
        if page == 0:
            canvas.setFont("Helvetica-Bold", 14)
            canvas.drawString(40, top, "Northwind Bulk Supply GmbH   INVOICE")
            canvas.setFont("Helvetica", 9)
            canvas.drawString(40, top - 18, "Invoice No.: LONG-2026-0001")
            canvas.drawString(40, top - 30, "Invoice Date: 2026-11-20")
            top -= 50
        rows = [["SKU", "Description", "Qty", "Unit Price", "Amount"]]
        for _ in range(ROWS_PER_PAGE - (2 if page == 0 else 0)):
            k = len(lines) + 1
            quantity, price = k % 17 + 1, Decimal(k % 97 * 3 + 100) / 100
            line = {
                "sku": f"NW-{k:05d}",
                "description": f"Bulk item number {k}",
                "quantity": str(quantity),
                "unitPrice": f"{price:.2f}",
                "lineTotal": f"{quantity * price:.2f}",
                "kind": "item",
            }
            lines.append(line)
            rows.append([line[key] for key in ("sku", "description", "quantity", "unitPrice", "lineTotal")])
        bottom = top - ROW_HEIGHT * len(rows)
        for x in edges:
            canvas.line(x, top, x, bottom)
        for index, cells in enumerate(rows):
            y = top - ROW_HEIGHT * index
            canvas.line(edges[0], y, edges[-1], y)
            canvas.setFont("Helvetica-Bold" if index == 0 else "Helvetica", 9)
            for x0, x1, cell in zip(edges, edges[1:], cells, strict=False):
                if x0 >= edges[2]:
                    canvas.drawRightString(x1 - 4, y - 11.5, cell)
                else:
                    canvas.drawString(x0 + 4, y - 11.5, cell)
        canvas.line(edges[0], bottom, edges[-1], bottom)
        canvas.setFont("Helvetica", 9)
        if page == pages - 1:
            total = sum(Decimal(line["lineTotal"]) for line in lines)
            canvas.drawRightString(edges[-1] - 4, bottom - 20, f"Total Due EUR {total:.2f}")
        canvas.drawString(40, 30, f"Page {page + 1} of {pages}")
        canvas.showPage()
    canvas.save()
    truth = {
        "invoiceNumber": "LONG-2026-0001",
        "issueDate": "2026-11-20",
        "currency": "EUR",
        "sellerName": "Northwind Bulk Supply GmbH",
        "totals": {"gross": f"{total:.2f}"},
        "lines": lines,
    }
    (out / f"{LONG_NAME}.gt.json").write_text(json.dumps(truth), encoding="utf-8")
    return pdf


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--long-pages", type=int, default=200, help="pages of the long invoice; 0 for none")
    args = parser.parse_args()
    fixtures = args.out / "fixtures"
    fixtures.mkdir(parents=True, exist_ok=True)
    write_fixtures(fixtures)
    html = args.out / "html"
    html.mkdir(exist_ok=True)
    write_html_fixtures(html)
    if args.long_pages:
        long_dir = args.out / "long"
        long_dir.mkdir(exist_ok=True)
        write_long_invoice(long_dir, args.long_pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
