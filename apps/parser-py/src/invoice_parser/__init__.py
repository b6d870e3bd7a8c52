"""Deterministic reader of supplier invoices: the printed page of a PDF, or the e-invoice XML it
carries or that was uploaded bare (no OCR, no ML, no network)."""

__version__ = "0.1.0"
