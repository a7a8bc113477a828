"""Answers: the sentences of the documents that answer a question, verbatim, with their sources.

No text is generated. ``ask`` runs four stages, one module each:

1. question analysis (``question``): language, kind (organizations, factual, yes/no, topic), the
   kind of organization or the type of fact wanted, the names the question mentions;
2. retrieval (``search``) and evidence scoring (``evidence``): every sentence of the retrieved
   records scored with the same e5 vectors, absolutely;
3. selection (``selection``): the lead sentence(s), the organizations they earn, or abstention,
   by calibrated bars;
4. rendering (``rendering``): text for the terminal, the same structure as HTML in the web app.
"""

from __future__ import annotations

import bisect
import re
import weakref
from dataclasses import dataclass, field
from typing import Any

from .evidence import Candidate, candidates
from .names import find_names, fold, mentions, municipality, name_stem, same_name
from .question import QuestionAnalysis, analyze, detect_language
from .rendering import highlighted, organization_heading, render_text
from .schema import Filters, Hit, Record
from .search import Retrieval, Searcher, clean_query
from .selection import AnswerSettings, NamedOrganization, Selection, select

__all__ = [
    "NOTHING_FOUND",
    "Answer",
    "AnswerSettings",
    "OrganizationAnswer",
    "Quote",
    "ask",
    "detect_language",
    "highlighted",
    "organization_heading",
    "render_text",
]

NOTHING_FOUND = {
    "sv": "Jag hittar inget om det i dokumenten.",
    "en": "I found nothing about that in the documents.",
}
# "Swedish", "Swedes", "European": English words for peoples, not names to look for.
_ENGLISH_ADJECTIVE = re.compile(r"(?:ish|ese|ean|ian|es|ic)$")
#: After a name, what makes it an example rather than what the question is about ("ChatGPT och
#: liknande tjänster", "Google or similar tools").
_EXAMPLE = r"\s+(?:och|eller|samt|and|or)\s+(?:liknande|similar)\b"
#: After a name in an English question, what makes it a Swedish place's name, not an English word
#: ("Hallsjö municipality", "Ankeby kommun").
_PLACE_NOUN = r"\s+(?:municipality|kommun|county|city|town|region)\b"


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

    ``named_in`` is set when the organization is named in another organization's text (a press
    release listing all recipients, an article about a municipality naming its supplier).
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
    #: The passages the answer was chosen from, best first (without highlights: ``Searcher.search`` marks them).
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


def ask(
    searcher: Searcher,
    question: str,
    filters: Filters | None = None,
    settings: AnswerSettings | None = None,
) -> Answer:
    """Answer ``question`` from the index: the sentences that answer it and the organizations
    they name, or an honest "nothing found"."""
    settings = settings or AnswerSettings.for_embedder(searcher.index.embedder_name)
    retrieval, analysis, found = gather(searcher, question, filters, settings.passages)
    hits = tuple(retrieval.hits)
    selection = select(analysis, found, settings) if found is not None else Selection(False)
    if not selection.answered:
        return Answer(
            retrieval.query, analysis.language, False, NOTHING_FOUND[analysis.language], (), hits, analysis.kind
        )
    analyzer = searcher.index.lexical.analyzer
    quote_of = {c: _quote(c, analyzer, retrieval.terms) for c in selection.evidence}
    organizations = tuple(_organization(o, quote_of) for o in selection.organizations)
    if analysis.kind == "organizations":
        evidence = tuple(dict.fromkeys(q for o in organizations for q in o.quotes))
        summary = _organizations_summary(analysis, organizations)
    else:
        evidence = tuple(quote_of[c] for c in selection.evidence)
        summary = _factual_summary(analysis, evidence[0])
    return Answer(retrieval.query, analysis.language, True, summary, organizations, hits, analysis.kind, evidence)


def gather(
    searcher: Searcher, question: str, filters: Filters | None = None, passages: int = AnswerSettings.passages
) -> tuple[Retrieval, QuestionAnalysis, list[Candidate] | None]:
    """Retrieval, question analysis and the candidate sentences (best first) from records that
    mention every name and year the question is about; ``None`` when the question names something no
    document mentions. What ``ask`` decides from, and what calibration measures."""
    analysis = analyze(clean_query(question))
    # The quotes mark the question's words themselves; the passages they come from are not shown.
    retrieval = searcher.retrieve(
        question, top_k=passages, filters=filters, about_years=analysis.years, highlight=False
    )
    required, unknown = _grounding(analysis, searcher)
    if unknown:
        return retrieval, analysis, None
    found = candidates(searcher, retrieval)
    forms = [_forms(name, searcher) for name in required]
    about: dict[str, bool] = {}  # per record, not per sentence

    def grounded(record: Record) -> bool:
        if record.id not in about:
            about[record.id] = all(
                any(_mentioned(record, form, as_written=i > 0) for i, form in enumerate(name)) for name in forms
            )
        return about[record.id]

    return retrieval, analysis, [c for c in found if grounded(c.record)]


