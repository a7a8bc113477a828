"""Facts a sentence holds: a count, an amount, a share, a duration, a school year, a date, a day or a
person.

A factual question says what kind of fact it wants (``QuestionAnalysis.expects``); a sentence that
holds none of that kind cannot answer it. Search uses the same test to rank passages, and selection
to choose the lead sentence and the sentences after it.
"""

from __future__ import annotations

import re

from .cleaning import MONTHS_EN, MONTHS_SV, YEAR
from .names import find_names
from .question import NUMBER_WORDS

# Digits that are not a quantity: years, school years ("2021/22", "18/19"), grades ("årskurs 6–9"), dates,
# times of day ("klockan 13.00–17.00", "kl 9", "13.00–16.30", "at 9:30", "at 9 am"; not "at 12 schools").
_CLOCK = r"\d{1,2}(?:[.:]\d\d)?"
_NOT_QUANTITY = re.compile(
    rf"\b{YEAR}(?:[/–-]\d{{2,4}})?\b|\b\d\d/\d\d\b|\b(?:årskurs|åk|klass|year|grade)\s+\d+(?:\s*[–-]\s*\d+)?\b"
    rf"|\b\d{{1,2}}\s+(?:{MONTHS_SV})\b"
    rf"|\b(?:klockan|kl\.?)\s+{_CLOCK}(?:\s*[–-]\s*{_CLOCK})?\b|\b\d{{1,2}}[.:]\d\d\s*[–-]\s*{_CLOCK}\b"
    r"|\b\d{1,2}:\d\d\b|\bat\s+\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.|o['’]clock)",
    re.I,
)
_NUMBER = re.compile(
    rf"\d|\b(?:{'|'.join(NUMBER_WORDS)}|trettio|fyrtio|femtio|hundra|tusen"
    r"|miljon\w*|miljard\w*|hälften|varannan|vartannat|dubbelt|procent|one|thirty|forty|fifty"
    r"|hundred|thousand|million|half|percent)\b",
    re.I,
)
_DATE = re.compile(
    rf"\b(?:{YEAR}|{MONTHS_SV}"
    r"|våren|hösten|sommaren|vintern|vårterminen|höstterminen|läsåret|sedan|i år|i fjol)\b",
    re.I,
)
_MONEY = re.compile(
    r"\d[\d\s,.]*\s*(?:kr\b|kronor|sek\b|euro|€|\$|dollar|miljon\w*|miljard\w*)|\bmiljon\w* kronor", re.I
)
# An amount with its currency: what a count is not.
_AMOUNT = re.compile(r"\d[\d\s,.]*\s*(?:(?:miljon|miljard)\w*\s+)?(?:kr\b|kronor|sek\b|euro|€|\$|dollar)", re.I)
# A share as a number: what a count is not either.
_PART = re.compile(r"\d[\d\s,.]*\s*(?:%|procent\b|percent\b|per cent\b)|\bhälften\b|\bhalf\b", re.I)
# "tre av fyra", "en av fem", "one in four", "two out of three"; not "en av de första", "inköp av datorer".
_PART_NUMBER = rf"(?:\d+|en|ett|one|{'|'.join(NUMBER_WORDS)})"
_SHARE = re.compile(
    r"%|procent|percent|\bhälften\b|\bvar(?:annan|tannat| tredje| fjärde| femte| tionde| tjugonde)\b|\bhalf\b"
    r"|\w*(?:tredjedel|fjärdedel|femtedel)\w*|\bmajoritet\w*|\bminoritet\w*|\b(?:a|one|two) (?:third|quarter|fifth)s?\b"
    r"|\bmajority\b"
    rf"|\b{_PART_NUMBER} (?:av|in|out of) (?!en\b|ett\b|one\b){_PART_NUMBER}\b",
    re.I,
)
_PERIOD = (
    r"(?:dag|dagen|vecka|veckan|månad|månaden|termin|terminen|läsår|läsåret|år|året|kvartal|vår|höst|day|week|month"
    r"|term|quarter|year)"
)
# "sex gånger per läsår", "en gång i månaden", "varje vecka", "vartannat år", "once a month",
# "three times a year", "every other week", "dagligen"; not "i år", "a year later" or "in difficult times".
_FREQUENCY = re.compile(
    r"\bgång(?:er)? (?:per|i|om|varje|varannan|vartannat|var|vart)\b"
    rf"|\b(?:varje|varannan|vartannat|(?:var|vart) (?:tredje|fjärde|femte|sjätte)) {_PERIOD}\b"
    rf"|\b(?:once|twice|\w+ times) (?:a|an|per|every|each) {_PERIOD}\b|\b(?:every|each) (?:other )?{_PERIOD}\b"
    r"|\b(?:dagligen|veckovis|månadsvis|månatligen|årligen|kvartalsvis|daily|weekly|monthly|quarterly|yearly|annually)\b",
    re.I,
)
_DURATION = re.compile(
    r"\b(?:\d+|\w+)\s+(?:år|månader|veckor|dagar|timmar|minuter|years?|months?|weeks?|days?|hours?|minutes?)\b", re.I
)
_GRADE = re.compile(
    r"\b(?:årskurs|åk|klass|grade)\s*\d+|\b(?:år|year)\s+\d{1,2}\b|\bförskoleklass\w*"
    r"|\b(?:låg|mellan|hög)stadie(?:t|r)?\b"
    r"|\b(?:första|andra|tredje|fjärde|femte|sjätte|sjunde|åttonde|nionde|first|second|third|fourth|fifth|sixth"
    r"|seventh|eighth|ninth) (?:klass|grade)",
    re.I,
)
_MONTH = f"(?:{MONTHS_SV}|{MONTHS_EN})"
_DAY = re.compile(rf"\b\d{{1,2}}(?::[ea])?\s+{_MONTH}\b|\b{_MONTH}\s+\d{{1,2}}\b|\b{YEAR}-\d\d-\d\d\b", re.I)


def holds_answer_type(expects: str | None, sentence: str, context: str = "") -> bool:
    """Whether ``sentence`` holds what a factual question asks for: a number (not just a year),
    an amount, a share, a duration, a date (with its day when asked "vilket datum") or a person's
    name (``context``: the record's text, for telling names). Questions without a type, and "why"
    questions, accept any sentence."""
    if expects == "number":
        # "685 miljoner kronor" is an amount and "87 procent" a share, not a count of anything the
        # question names.
        # Nor is "sex veckor" a count: a duration answers "hur länge", and "hur många år" asks for one.
        quantities = _DURATION.sub(" ", _PART.sub(" ", _AMOUNT.sub(" ", sentence)))
        return bool(_NUMBER.search(_NOT_QUANTITY.sub(" ", quantities)))
    if expects == "money":
        return bool(_MONEY.search(sentence))
    if expects == "share":
        return bool(_SHARE.search(sentence))
    if expects == "frequency":
        return bool(_FREQUENCY.search(sentence))
    if expects == "duration":
        return bool(_DURATION.search(sentence))
    if expects == "grade":
        return bool(_GRADE.search(sentence))
    if expects == "date":
        return bool(_DATE.search(sentence))
    if expects == "day":
        return bool(_DAY.search(sentence))
    if expects == "person":
        return any(n.kind == "person" for n in find_names(sentence, context or sentence))
    return True
