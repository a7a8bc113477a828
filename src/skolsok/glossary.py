"""Cross-lingual lexical help: English school vocabulary mapped to the corpus's Swedish terms.

BM25 cannot match "IT councils" with "IT-råd". A glossary (a markdown table with a Swedish and an
English column, as in ``data/glossary.md``) turns the English phrases a question contains into the
Swedish terms, which are added to the lexical query only; the dense model sees the question as it
was asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

_CELL_SPLIT = re.compile(r"\s*(?:,|/)\s*")
_PARENS = re.compile(r"\(([^)]*)\)")


def _clean(terms: list[str]) -> list[str]:
    return [t.strip(' "“”').casefold() for t in terms if t.strip(' "“”')]


def _terms(cell: str) -> tuple[list[str], list[str]]:
    """The main terms of one cell (comma or slash separated) and those a parenthesis adds
    ("vuxenutbildning (komvux)", "huvudman (pl. huvudmän)")."""
    extra = [t.removeprefix("pl.").strip() for inner in _PARENS.findall(cell) for t in _CELL_SPLIT.split(inner)]
    return _clean(_CELL_SPLIT.split(_PARENS.sub("", cell))), _clean(extra)


def _of_kinds(row: tuple[str, ...]) -> bool:
    """Whether a row's terms are a concept and its kinds: "särskola" ends "grundsärskola"."""
    return any(a != b and a.endswith(b) for a in row for b in row)


@dataclass(frozen=True)
class Glossary:
    """English phrase → Swedish terms, longest phrases first."""

    entries: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def parse(cls, markdown: str) -> Glossary:
        mapping: dict[str, list[str]] = {}
        for line in markdown.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 2 or set(cells[0]) <= set("-: ") or cells[0].casefold() == "swedish":
                continue
            # English parentheses qualify ("administration (education / preschool)"): not phrases.
            (swedish, swedish_extra), (english, _) = _terms(cells[0]), _terms(cells[1])
            if not swedish or not english:
                continue
            if len(swedish) == len(english) > 1:  # aligned lists pair up ("IT pedagogue" ↔ "it-pedagog")
                pairs = [
                    (e, [s, *(swedish_extra if i == 0 else [])])
                    for i, (e, s) in enumerate(zip(english, swedish, strict=True))
                ]
            else:  # otherwise every English term stands for every Swedish one
                pairs = [(e, swedish + swedish_extra) for e in english]
            for phrase, terms in pairs:
                mapping.setdefault(phrase, []).extend(t for t in terms if t not in mapping.get(phrase, []))
        ordered = sorted(mapping.items(), key=lambda item: -len(item[0]))
        return cls(tuple((phrase, tuple(terms)) for phrase, terms in ordered))

    def translate(self, text: str) -> list[str]:
        """Swedish terms for the English phrases in ``text`` (plural -s/-es/-ies forms too)."""
        return self._translation(text)[0]

    def untranslated(self, text: str) -> str:
        """``text`` (case-folded, punctuation blanked) without the phrases :meth:`translate` translates:
        in "Which municipalities use IT councils?" the words that are no "it-råd" nor "kommun"."""
        return self._translation(text)[1]

    def synonyms(self, word: str) -> list[str]:
        """The Swedish single-word terms that stand for the same English phrase as ``word`` in any
        inflection, not as a compound's modifier: "surfplattor" → "läsplatta", "surfplatta",
        "lärplatta", "ipad" (not "elevdatorer" → "elev"). A row that names a concept beside its kinds
        ("särskola", "grundsärskola", "gymnasiesärskola") holds no synonyms: a grundsärskola is no
        gymnasiesärskola."""
        folded, found = word.casefold(), list[str]()
        for terms in self._swedish_rows:
            if any(folded.startswith(t[: max(4, len(t) - 1)]) and len(folded) <= len(t) + 4 for t in terms):
                found.extend(t for t in terms if t != folded and t not in found)
        return found

    @cached_property
    def _swedish_rows(self) -> tuple[tuple[str, ...], ...]:
        rows = (tuple(t for t in terms if " " not in t) for _, terms in self.entries)
        return tuple(dict.fromkeys(row for row in rows if len(row) > 1 and not _of_kinds(row)))

    @cached_property
    def _patterns(self) -> tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]:
        """Each phrase's pattern, compiled once: a question is checked against every phrase, and
        hundreds of patterns built per call missed ``re``'s cache (5 ms of a 40 ms ``ask``)."""
        out = []
        for phrase, terms in self.entries:
            stem = re.escape(phrase[:-1]) + r"(?:y|ies)" if phrase.endswith("y") else re.escape(phrase) + r"(?:e?s)?"
            out.append((phrase[:-1], re.compile(rf"(?<![\w-]){stem}(?![\w-])"), terms))
        return tuple(out)

    def _translation(self, text: str) -> tuple[list[str], str]:
        folded = " " + re.sub(r"[^\w\s-]", " ", text.casefold()) + " "
        found: list[str] = []
        for prefix, pattern, terms in self._patterns:
            # Every form a pattern matches begins with the phrase less its last letter.
            if prefix in folded and pattern.search(folded):
                folded = pattern.sub(" ", folded)  # a longer phrase wins over its parts
                found.extend(t for t in terms if t not in found)
        return found, folded


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    """The glossary shipped with skolsok (school vocabulary of Swedish education)."""
    data = resources.files("skolsok").joinpath("data")
    return Glossary.parse(
        "\n".join(data.joinpath(f).read_text(encoding="utf-8") for f in ("glossary.md", "lexicon.md"))
    )
