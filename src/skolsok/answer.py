"""Answers: which organizations the documents say something about, with verbatim quotes.

No text is generated: an answer is a summary line naming the organizations, then for each one its
best evidence sentences, quoted exactly from the cleaned source text with their offsets. When the
evidence is too weak the answer abstains instead of quoting something unrelated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .chunking import SENTENCE_BREAK
from .records import RECIPIENT_HEADER
from .schema import KIND_LABELS_EN, KIND_LABELS_SV, Filters, Hit, Record
from .search import Retrieval, Searcher

_WORD = re.compile(r"[\wåäöÅÄÖ]+(?:-[\wåäöÅÄÖ]+)*")
_SWEDISH_HINTS = frozenset(
    [
        "vilka",
        "vilken",
        "vilket",
        "vem",
        "vad",
        "hur",
        "var",
        "varför",
        "när",
        "finns",
        "har",
        "är",
        "och",
        "som",
        "med",
        "för",
        "att",
        "det",
        "den",
        "de",
        "en",
        "ett",
        "på",
        "av",
        "till",
        "om",
        "kommuner",
        "kommun",
        "huvudmän",
        "huvudman",
        "skolor",
        "skola",
        "arbetar",
        "använder",
        "fick",
        "får",
    ]
)
_ENGLISH_HINTS = frozenset(
    [
        "which",
        "who",
        "what",
        "how",
        "where",
        "why",
        "when",
        "does",
        "do",
        "did",
        "is",
        "are",
        "was",
        "were",
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "for",
        "to",
        "and",
        "with",
        "that",
        "this",
        "has",
        "have",
        "uses",
        "use",
        "its",
        "their",
        "municipality",
        "municipalities",
        "organizer",
        "organizers",
        "school",
        "schools",
        "award",
        "given",
    ]
)
# "Vilka kommuner …", "Which municipalities …", "alla …": the asker wants every organization,
# not the single best one ("Vilken kommun …", "Which municipality …", "Vem …").
_LIST_QUESTION = re.compile(
    r"\b(?:vilka|vilkas|alla|samtliga|all|list)\b"
    r"|\b(?:which|what)\s+(?:\w+\s+)?(?!(?:has|does|is|was)\b)\w+s\b",
    re.I,
)
_ORG_MENTION = re.compile(r"\b[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?s? (?:kommun|stad|region)(?:s)?\b")
# Items of a semicolon list of organizations: "…; Hoppetossa förskoleverksamhet; …"
_LIST_ITEM = re.compile(r"(?:^|;\s*)([A-ZÅÄÖ][\wåäöé-]+(?: [a-zåäöé][\wåäöé-]+){0,2})(?=[,;]|\.?$)")
_SENTENCES = re.compile(SENTENCE_BREAK + r"|\s*\n\s*")
_QUOTE_MARKS = "”“\"'’‘«»"
_GENERIC_TOPIC_WORDS = frozenset(
    [
        "kommun",
        "kommuner",
        "huvudman",
        "huvudmän",
        "skolhuvudman",
        "skolhuvudmän",
        "organisation",
        "organisationer",
        "stad",
        "städer",
        "skola",
        "skolor",
        "arbete",
        "arbetar",
        "använder",
        "finns",
    ]
)
#: Records whose sentence tables are kept (per loaded index).
_SENTENCE_CACHE = 50_000
_NUMBERS_SV = ["Ingen", "En", "Två", "Tre", "Fyra", "Fem", "Sex", "Sju", "Åtta", "Nio", "Tio"]
_NUMBERS_EN = ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]
#: A term in at most this share of the passages (or in one) is specific enough to name the topic.
_SPECIFIC_SHARE = 0.1
NOTHING_FOUND = {
    "sv": "Jag hittar inget om det i dokumenten.",
    "en": "I found nothing about that in the documents.",
}


@dataclass(frozen=True)
class AnswerSettings:
    """Thresholds of the answering layer, calibrated for the default e5 embedder.

    ``min_support`` is the best passage's fused score below which the answer abstains, per question
    language: an English question meets Swedish text with lower cosines and almost no lexical
    match, so it needs a lower bar. Calibrated on ``dev.jsonl`` and a set of off-topic probes
    (``benchmarks/unanswerable.jsonl``): see README.
    """

    min_support: tuple[tuple[str, float], ...] = (("sv", 0.89), ("en", 0.79))
    passages: int = 40
    #: An organization is named when its best sentence stands out from the typical candidate as
    #: much as this share of the best one does: ``(score - median) >= share * (best - median)``.
    #: Relative, because an English question's cosines are compressed; lower for list questions
    #: ("Vilka …?"), which want every organization the evidence supports.
    share: float = 0.4
    list_share: float = 0.1
    #: For list questions, a sentence naming several organizations among the top sentences of a
    #: strong record (scoring at least this share) is quoted too: it is the list the question asks for.
    list_sentence_rank: int = 5
    list_sentence_share: float = 0.6
    max_organizations: int = 8
    max_quotes: int = 2
    #: A second quote must be nearly as good as the first.
    quote_spread: float = 0.02

    def support_needed(self, language: str) -> float:
        return dict(self.min_support).get(language, max(v for _, v in self.min_support))


@dataclass(frozen=True)
class Quote:
    """A verbatim sentence: ``record.text[start:end] == text``; ``highlights`` are relative to it."""

    text: str
    source: str
    record_id: str
    start: int
    end: int
    highlights: tuple[tuple[int, int], ...] = ()
    title: str = ""
    organization: str | None = None
    year: int | None = None
    url: str | None = None
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "source": self.source,
            "record_id": self.record_id,
            "title": self.title,
            "organization": self.organization,
            "year": self.year,
            "url": self.url,
            "page": self.page,
            "start": self.start,
            "end": self.end,
            "highlights": [list(h) for h in self.highlights],
        }


@dataclass(frozen=True)
class OrganizationAnswer:
    """One organization in an answer, with its evidence.

    ``named_in`` is set when the organization has no document of its own here and is only named
    in another organization's text (e.g. a press release listing all recipients).
    """

    name: str
    year: int | None
    kind: str
    quotes: tuple[Quote, ...]
    score: float
    unit: str | None = None
    named_in: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "year": self.year,
            "kind": self.kind,
            "unit": self.unit,
            "named_in": self.named_in,
            "score": round(self.score, 6),
            "quotes": [q.to_dict() for q in self.quotes],
        }


@dataclass(frozen=True)
class Answer:
    """What ``ask`` returns; ``answer`` is the whole answer as plain text."""

    question: str
    language: str
    answered: bool
    summary: str
    organizations: tuple[OrganizationAnswer, ...] = ()
    hits: tuple[Hit, ...] = field(default=(), repr=False)
    #: ``organizations`` (which organizations …?), ``factual`` (how many, when, who, why, what),
    #: ``yesno`` or ``topic`` (anything else): the frame the answer is given in.
    question_type: str = "organizations"
    #: Every quote in the order the reader sees it; the first one is the answer's lead.
    evidence: tuple[Quote, ...] = ()

    @property
    def answer(self) -> str:
        return render_text(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "language": self.language,
            "answered": self.answered,
            "question_type": self.question_type,
            "answer": self.answer,
            "summary": self.summary,
            "organizations": [o.to_dict() for o in self.organizations],
            "evidence": [q.to_dict() for q in self.evidence],
        }


def detect_language(text: str) -> str:
    """``"sv"`` or ``"en"``: Swedish letters or function words against English ones."""
    words = [w.casefold() for w in _WORD.findall(text)]
    sv = sum(w in _SWEDISH_HINTS for w in words) + 2 * sum(ch in "åäöÅÄÖ" for ch in text if ch.isalpha())
    en = sum(w in _ENGLISH_HINTS for w in words)
    return "en" if en > sv else "sv"


def is_list_question(question: str) -> bool:
    return bool(_LIST_QUESTION.search(question))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of a record's text (paragraph breaks end sentences too), without the quotation
    marks around a quoted motivation."""
    spans, cursor = [], 0
    for match in _SENTENCES.finditer(text):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, len(text)))
    out = []
    for s, e in spans:
        while s < e and (text[s].isspace() or text[s] in _QUOTE_MARKS):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in _QUOTE_MARKS):
            e -= 1
        if e > s:
            out.append((s, e))
    return out


