"""Text normalization and boilerplate removal for messy web text.

Boilerplate is found by rule (contact lines, comment forms, publication stamps, navigation words)
and by repetition: a sentence-like block that occurs more than once in the corpus is page chrome,
not content. Nothing here knows the seed documents' sentences.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .chunking import FULL_STOP_END, QUOTE_MARKS, sentence_spans
from .schema import Removal

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Anchored where a run of address characters begins: from every position inside a long run of
# letters the pattern would rescan the rest of it (quadratic; a 5 MB word took hours).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Swedish phone numbers ("08-52 30 1999", "0322-61 65 05") or an explicit "tel."/"telefon".
_PHONE = re.compile(r"\b0\d{1,3}[- ]\d{2}[\d ]{3,}\d\b|\b(?:tel|telefon|mobil|tfn)\b\.?:?\s*[+\d]", re.I)
# A postal address's lines: "Visborgsallén 19", "621 81 Visby", "Box 123".
_POSTAL = r"\d{3} ?\d{2} [A-ZÅÄÖ]\w+(?: [A-ZÅÄÖ]\w+)?"
# A street or box, with its postal code and town after a comma or not ("Stationsgatan 9, 302 45 Halmstad").
_ADDRESS = re.compile(
    r"^(?:(?:[A-ZÅÄÖ]\w+(?:gatan|vägen|allén|gränd|torget|backen|stigen|leden|platsen) \d{1,4}\s?[a-zA-Z]?"
    rf"|Box \d+)(?:, {_POSTAL})?|{_POSTAL})$"
)
# "Org.nr 556812-4471": a company's registration number, in a page's foot.
_ORG_NUMBER = re.compile(r"^(?:org\.? ?nr|organisationsnummer)[.:]? ?\d{6}-\d{4}$", re.I)
#: A year as the documents write one (the dates, the shapes of text that hold one, are built on it).
YEAR = r"(?:19|20)\d\d"
MONTHS_SV = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
MONTHS_EN = "january|february|march|april|may|june|july|august|september|october|november|december"
#: A date as pages print it: 2021-09-14, 14 september 2021.
DATE = rf"(?:{YEAR}-\d{{2}}-\d{{2}}|\d{{1,2}} (?:{MONTHS_SV}) {YEAR})"
_PUBLISHED = re.compile(
    r"^(?:publicerad|uppdaterad|senast (?:ändrad|uppdaterad)|skapad|datum)\b[^\n]{0,20}" + DATE, re.I
)
# A line that is only a date (and a time, or a place or the kind of page before it): a publication
# stamp ("Stockholm, 14 september 2021", "Pressmeddelande • 2023-06-01 08:30 CEST").
_DATE_LINE = re.compile(
    r"^(?:[A-ZÅÄÖ]\w+(?:,| [•·|–-])? )?"
    + DATE
    + r"(?:,? (?:kl\.?|klockan) ?\d{1,2}[.:]\d{2}| (?:[•·|] )?\d{1,2}[.:]\d{2})?(?: cet| cest| utc)?$",
    re.I,
)
# "Av Sara Holm · Publicerad 27 augusti 2025 kl. 06.00 · Lästid 4 min": a stamp among a byline's parts.
_STAMP_PART = re.compile(r"^(?:publicerad|uppdaterad)\b[^\n]{0,20}" + DATE, re.I)
# "Förskola och skola > Nyheter > Arkiv", "Hem › Nyheter", "Nyheter / Digitala verktyg": where the
# page sits on its site.
_BREADCRUMB = re.compile(r"^[^.!?]{1,60}(?: [>»›/|] [^.!?]{1,60})+$")
# "Hem / Press / Pressmeddelanden / Ekvalla testar …": a path from the start page, the headline last.
# Its items hold no separator, so a long line is matched in one pass (no backtracking over items).
_HOME_PATH = re.compile(r"^(?:hem|home|start|startsida)(?: [>»›/|] [^.!?>»›/|]{1,160})+$")
_ENDS = re.compile(r"[.!?:;,]$")
_SEARCH_BOX = re.compile(
    r"^(?:sök|search)(?: på| in| on)? (?:[\w.-]+\.(?:se|nu|com|org|eu)|webbplatsen|sajten|the site)$"
)
# "Vi använder kakor (cookies) … [Acceptera alla]": a site's cookie banner (a text about cookies says
# neither that it uses them nor offers buttons).
_COOKIE_NOTICE = re.compile(
    r"\b(?:kakor|cookies)\b.*(?:\[|\b(?:acceptera|godkänn|accept|webbplats\w*|website|site)\b)"
    r"|\b(?:webbplats\w*|website|site|bloggen|blog|sajten|tjänsten) (?:använder|uses?) (?:kakor|cookies)\b",
    re.I,
)
_COMMENT_START = re.compile(
    r"^(?:\d+ kommentar(?:er)?|kommentera|kommentarer|lämna (?:en )?kommentar|skriv en kommentar"
    r"|leave a (?:comment|reply)|\d+ comments?)$",
    re.I,
)
_COMMENT_FORM = re.compile(r"publiceras inte|obligatoriska fält|prenumerera|pingback|your email address", re.I)
# Lines that only ever belong to a comment form (narrower than the section test above).
_COMMENT_FORM_LINE = re.compile(
    r"e-postadressen publiceras inte|obligatoriska fält är märkta|^pingback\b|inläggets kommentarer"
    r"|your email address will not be published|required fields are marked",
    re.I,
)
_SYMBOLS_ONLY = re.compile(r"^[\W_]+$")
_CONSENT = re.compile(r"\b(?:acceptera|godkänn|samtyck\w*|accept|consent)\b", re.I)
# One button alone closes a notice only when it says what buttons say ("[OK]", "[Jag förstår]"): "… 95
# procent [1]" and "… [video]" are a footnote and a link in the text.
_BUTTON_WORDS = re.compile(
    r"\[(?:ok|ja|nej|stäng|neka|avböj|anpassa|acceptera[^\]]*|godkänn[^\]]*|jag förstår|hantera[^\]]*|läs mer"
    r"|inställningar|close|yes|no|accept[^\]]*|reject[^\]]*|decline|settings|got it)\]",
    re.I,
)
# "[Godkänn alla] [Bara nödvändiga]": a banner's buttons as saved text (not a markdown link "[x](url)").
_BUTTON = re.compile(r"\[[^\[\]\n]{1,30}\](?!\()")
#: A table's row as a saved web page's table reads ("| Ankeby | 350 | 12 % |"): content, never chrome.
TABLE_ROW = re.compile(r"^\|.*\|$")
# "Hjortvik · Videlund · Sjöbacka · Hela länet": a menu of short items between dots or bars.
_ITEM_SEPARATOR = re.compile(r"\s+[·•|]\s+")
# "Start   Om stiftelsen   Kontakt": items apart by two spaces or more, or a tab.
_SPACED = re.compile(r"[ \u00a0]{2,}|\t+")
_READ_MORE = re.compile(r"^(?:läs mer|läs hela|read more)\b", re.I)
_CONTACT_HEADING = re.compile(r"^(?:kontakt(?:uppgifter|person)?|för mer information|contact):?$", re.I)
# A sentence that only points at the contact details beside it ("För frågor, kontakta:").
_CONTACT_PROMPT = re.compile(r"^(?:kontakta\b|kontakt(?:uppgifter|person)?:|för (?:mer information|frågor)\b)", re.I)
#: What is left of a line once its contact sentences go must have this many words to be kept:
#: "Anna Berg, rektor." beside an address is the rest of a contact block, not content.
_MIN_KEPT_WORDS = 5
# Words that stand alone on web pages as buttons or links, in Swedish and English.
_NAV_WORDS = frozenset(
    [
        *("video", "film", "bild", "foto", "kommentera", "dela", "tipsa", "meny", "tillbaka", "svara", "gilla"),
        *("sök", "share", "print", "menu", "back", "reply", "like", "search"),
    ]
)
_NAV_PHRASES = frozenset(
    {
        *("skriv ut", "hoppa till innehåll", "hoppa till huvudinnehåll", "gå direkt till innehåll"),
        *("gå direkt till huvudinnehåll", "gå till huvudinnehåll", "skip to content", "skip to main content"),
        *("dela sidan", "dela artikeln", "läs senare", "senast uppdaterad", "publicerad", "tyck till om sidan"),
        *("fler artiklar", "fler nyheter", "till startsidan", "bli medlem", "logga in"),
    }
)
_WORD = re.compile(r"\w+")
# A site's menu bar or search box as one line: "Meny Sök Lyssna Other languages", "Sök på skr.se".
_HOME_WORDS = frozenset({"hem", "home", "start", "startsida"})
_MENU_WORDS = (
    _NAV_WORDS
    | _HOME_WORDS
    | {
        *("lyssna", "skriv", "ut", "other", "languages", "in", "english", "språk", "kontakt", "kontakta", "logga"),
        *("prenumerera", "press", "om", "oss", "listen", "login", "subscribe", "nyheter", "news", "aktuellt", "about"),
    }
)
# A menu's words with the sections a municipality's or a newspaper's site lists in its menu ("Barn och
# utbildning   Omsorg och hjälp   Kommun och politik", "Nyheter   Sport   Kultur   E-tidning").
_SITE_SECTIONS = _MENU_WORDS | frozenset(
    {
        *("utbildning", "omsorg", "politik", "fritid", "kultur", "jobb", "sport", "debatt", "familj", "nöje"),
        *("annonser", "annonsera", "näringsliv", "publikationer", "kontakter", "e-tidning", "åsikter"),
        *("reportage", "ledare", "podd", "upphandlingar", "arbetsgivare", "careers", "admissions"),
    }
)
# "Hoppa till huvudinnehållet", "Gå direkt till innehållet": links for keyboard users, on every page.
_SKIP_LINK = re.compile(r"^(?:hoppa|gå direkt|gå|skip) (?:till|to) (?:huvud|main )?(?:innehåll|meny|content|menu)")
# "Du är här: Start / Skolutveckling / Statsbidrag / …": a breadcrumb says so itself, however long.
_YOU_ARE_HERE = re.compile(r"^(?:du är här|you are here)\b", re.I)
# "Dela på Facebook | Dela på LinkedIn | Skicka som e-post": a share bar, item by item.
_SHARE_ITEM = re.compile(
    r"(?:dela|share) (?:på|via|on) (?:facebook|linkedin|x|twitter|instagram|messenger|whatsapp|e-post|email|mejl)"
    r"|skicka som e-post|skicka till en vän|e-posta|mejla|skriv ut"
    r"|kopiera länk(?:en)?|copy link|print|[|•·,]",
    re.I,
)
# "17 april 2023 av Malin Gustafsson | Kategorier: Vardag | 3 kommentarer", "Postat den 11 februari
# 2020 av Elin Marklund · 4 kommentarer": a blog post's byline.
_BYLINE = re.compile(r"^(?:(?:postat|publicerat?|skrivet?)(?: den)? )?" + DATE + r" (?:av|by) (?-i:[A-ZÅÄÖ])", re.I)
# "Prenumerera på nyheter från …", "Prenumerera för 1 kr första månaden", "Följ oss på Instagram",
# "Taggar: Upphandling, Elevdatorer": a page's calls to action and tag lists, not what it says.
_PROMPT = re.compile(
    r"^(?:prenumerera|subscribe|följ oss|follow us)\b"
    r"|^(?:taggar|tags|etiketter|labels|nyckelord|ämnesord|kategorier|categories):",
    re.I,
)


def normalize_text(raw: str) -> str:
    """Unify newlines and spaces, drop zero-width and control characters, trim line ends."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_ZERO_WIDTH)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    lines = (_SPACES.sub(" ", _spaced_items(line)).strip() for line in text.split("\n"))
    return "\n".join(lines)


