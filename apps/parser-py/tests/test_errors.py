"""Each coded failure, reached with generated hostile input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from helpers import parse_file
from reportlab.pdfgen.canvas import Canvas

from invoice_parser import diagnostics, errors, parser
from invoice_parser.contracts import error_catalogue
from invoice_parser.errors import ParserError
from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings


def _code_of(data: bytes, settings: Settings | None = None) -> str:
    with pytest.raises(ParserError) as raised:
        parse_document(data, settings or Settings())
    return raised.value.code


def _encrypted_pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, encrypt="secret")
    canvas.drawString(72, 720, "Invoice 1")
    canvas.save()
    return buffer.getvalue()


def test_every_raisable_code_is_in_the_catalogue() -> None:
    assert set(error_catalogue()["errors"]) >= errors.RAISABLE_CODES


def test_every_warning_code_is_in_the_catalogue() -> None:
    assert set(error_catalogue()["warnings"]) >= diagnostics.EMITTED_CODES


def test_an_unknown_code_cannot_be_raised() -> None:
    with pytest.raises(ValueError, match="unknown parser error code"):
        ParserError("NOT_IN_CATALOGUE", "nope")


def test_zero_bytes_are_empty() -> None:
    assert _code_of(b"") == errors.EMPTY


def test_text_file_is_not_a_pdf(fixtures_dir: Path) -> None:
    assert _code_of((fixtures_dir / "not_a_pdf.txt").read_bytes()) == errors.NOT_A_PDF


def test_xml_content_is_read_as_xml_and_refused_when_no_e_invoice() -> None:
    # Sniffed by content: XML is never taken for a PDF, and an unknown root is no CII or UBL invoice.
    assert _code_of(b"<?xml version='1.0'?><Invoice/>") == errors.INVALID_XML


def test_truncated_pdf_is_corrupt(fixtures_dir: Path) -> None:
    data = (fixtures_dir / "ruled_basic.pdf").read_bytes()

    assert _code_of(data[: len(data) // 3]) == errors.CORRUPT


def test_garbage_after_the_header_is_corrupt() -> None:
    assert _code_of(b"%PDF-1.7\n" + bytes(range(256)) * 8) == errors.CORRUPT


def test_password_protected_pdf_is_encrypted() -> None:
    assert _code_of(_encrypted_pdf()) == errors.ENCRYPTED


def test_more_pages_than_the_limit(fixtures_dir: Path) -> None:
    data = (fixtures_dir / "multipage_repeated_header.pdf").read_bytes()

    assert _code_of(data, Settings(max_pages=2)) == errors.TOO_MANY_PAGES


def test_more_bytes_than_the_limit(fixtures_dir: Path) -> None:
    data = (fixtures_dir / "ruled_basic.pdf").read_bytes()

    assert _code_of(data, Settings(max_bytes=1000)) == errors.TOO_LARGE


def test_drawn_shapes_only_have_no_text_layer(fixtures_dir: Path) -> None:
    assert _code_of((fixtures_dir / "shapes_only.pdf").read_bytes()) == errors.NO_TEXT_LAYER


def test_settings_read_limits_from_the_environment() -> None:
    settings = Settings.from_env(
        {"INVOICE_PARSER_MAX_PAGES": "3", "INVOICE_PARSER_TIME_LIMIT_SECONDS": "1.5"}
    )

    assert (settings.max_pages, settings.time_limit_seconds) == (3, 1.5)


def test_settings_read_the_e_invoice_limits_and_switch_from_the_environment() -> None:
    settings = Settings.from_env(
        {"INVOICE_PARSER_MAX_XML_DEPTH": "12", "INVOICE_PARSER_IGNORE_EINVOICE": "1"}
    )

    assert (settings.max_xml_depth, settings.ignore_einvoice) == (12, True)


def test_settings_refuse_a_switch_that_is_neither_on_nor_off() -> None:
    with pytest.raises(ParserError, match="INVOICE_PARSER_IGNORE_EINVOICE must be a bool"):
        Settings.from_env({"INVOICE_PARSER_IGNORE_EINVOICE": "maybe"})


def test_settings_name_the_bad_variable() -> None:
    with pytest.raises(ParserError, match="INVOICE_PARSER_MAX_PAGES") as raised:
        Settings.from_env({"INVOICE_PARSER_MAX_PAGES": "many"})
    assert raised.value.code == errors.VALIDATION_FAILED


def test_a_result_outside_the_schema_is_refused(fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parser, "build_result", lambda **_: {"schemaVersion": "2"})

    with pytest.raises(ParserError) as raised:
        parse_file(fixtures_dir / "ruled_basic.pdf")
    assert raised.value.code == errors.PARSER_OUTPUT_INVALID
    assert json.dumps(raised.value.to_record())
