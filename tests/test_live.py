"""A long-running searcher follows index rebuilds."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from conftest import PRESS_RELEASE, FakeEmbedder

from skolsok import IndexCorruptError, IndexNotFoundError, LiveSearcher, build_index
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


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda index: (index / "CURRENT").write_bytes(b"gen-\xff\xfe\n"), id="non-utf8-current"),
        pytest.param(lambda index: (index / "CURRENT").write_text("../elsewhere\n"), id="current-outside"),
        pytest.param(
            lambda index: (current_generation(index) / "manifest.json").write_text(
                '{"format_version": 1, "files": {"records.jsonl": {"size": "x", "sha256": 1}}}'
            ),
            id="wrong-typed-manifest",
        ),
    ],
)
def test_a_damaged_switch_never_escapes_to_the_callers(
    tiny_corpus: Path, tmp_path: Path, fake_embedder: None, damage, caplog: pytest.LogCaptureFixture
):
    index = tmp_path / "index"
    build_index(tiny_corpus, index, embedder=FakeEmbedder())
    live = LiveSearcher(index, check_every=0)
    first = live.get()
    build_index(tiny_corpus, index, embedder=FakeEmbedder(), full=True)
    damage(index)
    with caplog.at_level(logging.WARNING, logger="skolsok"):
        assert live.get() is first
        assert live.reload() is False
    assert caplog.messages and all(
        m.startswith(f"keeping generation {first.index.path.name}: ") for m in caplog.messages
    )
    assert "damaged or incompatible" in caplog.messages[0]


def test_an_unexpected_failure_while_loading_keeps_the_old_one_or_is_one_clear_error(
    tiny_corpus: Path, tmp_path: Path, fake_embedder: None, monkeypatch: pytest.MonkeyPatch
):
    import skolsok.live

    index = tmp_path / "index"
    build_index(tiny_corpus, index, embedder=FakeEmbedder())
    live = LiveSearcher(index, check_every=0)
    first = live.get()

    def broken(index_dir: Path) -> None:
        raise MemoryError("out of memory")

    monkeypatch.setattr(skolsok.live, "load_generation", broken)
    build_index(tiny_corpus, index, embedder=FakeEmbedder(), full=True)
    assert live.get() is first
    with pytest.raises(IndexCorruptError) as info:
        LiveSearcher(index).get()
    assert str(info.value) == (
        f"the index in {index} is damaged or incompatible: MemoryError: 'out of memory' "
        f"(rebuild it with: skolsok index build --full --index {index})"
    )