def _spaced_items(line: str) -> str:
    """A menu bar as a browser's text copies it, its links apart by runs of spaces or a tab ("Start   Om
    stiftelsen   Nominera   Kontakt"), with its items between dots, as cleaning knows menus: 4 to 12
    capitalized items of at most four words, none with a figure or a stop, one of them a menu's or a
    site section's word. A table's row ("Ankebyskolan   Bergbyskolan   Cederskolan   Dalskolan"), a
    letterhead ("ANKEBY KOMMUN   SAMMANTRÄDESPROTOKOLL   Sida 7 (21)") or a spaced-out title keeps its
    spaces' single meaning."""
    items = [item for item in _SPACED.split(line.strip()) if item]
    if (
        4 <= len(items) <= 12
        and all(len(item.split()) <= 4 and item[0].isupper() and not _ENDS.search(item) for item in items)
        and not re.search(r"\d", line)
        and _names_sections(line)
    ):
        return " · ".join(items)
    return line


def _names_sections(line: str) -> bool:
    """Whether ``line`` holds a word of a menu or of a site's sections ("Kontakt", "Utbildning", "Sport")."""
    return any(word in _SITE_SECTIONS for word in re.findall(r"[\w-]+", line.casefold()))


def block_key(line: str) -> str:
    """What two blocks must share to count as the same block."""
    return " ".join(line.casefold().split())


