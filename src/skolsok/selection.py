"""Selection: from scored sentences to an answer — which sentences lead, which organizations are
named, or that the documents hold no answer.

Every decision compares a sentence's absolute score with a calibrated bar (``AnswerSettings``, per
embedder and question language); no score is compared with the rest of the candidate pool, so
adding unrelated documents cannot push a name in or out by outscoring it. Beyond its score a
sentence must fit the question: a "hur många" answer holds a number, a "när" answer a date, a "vem
i juryn" answer a person, and an organization is named only from a sentence that names it (with the
kind the question asks for), from a sentence of that organization's own record, or, on a page about
several, of the one its paragraph names. What the candidates are does matter in one way: an award
page among them says which award a question names and who its recipients are (``_about_the_award``,
``_drop_page_bystanders``).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, fields, replace

from .calibration import calibrated
from .chunking import sentence_spans
from .cleaning import YEAR
from .evidence import (
    Candidate,
    asks_for_recipients,
    award_page,
    ends_like_a_sentence,
    in_motivation,
    received,
    recipient_page,
)
from .facts import holds_answer_type
from .names import (
    ACCEPTS,
    Name,
    find_names,
    kind_of,
    mentions,
    municipal_names,
    municipality,
    names_a_municipality,
    same_name,
)
from .question import NUMBER_WORDS, PLURAL_ORGANIZATIONS, QuestionAnalysis, dated_elsewhere, occasions_in, years_in
from .schema import Record


@dataclass(frozen=True)
class AnswerSettings:
    """The answering layer's thresholds, calibrated per embedder (``data/calibration.json``).

    ``support`` is the score the best sentence must reach for any answer, per question language
    (an English question meets Swedish text with lower cosines and almost no lexical match).
    ``name`` is the score a sentence must reach to name a further organization in a list;
    ``spread`` how far below the lead sentence a further quote or name may be without holding
    ``list_share`` of the question's specific words.
    """

    support_sv: float = 0.89
    support_en: float = 0.85
    name_sv: float = 0.89
    name_en: float = 0.85
    #: A search hit's fused score below which it is not worth showing (``relevance``): passage
    #: scores, calibrated on dev.jsonl and the off-topic probes before sentence scoring existed.
    hit_sv: float = 0.89
    hit_en: float = 0.79
    #: For e5 0.06 (session 10): organization recall / precision, mean over dev, realdev, held-out and
    #: the four trial sets alone and with seeds + realdev, 0.765 / 0.763 at 0.03, 0.775 / 0.770 at
    #: 0.04, 0.779–0.781 / 0.770–0.772 from 0.05 to 0.08; dev unchanged, realdev precision 0.854 → 0.849.
    spread: float = 0.03
    #: How far below the lead a factual answer's further sentences (each holding the type of fact
    #: asked for), or a single organization's further quotes, may score (``max_evidence`` at most).
    #: Some quote holds the answer on dev / realdev, measured: 0.91 / 0.77 from 0.05 to 0.085,
    #: 0.955 / 0.79 from 0.1 to 0.2 (first quotes unchanged); 0.12 sits inside that plateau.
    evidence_spread: float = 0.12
    list_share: float = 0.3
    #: How far below an organization's best quote a sentence of its own record that names it may
    #: score and still lead its quotes (``_naming_first``). Measured (answer_first): realdev 0.623
    #: → 0.642 from 0.06 to 0.1, trial 0.395 → 0.526 at 0.08; dev unchanged up to 0.12, then lower.
    naming_spread: float = 0.08
    #: How far down a record's own sentences an enumeration of organizations is looked for.
    #: Measured (org recall / precision on realdev): 5 and 6 0.659 / 0.723, 7 to 9 0.689 / 0.745;
    #: from 10 enumerations about something else join (dev precision 0.983 → 0.952).
    list_sentence_rank: int = 7
    #: How far below the lead of an organization answer a sentence of another record that states
    #: every figure the question states may score and still lead (``_stating``). Measured: trial2's
    #: u-01 is right from 0.08 to 0.15, trial10's w-01 from 0.15 (0.143 below); dev, realdev, held-out
    #: and the other trial sets unchanged from 0.08 to 0.15.
    figure_spread: float = 0.15
    passages: int = 40
    max_organizations: int = 12
    max_quotes: int = 2
    max_evidence: int = 3

    def support(self, language: str) -> float:
        return self.support_en if language == "en" else self.support_sv

    def hit_bar(self, language: str) -> float:
        return self.hit_en if language == "en" else self.hit_sv

    def name(self, language: str) -> float:
        return self.name_en if language == "en" else self.name_sv

    @classmethod
    def for_embedder(cls, embedder: str) -> AnswerSettings:
        """The calibrated settings of ``embedder``. One not calibrated gets the class defaults,
        which are placeholders (run ``benchmarks/calibrate.py`` for it)."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in calibrated(embedder).items() if k in known})


@dataclass(frozen=True)
class NamedOrganization:
    """An organization the answer names, the sentences that earn it and the record they are in."""

    name: str
    evidence: tuple[Candidate, ...]
    #: The record's own organization when the name comes from a sentence in another's text.
    named_in: str | None = None


@dataclass(frozen=True)
class Selection:
    answered: bool
    evidence: tuple[Candidate, ...] = ()
    organizations: tuple[NamedOrganization, ...] = ()


_RUNS_SCHOOLS = re.compile(r"\bhuvudm(?:an|än)\b", re.I)


