"""Page images for OCR: a PDF page rendered by pdfium, or the frames of a PNG, JPEG or TIFF upload,
each as one greyscale Pillow image with its resolution, and never larger than the pixel limit.

The limit is checked on the declared size before anything is decoded: a decompression bomb (a few
kilobytes that inflate to gigabytes) is refused as TOO_LARGE without being inflated.
"""

from __future__ import annotations

import io
import math
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PIL import Image, ImageOps

from invoice_parser.errors import CORRUPT, EMPTY, TOO_LARGE, TOO_MANY_PAGES, ParserError

POINTS_PER_INCH = 72
# An image that says nothing believable about its resolution is taken to be a page whose long side
# is that of A4 (11.69 in): scans and phone photos of invoices almost always are.
A4_LONG_SIDE_INCHES = 11.69
# Declared resolutions outside this range are a camera's or an editor's default (72, 96), not a scan's.
_BELIEVABLE_DPI = (100.0, 1200.0)
# An image is rescaled to the OCR resolution only when it is this far off: tesseract reads 200 dpi
# as well as 300, but small print below ~180 dpi loses characters and 600 dpi only costs time.
_UPSCALE_BELOW, _DOWNSCALE_ABOVE = 0.6, 1.5
# Lower than this the page would be too coarse to read at all.
_MIN_RENDER_DPI = 100
# A page whose darkest pixel is this light carries no ink: nothing to recognise.
_BLANK_LEVEL = 250

IMAGE_MEDIA_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
TIFF_MAGICS = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")  # classic and BigTIFF, both byte orders
TIFF_MEDIA_TYPE = "image/tiff"


@dataclass(frozen=True)
class Raster:
    image: Image.Image  # mode "L"
    dpi: float

    @property
    def points_per_pixel(self) -> float:
        return POINTS_PER_INCH / self.dpi

    def is_blank(self) -> bool:
        darkest = self.image.getextrema()[0]  # (lowest, highest) of an "L" image
        return not isinstance(darkest, tuple) and darkest >= _BLANK_LEVEL


def image_media_type(data: bytes) -> str | None:
    """The media type of a PNG, JPEG or TIFF, sniffed from its first bytes; None for anything else."""
    for magic, media_type in IMAGE_MEDIA_TYPES.items():
        if data.startswith(magic):
            return media_type
    return TIFF_MEDIA_TYPE if data.startswith(TIFF_MAGICS) else None


# ---- PDF pages ------------------------------------------------------------------------------------


def render_pdf_page(document: pdfium.PdfDocument, index: int, dpi: int, max_pixels: int) -> Raster:
    """Page index (0-based) at dpi, or at less when the page is so large that dpi would exceed
    max_pixels; TOO_LARGE when an image on the page is itself beyond max_pixels."""
    page = document[index]
    try:
        _refuse_huge_images(page, index + 1, max_pixels)
        width, height = page.get_size()
        if width <= 0 or height <= 0:
            raise ParserError(CORRUPT, f"page {index + 1} has no area")
        fitting = math.sqrt(max_pixels / (width * height)) * POINTS_PER_INCH
        used = min(float(dpi), fitting)
        if used < _MIN_RENDER_DPI:
            raise ParserError(
                TOO_LARGE,
                f"page {index + 1} ({width:.0f} x {height:.0f} pt) is too large to render for OCR",
                {"page": index + 1, "maxPixels": max_pixels},
            )
        bitmap = page.render(scale=used / POINTS_PER_INCH, grayscale=True, may_draw_forms=True)
        try:
            image = _greyscale(bitmap.to_pil())
        finally:
            bitmap.close()
    finally:
        page.close()
    return Raster(image, used)


def _refuse_huge_images(page: pdfium.PdfPage, number: int, max_pixels: int) -> None:
    # pdfium decodes an image whole to draw it, whatever size it is drawn at.
    for item in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        try:
            width, height = item.get_px_size()
        except pdfium.PdfiumError:
            continue
        if width * height > max_pixels:
            raise ParserError(
                TOO_LARGE,
                f"an image on page {number} has {width} x {height} pixels; the limit is {max_pixels}",
                {"page": number, "maxPixels": max_pixels},
            )


# ---- image uploads --------------------------------------------------------------------------------


def image_frames(data: bytes, target_dpi: int, max_pixels: int, max_frames: int) -> Iterator[Raster]:
    """Each frame of an image upload (a TIFF may hold several), decoded one at a time."""
    with _pixel_limit(max_pixels), _opened(data, max_pixels) as image:
        frames = _frame_count(image, max_frames)
        for index in range(frames):
            with _decoding(index + 1):
                image.seek(index)
                _check_pixels(image.size, index + 1, max_pixels)
                yield _raster(image, target_dpi, max_pixels)


