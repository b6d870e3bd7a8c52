"""The parser against a naive pdfplumber baseline: line items, header fields, speed and memory.

    npm run bench:parser            (or: .venv/bin/python apps/parser-py/bench/run_benchmark.py)

Corpora: the shared corpus (skipped, with a message, when absent), the repository's generated fixtures,
the Chromium-rendered HTML invoices (fixtures/html/pdf) and a long invoice generated on the fly. Every
reader runs over every corpus in a fresh process of this script (`--measure`), because pdfium and
pdfminer allocate outside Python's heap: memory is the growth of ru_maxrss over the process's own
figure after its imports, so peaks of two readers never mix.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus_scoring import DEFAULT_CORPUS, Score, decimal_or_none, score_lines

BENCH = Path(__file__).resolve().parent
READERS = ("parser", "baseline")
HEADER_FIELDS = ("number", "date", "total")
MEMORY_TARGET_MIB = 50
SPEED_TARGET = 1.4
# Accuracy only: its multi-page files stay out of the speed target, measured on the other corpora.
HTML_CORPUS = "html (Chromium)"


# ---- measuring, in a fresh process per reader and corpus ---------------------------------------------


def _reader(name: str) -> Any:
    if name == "parser":
        from invoice_parser.errors import ParserError
        from invoice_parser.parser import parse_document
        from invoice_parser.settings import Settings

        # The printed page only: the embedded XML would read the corpus exactly and flatter the parser.
        settings = Settings(ignore_einvoice=True)

        def read(data: bytes) -> tuple[dict[str, Any] | None, str | None]:
            try:
                return parse_document(data, settings), None
            except ParserError as error:
                return None, error.code

        return read
    from naive_baseline import read_naive

    def read_baseline(data: bytes) -> tuple[dict[str, Any] | None, str | None]:
        try:
            return read_naive(data), None
        except Exception as error:  # a naive reader fails as it fails; the benchmark counts it
            return None, type(error).__name__

    return read_baseline


def _max_rss_kib() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def _page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def measure(reader_name: str, paths: list[Path], repeats: int) -> dict[str, Any]:
    import gc

    read = _reader(reader_name)
    pages = {path: _page_count(path) for path in paths}
    gc.collect()
    baseline_kib = _max_rss_kib()
    files = []
    for path in paths:
        data = path.read_bytes()
        timings, (result, error) = [], (None, None)
        for _ in range(repeats):
            # The previous repeat's result is dropped first: holding it while the next read runs
            # would count one invoice's output twice in the peak.
            result, error = None, None
            gc.collect()
            start = time.perf_counter()
            result, error = read(data)
            timings.append((time.perf_counter() - start) * 1000)
        invoice = (result or {}).get("invoice", {})
        files.append(
            {
                "path": str(path),
                "pages": pages[path],
                "ms": statistics.median(timings),
                "error": error,
                "lines": (result or {}).get("lines", []),
                "header": {
                    "number": invoice.get("number"),
                    "date": invoice.get("date"),
                    "total": invoice.get("totals", {}).get("total"),
                },
            }
        )
    return {"baselineKib": baseline_kib, "peakKib": _max_rss_kib(), "files": files}


def run_measure(reader_name: str, paths: list[Path], repeats: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--measure", reader_name, "--repeats", str(repeats)]
    done = subprocess.run(command + [str(p) for p in paths], check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


# ---- scoring and reporting, in the light parent process ----------------------------------------------


def _header_checks(header: dict[str, Any], truth: dict[str, Any], score: Score) -> None:
    totals = truth.get("totals", {})
    wanted = {
        "number": {truth.get("invoiceNumber")},
        "date": {truth.get("issueDate")},
        "total": {decimal_or_none(totals.get("gross")), decimal_or_none(totals.get("due"))},
    }
    for name in HEADER_FIELDS:
        want = wanted[name] - {None}
        if not want:
            continue
        got = decimal_or_none(header[name]) if name == "total" else header[name]
        score.header_total[name] += 1
        score.header_right[name] += got is not None and got in want


def summarise(measured: dict[str, Any]) -> dict[str, Any]:
    score = Score()
    for file in measured["files"]:
        pdf = Path(file["path"])
        truth = json.loads(pdf.with_name(pdf.name.replace(".pdf", ".gt.json")).read_text(encoding="utf-8"))
        score_lines(file["lines"], truth, score)
        _header_checks(file["header"], truth, score)
    files = measured["files"]
    return {
        "score": score,
        "files": len(files),
        "pages": sum(f["pages"] for f in files),
        "errors": sum(1 for f in files if f["error"]),
        "msPerPage": statistics.median(f["ms"] / f["pages"] for f in files),
        "multiPage": [f["ms"] / f["pages"] for f in files if f["pages"] > 1],
        "peakMib": measured["peakKib"] / 1024,
        "growthMib": (measured["peakKib"] - measured["baselineKib"]) / 1024,
    }


def print_table(rows: list[tuple[str, str, dict[str, Any]]]) -> None:
    head = f"{'corpus':16s} {'reader':8s} {'files':>5s} {'pages':>5s} {'err':>3s} {'P':>6s} {'R':>6s} "
    head += (
        f"{'F1':>6s} {'number':>6s} {'date':>6s} {'total':>6s} {'ms/page':>8s} {'peakMiB':>8s} {'+MiB':>6s}"
    )
    print(head)
    for corpus, reader, s in rows:
        score: Score = s["score"]
        figures = " ".join(f"{value:6.3f}" for value in score.line_figures())
        header = " ".join(
            f"{score.header_right[n] / score.header_total[n]:6.3f}" if score.header_total[n] else f"{'-':>6s}"
            for n in HEADER_FIELDS
        )
        print(
            f"{corpus:16s} {reader:8s} {s['files']:5d} {s['pages']:5d} {s['errors']:3d} {figures} {header} "
            f"{s['msPerPage']:8.1f} {s['peakMib']:8.1f} {s['growthMib']:6.1f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the shared corpus")
    parser.add_argument("--long-pages", type=int, default=200, help="pages of the generated long invoice")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of the long invoice (median)")
    parser.add_argument("--measure", choices=READERS, help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.paths, args.repeats)))
        return 0

    with tempfile.TemporaryDirectory() as raw:
        out = Path(raw)
        generate = [sys.executable, str(BENCH / "generated_corpus.py"), "--out", raw]
        subprocess.run([*generate, "--long-pages", str(args.long_pages)], check=True)
        corpora: list[tuple[str, list[Path], int]] = []
        if args.corpus.is_dir():
            corpora.append(("shared corpus", _pdfs_with_truth(args.corpus), 1))
        else:
            print(f"shared corpus not found at {args.corpus}: skipping it (pass --corpus DIR)")
        corpora.append(("generated", _pdfs_with_truth(out / "fixtures"), 1))
        corpora.append((HTML_CORPUS, _pdfs_with_truth(out / "html"), 1))
        corpora.append((f"long {args.long_pages}p", _pdfs_with_truth(out / "long"), args.repeats))
        rows = []
        for name, paths, repeats in corpora:
            for reader in READERS:
                rows.append((name, reader, summarise(run_measure(reader, paths, repeats))))
    print_table(rows)
    _print_targets(rows)
    return 0


def _pdfs_with_truth(folder: Path) -> list[Path]:
    return sorted(t.with_name(t.name.replace(".gt.json", ".pdf")) for t in folder.rglob("*.gt.json"))


def _print_targets(rows: list[tuple[str, str, dict[str, Any]]]) -> None:
    by = {(corpus, reader): s for corpus, reader, s in rows}
    long_name = rows[-1][0]
    parser_long, baseline_long = by[(long_name, "parser")], by[(long_name, "baseline")]
    growth = parser_long["growthMib"]
    verdict = "met" if growth <= MEMORY_TARGET_MIB else "MISSED"
    print(f"\n{long_name}: parser memory growth {growth:.1f} MiB (target <= {MEMORY_TARGET_MIB}): {verdict}")
    multi = {
        r: statistics.median(
            x for (c, rr), s in by.items() if rr == r and c != HTML_CORPUS for x in s["multiPage"]
        )
        for r in READERS
    }
    for label, ratio in (
        (long_name, baseline_long["msPerPage"] / parser_long["msPerPage"]),
        ("all multi-page files", multi["baseline"] / multi["parser"]),
    ):
        verdict = "met" if ratio >= SPEED_TARGET else "MISSED"
        print(f"speed baseline/parser, {label}: {ratio:.2f}x (target >= {SPEED_TARGET}x): {verdict}")
    print("ms are medians of wall-clock time; on a shared machine they are noisy, compare readers by ratio.")


if __name__ == "__main__":
    sys.exit(main())