def _names_for(candidate: Candidate, analysis: QuestionAnalysis) -> list[tuple[str, str | None]]:
    """The organizations a sentence supports for this question, as ``(name, named_in)``.

    The names in it of a kind the question accepts (never the question's own names), else its
    record's own organization when that is of an accepted kind. A unit ("Digit-gruppen") answers
    for its record's organization.
    """
    found = _sentence_names(candidate, analysis)
    if found:
        return found
    own = candidate.record.organization
    if own and _several_like(candidate.record, own):
        # A page about several organizations of its own organization's kind (an agency's examples, a
        # joint project): a sentence that names none speaks of the one its paragraph, or the heading
        # above it, names ("Nordvik Friskolor: bättre ljud …" above "Satsningen riktar sig …").
        local = _paragraph_names(candidate, analysis)
        if len(local) == 1:
            return local
    if own and _about_another(candidate, own):
        return []
    # A line that states the very figure the question does is data, not a heading: "Anbudsområde 3:
    # surfplattor …, cirka 2 600 enheter" for "Which city is tendering for 2,600 tablets?".
    if not ends_like_a_sentence(candidate.text) and not (
        (asked := _asked_figures(analysis)) and asked <= _stated(candidate.text)
    ):
        return []  # a heading that names nobody ("Så nominerar du till Guldtrappan 2023") says nothing of its record's
    accepted = ACCEPTS[analysis.organization_kind or "organization"]
    excluded = any(same_name(own, q) and _asks_beyond(analysis, q, own) for q in analysis.names) if own else True
    if own and not excluded and kind_of(own) in accepted | {"proper"} and not _unasked_region(analysis, own):
        return [(candidate.record.display_name, None)]
    return []


def _asks_beyond(analysis: QuestionAnalysis, name: str, own: str) -> bool:
    """Whether a question that names ``name`` (``own``, a record's organization) asks for others than
    it: "… förutom Ankeby?", or a question for its kind that names it, not as the place where
    ("Vilka kommuner bidrog med material som Sjöbacka byggde på?"; "Vilken huvudman har gett alla
    elever en dator i Norrsund?" may be answered by Norrsunds gymnasieförbund)."""
    if analysis.asks_beyond_names:
        return True
    text, quoted = analysis.text, re.escape(name)
    place = re.search(rf"\b(?:i|in|inom|hos|på|at|från|from)\s+{quoted}", text, re.I)
    # Offered as a choice: "…, Ankeby eller Bergby?", "Vilka av kommunerna Ankeby, Bergby och …".
    # ("in a couple of (the) schools" offers none: the question asks which of them).
    choice = re.search(rf"\b(?:eller|or)\s+{quoted}|{quoted},?\s+(?:eller|or)\b", text) or re.search(
        r"\b(?:vilka|vilken|vilket|which(?:\s+one)?)\s+(?:av|of)\s+(?:the\s+)?"
        r"(?:kommunerna|municipalities|skolorna|schools|huvudmännen|organi[sz]ers)\b",
        text,
        re.I,
    )
    if place is not None or choice is not None:
        return False
    # Named as one of the kind asked for ("Vilka kommuner bidrog med material som Sjöbacka byggde
    # på?"), or by a bare name no answer of that kind has ("Vilka kommuner fick stiftelsen Lärbrons
    # pris?": Lärbron is what the question is about).
    kind = kind_of(own)
    return kind == analysis.organization_kind or kind not in ACCEPTS[analysis.organization_kind or "organization"]


# "Om Guldtrappan", "Om Skolkraft", "About Ankeby Data": a press release's closing section on someone else.
# "Guldtrappan", "Skolkraft Sverige AB", "Eriksby kommun": capitalized words, perhaps a municipality's.
_A_NAME = re.compile(r"[A-ZÅÄÖ][\w-]*(?: [A-ZÅÄÖ][\w-]*)*(?: kommun| stad| region)?")
_ABOUT = re.compile(r"^(?:Om|About) (?P<subject>[A-ZÅÄÖ][\w-]*(?: [\w-]+){0,3})$", re.M)


def _about_another(candidate: Candidate, own: str) -> bool:
    """Whether the sentence stands under a heading "Om X" about another than its record's
    organization: Björkhamn's press release ends "Om Guldtrappan: Guldtrappan är en
    kvalitetsutmärkelse …", which says nothing of Björkhamn."""
    text = candidate.record.text
    # A closing section named by a name ("Om Guldtrappan", "Om Skolkraft Sverige AB"), not a topic
    # heading inside the page ("Om AI i skolan").
    headings = [
        m
        for m in _ABOUT.finditer(text, 0, candidate.start)
        if 2 * m.start() > len(text) and _A_NAME.fullmatch(m.group("subject"))
    ]
    return bool(headings) and not same_name(headings[-1].group("subject"), own)


#: A page that names this many organizations of its own organization's kind is about several.
_SEVERAL = 3


#: ``_several_like`` per record (by id and text, not holding the text), while the process lives.
_SEVERAL_SEEN: dict[tuple[str, int, str], bool] = {}
_SEVERAL_SEEN_MAX = 50_000


def _several_like(record: Record, own: str) -> bool:
    """Whether ``record`` names several organizations of the kind of its own (``own``): municipalities
    by their kind in one pass, others sentence by sentence (``find_names`` reads sentences; a whole
    record at once would take time its length squared)."""
    kind = kind_of(own)
    key = (record.id, hash(record.text), kind)
    if key not in _SEVERAL_SEEN:
        found: list[str] = []
        if kind == "municipality":  # most pages': by their kind ("Nacka kommun"), not a place named in passing
            names = (m.text for m in municipal_names(record.text))
        else:
            spans = sentence_spans(record.text)
            names = (n.text for s, e in spans for n in find_names(record.text[s:e], record.text) if n.kind == kind)
        for name in names:
            if not any(same_name(name, f) for f in found):
                found.append(name)
            if len(found) >= _SEVERAL:
                break
        if len(_SEVERAL_SEEN) >= _SEVERAL_SEEN_MAX:
            _SEVERAL_SEEN.clear()
        _SEVERAL_SEEN[key] = len(found) >= _SEVERAL
    return _SEVERAL_SEEN[key]