@dataclass
class BlockCounts:
    """How often each block occurs: in all, at most within one text, and in how many texts."""

    total: Counter[str] = field(default_factory=Counter)
    most_in_one: Counter[str] = field(default_factory=Counter)
    texts: Counter[str] = field(default_factory=Counter)

    def is_template(self, key: str) -> bool:
        """Repeated within one page, or shared by three or more: page chrome. A paragraph shared
        by just two documents is more likely a quote or a republished text, and is kept."""
        return self.most_in_one[key] >= 2 or self.texts[key] >= 3


def count_blocks(texts: Iterable[str]) -> BlockCounts:
    """Count each non-empty line across all texts."""
    counts = BlockCounts()
    for text in texts:
        here = Counter(block_key(line) for line in text.split("\n") if line.strip())
        counts.total.update(here)
        counts.texts.update(here.keys())
        for key, n in here.items():
            counts.most_in_one[key] = max(counts.most_in_one[key], n)
    return counts


@dataclass(frozen=True)
class CleanedText:
    """Kept blocks joined by blank lines, and what was dropped."""

    text: str
    removed: tuple[Removal, ...]
    #: Index (into the lines given) of each kept block, and where it starts in ``text``.
    kept: tuple[int, ...] = ()
    offsets: tuple[int, ...] = ()


