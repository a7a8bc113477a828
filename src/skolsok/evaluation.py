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
    """How one question fared. Metrics are ``None`` where the question has no gold for them."""

    id: str
    question: str
    recall_at_5: float | None
    reciprocal_rank: float | None
    first_relevant_rank: int | None
    missing: tuple[str, ...]
    answerable: bool = True
    answered: bool | None = None
    organization_recall: float | None = None
    missing_organizations: tuple[str, ...] = ()
    named: tuple[str, ...] = ()
    question_type: str | None = None
    #: Answered, answerable questions with gold passages: the first quote / some quote holds one.
    answer_first: bool | None = None
    answer_hit: bool | None = None
    #: Share of the named organizations that are gold (questions with gold organizations).
    org_precision: float | None = None
    first_quote: str | None = None


@dataclass(frozen=True)
class EvalReport:
    """Mean metrics over the questions that have gold passages, and each question's result.

    Answer metrics: ``organization_recall`` is the mean share of a question's gold organizations
    named in its answer, ``org_precision`` the mean share of named organizations that are gold (both
    over questions with gold organizations); ``answer_first`` / ``answer_hit`` are the shares of
    answered, answerable questions with gold passages whose first quote / any quote holds a gold
    passage; ``abstention_correct`` counts questions where ``answered`` equals ``answerable``; the two
    error kinds are counted apart.
    """

    questions: int
    scored: int
    recall_at_5: float
    mrr_at_10: float
    results: tuple[QuestionResult, ...]
    organization_recall: float | None = None
    abstention_correct: int = 0
    abstained_on_answerable: int = 0
    answered_unanswerable: int = 0
    org_precision: float | None = None
    answer_first: float | None = None
    answer_hit: float | None = None

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


def missing_from(gold: Sequence[str], texts: Sequence[str]) -> tuple[str, ...]:
    """The gold passages no text contains (case- and whitespace-insensitively)."""
    haystacks = [normalized(t) for t in texts]
    return tuple(g for g in gold if not any(normalized(g) in h for h in haystacks))


def recall(gold: Sequence[str], texts: Sequence[str]) -> float:
    """Share of gold passages contained (case- and whitespace-insensitively) in any text."""
    return 1.0 - len(missing_from(gold, texts)) / len(gold)


def first_relevant(gold: Sequence[str], texts: Sequence[str]) -> int | None:
    """1-based rank of the first text containing any gold passage."""
    needles = [normalized(g) for g in gold]
    for rank, text in enumerate(texts, start=1):
        hay = normalized(text)
        if any(n in hay for n in needles):
            return rank
    return None


def organizations_named(gold: Sequence[str], names: Sequence[str]) -> tuple[str, ...]:
    """The gold organizations ("Karlstad") that some answer name contains, case-insensitively."""
    folded = [n.casefold() for n in names]
    return tuple(g for g in gold if any(g.casefold() in n for n in folded))


def names_correct(gold: Sequence[str], names: Sequence[str]) -> tuple[str, ...]:
    """The answer names that contain some gold organization (the complement are wrong names)."""
    folded = [g.casefold() for g in gold]
    return tuple(n for n in names if any(g in n.casefold() for g in folded))


def holds_gold(gold: Sequence[str], quote: str) -> bool:
    """Whether a quoted sentence holds a gold passage (or lies inside a longer one)."""
    hay = normalized(quote)
    return any(normalized(g) in hay or hay in normalized(g) for g in gold)


def _mean(values: Sequence[float | bool | None]) -> float | None:
    present = [float(v) for v in values if v is not None]
    return sum(present) / len(present) if present else None


def evaluate(searcher: Searcher, questions: Sequence[Question], answers: bool = True) -> EvalReport:
    """Search (and, with ``answers``, ask) every question and score against its gold."""
    from .answer import ask

    results = []
    for q in questions:
        recall_5 = rr = rank = None
        missing: tuple[str, ...] = ()
        if q.passages:
            texts = [hit.text for hit in searcher.search(q.question, top_k=10)]
            rank = first_relevant(q.passages, texts)
            missing = missing_from(q.passages, texts[:5])
            recall_5, rr = 1.0 - len(missing) / len(q.passages), (1.0 / rank if rank else 0.0)
        answered = org_recall = precision = first = hit = question_type = first_quote = None
        named: tuple[str, ...] = ()
        missing_orgs: tuple[str, ...] = ()
        if answers:
            answer = ask(searcher, q.question)
            answered, question_type = answer.answered, answer.question_type
            named = tuple(o.name for o in answer.organizations)
            quotes = [quote.text for quote in answer.evidence]
            first_quote = quotes[0] if quotes else None
            if q.organizations:
                found = organizations_named(q.organizations, named)
                org_recall = len(found) / len(q.organizations)
                missing_orgs = tuple(g for g in q.organizations if g not in found)
                if answer.answered and named:
                    precision = len(names_correct(q.organizations, named)) / len(named)
            if q.answerable and q.passages and answer.answered:
                first = bool(quotes) and holds_gold(q.passages, quotes[0])
                hit = any(holds_gold(q.passages, text) for text in quotes)
        results.append(
            QuestionResult(
                q.id,
                q.question,
                recall_5,
                rr,
                rank,
                missing,
                q.answerable,
                answered,
                org_recall,
                missing_orgs,
                named,
                question_type,
                first,
                hit,
                precision,
                first_quote,
            )
        )
    scored = [r for r in results if r.recall_at_5 is not None]
    n = len(scored) or 1
    with_orgs = [r.organization_recall for r in results if r.organization_recall is not None]
    return EvalReport(
        questions=len(results),
        scored=len(scored),
        recall_at_5=sum(r.recall_at_5 or 0.0 for r in scored) / n,
        mrr_at_10=sum(r.reciprocal_rank or 0.0 for r in scored) / n,
        results=tuple(results),
        organization_recall=sum(with_orgs) / len(with_orgs) if with_orgs else None,
        abstention_correct=sum(r.answered == r.answerable for r in results if r.answered is not None),
        abstained_on_answerable=sum(r.answerable and r.answered is False for r in results),
        answered_unanswerable=sum(not r.answerable and bool(r.answered) for r in results),
        org_precision=_mean([r.org_precision for r in results]),
        answer_first=_mean([r.answer_first for r in results]),
        answer_hit=_mean([r.answer_hit for r in results]),
    )
