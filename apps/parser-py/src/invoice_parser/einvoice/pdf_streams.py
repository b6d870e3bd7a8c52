"""The decoded bytes of a PDF stream, with a hard cap on how much decompression may produce.

pdfminer's own PDFStream.get_data inflates without a limit; an embedded file is attacker-chosen,
and a few kilobytes of deflate can expand to gigabytes.
"""

from __future__ import annotations

import zlib
from typing import Any

from pdfminer.ascii85 import ascii85decode, asciihexdecode
from pdfminer.pdftypes import (
    LITERALS_ASCII85_DECODE,
    LITERALS_ASCIIHEX_DECODE,
    LITERALS_FLATE_DECODE,
    PDFStream,
    resolve1,
)

from invoice_parser.errors import TOO_LARGE, ParserError

# Inflating in steps bounds what the decompressor produces before the running total is checked.
_INFLATE_STEP = 64 * 1024


class UnreadableStreamError(Exception):
    """The stream uses a filter this reader does not decode (embedded XML is Flate, ASCII hex or
    ASCII85, or plain), or its compressed data is corrupt."""


def stream_bytes(stream: PDFStream, max_bytes: int) -> bytes:
    """The stream's content; ParserError TOO_LARGE as soon as it would exceed max_bytes."""
    if stream.rawdata is None:  # pdfminer decoded it already
        return _checked(stream.data or b"", max_bytes)
    data = stream.rawdata
    if stream.decipher is not None and stream.objid is not None:
        # A document encrypted with an empty user password still encrypts its streams.
        data = stream.decipher(stream.objid, stream.genno or 0, data, stream.attrs)
    for name, params in stream.get_filters():
        data = _decode(data, name, params, max_bytes)
    return _checked(data, max_bytes)


def _decode(data: bytes, name: Any, params: Any, max_bytes: int) -> bytes:
    # The two text encodings shrink what they decode, so they need no cap of their own.
    if name in LITERALS_ASCIIHEX_DECODE:
        return asciihexdecode(data)
    if name in LITERALS_ASCII85_DECODE:
        return ascii85decode(data)
    if name not in LITERALS_FLATE_DECODE:
        raise UnreadableStreamError(f"filter {name!r} is not supported")
    params = resolve1(params)
    predictor = resolve1(params.get("Predictor", 1)) if isinstance(params, dict) else 1
    if predictor != 1:
        raise UnreadableStreamError(f"predictor {predictor!r} is not supported")
    try:
        return _bounded_inflate(data, max_bytes)
    except zlib.error as error:
        raise UnreadableStreamError(f"corrupt deflate data: {error}") from None


def _bounded_inflate(data: bytes, max_bytes: int) -> bytes:
    inflater = zlib.decompressobj()
    pieces: list[bytes] = []
    produced = 0
    pending = data
    while not inflater.eof:
        piece = inflater.decompress(pending, _INFLATE_STEP)
        pending = inflater.unconsumed_tail
        if not piece and not pending:
            break  # input ended without an end-of-stream block: keep what was inflated
        produced += len(piece)
        if produced > max_bytes:
            raise _too_large(max_bytes)
        pieces.append(piece)
    return b"".join(pieces)


def _checked(data: bytes, max_bytes: int) -> bytes:
    if len(data) > max_bytes:
        raise _too_large(max_bytes)
    return data


def _too_large(max_bytes: int) -> ParserError:
    return ParserError(
        TOO_LARGE, f"an embedded file is larger than {max_bytes} bytes", {"maxBytes": max_bytes}
    )
