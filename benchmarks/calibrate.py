"""Calibrate the answering bars of an embedder and save them in src/skolsok/data/calibration.json.

For every question of the calibration sets, the score of the sentence an answer would open with
(``skolsok.selection.lead``) is measured once; the support bar of each question language is then
the threshold that answers the most answerable questions and abstains on the most unanswerable
ones, taken in the middle of the best interval (the widest margin on both sides). The naming bar
for further organizations in a list sits ``NAME_MARGIN`` below it.

Calibration sets: ../shared/eval/dev.jsonl on the seeds and on the seeds + realdev pages,
../shared/realdev/questions.jsonl on the seeds + realdev pages, and benchmarks/unanswerable.jsonl
(off-topic probes) on the seeds. benchmarks/heldout.jsonl is never used here: it checks the result.

    python benchmarks/calibrate.py            # builds the two indexes in a temporary folder
    python benchmarks/calibrate.py --seeds-index I1 --all-index I2 --dry-run
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from skolsok import Searcher, build_index, load_questions
from skolsok.answer import gather
from skolsok.selection import lead

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CALIBRATION = ROOT / "src" / "skolsok" / "data" / "calibration.json"
NAME_MARGIN = 0.07


@dataclass(frozen=True)
class Point:
    language: str
    answerable: bool
    score: float | None  # None: nothing fits the question (no typed sentence, unknown name)


def measure(searcher: Searcher, questions_file: Path) -> list[Point]:
    points = []
    for q in load_questions(questions_file):
        _, analysis, found = gather(searcher, q.question)
        first = lead(analysis, found) if found is not None else None
        points.append(Point(analysis.language, q.answerable, first.score if first else None))
    return points


def best_bar(points: list[Point]) -> tuple[float, int, int]:
    """The bar with the most right decisions, in the middle of the widest best interval."""
    scores = sorted({p.score for p in points if p.score is not None})
    if not scores:
        raise SystemExit("no question reached any candidate sentence: nothing to calibrate")
    cuts = [scores[0] - 0.05] + [(a + b) / 2 for a, b in itertools.pairwise(scores)] + [scores[-1] + 0.05]

    def right(bar: float) -> int:
        return sum((p.score is not None and p.score >= bar) == p.answerable for p in points)

    results = [(right(c), c) for c in cuts]
    top = max(r for r, _ in results)
    best = [c for r, c in results if r == top]
    # The widest run of equally good cuts: its middle is furthest from any question.
    runs, run = [], [best[0]]
    for c in best[1:]:
        if cuts.index(c) == cuts.index(run[-1]) + 1:
            run.append(c)
        else:
            runs.append(run)
            run = [c]
    runs.append(run)
    widest = max(runs, key=lambda r: r[-1] - r[0])
    return round((widest[0] + widest[-1]) / 2, 3), top, len(points)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds-index", type=Path, help="an index of corpus/ (built if not given)")
    parser.add_argument("--all-index", type=Path, help="an index of corpus/ + realdev pages (built if not given)")
    parser.add_argument("--dry-run", action="store_true", help="print the bars, do not save them")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="skolsok-calibrate-"))
    try:
        seeds_index = args.seeds_index
        if seeds_index is None:
            seeds_index = work / "seeds"
            build_index(ROOT / "corpus", seeds_index)
        all_index = args.all_index
        if all_index is None:
            corpus = work / "corpus"
            shutil.copytree(ROOT / "corpus", corpus)
            for page in (SHARED / "realdev" / "corpus").iterdir():
                shutil.copy(page, corpus / page.name)
            all_index = work / "all"
            build_index(corpus, all_index)
        seeds, everything = Searcher.open(seeds_index), Searcher.open(all_index)
        points = (
            measure(seeds, SHARED / "eval" / "dev.jsonl")
            + measure(everything, SHARED / "eval" / "dev.jsonl")
            + measure(everything, SHARED / "realdev" / "questions.jsonl")
            + measure(seeds, ROOT / "benchmarks" / "unanswerable.jsonl")
        )
        embedder = seeds.index.embedder_name
        data = json.loads(CALIBRATION.read_text("utf-8"))
        values = data.setdefault(embedder, {})
        for language in ("sv", "en"):
            bar, right, total = best_bar([p for p in points if p.language == language])
            name = round(bar - NAME_MARGIN, 3)
            print(f"{embedder} {language}: support {bar} ({right}/{total} decisions right), name {name}")
            values[f"support_{language}"] = bar
            values[f"name_{language}"] = name
        if not args.dry_run:
            CALIBRATION.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
            print(f"saved in {CALIBRATION.relative_to(ROOT)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