def _paragraph_names(candidate: Candidate, analysis: QuestionAnalysis) -> list[tuple[str, str | None]]:
    """The organizations the paragraph around a sentence names for this question, with the heading
    above the paragraph (a short line without a full stop), as ``(name, None)``."""
    text = candidate.record.text
    start, end = _paragraph_span(candidate)
    paragraph = text[start:end]
    above = text.rfind("\n\n", 0, max(start - 2, 0))
    heading = text[0 if above < 0 else above + 2 : max(start - 2, 0)]
    sentences = [paragraph[s:e] for s, e in sentence_spans(paragraph)]
    # A heading, not a list's last item ("- Kalix kommun") or a lead-in ("… deltar:").
    if len(heading.split()) <= 10 and not ends_like_a_sentence(heading) and not re.match(r"[-–•*]|.*[,:;]$", heading):
        sentences.append(heading)
    found: list[tuple[str, str | None]] = []
    for sentence in sentences:
        for name in _names_in(sentence, text, analysis):
            # Named as the organization it is, not as a place ("en mässa i Göteborg") or a unit.
            if name.kind not in ("unit", "place", "from") and not any(same_name(f, name.text) for f, _ in found):
                found.append((name.text, None))
    return found


def _accepted_names(candidate: Candidate, analysis: QuestionAnalysis) -> list[Name]:
    """The names in a sentence of a kind the question accepts, not the question's own, nor one that
    holds it ("Makerspace Hultsfred" is the thing in Hultsfred the question is about)."""
    return _names_in(candidate.text, candidate.record.text, analysis)


def _names_in(text: str, context: str, analysis: QuestionAnalysis) -> list[Name]:
    """``_accepted_names`` of ``text`` (in ``context``, its record's text)."""
    wanted = analysis.organization_kind or "organization"
    accepted = ACCEPTS[wanted]
    regions = "region" in analysis.text.casefold()
    if wanted == "organizer" and _RUNS_SCHOOLS.search(text):
        accepted = accepted | {"agency"}  # "Specialpedagogiska skolmyndigheten är huvudman för …"
    return [
        n
        for n in find_names(text, context)
        if n.kind in accepted
        and not any(same_name(w, q) for w in n.text.split() for q in analysis.names)
        # A place answers "Vilka kommuner" when it is one: "i Umeå", not "i London" or "i Aspudden"
        # (a question for regions takes any place: "i Skåne").
        and (wanted != "municipality" or n.kind not in ("place", "from") or regions or names_a_municipality(n.text))
        and not _unasked_region(analysis, n.text)
    ]


def _unasked_region(analysis: QuestionAnalysis, name: str) -> bool:
    """Whether ``name`` is a region ("Region Dalarna") that a question for municipalities does not
    ask for: it shares their kind so that "Vilka regioner …" finds regions, but a region is no
    municipality (Region Gotland, which is one, aside)."""
    return (
        analysis.organization_kind == "municipality"
        and name.startswith("Region ")
        and "region" not in analysis.text.casefold()
        and municipality(name.removeprefix("Region ")) is None
    )


def _sentence_names(candidate: Candidate, analysis: QuestionAnalysis) -> list[tuple[str, str | None]]:
    """The organizations a sentence names for this question (``_accepted_names``), as ``(name,
    named_in)``: the exact kind asked for where the sentence has it."""
    wanted = analysis.organization_kind or "organization"
    own = candidate.record.organization
    names = _accepted_names(candidate, analysis)
    # "Vilken myndighet": Skolverket before a company beside it; any organizer: all of them.
    # A municipality named as a place ("provas i Norsjö, Umeå") is as exact as "Umeå kommun".
    exact = [n for n in names if n.kind in _exact_kinds(wanted, form_only=False)]
    found: list[tuple[str, str | None]] = []
    for name in exact or names:
        if name.kind == "unit":
            if own:
                found.append((f"{own}, {name.text}", None))
        else:
            found.append((name.text, own if own and not same_name(name.text, own) else None))
    return found


def _exact_kinds(wanted: str, form_only: bool = True) -> frozenset[str]:
    """The kinds of name that are exactly what a question asks for (none for any organization).

    A company or an agency often has a bare name ("King", "SCB"): beside "Swerea IVF" it is as
    exact, unless only names whose form shows the kind count (``form_only``).
    """
    if wanted in ("organization", "organizer"):
        return frozenset()
    if wanted == "municipality":
        return frozenset({"municipality", "place", "from"})
    if wanted in ("company", "agency") and not form_only:
        return frozenset({wanted, "proper", "from"})
    return frozenset({wanted})


def _names_exactly(candidate: Candidate, analysis: QuestionAnalysis) -> bool:
    """Whether a sentence names an organization of exactly the kind asked for ("Vilken myndighet":
    Skolverket, not a forum), in itself (not the question's own names) or, naming none, as its
    record's own. A record's organization by a bare name ("Väsby") may well be a municipality; in a
    sentence, a name whose form shows its kind is surer than a bare one ("Skolverket" over "TCO")."""
    wanted = analysis.organization_kind or "organization"
    kinds = _exact_kinds(wanted)
    own = candidate.record.organization
    named = _accepted_names(candidate, analysis)
    if named:
        return any(n.kind in kinds for n in named)
    bare = {"proper"} if wanted == "municipality" else set()
    return own is not None and kind_of(own) in kinds | bare


def lead(analysis: QuestionAnalysis, candidates: list[Candidate]) -> Candidate | None:
    """The sentence an answer would open with: the best one that fits the question (names an
    organization of the kind asked for, or holds the type of fact asked for). Its score is what
    the support bar is compared with, and what calibration measures."""
    for candidate in candidates:
        if analysis.kind == "yesno" and not candidate.topical:
            continue  # "Har Gislaved ett IT-råd?" is not answered by a sentence on Gislaved's robots
        if analysis.kind == "organizations":
            if _names_for(candidate, analysis):
                return candidate
        elif holds_answer_type(analysis.expects, candidate.text, candidate.record.text) and _fits(analysis, candidate):
            return candidate
    return None


