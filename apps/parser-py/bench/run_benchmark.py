"""The parser against its peers, a naive pdfplumber baseline and camelot: line items, header fields,
speed and memory, on every corpus, in one run.

    npm run bench:parser            (or: .venv/bin/python apps/parser-py/bench/run_benchmark.py)
    ... run_benchmark.py --corpus-name real-world --readers parser        (one corpus, one reader)
    ... run_benchmark.py --limit 20                                       (at most 20 files a corpus)
    ... run_benchmark.py --corpus-name layouts-dev --details              (each file's misses)

Corpora (--corpus-name, repeatable): real-world (the shared corpus's hand-labelled third-party
invoices, the most important), e-invoice (its e-invoice PDFs, printed page only), layouts-dev and
layouts-held-out (fixtures/layouts seeds 0-99 and 1000-1099, generated on the fly), fixtures, html
(Chromium-rendered), long (one invoice of --long-pages pages) and scanned-150/-200/-300 (held-out
layouts as degraded image-only scans, read by OCR; bench/scanned_corpus.py), scanned-200-images (the
scanned-200 scans as PNG, JPEG and multi-page TIFF files), with scanned-originals, the text PDFs they
were made from. Readers (--readers): parser, baseline (bench/naive_baseline.py), camelot
(bench/camelot_peer.py; its package is in the bench extra, installed on first use unless --no-install)
ocrmypdf (bench/ocrmypdf_peer.py) and rapidocr (the parser with RapidOCR for tesseract,
bench/rapidocr_engine.py), both on the scanned corpora only (baseline and camelot open PDFs only and
are left out on the image files) and each in its own virtual environment,
made on first use unless --no-install.

Scoring is the shared scorer's (corpus_scoring.py mirrors ../shared/tools/score_parser.py). Every
reader runs over every corpus in a fresh process of this script (`--measure`), because pdfium,
pdfminer and opencv allocate outside Python's heap: memory is the growth of ru_maxrss over the
process's own figure after its imports, so peaks of two readers never mix.
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

from bench_dependencies import ensure_own_environments, ensure_peers
from corpora import CORPUS_NAMES, SCANNED, SCANNED_IMAGES, SCANNED_ORIGINALS, Corpus, build, truth_path
from corpus_scoring import DEFAULT_CORPUS, Score, score_header, score_lines
from readers import ENGINE_VARIANTS, READERS, left_out_note, make_reader, reads

HEADER_SHOWN = ("number", "date", "total", "supplier")
MEMORY_TARGET_MIB = 50
# Issue 14's targets for scans at 200 dpi: line F1, the share of number, date and total read right,
# and seconds per page.
SCAN_TARGETS = {"corpus": "scanned-200", "f1": 0.90, "header": 0.85, "seconds_per_page": 3.0}
# A corpus read by camelot page by page takes minutes; no single measuring process may hang the run.
MEASURE_TIMEOUT_SECONDS = 3600


# ---- measuring, in a fresh process per reader and corpus ---------------------------------------------


def _max_rss_kib() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def _page_count(path: Path) -> int:
    if path.suffix.lower() != ".pdf":  # an image file: its frames are its pages
        from PIL import Image

        with Image.open(path) as image:
            return getattr(image, "n_frames", 1)
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def measure(reader_name: str, paths: list[Path], repeats: int) -> dict[str, Any]:
    import gc

    read = make_reader(reader_name)
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
        files.append(
            {
                "path": str(path),
                "pages": pages[path],
                "ms": statistics.median(timings),
                "error": error,
                "lines": (result or {}).get("lines", []),
                "invoice": (result or {}).get("invoice", {}),
            }
        )
    return {"baselineKib": baseline_kib, "peakKib": _max_rss_kib(), "files": files}


def run_measure(reader_name: str, corpus: Corpus) -> dict[str, Any]:
    # camelot reads one page for seconds: its time is its work, not noise worth three runs.
    repeats = 1 if reader_name == "camelot" else corpus.repeats
    command = [sys.executable, __file__, "--measure", reader_name, "--repeats", str(repeats)]
    done = subprocess.run(
        command + [str(p) for p in corpus.paths],
        check=True,
        capture_output=True,
        text=True,
        timeout=MEASURE_TIMEOUT_SECONDS,
    )
    measured: dict[str, Any] = json.loads(done.stdout)
    return measured


# ---- scoring and reporting, in the light parent process ----------------------------------------------


def summarise(measured: dict[str, Any]) -> dict[str, Any]:
    score = Score()
    details = []
    for file in measured["files"]:
        pdf = Path(file["path"])
        truth = json.loads(truth_path(pdf).read_text(encoding="utf-8"))
        lines = [dict(line, kind=line.get("kind") or "item") for line in file["lines"]]
        before = (score.matched, score.predicted, score.expected)
        problems = score_lines(lines, truth, score)
        problems += score_header(file["invoice"], truth, score)
        score.documents += 1
        matched, predicted, expected = (
            a - b for a, b in zip((score.matched, score.predicted, score.expected), before, strict=True)
        )
        family = f" [{truth['family']}]" if truth.get("family") else ""
        details.append(
            f"{pdf.parent.name}/{pdf.name}{family}: {matched}/{expected} lines, {predicted} read"
            + (f", error {file['error']}" if file["error"] else "")
            + (f"; {'; '.join(problems[:4])}" if problems else "")
        )
    files = measured["files"]
    return {
        "details": details,
        "score": score,
        "files": len(files),
        "pages": sum(f["pages"] for f in files),
        "errors": sum(1 for f in files if f["error"]),
        "msPerPage": statistics.median(f["ms"] / f["pages"] for f in files) if files else 0.0,
        "multiPage": [f["ms"] / f["pages"] for f in files if f["pages"] > 1],
        "peakMib": measured["peakKib"] / 1024,
        "growthMib": (measured["peakKib"] - measured["baselineKib"]) / 1024,
    }


Row = tuple[str, str, dict[str, Any]]


def _versus_best_other(
    rows: list[Row], corpus: str, reader: str, peers_only: bool = False
) -> tuple[float | None, float | None]:
    """This reader's F1 and ms/page over the best other reader's on the same files (F1: the highest,
    ms: the fastest). F1 above 1 is ahead; ms below 1 is faster. peers_only leaves out the readers
    that are the parser itself with another part (ENGINE_VARIANTS)."""
    others = [
        s for c, r, s in rows if c == corpus and r != reader and not (peers_only and r in ENGINE_VARIANTS)
    ]
    mine = next(s for c, r, s in rows if c == corpus and r == reader)
    if not others:
        return None, None
    best_f1 = max(s["score"].line_figures()[2] for s in others)
    fastest = min(s["msPerPage"] for s in others)
    f1 = mine["score"].line_figures()[2]
    f1_ratio = f1 / best_f1 if best_f1 else (float("inf") if f1 else None)
    return f1_ratio, (mine["msPerPage"] / fastest if fastest else None)


def _figure(value: float | None, width: int = 6, digits: int = 3) -> str:
    if value is None:
        return f"{'-':>{width}s}"
    if value == float("inf"):
        return f"{'inf':>{width}s}"
    return f"{value:{width}.{digits}f}"


def print_table(rows: list[Row]) -> None:
    head = f"{'corpus':17s} {'reader':8s} {'files':>5s} {'pages':>5s} {'err':>3s} "
    head += f"{'P':>6s} {'R':>6s} {'F1':>6s} "
    head += " ".join(f"{name[:6]:>6s}" for name in HEADER_SHOWN)
    head += f" {'ms/page':>8s} {'peakMiB':>8s} {'+MiB':>6s} {'F1/best':>7s} {'ms/best':>7s}"
    print(head)
    for corpus, reader, s in rows:
        score: Score = s["score"]
        figures = " ".join(f"{value:6.3f}" for value in score.line_figures())
        header = " ".join(_figure(score.header_share(n)) for n in HEADER_SHOWN)
        f1_ratio, ms_ratio = _versus_best_other(rows, corpus, reader)
        print(
            f"{corpus:17s} {reader:8s} {s['files']:5d} {s['pages']:5d} {s['errors']:3d} {figures} {header} "
            f"{s['msPerPage']:8.1f} {s['peakMib']:8.1f} {s['growthMib']:6.1f} "
            f"{_figure(f1_ratio, 7, 2)} {_figure(ms_ratio, 7, 2)}"
        )


def print_verdicts(rows: list[Row]) -> None:
    """The issue's targets that one run can check: ahead of every peer, memory flat on the long file."""
    by = {(corpus, reader): s for corpus, reader, s in rows}
    corpora = list(dict.fromkeys(corpus for corpus, _, _ in rows))
    print()
    for corpus in corpora:
        if (corpus, "parser") not in by:
            continue
        f1_ratio, _ = _versus_best_other(rows, corpus, "parser", peers_only=True)
        if f1_ratio is None:
            continue
        f1 = by[(corpus, "parser")]["score"].line_figures()[2]
        verdict = "ahead" if f1_ratio > 1 else "level (both read every line)" if f1 == 1 else "NOT ahead"
        versus = (
            "the best peer reads no line" if f1_ratio == float("inf") else f"{f1_ratio:.2f}x the best peer's"
        )
        print(f"{corpus}: parser line F1 {f1:.3f}, {versus}: {verdict}")
    originals = by.get((SCANNED_ORIGINALS, "parser"))
    for corpus in corpora:
        if corpus in SCANNED_IMAGES and (corpus, "parser") in by:
            as_pdfs = next(
                (s for (c, r), s in by.items() if r == "parser" and SCANNED.get(c) == SCANNED_IMAGES[corpus]),
                None,
            )
            if as_pdfs is not None:
                images, pdfs = by[(corpus, "parser")], as_pdfs
                images_f1, pdfs_f1 = images["score"].line_figures()[2], pdfs["score"].line_figures()[2]
                print(
                    f"{corpus}: parser line F1 {images_f1:.3f} against {pdfs_f1:.3f} on the same scans as "
                    f"image-only PDFs ({images_f1 / pdfs_f1 if pdfs_f1 else 0:.3f}x), "
                    f"{images['msPerPage'] / max(pdfs['msPerPage'], 1e-9):.2f}x the time a page"
                )
    for corpus in corpora:
        if corpus in (*SCANNED, *SCANNED_IMAGES) and (corpus, "parser") in by and originals is not None:
            scanned, text = by[(corpus, "parser")], originals
            scanned_f1, text_f1 = scanned["score"].line_figures()[2], text["score"].line_figures()[2]
            slower = scanned["msPerPage"] / max(text["msPerPage"], 1e-9)
            print(
                f"{corpus}: parser line F1 {scanned_f1:.3f} against {text_f1:.3f} on the same invoices as "
                f"text PDFs ({scanned_f1 / text_f1 if text_f1 else 0:.2f}x), {slower:.0f}x the time a page"
            )
    for corpus in corpora:
        if corpus.startswith("long") and (corpus, "parser") in by:
            growth = by[(corpus, "parser")]["growthMib"]
            verdict = "met" if growth <= MEMORY_TARGET_MIB else "MISSED"
            print(
                f"{corpus}: parser memory growth {growth:.1f} MiB (target <= {MEMORY_TARGET_MIB}): {verdict}"
            )
    scanned = by.get((str(SCAN_TARGETS["corpus"]), "parser"))
    if scanned is not None:
        score, f1 = scanned["score"], scanned["score"].line_figures()[2]
        header = {name: score.header_share(name) for name in ("number", "date", "total")}
        met = (
            f1 >= SCAN_TARGETS["f1"]
            and all(share is not None and share >= SCAN_TARGETS["header"] for share in header.values())
            and scanned["msPerPage"] / 1000 <= SCAN_TARGETS["seconds_per_page"]
        )
        shares = ", ".join(f"{name} {_figure(share, 0, 2)}" for name, share in header.items())
        print(
            f"{SCAN_TARGETS['corpus']}: parser line F1 {f1:.3f}, {shares}, "
            f"{scanned['msPerPage'] / 1000:.2f} s/page (targets F1 >= {SCAN_TARGETS['f1']}, "
            f"header >= {SCAN_TARGETS['header']}, <= {SCAN_TARGETS['seconds_per_page']} s/page): "
            f"{'met' if met else 'MISSED'}"
        )
    print("ms are medians of wall-clock time; on a shared machine they are noisy, compare readers by ratio.")