@dataclass(frozen=True)
class _Sentences:
    """What a record's sentences are, independent of any question (built once per record).

    ``spans`` are the quotable sentences; ``unit_rows`` and ``unit_sentence`` say which sentence
    each of the record's sentence units counts for (the one it overlaps most); ``terms`` are each
    sentence's BM25 terms.
    """

    spans: tuple[tuple[int, int], ...]
    unit_rows: np.ndarray
    unit_sentence: np.ndarray
    terms: tuple[frozenset[str], ...]

    @classmethod
    def of(cls, searcher: Searcher, record_index: int, record: Record) -> _Sentences:
        cache = searcher.derived.setdefault("answer.sentences", {})
        found: _Sentences | None = cache.get(record.id)
        if found is not None:
            return found
        text, title = record.text, record.title.strip()
        spans = tuple((s, e) for s, e in sentence_spans(text) if _quotable(text[s:e]) and text[s:e].strip() != title)
        unit_spans = searcher.index.unit_spans
        begin, end = np.searchsorted(unit_spans[:, 0], [record_index, record_index + 1])
        owners = []
        for u_start, u_end in unit_spans[begin:end, 1:].tolist():
            size, best = max(((min(e, u_end) - max(s, u_start), i) for i, (s, e) in enumerate(spans)), default=(0, -1))
            owners.append(best if size > 0 else -1)
        analyzer = searcher.index.lexical.analyzer
        terms = tuple(
            frozenset(t for _, _, w in analyzer.words(text[s:e]) for t in analyzer.word_terms(w)) for s, e in spans
        )
        built = cls(spans, np.arange(begin, end), np.asarray(owners, dtype=np.int64), terms)
        if len(cache) >= _SENTENCE_CACHE:
            cache.clear()
        cache[record.id] = built
        return built


