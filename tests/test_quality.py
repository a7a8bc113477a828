"""Quality must not regress silently: `skolsok eval` on the dev questions and on realdev, against
floors a little under what the product measures today (see README, "Measured quality").

The floors are the measured figures minus a margin of about 0.03 (one question in thirty), so a
change that costs more than a question or two fails here and has to be argued for.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skolsok import EvalReport, Searcher, build_index, evaluate, load_questions

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "dev.jsonl"
REALDEV = SHARED / "realdev"

pytestmark = pytest.mark.slow

# metric: (dev on the seeds, dev on seeds + realdev, realdev on seeds + realdev)
# measured 2026-12-01 (session 12): (0.920, 0.852, 0.889), (0.920, 0.799, 0.705), (1.000, 1.000, 0.848),
# (0.994, 0.961, 0.854), (0.773, 0.727, 0.667), (1.000, 0.955, 0.870). Dev answer_first on seeds + realdev
# is 0.727: dev-03 leads with a realdev page's sentence that answers, but spells the gold's
# "effektkedje-modellen" without its hyphen. Dev org precision is under 1 because dev-06's gold lists
# seven of the 2020 recipients its page names and the answer names the eighth, Hoppetossa, too.
FLOORS: dict[str, tuple[float, float, float]] = {
    "recall_at_5": (0.89, 0.82, 0.86),
    "mrr_at_10": (0.89, 0.77, 0.67),
    "organization_recall": (0.96, 0.96, 0.80),
    "org_precision": (0.96, 0.93, 0.82),
    "answer_first": (0.74, 0.70, 0.62),
    "answer_hit": (0.96, 0.92, 0.83),
}
# Wrong abstention decisions allowed (answered unanswerable + abstained answerable); measured 0, 0, 1 (one of
# realdev's eight unanswerable questions gets an answer, the bar).
MAX_WRONG_ABSTENTIONS = (0, 0, 1)


@pytest.fixture(scope="module")
def all_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and the realdev pages in one index, as a corpus grows."""
    root = tmp_path_factory.mktemp("seeds-realdev")
    corpus = root / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    for page in sorted((REALDEV / "corpus").iterdir()):
        shutil.copy(page, corpus / page.name)
    build_index(corpus, root / "index")
    return root / "index"


@pytest.fixture(scope="module")
def reports(seed_index: Path, all_index: Path) -> tuple[EvalReport, EvalReport, EvalReport]:
    seeds, everything = Searcher.open(seed_index), Searcher.open(all_index)
    dev = load_questions(DEV)
    return (
        evaluate(seeds, dev),
        evaluate(everything, dev),
        evaluate(everything, load_questions(REALDEV / "questions.jsonl")),
    )


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_quality_floors(reports: tuple[EvalReport, EvalReport, EvalReport], metric: str):
    measured = tuple(getattr(r, metric) for r in reports)
    assert all(m is not None and m >= f for m, f in zip(measured, FLOORS[metric], strict=True)), (metric, measured)


def test_abstention(reports: tuple[EvalReport, EvalReport, EvalReport]):
    wrong = tuple(r.answered_unanswerable + r.abstained_on_answerable for r in reports)
    assert all(w <= m for w, m in zip(wrong, MAX_WRONG_ABSTENTIONS, strict=True)), wrong
    assert reports[2].questions - reports[2].abstention_correct <= MAX_WRONG_ABSTENTIONS[2]


def test_answers_do_not_change_as_unrelated_documents_are_added(reports: tuple[EvalReport, EvalReport, EvalReport]):
    """The dev questions are about the seeds: 48 more pages must not move the decisions about them
    (no abstention changes). The answers lose a little where search itself loses (measured: MRR@10
    0.920 → 0.799, organization recall 1.000 → 1.000, org precision 0.994 → 0.961, answer_first
    0.773 → 0.727): no more than that, with a question's worth of margin."""
    seeds, grown, _ = reports
    assert seeds.abstention_correct == grown.abstention_correct
    for metric in ("organization_recall", "org_precision", "answer_first"):
        before, after = getattr(seeds, metric), getattr(grown, metric)
        assert before - after <= 0.09, (metric, before, after)


