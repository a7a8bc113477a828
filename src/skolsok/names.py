"""The one organization-name matcher: names of organizations (and people) in a sentence.

Swedish text names organizations in a few shapes, all found here from the text alone:

* municipalities and regions: "Eksjö kommun", "Göteborgs stad", "Region Gotland", and a
  municipality by its name alone ("Luleås förskolor"; the 290 names are in ``data/municipalities.txt``);
* proper names, capitalized mid-sentence: "Infomentor", "Jensen Education", "Swerea IVF";
* acronyms: "SCB", "SPSM";
* names that end in an organization word: "Skolverket", "Utbildningsdepartementet",
  "Wendesgymnasiet", "Kunskapsskolan", "Kalmarsunds gymnasieförbund";
* companies by their form, "Brovik IT-partner AB", and English names joined by "for" or "of":
  "European Agency for Special Needs and Inclusive Education".

A name followed by a role ("Anna Berg, rektor") or a party ("Fatima Osman (S)") is a person.

Each name gets a kind (``municipality``, ``school``, ``agency``, ``department``, ``company``,
``organization``, ``person``, ``place`` after "i"/"in", ``thing`` for one capitalized noun in
definite form (a product or an award), or ``proper`` for a single capitalized word that could be any
of them) so that a question for "vilket företag" is not answered with a person or
a town. A capitalized word that opens a sentence is only a name where the same word is also
capitalized mid-sentence somewhere in the record, or has an organization ending.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlsplit

from .cleaning import YEAR

#: Which kinds of name can answer a question for each kind of organization.
#: A bare capitalized word (``proper``) is accepted only where the question asks for a company or an
#: agency, whose names have no telltale ending ("Infomentor", "SCB"); for a municipality or any
#: organizer it is too often something else (a product, an award, a project: "Skolplattformen",
#: "Guldtrappan"), and the record's own organization answers instead.
ACCEPTS: dict[str, frozenset[str]] = {
    "municipality": frozenset(["municipality", "place", "from"]),
    "school": frozenset(["school"]),
    # Unit names ("Digit-gruppen") answer for the organization whose record names them.
    "agency": frozenset(["agency", "organization", "proper"]),
    "department": frozenset(["department"]),
    "company": frozenset(["company", "organization", "school", "proper", "from"]),
    "organizer": frozenset(["municipality", "school", "company", "organization", "unit"]),
    "organization": frozenset(["municipality", "school", "agency", "department", "company", "organization", "unit"]),
}


@dataclass(frozen=True)
class Name:
    """A name found in a sentence; ``start``/``end`` are offsets into that sentence."""

    text: str
    kind: str
    start: int
    end: int


def word_list(text: str) -> list[str]:
    """A word list written as running text (easier to read and extend than a list literal)."""
    return text.split()


_UPPER = "A-ZÅÄÖÉÜ"
_LOWER = "a-zåäöéüæøáíóú"
# A capitalized word ("Luleå", "Digit-gruppen", "Skol-IT", "Vinterås–Bredsjö"), an acronym ("SCB", "SKL:s") or
# a camel-cased name ("LinkedIn"). The three never match the same word: runs of them are matched without
# backtracking over which one a word is (an all-caps question of 24 words had taken seconds).
_CAP_WORD = (
    rf"(?:[{_UPPER}][{_LOWER}]+(?:[-–](?:[{_UPPER}]?[{_LOWER}]+|[{_UPPER}]{{2,}}))*|[{_UPPER}]{{2,}}[{_LOWER}]?s?"
    rf"|[{_UPPER}][{_LOWER}]+[{_UPPER}][\w]*)"
)
_ORG_WORD = (
    r"(?:\w*(?:skola|skolan|skolorna|gymnasiet|gymnasium|förbund|förbundet|elevråd|elevkårer|verket|myndigheten"
    r"|verksamhet|lärande AB))"
)
# A run of capitalized words ("Jensen Education", "Sveriges Kommuner"), joined by spaces, "&" or "–",
# possibly closed by a lowercase organization word ("Engelska skolan", "SVEA – Sveriges elevråd").
# "Unikum – unikt lärande AB": a name, a dash and a lowercase description ending in a company form.
_RUN = re.compile(
    rf"(?<![\w-]){_CAP_WORD}(?:(?: | & | – | - ){_CAP_WORD})*(?: {_ORG_WORD}| – (?:[{_LOWER}]+ ){{1,3}}AB)?(?![\w-])"
)
# An English organization's name, its words joined by "for", "of", "and": "European Agency for Special
# Needs and Inclusive Education", "Ministry of Education" (three names had been made of the first).
# It goes on with "for" or "of" ("European Union and Google" are two).
_ENGLISH_ORGANIZATION = re.compile(
    rf"(?<![\w-])(?!The )(?:{_CAP_WORD} )*(?:(?P<agency>Agency|Authority|Board|Commission|Committee)"
    r"|(?P<department>Ministry|Department)|Council|Association|Institute|Organi[sz]ation|Network|Cent(?:re|er)"
    r"|Foundation|Union|Federation)"
    rf" (?:for|of) (?:the )?{_CAP_WORD}(?: {_CAP_WORD})*"
    rf"(?: (?:for|of|and) (?:the )?{_CAP_WORD}(?: {_CAP_WORD})*)*(?![\w-])"
)
# A company's name closed by its form, which may hold an acronym's compound: "Brovik IT-partner AB",
# "IT-Gruppen Norr AB". (Outside such a name "IT-råd", "IT-enheten" are common nouns.)
_ACRONYM_COMPOUND = rf"[{_UPPER}]{{2,}}-[{_UPPER}]?[{_LOWER}]+"
_COMPANY_RUN = re.compile(
    rf"(?<![\w-])(?:{_CAP_WORD}|{_ACRONYM_COMPOUND})(?: (?:{_CAP_WORD}|{_ACRONYM_COMPOUND}))* AB(?![\w-])"
)
# One noun in definite form: "Skolplattformen", "Guldäpplet", "Guldtrappan".
_DEFINITE_THING = re.compile(r"\w{5,}(?:en|et|an|na)")
# Adjectives in the neuter ("Nationellt", "Regionalt", "Statligt", "Kommunalt", "Digitalt"):
# they begin a descriptive name ("Nationellt forum för skolans digitalisering"), never are one. A
# closed list: names such as "Kobalt" end the same way.
_ADJECTIVE = re.compile(
    r"(?:nationell|regional|statlig|kommunal|digital|pedagogisk|internationell|nordisk|europeisk|svensk|lokal"
    r"|central|gemensam|allmän|särskil|offentlig)t",
    re.I,
)
# What follows such an adjective in an organization's descriptive name: "forum för skolans
# digitalisering", "centrum för matematikutbildning".
_DESCRIBED = re.compile(
    rf"\s+[{_LOWER}]*(?:forum|centrum|center|råd|nätverk|institut|sällskap)\b"
    rf"(?:\s+för\s+(?:[{_LOWER}]+s\s+)?[{_LOWER}]+)?"
)
# A sentence opener in definite form ("Konkurrenten", "Förbundet") is a noun, not a name.
_DEFINITE = re.compile(r"\w{5,}(?:en|et|na)$")
_MUNICIPALITY = re.compile(
    rf"(?<![\w-])(?P<name>[{_UPPER}][{_LOWER}]+(?:[- ][{_UPPER}][{_LOWER}]+)?) "
    r"(?P<type>kommun|stad|region)(?:s|en|ens)?\b"
)
# "Sveriges Kommuner och Regioner" (before 2020 "… och Landsting"): one name with "och" inside. A
# closed list: "Sveriges Elevråd och Kiruna" are two.
_NATIONAL_JOINT = re.compile(r"(?<![\w-])Sveriges Kommuner och (?:Regioner|Landsting)\b")
_REGION = re.compile(rf"(?<![\w-])Region (?P<name>[{_UPPER}][{_LOWER}]+)\b")
# Words that organization names end in, by kind; genitive -s allowed.
_ENDINGS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern + r"s?$", re.I))
    for kind, pattern in (
        ("department", r"departementet"),
        ("unit", r"(?:gruppen|förvaltningen|enheten|avdelningen|teamet|sektorn|nämnden|rådet)"),
        ("agency", r"(?:verket|myndigheten|inspektionen|institutet|ämbetet|kansliet)"),
        # "Lindvalls Skolor", a group of independent schools.
        ("school", r"(?:skolan|skola|skolor|skolorna|gymnasiet|gymnasium|akademien|universitet|högskolan|högskola)"),
        ("company", r"(?:\bAB|\bab|förlaget|koncernen|education)"),
        (
            "organization",
            r"(?:förbundet|förbund|föreningen|förening|riksförbund|elevråd|elevkårer|stiftelsen|verksamhet|verksamheten)",
        ),
    )
)
# Capitalized words that are not organizations: calendar words, countries and peoples, titles.
NOT_NAMES = frozenset(
    word_list(
        """
    januari februari mars april maj juni juli augusti september oktober november december
    måndag tisdag onsdag torsdag fredag lördag söndag
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    sverige svensk svenska norden europa eu
    jag vi du de den det han hon man ni dessa detta denna
    hos för från med enligt efter under vid på av till om när där som men även också dessutom
    därför sedan i både eller och att nu här alla många flera samtliga varje inom mellan genom
    har hade finns fanns är kan ska skulle får fick gör gjorde ger gav blir blev använder does do is are has
    the a an in on at of for from with by to and or but this that these those
    vilken vilket vilka vem vad hur var varför which what who whose where why how
    förbundet kommunen staden skolan nämnden förvaltningen regionen myndigheten verket rådet styrelsen
    föreningen institutet departementet företaget gymnasiet akademien universitetet högskolan förskolan
    grundskolan huvudmannen landsting regioner kommuner ab hb kb
    skolor skolorna förskolorna grundskolorna friskolorna gymnasieskolorna högstadieskolorna mellanstadieskolorna
    lågstadieskolorna
    """
    )
)
# Common first names: a capitalized run that starts with one is a person ("Mats Lundin").
_FIRST_NAMES = frozenset(
    word_list(
        """
    adam agneta alexander alice anders andreas anette anita ann anna anne annika anton arja astrid
    barbro bengt birgitta bo britt camilla carina carl carin caroline cecilia charlotte christer
    christina daniel david ebba elin elisabeth ellen emil emma erik eva fredrik gabriel gunilla
    gustav hanna hans helena henrik ida ingrid jan jenny jesper johan johanna jonas josefin karin
    karl katarina kerstin kjell kristina lars lena lennart linda linnea lisa louise magnus malin
    maria marie martin mats matz mikael mona niklas nils ola olle oscar patrik per peter petra
    rebecka robert sara signe simon sofia sofie stefan susanne sven thomas tomas torbjörn tülay ulf
    ulla ulrika viktor ylva åsa mattias ann annelie andré axel bertil björn elisabet erika fredrika frida
    göran gunnar hampus hannes harald helen hugo inger ingela irene isak jakob jens jessica joakim johnny
    jörgen kajsa karolina kent kim kristian kristoffer lina lotta marcus marcus margareta marianne markus
    mathias max mia mikaela mohammed monica nina oskar pernilla pia pontus rasmus roger rolf sanna sebastian
    siv stina sune therese tobias tommy tove ulrik veronica vilhelm william yvonne åke arne olof maj
    agnes ahmed ali alva amanda amir anneli arvid birger cajsa christian christoffer conny
    dan dennis ebbe edvin elias elsa emelie emilia evelina felix filip folke gerd gert greta
    gun hanne hassan hedvig helén helge henning hilda ingemar ingvar isabella ivar jacob jenni jimmy
    joel john jon josef julia katja kenneth kevin klas kristin leif leo liv lovisa ludvig lukas
    maja margit marita mathilda matilda michael michaela minna moa monika märta nora ove
    paula pär ragnar rickard rikard roland rune ruth sandra selma sigrid sixten solveig
    stig svante ted theo tina tor torsten ture valter vera viola wilma yngve yusuf
    """
    )
)
_PERSON_CUE = re.compile(
    r"\b(?:säger|sa|berättar|enligt|förskolläraren|läraren|rektorn|vd|ordförande|chefen|samordnaren|strategen)\s+$",
    re.I,
)
# "Mattias Olsson, it-strateg": a name followed by a role is a person.
_ROLE_AFTER = re.compile(
    r"^,?\s+(?:\w+-)?(?:lärare|rektor|chef|ordförande|samordnare|strateg|pedagog|utvecklare|förskollärare|vd|"
    r"projektledare|verksamhetschef|förvaltningschef|skolchef|utbildningschef|kommunalråd|minister|forskare|"
    r"som är|på|vid)\b",
    re.I,
)


# "Fatima Osman (S)", "Eva Strand (V)": a politician, by the party after the name (a protocol's way).
_PARTY = re.compile(r"\s*\((?:S|M|V|C|L|KD|MP|SD|FP)\)")


# "Utbildningsdirektör Monica Sonde", "Rektor Anna Berg": a role before a person's name, one title.
_ROLE_BEFORE = re.compile(
    r"\w*(?:rektor|chef|direktör|ordförande|samordnare|strateg|pedagog|lärare|förskollärare|kommunalråd"
    r"|projektledare|minister|vd)(?:en|n)?",
    re.I,
)


@dataclass(frozen=True)
class MunicipalName:
    """A municipality, city or region named by its kind: ``text`` "Eksjö kommun", "Malmö stad",
    "Region Gotland"; ``start``/``end`` are offsets into the text it was found in."""

    text: str
    start: int
    end: int


def municipal_names(text: str) -> list[MunicipalName]:
    """The municipalities, cities and regions ``text`` names by their kind, in the text's order:
    "Eksjö kommun", "Karlstads kommun" (the genitive cannot be told from a name's own s: "Alingsås
    kommun"), "Region Gotland", without a sentence's first word before them ("Hos Malmö stad",
    "Har Gästrike kommun …?") and none where that word is all there is ("När kommunen fick …")."""
    found = []
    for match in _MUNICIPALITY.finditer(text):
        name = without_opener(match.group("name"))
        first, _, last = name.partition(" ")
        # Two words are one name when the first is in the genitive ("Upplands Väsby") or the two are a
        # known municipality ("Lilla Edet"); a heading's word before it is none ("Protokoll Ankeby kommun").
        if last and not first.endswith("s") and municipality(name) is None:
            name = last
        if name:
            start = match.start() + len(match.group("name")) - len(name)
            found.append(MunicipalName(f"{name} {match.group('type')}", start, match.end()))
    for match in _REGION.finditer(text):
        found.append(MunicipalName(f"Region {match.group('name')}", match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def without_opener(name: str) -> str:
    """``name`` without a sentence's first word that a capital put before it ("Hos Malmö" →
    "Malmö", "Har Gästrike" → "Gästrike"), or "" when that word is all there is ("När" before
    "kommunen fick …")."""
    first, _, rest = name.partition(" ")
    if first.casefold() in NOT_NAMES:
        return rest if rest.casefold() not in NOT_NAMES else ""
    return name


def _without_openers(sentence: str, match: re.Match[str], keep: int = 0) -> tuple[int, list[str]]:
    """Where a run of capitalized words starts once the leading words that are no names are dropped
    ("I Kramfors" → "Kramfors"), keeping at least ``keep`` words, and the words left."""
    start, words = match.start(), match.group(0).split()
    while len(words) > keep and words[0].casefold() in NOT_NAMES:
        start = sentence.index(words[1], start + len(words[0])) if len(words) > 1 else match.end()
        words = words[1:]
    return start, words


def _strip_genitive(name: str) -> str:
    return name[:-1] if len(name) > 3 and name.endswith("s") and not name.endswith("ss") else name


def same_name(a: str, b: str) -> bool:
    """Whether two names refer to the same organization: "Stockholms" and "Stockholm",
    "Eksjö kommun" and "Eksjö", "Falu kommun" and "Falun" (compared by their first word, genitive -s
    removed, a municipality by its name)."""
    first_a, first_b = (_strip_genitive(n.split()[0].casefold()) if n.split() else "" for n in (a, b))
    if not first_a:
        return False
    # A municipality by either of its names: "Falu kommun" is Falun.
    return first_a == first_b or (municipality(first_a) or first_a) == (municipality(first_b) or first_b)


def _kind_of(name: str) -> str:
    for kind, pattern in _ENDINGS:
        if pattern.search(name):
            return kind
    if re.fullmatch(rf"[{_UPPER}]{{2,}}s?", name):
        return "proper"  # SCB, IST, SKL: an agency, a company or an association alike
    words = name.split()
    # "Per-Arne Andersson", "Anna-Karin Ek": a double first name is a first name.
    if words and all(part in _FIRST_NAMES for part in words[0].casefold().split("-")) and len(words) >= 2:
        return "person"
    return "company" if len(words) >= 2 else "proper"


def kind_of(name: str) -> str:
    """The kind of a whole organization name ("Eksjö kommun" → municipality, "Kunskapsskolan" →
    school), as the record metadata gives it."""
    if _MUNICIPALITY.search(name) or _REGION.search(name):
        return "municipality"
    return _kind_of(name)


@functools.cache
def _municipalities() -> dict[str, tuple[str, str]]:
    """Sweden's municipalities (``data/municipalities.txt``) by casefolded name: ``(name, official name)``."""
    table: dict[str, tuple[str, str]] = {}
    for line in resources.files("skolsok").joinpath("data/municipalities.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, official = line.strip().partition("|")
            genitive = name if name[-1] in "sxzaeiouyåäö" else f"{name}s"
            table[name.casefold()] = (name, official or f"{genitive} kommun")
    # An official name of another stem names the municipality too: "Falu kommun" is Falun's.
    # Only the whole stem counts, so "Östra" (of Östra Göinge) names no municipality.
    for name, official in list(table.values()):
        stem = official.rsplit(" ", 1)[0].casefold()
        if stem not in (name.casefold(), f"{name.casefold()}s") and not stem.startswith("region"):
            table.setdefault(stem, (name, official))
    return table


def municipality(word: str) -> str | None:
    """The municipality ``word`` names, in any case or in the genitive ("Luleås" → "Luleå"), if any."""
    table = _municipalities()
    found = table.get(word.casefold()) or table.get(_strip_genitive(word).casefold())
    return found[0] if found else None


def names_a_municipality(word: str) -> bool:
    """Whether ``word`` names a municipality, also by the short form of a longer name ("Malung" for
    Malung-Sälen, "Väsby" for Upplands Väsby)."""
    if municipality(word) is not None:
        return True
    short = _strip_genitive(word).casefold()
    return len(short) >= 4 and any(m.startswith(f"{short}-") or m.endswith(f" {short}") for m in _municipalities())


def official_municipality(name: str) -> str:
    """What a municipality calls itself: "Luleå kommun", "Jönköpings kommun", "Göteborgs Stad"."""
    return _municipalities()[name.casefold()][1]


def municipality_of_site(url: str | None) -> str | None:
    """The municipality whose own web site ``url`` is on ("https://www.lulea.se/…" → "Luleå"): its
    domain is the municipality's name without accents, spaces or hyphens."""
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return None
    labels = host.split(".")
    if len(labels) < 2 or labels[-1] != "se":
        return None
    return _sites().get(labels[-2])


@functools.cache
def _sites() -> dict[str, str]:
    """Each municipality by its web domain ("upplandsvasby" → "Upplands Väsby")."""
    return {fold(name).casefold().replace(" ", "").replace("-", ""): name for name, _ in _municipalities().values()}


@functools.lru_cache(maxsize=65_536)  # a record's text is one str object: its hash is computed once
def capitalized_elsewhere(word: str, text: str) -> bool:
    """Whether ``word`` stands capitalized after a lowercase word somewhere in ``text``:
    then it is a proper name, even where it opens a sentence."""
    return re.search(rf"[{_LOWER},] {re.escape(word)}\b", text) is not None


# Words after a name ending in s that show it is no genitive ("i Texas och", "Paris har").
_FUNCTION_WORDS = frozenset(
    word_list(
        """och eller samt som men att har hade är var blir blev kan ska skulle med för på i till av om
        där när nu också redan inte sedan efter under and or has is was"""
    )
)


# Verbs that open a sentence telling a parent what to do ("Kontakta skolan …", "Ring förskolan …").
_IMPERATIVES = frozenset(word_list("kontakta fråga ring mejla maila besök meddela informera skriv hör"))


def find_names(sentence: str, context: str = "") -> list[Name]:
    """Organization, place and person names in ``sentence``, in order.

    ``context`` (the record's text) tells whether a capitalized sentence opener is a name.
    """
    found: list[Name] = []
    taken: list[tuple[int, int]] = []

    def add(text: str, kind: str, start: int, end: int) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Name(text, kind, start, end))

    for municipal in municipal_names(sentence):
        add(municipal.text, "municipality", municipal.start, municipal.end)
    for match in _NATIONAL_JOINT.finditer(sentence):
        add(match.group(0), "organization", match.start(), match.end())
    for match in _ENGLISH_ORGANIZATION.finditer(sentence):
        kind = "agency" if match.group("agency") else "department" if match.group("department") else "organization"
        start, _ = _without_openers(sentence, match, keep=2)  # "Enligt European Agency for …"
        add(sentence[start : match.end()], kind, start, match.end())
    for match in _COMPANY_RUN.finditer(sentence):
        start, _ = _without_openers(sentence, match, keep=2)  # "Enligt Brovik IT-partner AB"
        if re.search(_ACRONYM_COMPOUND, sentence[start : match.end()]):  # the others are found as runs below
            add(sentence[start : match.end()], "company", start, match.end())
    for match in _RUN.finditer(sentence):
        # Drop leading words that are not names ("I Kramfors" → "Kramfors").
        start, words = _without_openers(sentence, match)
        titled = len(words) >= 3 and _ROLE_BEFORE.fullmatch(words[0]) is not None
        if titled:  # the name without its title
            start = sentence.index(words[1], start)
            words = words[1:]
        opener = not sentence[:start].strip(" –-•\"”“'(") or re.search(r"[.!?:]\s*[\"”“']?$", sentence[:start])
        if opener and len(words) > 1 and _DEFINITE.fullmatch(words[0]) and not capitalized_elsewhere(words[0], context):
            start = sentence.index(words[1], start)
            words = words[1:]
        # "Kontakta skolan så snart som möjligt": an imperative before "the school" is no school's name
        # ("Norra skolan" is one).
        if opener and len(words) == 2 and words[0].casefold() in _IMPERATIVES and words[1] in ("skolan", "förskolan"):
            continue
        # "Med skoldatateksverksamhet menas …": without its capitalized words an organization word
        # is a common noun.
        if not words or not words[0][0].isupper() or (len(words) == 1 and words[0].casefold() in NOT_NAMES):
            continue
        text = sentence[start : match.end()]
        kind = _kind_of(text)
        town = municipality(text) if kind in ("proper", "company") else None
        if opener and len(words) == 1 and kind == "proper" and not (town or capitalized_elsewhere(words[0], context)):
            continue
        if kind in ("proper", "company") and (
            titled
            or _PERSON_CUE.search(sentence[:start])
            or (len(words) in (2, 3) and _ROLE_AFTER.search(sentence[match.end() :]))
            or (len(words) in (2, 3) and _PARTY.match(sentence, match.end()))
        ):
            kind = "person"
        # One capitalized word that no municipality explains: a genitive, an adjective or a thing?
        single = kind == "proper" and len(words) == 1 and not town
        # "i Googles molntjänster": a genitive before a noun owns the noun; it is no place. (The name
        # keeps its s: in English text "Swedes aged" is no genitive.)
        possessor = (
            single
            and words[0] != _strip_genitive(words[0])
            and (following := re.match(rf"\s+([{_LOWER}]+)", sentence[match.end() :])) is not None
            and following.group(1) not in _FUNCTION_WORDS
        )
        if single and _ADJECTIVE.fullmatch(words[0]) and re.match(rf"\s+[{_LOWER}]", sentence[match.end() :]):
            # An adjective opens a descriptive name ("Nationellt forum för skolans digitalisering")
            # or a description ("Digitalt lärande är …"); it is never a name by itself.
            described = _DESCRIBED.match(sentence, match.end())
            if described:
                add(sentence[start : described.end()], "organization", start, described.end())
            continue
        counted = re.search(r"(\d[\d \u00a0]*?)\s*$", sentence[:start])
        if single and counted and not re.fullmatch(YEAR, counted.group(1)):
            # Counted, it is a product: "4 200 Chromebooks", "300 iPads".
            kind = "thing"
        elif single and _DEFINITE_THING.fullmatch(words[0]):
            # One capitalized noun in definite form names a thing, not who made it: a product
            # ("Skolplattformen"), an award ("Guldäpplet", "Guldtrappan"). Organizations in that form end in an
            # organization word ("Skolverket", "Lärarförbundet") and got their kind above.
            kind = "thing"
        elif single and re.search(rf"-(?!(?:region|område|län|trakt|kommun|stad))[{_LOWER}]+$", words[0]):
            # A compound with a common noun for its head is that noun: a "Windows-dator" is a
            # computer, a "Google-konto" an account, not the company ("Stockholms-regionen" a place).
            kind = "thing"
        elif kind == "proper" and not possessor and re.search(r"\b(?:i|in)\s+$", sentence[:start]):
            kind = "place"
        elif kind == "proper" and re.search(r"\b(?:från|from)\s+$", sentence[:start]):
            kind = "from"
        elif town and kind in ("proper", "company"):
            # "Luleås förskolor", "Upplands Väsby": a municipality by its name alone.
            text, kind = town, "municipality"
        add(text, kind, start, match.end())
    return _appositions(_listed(sorted(found, key=lambda n: n.start), sentence), sentence)