class _Evidence:
    """Scores of one record's sentences for one question.

    A sentence scores its best unit's cosine (a unit counts for the sentence it overlaps most)
    plus a lexical bonus: the IDF-weighted share of the query's terms it contains, scaled like
    the search fusion.
    """

    def __init__(
        self, searcher: Searcher, retrieval: Retrieval, record_index: int, record: Record, idf: dict[str, float]
    ) -> None:
        self.table = _Sentences.of(searcher, record_index, record)
        rows = self.table.unit_rows
        self.unit_scores = (
            searcher.unit_scores(int(rows[0]), int(rows[-1]) + 1, retrieval.query_vector) if len(rows) else rows
        )
        self.idf = idf
        self.bonus = searcher.fusion.lexical_weight * retrieval.coverage

    def sentences(self) -> list[tuple[float, int, int]]:
        """Quotable sentences ``(score, start, end)``, best first (earlier first on ties)."""
        table = self.table
        cosine = np.full(len(table.spans), -np.inf)
        owned = table.unit_sentence >= 0
        np.maximum.at(cosine, table.unit_sentence[owned], np.asarray(self.unit_scores)[owned])
        total = sum(self.idf.values())
        scored = []
        for i in np.flatnonzero(np.isfinite(cosine)).tolist():
            share = sum(w for t, w in self.idf.items() if t in table.terms[i]) / total if total else 0.0
            start, end = table.spans[i]
            scored.append((float(cosine[i]) + self.bonus * share, start, end))
        return sorted(scored, key=lambda item: (-item[0], item[1]))


def _quotable(sentence: str) -> bool:
    """A sentence worth quoting: not a heading, caption or the recipient line."""
    words = _WORD.findall(sentence)
    return len(words) >= 5 and len(sentence) >= 30 and not RECIPIENT_HEADER.match(sentence)


def _quote(record: Record, start: int, end: int, analyzer: Any, terms: Sequence[str]) -> Quote:
    text = record.text[start:end]
    return Quote(text, record.source, record.id, start, end, tuple(analyzer.matches(text, terms)))


def _mentioned_organizations(sentence: str) -> list[str]:
    names = [m.group(0) for m in _ORG_MENTION.finditer(sentence)]
    if ";" in sentence:
        names.extend(m.group(1) for m in _LIST_ITEM.finditer(sentence))
    normalized = []
    for name in names:
        name = re.sub(r"(kommun|stad|region)s$", r"\1", name.strip())
        if name not in normalized:
            normalized.append(name)
    return normalized


