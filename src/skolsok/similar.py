"""Organizations like mine: which organizations' documents say the most similar things.

Each organization is the mean of its sentence-unit vectors (the vectors search already stores), so
two organizations are close when their texts are about the same work. With ``about`` only each
organization's sentences closest to that topic count, and organizations that say nothing about it
are left out. Every result carries the pair of sentences, one from each side, that are closest:
the reason a reader can check.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np

from .answer import Quote
from .chunking import normalized, sentence_spans
from .errors import UnknownOrganizationError
from .schema import Record
from .search import Searcher, clean_query
from .store import stored_vectors

#: A sentence unit shorter than this (headings, captions) says too little to compare.
_MIN_UNIT_CHARS = 30
#: With a topic, each organization is represented by its sentences closest to it.
_TOPIC_UNITS = 5
#: With a topic, an organization whose best sentence is this much less related to it than the
#: target's best is left out: it does not talk about the topic.
_TOPIC_MARGIN = 0.04
_WORDS = re.compile(r"\w+")
MAX_SIMILAR = 50


@dataclass(frozen=True)
class SimilarOrganization:
    """One organization close to the target, and the two sentences that are closest."""

    name: str
    score: float
    #: The target's sentence and this organization's sentence of the closest pair.
    mine: Quote
    theirs: Quote

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "score": round(self.score, 6),
            "mine": self.mine.to_dict(),
            "theirs": self.theirs.to_dict(),
        }


@dataclass(frozen=True)
class Similarity:
    """What :func:`similar_organizations` returns: the target and its closest organizations."""

    organization: str
    about: str | None
    similar: tuple[SimilarOrganization, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "organization": self.organization,
            "about": self.about,
            "similar": [s.to_dict() for s in self.similar],
        }


@dataclass(frozen=True)
class _Table:
    """Usable sentence units grouped by organization (built once per loaded index)."""

    names: tuple[str, ...]
    #: Organization of each usable unit row (index into ``names``) and the row in ``unit_spans``.
    owner: np.ndarray
    rows: np.ndarray
    #: Normalized mean vector of each organization's units (centred).
    centroids: np.ndarray
    #: The units' vectors, centred and normalized (rows match ``rows``).
    vectors: np.ndarray


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def _centred(vectors: np.ndarray) -> np.ndarray:
    centred: np.ndarray = (vectors - vectors.mean(axis=0, keepdims=True)).astype(np.float32)
    return centred


def _informative(record: Record, start: int, end: int) -> bool:
    """A sentence that says something: not a heading, caption or the line naming the recipient."""
    s, e = _sentence(record, start, end)
    text = record.text[s:e]
    title = record.title.strip()
    return len(text) >= _MIN_UNIT_CHARS and len(_WORDS.findall(text)) >= 6 and not (title and title in text)


def _name(record: Record) -> str | None:
    return record.organization.strip() if record.organization else None


_TABLES: weakref.WeakKeyDictionary[Searcher, _Table] = weakref.WeakKeyDictionary()


def _table(searcher: Searcher) -> _Table:
    """The organizations' centroids, built once per loaded index."""
    cached = _TABLES.get(searcher)
    if cached is not None:
        return cached
    records = searcher.index.record_list
    spans = searcher.index.unit_spans
    vectors = stored_vectors(searcher.index.units)
    names: dict[str, int] = {}
    owner: list[int] = []
    rows: list[int] = []
    for row, (r, start, end) in enumerate(spans.tolist()):
        record = records[r]
        name = _name(record)
        if name is None or not _informative(record, start, end):
            continue
        owner.append(names.setdefault(name, len(names)))
        rows.append(row)
    owner_arr = np.asarray(owner, dtype=np.int64)
    rows_arr = np.asarray(rows, dtype=np.int64)
    # Centred: what all documents share (the language, the genre, the school domain) would make
    # every organization look alike; what is left is what sets each one apart.
    centred = _centred(vectors[rows_arr]) if len(rows_arr) else np.zeros((0, vectors.shape[1]), np.float32)
    centroids = np.zeros((len(names), vectors.shape[1]), dtype=np.float32)
    np.add.at(centroids, owner_arr, centred)
    table = _Table(tuple(names), owner_arr, rows_arr, _unit_rows(centroids), _unit_rows(centred))
    _TABLES[searcher] = table
    return table


