"""Retrieval quality on a question set: recall@5 of gold passages and MRR@10."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .chunking import normalized
from .errors import InvalidQuestionsFileError
from .search import Searcher


@dataclass(frozen=True)
class Question:
    """One line of a questions file (the format of ``shared/eval/dev.jsonl``)."""

    id: str
    question: str
    lang: str = "sv"
    answerable: bool = True
    organizations: tuple[str, ...] = ()
    passages: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionResult:
    """How one question fared. Metrics are ``None`` for questions without gold passages."""

    id: str
    question: str
    recall_at_5: float | None
    reciprocal_rank: float | None
    first_relevant_rank: int | None
    missing: tuple[str, ...]


@dataclass(frozen=True)
class EvalReport:
    """Mean metrics over the questions that have gold passages, and each question's result."""

    questions: int
    scored: int
    recall_at_5: float
    mrr_at_10: float
    results: tuple[QuestionResult, ...]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["results"] = [asdict(r) for r in self.results]
        return data


def load_questions(path: str | Path) -> list[Question]:
    """Parse a JSONL questions file; a malformed line is an error that names the line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InvalidQuestionsFileError(f"questions file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidQuestionsFileError(f"cannot read questions file {path}: {exc}") from None
    questions = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            questions.append(
                Question(
                    id=str(row.get("id", f"line-{number}")),
                    question=str(row["question"]),
                    lang=str(row.get("lang", "sv")),
                    answerable=bool(row.get("answerable", True)),
                    organizations=tuple(map(str, row.get("organizations", []))),
                    passages=tuple(map(str, row.get("passages", []))),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise InvalidQuestionsFileError(
                f"{path}, line {number}: not a question object with a 'question' field ({exc})"
            ) from None
    if not questions:
        raise InvalidQuestionsFileError(f"{path} holds no questions")
    return questions


def recall(gold: Sequence[str], texts: Sequence[str]) -> float:
    """Share of gold passages contained (case- and whitespace-insensitively) in any text."""
    haystacks = [normalized(t) for t in texts]
    found = sum(any(normalized(g) in h for h in haystacks) for g in gold)
    return found / len(gold)


def first_relevant(gold: Sequence[str], texts: Sequence[str]) -> int | None:
    """1-based rank of the first text containing any gold passage."""
    needles = [normalized(g) for g in gold]
    for rank, text in enumerate(texts, start=1):
        hay = normalized(text)
        if any(n in hay for n in needles):
            return rank
    return None


def evaluate(searcher: Searcher, questions: Sequence[Question]) -> EvalReport:
    """Search every question and score the hits against its gold passages."""
    results = []
    for q in questions:
        if not q.passages:
            results.append(QuestionResult(q.id, q.question, None, None, None, ()))
            continue
        texts = [hit.text for hit in searcher.search(q.question, top_k=10)]
        rank = first_relevant(q.passages, texts)
        top5 = [normalized(t) for t in texts[:5]]
        missing = tuple(g for g in q.passages if not any(normalized(g) in t for t in top5))
        results.append(
            QuestionResult(
                q.id,
                q.question,
                recall(q.passages, texts[:5]),
                1.0 / rank if rank else 0.0,
                rank,
                missing,
            )
        )
    scored = [r for r in results if r.recall_at_5 is not None]
    n = len(scored) or 1
    return EvalReport(
        questions=len(results),
        scored=len(scored),
        recall_at_5=sum(r.recall_at_5 or 0.0 for r in scored) / n,
        mrr_at_10=sum(r.reciprocal_rank or 0.0 for r in scored) / n,
        results=tuple(results),
    )
