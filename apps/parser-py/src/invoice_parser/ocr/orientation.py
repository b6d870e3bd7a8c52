"""Standing a page image straight before it is read: small skew (a sheet fed askew, a photo held at a
slant) and quarter turns (a page scanned sideways or upside down).

Skew matters more than it looks: the line reader groups words into rows by their baselines, and 2
degrees across a 500-point table moves the last column 17 points, more than a row. It is measured
the classic way: text rows make the image's row profile (mean darkness of each pixel row) sharply
striped when, and only when, the page is level; the angle that sharpens it most is the skew. Pillow
does the rotations and the profile (a resize to one column), both in C, on a small copy.
"""

from __future__ import annotations

import itertools

from PIL import Image

# The skew searched, in degrees either way, and the steps of the coarse and fine search.
MAX_SKEW_DEGREES = 3.0
_COARSE_STEP, _FINE_STEP = 0.5, 0.1
# Below this a rotation would only blur the page.
MIN_CORRECTION_DEGREES = 0.15
# The profile is measured on a copy about this many pixels tall (about 75 dpi for A4): rows of
# 8-point text are still some ten pixels apart, and each trial costs a millisecond or two.
_PROFILE_HEIGHT = 900


def skew_degrees(image: Image.Image) -> float:
    """The angle (counter-clockwise, degrees) to rotate image by to level its text rows."""
    small = _small_copy(image)
    coarse = _best_angle(small, _steps(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, _COARSE_STEP))
    return _best_angle(small, _steps(coarse - _COARSE_STEP, coarse + _COARSE_STEP, _FINE_STEP))


def levelled(image: Image.Image) -> tuple[Image.Image, float]:
    """image rotated level (white where the corners turn in), and the angle it was turned by."""
    angle = skew_degrees(image)
    if abs(angle) < MIN_CORRECTION_DEGREES:
        return image, 0.0
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255), angle


def turned_upright(image: Image.Image, clockwise_degrees: int) -> Image.Image:
    """image turned clockwise by a multiple of 90 degrees (tesseract's "Rotate:" report)."""
    turns = {
        90: Image.Transpose.ROTATE_270,  # Pillow names its transposes counter-clockwise
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_90,
    }
    turn = turns.get(clockwise_degrees % 360)
    return image if turn is None else image.transpose(turn)


def _small_copy(image: Image.Image) -> Image.Image:
    scale = min(1.0, _PROFILE_HEIGHT / max(1, image.height))
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    small = image.resize(size, Image.Resampling.BOX) if scale < 1 else image
    # Ink as bright pixels, so that the corners rotation brings in (filled with 0) are blank paper.
    return small.point(lambda value: 255 - value)


def _steps(low: float, high: float, step: float) -> list[float]:
    count = round((high - low) / step)
    return [round(low + index * step, 4) for index in range(count + 1)]


def _best_angle(small: Image.Image, angles: list[float]) -> float:
    scores = {angle: _sharpness(small, angle) for angle in angles}
    best = max(scores.values())
    # Among equally sharp angles (a page without text rows), the one nearest level.
    return min((angle for angle, score in scores.items() if score == best), key=abs)


def _sharpness(small: Image.Image, angle: float) -> int:
    rotated = small.rotate(angle, resample=Image.Resampling.BILINEAR) if angle else small
    profile = rotated.resize((1, rotated.height), Image.Resampling.BOX).tobytes()  # one byte a row
    return sum((below - above) ** 2 for above, below in itertools.pairwise(profile))