def _recipients_lead(
    analysis: QuestionAnalysis, candidates: list[Candidate], settings: AnswerSettings
) -> Candidate | None:
    """For "Vilka fick Guldtrappan 2024?" when the award page's own text ("Guldtrappan delas ut till
    …", "2024 års utmärkelser delades ut …") reaches the support bar and the recipients' motivations,
    which say what each did, not that it won, do not: the page's best recipient sentence leads, and
    ``_add_recipients`` names the rest. The page answers; its recipients are the answer."""
    if analysis.kind != "organizations":
        return None
    page = _recipients_page(analysis, candidates, settings.support(analysis.language))
    if page is None:
        return None
    return next((c for c in candidates if recipient_page(c.record) == page and _names_for(c, analysis)), None)


def _recipients_page(
    analysis: QuestionAnalysis, candidates: list[Candidate], bar: float
) -> tuple[str, str, int | None] | None:
    """The award page (``award_page``) whose recipients a question asks for, when a sentence of it
    reaches ``bar``: a recipient's motivation, or the page's own text above or below them
    ("Mottagare av Guldtrappan 2022 …") when recipients of that page are among the candidates."""
    pages = {recipient_page(c.record) for c in candidates} - {None}
    anchor = next(
        (
            c.record
            for c in candidates
            if c.score >= bar and award_page(c.record) in pages and asks_for_recipients(analysis, c.record)
        ),
        None,
    )
    return award_page(anchor) if anchor is not None else None


@functools.lru_cache(maxsize=64)
def _word_starts(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for any of ``words`` at a word's start, built once per word list."""
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})")


def _fits(analysis: QuestionAnalysis, candidate: Candidate) -> bool:
    """Whether a sentence speaks of what a factual question's answer is about beyond its type: the role
    it asks about ("Vem är rektor på Ängsskolan?" is not answered by "…, säger Sara Lindqvist,
    it-strateg"), the amount ("Vad är avtalet värt?" is not answered by the excess parents pay), and
    the occasion ("första gången" is not answered by "Vid tredje skadan …")."""
    text = candidate.text.casefold()
    if analysis.occasion is not None and (occasions := occasions_in(text)) and analysis.occasion not in occasions:
        return False
    if analysis.amount and not _word_starts(analysis.amount).search(text):
        return False
    # A role as a word or a compound's head: "förskolerektor", "barn- och utbildningschef".
    return not analysis.role or any(word in text for word in analysis.role)


def select(analysis: QuestionAnalysis, candidates: list[Candidate], settings: AnswerSettings) -> Selection:
    """Decide the answer for ``analysis`` from ``candidates`` (best first)."""
    if analysis.expects not in ("date", "day"):  # "When did …" may be answered by another year
        candidates = [
            c
            for c in candidates
            if not dated_elsewhere(c.text, analysis.years, c.record.year, analysis.this_year)
            and not _awarded_elsewhere(c, analysis)
        ]
    candidates = _about_the_award(analysis, candidates)
    if analysis.kind != "organizations":
        candidates = [c for c in candidates if _of_the_asked_municipality(c, analysis)]
    first = lead(analysis, candidates)
    if first is None or first.score < settings.support(analysis.language):
        first = _recipients_lead(analysis, candidates, settings)
        if first is None:
            return Selection(False)
    first = _stating(analysis, first, candidates, settings)
    if analysis.kind == "organizations":
        return _organizations(analysis, first, candidates, settings)
    first = _counting(analysis, first, candidates, settings)
    if first is None:
        return Selection(False)
    rest = [
        c
        for c in candidates
        if c is not first
        and c.score >= first.score - settings.evidence_spread
        and holds_answer_type(analysis.expects, c.text, c.record.text)
        and _fits(analysis, c)
    ]
    evidence = (first, *rest[: settings.max_evidence - 1])
    own = first.record.organization
    organizations = (NamedOrganization(first.record.display_name, (first,)),) if own else ()
    return Selection(True, evidence, organizations)


def _of_the_asked_municipality(candidate: Candidate, analysis: QuestionAnalysis) -> bool:
    """For a question about a municipality it names: whether a sentence speaks of it. On another
    municipality's page, only where the sentence or its paragraph names it: "How many teachers in
    Gagnef …" is not answered by "… 300 lärare gått en utbildning" in Borlänge's paragraph of a Falun
    article that mentions Gagnef once."""
    own = candidate.record.organization
    asked = [n for n in analysis.names if municipality(re.sub(r"\s+(?:kommun|stad)$", "", n, flags=re.I))]
    if not own or not asked or kind_of(own) != "municipality":
        return True
    # Of any one of them: "Gagnef och Falun" asks about both.
    return any(same_name(own, name) or mentions(_paragraph(candidate), name) for name in asked)


def _paragraph_span(candidate: Candidate) -> tuple[int, int]:
    """Where the paragraph a sentence stands in (between blank lines) begins and ends in its record."""
    text = candidate.record.text
    start = text.rfind("\n\n", 0, candidate.start)
    end = text.find("\n\n", candidate.end)
    return 0 if start < 0 else start + 2, len(text) if end < 0 else end


def _paragraph(candidate: Candidate) -> str:
    """The paragraph a sentence stands in."""
    start, end = _paragraph_span(candidate)
    return candidate.record.text[start:end]


