"""Hostile PDFs, built byte by byte at test time so that the repository holds none of them.

Each is small on disk and would cost a naive reader far more time, memory or stack than it is worth:
a deflate bomb, thousands of pages, a page tree that contains itself, and objects nested far deeper
than any real document.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

_PAGE_TEXT = b"BT /F1 12 Tf 72 720 Td (Invoice INV-1) Tj ET"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def assemble(objects: Sequence[bytes], root: int = 1) -> bytes:
    """A PDF file with a correct cross-reference table; objects[k] is object number k + 1."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _stream(data: bytes, compressed: bool = False) -> bytes:
    head = b"<< /Length %d%s >>" % (len(data), b" /Filter /FlateDecode" if compressed else b"")
    return head + b"\nstream\n" + data + b"\nendstream"


def inflating_to(expanded_mib: int) -> bytes:
    """A valid zlib stream of expanded_mib MiB of blanks, about a thousandth of that size, built in
    milliseconds: after a full flush deflate forgets its history, so one MiB compresses to the same
    block every time and the block can be repeated; the checksum is computed over the whole."""
    chunk = b" " * (1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(expanded_mib):
        checksum = zlib.adler32(chunk, checksum)
    return b"\x78\xda" + block * expanded_mib + compressor.flush() + checksum.to_bytes(4, "big")


def deflate_bomb(expanded_mib: int = 2048) -> bytes:
    """One page whose content stream inflates from a few MiB to expanded_mib MiB of blanks."""
    packed = inflating_to(expanded_mib)
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(packed, compressed=True),
            _FONT,
        ]
    )


def many_pages(count: int = 3000) -> bytes:
    """count pages sharing one content stream and one font."""
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + k) for k in range(count))
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R"
        b" /Resources << /Font << /F1 4 0 R >> >> >>"
    )
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
            _stream(_PAGE_TEXT),
            _FONT,
            *([page] * count),
        ]
    )


def self_referencing_page_tree() -> bytes:
    """A Pages node that lists itself among its kids (and claims a million pages)."""
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 1000000 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(_PAGE_TEXT),
            _FONT,
        ]
    )


def deeply_nested(depth: int = 200_000) -> bytes:
    """A page whose resources hold an array nested depth levels deep, and a chain of depth
    indirect dictionaries each pointing to the next, both reachable from the page."""
    nested = b"[" * depth + b"]" * depth
    chain_start = 6
    chain_length = 2000
    chain = [b"<< /Next %d 0 R >>" % (chain_start + k + 1) for k in range(chain_length - 1)] + [b"<< >>"]
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> /Deep " + nested + b" /Chain %d 0 R >> >>" % chain_start,
            _stream(_PAGE_TEXT),
            _FONT,
            *chain,
        ]
    )
