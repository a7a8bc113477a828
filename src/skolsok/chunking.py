"""Cutting records into passages at paragraph and sentence boundaries, with exact offsets."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from .schema import Passage, Record

# Break after sentence punctuation (optionally closed by a quote) when a new sentence follows.
SENTENCE_BREAK = r"(?<=[.!?…])[”\"’)]?\s+(?=[\"”’(–—•\d\wÅÄÖ])"
#: How a sentence ends: a full stop, "!", "?" or "…", before a closing quote (a heading, a caption or a
#: label does not).
FULL_STOP_END = re.compile(r"[.!?…][\"”’)]?$")
_SEPARATORS = [r"\n\n", r"\n", SENTENCE_BREAK, r"(?<=[;:])\s+", r"(?<=,)\s+", r"\s+", ""]


@dataclass(frozen=True)
class ChunkSettings:
    """Passage size and overlap, and the longest sentence unit, in characters.

    Passages are what search returns; sentence units are the sentences (long ones cut at clause
    boundaries) inside each passage, embedded on their own so that one fact in a passage about
    many things can still be found.
    """

    size: int = 400
    overlap: int = 200
    unit: int = 140

    def __post_init__(self) -> None:
        if self.size < 50:
            raise ValueError("chunk size must be at least 50 characters")
        if not 0 <= self.overlap < self.size:
            raise ValueError("chunk overlap must be at least 0 and smaller than the chunk size")
        if self.unit < 20:
            raise ValueError("sentence unit length must be at least 20 characters")

    def to_dict(self) -> dict[str, Any]:
        return {"splitter": "langchain RecursiveCharacterTextSplitter", **asdict(self)}


def chunk_spans(text: str, settings: ChunkSettings) -> list[tuple[int, int]]:
    """``(start, end)`` of each passage of ``text``; passages may overlap by whole sentences."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=settings.size,
        chunk_overlap=settings.overlap,
        separators=_SEPARATORS,
        is_separator_regex=True,
        keep_separator="end",
        strip_whitespace=True,
    )
    spans: list[tuple[int, int]] = []
    cursor = 0
    for chunk in splitter.split_text(text):
        start = text.find(chunk, cursor)
        if start < 0:  # the splitter never rewrites text, but never trust an offset blindly
            start = text.find(chunk)
        if start < 0:
            raise RuntimeError(f"chunk not found in its source text: {chunk[:60]!r}")
        spans.append((start, start + len(chunk)))
        cursor = start + 1
    return spans


_SENTENCE_END = re.compile(SENTENCE_BREAK + r"|\s*\n\s*")
_CLAUSE_BREAK = re.compile(r"(?<=[,;])\s+|\s+(?=(?:och|samt|men|eller|liksom) )")


def _pieces(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` between matches of ``pattern``, whitespace trimmed."""
    spans = []
    cursor = start
    for match in pattern.finditer(text, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


# The marker of a list item, as readers leave it ("• " from a PDF or Markdown, "- " from a web page's
# list, "2) "); "1. " is a sentence of its own already. A quote starts at the item's words.
_LIST_MARKER = re.compile(r"(?:[•●▪◦‣∙·*–—-]|\d{1,2}\))[ \t]+")
#: Quotation marks, which a quoted sentence does not include.
QUOTE_MARKS = "”“\"'’‘«»"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` (a line break ends one too), without the quotation marks around a
    quoted sentence or the marker of a list item ("• ", "- ", "2) ") before one: the one sentence
    splitter of records, units and answers."""
    out = []
    for s, e in _pieces(text, 0, len(text), _SENTENCE_END):
        marker = _LIST_MARKER.match(text, s, e)
        if marker and marker.end() < e:
            s = marker.end()
        while s < e and text[s] in QUOTE_MARKS:
            s += 1
        while e > s and text[e - 1] in QUOTE_MARKS:
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


_MIN_UNIT = 40


def sentence_units(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]``; a longer one is cut at clauses into pieces of ~max_chars."""
    units: list[tuple[int, int]] = []
    for s, e in _pieces(text, start, end, _SENTENCE_END):
        if e - s <= max_chars:
            units.append((s, e))
            continue
        group: tuple[int, int] | None = None
        for cs, ce in _pieces(text, s, e, _CLAUSE_BREAK):
            if group and ce - group[0] > max_chars:
                units.append(group)
                group = None
            group = (group[0], ce) if group else (cs, ce)
        if group:
            units.append(group)
    # A heading, date or two-word sentence alone says little: join it to a neighbour when the
    # two still fit in one unit (the following one, or the previous one at the end).
    merged: list[tuple[int, int]] = []
    for s, e in units:
        if merged and merged[-1][1] - merged[-1][0] < _MIN_UNIT and e - merged[-1][0] <= max_chars:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    if len(merged) > 1 and merged[-1][1] - merged[-1][0] < _MIN_UNIT and merged[-1][1] - merged[-2][0] <= max_chars:
        merged[-2:] = [(merged[-2][0], merged[-1][1])]
    return merged


def chunk_records(records: Iterable[Record], settings: ChunkSettings, first_id: int = 0) -> list[Passage]:
    """Passages of all records, numbered from ``first_id``."""
    passages: list[Passage] = []
    for record in records:
        for start, end in chunk_spans(record.text, settings):
            passages.append(Passage(first_id + len(passages), record.id, start, end, record.text[start:end]))
    return passages


@dataclass(frozen=True)
class Units:
    """Sentence units of all records: rows of ``(record index, start, end)``, grouped by record
    in record order, and each record's ``[begin, end)`` range of rows."""

    spans: np.ndarray
    record_ranges: np.ndarray


def record_units(records: Sequence[Record], settings: ChunkSettings) -> Units:
    """Every record's sentence units, once each (passages overlap; their sentences need not)."""
    rows: list[tuple[int, int, int]] = []
    ranges: list[tuple[int, int]] = []
    for r, record in enumerate(records):
        begin = len(rows)
        rows.extend((r, s, e) for s, e in sentence_units(record.text, 0, len(record.text), settings.unit))
        ranges.append((begin, len(rows)))
    spans = np.asarray(rows, dtype=np.int64).reshape(-1, 3)
    return Units(spans, np.asarray(ranges, dtype=np.int64).reshape(-1, 2))


def passage_unit_ranges(passages: Sequence[Passage], records: Sequence[Record], units: Units) -> np.ndarray:
    """For each passage, the ``[begin, end)`` rows of the units that lie mostly inside it.

    Units are cut per record, passages per splitter, so a unit may straddle two passages; it
    then counts for each passage that holds at least half of it.
    """
    index_of = {record.id: i for i, record in enumerate(records)}
    out = np.zeros((len(passages), 2), dtype=np.int64)
    for p in passages:
        begin, end = units.record_ranges[index_of[p.record_id]]
        starts, ends = units.spans[begin:end, 1], units.spans[begin:end, 2]
        overlap = np.minimum(ends, p.end) - np.maximum(starts, p.start)
        inside = np.flatnonzero(2 * overlap >= ends - starts)
        out[p.id] = (begin + inside[0], begin + inside[-1] + 1) if len(inside) else (begin, begin)
    return out


_WS = re.compile(r"\s+")


def normalized(text: str) -> str:
    """Case- and whitespace-insensitive form, for containment checks and de-duplication."""
    return _WS.sub(" ", text).strip().casefold()
