"""The e-invoice reader's limits, named in one frozen object.

They live here rather than in invoice_parser.settings only because this subpackage was added
alongside other changes to that file; they are meant to move into Settings (and so gain
INVOICE_PARSER_* environment overrides) when the reader is wired into the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class EInvoiceSettings:
    # An embedded file is decompressed only up to this many bytes; a larger one is refused, so a
    # small deflate bomb inside a PDF cannot exhaust memory.
    max_attachment_bytes: int = 10 * MIB
    # A bare XML upload or an attachment above this size is not parsed at all.
    max_xml_bytes: int = 10 * MIB
    # CII and UBL invoices nest about 10 levels deep; far deeper input is hostile, not an invoice.
    max_xml_depth: int = 64
    # Nodes visited in the PDF's EmbeddedFiles name tree, which may be cyclic in a hostile file.
    max_name_tree_nodes: int = 10_000


DEFAULT_SETTINGS = EInvoiceSettings()
