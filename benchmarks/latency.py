"""Warm search/ask latency and cold `skolsok search` wall time on a built index (quick; the full
comparison is bench.py, whose measuring functions this reuses).

    python benchmarks/latency.py [--index index] [--questions FILE ...] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench import DEV, HERE, cold_search, warm_latency

from skolsok import Searcher, load_questions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", default="index")
    parser.add_argument(
        "--questions",
        nargs="*",
        type=Path,
        default=[p for p in (DEV, HERE / "heldout.jsonl", HERE / "unanswerable.jsonl") if p.is_file()],
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "latency.json")
    args = parser.parse_args()

    questions = [q.question for path in args.questions for q in load_questions(path)]
    searcher = Searcher.open(args.index)
    result = {
        "passages": len(searcher.index.passages),
        "questions": len(questions),
        "warm_ms": warm_latency(searcher, questions, args.rounds),
        "cold_search_s": cold_search(Path(args.index)),
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{result['passages']} passages, {len(questions)} questions × {args.rounds} rounds")
    for name, stats in result["warm_ms"].items():
        print(f"warm {name:6s} n={stats['n']:4d}  p50 {stats['p50']:6.1f} ms  p95 {stats['p95']:6.1f} ms")
    cold = result["cold_search_s"]
    print(f"cold skolsok search: median {cold['median_s']:.2f} s, max {cold['max_s']:.2f} s")


if __name__ == "__main__":
    main()