def _as_json(rows: list[Row]) -> list[dict[str, Any]]:
    out = []
    for corpus, reader, s in rows:
        score: Score = s["score"]
        precision, recall, f1 = score.line_figures()
        out.append(
            {
                "corpus": corpus,
                "reader": reader,
                **{k: s[k] for k in ("files", "pages", "errors", "msPerPage", "peakMib", "growthMib")},
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "header": {name: score.header_share(name) for name in score.header_total},
            }
        )
    return out


def _names(values: list[str] | None, allowed: tuple[str, ...]) -> list[str]:
    """Comma-separated and repeated options alike; unknown names stop the run, naming the allowed ones."""
    names = [n.strip() for value in values or [] for n in value.split(",") if n.strip()] or list(allowed)
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise SystemExit(f"unknown {', '.join(unknown)}; choose from {', '.join(allowed)}")
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the shared corpus folder")
    parser.add_argument("--corpus-name", action="append", help=f"one or more of {', '.join(CORPUS_NAMES)}")
    parser.add_argument("--readers", action="append", help=f"one or more of {', '.join(READERS)}")
    parser.add_argument("--limit", type=int, help="at most N files per corpus, spread evenly, same for all")
    parser.add_argument("--long-pages", type=int, default=200, help="pages of the generated long invoice")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of the long invoice (median)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--details", action="store_true", help="also print each file's result and misses")
    parser.add_argument(
        "--no-install", action="store_true", help="fail instead of installing the bench extra"
    )
    parser.add_argument("--measure", choices=READERS, help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.paths, args.repeats)))
        return 0

    readers = _names(args.readers, READERS)
    names = _names(args.corpus_name, CORPUS_NAMES)
    ensure_peers(readers, install=not args.no_install)
    ensure_own_environments(readers, install=not args.no_install)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as scratch:
        corpora = build(names, args.corpus, Path(scratch), args.long_pages, args.repeats, args.limit)
        for corpus in corpora:
            for note in filter(None, (left_out_note(r, corpus.name) for r in readers)):
                print(note, file=sys.stderr)
            for reader in (r for r in readers if reads(r, corpus.name)):
                started = time.monotonic()
                print(
                    f"{corpus.name}: {reader} on {len(corpus.paths)} files ...",
                    end="",
                    file=sys.stderr,
                    flush=True,
                )
                rows.append((corpus.name, reader, summarise(run_measure(reader, corpus))))
                print(f" {time.monotonic() - started:.0f} s", file=sys.stderr)
                if args.details:
                    print("\n".join(f"  {reader}: {line}" for line in rows[-1][2]["details"]))
    print_table(rows)
    print_verdicts(rows)
    if args.json:
        args.json.write_text(json.dumps(_as_json(rows), indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
