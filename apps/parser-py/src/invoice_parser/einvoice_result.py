"""ParseResults taken from an e-invoice: a bare CII/UBL upload, or the XML a PDF carries.

The XML's values are exact, so they replace the printed-page reading; that reading still places
each line on the page (the review screen highlights it) and cross-checks the XML.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from invoice_parser.diagnostics import (
    AMBIGUOUS_NUMBER_FORMAT,
    EINVOICE_UNREADABLE,
    EINVOICE_WITHOUT_LINES,
    HEADER_FIELD_MISSING,
    NO_LINES_FOUND,
    ParseWarning,
)
from invoice_parser.einvoice import (
    AttachmentSearch,
    EInvoice,
    check_arithmetic,
    compare_with_printed,
    counterparts,
    parse_result_pieces,
    read_einvoice,
    search_attachments,
)
from invoice_parser.errors import INVALID_XML, TIMEOUT, TOO_LARGE, TOO_MANY_PAGES, ParserError
from invoice_parser.reconcile import Check
from invoice_parser.result import (
    PDF_MEDIA_TYPE,
    REQUIRED_HEADER_FIELDS,
    SCHEMA_VERSION,
    XML_MEDIA_TYPE,
    parser_json,
    source_json,
)
from invoice_parser.settings import Settings

AGREEMENT_CHECK: Final = "einvoice-printed-agreement"
# The one printed-page warning that still qualifies an e-invoice result: the printed figures the
# comparison used were read with a guessed decimal separator. The others describe values or lines
# the XML replaces (its own gaps are reported afresh) or arithmetic the XML makes moot.
_PRINTED_WARNINGS_KEPT: Final = frozenset({AMBIGUOUS_NUMBER_FORMAT})
# Limits end the parse whatever the document carries; other printed-page failures leave the XML.
_LIMIT_CODES: Final = frozenset({TIMEOUT, TOO_LARGE, TOO_MANY_PAGES})


def xml_upload_result(data: bytes, settings: Settings) -> dict[str, Any]:
    """The ParseResult of a bare CII or UBL document; InvalidXmlError when it cannot be read."""
    return _einvoice_alone(read_einvoice(data, settings), source_json(data, 0, XML_MEDIA_TYPE), [])


def with_embedded_einvoice(pdf: bytes, printed: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """The e-invoice the PDF carries, placed and cross-checked by the printed reading. Printed
    itself when the PDF carries no XML at all; otherwise every way of not using the XML is named
    by an EINVOICE_UNREADABLE warning."""
    try:
        search = search_attachments(pdf, settings)
        if search.invoice is None:
            return _without_einvoice(search, printed)
        einvoice = read_einvoice(search.invoice.data, settings)
    except ParserError as error:
        # The time limit ends the whole parse; it says nothing about the attachment.
        if error.code == TIMEOUT:
            raise
        return _with_warning(printed, _unreadable(error))
    if not any(line.quantity is not None or line.line_total is not None for line in einvoice.lines):
        return _header_only(einvoice, printed)
    return _merged(einvoice, printed)


def einvoice_without_printed_page(
    pdf: bytes, printed_error: ParserError, settings: Settings
) -> dict[str, Any]:
    """The e-invoice of a PDF whose printed page could not be read (a scan, a page pdfminer
    cannot decode): the XML alone is still exact. printed_error is raised again when the PDF
    carries no readable e-invoice, or when it was a resource limit, which ends the parse."""
    if printed_error.code in _LIMIT_CODES:
        raise printed_error
    try:
        search = search_attachments(pdf, settings)
        if search.invoice is None:
            raise printed_error
        einvoice = read_einvoice(search.invoice.data, settings)
    except ParserError as error:
        if error is printed_error or error.code == TIMEOUT:
            raise
        raise printed_error from error
    # Nothing was compared with the page: the agreement check says so rather than passing.
    skipped = Check(AGREEMENT_CHECK, "skipped")
    return _einvoice_alone(einvoice, source_json(pdf, search.pages, PDF_MEDIA_TYPE), [skipped])


def _einvoice_alone(einvoice: EInvoice, source: dict[str, Any], leading: list[Check]) -> dict[str, Any]:
    """The ParseResult of an e-invoice read without a printed page beside it."""
    pieces = parse_result_pieces(einvoice)
    checks, arithmetic_warnings = check_arithmetic(einvoice)
    return {
        "schemaVersion": SCHEMA_VERSION,
        "source": source,
        "parser": parser_json(),
        **pieces,
        "warnings": [warning.to_json() for warning in [*_gaps(pieces), *arithmetic_warnings]],
        "checks": [check.to_json() for check in [*leading, *checks]],
    }


def _without_einvoice(search: AttachmentSearch, printed: dict[str, Any]) -> dict[str, Any]:
    if search.problem is not None:
        return _with_warning(printed, _unreadable(search.problem))
    if search.other_xml:
        names = ", ".join(search.other_xml)
        return _with_warning(
            printed,
            ParseWarning(
                EINVOICE_UNREADABLE,
                f"the PDF carries XML ({names}) but none of it is a CII or UBL invoice; "
                "the printed page was used",
                details={"code": INVALID_XML, "attachments": list(search.other_xml)},
            ),
        )
    return printed


def _with_warning(printed: dict[str, Any], warning: ParseWarning) -> dict[str, Any]:
    return {**printed, "warnings": [*printed["warnings"], warning.to_json()]}


def _merged(einvoice: EInvoice, printed: dict[str, Any]) -> dict[str, Any]:
    pieces = parse_result_pieces(einvoice)
    # Source and parser stay the printed result's: the document read is still the PDF.
    result = {
        **printed,
        **pieces,
        "invoice": {**pieces["invoice"], "provenance": printed["invoice"]["provenance"]},
        "lines": _placed(pieces["lines"], printed["lines"]),
    }
    mismatches = compare_with_printed(result, printed)
    checks, arithmetic_warnings = check_arithmetic(einvoice)
    kept = [warning for warning in printed["warnings"] if warning["code"] in _PRINTED_WARNINGS_KEPT]
    result["warnings"] = [
        *kept,
        *(warning.to_json() for warning in [*_gaps(result), *arithmetic_warnings]),
        *mismatches,
    ]
    result["checks"] = [
        Check(AGREEMENT_CHECK, "fail" if mismatches else "pass").to_json(),
        *(check.to_json() for check in checks),
    ]
    return result


def _header_only(einvoice: EInvoice, printed: dict[str, Any]) -> dict[str, Any]:
    """A MINIMUM or BASIC WL e-invoice states the header and totals but no lines: those come from
    the XML, the lines (and the printed reading's own checks of them) from the page."""
    pieces = parse_result_pieces(einvoice)
    result = {
        **printed,
        "extraction": pieces["extraction"],
        "invoice": {**pieces["invoice"], "provenance": printed["invoice"]["provenance"]},
    }
    # The lines are the printed ones: only the header can disagree.
    mismatches = compare_with_printed(result, printed)
    printed_kept = [warning for warning in printed["warnings"] if warning["code"] != HEADER_FIELD_MISSING]
    without_lines = ParseWarning(
        EINVOICE_WITHOUT_LINES,
        f"the e-invoice ({einvoice.profile or 'no profile'}) carries no lines; "
        "its header and totals were used, the lines were read from the printed page",
        details={"profile": einvoice.profile},
    )
    header_gaps = [warning for warning in _gaps(result) if warning.code == HEADER_FIELD_MISSING]
    result["warnings"] = [
        *printed_kept,
        *(warning.to_json() for warning in [without_lines, *header_gaps]),
        *mismatches,
    ]
    agreement = Check(AGREEMENT_CHECK, "fail" if mismatches else "pass").to_json()
    result["checks"] = [agreement, *printed.get("checks", [])]
    return result


def _placed(
    xml_lines: Sequence[dict[str, Any]], printed_lines: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The XML lines with the page and box of the printed line each stands for; an unpaired line
    (a group whose subtotal row the page reading left out, for one) keeps the reader's placeholder
    place."""
    partners = {
        xml_line["index"]: printed_line for xml_line, printed_line in counterparts(xml_lines, printed_lines)
    }
    return [_with_place_of(line, partners.get(line["index"])) for line in xml_lines]


def _with_place_of(line: dict[str, Any], printed_line: dict[str, Any] | None) -> dict[str, Any]:
    if printed_line is None:
        return line
    return {**line, "page": printed_line["page"], "bbox": printed_line["bbox"]}


def _gaps(result: dict[str, Any]) -> list[ParseWarning]:
    warnings = [
        ParseWarning(HEADER_FIELD_MISSING, f"the e-invoice has no {path}", field=path)
        for _, path in REQUIRED_HEADER_FIELDS
        if _value_at(result["invoice"], path) is None
    ]
    if not result["lines"]:
        warnings.append(ParseWarning(NO_LINES_FOUND, "the e-invoice has no lines"))
    return warnings


def _value_at(document: dict[str, Any], path: str) -> Any:
    value: Any = document
    for key in path.split("."):
        value = value[key]
    return value


def _unreadable(error: ParserError) -> ParseWarning:
    return ParseWarning(
        EINVOICE_UNREADABLE,
        f"the embedded e-invoice could not be read ({error.code}: {error.message}); "
        "the printed page was used",
        details={"code": error.code, "message": error.message},
    )
