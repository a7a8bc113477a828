"""A long-running searcher follows index rebuilds."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PRESS_RELEASE, FakeEmbedder

from skolsok import IndexNotFoundError, LiveSearcher, build_index
from skolsok.store import current_generation


@pytest.fixture
def fake_embedder(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let generations built with FakeEmbedder be loaded by name, as e5 ones are."""
    import skolsok.search

    monkeypatch.setattr(skolsok.search, "load_embedder", lambda spec: FakeEmbedder())


def test_a_new_generation_is_picked_up_and_the_old_one_serves_until_then(
    tiny_corpus: Path, tmp_path: Path, fake_embedder: None
):
    index = tmp_path / "index"
    build_index(tiny_corpus, index, embedder=FakeEmbedder())
    live = LiveSearcher(index, check_every=3600)
    first = live.get()
    assert "Nyköpings kommun" not in {r.organization for r in first.records}

    (tiny_corpus / "ny.txt").write_text(PRESS_RELEASE.replace("Cederköping", "Nyköping"), encoding="utf-8")
    build_index(tiny_corpus, index, embedder=FakeEmbedder())
    assert live.get() is first  # not checked again yet
    assert live.reload() is True
    second = live.get()
    assert second is not first and live.generation == current_generation(index).name
    assert "Nyköpings kommun" in {r.organization for r in second.records}
    assert second.embedder is first.embedder  # the model is not loaded twice
    assert first.search("fjärrundervisning", top_k=1)[0].record.organization == "Dalby stad"  # still usable


def test_a_broken_new_generation_leaves_the_old_one_serving(tiny_corpus: Path, tmp_path: Path, fake_embedder: None):
    index = tmp_path / "index"
    build_index(tiny_corpus, index, embedder=FakeEmbedder())
    live = LiveSearcher(index, check_every=0)
    first = live.get()
    build_index(tiny_corpus, index, embedder=FakeEmbedder(), full=True)
    (current_generation(index) / "records.jsonl").write_text("", encoding="utf-8")
    assert live.get() is first


def test_without_an_index_the_error_explains_and_a_later_build_is_found(
    tiny_corpus: Path, tmp_path: Path, fake_embedder: None
):
    index = tmp_path / "index"
    live = LiveSearcher(index, check_every=0)
    with pytest.raises(IndexNotFoundError, match="skolsok index build --index"):
        live.get()
    build_index(tiny_corpus, index, embedder=FakeEmbedder())
    assert live.get().search("fjärrundervisning", top_k=1)[0].record.organization == "Dalby stad"
