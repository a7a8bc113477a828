import json
from pathlib import Path

import pytest

from skolsok import InvalidQuestionsFileError, evaluate, load_questions
from skolsok.evaluation import first_relevant, recall
from skolsok.schema import Hit, Record


def test_recall_is_the_share_of_gold_passages_found_case_and_space_insensitively():
    texts = ["Ett IT-råd  för\nskola och förskola finns.", "Annat."]
    assert recall(["it-råd för skola", "digitaliseringsråd organiseras"], texts) == 0.5
    assert recall(["IT-RÅD FÖR SKOLA OCH FÖRSKOLA"], texts) == 1.0


def test_first_relevant_rank_is_one_based_and_none_when_absent():
    texts = ["a", "b med guld", "c med guld"]
    assert first_relevant(["GULD"], texts) == 2
    assert first_relevant(["silver"], texts) is None


class StubSearcher:
    """Returns fixed texts per question, to check the metric arithmetic."""

    def __init__(self, results: dict[str, list[str]]) -> None:
        self.results = results

    def search(self, query: str, top_k: int = 10) -> list[Hit]:
        record = Record(id="r#1", source="r", title="r", text="")
        return [Hit(i + 1, 1.0, t, record, i, 0, 0, 0.0, 0.0) for i, t in enumerate(self.results[query][:top_k])]


def test_evaluate_averages_over_questions_with_gold_passages(tmp_path: Path):
    path = tmp_path / "q.jsonl"
    rows = [
        {"id": "q1", "question": "A?", "passages": ["alfa", "beta"]},
        {"id": "q2", "question": "B?", "passages": ["gamma"]},
        {"id": "q3", "question": "C?", "answerable": False, "passages": []},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    stub = StubSearcher(
        {
            "A?": ["x", "alfa", "y", "z", "w", "beta"],  # alfa at 2, beta at 6 (outside top 5)
            "B?": ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "gamma"],  # beyond 10
        }
    )
    report = evaluate(stub, load_questions(path), answers=False)
    assert (report.questions, report.scored) == (3, 2)
    assert report.recall_at_5 == pytest.approx((0.5 + 0.0) / 2)
    assert report.mrr_at_10 == pytest.approx((1 / 2 + 0) / 2)
    q1 = report.results[0]
    assert (q1.first_relevant_rank, q1.missing) == (2, ("beta",))
    assert report.results[2].recall_at_5 is None


def test_questions_file_errors_name_the_problem(tmp_path: Path):
    with pytest.raises(InvalidQuestionsFileError, match=r"^questions file not found: "):
        load_questions(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "ok?"}\n{"id": 2}\n', encoding="utf-8")
    with pytest.raises(InvalidQuestionsFileError, match=r"bad\.jsonl, line 2: not a question object"):
        load_questions(bad)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(InvalidQuestionsFileError, match=r"holds no questions$"):
        load_questions(empty)


def test_organizations_named_matches_gold_names_inside_answer_names():
    from skolsok.evaluation import organizations_named

    names = ["Karlstads kommun", "Göteborgs stad, grundskoleförvaltningen"]
    assert organizations_named(["Karlstad", "Göteborg", "Eksjö"], names) == ("Karlstad", "Göteborg")
