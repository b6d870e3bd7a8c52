"""Complete ParseResults compared with reviewed golden files (regenerate with --update-golden)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import GOLDEN_DIR
from helpers import parse_file

from invoice_parser.contracts import validation_errors

GOLDEN_NAMES = ["ruled_basic", "unruled_basic", "german", "charges", "wrapped_ruled_bottom"]


@pytest.mark.parametrize("name", GOLDEN_NAMES)
def test_result_equals_golden(fixtures_dir: Path, update_golden: bool, name: str) -> None:
    golden = GOLDEN_DIR / f"{name}.json"

    result = parse_file(fixtures_dir / f"{name}.pdf")

    if update_golden:
        golden.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert result == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize("golden", sorted(GOLDEN_DIR.glob("*.json")), ids=lambda path: path.stem)
def test_golden_validates_against_the_schema(golden: Path) -> None:
    assert validation_errors(json.loads(golden.read_text(encoding="utf-8"))) == []


def test_every_golden_is_checked() -> None:
    assert sorted(path.stem for path in GOLDEN_DIR.glob("*.json")) == sorted(GOLDEN_NAMES)
