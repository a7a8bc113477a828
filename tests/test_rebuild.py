"""Incremental and crash-safe rebuilds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ARTICLE, PRESS_RELEASE, FakeEmbedder

from skolsok import ChunkSettings, Searcher, build_index
from skolsok.store import current_generation, load_generation, verify


class CountingEmbedder(FakeEmbedder):
    def __init__(self, name: str = "fake/bag-of-words") -> None:
        self.name = name
        self.embedded: list[str] = []

    def embed_passages(self, texts, progress=None):
        self.embedded.extend(texts)
        return super().embed_passages(texts, progress)


def _top(index: Path, query: str) -> list[tuple[str, int, float]]:
    searcher = Searcher(load_generation(index), FakeEmbedder())
    return [(h.record.id, h.start, round(h.score, 5)) for h in searcher.search(query, top_k=5)]


def test_only_added_or_changed_documents_are_embedded(tiny_corpus: Path, tmp_path: Path):
    index = tmp_path / "index"
    first = CountingEmbedder()
    report = build_index(tiny_corpus, index, embedder=first)
    assert (report.full_reason, report.added, report.reused) == (
        "no previous index",
        ("cederkoping.txt", "dalby.md", "mottagare-2023.txt"),
        0,
    )
    assert report.embedded == len(set(first.embedded)) > 0

    again = CountingEmbedder()
    report = build_index(tiny_corpus, index, embedder=again)
    assert (report.full_reason, again.embedded, report.embedded) == (None, [], 0)
    assert report.unchanged == ("cederkoping.txt", "dalby.md", "mottagare-2023.txt")

    (tiny_corpus / "ny.txt").write_text(PRESS_RELEASE.replace("Cederköping", "Nyköping"), encoding="utf-8")
    (tiny_corpus / "dalby.md").write_text(ARTICLE.replace("moderna språk", "matematik"), encoding="utf-8")
    (tiny_corpus / "cederkoping.txt").unlink()
    third = CountingEmbedder()
    report = build_index(tiny_corpus, index, embedder=third)
    assert (report.added, report.changed, report.removed, report.unchanged) == (
        ("ny.txt",),
        ("dalby.md",),
        ("cederkoping.txt",),
        ("mottagare-2023.txt",),
    )
    assert third.embedded and all("Ankeby" not in t and "Bullerby" not in t for t in third.embedded)
    assert report.embedded == len(set(third.embedded)) and report.reused > 0

    incremental = _top(index, "matematik på landsbygden")
    build_index(tiny_corpus, tmp_path / "fresh", embedder=FakeEmbedder())
    assert incremental == _top(tmp_path / "fresh", "matematik på landsbygden")


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"full": True}, "--full was asked for"),
        ({"chunking": ChunkSettings(size=300, overlap=100)}, "the chunk settings changed"),
        ({"embedder": CountingEmbedder("fake/other")}, "the embedder changed (fake/bag-of-words → fake/other)"),
    ],
)
def test_some_changes_force_a_full_rebuild(tiny_corpus: Path, tmp_path: Path, kwargs: dict, reason: str):
    build_index(tiny_corpus, tmp_path / "index", embedder=FakeEmbedder())
    kwargs = {"embedder": FakeEmbedder(), **kwargs}
    report = build_index(tiny_corpus, tmp_path / "index", **kwargs)
    assert (report.full_reason, report.reused) == (reason, 0)


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skolsok", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


@pytest.mark.parametrize("point", ["embedding", "writing", "switching"])
def test_a_build_killed_midway_leaves_the_previous_index_answering(tiny_corpus: Path, tmp_path: Path, point: str):
    index = tmp_path / "index"
    assert _cli("index", "build", "--corpus", str(tiny_corpus), "--index", str(index), "-q").returncode == 0
    live = current_generation(index)
    before = _cli("search", "digitala prov", "--index", str(index), "--json").stdout
    (tiny_corpus / "ny.txt").write_text(PRESS_RELEASE.replace("Cederköping", "Nyköping"), encoding="utf-8")

    killed = _cli(
        "index", "build", "--corpus", str(tiny_corpus), "--index", str(index), "-q", env={"SKOLSOK_CRASH_AT": point}
    )
    assert killed.returncode == -signal.SIGKILL
    assert current_generation(index) == live and verify(index) == []
    assert _cli("search", "digitala prov", "--index", str(index), "--json").stdout == before

    rebuilt = _cli("index", "build", "--corpus", str(tiny_corpus), "--index", str(index), "-q")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "1 added" in rebuilt.stdout
    assert not list(index.glob(".gen-*"))


SEEDS = Path(__file__).resolve().parents[1] / "corpus"
QUERIES = [
    "Vilka kommuner har IT-råd?",
    "Which municipalities use IT councils?",
    "Vilka huvudmän har en tydlig styrkedja?",
    "digitala verktyg i förskolan",
    "Hur lagar man köttbullar?",
]


def _everything(index: Path) -> dict[str, object]:
    """All an index serves: records, passages, units, vectors, search results and answers."""
    import faiss

    from skolsok import ask
    from skolsok.store import stored_vectors

    stored = load_generation(index)
    searcher = Searcher.open(index)
    generation = stored.path
    return {
        "records": [r.to_dict() for r in stored.record_list],
        "passages": [(p.id, p.record_id, p.start, p.end, p.text) for p in stored.passages],
        "unit_spans": stored.unit_spans.tolist(),
        "passage_units": stored.passage_units.tolist(),
        "passage_vectors": stored_vectors(faiss.read_index(str(generation / "vectors.faiss"))).tobytes(),
        "unit_vectors": stored_vectors(faiss.read_index(str(generation / "units.faiss"))).tobytes(),
        "search": [
            [(h.rank, h.record.id, h.start, h.end, h.score, h.highlights) for h in searcher.search(q, top_k=10)]
            for q in QUERIES
        ],
        "answers": [ask(searcher, q).to_dict() for q in QUERIES],
    }


@pytest.mark.slow
def test_an_incremental_e5_build_of_the_seeds_equals_a_full_one(tmp_path: Path, seed_index: Path):
    """Start from three of the five seed documents, one of them changed; then build the seeds
    incrementally. Every record, passage, vector (bit for bit), search result and answer equals
    those of the full build of the seeds."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("alingsas-2020-pressmeddelande.txt", "sodertalje-2020-pressmeddelande.txt"):
        (corpus / name).write_bytes((SEEDS / name).read_bytes())
    changed = (SEEDS / "stockholm-2014-it-strategi.txt").read_text(encoding="utf-8")
    (corpus / "stockholm-2014-it-strategi.txt").write_text(
        changed.replace("Stockholm", "Stockholms stad", 1) + "\nEn rad som sedan tas bort.\n", encoding="utf-8"
    )
    index = tmp_path / "index"
    build_index(corpus, index)

    for source in SEEDS.iterdir():
        (corpus / source.name).write_bytes(source.read_bytes())
    report = build_index(corpus, index)
    assert (report.full_reason, report.added, report.changed) == (
        None,
        ("guldtrappan-2021-mottagare.txt", "trollhattan-2019-intervju.txt"),
        ("stockholm-2014-it-strategi.txt",),
    )
    assert report.reused > 0 and report.embedded > 0

    incremental, full = _everything(index), _everything(seed_index)
    assert incremental.keys() == full.keys()
    for key in full:
        assert incremental[key] == full[key], key