def _about_the_award(analysis: QuestionAnalysis, candidates: list[Candidate]) -> list[Candidate]:
    """For "Who received Guldtrappan in 2024?": only what speaks of the award, a sentence that names it
    or a record about it (its recipients' motivations, the press release on receiving it), may name
    a recipient. The sentences around "Arvika fick Guldtrappan 2023" in a news article about
    something else ("Enligt Pernilla Gran har den organisationen varit till hjälp") are no answer,
    though the article mentions the award. ``candidates`` as they are for other questions."""
    if analysis.kind != "organizations" or not received(analysis):
        return candidates
    awards = {c.record.award for c in candidates if c.record.award}
    asked = [n for n in analysis.names if any(same_name(n, a) for a in awards)]
    if not asked:
        return candidates
    return [c for c in candidates if any(same_name(c.record.award or "", a) or mentions(c.text, a) for a in asked)]


# The people a group has: a text counts them by any of these words ("elva personer", "styrelseledamöter").
_MEMBERS = re.compile(
    r"\w*(?:ledamot|ledamöter|medlem|medlemmar|personer|deltagare|representanter)(?:na)?\b"
    r"|\b(?:person|members?|people|persons|participants|representatives)\b",
    re.I,
)


def _holds_counted(counted: tuple[str, ...], sentence: str) -> bool:
    """Whether ``sentence`` names what is counted, in any inflection ("kommuner" in "kommunerna")."""
    words = [w.casefold() for w in re.findall(r"\w+", sentence)]
    # Every word of a term: "interaktiv skrivtavla", "it-pedagog" are no single word of the text.
    if any(_MEMBERS.fullmatch(c) for c in counted) and _MEMBERS.search(sentence):
        return True  # a council's "ledamöter" are counted as "elva personer" too
    parts = [w for c in counted for w in re.findall(r"\w+", c.casefold()) if len(w) >= 3]
    stems = [w[: max(4, len(w) - 3)] for w in parts]
    return any(w.startswith(stem) or stem in w for stem in stems for w in words)


def _counting(
    analysis: QuestionAnalysis, first: Candidate, candidates: list[Candidate], settings: AnswerSettings
) -> Candidate | None:
    """For "hur många kriterier …": a number of criteria, not a number of finalists. Among the
    sentences that hold a number, the best one that also names what is counted leads, if it reaches
    the support bar; when none does, the lead stays if the sentence before or after it, at the bar,
    names what is counted (the number may be in the next one), and otherwise there is no answer
    (``None``)."""
    if not analysis.counted or _holds_counted(analysis.counted, first.text):
        return first
    named = False  # whether the sentence beside the lead, at the bar, names what is counted
    for candidate in candidates:
        if candidate.score < settings.support(analysis.language):
            break
        if _holds_counted(analysis.counted, candidate.text):
            if holds_answer_type(analysis.expects, candidate.text, candidate.record.text):
                return candidate
            named = named or _beside(candidate, first)
    # None does: the documents count other things ("tre finalister" is no answer to "hur många
    # kriterier"), so there is no answer.
    return first if named else None


def _beside(candidate: Candidate, lead: Candidate) -> bool:
    """Whether ``candidate`` is the sentence right before or after ``lead`` in its record: "Juryn har
    sju. Kriterierna gäller …" counts the criteria; a sentence elsewhere naming "elever" does not make
    "tre lärplattformar" a count of pupils."""
    if candidate.record.id != lead.record.id:
        return False
    first, second = sorted((candidate, lead), key=lambda c: c.start)
    return first.end <= second.start and not lead.record.text[first.end : second.start].strip()


def _add_enumerations(
    named: dict[str, NamedOrganization],
    candidates: list[Candidate],
    analysis: QuestionAnalysis,
    settings: AnswerSettings,
    done: set[str],
) -> None:
    """For a list question: a sentence among the best of a record that already earned a name and
    that enumerates several organizations ("De andra huvudmännen … är Fjällby kommun, …; Granby
    stad, …") is the list asked for; each organization it names joins the answer. Records in
    ``done`` were looked through before; the ones looked through now are added to it.

    In a short record the best seven sentences are nearly all of them: an enumeration about
    something else ("I nätverket ingår Bodens kommun, Piteå kommun …", "samarbetar med Sundsvalls
    kommun och Kramfors kommun kring upphandling") must not answer a question about IT councils."""
    # The record of the best sentence of all is looked through too, though it names no organization
    # of its own (a page about a network, listing its members).
    earned = ({c.record.id for o in named.values() for c in o.evidence} | {candidates[0].record.id}) - done
    done |= earned
    seen: dict[str, int] = {}
    for candidate in candidates:
        rank = seen[candidate.record.id] = seen.get(candidate.record.id, 0) + 1
        if candidate.record.id not in earned or rank > settings.list_sentence_rank:
            continue
        listed = _enumeration(candidate, analysis, settings)
        if not listed:
            continue
        # An enumeration that starts below the cap is shown whole unless the question says how many:
        # a reader who sees eleven of the twelve names in the quote cut off sees a wrong answer.
        cap = settings.max_organizations
        before = sum(1 for o in named.values() if candidate not in o.evidence)  # named by other sentences
        if not analysis.count and before < cap:
            cap = max(cap, len(named) + len(listed))
        if not _add_new(named, listed, candidate, cap):
            return


def _enumeration(
    candidate: Candidate, analysis: QuestionAnalysis, settings: AnswerSettings
) -> list[tuple[str, str | None]]:
    """The organizations a sentence enumerates for a list question (``_sentence_names``), or none
    when it is no enumeration that may answer: it names two or more, reaches the naming bar like any
    sentence that names, and holds some of the question's specific words."""
    if candidate.score < settings.name(analysis.language) or not candidate.concept:
        return []
    listed = _sentence_names(candidate, analysis)
    return listed if len(listed) >= 2 else []


#: How many organizations a sentence names to lead a list answer in place of the lead (``_leading_enumeration``).
_LEADING_LIST = 3


