"""What every reader returns, and the one way a reader says a file cannot be used."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

#: Text longer than this after extraction is refused: a small file that expands this much is a bomb
#: or not prose, and embedding it would take hours.
MAX_TEXT_CHARS = 5_000_000


class Unreadable(Exception):
    """A file that cannot be read; the message is the reason shown in the build summary."""


@dataclass(frozen=True)
class Extracted:
    """A document's text as one paragraph per line, and what the file says about itself.

    ``page_lines`` holds, for PDFs, the line index where each page starts (page ``n`` at
    ``page_lines[n-1]``); cleaning turns them into character offsets of each record.
    """

    text: str
    title: str | None = None
    url: str | None = None
    #: Publication date as ``YYYY-MM-DD`` (or ``YYYY``), from the file's own metadata.
    date: str | None = None
    #: The publishing site or author organization (HTML site name), a candidate organization.
    publisher: str | None = None
    page_lines: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    #: Metadata the file states for itself (YAML front matter); it overrides what is found.
    meta: dict[str, Any] = field(default_factory=dict)


class Reader(Protocol):
    """Turns a file's bytes into text. Raises :class:`Unreadable` with a reason for bad files."""

    #: Short name of the format for messages, e.g. "PDF".
    label: str

    def read(self, data: bytes) -> Extracted: ...


def too_much_text() -> Unreadable:
    return Unreadable(
        f"expands to more than {MAX_TEXT_CHARS // 1_000_000} million characters of text; "
        "split it into smaller documents"
    )


def check_size(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise too_much_text()
