"""read_einvoice: XML bytes to an EInvoice, whichever supported standard they follow."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from invoice_parser.einvoice.cii import read_cii
from invoice_parser.einvoice.errors import InvalidXmlError
from invoice_parser.einvoice.formats import STANDARD_BUSINESS_DOCUMENT, syntax_of
from invoice_parser.einvoice.model import EInvoice
from invoice_parser.einvoice.safe_xml import parse_xml, root_tag
from invoice_parser.einvoice.ubl import read_ubl
from invoice_parser.settings import DEFAULT_SETTINGS, Settings


def read_einvoice(xml_bytes: bytes, settings: Settings = DEFAULT_SETTINGS) -> EInvoice:
    """The invoice in a CII or UBL document; InvalidXmlError (code INVALID_XML) when the XML is
    hostile, malformed, or not one of those standards."""
    root = _unwrapped(parse_xml(xml_bytes, settings))
    syntax = syntax_of(root.tag)
    if syntax is None:
        raise InvalidXmlError(
            f"the XML root {root.tag!r} is not a CII or UBL invoice", {"root": root.tag[:200]}
        )
    return read_cii(root, syntax) if syntax.format == "CII" else read_ubl(root, syntax)


def _unwrapped(root: Element) -> Element:
    """The invoice inside a Peppol envelope (the envelope itself when it holds none)."""
    if root.tag != STANDARD_BUSINESS_DOCUMENT:
        return root
    return next((child for child in root if syntax_of(child.tag) is not None), root)


def is_einvoice(xml_bytes: bytes, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """True when the root element is a supported invoice; reads no further than that element."""
    tag = root_tag(xml_bytes, settings)
    return tag is not None and syntax_of(tag) is not None
