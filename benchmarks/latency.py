"""Warm search/ask latency and cold `skolsok search` wall time on a built index.

    python benchmarks/latency.py [--index index] [--questions FILE ...] [--rounds N]

Warm: the index is loaded once and every question is searched and asked `rounds` times (the first
round is a warm-up and is not timed). Cold: `skolsok search` is run as a new process, several times.
Prints a table and writes JSON to --out.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from skolsok import Searcher, ask, load_questions

HERE = Path(__file__).resolve().parent
DEFAULT_QUESTIONS = [
    HERE.parent.parent / "shared" / "eval" / "dev.jsonl",
    HERE / "heldout.jsonl",
    HERE / "unanswerable.jsonl",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", default="index")
    parser.add_argument("--questions", nargs="*", type=Path, default=[p for p in DEFAULT_QUESTIONS if p.is_file()])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "latency.json")
    args = parser.parse_args()

    questions = [q.question for path in args.questions for q in load_questions(path)]
    searcher = Searcher.open(args.index)
    timings: dict[str, list[float]] = {"search": [], "ask": []}
    for round_ in range(args.rounds + 1):
        for question in questions:
            for name, call in (("search", lambda q: searcher.search(q, top_k=10)), ("ask", lambda q: ask(searcher, q))):
                start = time.perf_counter()
                call(question)
                if round_:  # round 0 warms caches
                    timings[name].append((time.perf_counter() - start) * 1000)

    cold: list[float] = []
    exe = shutil.which("skolsok") or str(Path(sys.executable).with_name("skolsok"))
    for _ in range(args.cold_runs):
        start = time.perf_counter()
        subprocess.run(
            [exe, "search", "Vilka kommuner har IT-råd?", "--index", args.index], check=True, stdout=subprocess.DEVNULL
        )
        cold.append(time.perf_counter() - start)

    result = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "index": {
            "path": args.index,
            "passages": len(searcher.index.passages),
            "units": len(searcher.index.unit_spans),
        },
        "questions": len(questions),
        "warm_ms": {
            name: {"n": len(v), "p50": statistics.median(v), "p95": percentile(v, 0.95), "max": max(v)}
            for name, v in timings.items()
        },
        "cold_search_s": {"runs": len(cold), "median": statistics.median(cold), "max": max(cold)},
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{result['index']['passages']} passages, {len(questions)} questions × {args.rounds} rounds")
    for name, stats in result["warm_ms"].items():
        p50, p95, worst = stats["p50"], stats["p95"], stats["max"]
        print(f"warm {name:6s} n={stats['n']:4d}  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  max {worst:6.1f} ms")
    cold_stats = result["cold_search_s"]
    print(f"cold skolsok search: median {cold_stats['median']:.2f} s, max {cold_stats['max']:.2f} s")


if __name__ == "__main__":
    main()