def resolve_organization(searcher: Searcher, target: str) -> str:
    """The organization ``target`` names: a record id, an exact name or a unique part of one."""
    names = _table(searcher).names
    record = searcher.index.records.get(target.strip())
    if record is not None and _name(record) in names:
        return str(_name(record))
    wanted = " ".join(target.split()).casefold()
    exact = [n for n in names if n.casefold() == wanted]
    if exact:
        return exact[0]
    partial = sorted(n for n in names if wanted and wanted in n.casefold())
    if len(partial) == 1:
        return partial[0]
    raise UnknownOrganizationError(target, partial)


def _sentence(record: Record, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``record`` that overlaps the unit ``[start, end)`` most (a unit may start
    with a heading such as "Juryns motivering:")."""
    spans = sentence_spans(record.text)
    best = max(spans, key=lambda sp: min(sp[1], end) - max(sp[0], start), default=(start, end))
    return best if min(best[1], end) > max(best[0], start) else (start, end)


def _quote(searcher: Searcher, row: int) -> Quote:
    r, unit_start, unit_end = (int(v) for v in searcher.index.unit_spans[row])
    record = searcher.index.record_list[r]
    start, end = _sentence(record, unit_start, unit_end)
    return Quote(
        text=record.text[start:end],
        source=record.source,
        record_id=record.id,
        start=start,
        end=end,
        title=record.title,
        organization=record.organization,
        year=record.year,
        url=record.url,
        page=record.page_at(start),
    )


def similar_organizations(searcher: Searcher, target: str, about: str | None = None, top_k: int = 5) -> Similarity:
    """The ``top_k`` organizations whose documents read most like ``target``'s (a name or record id),
    optionally only as far as they are ``about`` a topic; each with its closest pair of sentences."""
    if not 1 <= top_k <= MAX_SIMILAR:
        raise ValueError(f"top_k must be between 1 and {MAX_SIMILAR}")
    name = resolve_organization(searcher, target)
    table = _table(searcher)
    me = table.names.index(name)
    unit_vectors = table.vectors
    relevance: np.ndarray | None = None
    if about is not None:
        about = clean_query(about)
        raw = stored_vectors(searcher.index.units)[table.rows]
        relevance = raw @ searcher.embedder.embed_queries([about])[0]

    def units_of(org: int) -> np.ndarray:
        """Positions (into table.rows) of the units that represent ``org``."""
        mine = np.flatnonzero(table.owner == org)
        if relevance is not None and len(mine) > _TOPIC_UNITS:
            mine = mine[np.argsort(-relevance[mine], kind="stable")[:_TOPIC_UNITS]]
        return mine

    my_units = units_of(me)
    if relevance is None:
        centroids = table.centroids
        floor = -np.inf
    else:
        centroids = np.zeros_like(table.centroids)
        best = np.full(len(table.names), -np.inf, dtype=np.float32)
        for org in range(len(table.names)):
            units = units_of(org)
            centroids[org] = unit_vectors[units].mean(axis=0)
            best[org] = relevance[units].max()
        centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
        floor = float(best[me]) - _TOPIC_MARGIN
    scores = centroids @ centroids[me]
    order = [int(o) for o in np.argsort(-scores, kind="stable") if int(o) != me]
    mine_texts = [normalized(_quote(searcher, int(table.rows[u])).text) for u in my_units]
    found: list[SimilarOrganization] = []
    for org in order:
        theirs = units_of(org)
        if relevance is not None and float(relevance[theirs].max()) < floor:
            continue
        pairs = unit_vectors[my_units] @ unit_vectors[theirs].T
        if relevance is not None:
            pairs = pairs + relevance[my_units][:, None] + relevance[theirs][None, :]
        for flat in np.argsort(-pairs, axis=None, kind="stable").tolist():
            i, j = divmod(int(flat), len(theirs))
            other = _quote(searcher, int(table.rows[theirs[j]]))
            if normalized(other.text) != mine_texts[i]:  # the same sentence in both shows nothing
                mine = _quote(searcher, int(table.rows[my_units[i]]))
                found.append(SimilarOrganization(table.names[org], float(scores[org]), mine, other))
                break
        if len(found) == top_k:
            break
    return Similarity(name, about, tuple(found))
