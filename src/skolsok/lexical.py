"""Swedish lexical retrieval: tokenization, stopwords, compound splitting, stemming, BM25.

Swedish writes compounds as one word ("digitaliseringsråd", "it-råd"), so a query for "råd" finds
nothing with plain BM25. Each word is therefore indexed with its compound parts too: hyphenated
words split at the hyphen, closed compounds against a Swedish word list (simplemma's lemma
dictionary at build time). At query time no dictionary is loaded: a query word is split against
the index's own vocabulary, which holds every part that could match anything.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger("skolsok")
_TOKEN = re.compile(r"\w+(?:-\w+)*")
_MIN_PART = 4  # shortest modifier
_MIN_HEAD = 3  # shortest head: "råd" in "digitaliseringsråd"
_MIN_SPLIT = 7
_CACHE_WORDS = 200_000
_MIN_KNOWN_SPLIT = 10
# Modifiers with these endings join the head with an "s": "digitaliserings|råd", "kvalitets|arbete".
_TAKES_LINKING_S = ("ing", "het", "else", "skap", "tet", "tion", "sion", "dom", "nad", "ment", "ans", "ens")


def _bm25s() -> Any:
    import bm25s

    # bm25s sets its own logger to DEBUG on import; keep its chatter out of our users' logs.
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


#: The words of any text about schools' digital development, which single out nothing: not a
#: question's concept (``evidence``), not worth adding from the glossary (``search``). A fixed list,
#: not "the words in a quarter of the passages": that share moves with the corpus, and in a small
#: corpus about IT councils it made "IT-råd" generic. On seeds + realdev the two agree (the seven
#: words the share picked are here).
GENERIC_WORDS = """skola skolor kommun kommuner stad städer digital digitala elev elever lärare arbete arbetar
utbildning utveckling artikel"""


@lru_cache(maxsize=1)
def swedish_stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_SWEDISH

    return frozenset(STOPWORDS_SWEDISH)


@lru_cache(maxsize=1)
def query_stopwords() -> frozenset[str]:
    """Words a query's lexical match ignores: Swedish stopwords, and English ones ("of", "for"), which
    match only the odd English title in a Swedish corpus. Not those that are Swedish words too: "it"
    (IT), "by" (village), "is" (ice), "if" (a sports club), "be" (to pray)."""
    from bm25s.stopwords import STOPWORDS_EN

    return swedish_stopwords() | (frozenset(STOPWORDS_EN) - {"it", "by", "is", "if", "be"})


@lru_cache(maxsize=1)
def _swedish_dictionary() -> Any:
    """simplemma's Swedish form → lemma dictionary (~1M forms; loaded once, at build time only)."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    return DefaultDictionaryFactory().get_dictionary("sv")


def prefetch_dictionary() -> None:
    """Load the build-time dictionary now (e.g. in a background thread); failures surface later."""
    try:
        _swedish_dictionary()
    except Exception:  # the build's own call will raise it where it can be reported
        log.debug("dictionary prefetch failed", exc_info=True)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer  # PyStemmer: Snowball, compiled

    return Stemmer.Stemmer("swedish")


def split_compound(word: str, is_known: Callable[[str], bool]) -> list[str]:
    """Parts of a closed compound (surface substrings, linking "s" dropped), or ``[]``.

    Words the word list lacks are the productive compounds and may end in a short head
    ("digitaliseringsråd" → digitalisering + råd). Words it knows are lexicalized; they are split
    only when long and into long parts ("skolhuvudmän" → skol + huvudmän), since short parts of
    known words are mostly noise ("förskola" → förs + kola). Fewest parts win, then the longest
    shortest modifier.
    """
    if len(word) < _MIN_SPLIT or not word.isalpha():
        return []
    known = is_known(word)
    if known and len(word) < _MIN_KNOWN_SPLIT:
        return []
    min_head = _MIN_PART if known else _MIN_HEAD
    stop = swedish_stopwords()

    def options(rest: str, depth: int) -> list[list[str]]:
        found: list[list[str]] = []
        if depth > 0 and len(rest) >= min_head and is_known(rest):
            found.append([rest])
        if depth >= 3:
            return found
        for cut in range(_MIN_PART, len(rest) - min_head + 1):
            head, tail = rest[:cut], rest[cut:]
            if head in stop:
                continue
            linked = head[:-1]
            linking = head.endswith("s") and len(linked) >= _MIN_PART and is_known(linked)
            if linking and (linked.endswith(_TAKES_LINKING_S) or not is_known(head)):
                found.extend([linked, *more] for more in options(tail, depth + 1))
                continue
            if is_known(head) and not (head.endswith(_TAKES_LINKING_S) and tail.startswith("s")):
                found.extend([head, *more] for more in options(tail, depth + 1))
        return found

    candidates = [option for option in options(word, 0) if len(option) > 1]
    if not candidates:
        return []
    return min(candidates, key=lambda parts: (len(parts), -min(map(len, parts[:-1]))))


