"""Splitting a document into one record per organization, and reading metadata from its text.

Two page styles are recognised from the text alone:

* a recipients page, where each recipient has an organization line followed by a line like
  "mottagare av kvalitetsutmärkelsen Guldtrappan 2021": one record per such header;
* any other page (press release, article, interview): one record, whose organization is the
  municipality or city it names most, weighted toward its title.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_YEAR = r"(?:19[89]\d|20[0-4]\d)"
RECIPIENT_HEADER = re.compile(
    r"^(?:mottagare av|mottagare till|vinnare av|tilldelas)\s+(?:\w+\s+)?"
    r"(?:\w*utmärkelsen|\w*priset)\s+(?P<award>[A-ZÅÄÖ][\w-]+)(?:\s+(?P<year>" + _YEAR + r"))?",
    re.I,
)
_ORG = re.compile(
    r"\b(?P<name>[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?) "
    r"(?P<type>kommun|stad|region)(?:s|en|ens)?\b"
)
_AWARD = re.compile(r"\b(?:\w*utmärkelsen|\w*priset)\s+(?P<award>[A-ZÅÄÖ][\wåäö-]+)")
_PUBLISHED_YEAR = re.compile(r"^(?:publicerad|uppdaterad)\b\D{0,20}(?P<year>" + _YEAR + r")-\d\d-\d\d", re.I | re.M)
_ANY_YEAR = re.compile(r"\b(" + _YEAR + r")\b")
_PRESS = re.compile(
    r"^(?:publicerad\s+\d{4}-\d{2}-\d{2}|kontakt\b)|pressekreterare|pressmeddelande|presskontakt",
    re.I | re.M,
)
MOTIVATION_LABEL = re.compile(r"(?:juryns (?:motivering|presentation)|i motiveringen)\b[^\n:]*:[ \t]*", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

# School forms and what marks them in text; order is the display order.
SCHOOL_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        ("förskola", r"förskol(?!eklass)"),
        ("förskoleklass", r"förskoleklass"),
        ("grundskola", r"(?<!för)grundskol"),
        ("grundsärskola", r"grundsärskol"),
        ("gymnasieskola", r"gymnasieskol|gymnasi(?:um|et|er)\b"),
        ("gymnasiesärskola", r"gymnasiesärskol"),
        ("särskola", r"(?<!grund)(?<!gymnasie)särskol"),
        ("vuxenutbildning", r"vuxenutbildning|komvux"),
        ("fritidshem", r"fritidshem"),
    )
)
# "grund- och gymnasieskola": the first word borrows the second word's ending.
_ELIDED = re.compile(r"\b(\w+)- (och|samt|eller) (\w+)")


#: A shorter text above the first recipient is a page title, not a record of its own.
_MIN_PREAMBLE_WORDS = 20


@dataclass(frozen=True)
class Segment:
    """A line range of a document that becomes one record, with its header if it has one."""

    start_line: int
    end_line: int
    header_line: int | None = None


def _expand_elisions(text: str) -> str:
    def expand(match: re.Match[str]) -> str:
        prefix, conj, word = match.groups()
        for cut in range(1, len(word) - 2):
            candidate = prefix + word[cut:]
            if any(p.fullmatch(candidate) or p.match(candidate) for _, p in SCHOOL_FORMS):
                return f"{candidate} {conj} {word}"
        return match.group(0)

    return _ELIDED.sub(expand, text)


def school_forms_in(text: str) -> tuple[str, ...]:
    """The school forms a phrase names, in display order."""
    text = _expand_elisions(text)
    return tuple(name for name, pattern in SCHOOL_FORMS if pattern.search(text))


def _only_school_forms(text: str) -> bool:
    words = re.findall(r"[\w-]+", _expand_elisions(text))
    connectors = {"och", "samt", "inklusive", "med", "eller"}
    return bool(words) and all(
        word.casefold() in connectors or any(p.search(word) for _, p in SCHOOL_FORMS) for word in words
    )


def split_segments(lines: Sequence[str]) -> list[Segment]:
    """Find recipient headers; each recipient runs from its organization line to the next one."""
    headers = [i for i, line in enumerate(lines) if RECIPIENT_HEADER.match(line.strip())]
    starts: list[tuple[int, int]] = []
    for header in headers:
        org_line = _previous_content_line(lines, header)
        if org_line is None:
            continue
        start = org_line
        # Take along a short title line just above that names the same organization.
        stem = _first_word_stem(lines[org_line])
        above = _previous_content_line(lines, start)
        if above is not None and stem and _first_word_stem(lines[above]) == stem and len(lines[above]) < 80:
            start = above
        if starts and start <= starts[-1][0]:
            continue
        starts.append((start, header))
    if not starts:
        return [Segment(0, len(lines))]
    segments = []
    preamble = " ".join(lines[: starts[0][0]]).split()
    if len(preamble) >= _MIN_PREAMBLE_WORDS:
        segments.append(Segment(0, starts[0][0]))
    elif preamble:  # a date or page title above the first recipient: keep it with that one
        starts[0] = (0, starts[0][1])
    for n, (start, header) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        segments.append(Segment(start, end, header))
    return segments


def _previous_content_line(lines: Sequence[str], index: int) -> int | None:
    for i in range(index - 1, -1, -1):
        if lines[i].strip():
            return i
    return None


def _first_word_stem(line: str) -> str:
    words = line.strip().split()
    return words[0].rstrip(",:").removesuffix("s").casefold() if words else ""


@dataclass(frozen=True)
class Metadata:
    """What a record's text says about itself."""

    title: str
    organization: str | None
    unit: str | None
    school_forms: tuple[str, ...]
    year: int | None
    award: str | None
    kind: str


