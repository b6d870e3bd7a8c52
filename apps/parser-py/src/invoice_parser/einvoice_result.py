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
    HEADER_FIELD_MISSING,
    NO_LINES_FOUND,
    ParseWarning,
)
from invoice_parser.einvoice import (
    compare_with_printed,
    find_embedded_xml,
    pair_lines,
    parse_result_pieces,
    read_einvoice,
)
from invoice_parser.errors import TIMEOUT, ParserError
from invoice_parser.reconcile import Check
from invoice_parser.result import (
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
LINE_KINDS: Final = ("item", "charge")


def xml_upload_result(data: bytes, settings: Settings) -> dict[str, Any]:
    """The ParseResult of a bare CII or UBL document; InvalidXmlError when it cannot be read."""
    pieces = parse_result_pieces(read_einvoice(data, settings))
    return {
        "schemaVersion": SCHEMA_VERSION,
        "source": source_json(data, 0, XML_MEDIA_TYPE),
        "parser": parser_json(),
        **pieces,
        "warnings": [warning.to_json() for warning in _gaps(pieces)],
        "checks": [],
    }


def with_embedded_einvoice(pdf: bytes, printed: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """The e-invoice the PDF carries, placed and cross-checked by the printed reading; printed
    itself when there is none, or with EINVOICE_UNREADABLE when the one there cannot be read."""
    try:
        pieces = _embedded_pieces(pdf, settings)
    except ParserError as error:
        # The time limit ends the whole parse; it says nothing about the attachment.
        if error.code == TIMEOUT:
            raise
        return {**printed, "warnings": [*printed["warnings"], _unreadable(error).to_json()]}
    return printed if pieces is None else _merged(pieces, printed)


def _embedded_pieces(pdf: bytes, settings: Settings) -> dict[str, Any] | None:
    embedded = find_embedded_xml(pdf, settings)
    return None if embedded is None else parse_result_pieces(read_einvoice(embedded.data, settings))


def _merged(pieces: dict[str, Any], printed: dict[str, Any]) -> dict[str, Any]:
    # Source and parser stay the printed result's: the document read is still the PDF.
    result = {
        **printed,
        **pieces,
        "invoice": {**pieces["invoice"], "provenance": printed["invoice"]["provenance"]},
        "lines": _placed(pieces["lines"], printed["lines"]),
    }
    mismatches = compare_with_printed(result, printed)
    kept = [warning for warning in printed["warnings"] if warning["code"] in _PRINTED_WARNINGS_KEPT]
    result["warnings"] = [*kept, *(warning.to_json() for warning in _gaps(result)), *mismatches]
    result["checks"] = [Check(AGREEMENT_CHECK, "fail" if mismatches else "pass").to_json()]
    return result


def _placed(
    xml_lines: Sequence[dict[str, Any]], printed_lines: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The XML lines with the page and box of the printed line each stands for; an unpaired line
    keeps the reader's placeholder place."""
    partners: dict[int, dict[str, Any]] = {}
    for kind in LINE_KINDS:
        pairs = pair_lines(_of_kind(xml_lines, kind), _of_kind(printed_lines, kind))
        partners.update((xml_line["index"], printed_line) for xml_line, printed_line in pairs)
    return [_with_place_of(line, partners.get(line["index"])) for line in xml_lines]


def _of_kind(lines: Sequence[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [line for line in lines if line["kind"] == kind]


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
