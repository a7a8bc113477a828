import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import FakeEmbedder

from skolsok import IndexCorruptError, IndexLockedError, IndexNotFoundError, Searcher, build_index
from skolsok.cli import main
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
        "record_years.npy",
        "english_records.npy",
        "lexical/analyzer.json",
    } <= names
    manifest = json.loads((generation / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format_version"] == 1
    assert manifest["embedder"] == {"name": "fake/bag-of-words", "spec": "fake", "dim": 64}
    assert manifest["chunking"]["size"] == 400 and manifest["chunking"]["overlap"] == 200
    assert sorted(manifest["corpus"]["files"]) == ["cederkoping.txt", "dalby.md", "mottagare-2023.txt"]
    units = np.load(generation / "unit_spans.npy", allow_pickle=False)
    assert len(units) == load_generation(fake_index).units.ntotal > 4  # several sentence units a passage
    assert manifest["counts"] == {"documents": 3, "records": 4, "passages": 4, "units": len(units)}
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
    with build_lock(index), pytest.raises(IndexLockedError) as info:
        build_index(tiny_corpus, index, embedder=FakeEmbedder())
    assert str(info.value) == (
        f"another 'skolsok index build' (process {os.getpid()}) is running on {index} "
        "(wait for it to finish; the lock is released when it ends)"
    )
    build_index(tiny_corpus, index, embedder=FakeEmbedder())  # the lock is free again
    assert current_generation(index) is not None


HOLD_LOCK = """
import sys, time
from pathlib import Path
from skolsok.store import build_lock
with build_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(600)
"""


def test_the_lock_names_a_running_holder_and_dies_with_it(tiny_corpus: Path, tmp_path: Path):
    """The lock is an flock: held only while its process lives, so the advice is to wait, never
    to delete build.lock (which would let a second build run beside the first)."""
    index = tmp_path / "index"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(index)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        result = CliRunner().invoke(main, ["index", "build", "--corpus", str(tiny_corpus), "--index", str(index)])
        assert (result.exit_code, result.stderr) == (
            1,
            f"skolsok: error: another 'skolsok index build' (process {holder.pid}) is running on {index} "
            "(wait for it to finish; the lock is released when it ends)\n",
        )
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert (index / "build.lock").exists()  # left behind by the killed holder, and harmless
    build_index(tiny_corpus, index, embedder=FakeEmbedder())
    assert current_generation(index) is not None


def _damaged(index: Path, detail: str) -> str:
    return (
        f"the index in {index} is damaged or incompatible: {detail} "
        f"(rebuild it with: skolsok index build --full --index {index})"
    )


@pytest.mark.parametrize(
    ("pointer", "detail"),
    [
        (b"../outside\n", "CURRENT names '../outside', not a generation folder of this index"),
        (b"/etc\n", "CURRENT names '/etc', not a generation folder of this index"),
        (b"gen-x/../../outside", "CURRENT names 'gen-x/../../outside', not a generation folder of this index"),
        (b"gen-\x1b[31mred\n", "CURRENT names 'gen-\\x1b[31mred', not a generation folder of this index"),
        (b"gen-\xff\xfe\n", "CURRENT is not UTF-8 text"),
    ],
)
def test_a_current_pointer_outside_the_index_is_damage(fake_index: Path, tmp_path: Path, pointer: bytes, detail: str):
    outside = tmp_path / "outside"
    outside.mkdir()
    (fake_index / "CURRENT").write_bytes(pointer)
    with pytest.raises(IndexCorruptError) as info:
        load_generation(fake_index)
    assert str(info.value) == _damaged(fake_index, detail)
    for args in (["index", "status"], ["search", "skola"]):
        result = CliRunner().invoke(main, [*args, "--index", str(fake_index)])
        assert (result.exit_code, result.stderr) == (1, f"skolsok: error: {_damaged(fake_index, detail)}\n")


@pytest.mark.parametrize(("pointer", "state"), [(None, "missing"), (b"\n", "empty")])
def test_generations_without_a_current_pointer_are_damage_not_a_missing_index(
    fake_index: Path, pointer: bytes | None, state: str
):
    generations = sorted(p.name for p in fake_index.glob("gen-*"))
    if pointer is None:
        (fake_index / "CURRENT").unlink()
    else:
        (fake_index / "CURRENT").write_bytes(pointer)
    detail = f"CURRENT is {state}, though the folder holds index generations"
    with pytest.raises(IndexCorruptError) as info:
        load_generation(fake_index)
    assert str(info.value) == _damaged(fake_index, detail)
    # A question does not build "the missing index" from corpus/ over the generations.
    result = CliRunner().invoke(main, ["search", "skola", "--index", str(fake_index)])
    assert (result.exit_code, result.stderr) == (1, f"skolsok: error: {_damaged(fake_index, detail)}\n")
    assert sorted(p.name for p in fake_index.glob("gen-*")) == generations


def _edit_manifest(index: Path, change) -> None:
    path = current_generation(index) / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")


def _swap_file(manifest: dict, name: str) -> None:
    manifest["files"][name] = manifest["files"].pop("records.jsonl")


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        (
            lambda m: _swap_file(m, "../../../../etc/passwd"),
            "manifest.json: 'files' names a path outside the generation",
        ),
        (lambda m: _swap_file(m, "/etc/passwd"), "manifest.json: 'files' names a path outside the generation"),
        (lambda m: _swap_file(m, "lexical/../../x"), "manifest.json: 'files' names a path outside the generation"),
        (lambda m: m.update(files=["records.jsonl"]), "manifest.json: 'files' is not a table of files"),
        (
            lambda m: m["files"]["records.jsonl"].update(size="12"),
            "manifest.json: the entry of 'records.jsonl' in 'files' is malformed",
        ),
        (
            lambda m: m["files"]["records.jsonl"].update(size=True),
            "manifest.json: the entry of 'records.jsonl' in 'files' is malformed",
        ),
        (
            lambda m: m["files"]["records.jsonl"].update(sha256=None),
            "manifest.json: the entry of 'records.jsonl' in 'files' is malformed",
        ),
        (lambda m: m.update(embedder="e5"), "manifest.json: 'embedder' is malformed"),
        (lambda m: m["embedder"].update(dim="384"), "manifest.json: 'embedder' is malformed"),
        (lambda m: m["embedder"].pop("name"), "manifest.json: 'embedder' is malformed"),
        (lambda m: m.update(chunking=[400, 200]), "manifest.json: 'chunking' is malformed"),
        (lambda m: m.update(counts="many"), "manifest.json: 'counts' is malformed"),
        (lambda m: m["corpus"].update(files=["a.txt"]), "manifest.json: 'corpus' is malformed"),
        (lambda m: m.update(created=20261124), "manifest.json: 'created' is malformed"),
        (lambda m: m.update(format_version="1"), "format version '1', this skolsok reads version 1"),
    ],
)
def test_a_malformed_manifest_is_damage_not_a_crash(fake_index: Path, tiny_corpus: Path, change, detail: str):
    _edit_manifest(fake_index, change)
    with pytest.raises(IndexCorruptError) as info:
        load_generation(fake_index)
    assert str(info.value) == _damaged(fake_index, detail)
    for args in (["index", "status"], ["search", "skola"], ["ask", "Vem har digitala prov?"]):
        result = CliRunner().invoke(main, [*args, "--index", str(fake_index)])
        assert (result.exit_code, result.stderr) == (1, f"skolsok: error: {_damaged(fake_index, detail)}\n"), args
    # The next build does not reuse it, and says why.
    report = build_index(tiny_corpus, fake_index, embedder=FakeEmbedder())
    assert report.full_reason == "the previous index could not be read"


