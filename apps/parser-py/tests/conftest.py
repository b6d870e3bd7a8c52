"""Shared fixtures: the generated invoice PDFs (made once per session) and the golden-file switch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
GENERATOR = PROJECT_DIR / "fixtures" / "generate_invoices.py"
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"

sys.path.insert(0, str(GENERATOR.parent))
from specs import SPECS  # noqa: E402

INVOICE_NAMES = [spec.name for spec in SPECS]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/*.json from the parser"
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    import os

    return bool(request.config.getoption("--update-golden")) or os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="session")
def fixtures_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generator run exactly as other projects run it: a script with --out."""
    out = tmp_path_factory.mktemp("fixtures")
    subprocess.run([sys.executable, str(GENERATOR), "--out", str(out)], check=True, capture_output=True)
    return out