def _reason(line: str, repeats: BlockCounts) -> str | None:
    key = block_key(line)
    words = _WORD.findall(key)
    if _EMAIL.search(line) or _PHONE.search(line) or _CONTACT_HEADING.match(key) or _ADDRESS.match(line.strip()):
        return "contact details"
    if _PUBLISHED.match(line) or _DATE_LINE.match(key) or (len(words) <= 25 and _BYLINE.match(line)):
        return "publication stamp"
    if _COMMENT_FORM_LINE.search(line):
        return "comment form"
    if _SYMBOLS_ONLY.match(line):
        return "decoration"
    if TABLE_ROW.match(line.strip()):  # "| Ankeby | 350 | 12 % |": a table's row (HTML tables) is content
        return None
    if len(words) <= 25 and any(_STAMP_PART.match(part) for part in _ITEM_SEPARATOR.split(line.strip())[1:]):
        return "publication stamp"
    # A page's footer address on one line: "Östersunds kommun · Rådhusgatan 42 · 831 82 Östersund" (a
    # table's row, "| Ankebyskolan | Skolgatan 3 | 350 |", is content: above).
    parts = _ITEM_SEPARATOR.split(line.strip())[1:]
    if len(words) <= 15 and any(_ADDRESS.match(item) or _ORG_NUMBER.match(item) for item in parts):
        return "contact details"
    if key in _NAV_PHRASES or (len(words) == 1 and key.strip(":") in _NAV_WORDS):
        return "navigation"
    if _YOU_ARE_HERE.match(key) or (words and not _SHARE_ITEM.sub("", key).strip()):
        return "navigation"
    if len(words) <= 15 and _PROMPT.match(key):
        return "navigation"
    if len(words) <= 10 and (_BREADCRUMB.match(key) or _SKIP_LINK.match(key) or _SEARCH_BOX.match(key)):
        return "navigation"
    if len(words) <= 25 and " › " in key and _BREADCRUMB.match(key):  # "›" is a breadcrumb's own mark
        return "navigation"
    # "Hem / Press / Pressmeddelanden / Ekvalla testar …": a path from the start page, however long.
    if len(words) <= 25 and _HOME_PATH.match(key):
        return "navigation"
    if 2 <= len(words) <= 12 and all(w in _MENU_WORDS for w in words):  # "Meny ☰ Sök 🔍" too
        return "navigation"
    if len(_BUTTON.findall(line)) >= 2 and not _BUTTON.sub("", line).strip(" |·•"):
        return "navigation"
    # Four items or more of up to three words (four in a menu of a site's sections), none with a figure:
    # "Chromebook · iPad · Windows-dator" and "Årskurs 7 · Årskurs 8 · Årskurs 9" may be what a text lists.
    items = _ITEM_SEPARATOR.split(line.strip())
    if len(items) >= 4 and not re.search(r"\d", line) and not _ENDS.search(line):
        longest = 4 if _names_sections(line) else 3
        if all(len(item.split()) <= longest for item in items):
            return "navigation"
    # "Hem Guldtrappan Guldäpplet Om DIU Kontakt", "HEM OM MIG LEKTIONSTIPS ARKIV KONTAKT": a menu bar of
    # the site's own sections, each item capitalized, the first "Hem" ("NYHETER OM SKOLAN" is a headline).
    capitalized = all(w[0].isupper() for w in line.split())
    if (
        4 <= len(words) <= 12
        and capitalized
        and words[0] in _HOME_WORDS
        and sum(w in _MENU_WORDS for w in words) >= 2
        and not _ENDS.search(line)
    ):
        return "navigation"
    if len(words) <= 40 and _COOKIE_NOTICE.search(line):
        return "cookie notice"
    # A notice or prompt closed by its buttons: "… från din enhet. [Acceptera] [Hantera val]" (a consent
    # banner), "Var sidan till hjälp? [Ja] [Nej]", "Dela: [f] [in]".
    buttons = re.search(rf"(?:{_BUTTON.pattern}\s*)+$", line)
    if len(words) <= 40 and buttons and (len(_BUTTON.findall(buttons.group(0))) >= 2 or _BUTTON_WORDS.search(line)):
        return "cookie notice" if _CONSENT.search(line) else "navigation"
    if len(words) == 1 and not words[0].isdigit() and repeats.total[key] >= 3:
        return "navigation"
    if len(words) >= 4 and repeats.is_template(key) and not key.endswith(":"):
        return "repeated boilerplate"
    if _READ_MORE.match(line) and len(words) <= 8:
        return "link"
    return None


