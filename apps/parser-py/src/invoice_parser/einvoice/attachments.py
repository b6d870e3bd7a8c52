"""find_embedded_xml: the e-invoice XML a PDF carries as an attached file (Factur-X, ZUGFeRD,
XRechnung in a PDF/A-3 container), found through the EmbeddedFiles name tree and /AF.

pdfminer (which also reads the printed words) gives access to the raw objects, so the
attachment is decompressed under our own size cap; pdfium's attachment API inflates it whole.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Final

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psexceptions import PSException
from pdfminer.psparser import PSLiteral, literal_name
from pdfminer.utils import decode_text

from invoice_parser.einvoice.pdf_streams import UnreadableStreamError, stream_bytes
from invoice_parser.einvoice.reader import is_einvoice
from invoice_parser.errors import CORRUPT, ParserError
from invoice_parser.settings import DEFAULT_SETTINGS, Settings

# File names the standards prescribe, most specific first (compared without case:
# ZUGFeRD 1 wrote "ZUGFeRD-invoice.xml", ZUGFeRD 2.0 "zugferd-invoice.xml").
KNOWN_NAMES: Final = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml")
XML_SUFFIX: Final = ".xml"


@dataclass(frozen=True)
class EmbeddedXml:
    name: str
    data: bytes
    relationship: str | None  # /AFRelationship: "Alternative" for Factur-X, "Data", "Source", ...


@dataclass(frozen=True)
class _Attachment:
    name: str
    stream: PDFStream
    relationship: str | None


def find_embedded_xml(pdf: str | Path | bytes, settings: Settings = DEFAULT_SETTINGS) -> EmbeddedXml | None:
    """The embedded e-invoice, or None when the PDF has none (or cannot be opened as a PDF: the
    printed-page reader reports that with its own code).

    A file with one of KNOWN_NAMES is returned whatever its content, so that read_einvoice can
    refuse it with INVALID_XML; another .xml file only when its root is a CII or UBL invoice.
    ParserError TOO_LARGE or CORRUPT when a known-named file cannot be decompressed within limits.
    """
    with _open(pdf) as handle:
        try:
            attachments = list(_attachments(PDFDocument(PDFParser(handle)), settings))
        except (PSException, ValueError, KeyError, TypeError, AttributeError):
            return None
        for attachment in sorted(attachments, key=_priority):
            found = _read_candidate(attachment, settings)
            if found is not None:
                return found
    return None


def _open(pdf: str | Path | bytes) -> BinaryIO:
    if isinstance(pdf, bytes):
        return io.BytesIO(pdf)
    return Path(pdf).open("rb")


def _priority(attachment: _Attachment) -> int:
    name = attachment.name.lower()
    return KNOWN_NAMES.index(name) if name in KNOWN_NAMES else len(KNOWN_NAMES)


def _read_candidate(attachment: _Attachment, settings: Settings) -> EmbeddedXml | None:
    known = attachment.name.lower() in KNOWN_NAMES
    if not known and not attachment.name.lower().endswith(XML_SUFFIX):
        return None
    try:
        data = stream_bytes(attachment.stream, settings.max_attachment_bytes)
    except ParserError:
        if known:
            raise
        return None
    except UnreadableStreamError as error:
        if known:
            raise ParserError(CORRUPT, f"the embedded {attachment.name} cannot be decoded: {error}") from None
        return None
    if known or is_einvoice(data, settings):
        return EmbeddedXml(attachment.name, data, attachment.relationship)
    return None


def _attachments(document: PDFDocument, settings: Settings) -> Iterator[_Attachment]:
    catalog = document.catalog
    names = resolve1(catalog.get("Names"))
    embedded_files = resolve1(names.get("EmbeddedFiles")) if isinstance(names, dict) else None
    specs: list[tuple[str, Any]] = []
    if isinstance(embedded_files, dict):
        specs.extend(_name_tree_leaves(embedded_files, settings.max_name_tree_nodes))
    associated = resolve1(catalog.get("AF"))
    if isinstance(associated, list):
        specs.extend(("", spec) for spec in associated[: settings.max_name_tree_nodes])
    seen: set[int] = set()
    for key, spec in specs:
        attachment = _attachment(key, resolve1(spec))
        # The same file spec is usually listed in both places.
        if attachment is not None and id(attachment.stream) not in seen:
            seen.add(id(attachment.stream))
            yield attachment


def _name_tree_leaves(root: dict[str, Any], max_nodes: int) -> Iterator[tuple[str, Any]]:
    """(key, value) pairs of a PDF name tree, visiting at most max_nodes nodes (a hostile tree
    may be cyclic)."""
    pending: list[Any] = [root]
    visited_refs: set[int] = set()
    visited = 0
    while pending and visited < max_nodes:
        reference = pending.pop()
        if isinstance(reference, PDFObjRef):
            if reference.objid in visited_refs:
                continue
            visited_refs.add(reference.objid)
        node = resolve1(reference)
        visited += 1
        if not isinstance(node, dict):
            continue
        pairs = resolve1(node.get("Names"))
        if isinstance(pairs, list):
            for key, value in zip(pairs[::2], pairs[1::2], strict=False):
                yield _text(resolve1(key)), value
        kids = resolve1(node.get("Kids"))
        if isinstance(kids, list):
            pending.extend(reversed(kids))


def _attachment(key: str, spec: Any) -> _Attachment | None:
    if not isinstance(spec, dict):
        return None
    files = resolve1(spec.get("EF"))
    if not isinstance(files, dict):
        return None
    stream = resolve1(files.get("F") or files.get("UF"))
    if not isinstance(stream, PDFStream):
        return None
    name = _text(resolve1(spec.get("UF"))) or _text(resolve1(spec.get("F"))) or key
    relationship = resolve1(spec.get("AFRelationship"))
    return _Attachment(
        name=name.rsplit("/", 1)[-1].strip(),
        stream=stream,
        relationship=literal_name(relationship) if isinstance(relationship, PSLiteral) else None,
    )


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return decode_text(value)
    if isinstance(value, str):
        return value
    return ""
