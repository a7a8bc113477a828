"""Readers, one per format, behind one interface: bytes in, :class:`Extracted` text out.

:func:`reader_for` picks the reader from a file's content where that is unambiguous (a PDF, a Word
archive, an HTML page) and from its name otherwise; a name that promises a format the content does
not have makes the file :class:`Unreadable`.
"""

from __future__ import annotations

from .base import MAX_TEXT_CHARS, Extracted, Reader, Unreadable

#: Suffixes read from a corpus folder, and the format each promises.
FORMATS: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
}
SUFFIXES: tuple[str, ...] = tuple(FORMATS)
#: Document formats people will expect to work; named as unsupported instead of passed over silently.
UNSUPPORTED: dict[str, str] = {
    ".doc": "old Word format (.doc); save it as .docx or PDF",
    ".odt": "OpenDocument text (.odt); save it as .docx or PDF",
    ".rtf": "RTF; save it as .docx or PDF",
    ".pptx": "PowerPoint; save it as PDF",
}
_LABELS = {"text": "text", "markdown": "Markdown", "pdf": "a PDF", "docx": "a Word document", "html": "a web page"}


def sniff(data: bytes) -> str | None:
    """The format a file's first bytes show, or ``None`` when they show none in particular."""
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in head else "zip"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")) or (start.startswith(b"<?xml") and b"<html" in start):
        return "html"
    return None


def reader_for(suffix: str, data: bytes) -> tuple[Reader, str | None]:
    """The reader for a file with this suffix and content, and a warning when they disagree."""
    named = FORMATS.get(suffix.lower(), "text")
    found = sniff(data)
    if found == "zip":
        if named != "docx":
            raise Unreadable(f"a zip archive, not {_LABELS[named]}")
        found = "docx"  # the Word reader says what is wrong with it
    if found and found != named:
        return _reader(found), f"the file is {_LABELS[found]} although its name ends in {suffix}; read as such"
    if named in ("pdf", "docx") and found is None:
        raise Unreadable(f"not {_LABELS[named]} although its name ends in {suffix} (damaged or renamed)")
    return _reader(named), None


def _reader(kind: str) -> Reader:
    if kind == "pdf":
        from .pdf import PdfReader

        return PdfReader()
    if kind == "docx":
        from .docx import DocxReader

        return DocxReader()
    if kind == "html":
        from .html import HtmlReader

        return HtmlReader()
    if kind == "markdown":
        from .markdown import MarkdownReader

        return MarkdownReader()
    from .text import TextReader

    return TextReader()


__all__ = [
    "FORMATS",
    "MAX_TEXT_CHARS",
    "SUFFIXES",
    "UNSUPPORTED",
    "Extracted",
    "Reader",
    "Unreadable",
    "reader_for",
    "sniff",
]
