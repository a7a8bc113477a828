"""Evidence: every quotable sentence of the retrieved records, scored against the question.

A sentence scores the cosine of its sentence unit (the same e5 vectors search uses; the unit that
overlaps it most), plus a lexical bonus (the IDF-weighted share of the
question's terms it holds, scaled like the search fusion), plus its context: the fused score of the
best retrieved passage that holds it, weighted by ``CONTEXT_WEIGHT``. A sentence alone is short and
often leaves out what it is about ("Förbundet belönas för …"); the passage around it says. A
heading (no closing punctuation) restates a page's topic rather than answering anything and loses
``HEADING_PENALTY``. Measured on dev.jsonl and realdev (first quote holds the gold passage): the
sentence alone 0.64 / 0.22, with context 0.77 / 0.30 (weights 0.5 to 4 tried; 2 is in the middle
of the best region).

The question's specific words held whole or as a compound's head (``concept``) add
``CONCEPT_WEIGHT`` × their IDF-weighted share: on dev / realdev that took the first quote from
0.77 / 0.47 to 0.77 / 0.51 and some quote from 0.82 / 0.53 to 0.86 / 0.57; 0.2 cost held-out
abstentions (0, 0.1 and 0.2 tried, the bars recalibrated for each).

Scores are absolute: they do not depend on what else the corpus holds, so thresholds on them mean
the same on five documents or five thousand.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .calibration import calibrated
from .chunking import FULL_STOP_END, sentence_spans
from .cleaning import TABLE_ROW
from .lexical import query_stopwords
from .names import word_list
from .question import QuestionAnalysis, analyze
from .records import RECIPIENT_HEADER
from .schema import Record
from .search import Retrieval, Searcher
from .store import stored_vectors

_WORD = re.compile(r"[\wåäöÅÄÖ]+(?:-[\wåäöÅÄÖ]+)*")
# Page chrome that survives cleaning as a sentence: source lines, links, photo credits.
_CHROME = re.compile(r"^(?:källa|source|foto|bild|bildtext|fototext|photo|image|caption)\s*:|https?://|www\.", re.I)
#: Records whose sentence tables are kept (per loaded index).
_CACHE_RECORDS = 50_000
CONTEXT_WEIGHT = 2.0
HEADING_PENALTY = 0.05
CONCEPT_WEIGHT = 0.1
_CLOSED = re.compile(r"[.!?…:;][\"”’)]?$")
# A question in the text (an interviewer's, an FAQ's, a rhetorical one) asks; it states nothing to quote.
_ASKS = re.compile(r"\?[\"”’)]*$")


def ends_like_a_sentence(text: str) -> bool:
    """Whether ``text`` ends with a full stop, "!", "?" or "…" (before a closing quote): a sentence,
    not a heading, a caption or a label."""
    return FULL_STOP_END.search(text.rstrip()) is not None


def in_motivation(record: Record, start: int) -> bool:
    """Whether the sentence starting at ``start`` is of the jury's own words in ``record``."""
    span = record.motivation
    return span is not None and span[0] <= start < span[1]


@dataclass(frozen=True)
class Candidate:
    """A quotable sentence ``record.text[start:end]`` and its score for one question."""

    record: Record
    start: int
    end: int
    score: float
    #: IDF-weighted share of the question's concepts it holds: a word counts when the sentence has
    #: it whole or its head ("IT-råd" → "råd" in "digitaliseringsråd"), not its modifier
    #: ("IT" in "IT-enheten").
    concept: float = 0.0
    #: Whether it holds what the question asks about beyond the names it is about, its most specific
    #: word ("IT-råd" in "Har Gislaved ett IT-råd?", "överklagat" in "Har Falun överklagat beslutet om
    #: kamerorna?"); true where no such word occurs in the documents.
    topical: bool = True

    @property
    def text(self) -> str:
        return self.record.text[self.start : self.end]


def quotable(sentence: str, title: str = "") -> bool:
    """A sentence worth quoting: not a question, heading, caption, source line or the recipient line. Five words
    at least, or three in a sentence that ends like one: Swedish compounds make short sentences that
    answer ("Arbetet följer kommunens digitaliseringsstrategi.")."""
    words = _WORD.findall(sentence)
    # A table's row of data states its facts in few words: "| Andra skadan | 500 kr |", "| Ankeby | 350 |"
    # (a header row, "| Kommun | Antal elever |", states none).
    row = TABLE_ROW.match(sentence.strip()) is not None and any(ch.isdigit() for ch in sentence)
    return (
        (len(words) >= 5 or (len(words) >= 3 and ends_like_a_sentence(sentence)) or (row and len(words) >= 2))
        and (len(sentence) >= 30 or row)
        and not RECIPIENT_HEADER.match(sentence)
        and not _CHROME.search(sentence)
        and not _ASKS.search(sentence.rstrip())
        and sentence.strip() != title.strip()
    )


