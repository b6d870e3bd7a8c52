"""PDFs made by the tests: a printed invoice with reportlab, attachments added with pypdfium2,
or hand-assembled objects when a test needs a structure no library writes (/AF only, a deflate
bomb, a cyclic name tree)."""

from __future__ import annotations

import io
import zlib

import pypdfium2
from reportlab.pdfgen.canvas import Canvas


def printed_invoice() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Invoice RE-2025-001")
    canvas.drawString(72, 700, "HAM-500  Hammer 500 g  2  12.50  25.00")
    canvas.save()
    return buffer.getvalue()


def page_without_text() -> bytes:
    """A page with a drawing and no text layer, as a scan has."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.rect(72, 600, 300, 120)
    canvas.save()
    return buffer.getvalue()


def with_attachment(pdf: bytes, name: str, data: bytes) -> bytes:
    """pdf with data attached under name in its EmbeddedFiles name tree."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        document.new_attachment(name).set_data(data)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    finally:
        document.close()


def assembled_pdf(catalog_entries: bytes, extra_objects: list[bytes], page_entries: bytes = b"") -> bytes:
    """A one-page PDF whose catalog (object 1) has catalog_entries and whose page (object 3) has
    page_entries; extra_objects are numbered from 4 on (object 2 is the page tree)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_entries + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + page_entries + b" >>",
        *extra_objects,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def file_spec(name: bytes, stream_ref: int, relationship: bytes = b"Alternative") -> bytes:
    return (
        b"<< /Type /Filespec /F ("
        + name
        + b") /UF ("
        + name
        + b") /AFRelationship /"
        + relationship
        + b" /EF << /F %d 0 R >> >>" % stream_ref
    )


def file_attachment_annotation(spec_ref: int) -> bytes:
    """A paper-clip annotation on the page whose file is the file spec spec_ref."""
    return b"<< /Type /Annot /Subtype /FileAttachment /Rect [10 10 30 30] /FS %d 0 R >>" % spec_ref


def flate_stream(data: bytes) -> bytes:
    compressed = zlib.compress(data, 9)
    return (
        b"<< /Type /EmbeddedFile /Subtype /text#2Fxml /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(compressed)
        + compressed
        + b"\nendstream"
    )


def filtered_stream(encoded: bytes, filter_name: bytes) -> bytes:
    """An embedded-file stream whose data is already encoded with filter_name."""
    return (
        b"<< /Type /EmbeddedFile /Filter /%s /Length %d >>\nstream\n" % (filter_name, len(encoded))
        + encoded
        + b"\nendstream"
    )
