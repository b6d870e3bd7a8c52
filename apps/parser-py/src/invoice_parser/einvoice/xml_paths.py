"""Namespace-blind navigation by local element names.

The reader first decides which standard a document follows from its root element's namespace;
below the root, CII and UBL child names are unique enough that matching local names keeps the
path tables short and lets one table serve namespace variants (ZUGFeRD 1's ram:12 and CII D16B's
ram:100 share most names).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element


def local_name(tag: str) -> str:
    return tag.rpartition("}")[2]


def children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local_name(child.tag) == name]


def find_all(element: Element, path: str) -> list[Element]:
    """Every element reached by path ("A/B/C", local names), in document order."""
    found = [element]
    for step in path.split("/"):
        found = [child for parent in found for child in children(parent, step)]
    return found


def find(element: Element, path: str) -> Element | None:
    found = find_all(element, path)
    return found[0] if found else None


def text_at(element: Element, path: str) -> str | None:
    """The stripped text of the first element at path; None when it is absent or blank."""
    found = find(element, path)
    if found is None or found.text is None:
        return None
    return found.text.strip() or None