def test_a_listed_file_that_is_a_link_is_refused_without_reading_it(fake_index: Path, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("x" * 12345, encoding="utf-8")
    records = current_generation(fake_index) / "records.jsonl"
    records.unlink()
    records.symlink_to(secret)
    with pytest.raises(IndexCorruptError) as info:
        load_generation(fake_index)
    assert str(info.value) == _damaged(fake_index, "records.jsonl is a link, not a file of this index")
    assert "12345" not in str(info.value)


@pytest.fixture
def big_index_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the tiny index count as big (sampled checks on load) with small blocks."""
    import skolsok.store

    monkeypatch.setattr(skolsok.store, "_VERIFY_ON_LOAD_BYTES", 0)
    monkeypatch.setattr(skolsok.store, "_BLOCK", 256)


def _flip(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x10
    path.write_bytes(bytes(data))


def test_a_big_index_checks_every_small_file_fully_and_samples_the_vectors(
    tiny_corpus: Path, tmp_path: Path, big_index_rules: None
):
    index = tmp_path / "index"
    build_index(tiny_corpus, index, embedder=FakeEmbedder())
    generation = current_generation(index)
    manifest = json.loads((generation / "manifest.json").read_text(encoding="utf-8"))
    vectors = generation / "vectors.faiss"
    assert len(manifest["files"]["vectors.faiss"]["blocks"]) == -(-vectors.stat().st_size // 256) > 3
    load_generation(index)  # intact: loads

    _flip(vectors, vectors.stat().st_size // 2)  # a middle block; the sample covers all of these few
    with pytest.raises(IndexCorruptError, match=r"vectors\.faiss does not match its checksum"):
        load_generation(index)
    _flip(vectors, vectors.stat().st_size // 2)
    _flip(generation / "passages.jsonl", 5)  # not a vector file: always checked fully
    with pytest.raises(IndexCorruptError, match=r"passages\.jsonl does not match its checksum"):
        load_generation(index)


def test_a_flip_outside_the_sample_is_found_by_the_services_background_check(
    tiny_corpus: Path,
    tmp_path: Path,
    big_index_rules: None,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
):
    import skolsok.search
    import skolsok.store
    from skolsok import LiveSearcher

    monkeypatch.setattr(skolsok.store, "_SAMPLE_BLOCKS", 0)  # only the first and last block on load
    monkeypatch.setattr(skolsok.search, "load_embedder", lambda spec: FakeEmbedder())
    index = tmp_path / "index"
    build_index(tiny_corpus, index, embedder=FakeEmbedder())
    vectors = current_generation(index) / "vectors.faiss"
    _flip(vectors, vectors.stat().st_size // 2)
    load_generation(index)  # the sample misses it: this is what the background check is for
    with caplog.at_level(logging.ERROR, logger="skolsok"):
        live = LiveSearcher(index, check_every=3600)
        live.wait_for_background_check(timeout=30)
    assert live.damage == ["vectors.faiss does not match its checksum"]
    assert caplog.messages == [_damaged(index, "vectors.faiss does not match its checksum")]
    assert verify(index) == ["vectors.faiss does not match its checksum"]  # and index status says so


def test_hnsw_finds_what_exact_search_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The approximate index as stored and loaded: recall@10 against exact search on 5 000
    clustered vectors (the shape of real embeddings), with the product's M and efSearch."""
    import faiss

    import skolsok.store
    from skolsok.store import HNSW_EF_SEARCH, dense_index, read_dense

    rng = np.random.default_rng(7)
    centers = rng.normal(size=(50, 64))
    vectors = centers[rng.integers(0, 50, 5000)] + 0.6 * rng.normal(size=(5000, 64))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    queries = vectors[rng.choice(5000, 200, replace=False)] + 0.05 * rng.normal(size=(200, 64)).astype(np.float32)

    monkeypatch.setattr(skolsok.store, "HNSW_FROM", 1000)
    index, kind = dense_index(vectors)
    assert kind == "hnsw32"
    faiss.write_index(index, str(tmp_path / "v.faiss"))
    loaded = read_dense(tmp_path / "v.faiss")
    assert isinstance(loaded, faiss.IndexHNSW) and loaded.hnsw.efSearch == HNSW_EF_SEARCH

    exact, _ = dense_index(vectors[:999])  # below the switch: flat
    assert isinstance(exact, faiss.IndexFlatIP)
    flat = faiss.IndexFlatIP(64)
    flat.add(vectors)
    _, truth = flat.search(queries, 10)
    _, found = loaded.search(queries, 10)
    recall = np.mean([len(set(t) & set(f)) / 10 for t, f in zip(truth, found, strict=True)])
    assert recall >= 0.95
    assert np.array_equal(skolsok.store.stored_vectors(loaded), vectors)


def test_a_linked_folder_inside_a_generation_is_not_followed(fake_index: Path, tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "private.txt").write_text("x", encoding="utf-8")
    (current_generation(fake_index) / "lexical" / "loop").symlink_to(elsewhere)
    assert verify(fake_index) == ["lexical/loop does not belong to this index"]


@pytest.mark.parametrize(
    ("filename", "rows"),
    [
        *(
            ("record_years.npy", rows)
            for rows in (
                np.array([[0, 2022], [9, 2023]]),
                np.array([[-1, 2022]]),
                np.array([2022, 2023]),
                np.array([[0.5, 2022.0]]),
            )
        ),
        *(("english_records.npy", rows) for rows in (np.array([9]), np.array([-1]), np.array([[0]]), np.array([0.0]))),
    ],
)
def test_record_tables_that_do_not_fit_the_records_are_damage(fake_index: Path, filename: str, rows: np.ndarray):
    from skolsok.store import _checksums

    generation = current_generation(fake_index)
    assert generation is not None
    np.save(generation / filename, rows)
    _edit_manifest(fake_index, lambda m: m["files"].update({filename: _checksums(generation / filename)}))
    with pytest.raises(IndexCorruptError) as info:
        load_generation(fake_index)
    assert str(info.value) == _damaged(fake_index, f"{filename} does not line up with the records")
