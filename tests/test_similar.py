"""Organizations like mine (library and `skolsok similar`) and `skolsok show` over the seed corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from skolsok import (
    RecordNotFoundError,
    Searcher,
    UnknownOrganizationError,
    open_source,
    similar_organizations,
)
from skolsok.cli import main

KARLSTAD = "guldtrappan-2021-mottagare.txt#5"
IT_RAD = "IT-råd för skola och förskola består av rektorer och är central för den kraftfulla utvecklingen."


@pytest.fixture(scope="module")
def searcher(seed_index: Path) -> Searcher:
    return Searcher.open(seed_index)


def test_closest_organizations_come_with_the_pair_of_sentences_that_shows_why(searcher: Searcher):
    result = similar_organizations(searcher, "Karlstads kommun", top_k=3)
    assert result.organization == "Karlstads kommun"
    assert [s.name for s in result.similar] == ["Leksands kommun", "Eksjö kommun", "Hallstahammars kommun"]
    first = result.similar[0]
    assert first.mine.organization == "Karlstads kommun" and first.theirs.organization == "Leksands kommun"
    assert first.mine.text.startswith("Med ’Digitala Karlstad’ kopplar kommunfullmäktige")
    assert first.theirs.text.startswith("Leksands kommun är med sin digitaliseringsplan för grundskolan")
    for item in result.similar:  # quotes are verbatim: the source view can mark them
        for quote in (item.mine, item.theirs):
            assert searcher.index.records[quote.record_id].text[quote.start : quote.end] == quote.text
    assert [s["name"] for s in result.to_dict()["similar"]] == [s.name for s in result.similar]


def test_about_a_topic_compares_what_they_write_about_it(searcher: Searcher):
    result = similar_organizations(searcher, KARLSTAD, about="IT-råd", top_k=3)
    assert result.organization == "Karlstads kommun" and result.about == "IT-råd"
    assert [s.name for s in result.similar] == ["Stockholms stad", "Eksjö kommun"]  # the others say nothing of it
    assert result.similar[0].mine.text == IT_RAD


def test_an_unknown_or_ambiguous_name_is_explained(searcher: Searcher):
    with pytest.raises(UnknownOrganizationError) as unknown:
        similar_organizations(searcher, "Ingenstans kommun")
    assert str(unknown.value) == (
        "no organization or record named 'Ingenstans kommun' in the index (see: skolsok corpus show)"
    )
    with pytest.raises(UnknownOrganizationError) as ambiguous:
        similar_organizations(searcher, "kommun")
    assert str(ambiguous.value) == (
        "'kommun' matches several organizations: Alingsås kommun, Eksjö kommun, Hallstahammars kommun, "
        "Karlstads kommun, Leksands kommun, … (give the full name)"
    )


def test_similar_command_prints_text_and_json(seed_index: Path):
    runner = CliRunner()
    text = runner.invoke(main, ["similar", "Karlstad", "-k", "2", "--index", str(seed_index)])
    assert text.exit_code == 0, text.output
    lines = text.output.splitlines()
    assert lines[0] == "Huvudmän som liknar Karlstads kommun:"
    assert lines[1].startswith("1. Leksands kommun  (likhet ")
    assert lines[2].startswith("   Karlstads kommun: ”Med ’Digitala Karlstad’")
    as_json = runner.invoke(main, ["similar", "Karlstad", "-k", "2", "--json", "--index", str(seed_index)])
    data = json.loads(as_json.output)
    assert [s["name"] for s in data["similar"]] == ["Leksands kommun", "Eksjö kommun"]
    assert set(data["similar"][0]["theirs"]) >= {"text", "record_id", "start", "end", "source", "url", "page"}
    bad = runner.invoke(main, ["similar", "Ingenstans", "--index", str(seed_index)])
    assert bad.exit_code == 1
    assert bad.stderr == (
        "skolsok: error: no organization or record named 'Ingenstans' in the index (see: skolsok corpus show)\n"
    )


def test_show_marks_the_sentence_at_an_offset(searcher: Searcher, seed_index: Path):
    record = searcher.index.records[KARLSTAD]
    at = record.text.index(IT_RAD) + 10  # inside the sentence: the whole sentence is marked
    result = CliRunner().invoke(main, ["show", KARLSTAD, "--at", str(at), "--index", str(seed_index)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Karlstads kommun"
    assert lines[1] == "2021 · juryns motivering · förskola, grundskola, grundsärskola · guldtrappan-2021-mottagare.txt"
    assert f"[[{IT_RAD}]]" in result.output
    assert result.output.count("[[") == 1
    view = open_source(searcher.index.records, KARLSTAD, at)
    assert (view.start, view.quote) == (at - 10, IT_RAD)


def test_show_with_an_exact_span_and_as_json(searcher: Searcher, seed_index: Path):
    start = searcher.index.records[KARLSTAD].text.index(IT_RAD)
    span = f"{start}-{start + 6}"
    result = CliRunner().invoke(main, ["show", KARLSTAD, "--at", span, "--json", "--index", str(seed_index)])
    data = json.loads(result.output)
    assert data["id"] == KARLSTAD
    assert data["at"] == {"start": start, "end": start + 6, "page": None, "text": "IT-råd"}


def test_show_explains_a_missing_record_and_a_bad_offset(seed_index: Path):
    runner = CliRunner()
    missing = runner.invoke(main, ["show", "nope.txt#1", "--index", str(seed_index)])
    assert missing.exit_code == 1
    assert missing.stderr == (
        "skolsok: error: no record 'nope.txt#1' in the index (record ids are in: skolsok search --json; "
        "the index may have been rebuilt since)\n"
    )
    bad = runner.invoke(main, ["show", KARLSTAD, "--at", "tio", "--index", str(seed_index)])
    assert bad.exit_code == 2
    assert "give START or START-END (character offsets)" in bad.stderr
    backwards = runner.invoke(main, ["show", KARLSTAD, "--at", "5-2", "--index", str(seed_index)])
    assert backwards.exit_code == 2
    assert "END (2) must be after START (5)" in backwards.stderr


def test_a_stale_offset_still_opens_the_document(searcher: Searcher):
    record = searcher.index.records[KARLSTAD]
    view = open_source(searcher.index.records, KARLSTAD, 10**9, 10**9 + 5)
    assert (view.record, view.start, view.end) == (record, None, None)  # nothing to mark: no empty [[]]
    view = open_source(searcher.index.records, KARLSTAD, 5, 10**9)
    assert (view.start, view.end) == (5, len(record.text))
    with pytest.raises(RecordNotFoundError):
        open_source(searcher.index.records, "saknas")
