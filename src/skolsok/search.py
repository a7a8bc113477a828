"""Hybrid retrieval: dense (faiss) and BM25 scores fused, filtered and de-duplicated."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .calibration import calibrated
from .chunking import normalized
from .embedding import Embedder, embedder_name, load_embedder
from .errors import EmbedderMismatchError, InvalidQueryError
from .facts import holds_answer_type
from .glossary import Glossary, default_glossary
from .names import name_stem
from .question import analyze
from .records import english_records, school_forms_in, years_table
from .schema import KIND_LABELS_EN, KIND_LABELS_SV, KINDS, Filters, Hit, Record
from .store import StoredIndex, load_generation, stored_vectors

log = logging.getLogger("skolsok")

#: Longer queries are cut: nobody types more, and embedding 100k characters takes seconds.
MAX_QUERY_CHARS = 2000
#: With approximate indexes, filters leaving at most this many passages are searched exactly.
EXACT_LIMIT = 20_000
#: The same for the years a question names (``retrieve(about_years=…)``): scoring 20 000 passages
#: and their units exactly costs ~20 ms, a third of the ask budget at 100 000 passages.
YEARS_EXACT_LIMIT = 4_000
#: Nearest passages (and twice as many units) asked of an approximate index.
ANN_CANDIDATES = 200
#: How many of the best places the answer-type bonus is exact for (see ``Searcher._pointed_at``).
TYPED_RANKS = 10
#: Answer types a passage can be checked for cheaply (not "person": that needs name finding).
_TYPED = frozenset({"number", "money", "share", "duration", "frequency", "grade", "date", "day"})


@dataclass(frozen=True)
class FusionSettings:
    """How dense and lexical evidence are combined.

    ``dense = passage_weight * cos(passage) + (1 - passage_weight) * max cos(sentence unit)``
    ``score = dense + lexical_weight * coverage * bm25 / max_bm25``; hits are ordered by the same sum
    with ``rank_lexical_weight``, plus bonuses

    The passage vector sees context, the best sentence sees one precise fact. BM25 is scaled to
    [0, 1] per query so its weight means the same for every query, and added to the cosine so a
    passage without a lexical match keeps its dense rank. ``coverage`` is the share of the query's
    words found in the corpus vocabulary: an English question matching one Swedish word by
    accident ("digital") should not be steered by it.

    Three small bonuses are then added for what the question points at, to single out the passage
    that answers among passages on the same topic: ``year_weight`` when the passage's record is
    from a year the question names ("… 2016?"), ``organization_weight`` when the question names its
    record's organization ("In Jönköping, …", "Luleås köp") and ``answer_type_weight`` when a
    factual question wants a number, amount, share, duration or date and the passage holds one.
    Each is worth a small cosine difference (0.02): it reorders passages that are otherwise close.
    The bonuses decide the order only: a hit's ``score`` is the evidence without them, since
    naming an organization says which passage is meant, not that the corpus answers the question.
    Measured with ``benchmarks/fusion_sweep.py``.

    The order weighs the lexical match less than the score does (``rank_lexical_weight``): MRR@10 on
    dev (seeds / seeds + realdev), realdev and held-out went 0.902 / 0.778 / 0.680 / 0.938 at 0.1 to
    0.924 / 0.799 / 0.700 / 0.938 at 0.05 (0.03 lost recall@5, 0.07 MRR). The score, which answers'
    calibrated bars compare, keeps 0.1: at 0.05 there, more off-topic questions got an answer.
    """

    passage_weight: float = 0.5
    lexical_weight: float = 0.1
    rank_lexical_weight: float = 0.05
    pool: int = 100
    year_weight: float = 0.02
    organization_weight: float = 0.02
    answer_type_weight: float = 0.02
    #: How much lower a passage scores for a question in another language than for one in its own:
    #: the calibrated bars' gap for passages (``hit_sv - hit_en``, e5: 0.89 - 0.79; ``for_embedder``). The
    #: bars are for the corpus's Swedish; an English page's score is moved by it onto their scale (up for
    #: a Swedish question, down for an English one), so that it neither hides from Swedish questions nor
    #: outranks the Swedish page that answers an English one. The default is the uncalibrated bars' gap.
    language_gap: float = 0.10

    @classmethod
    def for_embedder(cls, embedder: str) -> FusionSettings:
        """The settings for ``embedder``: the defaults, with the language gap its calibration measured."""
        bars = calibrated(embedder)
        if "hit_sv" in bars and "hit_en" in bars:
            return cls(language_gap=round(bars["hit_sv"] - bars["hit_en"], 6))
        return cls()


def _kind(value: str) -> str:
    wanted = value.strip().casefold().replace("-", "_").replace(" ", "_")
    for kind in KINDS:
        names = {kind, KIND_LABELS_SV[kind].replace(" ", "_"), KIND_LABELS_EN[kind].replace(" ", "_")}
        if wanted in names:
            return kind
    raise InvalidQueryError(f"unknown document kind '{value}' (use one of: {', '.join(KINDS)})")


def _school_forms(value: str) -> set[str]:
    forms = set(school_forms_in(value))
    if not forms:
        raise InvalidQueryError(
            f"unknown school form '{value}' (e.g. förskola, grundskola, gymnasieskola, särskola, vuxenutbildning)"
        )
    if "särskola" in forms:  # the general term covers both special-needs school forms
        forms |= {"grundsärskola", "gymnasiesärskola"}
    return forms


def record_matches(record: Record, filters: Filters) -> bool:
    """Whether a record passes the filters (organization is a case-insensitive substring)."""
    organization = (filters.organization or "").strip().casefold()
    return (
        (filters.year is None or record.year == filters.year)
        and organization in record.display_name.casefold()
        and (not filters.kind or record.kind == _kind(filters.kind))
        and (not filters.school_form or bool(_school_forms(filters.school_form) & set(record.school_forms)))
    )


@dataclass(frozen=True)
class Retrieval:
    """Ranked hits plus what produced them: matched BM25 terms, the query's vocabulary coverage,
    the query vector, and the Swedish glossary terms an English query was given (``translated``)."""

    query: str
    hits: list[Hit]
    terms: tuple[str, ...]
    coverage: float
    query_vector: np.ndarray
    translated: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _single_threaded_blas() -> None:
    """Run numpy's BLAS on one thread, once per process.

    The embedding model already uses every core through OpenMP; BLAS threads that spin after each
    matrix-vector product steal those cores, which made queries on a 10k-passage index 10× slower
    at p95 (110 ms against 13 ms, measured). Our products are memory-bound: one thread loses nothing.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


