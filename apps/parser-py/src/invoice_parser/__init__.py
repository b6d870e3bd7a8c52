"""Deterministic reader of supplier invoice PDFs (printed page only: no OCR, no ML, no network)."""

__version__ = "0.1.0"