def _same_organization(a: str, b: str) -> bool:
    stem_a, stem_b = a.split()[0].casefold().rstrip("s"), b.split()[0].casefold().rstrip("s")
    return stem_a == stem_b


def ask(
    searcher: Searcher,
    question: str,
    filters: Filters | None = None,
    settings: AnswerSettings | None = None,
) -> Answer:
    """Answer ``question`` from the index: organizations, quotes, or an honest "nothing found"."""
    settings = settings or AnswerSettings()
    retrieval = searcher.retrieve(question, top_k=settings.passages, filters=filters)
    language = detect_language(retrieval.query)
    hits = retrieval.hits
    if not hits or hits[0].score < settings.support_needed(language):
        return Answer(retrieval.query, language, False, NOTHING_FOUND[language], (), tuple(hits))

    listing = is_list_question(retrieval.query)
    candidates: list[tuple[float, Record, list[tuple[float, int, int]]]] = []
    idf = searcher.index.lexical.idf(retrieval.terms)  # once per question, not per record
    for record in dict.fromkeys(hit.record for hit in hits):
        sentences = _Evidence(searcher, retrieval, searcher.record_position[record.id], record, idf).sentences()
        if sentences:
            candidates.append((sentences[0][0], record, sentences))
    candidates.sort(key=lambda c: -c[0])
    if not candidates:
        return Answer(retrieval.query, language, False, NOTHING_FOUND[language], (), tuple(hits))
    best = candidates[0][0]
    typical = float(np.median([c[0] for c in candidates]))
    cutoff = typical + (settings.list_share if listing else settings.share) * (best - typical)
    analyzer = searcher.index.lexical.analyzer
    organizations: list[OrganizationAnswer] = []
    for score, record, sentences in candidates[: settings.max_organizations]:
        if score < cutoff:
            break
        chosen = [(s, e) for sc, s, e in sentences[: settings.max_quotes] if sc >= score - settings.quote_spread]
        strong = score >= typical + settings.list_sentence_share * (best - typical)
        if listing and strong:  # a sentence listing other organizations is evidence for all of them
            listing_sentence = next(
                (
                    (s, e)
                    for _, s, e in sentences[: settings.list_sentence_rank]
                    if _lists_organizations(record.text[s:e])
                ),
                None,
            )
            if listing_sentence and listing_sentence not in chosen:
                chosen.append(listing_sentence)
        quotes = tuple(_quote(record, s, e, analyzer, retrieval.terms) for s, e in sorted(chosen))
        name = record.organization or record.title
        organizations.append(OrganizationAnswer(name, record.year, record.kind, quotes, score, record.unit))
    if listing:
        organizations.extend(_named_in_quotes(organizations))
    summary = _summary(language, organizations, retrieval, searcher)
    return Answer(retrieval.query, language, True, summary, tuple(organizations), tuple(hits))


def _lists_organizations(sentence: str) -> bool:
    return len(_mentioned_organizations(sentence)) >= 2


def _named_in_quotes(found: list[OrganizationAnswer]) -> list[OrganizationAnswer]:
    """Organizations a quote names (a list of recipients) that have no record of their own here."""
    extra: list[OrganizationAnswer] = []
    for org in found:
        for quote in org.quotes:
            if RECIPIENT_HEADER.match(quote.text):
                continue
            for name in _mentioned_organizations(quote.text):
                if any(_same_organization(name, o.name) for o in [*found, *extra]):
                    continue
                at = quote.text.find(name)
                extra.append(
                    OrganizationAnswer(
                        name=name,
                        year=org.year,
                        kind=org.kind,
                        quotes=(_with_highlights(quote, ((at, at + len(name)),) if at >= 0 else ()),),
                        score=org.score,
                        named_in=org.name,
                    )
                )
    return extra


def _with_highlights(quote: Quote, highlights: tuple[tuple[int, int], ...]) -> Quote:
    return Quote(quote.text, quote.source, quote.record_id, quote.start, quote.end, highlights)


