"""The e-invoice XML a PDF carries as an attached file (Factur-X, ZUGFeRD, XRechnung in a
PDF/A-3 container), chosen among all its attachments by content, not by name alone: a PDF may
carry a logistics XML or a copy of an order beside the invoice.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Final

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser

from invoice_parser.einvoice.pdf_attachments import Attachment, list_attachments
from invoice_parser.einvoice.pdf_streams import UnreadableStreamError, stream_bytes
from invoice_parser.einvoice.reader import is_einvoice
from invoice_parser.einvoice.safe_xml import looks_like_xml
from invoice_parser.errors import CORRUPT, TIMEOUT, ParserError
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
class AttachmentSearch:
    """What a PDF's attachments hold for the e-invoice reader.

    invoice: the attachment to read as the e-invoice, or None. It is an attachment whose root is
      a CII or UBL invoice, else one under a prescribed name whatever it holds (so that reading
      it says why it is no invoice).
    problem: why an attachment that may be the e-invoice could not be taken (cannot be decoded,
      too large, the PDF's objects cannot be listed), when no invoice was found.
    other_xml: names of the XML attachments that are not invoices.
    """

    invoice: EmbeddedXml | None
    problem: ParserError | None
    other_xml: tuple[str, ...]
    pages: int = 0  # the pages walked for attachments


def search_attachments(pdf: str | Path | bytes, settings: Settings = DEFAULT_SETTINGS) -> AttachmentSearch:
    with _open(pdf) as handle:
        try:
            document = PDFDocument(PDFParser(handle))
        except ParserError:
            raise
        except Exception:  # pdfminer raises many unrelated types for one broken file
            # Not a PDF pdfminer can open: the printed-page reader reports that with its own code.
            return AttachmentSearch(None, None, ())
        listing = list_attachments(document, settings)
        search = _choose(sorted(listing.attachments, key=_priority), settings)
        if search.invoice is None and search.problem is None and listing.failures:
            return AttachmentSearch(None, _unlisted(listing.failures), search.other_xml, listing.pages)
        return replace(search, pages=listing.pages)


def find_embedded_xml(pdf: str | Path | bytes, settings: Settings = DEFAULT_SETTINGS) -> EmbeddedXml | None:
    """The embedded e-invoice, or None when the PDF has none (or cannot be opened as a PDF: the
    printed-page reader reports that with its own code).

    ParserError TOO_LARGE or CORRUPT when a file under a prescribed name cannot be decompressed
    within limits and no other attachment is an invoice.
    """
    search = search_attachments(pdf, settings)
    if search.invoice is None and search.problem is not None and search.problem.details.get("known"):
        raise search.problem
    return search.invoice


def _choose(attachments: list[Attachment], settings: Settings) -> AttachmentSearch:
    fallback: EmbeddedXml | None = None
    problem: ParserError | None = None
    other_xml: list[str] = []
    for attachment in attachments:
        known = attachment.name.lower() in KNOWN_NAMES
        if not known and not _may_be_xml(attachment):
            continue
        try:
            data = _decoded(attachment, settings)
        except ParserError as error:
            if error.code == TIMEOUT:
                raise
            # A prescribed name makes a file the e-invoice whatever it holds; another .xml file
            # that cannot be decoded may have been one, which the result must say.
            if problem is None and (known or attachment.name.lower().endswith(XML_SUFFIX)):
                problem = ParserError(error.code, error.message, {**error.details, "known": known})
            continue
        embedded = EmbeddedXml(attachment.name, data, attachment.relationship)
        if is_einvoice(data, settings):
            return AttachmentSearch(embedded, None, tuple(other_xml))
        if known and fallback is None:
            fallback = embedded
        elif looks_like_xml(data):
            other_xml.append(attachment.name)
    if fallback is not None:
        return AttachmentSearch(fallback, None, tuple(other_xml))
    return AttachmentSearch(None, problem, tuple(other_xml))


def _may_be_xml(attachment: Attachment) -> bool:
    """Worth decompressing to look at: named .xml, declared as XML, or named without any type."""
    name = attachment.name.lower()
    declared = (attachment.media_type or "").lower()
    return name.endswith(XML_SUFFIX) or "xml" in declared or "." not in name


def _decoded(attachment: Attachment, settings: Settings) -> bytes:
    try:
        return stream_bytes(attachment.stream, settings.max_attachment_bytes)
    except ParserError:
        raise
    except UnreadableStreamError as error:
        raise ParserError(CORRUPT, f"the embedded {attachment.name} cannot be decoded: {error}") from None
    except Exception as error:  # a broken decryption or stream dictionary, from pdfminer
        message = f"the embedded {attachment.name} cannot be decoded: {type(error).__name__}: {error}"
        raise ParserError(CORRUPT, message[:300]) from None


def _priority(attachment: Attachment) -> int:
    name = attachment.name.lower()
    if name in KNOWN_NAMES:
        return KNOWN_NAMES.index(name)
    return len(KNOWN_NAMES) + (0 if name.endswith(XML_SUFFIX) else 1)


def _unlisted(failures: tuple[str, ...]) -> ParserError:
    message = "the PDF's attachments cannot all be listed: " + "; ".join(failures)
    return ParserError(CORRUPT, message, {"failures": list(failures)})


def _open(pdf: str | Path | bytes) -> BinaryIO:
    if isinstance(pdf, bytes):
        return io.BytesIO(pdf)
    return Path(pdf).open("rb")
