"""The pieces an EInvoice gives, completed with source, parser and warnings, are a valid ParseResult."""

from __future__ import annotations

import copy
import hashlib
from typing import Any

import pytest
from einvoice_samples import (
    CII_CREDIT_NOTE,
    CII_SUB_LINES,
    CII_WITH_CHARGES,
    MINIMAL_CII,
    UBL_CREDIT_NOTE,
    UBL_INVOICE,
    ZUGFERD_1,
)

from invoice_parser import __version__
from invoice_parser.contracts import validation_errors
from invoice_parser.einvoice import compare_with_printed, parse_result_pieces, read_einvoice


def _result(xml: bytes, warnings: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "schemaVersion": "1",
        "source": {
            "sha256": hashlib.sha256(xml).hexdigest(),
            "pages": 0,
            "mediaType": "application/xml",
            "sizeBytes": len(xml),
        },
        "parser": {"name": "invoice-parser", "version": __version__},
        **parse_result_pieces(read_einvoice(xml)),
        "warnings": warnings or [],
    }


@pytest.mark.parametrize(
    "xml",
    [MINIMAL_CII, CII_WITH_CHARGES, CII_CREDIT_NOTE, CII_SUB_LINES, ZUGFERD_1, UBL_INVOICE, UBL_CREDIT_NOTE],
    ids=["minimal", "charges", "credit-note", "sub-lines", "zugferd-1", "ubl", "ubl-credit-note"],
)
def test_pieces_validate_against_the_parse_result_schema(xml: bytes) -> None:
    assert validation_errors(_result(xml)) == []


def test_mismatch_warnings_validate_against_the_schema() -> None:
    printed = _result(CII_WITH_CHARGES)
    printed = copy.deepcopy(printed)
    printed["invoice"]["totals"]["total"] = "1.00"
    printed["lines"][0]["quantity"] = "7"
    warnings = compare_with_printed(_result(CII_WITH_CHARGES), printed)

    assert len(warnings) == 2
    assert validation_errors(_result(CII_WITH_CHARGES, warnings)) == []
