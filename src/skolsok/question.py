"""Question analysis: the language, what kind of answer is wanted, and what it must contain.

A question is classified from its own words, before any search:

* ``organizations``: which organizations ("Vilka kommuner har IT-råd?", "Who runs a school blog?",
  "Vilket företag ska leverera …?"), single or a list, and which kind of organization;
* ``factual``: a fact (how many, when, who as a person, why, what, how), with the type the answer
  must hold: a number, a date, a person's name, a reason;
* ``yesno``: a question opened by a verb ("Finns det …?", "Does …?");
* ``topic``: anything else (search words, a statement).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from .cleaning import MONTHS_EN, MONTHS_SV, YEAR
from .glossary import default_glossary
from .names import names_in_text, word_list

_WORD = re.compile(r"[\wåäöÅÄÖ]+(?:-[\wåäöÅÄÖ]+)*")
_SWEDISH_HINTS = frozenset(
    word_list(
        """vilka vilken vilket vem vad hur var varför när finns har är och som med för att det den de en ett på
    av till om kommuner kommun huvudmän huvudman skolor skola arbetar använder fick får"""
    )
)
_ENGLISH_HINTS = frozenset(
    word_list(
        """which who what how where why when does do did is are was were the a an of in on for to and with that this
    has have uses use its their municipality municipalities organizer organizers school schools award given"""
    )
)

# Nouns that name a kind of organization, by kind (Swedish and English, singular and plural).
_ORG_NOUNS: tuple[tuple[str, str], ...] = (
    (
        "municipality",
        # "stad" never as a compound's head: a "verkstad" is a workshop.
        r"kommun(?:er|en|erna|s)?|(?<!\w)(?:städer|stad|staden)|regioner|region|municipalit(?:y|ies)|cit(?:y|ies)|towns?",
    ),
    ("school", r"skol(?:a|or|an|orna)|gymnasie(?:skol(?:a|or))?|friskol(?:a|or)|schools?|academ(?:y|ies)"),
    ("agency", r"myndighet(?:er|en)?|agenc(?:y|ies)|authorit(?:y|ies)|regulator"),
    ("department", r"departement(?:en|et)?|department(?:s)?|ministr(?:y|ies)"),
    (
        "company",
        r"företag(?:en|et)?|bolag(?:en|et)?|leverantör(?:er|en)?|förlag|koncern(?:er|en)?|institut|compan(?:y|ies)"
        r"|anbudsgivar(?:e|na|en)|suppliers?|vendors?|providers?|firms?|group|chains?|institutes?|bidders?|tenderers?",
    ),
    # A school organizer (huvudman) runs schools: a municipality, region, company or association,
    # not an agency or a ministry that funds, rewards or inspects them (an agency that runs schools
    # says so: "Specialpedagogiska skolmyndigheten är huvudman för specialskolorna").
    ("organizer", r"(?:skol)?huvudm(?:an|än|ännen|annen)|operators?"),
    (
        "organization",
        r"organisation(?:er)?|organi[sz]ations?|organi[sz]ers?|aktör(?:er)?"
        r"|förbund|federations?|unions?|bod(?:y|ies)|actors?|förvaltning(?:ar|en)?|administrations?|stiftelse(?:r|n)?"
        r"|foundations?|förening(?:ar|en)?|associations?|universitet(?:et)?|högskol(?:a|an|or)|lärosäte(?:n|t)?"
        r"|universit(?:y|ies)"
        # Award recipients here are school organizers ("Which 2019 Guldtrappan recipient …").
        r"|mottagare(?:n|na)?|pristagare(?:n|na)?|vinnare(?:n|na)?|recipients?|winners?|awardees?",
    ),
)
_ORG_NOUN = "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _ORG_NOUNS)
# "vilka kommuner", "which upper-secondary school federation", "what national agency": up to three words
# between the question word and the organization noun, none a verb ("Vilken skolkoncern har mobilfria
# skolor?" asks for no school).
_VERB = (
    r"(?:har|hade|är|var|fick|får|finns|fanns|blev|ska|skulle|kan|kunde|använder|vann|gör|gjorde|deltar|deltog"
    r"|has|have|had|is|are|was|were|does|do|did|uses|used|won|got|received|chose|runs?|can|will)\b"
)
_BETWEEN = rf"(?:(?!{_VERB})[\w-]+\s+){{0,3}}"
_ANY_ORG_NOUN = "|".join(pattern for _, pattern in _ORG_NOUNS)
# The noun right after the question word, unless another one follows it: "Vilken kommun testar
# flest skolor?" asks for a municipality, "which school federation" for a federation.
_WHICH_DIRECT = re.compile(rf"\b(?:vilk(?:en|et|a)|which|what)\s+(?:{_ORG_NOUN})\b(?!\s+(?:{_ANY_ORG_NOUN})\b)", re.I)
# Else greedy: "which upper-secondary school federation" asks for a federation, not a school.
_WHICH_ORG = re.compile(rf"\b(?:vilk(?:en|et|a)|which|what)\s+{_BETWEEN}(?:{_ORG_NOUN})\b", re.I)
# Else, in Swedish, the first compound headed by one ("Vilken skolkoncern", "Vilka högstadieskolor",
# "Vilka IT-företag"); English writes its compounds apart ("what factors" holds no "actors").
_WHICH_COMPOUND = re.compile(rf"\b(?:vilk(?:en|et|a))\s+{_BETWEEN}?[\w-]{{3,}}?(?:{_ORG_NOUN})\b", re.I)
# "Vilket år", "Vilken dag …", "What is the last day …": a date, whatever organization the question names.
_WHICH_DATE_NOUN = (
    r"(?:what|which|vilket|vilken)(?:['’]s\s+|\s+(?:(?:is|was|är|var)\s+)?)(?:the\s+)?(?:(?:last|first|final|sista|första)\s+)?"
    r"(?:date|year|datum|år|månad|month|day|dag(?:en)?|deadline)(?![\w-])"
)
_WHICH_DATE = re.compile(rf"^\W*{_WHICH_DATE_NOUN}", re.I)
# "Vilken politiker …", "Which teacher …": a person, not the organization a compound may name further on
# ("Vilken lärare på Ankebyskolan …"); "Which teacher union" is an organization.
_WHICH_PERSON = re.compile(
    r"\b(?:vilken|vilka|which|what)\s+(?:politiker|politician|lärare|lärarna|teachers?|rektor|rektorn"
    r"|person|ledamot|ledamöter|forskare|researcher|ordförande|chair(?:man|woman|person)?)\b"
    rf"(?!['’]|\s+(?:{_ANY_ORG_NOUN})\b)",
    re.I,
)
# "Vem …", "Who …", "Vilka arbetar …" (vilka before a verb: who), "Var …"/"Where …" (a place).
_WHO = re.compile(
    r"^(?:\W*\w+\W+){0,3}?(?:vem|who|whom|whose|var|where|vilka\s+(?:har|är|fick|får|gör|finns|\w+(?:ar|er|ir)\b))\b",
    re.I,
)
# "Vem är Karin Öberg?", "Who was Anna Lind?": the question is only the name (capitalized words).
_WHO_IS = re.compile(r"\W*(?i:vem|who)\s+(?i:är|var|is|was)\s+[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*)*\W*")
_PERSON = re.compile(
    r"\b(?:i juryn|in the jury|ordförande|chair\w*|leder|ledde|leads?|led|heads?|headed|\w*chef|vd|ceo|minister|person|"
    r"förskollärare|lärare|teacher|rektor|principal|\w*direktör|director|manager|samordnare|coordinator)\b",
    re.I,
)
_NUMBER = re.compile(
    r"\bhur\s+(?:många|mycket|stor|stort|stora|höga?|hög|länge|lång|långa|ofta|långt)\b|\bhow\s+(?:many|much|large|big|long|often)\b"
    # "Which share …", not "Which municipalities share remote lessons …"; "What is the maximum amount …".
    rf"|(?:\b(?:what|which|vilken|hur stor)\s+(?:(?!(?:{_ANY_ORG_NOUN})\b)\w+\s+)?"
    r"|\bwhat(?:['’]s|\s+(?:is|was|are|were))\s+the\s+(?:\w+\s+)?)"
    r"(?:proportion|share|percentage|andel|del|budget|total|amount|sum"
    r"|summa|belopp|penalty|fine|cost|price|avgift|sanktionsavgift|kostnad|pris)\b|\bungefär hur\b|\bhur stor del\b",
    re.I,
)
# The place or setting a question may open with, before its question word: "I Ankeby, vad …", "Under
# the new strategy, by when …" (not a clause: "Fick eleverna behålla datorerna, när de slutade nian?").
_OPENING = r"(?:(?:i|på|för|under|enligt|inom|in|at|for|according to|within)\s+[^,?]{1,80},\s*)?"
# A date or reason is asked for by the question word, near the start ("när" later is a conjunction).
_DATE = re.compile(rf"^{_OPENING}(?:\W*\w+\W+){{0,3}}?(?:(?:när|when)\b|{_WHICH_DATE_NOUN})", re.I)
_REASON = re.compile(rf"^{_OPENING}(?:\W*\w+\W+){{0,3}}?(?:varför|why|av vilken anledning|for what reason)\b", re.I)
_FACTUAL = re.compile(r"^(?:\W*\w+\W+){0,4}?(?:vad|what|hur|how|vilk(?:en|et|a)|which|according|enligt)\b", re.I)
_YESNO = re.compile(
    r"^(?:har|finns|är|kan|ska|får|fick|gör|görs|används|brukar|does|do|did|is|are|was|were|has|have|can|will|"
    r"should)\b",
    re.I,
)
# "Whose" asks for several when what they own is plural: "Whose AI chatbots can …", not "Whose new
# learning platform broke down …" (a plural head within the next four words).
_LIST = re.compile(r"\bvilka\b|\bwhose\s+(?:\w+\s+){0,3}?\w{2,}[^isu\W'’]s\b", re.I)
#: Organizations in the plural: a question for several ("Vilka kommuner …"), or a text announcing them
#: ("… tillsammans med åtta andra skolhuvudmän").
PLURAL_ORGANIZATIONS = (
    r"(?:kommuner|städer|regioner|skolor|myndigheter|leverantörer|huvudmän|organisationer"
    r"|aktörer|municipalities|cities|towns|schools|agencies|authorities|departments|ministries|companies|suppliers"
    r"|vendors|providers|firms|bidders|tenderers|anbudsgivarna|organizers|organisers|organi[sz]ations|bodies|actors"
    r"|institutes|mottagarna"
    r"|pristagarna|vinnarna|recipients|winners|awardees)"
)
_PLURAL_NOUN = re.compile(rf"\b{PLURAL_ORGANIZATIONS}\b", re.I)
# "Of the four municipalities surveyed, which have …", "Av kommunerna i jämförelsen, vilken har …": a
# group of organizations named first, then which of them does something (a verb after the question
# word, perhaps "one" or "of them": "I Ankeby kommun, vilket år …" asks for a year).
_WHICH_AMONG = re.compile(
    rf"^\W*(?:of|among|in|av|bland|i)\s+(?P<group>[^,?]+),\s*(?P<asked>vilk(?:en|et|a)|which)(?P<one>\s+one)?"
    rf"(?:\s+(?:of them|av dem))?\s+(?P<verb>{_VERB})",
    re.I,
)
# The group is its first plural organization noun: "Of the schools in the four municipalities …" asks
# which school, "In the institute's comparison of six municipalities" which municipality.
_GROUP_NOUN = re.compile(
    rf"\b(?:{PLURAL_ORGANIZATIONS}|kommunerna|städerna|regionerna|skolorna|myndigheterna|företagen"
    r"|leverantörerna|huvudmännen|organisationerna|aktörerna)\b",
    re.I,
)
# "which has", "which one …", "vilken": one of them; "which have", "vilka": several.
_SINGULAR_VERBS = frozenset(word_list("has is was does uses runs"))


def _noun_kind(noun: str) -> str:
    """The kind of organization a noun names ("kommunerna" → municipality)."""
    return next((kind for kind, pattern in _ORG_NOUNS if re.fullmatch(pattern, noun, re.I)), "organization")


@dataclass(frozen=True)
class QuestionAnalysis:
    """What a question asks for.

    ``kind`` is ``organizations``, ``factual``, ``yesno`` or ``topic``; ``listing`` says whether
    several organizations are wanted; ``organization_kind`` which kind (``municipality``, ``school``,
    ``agency``, ``department``, ``company``, ``organizer`` (a school organizer, which no agency is) or
    any ``organization``); ``expects`` what a factual answer must hold (``number``, ``money``,
    ``share``, ``duration``, ``frequency``, ``grade`` (a school year), ``date``, ``day`` (a date
    with its day), ``person``, ``reason``) if anything; ``names`` the names the question itself
    mentions (never an answer to it).
    """

    text: str
    language: str
    kind: str
    listing: bool = False
    organization_kind: str | None = None
    expects: str | None = None
    names: tuple[str, ...] = ()
    #: What a Swedish "hur många" question counts ("hur många kriterier" → ("kriterier",)).
    counted: tuple[str, ...] = ()
    #: How many organizations the question says there are ("Which three municipalities …?").
    count: int | None = None
    #: The years it names ("Guldtrappan 2020", "läsåret 2019/20" → (2019,)).
    years: tuple[int, ...] = ()
    #: Whether it asks about "this year" ("årets pristagare") without naming one.
    this_year: bool = False
    #: Which time something happens that it asks about ("första gången datorn går sönder", "damaged a
    #: second time" → 1, 2): a sentence about another time ("Vid tredje skadan …") does not answer it.
    occasion: int | None = None
    #: The group a "which of them" question names first ("the four municipalities surveyed"): its
    #: figures say how many there are to choose from, nothing about the one asked for.
    group: str = ""
    #: Whether the organizations it names are no answer to it. They are one only for a question for
    #: an organizer ("Which organizer … in Stockholm?"), not for "other" ones, a supplier, an agency
    #: or a school ("Which supplier delivered the laptops in Kalmarsund?"), nor for who in them
    #: ("Whose chatbots can staff in Svedala use?").
    asks_beyond_names: bool = False
    #: For "Vem är rektor på …?", "Who is the director of education in …?": the words that name the
    #: role asked about, Swedish and English; the answer's sentence must hold one.
    role: tuple[str, ...] = ()
    #: For a question about what a deal is worth, a budget, or compensation claimed: the words a
    #: sentence stating that amount holds, one of them at a word's start (``_AMOUNTS``).
    amount: tuple[str, ...] = ()


_MONEY = re.compile(
    r"\b(?:kronor|pengar|money|budget\w*|kostnad\w*|cost\w*|penalty|fine|sanktionsavgift\w*|avgift\w*|pris|price"
    # Compounds by their head too: "prissumma", "prispengar", "ersättningsbelopp".
    r"|\w*belopp(?:et)?|\w*summa(?:n)?|sum|\w*pengar(?:na)?|salary|lön\w*|stipendi\w*|scholarship|bidrag|grant"
    r"|ersättning(?:en|ar|arna)?|skadestånd(?:et)?|compensation|damages"
    r"|kost(?:ar|ade|at|a)|betal\w*|spen[dt]\w*|pa(?:y|ys|id|ying)|invester\w*|invest(?:s|ed)?|worth|värd|värt"
    # A value is money when it is a deal's: "the total value of Solgårda's four-year deal".
    r"|value\s+of\b(?:\s+\S+){0,4}?\s+(?:contract|deal|agreement|order|procurement)|värdet\s+(?:av|på)\s+(?:\w+\s+){0,2}(?:avtal|kontrakt|affär|upphandling|köp)\w*)\b",
    re.I,
)
_CURRENCY = re.compile(r"(?:kronor|kr|euro|dollar|sek|miljoner|miljarder|millions?|billions?)\b", re.I)
# "Hur mycket lade kommunen på …", "hur mycket satsar …": spent, money unless time or effort is.
_SPENT = re.compile(r"\b(?:lade|lagt|lägger|satsa(?:r|de|t)?)\b", re.I)
_WHAT_COST = re.compile(
    # After a place or time the question is set in: "I Ankeby, vad …", "In Ankeby, what …".
    # "Vad betalar vårdnadshavare …" is a price; "Vad händer om man inte betalar …" is not.
    rf"^\W*{_OPENING}(?:vad\s+(?:(?!inte\b|aldrig\b)\w+\s+){{0,3}}?betal(?:ar|ade|at)\b(?!\s+sig\b)"
    r"|vad\b.*\b(?:kost(?:a|ar|ade|at)|(?:får|fick|måste|ska|skulle|behöver)\s+(?:\w+\s+){0,4}betala"
    # "Vad beräknas avtalet vara värt?", not "Vad är värt att veta?" (worth doing).
    r"|(?:avtal|kontrakt|affär|upphandling|köp)\w* (?:värt|värd|värde)|\bvär(?:d[ae]?|t)\b(?!\s+att\b)"
    r"|\bvärdet (?:av|på) (?:\w+ ){0,2}(?:avtal|kontrakt|affär|upphandling|köp)\w*)"
    r"|what\b.*\b(?:(?:do|does|did|will)\b.*\b(?:cost|pay(?!\s+attention))|worth"
    r"|(?:contract|deal|agreement|order|purchase) value"
    r"|value\b.*\b(?:contract|deal|agreement|order|purchase)))\b",
    re.I,
)
_SHARE = re.compile(r"\b(?:andel\w*|proportion|share|percentage|procent|percent|hur stor del)\b", re.I)
# "Hur länge", "Hur lång tid", "Hur många år", "How many weeks": a duration.
_DURATION = re.compile(
    r"\b(?:hur länge|hur långa?|how long|(?:hur många|how many) (?:år|månader|veckor|dagar|timmar|years|months|weeks"
    r"|days|hours))\b",
    re.I,
)
_FREQUENCY = re.compile(
    r"\b(?:hur ofta|how often|how frequently|how many times (?:a|an|per|each|every)"
    # Not "hur många gånger i år": a count this year.
    r"|hur många gånger (?:(?:om|per|varje) (?:året|år|månaden|månad|terminen|termin|läsåret|läsår|veckan|vecka"
    r"|dagen|dag)|i (?:månaden|veckan|terminen|läsåret)))\b",
    re.I,
)
# "Från vilken årskurs …", "From which grade …": a school year ("årskurs 7", "åk 4", "förskoleklass").
# ("What grades did pupils get?" asks for marks.)
_GRADE = re.compile(r"\b(?:vilken|vilka|which|what)\s+(?:årskurs(?:er)?|grade|year groups?|klass(?:er)?)\b", re.I)
# "How much teacher time …": the noun after the question word says what is counted. Time, focus or effort
# spent is no money ("Hur mycket skärmtid …", "Hur mycket fokus lägger skolan på …").
_TIME = re.compile(
    r"\b(?:(?:skärm|arbets|lektions|undervisnings|lärar|läs)?tid|time|timmar|hours|fokus|focus|vikt|energi|kraft"
    r"|uppmärksamhet|attention|effort)\b",
    re.I,
)
# "Hur många kommunala skolhuvudmän": the words (an adjective, a noun) that say what is counted.
_COUNTED = re.compile(r"\bhur många (\w{3,})(?: (\w{3,}))?", re.I)
# "How many digital teaching materials does …": the words up to the verb or a function word.
_COUNTED_EN = re.compile(
    r"\bhow many ((?:(?!(?:do|does|did|are|were|is|was|have|has|had|in|at|of|for|on|will|can)\b)\w{2,}\s*){1,4})",
    re.I,
)
_YEAR = re.compile(rf"(?<![\w-]){YEAR}(?![\w-])")
# A four-digit number is a year in a question when a year word comes before it ("hösten 2016",
# "the 2015 strategy") or no noun follows it ("… 2020?", "2016 för sitt arbete"); "2000 elevdatorer"
# and "1995 kronor" are amounts.
_YEAR_BEFORE = re.compile(
    r"\b(?:i|in|år|året|läsåret|sedan|since|under|during|till|until|från|from|of|the|hösten|våren|sommaren"
    r"|vintern|autumn|spring|summer|winter|fall|by|före|efter|before|after|inför|mellan|between"
    r"|which|what|vilken|vilket|vilka)\s+$",
    re.I,
)
_YEAR_AFTER = re.compile(
    r"\s+(?:och|eller|samt|för|med|på|i|till|av|om|när|som|men|and|or|for|with|in|to|of|when|as)\b"
    r"|\s*(?:[^\w\s]|$)",
    re.I,
)


def years_in(text: str) -> tuple[int, ...]:
    """The years ``text`` mentions, in order ("läsåret 2019/20" → (2019,)); a document mentions a
    year wherever such a number stands."""
    return tuple(int(y) for y in _YEAR.findall(text))


def question_years(question: str) -> tuple[int, ...]:
    """The years a question asks about: four-digit numbers that read as years, not amounts
    ("Guldtrappan 2020?", "the 2016 quality award"; not "2000 elevdatorer")."""
    return tuple(
        int(m.group(0))
        for m in _YEAR.finditer(question)
        if _YEAR_BEFORE.search(question[: m.start()]) or _YEAR_AFTER.match(question, m.end())
    )


# "2019–2022", "2019-2022": a span of years, which holds the years between.
_YEAR_SPAN = re.compile(rf"(?<![\w-])({YEAR})\s?[–-]\s?({YEAR})(?![\w-])")
# "läsåret 2020/21", "mellan 2019 och 2023": spans too; "sedan 2016", "från och med 2018": open ones.
_SCHOOL_YEAR = re.compile(rf"(?<![\w-])({YEAR})/(\d\d|{YEAR})(?!\d)")
_BETWEEN_YEARS = re.compile(rf"\b(?i:mellan|between)\s+({YEAR})\s+(?i:och|and)\s+({YEAR})\b")
_SINCE_YEAR = re.compile(rf"\b(?i:sedan|since|från och med|fr\.o\.m\.|från|from|efter|after)\s+({YEAR})\b")
# A year a sentence dates itself to: after a word that places in time ("i", "under", "hösten",
# "vårterminen"), a month or a name ("Guldtrappan 2021"), or closing a clause ("… i fjol, 2019.").
# Not an amount ("2000 elever", "kostar 2015 kronor") or part of a number ("08-123 2000").
_DATED_YEAR = re.compile(
    r"(?:\b(?i:i|år|året|under|hösten|våren|sommaren|vintern|läsåret|\w*terminen|inför|före|till|in|during|by|the)"
    r"\s+|\b(?i:" + MONTHS_SV + "|" + MONTHS_EN + r")\s+(?:\d{1,2},?\s+)?|\b[A-ZÅÄÖ][\w-]+\s+)"
    rf"({YEAR})(?![\w/-])"
    rf"|(?<![\d\s-])\s({YEAR})(?=\s*[.,;:!?)]|\s*$)"
    # A year that labels a line: "2024: Vansbro kommun (huvudman), …" in a list of earlier winners.
    rf"|^[-–•*\s]*({YEAR}):(?!\d)"
)
# "Budget 2025 och 2026", "in 2019 and 2020": two years joined are years, whatever precedes them.
# (Not two amounts of something: "1995 eller 2000 kronor", "2000 och 2010 elever".)
_YEAR_PAIR = re.compile(rf"(?<![\w-])({YEAR})\s+(?i:och|and|samt|eller|or)\s+({YEAR})(?![\w/-])(?!\s+[a-zåäö])")


# "förra året", "i fjol", "i år", "nästa år": a year counted from the text's own.
_RELATIVE_YEAR = {
    -1: re.compile(
        r"\b(?i:förra årets?|i fjol|fjolårets|föregående års?|last year(?:'s)?|the year before|året innan)\b"
    ),
    0: re.compile(r"\b(?i:i år|årets|this year)\b"),
    1: re.compile(r"\b(?i:nästa år|nästa läsår|next year)\b"),
}


# What belongs to the year before or after: "förra årets pristagare", "last year's winners".
_OTHER_YEARS = re.compile(r"\b(?i:(?:förra|föregående|nästa) år(?:ets|s)|fjolårets|(?:last|next) year's)\b")


def dated_elsewhere(sentence: str, years: tuple[int, ...], year: int | None = None, this_year: bool = False) -> bool:
    """Whether ``sentence`` dates what it says to years other than ``years`` (a question's): it
    names a year as a time and none of them, nor a span holding one ("Guldtrappan 2021" answers no
    question about 2019; "sedan 2016" holds 2021), or, in a text from ``year``, a year counted from
    it ("förra året" in a 2022 article is 2021). A sentence naming no year may be about any. A
    question about ``this_year`` ("årets", "this year's") is answered by no sentence about the year
    before or after."""
    if not years:
        # "Vilka fick årets pris?" is not answered by "Förra årets pristagare …" (though it is by
        # "… precis som förra året").
        return this_year and _OTHER_YEARS.search(sentence) is not None
    spans = [(int(a), int(b)) for a, b in _YEAR_SPAN.findall(sentence) + _BETWEEN_YEARS.findall(sentence)]
    spans += [(int(a), int(b if len(b) == 4 else a[:2] + b)) for a, b in _SCHOOL_YEAR.findall(sentence)]
    spans += [(int(a), 9999) for a in _SINCE_YEAR.findall(sentence)]
    named = {int(a or b or c) for a, b, c in _DATED_YEAR.findall(sentence)}
    named |= {int(y) for pair in _YEAR_PAIR.findall(sentence) for y in pair}
    if year is not None:
        named |= {year + offset for offset, pattern in _RELATIVE_YEAR.items() if pattern.search(sentence)}
    if not named and not spans:
        return False
    return not any(y in named or any(a <= y <= b for a, b in spans) for y in years)


#: Number words from two to twenty, Swedish and English, and their values.
NUMBER_WORDS = {
    word: n
    for n, words in enumerate(
        word_list(
            "två/two tre/three fyra/four fem/five sex/six sju/seven åtta/eight nio/nine tio/ten elva/eleven tolv/twelve"
            " tretton/thirteen fjorton/fourteen femton/fifteen sexton/sixteen sjutton/seventeen arton/eighteen"
            " nitton/nineteen tjugo/twenty"
        ),
        start=2,
    )
    for word in words.split("/")
}
# "Vilka två leverantörer", "which three municipalities": the number right after the question word.
_STATED_COUNT = re.compile(r"\b(?:vilka|which|what)\s+(\w+)", re.I)


def _stated_count(word: str) -> int | None:
    if word.isdigit():
        return int(word) if 2 <= int(word) <= 20 else None
    return NUMBER_WORDS.get(word.casefold())


# "På vilket datum", "On what date": a day, not just a year.
_DAY = re.compile(
    r"\b(?:vilket datum|what date|which date|vilken dag|what day|which day|(?:first|last) day"
    r"|(?:första|sista) dag(?:en)?|deadline)"
    r"(?![\w-])",
    re.I,
)


def _quantity(question: str, asked: re.Match[str]) -> str:
    """What kind of number a "how many / how much" question wants, read from the words that follow
    the question word ("how much teacher time", "hur stor budget"), else from the whole question:
    "how much time … on the hidden costs" asks for time, not money."""
    after = question[asked.start() :]
    window = " ".join(after.split()[:5])
    if re.match(r"(?:hur många|how many)\b", after, re.I):
        # A count, whatever the rest says ("Hur många skolor fick stödpengar?"), unless it counts
        # kronor or years.
        if _DURATION.search(window):
            return "duration"
        counted = after.split()[2:3]  # the word after "hur många"
        return "money" if counted and _CURRENCY.match(counted[0]) else "number"
    for text in (window, question):
        if _SHARE.search(text):
            return "share"
        if _DURATION.search(text):
            return "duration"
        if _TIME.search(text):
            return "number"
        if _MONEY.search(text):
            return "money"
    return "money" if _SPENT.search(question) else "number"


def detect_language(text: str) -> str:
    """``"sv"`` or ``"en"``: Swedish letters or function words against English ones. Swedish letters
    count in the first word and in lowercase words, not in names: "When will the Härnösand strategy
    be revised?" is English."""
    found = _WORD.findall(text)
    words = [w.casefold() for w in found]
    letters = sum(ch in "åäöÅÄÖ" for i, w in enumerate(found) if i == 0 or not w[:1].isupper() for ch in w)
    sv = sum(w in _SWEDISH_HINTS for w in words) + 2 * letters
    en = sum(w in _ENGLISH_HINTS for w in words)
    return "en" if en > sv else "sv"


# "Vilka andra kommuner …", "Which other …", "Vems …", "Who …".
_OTHER = re.compile(r"\b(?:andra|annan|annat|förutom|other|else|besides|except)\b", re.I)
_WHO_ASKED = re.compile(r"\W*(?:vem|vems|who|whose|whom)\b", re.I)


@functools.lru_cache(maxsize=1024)
def analyze(question: str) -> QuestionAnalysis:
    """Classify ``question`` (already cleaned) by its own words. Cached: ``ask`` reads a question
    here and again in search (for its bonuses), and the result is immutable."""
    found = _classify(question)
    beyond = bool(
        _OTHER.search(question)
        or found.organization_kind in ("company", "agency", "department", "school")
        or _WHO_ASKED.match(question)
    )
    years = question_years(question)
    this_year = (
        not years
        and bool(_RELATIVE_YEAR[0].search(question))
        and not any(p.search(question) for offset, p in _RELATIVE_YEAR.items() if offset)
    )
    return replace(found, years=years, asks_beyond_names=beyond, this_year=this_year, occasion=_occasion(question))


_ORDINALS = {
    word: n
    for n, words in enumerate(("första first", "andra second", "tredje third", "fjärde fourth", "femte fifth"), 1)
    for word in words.split()
}
# "första gången", "för andra gången", "vid tredje skadan", "a second time": an ordinal before a word for
# an occasion ("andra" alone is "other").
_OCCASION = re.compile(
    rf"\b({'|'.join(_ORDINALS)})\s+(?:gången|gång|skadan|skada|tillfället|time|occasion|damage)\b", re.I
)


def occasions_in(text: str) -> set[int]:
    """The occasions ``text`` speaks of by their ordinal (``QuestionAnalysis.occasion``)."""
    return {_ORDINALS[m.group(1).casefold()] for m in _OCCASION.finditer(text)}


def _occasion(question: str) -> int | None:
    found = occasions_in(question)
    return found.pop() if len(found) == 1 else None


# Words after "hur många" that are no noun: "Hur många fick pris?" counts nothing it names.
_NOT_COUNTED = frozenset(
    word_list(
        """
    fick får har hade finns fanns är var blev blir deltar deltog kommer kom ska skulle kan kunde sökte
    söker använder använde gick går tog tar vann vinner arbetar jobbar bor går gör gjorde av i på med
    """
    )
)


def _counted_words(match: re.Match[str] | None) -> tuple[str, ...]:
    """What "hur många" counts: a noun ("kriterier"), or an adjective and its noun ("kommunala
    skolhuvudmän", "fristående skolor"). A plural adjective ends in -a or -e (not the -are of
    "besökare", "lärare"), so "kriterier bedömer" is a noun and a verb; a verb counts nothing
    ("Hur många fick …", "Hur många anställda har …")."""
    if match is None:
        return ()
    first, second = match.groups()
    if first.casefold() in _NOT_COUNTED:
        return ()
    adjective = first.casefold().endswith(("a", "e")) and not first.casefold().endswith("are")
    return (first, second) if second and adjective and second.casefold() not in _NOT_COUNTED else (first,)


# Roles a "who is" question asks for, each as the words texts use for it (a text may say
# "förvaltningschef" where the question says "director of education").
_ROLES: tuple[tuple[str, ...], ...] = (
    ("rektor", "principal", "headteacher", "head teacher", "skolledare"),
    (
        *("skolchef", "director of education", "head of education", "utbildningsdirektör", "förvaltningschef"),
        *("utbildningschef", "skoldirektör"),
    ),
    ("ordförande", "chair", "chairman", "chairwoman", "chairperson"),
    ("vd", "ceo", "chief executive", "verkställande direktör"),
    ("it-strateg", "it strategist", "digitaliseringsstrateg"),
    ("projektledare", "project manager", "project leader"),
    ("samordnare", "coordinator"),
)
# "Vem är rektor på …", "Who is the principal of …", "Vem är ordförande i …": the role right after.
_ROLE_ASKED = re.compile(r"^\W*(?:vem|who)\s+(?:är|var|blir|is|was|will be)\s+(?:the\s+)?(?P<role>.+)$", re.I)


#: Money questions that say which amount they ask for, and the words a sentence stating that amount
#: holds at a word's start (``QuestionAnalysis.amount``): a deal's worth ("värt", "ett avtal på 40
#: miljoner"), not the excess parents pay under it; a budget, not a purchase it must approve;
#: compensation claimed, not the value of the contract it is claimed under.
_AMOUNTS: tuple[tuple[re.Pattern[str], list[str]], ...] = (
    (
        re.compile(r"\b(?:värde\w*|värt|värd|worth|value)\b", re.I),
        word_list(
            """värd värt värde avtal ramavtal kontrakt upphandl affär beställning worth value contract deal
            agreement order procurement tender"""
        ),
    ),
    (
        re.compile(r"\bbudget\w*", re.I),
        word_list("budget anslag avsatt avsätt förfoga fördela tilldela pengar money funds allocat"),
    ),
    (
        re.compile(r"\b(?:ersättning\w*|skadestånd\w*|kompensation\w*|compensation|damages)\b", re.I),
        word_list("ersättning skadestånd kompens kräv krav vite compensation damages claim"),
    ),
)


def _amount(question: str) -> tuple[str, ...]:
    """The words of the amount a money question names (``_AMOUNTS``), if it names one."""
    return next((tuple(words) for asked, words in _AMOUNTS if asked.search(question)), ())


def _role(question: str) -> tuple[str, ...]:
    """The words of the role a "who is" question asks about (``QuestionAnalysis.role``), if any."""
    asked = _ROLE_ASKED.match(question)
    if asked is None:
        return ()
    text = asked.group("role").casefold()
    return next((group for group in _ROLES if any(text.startswith(word) for word in group)), ())


def _classify(question: str) -> QuestionAnalysis:
    language = detect_language(question)
    names = tuple(names_in_text(question))
    which_org = (
        None
        if _WHICH_DATE.search(question)
        else _WHICH_DIRECT.search(question) or _WHICH_ORG.search(question) or _WHICH_COMPOUND.search(question)
    )
    phrase = which_org.group(0) if which_org else question
    listing = bool(_LIST.search(phrase) or _PLURAL_NOUN.search(phrase))
    among = None if which_org else _WHICH_AMONG.search(question)
    group = _GROUP_NOUN.search(among.group("group")) if among else None
    if among and group:
        one = bool(
            among.group("asked").casefold() in ("vilken", "vilket")
            or among.group("one")
            or among.group("verb").casefold() in _SINGULAR_VERBS
        )
        kind = _noun_kind(group.group(0))
        return QuestionAnalysis(
            question,
            language,
            "organizations",
            not one,
            kind,
            names=names,
            count=1 if one else None,
            group=among.group("group"),
        )
    if _FREQUENCY.search(question):  # "Hur ofta ska rådet träffas?": so many times a term, every week
        return QuestionAnalysis(question, language, "factual", expects="frequency", names=names)
    if _GRADE.search(question):
        return QuestionAnalysis(question, language, "factual", expects="grade", names=names)
    asked = _NUMBER.search(question)
    if asked:
        counted = _counted_words(_COUNTED.search(question))
        if counted:  # "surfplattor" are counted as "lärplattor" too
            counted = (*counted, *default_glossary().synonyms(counted[-1]))
        elif counted_en := _COUNTED_EN.search(question):
            # "How many criteria": the Swedish text names what is counted in Swedish ("kriterier"),
            # when the glossary knows the phrase's head: "extra wifi access points" counts no "wifi".
            phrase = counted_en.group(1).strip()
            glossary, head = default_glossary(), phrase.casefold().split()[-1]
            untranslated = re.search(rf"(?<![\w-]){re.escape(head)}(?![\w-])", glossary.untranslated(phrase))
            counted = () if untranslated else tuple(glossary.translate(phrase))
        expects = _quantity(question, asked)
        return QuestionAnalysis(
            question,
            language,
            "factual",
            expects=expects,
            names=names,
            counted=counted,
            amount=_amount(question) if expects == "money" else (),
        )
    if _WHICH_PERSON.search(question):
        return QuestionAnalysis(question, language, "factual", expects="person", names=names)
    if which_org:
        kind = next(k for k, v in which_org.groupdict().items() if v)
        stated = _STATED_COUNT.search(phrase)
        said = _stated_count(stated.group(1)) if stated else None
        # "Vilken kommun …", "Which company …" asks for one, as "Vilka två …" asks for two.
        count = said if said is not None else None if listing else 1
        return QuestionAnalysis(
            question, language, "organizations", listing or said is not None, kind, names=names, count=count
        )
    if _DATE.search(question):
        expects = "day" if _DAY.search(question) else "date"
        return QuestionAnalysis(question, language, "factual", expects=expects, names=names)
    if _REASON.search(question):
        return QuestionAnalysis(question, language, "factual", expects="reason", names=names)
    if names and _WHO_IS.fullmatch(question):  # "Vem är Karin Öberg?": about someone named, not an organization
        return QuestionAnalysis(question, language, "factual", names=names)
    if _WHO.search(question):
        role = _role(question)
        if (_PERSON.search(question) or role) and not re.search(r"\b(?:vilka|whose)\b", question, re.I):
            return QuestionAnalysis(question, language, "factual", expects="person", names=names, role=role)
        return QuestionAnalysis(question, language, "organizations", listing, "organization", names=names)
    if _YESNO.search(question):
        return QuestionAnalysis(question, language, "yesno", names=names)
    if _WHAT_COST.search(question):  # "Vad kostade läsplattorna?", "What did the tablets cost?"
        return QuestionAnalysis(question, language, "factual", expects="money", names=names, amount=_amount(question))
    if _FACTUAL.search(question) or question.rstrip().endswith("?"):
        return QuestionAnalysis(question, language, "factual", names=names)
    return QuestionAnalysis(question, language, "topic", names=names)
