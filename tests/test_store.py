import json
from pathlib import Path

import pytest
from conftest import FakeEmbedder

from skolsok import IndexCorruptError, IndexLockedError, IndexNotFoundError, Searcher, build_index
from skolsok.store import build_lock, current_generation, load_generation, verify


@pytest.fixture
def fake_index(tiny_corpus: Path, tmp_path: Path) -> Path:
    build_index(tiny_corpus, tmp_path / "index", embedder=FakeEmbedder())
    return tmp_path / "index"


def test_index_is_a_folder_of_plain_files_with_a_manifest(fake_index: Path):
    generation = current_generation(fake_index)
    assert generation is not None and generation.parent == fake_index
    names = {p.relative_to(generation).as_posix() for p in generation.rglob("*") if p.is_file()}
    assert {
        "manifest.json",
        "records.jsonl",
        "passages.jsonl",
        "vectors.faiss",
        "units.faiss",
        "unit_spans.npy",
        "passage_units.npy",
        "lexical/analyzer.json",
    } <= names
    manifest = json.loads((generation / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format_version"] == 1
    assert manifest["embedder"] == {"name": "fake/bag-of-words", "spec": "fake", "dim": 64}
    assert manifest["chunking"]["size"] == 400 and manifest["chunking"]["overlap"] == 200
    assert sorted(manifest["corpus"]["files"]) == ["cederkoping.txt", "dalby.md", "mottagare-2023.txt"]
    assert manifest["counts"] == {"documents": 3, "records": 4, "passages": 4, "units": manifest["counts"]["units"]}
    assert set(manifest["files"]) == names - {"manifest.json"}
    assert verify(fake_index) == []


def test_load_round_trip_keeps_records_and_offsets(fake_index: Path):
    stored = load_generation(fake_index)
    assert len(stored.passages) == stored.dense.ntotal == 4
    for p in stored.passages:
        assert stored.records[p.record_id].text[p.start : p.end] == p.text


def test_missing_index_is_reported_with_the_build_command(tmp_path: Path):
    with pytest.raises(IndexNotFoundError) as info:
        load_generation(tmp_path / "none")
    assert (
        str(info.value)
        == f"no index found in {tmp_path / 'none'} (build it with: skolsok index build --index {tmp_path / 'none'})"
    )


def test_truncated_file_is_detected(fake_index: Path):
    vectors = current_generation(fake_index) / "vectors.faiss"
    vectors.write_bytes(vectors.read_bytes()[:100])
    with pytest.raises(
        IndexCorruptError, match=r"vectors\.faiss has 100 bytes, expected \d+.*skolsok index build --full"
    ):
        load_generation(fake_index)


def test_same_size_tampering_is_detected_by_checksum(fake_index: Path):
    records = current_generation(fake_index) / "records.jsonl"
    data = bytearray(records.read_bytes())
    data[10] ^= 1
    records.write_bytes(bytes(data))
    with pytest.raises(IndexCorruptError, match=r"records\.jsonl does not match its checksum"):
        load_generation(fake_index)


def test_deleted_and_foreign_files_are_detected(fake_index: Path):
    generation = current_generation(fake_index)
    (generation / "passages.jsonl").unlink()
    (generation / "stray.bin").write_bytes(b"x")
    assert verify(fake_index) == ["passages.jsonl is missing", "stray.bin does not belong to this index"]


def test_unknown_format_version_is_refused(fake_index: Path):
    manifest_path = current_generation(fake_index) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["format_version"] = 99
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="format version 99, this skolsok reads version 1"):
        Searcher.open(fake_index)


def test_rebuild_switches_generation_and_keeps_only_recent_ones(tiny_corpus: Path, fake_index: Path):
    first = current_generation(fake_index)
    for _ in range(3):
        build_index(tiny_corpus, fake_index, embedder=FakeEmbedder())
    assert current_generation(fake_index) != first
    assert len([p for p in fake_index.glob("gen-*") if p.is_dir()]) == 2
    assert not list(fake_index.glob(".gen-*"))


def test_a_second_build_fails_while_one_holds_the_lock(tiny_corpus: Path, tmp_path: Path):
    index = tmp_path / "index"
    with build_lock(index), pytest.raises(IndexLockedError, match="another 'skolsok index build' is running"):
        build_index(tiny_corpus, index, embedder=FakeEmbedder())
    build_index(tiny_corpus, index, embedder=FakeEmbedder())  # the lock is free again
    assert current_generation(index) is not None
