"""One document in, one ParseResult out: the pipeline from bytes to a schema-valid dict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from invoice_parser.contracts import PARSE_RESULT_SCHEMA, validation_errors
from invoice_parser.diagnostics import (
    AMBIGUOUS_NUMBER_FORMAT,
    HEADER_FIELD_MISSING,
    NO_LINES_FOUND,
    NOT_AN_INVOICE,
    PAGE_WITHOUT_LINES,
    ParseWarning,
)
from invoice_parser.document import read_document
from invoice_parser.einvoice import looks_like_xml
from invoice_parser.einvoice_result import (
    einvoice_without_printed_page,
    with_embedded_einvoice,
    xml_upload_result,
)
from invoice_parser.errors import PARSER_OUTPUT_INVALID, ParserError
from invoice_parser.extract.bundle_sums import without_bundle_sums
from invoice_parser.extract.conventions import decide_conventions
from invoice_parser.extract.credit_signs import credit_note_as_positive
from invoice_parser.extract.document_type import read_document_type
from invoice_parser.extract.header import HeaderFields, read_header
from invoice_parser.extract.keywords import INVOICE_WORDS, contains_phrase, normalize
from invoice_parser.extract.reading_choice import read_line_items
from invoice_parser.extract.rows import group_rows
from invoice_parser.extract.table import PageRows, TableReading
from invoice_parser.extract.totals_arithmetic import settle_total
from invoice_parser.extract.totals_charges import totals_block_charges
from invoice_parser.line_confidence import line_confidences, unsure_fields
from invoice_parser.ocr import image_media_type
from invoice_parser.ocr.page_copy import page_copy
from invoice_parser.page_layout import build_layout
from invoice_parser.reconcile import reconcile
from invoice_parser.result import REQUIRED_HEADER_FIELDS, build_result, source_json
from invoice_parser.settings import Settings


def parse_document(data: bytes, settings: Settings) -> dict[str, Any]:
    """The ParseResult of a PDF or a bare e-invoice XML, validated against the contract;
    ParserError when it cannot be read."""
    result, _ = parse_document_and_layout(data, settings)
    return result


@dataclass(frozen=True)
class ParseOutputs:
    result: dict[str, Any]
    layout: dict[str, Any] | None
    # The pages as read (ocr/page_copy.py), a PDF; None unless OCR read a page.
    page_copy: bytes | None


def parse_document_and_layout(
    data: bytes, settings: Settings
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    outputs = parse_document_outputs(data, settings)
    return outputs.result, outputs.layout


def parse_document_outputs(data: bytes, settings: Settings) -> ParseOutputs:
    """The ParseResult, validated, the PageLayout of the printed pages (None for a document without
    a readable text layer: an XML upload, a scan carrying an e-invoice), and the page copy.

    The layout is not validated here: checking tens of thousands of words costs seconds of the time
    limit, its shape is fixed by page_layout.py and pinned by the tests, and the API checks it when it
    reads it, so a fault in it fails the reading of a region, never the parse."""
    outputs = _read(data, settings)
    problems = validation_errors(outputs.result, PARSE_RESULT_SCHEMA)
    if problems:
        raise ParserError(
            PARSER_OUTPUT_INVALID, "the parse result does not match its schema", {"issues": problems}
        )
    return outputs


def _read(data: bytes, settings: Settings) -> ParseOutputs:
    # Sniffed by content: an upload's name and declared type are the sender's claim, not a fact.
    if looks_like_xml(data):
        return ParseOutputs(xml_upload_result(data, settings), None, None)
    # An image upload carries no attachments to look for an e-invoice in.
    printed_only = settings.ignore_einvoice or image_media_type(data) is not None
    try:
        printed = _read_printed_page(data, settings)
    except ParserError as error:
        # A scan or an undecodable page may still carry an exact e-invoice.
        if printed_only:
            raise
        return ParseOutputs(einvoice_without_printed_page(data, error, settings), None, None)
    if printed_only:
        return printed
    return replace(printed, result=with_embedded_einvoice(data, printed.result, settings))


def _read_printed_page(data: bytes, settings: Settings) -> ParseOutputs:
    document = read_document(data, settings)
    pages = document.pages
    page_rows = [
        PageRows(page, group_rows(page.words, settings.row_baseline_tolerance_ratio)) for page in pages
    ]
    conventions = decide_conventions(pages)
    table = read_line_items(page_rows, conventions.decimal_separator, settings)
    header = read_header(
        page_rows, table.end, conventions.decimal_separator, conventions.month_first, settings
    )
    settle_total(header, table.lines, page_rows, table.end, conventions.decimal_separator)
    document_type = read_document_type(page_rows)
    below = totals_block_charges(page_rows, table.end, table.lines, conventions.decimal_separator)
    lines = [*without_bundle_sums(table.lines, header.totals_values.get("subtotal")), *below.lines]
    if document_type == "credit-note":
        lines = credit_note_as_positive(lines, header)
    after_subtotal = lines[len(lines) - below.after_subtotal :] if below.after_subtotal else []
    checks, check_warnings = reconcile(
        lines,
        header.totals_values,
        sum((line.values.line_total or Decimal(0) for line in after_subtotal), Decimal(0)),
    )
    warnings = [
        *_document_warnings(page_rows, table, header),
        *([_ambiguity_warning()] if conventions.separator_guessed else []),
        *check_warnings,
    ]
    source = source_json(data, len(pages), document.media_type)
    layout = build_layout(source["sha256"], page_rows, conventions.decimal_separator, settings)
    result = build_result(
        source=source,
        document_type=document_type,
        header=header,
        lines=lines,
        warnings=warnings,
        checks=checks,
        confidences=line_confidences(lines, checks, header.totals_values, settings.ocr_min_word_confidence),
        unsure_fields=[unsure_fields(line, settings.ocr_min_word_confidence) for line in lines],
    )
    if document.ocr is None:
        return ParseOutputs(result, layout, None)
    result["extraction"]["ocr"] = document.ocr.to_json()
    return ParseOutputs(result, layout, page_copy(data, pages, document.ocr.images))


def _document_warnings(
    page_rows: Sequence[PageRows], table: TableReading, header: HeaderFields
) -> list[ParseWarning]:
    warnings: list[ParseWarning] = []
    if not table.lines:
        warnings.append(ParseWarning(NO_LINES_FOUND, "no line items were recognised"))
        if not _looks_like_invoice(page_rows, header):
            warnings.append(
                ParseWarning(NOT_AN_INVOICE, "the document has no invoice keywords, number or totals")
            )
    warnings.extend(_pages_without_lines(table))
    for attribute, path in REQUIRED_HEADER_FIELDS:
        if getattr(header, attribute) is None:
            warnings.append(ParseWarning(HEADER_FIELD_MISSING, f"{path} was not found", field=path))
    return warnings


def _looks_like_invoice(page_rows: Sequence[PageRows], header: HeaderFields) -> bool:
    text = normalize(" ".join(word.text for rows in page_rows for word in rows.page.words))
    return contains_phrase(text, INVOICE_WORDS) is not None or header.total is not None


def _pages_without_lines(table: TableReading) -> list[ParseWarning]:
    if not table.pages_with_table:
        return []
    first, last = min(table.pages_with_table), max(table.pages_with_table)
    return [
        ParseWarning(PAGE_WITHOUT_LINES, f"page {page} carries no recognised line", page=page)
        for page in range(first + 1, last)
        if page not in table.pages_with_table
    ]


def _ambiguity_warning() -> ParseWarning:
    return ParseWarning(
        AMBIGUOUS_NUMBER_FORMAT,
        "no figure showed which separator is the decimal one; the document's language decided",
    )
