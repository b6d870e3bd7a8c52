"""Every file a PDF carries as an attachment, wherever the producer listed it: the document's
EmbeddedFiles name tree, the associated files (/AF) of the catalog and of each page (PDF/A-3,
Factur-X), and file-attachment annotations on the pages.

pdfminer (which also reads the printed words) gives access to the raw objects, so an attachment
is decompressed later under our own size cap; pdfium's attachment API inflates it whole.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSLiteral, literal_name
from pdfminer.utils import decode_text

from invoice_parser.errors import ParserError
from invoice_parser.settings import Settings

_FILE_ATTACHMENT = "FileAttachment"


@dataclass(frozen=True)
class Attachment:
    name: str
    stream: PDFStream
    relationship: str | None  # /AFRelationship: "Alternative" for Factur-X, "Data", "Source", ...
    media_type: str | None  # the embedded file's /Subtype, "text/xml" for Factur-X


@dataclass(frozen=True)
class Listing:
    attachments: tuple[Attachment, ...]
    failures: tuple[str, ...]  # the places that could not be walked, and why
    pages: int  # the page count, up to settings.max_pages (0 when the page tree cannot be walked)


def list_attachments(document: PDFDocument, settings: Settings) -> Listing:
    """Each attached file once, in the order: name tree, catalog /AF, then page by page. A place
    that cannot be walked is reported and the others are still searched."""
    found: list[Attachment] = []
    failures: list[str] = []
    seen: set[int] = set()
    for place, specs in (
        ("the EmbeddedFiles name tree", _name_tree_specs),
        ("the catalog's /AF", _catalog_specs),
        ("the pages", _page_specs),
    ):
        try:
            for key, spec in specs(document, settings):
                try:
                    attachment = _attachment(key, resolve1(spec))
                except ParserError:
                    raise
                except Exception as error:  # one broken file spec does not hide the others
                    failures.append(_failure(f"a file spec in {place}", error))
                    continue
                # The same file spec is usually listed in several places.
                if attachment is not None and id(attachment.stream) not in seen:
                    seen.add(id(attachment.stream))
                    found.append(attachment)
        except ParserError:
            raise  # the time limit's TIMEOUT, raised by the alarm wherever the walk was
        except Exception as error:  # pdfminer raises many unrelated types for one broken file
            failures.append(_failure(place, error))
    return Listing(tuple(found), tuple(failures), _page_count(document, settings))


def _failure(place: str, error: Exception) -> str:
    return f"{place}: {type(error).__name__}: {error}"[:200]


def _page_count(document: PDFDocument, settings: Settings) -> int:
    try:
        return sum(1 for _ in itertools.islice(PDFPage.create_pages(document), settings.max_pages))
    except ParserError:
        raise
    except Exception:  # a broken page tree: the walk above reports it
        return 0


def _name_tree_specs(document: PDFDocument, settings: Settings) -> Iterator[tuple[str, Any]]:
    names = resolve1(document.catalog.get("Names"))
    embedded_files = resolve1(names.get("EmbeddedFiles")) if isinstance(names, dict) else None
    if isinstance(embedded_files, dict):
        yield from _name_tree_leaves(embedded_files, settings.max_name_tree_nodes)


def _catalog_specs(document: PDFDocument, settings: Settings) -> Iterator[tuple[str, Any]]:
    yield from _associated(document.catalog, settings)


def _page_specs(document: PDFDocument, settings: Settings) -> Iterator[tuple[str, Any]]:
    for page in itertools.islice(PDFPage.create_pages(document), settings.max_pages):
        yield from _associated(page.attrs, settings)
        annotations = resolve1(page.annots)
        if not isinstance(annotations, list):
            continue
        for reference in annotations[: settings.max_name_tree_nodes]:
            annotation = resolve1(reference)
            if isinstance(annotation, dict) and _literal(annotation.get("Subtype")) == _FILE_ATTACHMENT:
                yield "", annotation.get("FS")


def _associated(owner: dict[str, Any], settings: Settings) -> Iterator[tuple[str, Any]]:
    associated = resolve1(owner.get("AF"))
    if isinstance(associated, list):
        yield from (("", spec) for spec in associated[: settings.max_name_tree_nodes])


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


def _attachment(key: str, spec: Any) -> Attachment | None:
    if not isinstance(spec, dict):
        return None
    files = resolve1(spec.get("EF"))
    if not isinstance(files, dict):
        return None
    stream = resolve1(files.get("F") or files.get("UF"))
    if not isinstance(stream, PDFStream):
        return None
    name = _text(resolve1(spec.get("UF"))) or _text(resolve1(spec.get("F"))) or key
    return Attachment(
        name=name.replace("\\", "/").rsplit("/", 1)[-1].strip(),
        stream=stream,
        relationship=_literal(spec.get("AFRelationship")),
        media_type=_literal(stream.attrs.get("Subtype")),
    )


def _literal(value: Any) -> str | None:
    value = resolve1(value)
    return literal_name(value) if isinstance(value, PSLiteral) else None


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return decode_text(value)
    if isinstance(value, str):
        return value
    return ""