class Searcher:
    """A loaded index and its embedder. Safe to share between threads.

    Creating one limits numpy's BLAS to one thread for the process (see ``_single_threaded_blas``).
    """

    def __init__(
        self,
        index: StoredIndex,
        embedder: Embedder,
        fusion: FusionSettings | None = None,
        glossary: Glossary | None = None,
    ) -> None:
        import faiss  # heavy: only once there is an index to search

        _single_threaded_blas()
        self.index = index
        self.embedder = embedder
        self.fusion = fusion or FusionSettings.for_embedder(index.embedder_name)
        #: Adds the Swedish terms of English phrases to the lexical query (``None``: the shipped one).
        self.glossary = glossary if glossary is not None else default_glossary()
        self._record_of = [index.records[p.record_id] for p in index.passages]
        #: Position of each record in stored order (the order ``unit_spans`` uses).
        self.record_position = {rid: i for i, rid in enumerate(index.records)}
        self._passage_record = np.fromiter(
            (self.record_position[p.record_id] for p in index.passages), dtype=np.int64, count=len(index.passages)
        )
        english = index.english_records
        if english is None:  # a generation built before the languages were stored
            english = english_records(index.record_list)
        is_english = np.zeros(len(index.records), dtype=bool)
        is_english[english] = True
        #: Per record position, whether its text is in English.
        self.record_english = is_english
        self._passage_english = is_english[self._passage_record]
        self._passage_year = np.fromiter(
            (record.year or 0 for record in self._record_of), dtype=np.int64, count=len(index.passages)
        )
        #: Record positions by the stem of their organization's name ("luleå" for "Luleå kommun").
        self._by_name: dict[str, list[int]] = {}
        for position, record in enumerate(index.records.values()):
            if record.organization and name_stem(record.organization):
                self._by_name.setdefault(name_stem(record.organization).casefold(), []).append(position)
        #: Per passage, a hash of its normalized text (duplicates are shown once), filled as queries
        #: reach it: a corpus with near-copies makes a query look at hundreds of passages for 40 hits.
        self._text_keys = np.zeros(len(index.passages), dtype=np.int64)
        #: ``(record position, year)`` rows of the years each record is about (``_about_years``):
        #: stored by the build; an index built before that computes them on the first question naming one.
        self._record_years: np.ndarray | None = index.record_years
        self._year_masks: dict[tuple[int, ...], np.ndarray] = {}
        #: Answer type → whether each passage holds one (1, 0; -1 unknown), filled as queries need it.
        self._answer_types: dict[str, np.ndarray] = {}
        self._vectors = stored_vectors(index.dense)
        self._unit_vectors = stored_vectors(index.units)
        # Exact indexes are small enough to score every passage; approximate ones are asked for
        # candidates, which are then scored exactly.
        self._exhaustive = isinstance(index.dense, faiss.IndexFlat) and isinstance(index.units, faiss.IndexFlat)
        # Each passage's [begin, end) unit rows, flattened for one np.maximum.reduceat call; passages
        # without units fall back to their own score.
        ranges = index.passage_units
        self._ranges = ranges
        self._with_units = np.flatnonzero(ranges[:, 1] > ranges[:, 0]) if len(ranges) else np.zeros(0, np.int64)
        self._unit_bounds = ranges[self._with_units].reshape(-1)

    @classmethod
    def open(cls, index_dir: str | Path = "index", embedder: str | None = None) -> Searcher:
        """Load the live index; ``embedder`` must match the one it was built with, if given."""
        stored = load_generation(Path(index_dir))
        return cls(stored, embedder_for(stored, embedder))

    @property
    def records(self) -> list[Record]:
        return list(self.index.records.values())

    def _mask(self, filters: Filters | None) -> np.ndarray | None:
        if filters is None or filters.is_empty():
            return None
        passing = np.fromiter(
            (record_matches(record, filters) for record in self.index.records.values()),
            dtype=bool,
            count=len(self.index.records),
        )
        return passing[self._passage_record]

    def _about_years(self, years: Sequence[int]) -> np.ndarray:
        """Per passage: whether its record is from, or mentions, any of ``years`` ("2016 och
        2017", "2023–2027")."""
        key = tuple(sorted(set(years)))
        found = self._year_masks.get(key)
        if found is None:
            if self._record_years is None:
                self._record_years = years_table(self.index.record_list)
            rows = self._record_years
            of_record = np.zeros(len(self.index.records), dtype=bool)
            of_record[rows[np.isin(rows[:, 1], key), 0]] = True
            if len(self._year_masks) >= 64:
                self._year_masks.clear()
            found = self._year_masks[key] = of_record[self._passage_record]
        return found

    def search(self, query: str, top_k: int = 10, filters: Filters | None = None) -> list[Hit]:
        """The ``top_k`` best passages for ``query``, best first."""
        return self.retrieve(query, top_k, filters).hits

    def retrieve(
        self,
        query: str,
        top_k: int = 10,
        filters: Filters | None = None,
        about_years: Sequence[int] = (),
        highlight: bool = True,
    ) -> Retrieval:
        """Like :meth:`search`, with the evidence behind the ranking (for answering).

        ``about_years``: only passages of records from or mentioning one of these years (an
        answer about "Guldtrappan 2020" is not looked for in a 2021 press release that never says
        2020, however many of those the corpus holds). ``highlight``: mark the query's terms in
        each hit (about a tenth of ``ask``'s time went to marking 40 passages nobody saw).
        """
        query = clean_query(query)
        if top_k < 1:
            raise InvalidQueryError("top-k must be at least 1")
        mask = self._mask(filters)
        # A user's filters are searched exactly when they leave few passages; the years a question
        # names only where that is cheap (the ask budget), else approximately and then restricted.
        exact_limit = EXACT_LIMIT if mask is not None else YEARS_EXACT_LIMIT
        if about_years:
            mask = self._about_years(about_years) if mask is None else mask & self._about_years(about_years)
        n = len(self.index.passages)
        if n == 0 or (mask is not None and not mask.any()):
            return Retrieval(query, [], (), 0.0, np.zeros(self.index.dense.d, dtype=np.float32))
        qvec = self.embedder.embed_queries([query])[0]
        translated = self._specific(self.glossary.translate(query))
        lex = self.index.lexical.scores(" ".join([query, *translated]))
        lexical, terms = lex.scores, lex.terms
        if mask is not None:
            lexical = np.where(mask, lexical, 0.0)
        pool = min(n, max(self.fusion.pool, top_k * 5))
        ids, dense_of = self._dense_candidates(qvec, mask, pool, exact_limit)
        best_lexical = float(lexical.max())
        if best_lexical > 0:
            top_lex = np.argpartition(-lexical, pool - 1)[:pool]
            extra = np.setdiff1d(top_lex[lexical[top_lex] > 0], ids)
            if len(extra):
                ids = np.concatenate([ids, extra])
                dense_of = np.concatenate([dense_of, self._dense_of(extra, qvec)])
        dense = dict(zip(ids.tolist(), dense_of.tolist(), strict=True))
        scaled = lexical[ids] / best_lexical if best_lexical > 0 else np.zeros(len(ids))
        # Words the corpus does not know (another language, typos) make lexical evidence thin.
        shift = self._language_shift(query, ids)
        fused = dense_of + self.fusion.lexical_weight * lex.coverage * scaled + shift
        # The bonuses order the hits; a hit's score stays the evidence (what answers' bars compare).
        order_lexical = self.fusion.rank_lexical_weight * lex.coverage * scaled
        ranked = self._pointed_at(query, ids, dense_of + order_lexical + shift, top_k)
        order = ids[np.lexsort((ids, -ranked))]  # ties broken by passage id: stable results
        fused_of = dict(zip(ids.tolist(), fused.tolist(), strict=True))
        hits: list[Hit] = []
        seen: set[int] = set()
        for i in order.tolist():
            passage = self.index.passages[i]
            key = int(self._text_keys[i])
            if key == 0:  # not reached by any query yet (0 stands for "unknown")
                key = self._text_keys[i] = hash(normalized(passage.text)) or 1
            if key in seen:
                continue
            seen.add(key)
            hits.append(
                Hit(
                    rank=len(hits) + 1,
                    score=float(fused_of[i]),
                    text=passage.text,
                    record=self._record_of[i],
                    passage_id=passage.id,
                    start=passage.start,
                    end=passage.end,
                    dense_score=float(dense[i]),
                    lexical_score=float(lexical[i]),
                    highlights=tuple(self.index.lexical.analyzer.matches(passage.text, terms)) if highlight else (),
                )
            )
            if len(hits) == top_k:
                break
        return Retrieval(query, hits, tuple(terms), lex.coverage, qvec, tuple(translated))

    def _language_shift(self, query: str, ids: np.ndarray) -> np.ndarray:
        """Per passage in ``ids``: ``language_gap`` up for an English page and a Swedish question,
        down for an English page and an English question (``FusionSettings.language_gap``)."""
        english = self._passage_english[ids]
        if not english.any():
            return np.zeros(len(ids))
        gap = self.fusion.language_gap
        # The question's language as its analysis has it (cached; ``_pointed_at`` reads the same one).
        return np.where(english, -gap if analyze(query).language == "en" else gap, 0.0)

    def _pointed_at(self, query: str, ids: np.ndarray, fused: np.ndarray, top_k: int) -> np.ndarray:
        """``fused`` plus the year, organization and answer-type bonuses of FusionSettings.

        The answer type is checked (~50 µs a passage) only where the bonus could lift a passage
        among the best ``min(top_k, TYPED_RANKS)``, so those are ranked as if every passage had
        been checked; each passage is checked once per type for the life of the Searcher.
        """
        fusion = self.fusion
        fused = fused.copy()
        analysis = analyze(query)
        if analysis.years and fusion.year_weight:
            fused += fusion.year_weight * np.isin(self._passage_year[ids], analysis.years)
        named = [p for name in analysis.names for p in self._by_name.get(name_stem(name).casefold(), [])]
        if named and fusion.organization_weight:
            fused += fusion.organization_weight * np.isin(self._passage_record[ids], named)
        if analysis.expects in _TYPED and fusion.answer_type_weight:
            # Only the first TYPED_RANKS places are ranked as if every passage had been checked:
            # they are what a reader and the first quote see. `ask` retrieves 40 passages, and
            # checking every one within reach of the 40th cost 15 ms at 100 000 passages (p95).
            k = min(len(fused), top_k, TYPED_RANKS)
            floor = np.partition(fused, len(fused) - k)[len(fused) - k] - fusion.answer_type_weight
            passages = self.index.passages
            # -1: not checked yet. Threads may check a passage twice; they write the same value.
            holds = self._answer_types.setdefault(analysis.expects, np.full(len(passages), -1, dtype=np.int8))
            for row in np.flatnonzero(fused >= floor).tolist():
                i = int(ids[row])
                if holds[i] < 0:
                    holds[i] = holds_answer_type(analysis.expects, passages[i].text)
                fused[row] += fusion.answer_type_weight * holds[i]
        return fused

    def _specific(self, terms: list[str]) -> list[str]:
        """Translated terms that single out passages: "it-råd" yes, "kommun" (``GENERIC_WORDS``) no;
        a generic word would only lend an off-topic English question lexical support."""
        analyzer = self.index.lexical.analyzer
        return [t for t in terms if any(term not in analyzer.generic for term in analyzer.terms(t))]

    def _dense_candidates(
        self, qvec: np.ndarray, mask: np.ndarray | None, pool: int, exact_limit: int = EXACT_LIMIT
    ) -> tuple[np.ndarray, np.ndarray]:
        """Passages worth ranking and their combined dense scores.

        Exhaustive (every passage, or every passage the mask leaves when at most ``exact_limit``)
        where that is cheap; otherwise the approximate indexes' nearest passages and the passages
        of the nearest sentence units, all then scored exactly.
        """
        allowed = np.flatnonzero(mask) if mask is not None else None
        if self._exhaustive:
            scores = self._all_dense(qvec)
            ids = allowed if allowed is not None else np.arange(len(scores))
            top = ids[np.argpartition(-scores[ids], min(pool, len(ids)) - 1)[:pool]]
            return top, scores[top]
        if allowed is not None and len(allowed) <= exact_limit:
            return allowed, self._dense_of(allowed, qvec)
        k = min(len(self._vectors), max(pool, ANN_CANDIDATES))
        if allowed is not None:  # the neighbours are restricted afterwards: ask for more, up to 4×
            k = min(len(self._vectors), int(k / max(len(allowed) / len(self._vectors), 0.25)))
        _, near = self.index.dense.search(qvec.reshape(1, -1), k)
        _, near_units = self.index.units.search(qvec.reshape(1, -1), min(len(self._unit_vectors), 2 * k))
        ids = np.union1d(near[0][near[0] >= 0], self._passages_of_units(near_units[0][near_units[0] >= 0]))
        if mask is not None:
            ids = ids[mask[ids]]
        return ids, self._dense_of(ids, qvec)

    def _all_dense(self, qvec: np.ndarray) -> np.ndarray:
        passage = self._vectors @ qvec
        best_unit = passage.copy()
        if len(self._with_units):
            # reduceat over [b0, e0, b1, e1, …] gives max(units[b:e]) at even positions; the
            # sentinel keeps an `end` equal to the unit count a valid index.
            padded = np.append(self._unit_vectors @ qvec, -np.inf)
            best_unit[self._with_units] = np.maximum.reduceat(padded, self._unit_bounds)[::2]
        return self._combine(passage, best_unit)

    def _dense_of(self, ids: np.ndarray, qvec: np.ndarray) -> np.ndarray:
        """Combined dense score of the passages ``ids`` only (exact)."""
        passage = self._vectors[ids] @ qvec
        best_unit = passage.copy()
        begins, ends = self._ranges[ids, 0], self._ranges[ids, 1]
        sizes = ends - begins
        has = sizes > 0
        if has.any():
            rows = np.repeat(begins[has], sizes[has]) + _ranks_within(sizes[has])
            unit = self._unit_vectors[rows] @ qvec
            starts = np.concatenate([[0], np.cumsum(sizes[has])[:-1]])
            best_unit[has] = np.maximum.reduceat(unit, starts)
        return self._combine(passage, best_unit)

    def _combine(self, passage: np.ndarray, best_unit: np.ndarray) -> np.ndarray:
        """The dense score of FusionSettings: passage cosine and best unit cosine, weighted."""
        w = self.fusion.passage_weight
        return w * passage + (1.0 - w) * best_unit

    def _passages_of_units(self, units: np.ndarray) -> np.ndarray:
        """The passages that hold any of ``units`` (a unit may sit in two overlapping passages)."""
        begins, ends = self._ranges[:, 0], self._ranges[:, 1]
        last = np.searchsorted(begins, units, side="right") - 1
        found = [
            candidate[(candidate >= 0) & (ends[np.maximum(candidate, 0)] > units)]
            for candidate in (last, last - 1, last - 2)
        ]
        return np.unique(np.concatenate(found))


