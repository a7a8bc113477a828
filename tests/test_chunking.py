from itertools import pairwise

import pytest

from skolsok import ChunkSettings, load_corpus
from skolsok.chunking import chunk_records, chunk_spans, sentence_spans, sentence_units
from skolsok.schema import Record

SENTENCES = [f"Mening {i} handlar om skolans digitala utveckling och lärarnas arbete." for i in range(12)]


def test_passages_are_exact_slices_of_the_cleaned_text(tiny_corpus):
    records = load_corpus(tiny_corpus).records
    by_id = {r.id: r for r in records}
    passages = chunk_records(records, ChunkSettings(size=120, overlap=60))
    assert [p.id for p in passages] == list(range(len(passages)))
    for p in passages:
        assert by_id[p.record_id].text[p.start : p.end] == p.text


def test_passages_end_at_sentence_boundaries_and_overlap_by_whole_sentences():
    text = " ".join(SENTENCES)
    spans = chunk_spans(text, ChunkSettings(size=200, overlap=100))
    assert len(spans) > 3
    for start, end in spans:
        assert text[start:end].startswith("Mening ")
        assert text[end - 1] == "."
    assert all(b[0] < a[1] for a, b in pairwise(spans))  # consecutive passages overlap


def test_a_long_sentence_is_cut_at_clauses_not_mid_word():
    text = ", ".join(f"del {i} av en mycket lång mening" for i in range(30)) + "."
    for start, end in chunk_spans(text, ChunkSettings(size=100, overlap=0)):
        chunk = text[start:end]
        assert len(chunk) <= 100
        assert chunk.startswith("del ")


def test_sentence_units_cover_the_passage_and_merge_short_headings():
    text = (
        "Rubrik\n\nFörsta meningen är lång nog att stå för sig själv. "
        "Andra meningen är också ganska lång, och den har dessutom en bisats som gör den lång. Kort."
    )
    units = sentence_units(text, 0, len(text), max_chars=60)
    assert [text[s:e] for s, e in units] == [
        "Rubrik\n\nFörsta meningen är lång nog att stå för sig själv.",
        "Andra meningen är också ganska lång,",
        "och den har dessutom en bisats som gör den lång. Kort.",
    ]


@pytest.mark.parametrize(("size", "overlap", "unit"), [(49, 0, 140), (400, 400, 140), (400, -1, 140), (400, 0, 10)])
def test_invalid_chunk_settings_are_rejected(size: int, overlap: int, unit: int):
    with pytest.raises(ValueError):
        ChunkSettings(size, overlap, unit)


def test_record_without_text_has_no_passages():
    assert chunk_records([Record(id="x#1", source="x", title="x", text="")], ChunkSettings()) == []


def test_units_are_cut_once_per_record_and_shared_by_overlapping_passages():
    from skolsok.chunking import passage_unit_ranges, record_units

    record = Record(id="r#1", source="r", title="r", text=" ".join(SENTENCES))
    settings = ChunkSettings(size=200, overlap=100, unit=140)
    passages = chunk_records([record], settings)
    units = record_units([record], settings)
    assert [record.text[s:e] for _, s, e in units.spans.tolist()] == SENTENCES
    ranges = passage_unit_ranges(passages, [record], units)
    for p, (begin, end) in zip(passages, ranges.tolist(), strict=True):
        assert [SENTENCES[i] for i in range(begin, end)] == [s for s in SENTENCES if s in p.text]


def test_a_sentence_starts_after_the_marker_of_its_list_item():
    # "- " as a web page's list arrives, "• " from a PDF, "2) ", a dialogue dash; "1. " splits off.
    text = (
        "Så här gör skolorna:\n- Alla elever får en dator.\n• ”Lärarna får kurs.” Det säger rektorn.\n"
        "2) Sedan köps nya.\n– Det är bra, säger Anna.\n1. Först inventeras de.\n-5 grader i skolgården."
    )
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Så här gör skolorna:",
        "Alla elever får en dator.",
        "Lärarna får kurs.",
        "Det säger rektorn.",
        "Sedan köps nya.",
        "Det är bra, säger Anna.",
        "1.",
        "Först inventeras de.",
        "-5 grader i skolgården.",
    ]