@dataclass(frozen=True)
class _Sentences:
    """A record's quotable sentences, independent of any question (built once per record).

    ``unit_rows`` are the record's rows in the unit table; a sentence scores the best of the units
    in ``pairs`` (``(sentence, unit)``): the units mostly inside it (a long sentence cut at clauses)
    and the one that overlaps it most (a short sentence joined to its neighbour in one unit).
    A sentence's ``features`` (its BM25 terms, and its whole words and compound heads) are worked
    out the first time a question needs them: most of a record's sentences lie outside every
    retrieved passage.
    """

    spans: tuple[tuple[int, int], ...]
    unit_rows: np.ndarray
    pairs: np.ndarray
    text: str
    analyzer: Any
    _features: dict[int, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)

    def features(self, i: int) -> tuple[frozenset[str], frozenset[str]]:
        """Sentence ``i``'s BM25 terms, and what its words mean: the whole words and the heads of its
        compounds ("digitaliseringsråd" → "råd"; a lone "råd", advice, is no council)."""
        found = self._features.get(i)
        if found is None:
            s, e = self.spans[i]
            words = [self.analyzer.word_terms(w) for _, _, w in self.analyzer.words(self.text[s:e])]
            terms = frozenset(t for word in words for t in word)
            meanings = frozenset(
                t for word in words if word for t in ((word[0], f"head:{word[-1]}") if len(word) > 1 else word)
            )
            found = self._features[i] = (terms, meanings)
        return found


class _Tables:
    """Per loaded index: the unit vectors and the sentence tables of records asked about so far."""

    def __init__(self, searcher: Searcher) -> None:
        self.vectors = stored_vectors(searcher.index.units)
        #: ``_sentence_gap``, worked out once per loaded index rather than on every question.
        self.sentence_gap = _sentence_gap(searcher)
        self.sentences: dict[str, _Sentences] = {}
        self._recipients: dict[tuple[str, str, int | None], list[Record]] | None = None

    def recipients(self, searcher: Searcher, record: Record) -> list[Record]:
        """The recipients the award page of ``record`` presents (``award_page``): itself included if it
        is one, all of them if it is the page's own text."""
        if self._recipients is None:  # once per index
            self._recipients = {}
            for other in searcher.index.records.values():
                if (page := recipient_page(other)) is not None:
                    self._recipients.setdefault(page, []).append(other)
        page = award_page(record)
        return self._recipients.get(page, []) if page is not None else []

    def of(self, searcher: Searcher, record: Record) -> _Sentences:
        found = self.sentences.get(record.id)
        if found is not None:
            return found
        text = record.text
        spans = tuple((s, e) for s, e in _with_lists(text, sentence_spans(text)) if quotable(text[s:e], record.title))
        unit_spans = searcher.index.unit_spans
        position = searcher.record_position[record.id]
        begin, end = np.searchsorted(unit_spans[:, 0], [position, position + 1])
        units = unit_spans[begin:end, 1:]
        pairs = np.zeros((0, 2), dtype=np.int64)
        if spans and len(units):
            pairs = _overlapping(np.asarray(spans, dtype=np.int64), units)
        built = _Sentences(spans, np.arange(begin, end), pairs, text, searcher.index.lexical.analyzer)
        if len(self.sentences) >= _CACHE_RECORDS:
            self.sentences.clear()
        self.sentences[record.id] = built
        return built


#: A list item is short ("Karlskrona kommun", "Sara Holm, Fornuddens skola, Tyresö").
_ITEM_WORDS = 8