def _without_contact(line: str) -> tuple[str, list[str]] | None:
    """``line`` without its sentences that hold contact details or point at them, and those
    sentences; None when nothing worth keeping is left (a contact block). A paragraph that ends
    "Kontakta Anna Berg, anna.berg@exempel.se, för frågor." keeps what it says before that."""
    details = [m.span() for pattern in (_EMAIL, _PHONE) for m in pattern.finditer(line)]
    spans = sentence_spans(line)
    # A detail may straddle a sentence break ("tel. 08-52 30 1999" splits after "tel."): every
    # sentence it overlaps goes.
    dropped = [
        (s, e) for s, e in spans if any(s < de and ds < e for ds, de in details) or _CONTACT_PROMPT.match(line[s:e])
    ]
    # What lies between the dropped sentences, as it stands in the line (quote marks and all).
    bounds = [0, *(at for span in dropped for at in span), len(line)]
    kept = [line[a:b].strip() for a, b in zip(bounds[::2], bounds[1::2], strict=True)]
    kept = [piece for piece in kept if piece.strip(QUOTE_MARKS + " ")]
    if not dropped or len(_WORD.findall(" ".join(kept))) < _MIN_KEPT_WORDS:
        return None
    return " ".join(kept), [line[s:e] for s, e in dropped]


def _comment_section_start(lines: Sequence[str]) -> int | None:
    """Index of the line where a trailing comment section begins, if there is one."""
    for i, line in enumerate(lines):
        if _COMMENT_START.match(block_key(line)):
            rest = "\n".join(lines[i + 1 :])
            if _COMMENT_FORM.search(rest) or len(rest) < 200:
                return i
    return None


