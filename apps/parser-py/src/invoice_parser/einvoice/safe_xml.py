"""Parsing untrusted XML into an ElementTree, refusing what an invoice never needs.

Invoices come from outside (an upload, or a file embedded in an uploaded PDF), so the parser is
the stdlib's expat driven directly rather than ElementTree.fromstring: that way every DOCTYPE
is refused before any entity can be declared (no billion laughs, no external entities, no
network or file access), nesting depth is bounded, and no dependency is added for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from invoice_parser.einvoice.errors import InvalidXmlError
from invoice_parser.settings import DEFAULT_SETTINGS, Settings

# expat reports a namespaced name as "uri}local"; ElementTree's convention is "{uri}local".
_NAMESPACE_SEPARATOR = "}"
_BYTE_ORDER_MARKS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

StartHandler = Callable[[str, dict[str, str]], None]


class _RootFoundSignal(Exception):  # noqa: N818 - a signal, not an error
    """Stops a parse once the root element is known: sniffing need not read the whole file."""

    def __init__(self, tag: str) -> None:
        super().__init__(tag)
        self.tag = tag


def parse_xml(data: bytes, settings: Settings = DEFAULT_SETTINGS) -> Element:
    """The document's root element; InvalidXmlError when data is too large, hostile or malformed."""
    _check_size(data, settings)
    builder = TreeBuilder()
    depth = 0

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > settings.max_xml_depth:
            raise InvalidXmlError(
                f"XML nests deeper than {settings.max_xml_depth} elements",
                {"maxDepth": settings.max_xml_depth},
            )
        builder.start(_clark(name), {_clark(key): value for key, value in attributes.items()})

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1
        builder.end(_clark(name))

    parser = _hardened_parser(start)
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    _run(parser, data)
    root: Element = builder.close()
    return root


def root_tag(data: bytes, settings: Settings = DEFAULT_SETTINGS) -> str | None:
    """The root element's "{namespace}local" name, or None when data is not acceptable XML."""
    if len(data) > settings.max_xml_bytes:
        return None

    def start(name: str, _attributes: dict[str, str]) -> NoReturn:
        raise _RootFoundSignal(_clark(name))

    try:
        _run(_hardened_parser(start), data)
    except _RootFoundSignal as found:
        return found.tag
    except InvalidXmlError:
        return None
    return None


def looks_like_xml(data: bytes) -> bool:
    """True when data starts like an XML document (after an optional byte-order mark)."""
    head = data[:64]
    if head.startswith(_BYTE_ORDER_MARKS[1:]):
        return True
    return head.removeprefix(_BYTE_ORDER_MARKS[0]).lstrip().startswith(b"<")


def _check_size(data: bytes, settings: Settings) -> None:
    if len(data) > settings.max_xml_bytes:
        raise InvalidXmlError(
            f"XML is larger than {settings.max_xml_bytes} bytes", {"maxBytes": settings.max_xml_bytes}
        )


def _hardened_parser(start: StartHandler) -> Any:
    parser = expat.ParserCreate(namespace_separator=_NAMESPACE_SEPARATOR)
    # Without a DTD there is nothing to expand: refusing the DOCTYPE itself closes every entity attack.
    parser.StartDoctypeDeclHandler = _refuse("a DOCTYPE declaration")
    parser.EntityDeclHandler = _refuse("an ENTITY declaration")
    parser.UnparsedEntityDeclHandler = _refuse("an unparsed ENTITY declaration")
    parser.ExternalEntityRefHandler = _refuse("an external entity reference")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    parser.StartElementHandler = start
    return parser


def _refuse(what: str) -> Callable[..., NoReturn]:
    def handler(*_args: object) -> NoReturn:
        raise InvalidXmlError(f"XML with {what} is refused", {"refused": what})

    return handler


def _run(parser: Any, data: bytes) -> None:
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise InvalidXmlError(
            f"XML is not well-formed: {expat.errors.messages[error.code]} at line {error.lineno}",
            {"line": error.lineno, "column": error.offset},
        ) from None


def _clark(name: str) -> str:
    namespace, separator, local = name.rpartition(_NAMESPACE_SEPARATOR)
    return "{" + namespace + "}" + local if separator else local