def recipient_metadata(org_line: str, header_line: str) -> Metadata:
    """Metadata of a recipient: "Org, unit: forms" above "mottagare av … Award YEAR"."""
    org_line = org_line.strip()
    head, _, forms_part = org_line.partition(":")
    name, _, unit = head.partition(",")
    unit = unit.strip()
    header = RECIPIENT_HEADER.match(header_line.strip())
    assert header is not None
    year = header.group("year")
    forms = school_forms_in(forms_part or unit)
    if not forms_part and _only_school_forms(unit):
        unit = ""  # "Hallstahammars kommun, grundskola": the part after the comma lists forms
    return Metadata(
        title=org_line,
        organization=name.strip(),
        unit=unit or None,
        school_forms=forms,
        year=int(year) if year else None,
        award=header.group("award"),
        kind="jury_motivation",
    )


def page_metadata(text: str, title: str) -> Metadata:
    """Metadata of a page about one organization (press release, article, interview)."""
    organization = _main_organization(text, title)
    award_counts = Counter(m.group("award") for m in _AWARD.finditer(text))
    award = award_counts.most_common(1)[0][0] if award_counts else None
    return Metadata(
        title=title,
        organization=organization,
        unit=None,
        school_forms=_forms_near(text, organization) if organization else (),
        year=_page_year(text, award),
        award=award,
        kind=_page_kind(text),
    )


def _main_organization(text: str, title: str) -> str | None:
    counts: Counter[str] = Counter()
    for match in _ORG.finditer(text):
        counts[f"{match.group('name')} {match.group('type')}"] += 1
    for match in _ORG.finditer(title):
        counts[f"{match.group('name')} {match.group('type')}"] += 2
    if counts:
        return counts.most_common(1)[0][0]
    # No "X kommun"/"X stad": a capitalized title word the body keeps coming back to.
    body = text.removeprefix(title)
    for word in re.findall(r"\b[A-ZÅÄÖ][a-zåäöéü]{2,}\b", title):
        stem = str(word).removesuffix("s")
        if len(re.findall(rf"\b{re.escape(stem)}s?\b", body)) >= 2:
            return stem
    return None


def _forms_near(text: str, organization: str) -> tuple[str, ...]:
    """School forms named after the organization, in the first sentence that has any.

    Stops at the next other organization named in the sentence, so that a list of several
    recipients does not lend their school forms to this one.
    """
    stem = organization.split()[0].removesuffix("s")
    for line in text.split("\n"):
        for sentence in _SENTENCE_END.split(line):
            at = sentence.find(stem)
            if at < 0:
                continue
            after = sentence[at + len(stem) :]
            for other in _ORG.finditer(after):
                if not other.group("name").startswith(stem):
                    after = after[: other.start()]
                    break
            forms = school_forms_in(after)
            if forms:
                return forms
    return ()


def _page_year(text: str, award: str | None) -> int | None:
    if award:
        years = Counter(re.findall(rf"\b{re.escape(award)}\s+({_YEAR})\b", text))
        if years:
            return int(years.most_common(1)[0][0])
    published = _PUBLISHED_YEAR.search(text)
    if published:
        return int(published.group("year"))
    years = Counter(_ANY_YEAR.findall(text))
    return int(years.most_common(1)[0][0]) if years else None


def _page_kind(text: str) -> str:
    if _PRESS.search(text):
        return "press_release"
    if re.search(r"^juryns (?:motivering|presentation)\b", text, re.I | re.M):
        return "jury_motivation"
    return "article"


def motivation_span(text: str) -> tuple[int, int] | None:
    """Where the jury's own words are: the paragraph after "Juryns motivering:" or similar."""
    label = MOTIVATION_LABEL.search(text)
    if not label:
        return None
    start = label.end()
    while start < len(text) and text[start] in " \n":
        start += 1
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    while start < end and text[start] in "”\"'’":
        start += 1
    while end > start and text[end - 1] in "”\"'’ ":
        end -= 1
    return (start, end) if end > start else None
