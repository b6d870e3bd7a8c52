"""RapidOCR as a tesseract stand-in, for the engine comparison of issue "Scanned invoices and photos"
only: run by bench/rapidocr_engine.py inside its own virtual environment (bench/.venv-rapidocr), it
reads page images (PNG) on stdin and answers each with the TSV tesseract would give, so that the
parser's own word reader (invoice_parser/ocr/words.py) and everything after it read RapidOCR's words
unchanged.

RapidOCR finds text lines (a DB detector) and reads each (a CTC recogniser) with per-word boxes. Its
boxes are the detector's, grown around the text, and a line's words share the line's height; tesseract
boxes a word's ink, and the word reader infers the font size from it. So each word's box is cut down
to the ink inside it (the page is already flattened to white paper by the parser): the run of inked
rows with the most ink, with the small gaps of accents and dots bridged, then the inked columns of
those rows. Line scores (0-1) become word confidences (0-100), as tesseract reports them. The text
detector sees the page scaled to DETECTOR_SIDE pixels at most, the recogniser the full page.

Protocol: each request is a 4-byte big-endian length and a PNG; each answer a 4-byte length and the
TSV in UTF-8. One thread, as the parser's tesseract runs.
"""

from __future__ import annotations

import io
import struct
import sys

import numpy as np
from PIL import Image
from rapidocr import RapidOCR

INK_LEVEL = 128  # the parser sends pages whose paper is white and ink dark
MIN_INK_PIXELS = 2  # a row or column with fewer is a speck
# Blank rows inside one word's ink (an accent above a capital, the dot of an "i") are at most this
# share of the detector box's height; a wider gap separates the word from a neighbouring line.
GAP_SHARE = 0.1
DETECTOR_SIDE = 2000
HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def engine() -> RapidOCR:
    return RapidOCR(
        params={
            "Global.log_level": "warning",
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            # The detector at most DETECTOR_SIDE pixels high (its default keeps the whole 300 dpi
            # page): 6x faster, and the same text on a measured page; recognition still reads the
            # full-resolution crops.
            "Det.limit_type": "max",
            "Det.limit_side_len": DETECTOR_SIDE,
        }
    )


def _runs(inked: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True, end exclusive."""
    runs, start = [], None
    for index, value in enumerate([*inked.tolist(), False]):
        if value and start is None:
            start = index
        elif not value and start is not None:
            runs.append((start, index))
            start = None
    return runs


def ink_box(grey: np.ndarray, quad: list[list[float]]) -> tuple[int, int, int, int] | None:
    """(left, top, width, height) of the ink inside the word's detector box, None for none."""
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    x0, x1 = max(0, int(min(xs))), min(grey.shape[1], int(max(xs)) + 1)
    y0, y1 = max(0, int(min(ys))), min(grey.shape[0], int(max(ys)) + 1)
    if x1 <= x0 or y1 <= y0:
        return None
    ink = grey[y0:y1, x0:x1] < INK_LEVEL
    runs = _runs(ink.sum(axis=1) >= MIN_INK_PIXELS)
    if not runs:
        return None
    weights = [int(ink[a:b].sum()) for a, b in runs]
    main = weights.index(max(weights))
    top, bottom = runs[main]
    gap = max(2, round(GAP_SHARE * (y1 - y0)))
    for a, b in reversed(runs[:main]):
        if top - b > gap:
            break
        top = a
    for a, b in runs[main + 1 :]:
        if a - bottom > gap:
            break
        bottom = b
    columns = np.flatnonzero(ink[top:bottom].sum(axis=0) >= 1)
    if columns.size == 0:
        return None
    left, right = int(columns[0]), int(columns[-1]) + 1
    return x0 + left, y0 + top, right - left, bottom - top


def page_tsv(ocr: RapidOCR, png: bytes) -> str:
    image = Image.open(io.BytesIO(png)).convert("L")
    grey = np.asarray(image)
    result = ocr(np.asarray(image.convert("RGB")), return_word_box=True)
    rows = [HEADER]
    for line_number, line in enumerate(result.word_results or (), start=1):
        for word_number, (text, score, quad) in enumerate(line, start=1):
            box = ink_box(grey, quad)
            if box is None or not text.strip():
                continue
            left, top, width, height = box
            fields = (5, 1, 1, 1, line_number, word_number, left, top, width, height)
            rows.append("\t".join(str(f) for f in fields) + f"\t{float(score) * 100:.2f}\t{text.strip()}")
    return "\n".join(rows) + "\n"


def main() -> int:
    ocr = engine()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    stdout.write(b"ready\n")
    stdout.flush()
    while True:
        head = stdin.read(4)
        if len(head) < 4:
            return 0
        (size,) = struct.unpack(">I", head)
        answer = page_tsv(ocr, stdin.read(size)).encode("utf-8")
        stdout.write(struct.pack(">I", len(answer)) + answer)
        stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
