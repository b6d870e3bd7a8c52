"""The corpora of the benchmark, each a list of PDFs with NAME.gt.json beside: the shared corpus's
hand-labelled third-party invoices and its e-invoice PDFs (read from ../shared/corpus), and the
project's own, written into a scratch folder on each run: generated layouts (development seeds and
held-out seeds), the fixture layouts, the Chromium-rendered HTML invoices, one long invoice, scans
of held-out layouts at 150, 200 and 300 dpi (bench/scanned_corpus.py: slanted, grey, noisy, blurred,
JPEG-compressed image-only PDFs, read by OCR), the same scans at 200 dpi as image files (PNG, JPEG,
multi-page TIFF) and the text PDFs those scans were made from."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generated_corpus import write_fixtures, write_html_fixtures, write_long_invoice
from scanned_corpus import write_image_scans, write_scans

LAYOUTS = Path(__file__).resolve().parents[1] / "fixtures" / "layouts" / "generate.py"
# Development seeds are the ones to look at; held-out seeds are scored, never tuned on
# (fixtures/layouts/__init__.py).
LAYOUT_SEEDS = {"layouts-dev": "0-99", "layouts-held-out": "1000-1099"}
# Scans of held-out layouts, by resolution. OCR takes about a second a page, so each holds at most
# SCANNED_FILES invoices (fewer with --limit), the same ones at every resolution.
SCANNED = {"scanned-150": 150, "scanned-200": 200, "scanned-300": 300}
SCANNED_FILES = 20
# The same scans as image files, by resolution: the image-only PDFs of scanned-200, pixel for pixel.
SCANNED_IMAGES = {"scanned-200-images": 200}
# The text PDFs the scans are made from, the same files: what OCR costs, read against what it reads.
SCANNED_ORIGINALS = "scanned-originals"
CORPUS_NAMES = (
    "real-world",
    "e-invoice",
    "layouts-dev",
    "layouts-held-out",
    "fixtures",
    "html",
    "long",
    *SCANNED,
    *SCANNED_IMAGES,
    SCANNED_ORIGINALS,
)
# The shared corpus's folders of e-invoice PDFs; real-world/ is its own corpus, xml-kosit/ has no PDFs.
NOT_E_INVOICE = {"real-world", "xml-kosit"}


def truth_path(document: Path) -> Path:
    """The ground truth beside a document, PDF or image: NAME.gt.json."""
    return document.with_name(f"{document.stem}.gt.json")


@dataclass
class Corpus:
    name: str
    paths: list[Path]
    # Timed reads per file (median taken): more for a single long file, whose time is one figure.
    repeats: int = 1


def pdfs_with_truth(folder: Path) -> list[Path]:
    """PDFs with a ground truth that lists lines: the shared scorer skips the others."""
    found = []
    for truth in sorted(folder.rglob("*.gt.json")):
        pdf = truth.with_name(truth.name.replace(".gt.json", ".pdf"))
        if pdf.exists() and json.loads(truth.read_text(encoding="utf-8")).get("lines"):
            found.append(pdf)
    return found


def evenly(paths: list[Path], limit: int | None) -> list[Path]:
    """At most `limit` files spread over the whole sorted list, the same ones for every reader."""
    if not limit or limit >= len(paths):
        return paths
    return [paths[index * len(paths) // limit] for index in range(limit)]


def _layouts(scratch: Path, name: str) -> list[Path]:
    out = scratch / name
    if out.is_dir():  # already written for another corpus of this run
        return pdfs_with_truth(out)
    subprocess.run(
        [sys.executable, str(LAYOUTS), "--seeds", LAYOUT_SEEDS[name], "--out", str(out)], check=True
    )
    return pdfs_with_truth(out)


def _scanned_sources(scratch: Path, limit: int | None) -> list[Path]:
    """The held-out layouts that are scanned: SCANNED_FILES (or --limit) of them, spread evenly."""
    return evenly(_layouts(scratch, "layouts-held-out"), min(limit or SCANNED_FILES, SCANNED_FILES))


def _e_invoices(shared: Path) -> list[Path]:
    folders = [f for f in sorted(shared.iterdir()) if f.is_dir() and f.name not in NOT_E_INVOICE]
    return [pdf for folder in folders for pdf in pdfs_with_truth(folder)]


def build(
    names: list[str], shared: Path, scratch: Path, long_pages: int, repeats: int, limit: int | None
) -> list[Corpus]:
    corpora = []
    for name in names:
        if name in ("real-world", "e-invoice"):
            if not shared.is_dir():
                print(
                    f"shared corpus not found at {shared}: skipping {name} (pass --corpus DIR)",
                    file=sys.stderr,
                )
                continue
            paths = pdfs_with_truth(shared / "real-world") if name == "real-world" else _e_invoices(shared)
            corpora.append(Corpus(name, evenly(paths, limit)))
        elif name in LAYOUT_SEEDS:
            corpora.append(Corpus(name, evenly(_layouts(scratch, name), limit)))
        elif name in ("fixtures", "html"):
            out = scratch / name
            out.mkdir(parents=True, exist_ok=True)
            (write_fixtures if name == "fixtures" else write_html_fixtures)(out)
            corpora.append(Corpus(name, evenly(pdfs_with_truth(out), limit)))
        elif name in SCANNED:
            corpora.append(
                Corpus(name, write_scans(_scanned_sources(scratch, limit), scratch / name, SCANNED[name]))
            )
        elif name in SCANNED_IMAGES:
            sources = _scanned_sources(scratch, limit)
            corpora.append(Corpus(name, write_image_scans(sources, scratch / name, SCANNED_IMAGES[name])))
        elif name == SCANNED_ORIGINALS:
            corpora.append(Corpus(name, _scanned_sources(scratch, limit)))
        elif name == "long":
            if long_pages:
                out = scratch / "long"
                out.mkdir(parents=True, exist_ok=True)
                write_long_invoice(out, long_pages)
                corpora.append(Corpus(f"long {long_pages}p", pdfs_with_truth(out), repeats))
        else:
            raise SystemExit(f"unknown corpus {name!r}; choose from {', '.join(CORPUS_NAMES)}")
    return corpora