def _forms(name: str, searcher: Searcher) -> tuple[str, ...]:
    """The forms of ``name`` a record may mention it by: itself, and, when the Swedish stemmer takes an
    inflection off it, its stem ("Chromebooken" is a definite form of the "Chromebook" a page names,
    "Nordvikskola" one of "Nordvikskolor"). Not an -s ("Teams" is no plural of a "team"), and not a stem
    shorter than four letters: too common a prefix to count."""
    analyzer = searcher.index.lexical.analyzer
    words = analyzer.words(name)
    if len(words) != 1 or municipality(name) is not None:  # a place is named as it is
        return (name,)
    start, _, word = words[0]
    terms = analyzer.word_terms(word)
    stem = terms[0] if terms else ""
    ending = word[len(stem) :] if word.startswith(stem) else ""
    if len(stem) >= 4 and ending and not ending.endswith("s"):
        # Written as the name is: "Kronan" stems to "Kron", which "kronor" is no form of.
        return (name, name[start : start + len(stem)])
    return (name,)


def _mentioned(record: Record, name: str, as_written: bool = False) -> bool:
    """Whether a record mentions ``name``: in its text, title or organization, or its web address
    (accents folded: "Växjö" in "vaxjo.se"); ``as_written``, in the text and title with its case."""
    if as_written:
        pattern = re.compile(rf"(?<![\w-]){re.escape(name)}")
        fields = (record.text, record.title, record.organization or "")
        return any(pattern.search(field) for field in fields) or mentions(fold(record.url or ""), fold(name))
    folded = fold(name)
    return any(
        mentions(field, name) or mentions(field, folded)
        for field in (record.text, record.title, record.organization or "", fold(record.url or ""))
    )


#: What the kind of organization asked for is part of by definition, so a page need not name it: every
#: department is one of Regeringskansliet's.
_IMPLIED_BY_KIND: dict[str, frozenset[str]] = {
    "department": frozenset({"regeringskansliet", "regeringen", "government offices"}),
}


def _grounding(analysis: QuestionAnalysis, searcher: Searcher) -> tuple[list[str], list[str]]:
    """The names a question is about (``required``: the answer must come from a record that
    mentions them) and the names no record mentions (``unknown``: then nothing can answer it).

    A question about Kiruna is not answered from a text about Luleå. Short names and acronyms
    ("IT", "AI") are too common to require. In an English question a capitalized word may be an
    English word, a nationality or an exonym ("Swedes", "Gothenburg"): those are passed over, and so
    are the rest of an English name they begin ("Swedish Association of Local Authorities and
    Regions" is no page's "Regions", and names Sveriges Kommuner och Landsting as well), unless
    the name is Swedish ("Hallsjö", "Ankeby municipality"). A name given as an example ("ChatGPT och
    liknande tjänster") is no name the answer must mention.
    """
    required: list[str] = []
    unknown: list[str] = []
    # The English name being read while its words are passed over, and what may join it: "of" its
    # first word, "and" too once an "of" has ("… of Local Authorities and Regions", not "Gothenburg and
    # Malmö").
    english_name, joins = "", "of"
    for name in analysis.names:
        stem = name_stem(name)
        joined = english_name and re.search(
            rf"{re.escape(english_name)} (?:{joins}) (?:the )?{re.escape(name)}", analysis.text
        )
        # A municipality stays a name of its own: "the City of Stockholm" is about Stockholm.
        if joined and municipality(name) is None:
            english_name, joins = name, "of|and"
            continue
        english_name, joins = "", "of"
        if len(stem) < 4 or stem.isupper() or re.search(re.escape(name) + _EXAMPLE, analysis.text, re.I):
            continue
        if name.casefold() in _IMPLIED_BY_KIND.get(analysis.organization_kind or "", frozenset()):
            continue  # "Vilka departement i Regeringskansliet …": every department is one of its
        # "Läxkompis" is no genitive of a "Läxkompi": the name as written may be the one the texts know.
        known = _known(stem, searcher) or _known(name.split()[0], searcher)
        swedish = re.search(r"[åäöÅÄÖ]", name) or re.search(re.escape(name) + _PLACE_NOUN, analysis.text, re.I)
        if analysis.language == "en" and (not (known or swedish) or _ENGLISH_ADJECTIVE.search(name.split()[0])):
            english_name = name
            continue
        (required if known else unknown).append(name)
    return required, unknown


