"""Issue dates as the two standards write them, to ISO 8601."""

from __future__ import annotations

import re
from datetime import date
from typing import Final

# UNTDID 2379 format 102 is CCYYMMDD, the only format EN 16931 allows for the issue date.
CII_DATE_FORMAT_102: Final = "102"


def cii_date(text: str | None, date_format: str | None) -> str | None:
    """ISO date of a CII DateTimeString; None for other formats or impossible dates."""
    if text is None or (date_format not in (None, CII_DATE_FORMAT_102)):
        return None
    if not re.fullmatch(r"\d{8}", text):
        return None
    return _valid(f"{text[:4]}-{text[4:6]}-{text[6:]}")


def ubl_date(text: str | None) -> str | None:
    """ISO date of an xsd:date, whose optional time-zone suffix ("Z", "+01:00") is dropped."""
    if text is None:
        return None
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?", text)
    return _valid(match.group(1)) if match else None


def _valid(iso: str) -> str | None:
    try:
        return date.fromisoformat(iso).isoformat()
    except ValueError:
        return None