@dataclass
class Analyzer:
    """Text to BM25 terms: the stemmed lemma of each word and of its compound parts.

    ``lemmas`` maps word forms to lemmas (every form of every lemma in the corpus, so that a query
    "fick" meets a text "får"); ``compounds`` caches the corpus's splits; ``lexicon`` is what an
    unseen query word may be split into.
    """

    split_compounds: bool = True
    lemmatize: bool = True
    compounds: dict[str, list[str]] = field(default_factory=dict)
    lemmas: dict[str, str] = field(default_factory=dict)
    lexicon: frozenset[str] = frozenset()
    #: word → terms; the tables above never change once built, so a word's terms never do.
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    def words(self, text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group().casefold()) for m in _TOKEN.finditer(text)]

    @cached_property
    def generic(self) -> frozenset[str]:
        """The terms of ``GENERIC_WORDS`` (each word's whole)."""
        return frozenset(terms[0] for word in GENERIC_WORDS.split() if (terms := self.word_terms(word)))

    def parts(self, word: str) -> list[str]:
        """Compound parts of a (lower-case) word, hyphenated or closed."""
        if not self.split_compounds:
            return []
        if "-" in word:
            pieces = [p for p in word.split("-") if p]
            return [sub for p in pieces for sub in (p, *self.parts(p))]
        if word in self.compounds:
            return self.compounds[word]
        if self.lexicon and len(word) >= _MIN_SPLIT:
            return split_compound(word, self.lexicon.__contains__)
        return []

    def word_terms(self, word: str) -> tuple[str, ...]:
        """Terms for one word: itself and its parts, lemmatized and stemmed, stopwords dropped."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        stop = swedish_stopwords()
        surface = [w for w in [word, *self.parts(word)] if w not in stop and w.strip("-")]
        if self.lemmatize:  # two-letter words: the dictionary's guesses ("it" → "se") do harm
            surface = [self.lemmas.get(w, w) if len(w) > 2 else w for w in surface]
        terms = tuple(dict.fromkeys(_stemmer().stemWords(surface)))
        if len(self._cache) >= _CACHE_WORDS:  # queries bring new words forever: stay bounded
            self._cache.clear()
        self._cache[word] = terms
        return terms

    def terms(self, text: str) -> list[str]:
        return [term for _, _, word in self.words(text) for term in self.word_terms(word)]

    def matches(self, text: str, query_terms: Iterable[str]) -> list[tuple[int, int]]:
        """Spans of words in ``text`` that share a term with the query."""
        wanted = set(query_terms)
        return [(s, e) for s, e, word in self.words(text) if wanted.intersection(self.word_terms(word))]


#: Forms the dictionary gets wrong: "vann" (won) is no form of "vanna" (a tub). "Vilket företag vann
#: upphandlingen?" must meet "Atea har vunnit upphandlingen".
LEMMA_FIXES = {"vann": "vinna"}


def _forms_of(dictionary: Any, lemmas: set[str]) -> dict[str, str]:
    """Every form → lemma pair of the dictionary whose lemma is in ``lemmas``."""
    raw = getattr(dictionary, "_dict", None)
    if isinstance(raw, dict):  # simplemma's bytes store: decode only the ~1 % we keep (1.3 s → 0.1 s)
        wanted = {lemma.encode() for lemma in lemmas}
        return {k.decode(): v.decode() for k, v in raw.items() if v in wanted and k != v}
    return {form: lemma for form, lemma in dictionary.items() if lemma in lemmas and form != lemma}


def learn_vocabulary(texts: Iterable[str], split_compounds: bool = True, lemmatize: bool = True) -> Analyzer:
    """An analyzer for a corpus: its compound splits and lemma table, from a Swedish word list.

    The lemma table holds every form of every lemma the corpus uses, so queries need no
    dictionary at all.
    """
    dictionary = _swedish_dictionary()
    analyzer = Analyzer(split_compounds=split_compounds, lemmatize=lemmatize)
    words = {w for text in texts for _, _, w in analyzer.words(text)}
    vocabulary = {piece for w in words for piece in w.split("-") if piece}
    if split_compounds:
        for word in list(vocabulary):
            parts = split_compound(word, dictionary.__contains__)
            if parts:
                analyzer.compounds[word] = parts
                vocabulary.update(parts)
    if lemmatize:
        analyzer.lemmas = _forms_of(dictionary, {dictionary.get(w, w) for w in vocabulary})
        analyzer.lemmas.update({w: dictionary[w] for w in vocabulary if w in dictionary and w != dictionary[w]})
        for form, lemma in LEMMA_FIXES.items():
            if lemma in analyzer.lemmas.values() or lemma in vocabulary:
                analyzer.lemmas[form] = lemma
    analyzer.lexicon = frozenset(vocabulary | set(analyzer.lemmas) | set(analyzer.lemmas.values()))
    return analyzer


@dataclass(frozen=True)
class LexicalScores:
    """BM25 scores of all passages, the query terms that matched the vocabulary, and the share
    of the query's words the corpus knows (low for a question in another language)."""

    scores: np.ndarray
    terms: list[str]
    coverage: float


