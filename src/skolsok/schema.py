"""The small typed values that flow between the pipeline stages."""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from typing import Any

#: Document kinds, in the order they are usually most useful as evidence.
KINDS: tuple[str, ...] = ("jury_motivation", "press_release", "article")

KIND_LABELS_SV: dict[str, str] = {
    "jury_motivation": "juryns motivering",
    "press_release": "pressmeddelande",
    "article": "artikel",
}
KIND_LABELS_EN: dict[str, str] = {
    "jury_motivation": "jury motivation",
    "press_release": "press release",
    "article": "article",
}


@dataclass(frozen=True)
class Removal:
    """A block of text dropped while cleaning a document, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class Record:
    """One organization's text: a whole document, or one recipient of a multi-recipient page.

    ``text`` is the cleaned source text; every offset elsewhere points into it.
    """

    id: str
    source: str
    title: str
    text: str
    organization: str | None = None
    unit: str | None = None
    school_forms: tuple[str, ...] = ()
    year: int | None = None
    award: str | None = None
    kind: str = "article"
    #: ``(start, end)`` of the jury's own words inside ``text``, where they could be found.
    motivation: tuple[int, int] | None = None
    #: Where the document lives on the web (a ``Källa:`` line, a page's canonical URL, a sidecar).
    url: str | None = None
    #: Offsets in ``text`` where each page starts (PDFs); page ``n`` (1-based) starts at ``pages[n-1]``.
    pages: tuple[int, ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The 1-based page that holds ``offset``, or ``None`` for a text without pages."""
        if not self.pages:
            return None
        return max(1, bisect.bisect_right(self.pages, offset))

    @property
    def display_name(self) -> str:
        """Organization with its unit, e.g. "Göteborgs stad, grundskoleförvaltningen"."""
        name = self.organization or self.title
        return f"{name}, {self.unit}" if self.unit else name

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["school_forms"] = list(self.school_forms)
        data["motivation"] = list(self.motivation) if self.motivation else None
        data["pages"] = list(self.pages)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        data = dict(data)
        data["school_forms"] = tuple(data.get("school_forms") or ())
        motivation = data.get("motivation")
        data["motivation"] = tuple(motivation) if motivation else None
        data["pages"] = tuple(data.get("pages") or ())
        return cls(**data)


@dataclass(frozen=True)
class Document:
    """A corpus file after reading and cleaning: its records and what was removed."""

    source: str
    sha256: str
    records: tuple[Record, ...]
    removed: tuple[Removal, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Passage:
    """A chunk of a record: ``record.text[start:end] == text``."""

    id: int
    record_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Filters:
    """Metadata restrictions for search; ``None`` means no restriction."""

    organization: str | None = None
    year: int | None = None
    school_form: str | None = None
    kind: str | None = None

    def is_empty(self) -> bool:
        return not any((self.organization, self.year, self.school_form, self.kind))


@dataclass(frozen=True)
class Hit:
    """One ranked search result."""

    rank: int
    score: float
    text: str
    record: Record
    passage_id: int
    start: int
    end: int
    dense_score: float
    lexical_score: float
    #: ``(start, end)`` of query-term matches inside ``text``.
    highlights: tuple[tuple[int, int], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "score": round(self.score, 6),
            "text": self.text,
            "organization": self.record.organization,
            "unit": self.record.unit,
            "year": self.record.year,
            "kind": self.record.kind,
            "school_forms": list(self.record.school_forms),
            "award": self.record.award,
            "title": self.record.title,
            "source": self.record.source,
            "url": self.record.url,
            "page": self.record.page_at(self.start),
            "record_id": self.record.id,
            "start": self.start,
            "end": self.end,
            "highlights": [list(span) for span in self.highlights],
            "dense_score": round(self.dense_score, 6),
            "lexical_score": round(self.lexical_score, 6),
        }