#: "Läs också", "Relaterade artiklar": a heading over links to other pages (and where a recipients page's
#: foot may begin, ``records``).
RELATED_HEADING = (
    r"(?:läs (?:också|även)|se även|relatera(?:t|de(?: sidor| artiklar| nyheter| länkar)?)"
    r"|fler (?:nyheter|artiklar)|mest lästa?|read also|related(?: articles| pages)?|see also):?"
)
# "Läs mer" too, though below a recipient's motivation it may be the recipient's own link ("Fakta" and
# "Läs mer" end no recipient's text).
_RELATED_HEADING = re.compile(rf"{RELATED_HEADING}|(?:läs mer|read more):?", re.I)
_LINK_BULLET = re.compile(r"^[-–•·*›»]\s*")
#: Links listed under such a heading are at most this many; a longer run is the page's own text.
_MAX_LINKS = 8


def _related_links(lines: Sequence[str], reasons: dict[int, str | None], protected: Callable[[str], bool]) -> None:
    """Mark a "Läs också" heading and the headlines of other pages listed under it ("Arvikas skolor
    får Guldtrappan – "ett lagarbete"", "Experten: Så skyddar sig kommuner …"): headlines, not
    sentences, of other pages, which a page's own text does not hold. The list ends at the first
    line that ends like a sentence or is long (the page's text going on), at other chrome than a
    date or a menu ("Kontakt" and the contact block below it are the page's), at a blank line
    unless the list is bulleted (a saved web page's list items are paragraphs of their own), and
    once bulleted, at the first line without a bullet (the page's own heading after it)."""
    filled = list(reasons)
    for at, i in enumerate(filled):
        if reasons[i] not in (None, "link") or protected(lines[i]) or not _RELATED_HEADING.fullmatch(lines[i].strip()):
            continue
        links: list[int] = []
        previous, bullets = i, False
        for j in filled[at + 1 : at + 1 + _MAX_LINKS]:
            bulleted = _LINK_BULLET.match(lines[j].strip()) is not None
            line = _LINK_BULLET.sub("", lines[j].strip())
            after_blank, previous = j > previous + 1, j
            if (after_blank or bullets) and not bulleted:
                break
            bullets = bullets or bulleted
            if reasons[j] in ("publication stamp", "navigation"):
                continue  # a date or a share bar between the links
            if (
                reasons[j] is not None
                or protected(lines[j])
                or FULL_STOP_END.search(line)
                or len(_WORD.findall(line)) > 14
            ):
                break
            links.append(j)
        if links:
            for j in (i, *links):
                reasons[j] = "related links"


def clean_lines(
    lines: Sequence[str],
    repeats: BlockCounts,
    protected: Callable[[str], bool] = lambda line: False,
) -> CleanedText:
    """Drop boilerplate lines; ``protected`` lines (record headers) are always kept."""
    removed: list[Removal] = []
    cut = _comment_section_start(lines)
    if cut is not None:
        tail = "\n".join(line for line in lines[cut:] if line.strip())
        removed.append(Removal(tail, "comment section"))
        lines = lines[:cut]
    reasons = {i: None if protected(line) else _reason(line, repeats) for i, line in enumerate(lines) if line.strip()}
    # An address block's heading ("Reception och växel" above the street, the postcode and the phone).
    filled = list(reasons)
    for at, (here, following) in enumerate(itertools.pairwise(filled)):
        if (
            reasons[here] is None
            and reasons[following] == "contact details"
            and len(_WORD.findall(lines[here])) <= 4
            and not protected(lines[here])
            and not lines[here].rstrip().endswith((".", "!", "?", ":"))
            and _ADDRESS.match(lines[following].strip())
            and sum(reasons[i] == "contact details" for i in filled[at + 1 : at + 4]) >= 2
        ):
            reasons[here] = "contact details"
    _related_links(lines, reasons, protected)
    kept: list[str] = []
    indices: list[int] = []
    offsets: list[int] = []
    at = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        reason = reasons[i]
        if reason == "contact details" and (split := _without_contact(line.strip())):
            line, dropped = split
            removed.extend(Removal(sentence, reason) for sentence in dropped)
            reason = None
        if reason:
            removed.append(Removal(line, reason))
        else:
            kept.append(line.strip())
            indices.append(i)
            offsets.append(at)
            at += len(kept[-1]) + 2
    return CleanedText("\n\n".join(kept), tuple(removed), tuple(indices), tuple(offsets))
