"""Small helpers shared by the test modules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings


def parse_file(path: Path, **overrides: Any) -> dict[str, Any]:
    settings = Settings(**overrides)
    return parse_document(path.read_bytes(), settings)