def _leading_enumeration(
    first: Candidate, candidates: list[Candidate], analysis: QuestionAnalysis, settings: AnswerSettings
) -> Candidate:
    """For a list question whose best sentence of all names nobody (an article on a tool, beside
    "under våren provas verktyget i Norsjö, Skellefteå, …" further down): that record's enumeration
    among its best sentences (``list_sentence_rank``) leads, if it reaches the support bar, instead
    of a sentence from another record that names one organization."""
    best = candidates[0]
    if best is first or _names_for(best, analysis):
        return first
    own = [c for c in candidates if c.record.id == best.record.id][: settings.list_sentence_rank]
    bar = settings.support(analysis.language)
    # Three names at least: two may be a sentence's subject and the body it speaks for.
    listing = (c for c in own if c.score >= bar and len(_enumeration(c, analysis, settings)) >= _LEADING_LIST)
    return next(listing, first)


# "… tillsammans med åtta andra skolhuvudmän", "Guldtrappan 2023 går till fyra huvudmän": a sentence that
# says how many organizations there are (compounds too: "skolhuvudmän").
_ANNOUNCED = re.compile(
    rf"\b(?P<count>\d+|{'|'.join(NUMBER_WORDS)})\s+(?P<some>(?:andra|other|nya)\s+)?"
    rf"\w*?{PLURAL_ORGANIZATIONS}\b",
    re.I,
)


def _announced_count(text: str) -> int | None:
    """How many organizations a sentence says there are, all of them ("I nätverket deltar sju
    kommuner:" → 7), if it says so; "åtta andra skolhuvudmän" and "två nya kommuner" are some of them."""
    found = _ANNOUNCED.search(text)
    if found is None or found.group("some"):
        return None
    word = found.group("count")
    return int(word) if word.isdigit() else NUMBER_WORDS[word.casefold()]


def _add_announced(
    named: dict[str, NamedOrganization],
    first: Candidate,
    candidates: list[Candidate],
    analysis: QuestionAnalysis,
    settings: AnswerSettings,
) -> None:
    """For a list question whose lead announces how many organizations there are ("Tillsammans med åtta
    andra skolhuvudmän får Södertälje kommun utmärkelsen"): the lead's record holds the list it
    announces, so its sentence that enumerates organizations ("De andra huvudmännen … är Alingsås
    kommun, …; Hoppetossa förskoleverksamhet; …") names them at any score. The lead vouches for its
    record; the list is often far down it, below the bars its other sentences set."""
    if not _ANNOUNCED.search(first.text):
        return
    for candidate in candidates:
        if candidate.record.id != first.record.id or candidate is first:
            continue
        listed = _sentence_names(candidate, analysis)
        if len(listed) >= 2:  # an enumeration, shown whole unless the question says how many
            cap = settings.max_organizations if analysis.count else len(named) + len(listed)
            _add_new(named, listed, candidate, cap)
            return


def _fill_count(
    named: dict[str, NamedOrganization],
    first: Candidate,
    candidates: list[Candidate],
    analysis: QuestionAnalysis,
    settings: AnswerSettings,
) -> None:
    """For "Vilka två leverantörer …" with fewer named than the question says there are: the others
    are looked for among the best sentences of the lead's own record (``list_sentence_rank``), each
    reaching the naming bar; the record that answers holds the rest of the answer."""
    cap = min(analysis.count or 0, settings.max_organizations)
    if len(named) >= cap:
        return
    rank = 0
    for candidate in candidates:
        if candidate.record.id != first.record.id:
            continue
        rank += 1
        if rank > settings.list_sentence_rank or candidate.score < settings.name(analysis.language):
            return
        if not _add_new(named, _names_for(candidate, analysis), candidate, cap):
            return


def _add_recipients(
    named: dict[str, NamedOrganization],
    page: tuple[str, str, int | None] | None,
    candidates: list[Candidate],
    analysis: QuestionAnalysis,
    settings: AnswerSettings,
) -> None:
    """ "Vilka fick Guldtrappan 2021?": when a sentence at the naming bar is one recipient's
    motivation on a page that presents the award's recipients (``page``, ``_recipients_page``), every
    recipient on the page of a kind the question accepts is named, each by its best sentence."""
    if page is None:
        return
    accepted = ACCEPTS[analysis.organization_kind or "organization"] | {"proper"}
    # Each recipient by its best sentence of the jury's words where it has one: the motivation is why
    # it is named, not the page's "Presentation av …" line or video caption beside it.
    motivated = {c.record.id for c in candidates if in_motivation(c.record, c.start)}
    for candidate in candidates:
        other = candidate.record
        if recipient_page(other) != page or kind_of(other.display_name) not in accepted:
            continue
        motivation = in_motivation(other, candidate.start)
        if other.id in motivated and not motivation:
            continue
        key = next((k for k in named if same_name(k, other.display_name)), None)
        if key is not None:
            earned = named[key]
            # Named by a heading of its own record above, or by another page ("… som i höstas fick
            # Guldtrappan"): the award page's words about it go first. (The page's own list of its
            # recipients, "Årets mottagare är …", stays first.)
            top = earned.evidence[0].record
            if (award_page(top) != page) or (
                top.id == other.id and motivation and not in_motivation(other, earned.evidence[0].start)
            ):
                named[key] = replace(earned, evidence=(candidate, *earned.evidence)[: settings.max_quotes])
            continue
        if any(same_name(other.display_name, q) for q in analysis.names):
            continue  # "… förutom Ankeby kommun?"
        if not _add_new(named, [(other.display_name, None)], candidate, settings.max_organizations):
            break
    # The page's recipients first, in the order found, then any other names.
    on_page = [k for k, o in named.items() if award_page(o.evidence[0].record) == page]
    for key in [*on_page, *(k for k in named if k not in on_page)]:
        named[key] = named.pop(key)