def _with_lists(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences, with a list's lead-in and its items as one: "I nätverket deltar sju kommuner:" and
    the seven short lines below it are one quote, which names them all (alone, neither the lead-in
    nor an item is a sentence worth quoting)."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        start, end = spans[i]
        j = i
        if text[start:end].endswith(":"):
            while (
                j + 1 < len(spans)
                and "\n" in text[spans[j][1] : spans[j + 1][0]]
                and len(_WORD.findall(text[spans[j + 1][0] : spans[j + 1][1]])) <= _ITEM_WORDS
                and not FULL_STOP_END.search(text[spans[j + 1][0] : spans[j + 1][1]])
            ):
                j += 1
        if j - i >= 2:  # a lead-in and two items at least
            out.append((start, spans[j][1]))
        else:
            out.extend(spans[i : j + 1])
        i = j + 1
    return out


#: "Vilka fick …", "Who received …": a question about whom an award went to.
_RECEIVED = re.compile(
    r"\b(?:fick|får|fått|vann|vinner|vunnit|tilldela(?:des|ts|s)|belöna(?:des|ts|s)|prisade?s|mottog|mottagare"
    r"|received?|receives|won|wins|got|given|awarded|honou?red|recipients?|winners?)\b",
    re.I,
)


def award_page(record: Record) -> tuple[str, str, int | None] | None:
    """The page of an award's year that ``record`` is part of (its file, award and year): a
    recipient's jury motivation, or the page's own text above or below its recipients."""
    return (record.source, record.award, record.year) if record.award else None


def recipient_page(record: Record) -> tuple[str, str, int | None] | None:
    """The award page a recipient's jury motivation is one of (``award_page``), or None for a record
    that is no recipient's motivation."""
    return award_page(record) if record.kind == "jury_motivation" else None


def received(analysis: QuestionAnalysis) -> bool:
    """Whether a question asks who received something ("Vilka fick …", "Who won …")."""
    return _RECEIVED.search(analysis.text) is not None


def asks_for_recipients(analysis: QuestionAnalysis, record: Record) -> bool:
    """Whether a list question asks whom ``record``'s award went to (in its year, if it names one):
    "Vilka fick Guldtrappan 2021?", not "Vilka delar ut Guldtrappan?". ``record`` may be any of
    the award's page (``award_page``), not only a recipient's motivation."""
    award = record.award
    return (
        analysis.listing
        and award is not None
        and any(w.startswith(award.casefold()) for w in analysis.text.casefold().split())
        and received(analysis)
        and (not analysis.years or record.year in analysis.years)
    )


def _overlapping(sentences: np.ndarray, units: np.ndarray) -> np.ndarray:
    """``(sentence, unit)`` rows: each sentence with the units mostly inside it and the unit that
    overlaps it most (the first of equals). Both span lists are sorted and non-overlapping, so a
    sentence's overlapping units are one run, found by binary search: time and memory grow with
    the number of sentences, not with its square (a record of 50 000 sentences is no matrix of
    50 000²)."""
    lo = np.searchsorted(units[:, 1], sentences[:, 0], side="right")  # first unit ending after its start
    hi = np.searchsorted(units[:, 0], sentences[:, 1], side="left")  # first unit starting at its end
    counts = np.maximum(hi - lo, 0)
    rows = np.repeat(np.arange(len(sentences)), counts)
    cols = lo[rows] + np.arange(len(rows)) - (np.cumsum(counts) - counts)[rows]
    overlap = np.minimum(sentences[rows, 1], units[cols, 1]) - np.maximum(sentences[rows, 0], units[cols, 0])
    inside = (2 * overlap >= units[cols, 1] - units[cols, 0]) & (overlap > 0)
    if len(rows):
        order = np.lexsort((cols, -overlap, rows))  # per sentence: most overlap first, then earliest
        best = order[np.r_[True, rows[order][1:] != rows[order][:-1]]]
        inside[best[overlap[best] > 0]] = True
    return np.stack([rows[inside], cols[inside]], axis=1).astype(np.int64)


_TABLES: weakref.WeakKeyDictionary[Searcher, _Tables] = weakref.WeakKeyDictionary()


def _tables(searcher: Searcher) -> _Tables:
    found = _TABLES.get(searcher)
    if found is None:
        found = _TABLES[searcher] = _Tables(searcher)
    return found


#: English words that carry no concept of their own, beyond ``query_stopwords``: auxiliaries, question
#: words and pronouns. Left in, a Swedish stemmer makes them Swedish words ("have" → "ha", as "haft"),
#: and an English question whose real concepts no text holds ("an AI policy") was answered by the one
#: sentence that says "vi haft".
_ENGLISH_FUNCTION_WORDS = frozenset(
    word_list(
        """have has had having do does did done get gets got make makes made can could would should may might
    must shall been being were am which what who whom whose how many much when where why any some all
    each every its his her hers our ours your yours my mine we you he she me us them i"""
    )
)


def _concepts(searcher: Searcher, retrieval: Retrieval) -> list[tuple[frozenset[str], float]]:
    """Each specific word of the question (and of its glossary translation) as the terms that carry
    its meaning, its whole and its head, weighted by the whole's IDF. The words every school text
    uses (``lexical.GENERIC_WORDS``) name no concept of their own."""
    lexical = searcher.index.lexical
    analyzer = lexical.analyzer
    generic = analyzer.generic
    groups: dict[frozenset[str], str] = {}
    stop = query_stopwords()
    english = analyze(retrieval.query).language == "en"
    # An English phrase the glossary translated stands for its Swedish terms, not for its own words
    # ("IT councils" is "it-råd", not "IT" and "councils").
    question = searcher.glossary.untranslated(retrieval.query) if english else retrieval.query
    for text in (question, *retrieval.translated):
        for _, _, word in analyzer.words(text):
            if word in stop or (english and word in _ENGLISH_FUNCTION_WORDS):
                continue
            terms = analyzer.word_terms(word)
            if terms and terms[0] not in generic:  # the whole word, or a compound with the same head
                groups.setdefault(frozenset((terms[0], f"head:{terms[-1]}")), terms[0])
    if english:  # an English word no Swedish text holds cannot be asked of a sentence
        known = lexical.document_frequency({t.removeprefix("head:") for g in groups for t in g})
        groups = {g: w for g, w in groups.items() if any(known.get(t.removeprefix("head:")) for t in g)}
    idf = lexical.idf(groups.values())
    return [(group, idf[whole]) for group, whole in groups.items()]


def _topic(
    searcher: Searcher, retrieval: Retrieval, concepts: list[tuple[frozenset[str], float]]
) -> list[frozenset[str]]:
    """The concepts that are not words of the names the question is about, and that some document
    holds (an English word no Swedish text has cannot be asked of a sentence)."""
    lexical = searcher.index.lexical
    named = {
        terms[0]
        for name in analyze(retrieval.query).names  # the query as cleaned, as gather analysed it
        for _, _, word in lexical.analyzer.words(name)
        if (terms := lexical.analyzer.word_terms(word))
    }
    topic = [group for group, _ in concepts if not group & named]
    known = lexical.document_frequency({t for group in topic for t in group if not t.startswith("head:")})
    heads = lexical.document_frequency({t[5:] for group in topic for t in group if t.startswith("head:")})
    return [g for g in topic if any(known.get(t) or heads.get(t[5:]) for t in g)]


def _translated(searcher: Searcher, retrieval: Retrieval, topic: list[frozenset[str]]) -> list[frozenset[str]]:
    """The concepts of ``topic`` that are the Swedish terms of the question's glossary translation."""
    analyzer = searcher.index.lexical.analyzer
    terms = {
        t[0] for text in retrieval.translated for _, _, word in analyzer.words(text) if (t := analyzer.word_terms(word))
    }
    return [group for group in topic if group & terms]


def _opening(record: Record, table: _Sentences) -> int:
    """The sentence that presents a recipient: the first of the jury's words, else the first that
    ends like a sentence (not "Presentation av Ankeby kommun" or a video's caption), else the first."""
    spans = table.spans
    inside = next((i for i, (s, _) in enumerate(spans) if in_motivation(record, s)), None)
    if inside is not None:
        return inside
    return next((i for i, (s, e) in enumerate(spans) if ends_like_a_sentence(record.text[s:e])), 0)


def _sentence_gap(searcher: Searcher) -> float:
    """How much an English page's sentence cosine moves onto the Swedish scale beyond its context's move:
    the calibrated support bars' gap less what ``CONTEXT_WEIGHT`` × ``language_gap`` already moves."""
    bars = calibrated(searcher.index.embedder_name)
    if "support_sv" not in bars or "support_en" not in bars:
        return 0.0
    bars_gap = float(bars["support_sv"]) - float(bars["support_en"])
    return max(0.0, bars_gap - CONTEXT_WEIGHT * searcher.fusion.language_gap)


def candidates(searcher: Searcher, retrieval: Retrieval) -> list[Candidate]:
    """Every quotable sentence of the retrieved passages (whole, though it may reach beyond the
    passage), best first (earlier first on ties)."""
    tables = _tables(searcher)
    concepts = _concepts(searcher, retrieval)
    topic = _topic(searcher, retrieval, concepts)
    weight = dict(concepts)
    # What a yes/no answer must hold: the topic's rarest words (all of them on a tie); of an English
    # question, those its glossary translates: its own words are known to the texts only through the
    # odd English page ("summer", "return"), and no Swedish sentence holds them. Where the glossary
    # translates none of its words, nothing can be checked and no sentence is vetoed: "Do kids in
    # Gällivare have to return their school devices …?" is answered from the Swedish page (trial8's
    # q-37), where the English words would veto it.
    english = analyze(retrieval.query).language == "en"
    specific = _translated(searcher, retrieval, topic) if english else topic
    rarest = max((weight[group] for group in specific), default=0.0)
    central = [group for group in specific if weight[group] == rarest]
    concept_total = sum(w for _, w in concepts)
    idf = searcher.index.lexical.idf(retrieval.terms)
    total = sum(idf.values())
    bonus = searcher.fusion.lexical_weight * retrieval.coverage
    out: list[Candidate] = []

    def held_of(meanings: frozenset[str]) -> float:
        """The IDF-weighted share of the question's concepts that words of these meanings hold."""
        return sum(w for group, w in concepts if group & meanings) / concept_total if concept_total else 0.0

    # A sentence of an English page on the Swedish pages' scale: an English question meets it higher than
    # the Swedish one that says the same. Its passage's score, weighed into its context, is already moved
    # by ``language_gap`` (search does it); its own cosine moves by what is left of the calibrated gap
    # between the two languages' support bars (e5: 2.628 - 2.408 - 2 × 0.10 = 0.02). Moved by the whole
    # ``language_gap`` as well (0.30 in all), an English page's sentence about something else led a
    # Swedish question's answer (trial9's r-19).
    gap = tables.sentence_gap * (-1.0 if english else 1.0)
    context: dict[str, list[tuple[int, int, float]]] = {}
    for hit in retrieval.hits:
        context.setdefault(hit.record.id, []).append((hit.start, hit.end, hit.score))
    for record in dict.fromkeys(hit.record for hit in retrieval.hits):
        passages = context[record.id]
        table = tables.of(searcher, record)
        if not len(table.unit_rows):
            continue
        unit_scores = tables.vectors[int(table.unit_rows[0]) : int(table.unit_rows[-1]) + 1] @ retrieval.query_vector
        shift = gap if searcher.record_english[searcher.record_position[record.id]] else 0.0
        cosine = np.full(len(table.spans), -np.inf)
        np.maximum.at(cosine, table.pairs[:, 0], unit_scores[table.pairs[:, 1]])
        for i in np.flatnonzero(np.isfinite(cosine)).tolist():
            start, end = table.spans[i]
            # Only sentences in a retrieved passage: one outside has no context and could never
            # reach a bar (its score is CONTEXT_WEIGHT × a passage score lower).
            around = max((score for s, e, score in passages if s < end and start < e), default=None)
            if around is None:
                continue
            terms, meanings = table.features(i)
            share = sum(w for t, w in idf.items() if t in terms) / total if total else 0.0
            heading = 0.0 if _CLOSED.search(record.text[start:end]) else HEADING_PENALTY
            held = held_of(meanings)
            score = float(cosine[i]) + shift + bonus * share + CONTEXT_WEIGHT * around - heading + CONCEPT_WEIGHT * held
            topical = all(group & meanings for group in central)
            out.append(Candidate(record, start, end, score, held, topical))
    # Every recipient on an award page with a retrieved one, by the sentence that presents it
    # (``_opening``; scored without context, so below every bar): "Who received Guldtrappan 2021?" is answered by
    # the page's list of recipients, though search finds a few of their motivations.
    quoted = {(c.record.id, c.start) for c in out}
    asked = analyze(retrieval.query)
    pages = [hit.record for hit in retrieval.hits if asks_for_recipients(asked, hit.record)]
    for record in {r.id: r for page in pages for r in tables.recipients(searcher, page)}.values():
        table = tables.of(searcher, record)
        if not table.spans or not len(table.unit_rows):
            continue
        i = _opening(record, table)
        start, end = table.spans[i]
        if (record.id, start) in quoted:
            continue
        units = table.unit_rows[table.pairs[table.pairs[:, 0] == i, 1]]
        best = float((tables.vectors[units] @ retrieval.query_vector).max()) if len(units) else 0.0
        held = held_of(table.features(i)[1])
        out.append(Candidate(record, start, end, best + CONCEPT_WEIGHT * held, held))
    return sorted(out, key=lambda c: (-c.score, c.record.id, c.start))