class LexicalIndex:
    """BM25 (bm25s, Lucene variant) over analyzed passages."""

    def __init__(self, analyzer: Analyzer, bm25: Any) -> None:
        self.analyzer = analyzer
        self._bm25 = bm25

    @classmethod
    def build(cls, texts: Sequence[str], split_compounds: bool = True, lemmatize: bool = True) -> LexicalIndex:
        bm25s = _bm25s()
        analyzer = learn_vocabulary(texts, split_compounds, lemmatize)
        tokens = [analyzer.terms(text) or [""] for text in texts]
        bm25 = bm25s.BM25(method="lucene", k1=1.2, b=0.75)
        bm25.index(tokens, show_progress=False)
        return cls(analyzer, bm25)

    def scores(self, query: str) -> LexicalScores:
        """BM25 score of every passage for ``query``."""
        n = self.size
        vocab = self._bm25.vocab_dict
        stop = query_stopwords()
        terms: list[str] = []
        words = covered = 0
        for _, _, word in self.analyzer.words(query):
            if word in stop:
                continue
            words += 1
            known = [t for t in self.analyzer.word_terms(word) if t in vocab]
            covered += bool(known)
            terms.extend(known)
        terms = list(dict.fromkeys(terms))
        coverage = covered / words if words else 0.0
        if not terms:
            return LexicalScores(np.zeros(n, dtype=np.float32), [], coverage)
        return LexicalScores(np.asarray(self._bm25.get_scores(terms), dtype=np.float32), terms, coverage)

    @property
    def size(self) -> int:
        """Number of indexed passages."""
        return int(self._bm25.scores["num_docs"])

    def document_frequency(self, terms: Iterable[str]) -> dict[str, int]:
        """In how many passages each term occurs (0 for unknown terms)."""
        indptr = self._bm25.scores["indptr"]
        out = {}
        for term in terms:
            tid = self._bm25.vocab_dict.get(term)
            out[term] = 0 if tid is None or tid + 1 >= len(indptr) else int(indptr[tid + 1] - indptr[tid])
        return out

    def idf(self, terms: Iterable[str]) -> dict[str, float]:
        """Inverse document frequency (BM25's) of each term; unknown terms get the rarest value."""
        n = self.size
        return {t: float(np.log(1 + (n - df + 0.5) / (df + 0.5))) for t, df in self.document_frequency(terms).items()}

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._bm25.save(str(folder / "bm25"))
        data = {
            "split_compounds": self.analyzer.split_compounds,
            "lemmatize": self.analyzer.lemmatize,
            "compounds": self.analyzer.compounds,
            "lemmas": self.analyzer.lemmas,
            "lexicon": sorted(self.analyzer.lexicon),
        }
        (folder / "analyzer.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        bm25s = _bm25s()
        data = json.loads((folder / "analyzer.json").read_text(encoding="utf-8"))
        analyzer = Analyzer(
            split_compounds=bool(data["split_compounds"]),
            lemmatize=bool(data["lemmatize"]),
            compounds={k: list(v) for k, v in data["compounds"].items()},
            lemmas=dict(data["lemmas"]),
            lexicon=frozenset(data["lexicon"]),
        )
        return cls(analyzer, bm25s.BM25.load(str(folder / "bm25"), mmap=False))