def _drop_page_bystanders(
    named: dict[str, NamedOrganization], page: tuple[str, str, int | None] | None, candidates: list[Candidate]
) -> None:
    """For "Vilka fick Guldtrappan 2023?": the award page says whom its award went to, so a name that
    only its own text above or below the recipients earns (the jury's chair's employer, the town of
    the ceremony: "… i samband med en konferens i Stockholm") is no recipient. A sentence of it that
    names a recipient too ("Guldtrappan går till Ankeby kommun och Bergby kommun") lists recipients:
    its names stay, though a recipient's motivation was not retrieved. ``page``: the award page the
    question asks about (``_recipients_page``)."""
    if page is None:
        return
    recipients = [c.record.display_name for c in candidates if recipient_page(c.record) == page]
    for key, organization in list(named.items()):
        top = organization.evidence[0]
        if award_page(top.record) != page or recipient_page(top.record) is not None:
            continue
        in_sentence = [n.text for n in find_names(top.text, top.record.text)]
        # A part of a recipient's name ("Vinterås" of "Vinterås–Bredsjö gymnasieförbund") is none either.
        fragment = any(key in r and not same_name(key, r) for r in recipients)
        if fragment or not any(same_name(n, r) for n in [key, *in_sentence] for r in recipients):
            del named[key]


def _add_new(
    named: dict[str, NamedOrganization], found: list[tuple[str, str | None]], candidate: Candidate, cap: int
) -> bool:
    """Names ``found`` (``(name, named_in)``) not named yet, earned by ``candidate``, while fewer than
    ``cap`` are named; False once the answer is full."""
    for name, named_in in found:
        if len(named) >= cap:
            return False
        if not any(same_name(k, name) for k in named):
            named[name] = NamedOrganization(name, (candidate,), named_in)
    return True


def _add_support(
    named: dict[str, NamedOrganization],
    first: Candidate,
    candidates: list[Candidate],
    analysis: QuestionAnalysis,
    settings: AnswerSettings,
) -> None:
    """For a single organization: further sentences that earn the same name, reach the naming bar
    and score as close to the lead as a factual answer's further sentences (``evidence_spread``)
    support it too; where the lead is one sentence of several that together answer, the reader
    sees the others."""
    for key, organization in list(named.items()):
        evidence = list(organization.evidence)
        for candidate in candidates:
            if len(evidence) >= settings.max_evidence or candidate.score < max(
                first.score - settings.evidence_spread, settings.name(analysis.language)
            ):
                break
            if candidate not in evidence and any(same_name(name, key) for name, _ in _names_for(candidate, analysis)):
                evidence.append(candidate)
        named[key] = replace(organization, evidence=tuple(evidence))


#: A figure as written in a question or a sentence: "650,000", "650 000", "2020".
_FIGURE = re.compile(r"(?<![\w-])\d+(?:[ \u00a0.,]\d{3})*(?![\w-])")


_NUMBER_WORD = re.compile(rf"\b(?:{'|'.join(NUMBER_WORDS)})\b", re.I)


def _stated(text: str) -> set[str]:
    """The figures ``text`` states, in digits, a year not counted (``dated_elsewhere`` sees to those):
    "sju rektorer" and "7 rektorer" both state "7"."""
    digits = {f for f in _figures(text) if not re.fullmatch(YEAR, f)}
    # "sex" is also a word ("sex och samlevnad"): only digits say six for sure.
    words = {str(NUMBER_WORDS[w]) for m in _NUMBER_WORD.finditer(text) if (w := m.group(0).casefold()) != "sex"}
    return digits | words


def _asked_figures(analysis: QuestionAnalysis) -> set[str]:
    """The figures a question states, not the number of organizations it asks for ("Vilka två
    kommuner …") nor of those it asks which of ("Of the four municipalities surveyed, which …"):
    those are no fact about one."""
    return _stated(analysis.text) - {str(analysis.count)} - _stated(analysis.group)


def _awarded_elsewhere(candidate: Candidate, analysis: QuestionAnalysis) -> bool:
    """Whether a sentence is of a jury's motivation for another year than the question names: an
    award's recipient record is dated by the award ("Stenåsa kommun får Guldtrappan …" on the 2023
    page answers nothing about 2020), unless the sentence itself names a year asked about."""
    record = candidate.record
    return (
        bool(analysis.years)
        and record.kind == "jury_motivation"
        and record.year is not None
        and record.year not in analysis.years
        and not set(years_in(candidate.text)) & set(analysis.years)
    )


def _stating(
    analysis: QuestionAnalysis, first: Candidate, candidates: list[Candidate], settings: AnswerSettings
) -> Candidate:
    """The lead, or the best sentence that would lead and states every figure the question states,
    if it scores within ``figure_spread`` of it: "… ett råd med sju rektorer som ledamöter?" is
    answered by "Rådet består av sju rektorer …", not by another council of rectors."""
    stated = _asked_figures(analysis)
    if analysis.kind != "organizations" or not stated or stated <= _stated(first.text):
        return first
    bar = max(first.score - settings.figure_spread, settings.support(analysis.language))
    stating = lead(analysis, [c for c in candidates if c.score >= bar and stated <= _stated(c.text)])
    # Only to tell organizations apart: within one record, the lead may hold the other detail asked.
    return stating if stating is not None and stating.record.id != first.record.id else first


def _figures(text: str) -> set[str]:
    """The figures in ``text``, digits only ("650,000" and "650 000" are both "650000")."""
    return {re.sub(r"\D", "", m) for m in _FIGURE.findall(text)}


def _names_itself(candidate: Candidate, organization: str) -> bool:
    """Whether a sentence names ``organization`` itself: "Fjällsta kommun", "i Fjällsta", not the school
    "Fjällsta gymnasium" that bears its name."""
    kinds = {kind_of(organization), "municipality", "proper", "place", "from"}
    return any(
        same_name(n.text, organization) and n.kind in kinds for n in find_names(candidate.text, candidate.record.text)
    )


