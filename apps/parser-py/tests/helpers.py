"""Small helpers shared by the test modules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings


def parse_file(path: Path, **overrides: Any) -> dict[str, Any]:
    settings = Settings(**overrides)
    return parse_document(path.read_bytes(), settings)


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command line as the API runs it: a subprocess of this interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "invoice_parser", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def only_document(stdout: str) -> dict[str, Any]:
    """stdout parsed as one JSON document (json.loads refuses trailing content)."""
    document: dict[str, Any] = json.loads(stdout)
    return document