def _topic(question: str, quotes: Sequence[Quote], searcher: Searcher, terms: Sequence[str]) -> str | None:
    """The question's own words that the quotes contain, if they are specific: rare in the corpus
    ("IT-råd", "styrkedja"), not everyday words of these documents ("kommuner", "Guldtrappan")
    nor numbers."""
    lexical = searcher.index.lexical
    analyzer = lexical.analyzer
    rare = max(1, int(_SPECIFIC_SHARE * lexical.size))
    specific = {t for t, df in lexical.document_frequency(terms).items() if df <= rare}
    words = []
    for start, end in analyzer.matches(question, specific):
        word = question[start:end]
        if (
            word.casefold() not in _GENERIC_TOPIC_WORDS
            and not word.isdigit()
            and any(analyzer.matches(q.text, set(analyzer.word_terms(word.casefold())) & specific) for q in quotes)
        ):
            words.append(word)
    return " ".join(dict.fromkeys(words)) or None


def _join(names: list[str], conjunction: str) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {conjunction} " + names[-1]


def _summary(language: str, orgs: list[OrganizationAnswer], retrieval: Retrieval, searcher: Searcher) -> str:
    names = [f"{o.name} ({o.year})" if o.year else o.name for o in orgs]
    n = len(orgs)
    quotes = [q for o in orgs for q in o.quotes]
    # Topic words come from the question; only a question in the corpus's language has them.
    topic = _topic(retrieval.query, quotes, searcher, retrieval.terms) if retrieval.coverage >= 0.5 else None
    if language == "sv":
        count = _NUMBERS_SV[n] if n < len(_NUMBERS_SV) else str(n)
        who = f"{count} huvudman" if n == 1 else f"{count} huvudmän"
        verb = f"nämner {topic}" if topic else "svarar mot frågan"
        return f"{who} {verb}: {_join(names, 'och')}."
    count = _NUMBERS_EN[n] if n < len(_NUMBERS_EN) else str(n)
    who = f"{count} organizer" if n == 1 else f"{count} organizers"
    verb = f"mention {topic}" if topic else "match the question"
    if n == 1:
        verb = f"mentions {topic}" if topic else "matches the question"
    return f"{who} {verb}: {_join(names, 'and')}."


def _plain(text: str) -> str:
    return text


def highlighted(
    text: str,
    spans: Sequence[tuple[int, int]],
    mark: Callable[[str], str],
    plain: Callable[[str], str] = _plain,
) -> str:
    """``text`` with ``mark`` applied to each span and ``plain`` (e.g. escaping) to the rest."""
    out: list[str] = []
    cursor = 0
    for start, end in spans:
        out.extend((plain(text[cursor:start]), mark(text[start:end])))
        cursor = end
    out.append(plain(text[cursor:]))
    return "".join(out)


def organization_heading(org: OrganizationAnswer, language: str) -> tuple[str, list[str]]:
    """An organization's title ("Göteborgs stad, grundskoleförvaltningen") and its details
    (year, then kind, or the organization whose text names it) in the answer's language."""
    labels = KIND_LABELS_SV if language == "sv" else KIND_LABELS_EN
    named_in = "nämns i" if language == "sv" else "named in"
    details = [str(org.year)] if org.year else []
    details.append(f"{named_in} {org.named_in}" if org.named_in else labels.get(org.kind, org.kind))
    return (f"{org.name}, {org.unit}" if org.unit else org.name), details


def render_text(
    answer: Answer,
    strong: Callable[[str], str] = _plain,
    mark: Callable[[str], str] = _plain,
    faint: Callable[[str], str] = _plain,
) -> str:
    """The answer as text: summary, then each organization with its quotes and sources.

    ``strong``, ``mark`` (matched words) and ``faint`` let a terminal add styles; plain by default.
    """
    if not answer.answered:
        return answer.summary
    lines = [strong(answer.summary)]
    for org in answer.organizations:
        title, details = organization_heading(org, answer.language)
        lines.extend(("", f"{strong(title)} ({', '.join(details)})"))
        for quote in org.quotes:
            lines.append(f"  ”{highlighted(quote.text, quote.highlights, mark)}”")
            lines.append(faint(f"  — {quote.source}"))
    return "\n".join(lines)
