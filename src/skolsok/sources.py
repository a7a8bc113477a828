"""A record opened at a quote: what the source view (web app, ``skolsok show``, the API) shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .chunking import sentence_spans
from .errors import RecordNotFoundError
from .schema import Record


@dataclass(frozen=True)
class SourceView:
    """``record`` with the span ``[start, end)`` of its text marked (``None``: nothing marked)."""

    record: Record
    start: int | None = None
    end: int | None = None

    @property
    def page(self) -> int | None:
        return self.record.page_at(self.start) if self.start is not None else None

    @property
    def quote(self) -> str | None:
        return self.record.text[self.start : self.end] if self.start is not None else None

    def to_dict(self) -> dict[str, Any]:
        return {**self.record.to_dict(), "at": self.at_dict()}

    def at_dict(self) -> dict[str, Any] | None:
        if self.start is None:
            return None
        return {"start": self.start, "end": self.end, "page": self.page, "text": self.quote}


def open_source(
    records: Mapping[str, Record], record_id: str, start: int | None = None, end: int | None = None
) -> SourceView:
    """The record ``record_id`` marked at ``[start, end)``; without ``end``, the sentence holding
    ``start``. A stale link still opens its document: an end past the text is clamped, a start past
    it marks nothing."""
    record = records.get(record_id)
    if record is None:
        raise RecordNotFoundError(record_id)
    size = len(record.text)
    if start is None or start >= size:  # a stale link past the end opens the document unmarked
        return SourceView(record)
    start = max(start, 0)
    if end is None:
        start, end = next(((s, e) for s, e in sentence_spans(record.text) if s <= start < e), (start, size))
    end = min(max(end, start), size)
    return SourceView(record, start, end)
