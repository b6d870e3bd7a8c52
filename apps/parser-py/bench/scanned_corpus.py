"""Scans made from generated invoices, with the same truth: each PDF's pages rasterised at a given
resolution, then degraded as a scanner or a phone degrades paper (a slant of up to 2 degrees, grey
paper, sensor noise, a little blur, JPEG compression) and wrapped as an image-only PDF, or written as
the image files a scanner or a phone leaves (--images): a single-page invoice as PNG or JPEG, turn
about by the seed in its name, a multi-page one as one multi-page TIFF (greyscale, deflate, lossless).

    python apps/parser-py/bench/scanned_corpus.py --source DIR --out DIR [--dpi 200] [--seed 0] [--images]

The degradation of each file is drawn from a generator seeded by its name, resolution and --seed, so
a corpus is the same on every run and machine, whichever corpora were written before it in the same
process; the sensor grain too (grain() below). Both wrappings draw the same degradation for a file and
resolution, pixel for pixel; the PDF and the JPEG file compress it at the same drawn quality, PNG and
TIFF keep it exactly. Every image file declares its resolution, as a scanner's does.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import zlib
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageFilter

MAX_SKEW_DEGREES = 2.0
PAPER_LEVELS = (205, 245)  # grey of the paper, 0-255
INK_LEVELS = (15, 60)
NOISE_SIGMAS = (3.0, 10.0)
BLUR_RADII = (0.0, 0.8)  # pixels at the scan's resolution
JPEG_QUALITIES = (55, 85)


def write_scans(sources: list[Path], out: Path, dpi: int, seed: int = 0) -> list[Path]:
    """A scanned copy of each source PDF in out (same name, truth NAME.gt.json copied beside)."""
    return _written(sources, out, dpi, seed, scan_pdf)


def write_image_scans(sources: list[Path], out: Path, dpi: int, seed: int = 0) -> list[Path]:
    """The same scans as write_scans, as image files (NAME.png, .jpg or .tif, truth beside)."""
    return _written(sources, out, dpi, seed, scan_images)


Wrap = Callable[[Path, Path, int, random.Random], Path]


def _written(sources: list[Path], out: Path, dpi: int, seed: int, wrap: Wrap) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sources:
        chance = random.Random(f"{seed}:{source.stem}:{dpi}")
        written.append(wrap(source, out / source.name, dpi, chance))
        truth = source.with_name(f"{source.stem}.gt.json")
        if truth.exists():
            shutil.copyfile(truth, out / truth.name)
    return written


def scan_pdf(source: Path, target: Path, dpi: int, chance: random.Random) -> Path:
    pages = scanned_pages(source, dpi, chance)
    quality = chance.randint(*JPEG_QUALITIES)
    # Pillow writes greyscale pages into the PDF as JPEG (DCTDecode) at this quality.
    pages[0].save(
        target, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=quality
    )
    return target


def scan_images(source: Path, target: Path, dpi: int, chance: random.Random) -> Path:
    """target's name with the suffix of the format written: .tif for several pages, else .png for an
    even seed in the name, .jpg for an odd one."""
    pages = scanned_pages(source, dpi, chance)
    quality = chance.randint(*JPEG_QUALITIES)  # drawn as for the PDF, so JPEG files match its pages
    resolution = (dpi, dpi)
    if len(pages) > 1:
        path = target.with_suffix(".tif")
        pages[0].save(
            path,
            format="TIFF",
            save_all=True,
            append_images=pages[1:],
            compression="tiff_adobe_deflate",
            dpi=resolution,
        )
    elif file_seed(source.stem) % 2 == 0:
        path = target.with_suffix(".png")
        pages[0].save(path, format="PNG", dpi=resolution)
    else:
        path = target.with_suffix(".jpg")
        pages[0].save(path, format="JPEG", quality=quality, dpi=resolution)
    return path


def file_seed(stem: str) -> int:
    """The seed in a generated file's name (seed-1005 -> 1005), or a checksum of a name without one."""
    digits = re.findall(r"\d+", stem)
    return int(digits[-1]) if digits else zlib.crc32(stem.encode())


def scanned_pages(source: Path, dpi: int, chance: random.Random) -> list[Image.Image]:
    """The source PDF's pages rendered at dpi in greyscale and degraded, in order."""
    document = pdfium.PdfDocument(source)
    try:
        return [
            degraded(document[index].render(scale=dpi / 72, grayscale=True).to_pil(), chance)
            for index in range(len(document))
        ]
    finally:
        document.close()


def degraded(page: Image.Image, chance: random.Random) -> Image.Image:
    paper, ink = chance.randint(*PAPER_LEVELS), chance.randint(*INK_LEVELS)
    grey = page.convert("L").point(lambda value: ink + (paper - ink) * value // 255)
    slanted = grey.rotate(
        chance.uniform(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES),
        resample=Image.Resampling.BICUBIC,
        fillcolor=paper,
    )
    noise = grain(slanted.size, chance.uniform(*NOISE_SIGMAS), _grain_source(chance))
    noisy = ImageChops.add(slanted, noise, scale=1.0, offset=-128)
    radius = chance.uniform(*BLUR_RADII)
    return noisy.filter(ImageFilter.GaussianBlur(radius)) if radius >= 0.2 else noisy


# The mean of four uniform bytes is near enough normal; its standard deviation is 255 / sqrt(12 * 4)
# (with the uniform's discreteness, 73.9 / 2).
_GRAIN_LAYERS_SPREAD = 36.95


def grain(size: tuple[int, int], sigma: float, source: random.Random) -> Image.Image:
    """Sensor noise around 128 with standard deviation sigma, drawn from source alone. Pillow's
    effect_noise draws from the C library's rand(), whose state is the process's: the same file would
    get other grain after another corpus was written, and its PDF and image wrappings would differ."""
    width, height = size
    layers = [Image.frombytes("L", size, source.randbytes(width * height)) for _ in range(4)]
    mean = ImageChops.add(
        ImageChops.add(layers[0], layers[1], scale=2), ImageChops.add(layers[2], layers[3], scale=2), scale=2
    )
    spread = sigma / _GRAIN_LAYERS_SPREAD
    return mean.point(lambda value: max(0, min(255, round(128 + (value - 127.5) * spread))))


def _grain_source(chance: random.Random) -> random.Random:
    # Seeded from the degradation generator's state without drawing from it, so the other draws (and
    # with them the skew, paper, blur and quality of every corpus written before) stay as they were.
    # A tuple of ints hashes the same in every process (only str and bytes hashes are salted).
    return random.Random(hash(chance.getstate()[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="a folder of NAME.pdf + NAME.gt.json")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--images", action="store_true", help="PNG, JPEG and TIFF files, not PDFs")
    args = parser.parse_args()
    write = write_image_scans if args.images else write_scans
    for path in write(sorted(args.source.glob("*.pdf")), args.out, args.dpi, args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