def _naming_first(
    named: dict[str, NamedOrganization],
    page: tuple[str, str, int | None] | None,
    candidates: list[Candidate],
    analysis: QuestionAnalysis,
    settings: AnswerSettings,
) -> None:
    """An organization earned by a sentence of its own record that does not name it ("Granskningen
    visar att …") is quoted first by the record's best sentence that does ("Gävle kommun måste
    betala …") when that scores within ``naming_spread`` and reaches the naming bar: the quote then
    shows by itself why the organization is named. The quotes it had follow.

    Not for an organization the question names itself ("… i Trollhättan?"), where naming it shows
    nothing, nor when the best quote holds a figure the question states ("Which municipality paid
    650,000 kronor …": "Skåpen kostade kommunen totalt 650 000 kronor." is the answer).

    A recipient of the award page a question asks about (``page``: "Vilka fick Guldtrappan 2023?") is
    named by the page, not by how well its motivation's words match the question: its motivation's
    sentence that names it goes first at any score."""
    for key, organization in list(named.items()):
        top = organization.evidence[0]
        if (
            organization.named_in is not None
            or not same_name(top.record.display_name, organization.name)
            or mentions(analysis.text, organization.name)
            or _figures(top.text) & _figures(analysis.text)  # a year too
            or _stated(top.text) & _asked_figures(analysis)
            or _names_itself(top, organization.name)
        ):
            continue
        bar = max(top.score - settings.naming_spread, settings.name(analysis.language))
        if page is not None and recipient_page(top.record) == page:
            bar = -math.inf
        own = (c for c in candidates if c.record.id == top.record.id and c.score >= bar)
        # A sentence, not a heading or caption ("Presentation av Ankeby kommun"): it must say something.
        naming = next((c for c in own if ends_like_a_sentence(c.text) and _names_itself(c, organization.name)), None)
        if naming is not None:
            rest = tuple(c for c in organization.evidence if c is not naming)
            # The quotes it had stay after it (the one that led may hold the detail asked about).
            named[key] = replace(organization, evidence=(naming, *rest)[: settings.max_evidence])


def _organizations(
    analysis: QuestionAnalysis, first: Candidate, candidates: list[Candidate], settings: AnswerSettings
) -> Selection:
    """Organizations, each earned by a sentence that names it (or is in its own record).

    ``first`` (which reached the support bar) names the first. A list question names more: each
    from a sentence that reaches the naming bar and either scores close to ``first`` or holds the
    question's specific words (``list_share`` of them, IDF-weighted, by whole word or head):
    "Digitaliseringsråd" earns a place in an answer about "IT-råd", a sentence about "IT-enheten"
    does not.
    """
    # "Vilken myndighet …": a sentence as close as ``spread`` that names an agency leads instead of
    # one that names an organization of another form.
    if _exact_kinds(analysis.organization_kind or "organization") and not _names_exactly(first, analysis):
        first = next(
            (
                c
                for c in candidates
                if c.score >= max(first.score - settings.spread, settings.name(analysis.language))
                and _names_for(c, analysis)
                and _names_exactly(c, analysis)
            ),
            first,
        )
    if analysis.listing:
        first = _leading_enumeration(first, candidates, analysis, settings)
    # "Which three municipalities …": the question says how many there are.
    cap = min(settings.max_organizations, analysis.count or settings.max_organizations)
    settings = replace(settings, max_organizations=cap)
    # The award page whose recipients the question asks for, if any: it names them, and no one else.
    page = _recipients_page(analysis, candidates, settings.name(analysis.language))
    named: dict[str, NamedOrganization] = {}
    enumerated: set[str] = set()  # records whose enumerations were looked through
    closed = False  # whether the lead's record named as many as the lead says there are
    for candidate in candidates[candidates.index(first) :]:
        if (candidate is not first and candidate.score < settings.name(analysis.language)) or len(
            named
        ) >= settings.max_organizations:
            break  # the lead may be below the bar only as a recipient of the page that answers
        if candidate.score < first.score - settings.spread and candidate.concept < settings.list_share:
            continue
        for name, named_in in _names_for(candidate, analysis):
            key = next((k for k in named if same_name(k, name)), name)
            previous = named.get(key)
            if previous is None and (closed or len(named) >= settings.max_organizations):
                continue  # full: the names already listed may still gain this quote
            if previous is None:
                named[key] = NamedOrganization(name, (candidate,), named_in)
            elif len(previous.evidence) < settings.max_quotes and candidate not in previous.evidence:
                named[key] = NamedOrganization(previous.name, (*previous.evidence, candidate), previous.named_in)
        if not analysis.listing:
            break
        if candidate is first:
            # The lead's own record listing organizations is the list asked for: it goes before
            # names earned one sentence at a time, which the cap would otherwise crowd it out with.
            _add_recipients(named, page, candidates, analysis, settings)
            _add_announced(named, first, candidates, analysis, settings)
            _add_enumerations(named, candidates, analysis, settings, enumerated)
            _fill_count(named, first, candidates, analysis, settings)
            # "I nätverket deltar sju kommuner: …" and its record naming all seven: the list asked for
            # is whole. A sentence elsewhere that reaches the bar adds no eighth (it may add a quote).
            whole = _announced_count(first.text)
            own = sum(o.evidence[0].record.id == first.record.id for o in named.values())
            closed = whole is not None and own >= whole
    if analysis.listing:
        if not closed:
            _add_enumerations(named, candidates, analysis, settings, enumerated)
        _drop_page_bystanders(named, page, candidates)
    else:
        _add_support(named, first, candidates, analysis, settings)
    _naming_first(named, page, candidates, analysis, settings)
    organizations = tuple(named.values())
    if not organizations:  # a lead below the naming bar (bars calibrated so that it cannot be)
        return Selection(False)
    evidence = tuple(dict.fromkeys(c for o in organizations for c in o.evidence))
    return Selection(True, evidence, organizations)
