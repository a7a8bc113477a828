"""Sweep search settings over the evaluation sets without rebuilding: load each index once, embed
each question once, and score recall@5 / MRR@10 for every combination of FusionSettings values.

Sets (read from ../shared at run time, never copied): dev.jsonl on the seeds index and on the
seeds + realdev index, realdev questions on the seeds + realdev index, and this folder's
heldout.jsonl on the seeds index.

    python benchmarks/fusion_sweep.py --seeds-index I1 --all-index I2 \\
        --grid rank_lexical_weight=0,0.05,0.1 --grid passage_weight=0.3,0.5,0.7 \\
        --set trial@all=I3:benchmarks/trial/questions.jsonl   # further sets, each INDEX:QUESTIONS
    python benchmarks/fusion_sweep.py ... --rewrite none --rewrite strip-framing   # e5 query text variants

Build the indexes with ``skolsok index build`` from corpus/ and from corpus/ plus the realdev pages
copied into one folder. Choose on dev and realdev; held-out is the check, not a target. ``moved``
counts questions whose first relevant rank rose / fell against the first variant; ``ms/q`` is search
without embedding (queries are embedded once).

Measured on 2026-11-30 (dev@seeds, dev@all, realdev@all, heldout@seeds as recall@5/MRR@10; the
defaults before the bonuses: 0.920/0.902, 0.852/0.773, 0.852/0.637, 0.938/0.906). Kept: year,
organization and answer-type bonuses of 0.02 (realdev 0.907/0.660, others unchanged, +7/-0 moved).
Tried, not kept:

- lexical_weight 0–0.2 × passage_weight 0.2–0.8: 0.1 / 0.5 (the defaults) has the best mean; e.g.
  0.1 / 0.35 gives dev@seeds MRR 0.920 but realdev 0.815/0.614.
- reciprocal-rank fusion (k 5–60) instead of score fusion: every set lower (realdev ≤ 0.852/0.635).
- BM25 scaled by an ideal score (sum of the query terms' IDF) instead of the best passage: realdev
  recall 0.787–0.833.
- a record-level signal (a passage's score mixed with its record's best, weight 0.1–1): dev@seeds
  recall 0.898–0.886, dev@all 0.795 at weight ≥ 0.5.
- English stopwords out of an English question's BM25 terms: realdev 0.833/0.634, held-out MRR 0.896.
  (Session 6 ships them, with the lexicon below: measured on answers, not on search alone.)
- e5 query text without the interrogative framing ("Which municipality …"): dev@all 0.761/0.720,
  held-out 0.875/0.851; without the question mark: dev@seeds 0.875/0.871.
- the record title in what passages are embedded (rebuild): dev@seeds 0.932/0.932 but held-out
  0.875/0.885 and realdev MRR 0.624.
- 60 more English→Swedish glossary rows of school vocabulary: +6/-5 moved, mean unchanged; counting a
  translated phrase's English words as covered: no change. (Session 6 ships a lexicon, data/lexicon.md:
  search about even, realdev recall@5 0.907 → 0.889, but answers gained: realdev organization recall
  0.773 → 0.833, held-out answer_first 0.867 → 0.938.)

Session 6: ``rank_lexical_weight`` (the lexical weight of the order, apart from the score's
``lexical_weight``) 0.05 beats 0.1 on MRR@10 everywhere (dev@seeds 0.924, dev@all 0.799, realdev
0.700, held-out 0.938); 0.03 loses recall@5, 0.07 MRR. ``lexical_weight`` itself stays 0.1: it is
the score answers' calibrated bars compare, and 0.05 there answered more off-topic questions.
- leaving query terms found in more than 10–50 % of passages out of BM25: every set equal or lower.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from skolsok import FusionSettings, Searcher, load_questions
from skolsok.embedding import Embedder
from skolsok.evaluation import Question, evaluate
from skolsok.glossary import Glossary
from skolsok.search import embedder_for
from skolsok.store import StoredIndex, load_generation

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# Interrogative openings ("Which municipality …", "Vilken kommun …") that say what kind of answer
# is wanted, not what it is about: the "strip-framing" variant embeds the question without them.
_FRAMING = re.compile(
    r"^\s*(?:which|what|who|how many|how much|how|vilken|vilket|vilka|vem|vad|hur många|hur mycket|hur)"
    r"(?:\s+(?:municipality|municipalities|organizer|organizers|organisation|organization|kommun|kommuner|"
    r"huvudman|huvudmän|skolhuvudmän))?\b[\s,]*",
    re.IGNORECASE,
)

REWRITES: dict[str, Callable[[str], str]] = {
    "none": lambda q: q,
    "strip-framing": lambda q: _FRAMING.sub("", q) or q,
    "no-question-mark": lambda q: q.rstrip(" ?"),
}


class CachedEmbedder:
    """Wraps an embedder: each (rewritten) query is embedded once for the whole sweep."""

    def __init__(self, inner: Embedder, rewrite: Callable[[str], str] = REWRITES["none"]) -> None:
        self.inner = inner
        self.name, self.spec, self.dim = inner.name, inner.spec, inner.dim
        self.rewrite = rewrite
        self._cache: dict[str, np.ndarray] = {}

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        rows = []
        for text in texts:
            key = self.rewrite(text)
            if key not in self._cache:
                self._cache[key] = self.inner.embed_queries([key])[0]
            rows.append(self._cache[key])
        return np.stack(rows)

    def embed_passages(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        return self.inner.embed_passages(texts, progress)


def parse_grid(items: list[str]) -> list[dict[str, float | int | bool]]:
    """``["a=1,2", "b=0.5"]`` → every combination as FusionSettings keyword arguments."""
    fields = {f.name: f.type for f in dataclasses.fields(FusionSettings)}
    axes: list[tuple[str, list[float | int | bool]]] = []
    for item in items:
        name, _, values = item.partition("=")
        if name not in fields:
            raise SystemExit(f"unknown FusionSettings field '{name}' (one of: {', '.join(fields)})")
        kind = str(fields[name])
        convert: Callable[[str], float | int | bool] = (
            int if kind == "int" else (lambda v: v.lower() in {"1", "true"}) if kind == "bool" else float
        )
        axes.append((name, [convert(v) for v in values.split(",")]))
    return [dict(zip([n for n, _ in axes], combo, strict=True)) for combo in itertools.product(*(v for _, v in axes))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds-index", required=True, help="index of corpus/ (the seeds)")
    parser.add_argument("--all-index", required=True, help="index of corpus/ + ../shared/realdev/corpus")
    parser.add_argument("--grid", action="append", default=[], help="FIELD=v1,v2,… (repeatable)")
    parser.add_argument("--rewrite", action="append", choices=sorted(REWRITES), help="query text variants for e5")
    parser.add_argument("--glossary", action="append", help="glossary markdown files to compare (default: shipped)")
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=INDEX:QUESTIONS", help="a further set (repeatable)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print each question's first relevant rank")
    args = parser.parse_args()

    seeds, everything = load_generation(Path(args.seeds_index)), load_generation(Path(args.all_index))
    base = embedder_for(seeds)
    sets: list[tuple[str, StoredIndex, list[Question]]] = [
        ("dev@seeds", seeds, load_questions(SHARED / "eval" / "dev.jsonl")),
        ("dev@all", everything, load_questions(SHARED / "eval" / "dev.jsonl")),
        ("realdev@all", everything, load_questions(SHARED / "realdev" / "questions.jsonl")),
        ("heldout@seeds", seeds, load_questions(ROOT / "benchmarks" / "heldout.jsonl")),
    ]
    for item in args.set:  # "trial@all=/tmp/ix:benchmarks/trial/questions.jsonl"
        name, _, rest = item.partition("=")
        index_path, _, questions_path = rest.partition(":")
        sets.append((name, load_generation(Path(index_path)), load_questions(questions_path)))
    print("variant".ljust(60) + "".join(f"{name:>16}" for name, _, _ in sets) + "      mean   ms/q  moved")
    glossaries: list[tuple[str, Glossary | None]] = [
        (Path(g).stem, Glossary.parse(Path(g).read_text(encoding="utf-8"))) for g in args.glossary or []
    ] or [("", None)]
    variants = itertools.product(args.rewrite or ["none"], glossaries, parse_grid(args.grid))
    embedders: dict[str, CachedEmbedder] = {}
    baseline: dict[str, int] | None = None  # the first variant's ranks: later ones count moves against it
    for rewrite_name, (glossary_name, glossary), overrides in variants:
        embedder = embedders.setdefault(rewrite_name, CachedEmbedder(base, REWRITES[rewrite_name]))
        fusion = FusionSettings(**overrides)  # type: ignore[arg-type]
        cells, values, seconds, count = [], [], 0.0, 0
        ranks: dict[str, int] = {}
        for name, index, questions in sets:
            searcher = Searcher(index, embedder, fusion, glossary)
            evaluate(searcher, questions[:1], answers=False)  # warm the cache outside the timing
            started = time.perf_counter()
            report = evaluate(searcher, questions, answers=False)
            seconds += time.perf_counter() - started
            count += len(questions)
            cells.append(f"{report.recall_at_5:.3f}/{report.mrr_at_10:.3f}")
            values += [report.recall_at_5, report.mrr_at_10]
            ranks |= {
                f"{name}/{r.id}": r.first_relevant_rank or 99 for r in report.results if r.recall_at_5 is not None
            }
        label = f"{rewrite_name} {glossary_name} " + " ".join(f"{k}={v}" for k, v in overrides.items())
        ms = 1000 * seconds / count
        baseline = baseline or ranks
        better = sum(ranks[k] < baseline[k] for k in ranks)
        worse = sum(ranks[k] > baseline[k] for k in ranks)
        print(
            f"{label[:60]:60}"
            + "".join(f"{c:>16}" for c in cells)
            + f"  {np.mean(values):.4f}  {ms:5.1f}  +{better}/-{worse}"
        )
        if args.verbose:
            print("   ", " ".join(f"{k}:{v}" for k, v in ranks.items() if v != baseline[k]))


if __name__ == "__main__":
    main()
