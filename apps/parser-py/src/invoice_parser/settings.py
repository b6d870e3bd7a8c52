"""Every tunable of the parser, named and collected in one frozen object.

Limits and switches can be overridden through INVOICE_PARSER_* environment variables (read once,
typed, failing fast with the variable's name); extraction tolerances are constants of the algorithm.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Final

from invoice_parser.errors import VALIDATION_FAILED, ParserError

ENV_PREFIX = "INVOICE_PARSER_"
MIB = 1024 * 1024
# Spellings a boolean variable accepts; anything else fails fast rather than meaning "off".
_FLAG_VALUES: Final = {"1": True, "true": True, "0": False, "false": False}


@dataclass(frozen=True)
class Settings:
    # Resource limits: a document that needs more is rejected, not parsed slowly.
    max_pages: int = 200
    max_bytes: int = 50 * 1024 * 1024
    # A hostile document must end (in a result or an error) within 30 s and 1.5 GB, start-up
    # included; a 200-page invoice takes a few seconds and well under 200 MiB.
    time_limit_seconds: float = 25
    memory_limit_mib: int = 1024  # address space, so resident memory stays below it; 0 disables

    # E-invoice limits. An embedded file is decompressed only up to this many bytes; a larger one
    # is refused, so a small deflate bomb inside a PDF cannot exhaust memory.
    max_attachment_bytes: int = 10 * MIB
    # A bare XML upload or an attachment above this size is not parsed at all.
    max_xml_bytes: int = 10 * MIB
    # CII and UBL invoices nest about 10 levels deep; far deeper input is hostile, not an invoice.
    max_xml_depth: int = 64
    # Nodes visited in the PDF's EmbeddedFiles name tree, which may be cyclic in a hostile file.
    max_name_tree_nodes: int = 10_000
    # Read the printed page only, even when the PDF carries an e-invoice: the benchmark of the
    # printed-page reader must not be flattered by the exact XML.
    ignore_einvoice: bool = False

    # OCR of scanned pages and image uploads (invoice_parser/ocr). The tesseract binary: a name looked
    # up on PATH or a path. The languages are read in one pass, the first preferred where they
    # disagree; measured on the fixture scans, French and German first keep accents (Lumière, März)
    # that English first loses, and adding nld+spa+ita (installed too) turns "pcs" into "pes".
    # Spanish last reads í, ó, á (Bolígrafo, envío) that the others turn into i, ö, ä, and loses
    # nothing else: on 40 development scans line F1 0.919 -> 0.936, at about the same time; placed
    # before German it loses German's umlauts instead (Köln -> Koln).
    tesseract: str = "tesseract"
    ocr_languages: str = "fra+deu+eng+spa"
    # Pages are rendered at this resolution; an image is scaled to it when its own is far off.
    ocr_dpi: int = 300
    # A page (PDF page rendered, image frame decoded) of more pixels is refused as TOO_LARGE: an image
    # decompression bomb is a few kilobytes that decode to gigabytes. 50 MP holds a 48 MP phone photo.
    ocr_max_pixels: int = 50_000_000
    # Pages read by OCR in one document (a multi-page TIFF's frames included); more is TOO_MANY_PAGES.
    ocr_max_pages: int = 50
    # One page's recognition, and all of a document's, may take this long before TIMEOUT; the
    # document's OCR time is added to time_limit_seconds for the process as a whole.
    ocr_page_seconds: float = 20
    ocr_document_seconds: float = 80
    # A recognised word below this confidence (0-100, tesseract's) makes the field it was read into
    # one to check first (the line's unsureFields) and lowers its line's confidence one step.
    ocr_min_word_confidence: float = 60
    # A page with fewer text characters than this, covered by an image, is a scan with a fax header
    # or a page number stamped on it: it is read by OCR (which reads the stamp too).
    ocr_sparse_text_chars: int = 40

    # Word extraction tolerances (those of pdfplumber's extract_words), in PDF points.
    word_x_tolerance: float = 1.5
    word_y_tolerance: float = 2.5

    # Words whose bottoms differ by less than this fraction of their height share a text row.
    row_baseline_tolerance_ratio: float = 0.45
    # A text-only row further than this many median row pitches from an item is not its continuation.
    continuation_max_gap_ratio: float = 1.9
    # Figures of different rows whose right (or left) edges lie within this many character heights
    # of each other stand in one column.
    column_edge_tolerance_ratio: float = 0.6
    # The sum of a run of line totals is looked for this many rows below the run's last item.
    totals_window_rows: int = 12
    # Pages with fewer text characters than this count as having no text layer.
    min_text_chars: int = 1
    # Only the top fraction of the first page is searched for the supplier's name.
    supplier_search_height_ratio: float = 0.4

    # The page layout written beside the result (page_layout.py) for reading a region the operator
    # boxes: rows past these bounds are left out (and the page marked truncated), so that a dense
    # 200-page document writes a few megabytes, not hundreds, and the API reads it in one piece.
    layout_max_rows_per_page: int = 150
    layout_max_words_per_row: int = 40
    layout_max_words: int = 60_000

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Defaults overridden by INVOICE_PARSER_MAX_PAGES, ..._MAX_BYTES, ..._IGNORE_EINVOICE, ..."""
        env = os.environ if environ is None else environ
        overrides: dict[str, int | float | bool | str] = {}
        for spec in fields(cls):
            name = ENV_PREFIX + spec.name.upper()
            raw = env.get(name)
            if raw is None or raw == "":
                continue
            try:
                overrides[spec.name] = _PARSERS[str(spec.type)](raw)
            except ValueError:
                raise ParserError(
                    VALIDATION_FAILED, f"{name} must be a {spec.type}, got {raw!r}", {"variable": name}
                ) from None
        return replace(cls(), **overrides)  # type: ignore[arg-type]


def _flag(raw: str) -> bool:
    try:
        return _FLAG_VALUES[raw.strip().lower()]
    except KeyError:
        raise ValueError(raw) from None


# Field annotations are strings here (postponed evaluation), so they key the parsers directly.
_PARSERS: Final[dict[str, Callable[[str], int | float | bool | str]]] = {
    "int": int,
    "float": float,
    "bool": _flag,
    "str": str,
}

DEFAULT_SETTINGS: Final = Settings()
