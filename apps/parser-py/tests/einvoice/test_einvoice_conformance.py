"""Conformance suites: every invoice read from its XML with every line and the totals exact.

- the KoSIT XRechnung business cases (bare UBL and CII), four copied into fixtures/kosit and all 72
  in the shared corpus;
- the e-invoice PDFs of the shared corpus (FeRD ZUGFeRD 2.4 samples, Securibox and FacturX-NET
  Factur-X files), read through the whole parser, printed page included.

The shared corpus lives beside the repository (../shared/corpus); where it is absent its cases
skip, naming the folder they need.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from einvoice_truth import differences

from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = Path(__file__).resolve().parents[4].parent / "shared" / "corpus"
PDF_FOLDERS = ("ferd-zugferd-2.4", "securibox-facturx", "facturxdotnet")


def _cases(folder: Path, suffix: str) -> list[object]:
    """One pytest param per document with a ground truth beside it, or one skipped param."""
    truths = sorted(folder.rglob("*.gt.json")) if folder.is_dir() else []
    cases = [
        pytest.param(document, truth, id=document.name)
        for truth in truths
        if (document := truth.with_name(truth.name.removesuffix(".gt.json") + suffix)).exists()
    ]
    skip = pytest.mark.skip(reason=f"{folder} is not there (the shared corpus sits beside the repository)")
    return cases or [pytest.param(None, None, id=f"{folder.name}-absent", marks=skip)]


def _read(document: Path) -> dict[str, object]:
    return parse_document(document.read_bytes(), Settings())


@pytest.mark.parametrize(("document", "truth"), _cases(FIXTURES / "kosit", ".xml"))
def test_kosit_copies_read_exactly(document: Path, truth: Path) -> None:
    assert differences(json.loads(truth.read_text(encoding="utf-8")), _read(document)) == []


@pytest.mark.parametrize(("document", "truth"), _cases(CORPUS / "xml-kosit", ".xml"))
def test_kosit_suite_reads_exactly(document: Path, truth: Path) -> None:
    assert differences(json.loads(truth.read_text(encoding="utf-8")), _read(document)) == []


@pytest.mark.parametrize(
    ("document", "truth"), [case for folder in PDF_FOLDERS for case in _cases(CORPUS / folder, ".pdf")]
)
def test_einvoice_pdfs_read_from_their_xml_exactly(document: Path, truth: Path) -> None:
    assert differences(json.loads(truth.read_text(encoding="utf-8")), _read(document)) == []