@contextmanager
def _pixel_limit(max_pixels: int) -> Iterator[None]:
    # Pillow's own bomb check, as a second line behind _check_pixels: it refuses above twice
    # MAX_IMAGE_PIXELS and warns above it; the warning is made an error here.
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = previous


@contextmanager
def _opened(data: bytes, max_pixels: int) -> Iterator[Image.Image]:
    try:
        image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ParserError(
            TOO_LARGE, f"the image is too large to decode: {error}", {"maxPixels": max_pixels}
        ) from None
    except (OSError, ValueError, SyntaxError) as error:  # PIL.UnidentifiedImageError is an OSError
        raise ParserError(CORRUPT, f"the image cannot be read: {error}") from None
    try:
        yield image
    finally:
        image.close()


@contextmanager
def _decoding(frame: int) -> Iterator[None]:
    """Pillow's failures while decoding a frame, as coded errors."""
    try:
        yield
    except ParserError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ParserError(TOO_LARGE, f"frame {frame} is too large to decode: {error}") from None
    except MemoryError:
        raise ParserError(TOO_LARGE, f"frame {frame} needs more memory to decode than allowed") from None
    except (OSError, ValueError, SyntaxError, EOFError, struct.error) as error:
        # A truncated JPEG, a TIFF whose strips point past the end of the file, ...
        raise ParserError(CORRUPT, f"frame {frame} of the image cannot be decoded: {error}") from None


def _frame_count(image: Image.Image, max_frames: int) -> int:
    """How many frames the image has, refusing more than max_frames before decoding any."""
    count = 0
    with _decoding(1):
        try:
            while count <= max_frames:
                image.seek(count)
                count += 1
        except EOFError:
            pass
    if count == 0:
        raise ParserError(EMPTY, "the image has no frames")
    if count > max_frames:
        raise ParserError(
            TOO_MANY_PAGES,
            f"the image has more than {max_frames} pages; the limit for OCR is {max_frames}",
            {"maxPages": max_frames},
        )
    return count


def _check_pixels(size: tuple[int, int], frame: int, max_pixels: int) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise ParserError(EMPTY, f"frame {frame} of the image has no pixels")
    if width * height > max_pixels:
        raise ParserError(
            TOO_LARGE,
            f"frame {frame} has {width} x {height} pixels; the limit is {max_pixels}",
            {"page": frame, "maxPixels": max_pixels},
        )


# EXIF orientation -> the turn that stands the pixels upright: a phone records which way up it was
# held rather than turning the pixels.
_EXIF_ORIENTATION = 0x0112
_EXIF_TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _raster(image: Image.Image, target_dpi: int, max_pixels: int) -> Raster:
    """The frame in greyscale, at target_dpi when its own resolution is far off, upright by EXIF."""
    turn = _EXIF_TURNS.get(image.getexif().get(_EXIF_ORIENTATION, 1))
    dpi = _declared_dpi(image) or max(image.size) / A4_LONG_SIDE_INCHES
    grey = _greyscale(image) if _UPSCALE_BELOW <= dpi / target_dpi <= _DOWNSCALE_ABOVE else None
    if grey is None:
        width, height = image.size  # before draft(), which shrinks the size it reports
        ratio = min(target_dpi / dpi, math.sqrt(max_pixels / (width * height)))
        size = (max(1, round(width * ratio)), max(1, round(height * ratio)))
        if image.format == "JPEG" and ratio < 1:
            image.draft("L", size)  # decoded at 1/2, 1/4 or 1/8 scale when that is enough: far cheaper
        resample = Image.Resampling.LANCZOS if ratio < 1 else Image.Resampling.BICUBIC
        grey = _greyscale(image).resize(size, resample)
        dpi = dpi * size[0] / width
    return Raster(grey if turn is None else grey.transpose(turn), dpi)


def _declared_dpi(image: Image.Image) -> float | None:
    declared = image.info.get("dpi")
    if not isinstance(declared, tuple) or len(declared) < 1:
        return None
    try:
        dpi = float(declared[0])
    except (TypeError, ValueError):
        return None
    low, high = _BELIEVABLE_DPI
    if not low <= dpi <= high:
        return None
    # A declared resolution that makes the page wider than a roll of wallpaper is not a scan's.
    if max(image.size) / dpi > 3 * A4_LONG_SIDE_INCHES:
        return None
    return dpi


def _greyscale(image: Image.Image) -> Image.Image:
    if image.mode == "L":
        return image.copy()
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        # Transparent pixels are paper, not black.
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        background.alpha_composite(image.convert("RGBA"))
        return background.convert("L")
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        return ImageOps.autocontrast(image.convert("I").point(lambda value: value / 256).convert("L"))
    return image.convert("L")