# The trial sets' pages alone (benchmarks/trial*/README.md), measured 2026-11-30 to 12-02 (sessions 8 to 16), and
# how many abstention errors each had; floors a question or two under them.
TRIALS = {
    "trial": (
        {
            "recall_at_5": 0.90,  # 0.934
            "mrr_at_10": 0.75,  # 0.787
            "organization_recall": 0.68,  # 0.715
            "org_precision": 0.71,  # 0.744
            "answer_first": 0.55,  # 0.583
            "answer_hit": 0.66,  # 0.694
        },
        4,  # 2 answerable questions abstain, 2 unanswerable ones get an answer
    ),
    "trial2": (
        {
            "recall_at_5": 0.70,  # 0.738
            "mrr_at_10": 0.62,  # 0.657
            "organization_recall": 0.73,  # 0.767
            "org_precision": 0.70,  # 0.741
            "answer_first": 0.58,  # 0.615
            "answer_hit": 0.63,  # 0.667
        },
        5,  # 1 answerable question abstains, 4 unanswerable ones get an answer
    ),
    "trial3": (
        {
            "recall_at_5": 0.80,  # 0.838
            # 0.716 → 0.699 in session 11: its "Läs också" headlines left the pages, so passages begin elsewhere.
            "mrr_at_10": 0.67,  # 0.699
            # v-19 had named its recipient only by the page's foot ("Ordförande 2022 var …") in that
            # recipient's record; the foot is the page's own record now (session 10).
            "organization_recall": 0.58,  # 0.642
            "org_precision": 0.62,  # 0.675
            "answer_first": 0.56,  # 0.594
            "answer_hit": 0.68,  # 0.719
        },
        4,  # 2 answerable questions abstain, 2 unanswerable ones get an answer
    ),
    "trial4": (
        {
            "recall_at_5": 0.73,  # 0.765
            "mrr_at_10": 0.59,  # 0.625
            "organization_recall": 0.65,  # 0.733
            "org_precision": 0.65,  # 0.739
            "answer_first": 0.46,  # 0.500
            "answer_hit": 0.62,  # 0.688
        },
        4,  # 2 answerable questions abstain, 2 unanswerable ones get an answer
    ),
    # Session 11; real municipality names, three saved web pages.
    "trial5": (
        {
            "recall_at_5": 0.73,  # 0.765
            "mrr_at_10": 0.70,  # 0.736
            "organization_recall": 0.78,  # 0.825
            "org_precision": 0.75,  # 0.797
            "answer_first": 0.42,  # 0.455
            "answer_hit": 0.54,  # 0.576
        },
        3,  # 1 answerable question abstains, 1 unanswerable one gets an answer
    ),
    # Session 12; real municipality names, an English page, two saved web pages. Blind, on the code as
    # the session found it: 0.750, 0.571, 0.468, 0.427, 0.400, 0.533 and 10 abstention errors.
    "trial6": (
        {
            # A saved page's summary leads its text since session 13: the county comparison's
            # passage is seventh, not fifth, for y-15 (0.765 → 0.735), which no longer abstains.
            "recall_at_5": 0.70,  # 0.735
            "mrr_at_10": 0.55,  # 0.583
            "organization_recall": 0.68,  # 0.722
            "org_precision": 0.60,  # 0.638
            "answer_first": 0.55,  # 0.588
            "answer_hit": 0.67,  # 0.706
        },
        6,  # 5 unanswerable questions get an answer
    ),
    # Session 13; real municipality names, a board protocol, a job ad, a school group's own page. Blind,
    # on the code as the session found it: 0.758, 0.601, 0.588, 0.690, 0.323, 0.516 and 8 abstention errors.
    "trial7": (
        {
            "recall_at_5": 0.78,  # 0.818
            "mrr_at_10": 0.60,  # 0.631
            "organization_recall": 0.80,  # 0.842
            "org_precision": 0.78,  # 0.815
            "answer_first": 0.45,  # 0.484
            "answer_hit": 0.64,  # 0.677
        },
        7,  # 2 answerable questions abstain, 3 unanswerable ones get an answer
    ),
    # Session 14; real municipality names, two saved web pages, an English page. Blind, on the code as
    # the session found it: 0.747, 0.517, 0.702, 0.563, 0.500, 0.615 and 11 abstention errors.
    "trial8": (
        {
            "recall_at_5": 0.71,  # 0.747
            "mrr_at_10": 0.48,  # 0.517
            "organization_recall": 0.70,  # 0.737
            "org_precision": 0.59,  # 0.626
            "answer_first": 0.57,  # 0.606
            "answer_hit": 0.66,  # 0.697
        },
        4,  # 2 unanswerable questions get an answer
    ),
    # Session 16; real municipality names, two saved web pages, an English page, board minutes, an award
    # decision. Blind, on the code as the session found it: 0.793, 0.691, 0.745, 0.766, 0.656, 0.688 and
    # 3 abstention errors.
    "trial9": (
        {
            "recall_at_5": 0.76,  # 0.793
            "mrr_at_10": 0.66,  # 0.697
            "organization_recall": 0.79,  # 0.828
            "org_precision": 0.81,  # 0.844
            "answer_first": 0.71,  # 0.750
            "answer_hit": 0.75,  # 0.781
        },
        3,  # 1 answerable question abstains, 1 unanswerable one gets an answer
    ),
}


@pytest.mark.parametrize("name", sorted(TRIALS))
def test_quality_floors_on_the_trial_pages(tmp_path: Path, name: str):
    floors, errors = TRIALS[name]
    trial = ROOT / "benchmarks" / name
    build_index(trial / "corpus", tmp_path / "index")
    report = evaluate(Searcher.open(tmp_path / "index"), load_questions(trial / "questions.jsonl"))
    measured = {metric: getattr(report, metric) for metric in floors}
    assert all(measured[m] is not None and measured[m] >= f for m, f in floors.items()), measured
    assert report.answered_unanswerable + report.abstained_on_answerable <= errors