def _appositions(names: list[Name], sentence: str) -> list[Name]:
    """A name and its acronym in apposition are one organization: "Specialpedagogiska
    skolmyndigheten, SPSM," and "Integritetsskyddsmyndigheten (IMY)" → "… (SPSM)", "… (IMY)"."""
    out: list[Name] = []
    for name in names:
        previous = out[-1] if out else None
        between = sentence[previous.end : name.start] if previous else ""
        if (
            previous
            and re.fullmatch(r",\s*|\s*\(", between)
            and re.fullmatch(rf"[{_UPPER}]{{2,6}}", name.text)
            and not re.fullmatch(rf"[{_UPPER}]{{2,6}}", previous.text)
        ):
            out[-1] = Name(f"{previous.text} ({name.text})", previous.kind, previous.start, name.end)
            continue
        out.append(name)
    return out


def _listed(names: list[Name], sentence: str) -> list[Name]:
    """Names in one enumeration ("i Norsjö, Skellefteå och Umeå") share the kind of its first:
    the places after "i Norsjö" are places too."""
    out: list[Name] = []
    for name in names:
        previous = out[-1] if out else None
        joined = previous and re.fullmatch(
            r",\s*|\s+(?:och|samt|and|&)\s+|,\s+(?:och|and)\s+", sentence[previous.end : name.start]
        )
        if (
            previous
            and joined
            and (
                (name.kind == "proper" and previous.kind in ("place", "from", "municipality"))
                or (name.kind == "municipality" and previous.kind in ("place", "from"))
            )
        ):
            name = Name(name.text, previous.kind, name.start, name.end)
        out.append(name)
    return out


def fold(text: str) -> str:
    """``text`` without accents ("Växjö" → "Vaxjo"), as web addresses write names."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def name_stem(name: str) -> str:
    """The part of a name that its inflected forms share: the first word, before a hyphen, without
    a genitive -s ("Luleås" → "Luleå", "Google-based" → "Google")."""
    first = name.split()[0] if name.split() else ""
    return _strip_genitive(first.split("-")[0])


def mentions(text: str, name: str) -> bool:
    """Whether ``text`` mentions ``name`` in any inflection ("Luleå" in "Luleås kommun")."""
    stem = name_stem(name)
    # A short name only as a word of its own or its genitive: "Åre" is not in "året", "Mora" not in "moral".
    ending = r"s?(?!\w)" if len(stem) <= 4 else ""
    return bool(stem) and re.search(rf"(?<![\w-]){re.escape(stem)}{ending}", text, re.I) is not None


def names_in_text(text: str) -> list[str]:
    """Every name in ``text`` (of any kind), for telling which names a question mentions."""
    return [n.text for n in find_names(text, text)]