def _ranks_within(sizes: np.ndarray) -> np.ndarray:
    """[0, 1, …, s0-1, 0, 1, …, s1-1, …] for group sizes ``sizes``."""
    offsets = np.repeat(np.cumsum(sizes) - sizes, sizes)
    ranks: np.ndarray = np.arange(int(sizes.sum())) - offsets
    return ranks


def embedder_for(stored: StoredIndex, requested: str | None = None, loaded: Embedder | None = None) -> Embedder:
    """The embedder to query ``stored`` with: ``loaded`` if it fits, else the one the manifest names.

    ``requested`` (a user's ``--embedder``) must name the index's own embedder.
    """
    built_with = stored.embedder_name
    if requested and embedder_name(requested) != built_with:
        raise EmbedderMismatchError(built_with, embedder_name(requested))
    if loaded is not None and loaded.name == built_with and loaded.dim == stored.dense.d:
        return loaded
    model = load_embedder(requested or stored.manifest["embedder"].get("spec", built_with))
    if model.name != built_with or model.dim != stored.dense.d:
        raise EmbedderMismatchError(built_with, model.name)
    return model


def clean_query(query: str) -> str:
    """A usable query: control characters dropped, whitespace folded, length capped."""
    if not isinstance(query, str):
        raise InvalidQueryError("the query must be text")
    text = "".join(ch if ch.isprintable() else " " for ch in query)
    text = " ".join(text.split())
    if not text:
        raise InvalidQueryError("the query is empty: type a question or some search words")
    if len(text) > MAX_QUERY_CHARS:
        log.warning("query cut from %d to %d characters", len(text), MAX_QUERY_CHARS)
        text = text[:MAX_QUERY_CHARS]
    return text