def _known(stem: str, searcher: Searcher) -> bool:
    """Whether any record mentions ``stem``: a term of the texts, or in any record's metadata."""
    lexical = searcher.index.lexical
    if any(df > 0 for df in lexical.document_frequency(lexical.analyzer.terms(stem)).values()):
        return True
    metadata = _METADATA.get(searcher)
    if metadata is None:  # titles, organizations and web addresses of every record, once per index
        metadata = _METADATA[searcher] = _Prefixes(
            "\n".join(f"{r.title}\n{r.organization or ''}\n{fold(r.url or '')}" for r in searcher.records)
        )
    return metadata.mentions(stem) or metadata.mentions(fold(stem))


class _Prefixes:
    """``names.mentions`` over a large text, by binary search instead of a regex scan (7 ms per
    name over the metadata of 100 000 passages): the text from every word start, cut to
    ``WIDTH`` characters and sorted."""

    WIDTH = 40

    def __init__(self, text: str) -> None:
        self.text = text
        folded = text.casefold()
        self.starts = sorted({folded[m.start() : m.start() + self.WIDTH] for m in re.finditer(r"(?<![\w-])\S", folded)})

    def mentions(self, name: str) -> bool:
        own = name_stem(name)
        stem = own.casefold()
        if not stem or len(stem) > self.WIDTH or stem != own.lower():
            return mentions(self.text, name)  # casefold is not the regex's case-insensitivity ("ß")
        i = bisect.bisect_left(self.starts, stem)
        return i < len(self.starts) and self.starts[i].startswith(stem)


_METADATA: weakref.WeakKeyDictionary[Searcher, _Prefixes] = weakref.WeakKeyDictionary()


def _quote(candidate: Candidate, analyzer: Any, terms: tuple[str, ...]) -> Quote:
    record, text = candidate.record, candidate.text
    return Quote(
        text,
        record.source,
        record.id,
        candidate.start,
        candidate.end,
        tuple(analyzer.matches(text, terms)),
        record.title,
        record.organization,
        record.year,
        record.url,
        record.page_at(candidate.start),
    )


def _organization(named: NamedOrganization, quote_of: dict[Candidate, Quote]) -> OrganizationAnswer:
    lead = named.evidence[0]
    quotes = tuple(quote_of[c] for c in named.evidence)
    if named.named_in:  # the name itself is the highlight: it is what the sentence says about it
        quotes = tuple(_mark_name(q, named.name) for q in quotes)
    record = lead.record
    own = record.organization
    if own and (named.name == record.display_name or (not named.named_in and same_name(named.name, own))):
        return OrganizationAnswer(own, record.year, record.kind, quotes, lead.score, record.unit)
    # A unit of the record's organization ("Trollhättans stad, Digit-gruppen") keeps it as its name.
    unit = named.name[len(own) + 2 :] if own and named.name.startswith(f"{own}, ") else None
    name = own if unit and own else named.name
    return OrganizationAnswer(name, record.year, record.kind, quotes, lead.score, unit, named.named_in)


def _mark_name(quote: Quote, name: str) -> Quote:
    spans = tuple((n.start, n.end) for n in find_names(quote.text, quote.text) if n.text == name)
    return Quote(**{**quote.__dict__, "highlights": spans or quote.highlights})


def _join(names: list[str], conjunction: str) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {conjunction} " + names[-1]


def _organizations_summary(analysis: QuestionAnalysis, orgs: tuple[OrganizationAnswer, ...]) -> str:
    """The answer in one line: "Svar: Karlstads kommun (2021) och Eksjö kommun (2021)." """
    names = [f"{o.name} ({o.year})" if o.year and not o.named_in else o.name for o in orgs]
    if analysis.language == "sv":
        return f"Svar: {_join(names, 'och')}."
    return f"Answer: {_join(names, 'and')}."


def _factual_summary(analysis: QuestionAnalysis, lead: Quote) -> str:
    where = lead.title or lead.source
    if lead.year:
        where = f"{where} ({lead.year})"
    if analysis.language == "sv":
        return f"Svaret enligt {where}:"
    return f"The answer according to {where}:"
