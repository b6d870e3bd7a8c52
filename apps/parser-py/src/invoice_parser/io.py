"""Reading the input document and writing result records, addressed by URI.

Plain paths and file:// URIs are served by the local filesystem; s3:// (the ECS task's input and
outputs) by boto3 in s3_objects, imported only when such a URI is used, so local runs never load boto3.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlparse

from invoice_parser.errors import INPUT_NOT_FOUND, TOO_LARGE, VALIDATION_FAILED, ParserError

Reader = Callable[[str, int], bytes]
# True when written; False when the target already existed and was left as it was.
Writer = Callable[[str, bytes], bool]


def read_bytes(uri: str, max_bytes: int) -> bytes:
    """The whole input, refusing anything larger than max_bytes before reading it all."""
    reader, _ = _scheme_of(uri)
    return reader(uri, max_bytes)


def write_once(uri: str, data: bytes) -> bool:
    """Create uri with data, whole or not at all, unless it exists: then keep it and answer False.

    Every output of a parse attempt has a key of its own (parsed/{jobId}/attempt-{n}...), so a second run of
    the same attempt is never meant to replace the first's: a worker killed after writing, whose message
    or lease is then handed to another, would otherwise rewrite a result the API may already have taken.
    """
    _, writer = _scheme_of(uri)
    return writer(uri, data)


# The PageLayout is written beside the result: parsed/{jobId}/attempt-{n}.json ->
# parsed/{jobId}/attempt-{n}.layout.json (libs/inventory/src/object-keys.ts layoutKey names the same key).
RESULT_SUFFIX = ".json"
LAYOUT_SUFFIX = ".layout.json"
# The page copy (ocr/page_copy.py) likewise: attempt-{n}.pages.pdf (object-keys.ts pagesKey).
PAGE_COPY_SUFFIX = ".pages.pdf"


def layout_uri(output_uri: str) -> str:
    """Where the layout of the result written to output_uri goes."""
    stem = output_uri.removesuffix(RESULT_SUFFIX)
    return stem + LAYOUT_SUFFIX


def page_copy_uri(output_uri: str) -> str:
    """Where the page copy of the result written to output_uri goes."""
    stem = output_uri.removesuffix(RESULT_SUFFIX)
    return stem + PAGE_COPY_SUFFIX


def _local_path(uri: str) -> Path:
    if uri.startswith("file://"):
        parsed = urlparse(uri)
        return Path(unquote(parsed.path))
    return Path(uri)


def _read_local(uri: str, max_bytes: int) -> bytes:
    path = _local_path(uri)
    try:
        with path.open("rb") as handle:
            # One byte past the limit is enough to know the file is too large.
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise ParserError(INPUT_NOT_FOUND, f"cannot read input {uri}: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise ParserError(TOO_LARGE, f"input is larger than {max_bytes} bytes", {"maxBytes": max_bytes})
    return data


def _write_local(uri: str, data: bytes) -> bool:
    path = _local_path(uri)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The temporary file lives in the target directory so that the rename stays on one filesystem.
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # A hard link, unlike a rename, refuses to replace an existing file, and is as atomic.
        os.link(temp_name, path)
    except FileExistsError:
        return False
    finally:
        Path(temp_name).unlink(missing_ok=True)
    return True


def _read_s3(uri: str, max_bytes: int) -> bytes:
    from invoice_parser.s3_objects import read_object

    return read_object(uri, max_bytes)


def _write_s3(uri: str, data: bytes) -> bool:
    from invoice_parser.s3_objects import write_object

    return write_object(uri, data)


SCHEMES: dict[str, tuple[Reader, Writer]] = {
    "file": (_read_local, _write_local),
    "s3": (_read_s3, _write_s3),
}


def _scheme_of(uri: str) -> tuple[Reader, Writer]:
    if not uri:
        raise ParserError(VALIDATION_FAILED, "an empty URI was given")
    scheme = urlparse(uri).scheme if "://" in uri else "file"
    handlers = SCHEMES.get(scheme)
    if handlers is None:
        allowed = ", ".join(f"{name}://" for name in SCHEMES)
        raise ParserError(
            VALIDATION_FAILED, f"unsupported URI scheme {scheme!r} (allowed: {allowed}, or a path)"
        )
    return handlers
