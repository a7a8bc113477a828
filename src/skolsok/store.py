"""The index on disk: a folder of plain files per generation, switched atomically.

::

    index/
      CURRENT                 name of the live generation (replaced atomically)
      build.lock              held by a running build
      gen-20261124T013000-1a2b/
        manifest.json         format version, embedder, chunking, corpus hashes, file checksums
        records.jsonl         one record per line, with its cleaned text
        passages.jsonl        record id and character offsets of each passage
        vectors.faiss         dense vectors of the passages (faiss)
        units.faiss           dense vectors of the records' sentence units (faiss)
        unit_spans.npy        (record index, start, end) of each unit, grouped by record
        passage_units.npy     [begin, end) rows of the units inside each passage
        passage_hashes.npy    hash of each embedded passage text (reused by the next build)
        unit_hashes.npy       hash of each embedded unit text
        record_years.npy      (record index, year) of each year a record is about, grouped by record
        english_records.npy   index of each record whose text is in English
        lexical/              BM25 (bm25s files) and the analyzer's compound table

A build writes a new generation beside the live one and then replaces ``CURRENT``; readers never
see a half-written index, and a crashed build leaves the previous generation answering.

``record_years.npy`` and ``english_records.npy`` came later within format version 1: a generation
whose manifest does not list them is read without them (its years are then computed when first
needed, its languages when it is opened), and older code reads the new generations (it checks the
files against the manifest and ignores them).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import random
import re
import secrets
import shutil
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .errors import IndexCorruptError, IndexLockedError, IndexNotFoundError
from .lexical import LexicalIndex
from .schema import Passage, Record

FORMAT_VERSION = 1
CURRENT = "CURRENT"
MANIFEST = "manifest.json"
#: Optional within format version 1 (see the module docstring).
YEARS_FILE = "record_years.npy"
ENGLISH_FILE = "english_records.npy"
_KEEP_GENERATIONS = 2
#: From this many vectors on, an index is approximate (HNSW) instead of exact (flat).
HNSW_FROM = 50_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
#: HNSW search breadth: recall@10 against exact search is in docs/benchmarks.md.
HNSW_EF_SEARCH = 256
#: Below this total size every file is checksummed on load. Above it every file is still
#: checksummed except the dense vector files, the bulk of a big index, of which a sample of blocks
#: is checked (each block has its own checksum in the manifest); a long-running service then checks
#: them fully in the background (:class:`~skolsok.live.LiveSearcher`), and ``index status`` always does.
_VERIFY_ON_LOAD_BYTES = 64 * 1024 * 1024
_SAMPLED_FILES = frozenset({"vectors.faiss", "units.faiss"})
#: Files larger than one block get a checksum per block in the manifest.
_BLOCK = 1 << 20
#: Blocks checked when a file is sampled: the first, the last and this many more at random.
_SAMPLE_BLOCKS = 16
#: What ``CURRENT`` may name: a folder beside it, never a path.
_GENERATION_NAME = re.compile(r"gen-[A-Za-z0-9_-]{1,100}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass
class DenseVectors:
    """Passage vectors, sentence-unit vectors, unit spans and each passage's unit range, and the
    hashes of the texts the vectors were made from."""

    passages: np.ndarray
    units: np.ndarray
    unit_spans: np.ndarray
    passage_units: np.ndarray
    passage_hashes: np.ndarray
    unit_hashes: np.ndarray


def dense_index(vectors: np.ndarray) -> tuple[Any, str]:
    """A faiss index for ``vectors`` and its kind: exact (flat) while that is fast enough, HNSW from
    :data:`HNSW_FROM` vectors on (see ``docs/benchmarks.md`` for where the switch pays)."""
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = int(vectors.shape[1])
    index: Any
    if len(vectors) < HNSW_FROM:
        index = faiss.IndexFlatIP(dim)
        kind = "flat"
    else:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        kind = f"hnsw{HNSW_M}"
    index.add(vectors)
    return index, kind


def stored_vectors(index: Any) -> np.ndarray:
    """The raw vectors of a flat or HNSW-flat index, as a zero-copy (n, d) array."""
    import faiss

    flat = faiss.downcast_index(index.storage) if isinstance(index, faiss.IndexHNSW) else index
    if not isinstance(flat, faiss.IndexFlat):
        raise TypeError(f"unsupported faiss index type {type(index).__name__}")
    if flat.ntotal == 0:
        return np.zeros((0, flat.d), dtype=np.float32)
    return faiss.rev_swig_ptr(flat.get_xb(), flat.ntotal * flat.d).reshape(flat.ntotal, flat.d)


def text_hash(text: str) -> str:
    """What identifies an embedded text: equal hashes, equal vectors (for one embedder)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def crash_point(name: str) -> None:
    """Test hook: die here, as by ``kill -9``, when ``SKOLSOK_CRASH_AT`` names this point."""
    if os.environ.get("SKOLSOK_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass
class StoredIndex:
    """A loaded generation: everything search needs."""

    path: Path
    manifest: dict[str, Any]
    records: dict[str, Record]
    passages: list[Passage]
    dense: Any  # faiss.Index over passages
    units: Any  # faiss.Index over sentence units
    unit_spans: np.ndarray
    passage_units: np.ndarray
    lexical: LexicalIndex
    #: ``(record index, year)`` rows of the years each record is about (``records.years_table``),
    #: grouped by record; ``None`` for a generation built before they were stored.
    record_years: np.ndarray | None = None
    #: Indexes of the records in English (``records.english_records``); ``None`` for a generation
    #: built before they were stored.
    english_records: np.ndarray | None = None

    @property
    def record_list(self) -> list[Record]:
        """Records in stored order: the order ``unit_spans`` indexes."""
        return list(self.records.values())

    @property
    def embedder_name(self) -> str:
        return str(self.manifest["embedder"]["name"])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def _block_hash(block: bytes) -> str:
    return hashlib.sha256(block).hexdigest()[:32]


def _checksums(path: Path) -> dict[str, Any]:
    """Size, sha256 and, for files over one block, a checksum per block (for sampled checks)."""
    digest = hashlib.sha256()
    blocks = []
    size = 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(_BLOCK), b""):
            digest.update(block)
            blocks.append(_block_hash(block))
            size += len(block)
    info: dict[str, Any] = {"size": size, "sha256": digest.hexdigest()}
    if len(blocks) > 1:
        info["blocks"] = blocks
    return info


def _sample_matches(path: Path, blocks: list[str]) -> bool:
    """Whether the first, the last and a random sample of the other blocks match their checksums."""
    chosen = {0, len(blocks) - 1}
    middle = range(1, len(blocks) - 1)
    chosen.update(random.sample(middle, min(_SAMPLE_BLOCKS, len(middle))))
    with path.open("rb") as fh:
        for i in sorted(chosen):
            fh.seek(i * _BLOCK)
            if _block_hash(fh.read(_BLOCK)) != blocks[i]:
                return False
    return True


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_text_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _lock_holder(fh: Any) -> int | None:
    """The process id the lock holder wrote into the lock file, if it is still running."""
    fh.seek(0)
    text = fh.read(32).strip()
    if not text.isdigit():
        return None
    pid = int(text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, owned by someone else
    return pid


@contextlib.contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """Exclusive lock for a build; released by the OS even if the process is killed.

    The lock is the ``flock`` on ``build.lock``, not the file's existence: a lock that cannot be
    taken is held by a running process (a killed build's lock is gone with it), so deleting the
    file never helps (it would let a second build run beside the first). The holder writes its
    process id into the file for the message.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / "build.lock").open("a+") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexLockedError(str(index_dir), _lock_holder(fh)) from None
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(f"{os.getpid()}\n")
            fh.flush()
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def current_generation(index_dir: Path) -> Path | None:
    """The live generation's folder, or None when there is no index; a ``CURRENT`` that does not
    name a generation folder beside it (a path, ``../``, bytes that are not UTF-8) is damage."""
    pointer = index_dir / CURRENT
    if not pointer.is_file():
        _no_pointer(index_dir, "missing")
        return None
    try:
        name = pointer.read_bytes()[:1000].decode("utf-8").strip()
    except UnicodeDecodeError:
        raise IndexCorruptError(str(index_dir), f"{CURRENT} is not UTF-8 text") from None
    except OSError as exc:
        raise IndexCorruptError(str(index_dir), f"{CURRENT} is unreadable ({exc.strerror})") from None
    if not name:
        _no_pointer(index_dir, "empty")
        return None
    if not _GENERATION_NAME.fullmatch(name):
        raise IndexCorruptError(str(index_dir), f"{CURRENT} names {name[:60]!r}, not a generation folder of this index")
    return index_dir / name


def _no_pointer(index_dir: Path, state: str) -> None:
    """Raises when generations lie in ``index_dir`` though no ``CURRENT`` names one: that is damage,
    not an index yet to build (building "the missing index" from another corpus would replace them)."""
    if any(p.is_dir() for p in index_dir.glob("gen-*")):
        raise IndexCorruptError(str(index_dir), f"{CURRENT} is {state}, though the folder holds index generations")


def write_generation(
    index_dir: Path,
    manifest: dict[str, Any],
    records: list[Record],
    passages: list[Passage],
    vectors: DenseVectors,
    lexical: LexicalIndex,
    record_years: np.ndarray,
    english: np.ndarray,
) -> Path:
    """Write a complete generation, then make it the live one. Returns its folder.
    ``record_years``: ``records.years_table(records)``; ``english``: ``records.english_records(records)``."""
    import faiss

    index_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    name = f"gen-{stamp}-{secrets.token_hex(2)}"
    tmp = index_dir / f".{name}.tmp"
    tmp.mkdir()
    try:
        with (tmp / "records.jsonl").open("w", encoding="utf-8") as fh:
            for record in records:
                fh.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        with (tmp / "passages.jsonl").open("w", encoding="utf-8") as fh:
            for p in passages:
                fh.write(json.dumps({"id": p.id, "record_id": p.record_id, "start": p.start, "end": p.end}) + "\n")
        kinds = {}
        for filename, array in (("vectors.faiss", vectors.passages), ("units.faiss", vectors.units)):
            index, kinds[filename] = dense_index(array)
            faiss.write_index(index, str(tmp / filename))
        np.save(tmp / "unit_spans.npy", vectors.unit_spans.astype(np.int64))
        np.save(tmp / "passage_units.npy", vectors.passage_units.astype(np.int64))
        np.save(tmp / "passage_hashes.npy", np.asarray(vectors.passage_hashes, dtype="<U32"))
        np.save(tmp / "unit_hashes.npy", np.asarray(vectors.unit_hashes, dtype="<U32"))
        np.save(tmp / YEARS_FILE, np.asarray(record_years, dtype=np.int64).reshape(-1, 2))
        np.save(tmp / ENGLISH_FILE, np.asarray(english, dtype=np.int64).reshape(-1))
        crash_point("writing")
        lexical.save(tmp / "lexical")
        files = {}
        for path in sorted(p for p in tmp.rglob("*") if p.is_file()):
            files[path.relative_to(tmp).as_posix()] = _checksums(path)
            with path.open("rb") as fh:
                os.fsync(fh.fileno())
        manifest = {
            **manifest,
            "format_version": FORMAT_VERSION,
            "generation": name,
            "dense_index": kinds,
            "files": files,
        }
        _write_text_atomic(tmp / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        final = index_dir / name
        os.replace(tmp, final)
        _fsync_dir(index_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    crash_point("switching")
    _write_text_atomic(index_dir / CURRENT, name + "\n")
    _prune(index_dir, keep=name)
    return final


def _prune(index_dir: Path, keep: str) -> None:
    """Remove leftovers of crashed builds and all but the newest generations."""
    for tmp in index_dir.glob(".gen-*.tmp"):
        shutil.rmtree(tmp, ignore_errors=True)
    generations = sorted((p for p in index_dir.glob("gen-*") if p.is_dir()), key=lambda p: p.name)
    old = [p for p in generations if p.name != keep][: -(_KEEP_GENERATIONS - 1) or None]
    for path in old:
        shutil.rmtree(path, ignore_errors=True)


def read_manifest(index_dir: Path) -> tuple[Path, dict[str, Any]]:
    """The live generation's folder and manifest; raises if there is none or it is unreadable."""
    generation = current_generation(index_dir)
    if generation is None:
        raise IndexNotFoundError(str(index_dir))
    if generation.is_symlink():
        raise IndexCorruptError(str(index_dir), f"{generation.name} is a link, not a generation folder")
    try:
        manifest = json.loads((generation / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexCorruptError(str(index_dir), f"{generation.name}/{MANIFEST} is missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndexCorruptError(str(index_dir), f"{MANIFEST} is unreadable ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format_version") != FORMAT_VERSION:
        version = manifest.get("format_version") if isinstance(manifest, dict) else None
        shown = version if _is_int(version) else repr(str(version)[:20])
        raise IndexCorruptError(str(index_dir), f"format version {shown}, this skolsok reads version {FORMAT_VERSION}")
    problem = _manifest_problem(manifest)
    if problem:
        raise IndexCorruptError(str(index_dir), f"{MANIFEST}: {problem}")
    return generation, manifest


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _safe_relative(rel: str) -> bool:
    """A path inside the generation: relative, no ``..``, no empty or dot parts."""
    parts = rel.split("/")
    return bool(rel) and "\\" not in rel and "\0" not in rel and all(p not in ("", ".", "..") for p in parts)


def _manifest_problem(manifest: dict[str, Any]) -> str | None:
    """What is wrong with the fields the code reads, if anything (never echoing file contents)."""
    files = manifest.get("files")
    if not isinstance(files, dict):
        return "'files' is not a table of files"
    for rel, info in files.items():
        if not isinstance(rel, str) or not _safe_relative(rel) or rel == MANIFEST:
            return "'files' names a path outside the generation"
        if not (
            isinstance(info, dict)
            and _is_int(info.get("size"))
            and info["size"] >= 0
            and isinstance(info.get("sha256"), str)
            and _SHA256.fullmatch(info["sha256"])
        ):
            return f"the entry of {rel[:60]!r} in 'files' is malformed"
        blocks = info.get("blocks")
        if blocks is not None and not (
            isinstance(blocks, list)
            and len(blocks) == -(-info["size"] // _BLOCK)
            and all(isinstance(b, str) for b in blocks)
        ):
            return f"the block checksums of {rel[:60]!r} are malformed"
    embedder = manifest.get("embedder")
    if not (
        isinstance(embedder, dict)
        and isinstance(embedder.get("name"), str)
        and _is_int(embedder.get("dim"))
        and isinstance(embedder.get("spec", ""), str)
    ):
        return "'embedder' is malformed"
    for table in ("chunking", "counts", "corpus", "dense_index", "lexical"):
        if not isinstance(manifest.get(table, {}), dict):
            return f"{table!r} is malformed"
    corpus_files = manifest.get("corpus", {}).get("files", {})
    if not (
        isinstance(corpus_files, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in corpus_files.items())
    ):
        return "'corpus' is malformed"
    for text in ("created", "skolsok_version", "generation"):
        if not isinstance(manifest.get(text, ""), str):
            return f"{text!r} is malformed"
    return None


def verify(index_dir: Path, checksums: bool = True) -> list[str]:
    """Problems with the live generation's files: missing, wrong size, wrong checksum, foreign."""
    return _problems(*read_manifest(index_dir), checksums=checksums)


def _checked(index_dir: Path, checksums: bool) -> tuple[Path, dict[str, Any]]:
    """The live generation and its manifest, read once, after checking its files against it."""
    generation, manifest = read_manifest(index_dir)
    problems = _problems(generation, manifest, checksums)
    if problems:
        raise IndexCorruptError(str(index_dir), "; ".join(problems[:3]))
    return generation, manifest


def _problems(generation: Path, manifest: dict[str, Any], checksums: bool | str) -> list[str]:
    """Problems of the generation's files. ``checksums``: True (every file fully), False (sizes
    only) or ``"sampled"`` (every file fully except the dense vector files, sampled by block)."""
    problems = []
    listed: dict[str, Any] = manifest["files"]
    root = generation.resolve()
    for rel, info in listed.items():
        path = generation / rel
        # Only regular files inside the generation are looked at: a link could point anywhere and
        # its size or contents must not reach a message.
        if path.is_symlink() or root not in path.resolve().parents:
            problems.append(f"{rel} is a link, not a file of this index")
        elif not path.is_file():
            problems.append(f"{rel} is missing")
        elif path.stat().st_size != info["size"]:
            problems.append(f"{rel} has {path.stat().st_size} bytes, expected {info['size']}")
        elif checksums == "sampled" and rel in _SAMPLED_FILES and "blocks" in info:
            if not _sample_matches(path, info["blocks"]):
                problems.append(f"{rel} does not match its checksum")
        elif checksums and _sha256(path) != info["sha256"]:
            problems.append(f"{rel} does not match its checksum")
    for rel in _entries(generation):
        if rel != MANIFEST and rel not in listed:
            problems.append(f"{rel} does not belong to this index")
    return problems


def _entries(generation: Path) -> Iterator[str]:
    """Relative paths of the files and links below ``generation``; links to folders are not
    followed (one could lead anywhere, or in circles)."""
    for folder, dirs, files in os.walk(generation):
        base = Path(folder)
        links = [d for d in dirs if (base / d).is_symlink()]
        for name in sorted(files + links):
            yield (base / name).relative_to(generation).as_posix()


def needs_background_check(manifest: dict[str, Any]) -> bool:
    """Whether loading checked only a sample of some files (see :data:`_VERIFY_ON_LOAD_BYTES`)."""
    return bool(sum(info["size"] for info in manifest["files"].values()) > _VERIFY_ON_LOAD_BYTES)


def check_generation(generation: Path) -> list[str]:
    """Problems found by fully checksumming ``generation`` (a loaded one, for a background check);
    empty when it has been replaced or removed meanwhile."""
    try:
        manifest = json.loads((generation / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return [] if not generation.exists() else [f"{MANIFEST} is unreadable"]
    if not isinstance(manifest, dict) or _manifest_problem(manifest):
        return [f"{MANIFEST} is malformed"]
    return _problems(generation, manifest, checksums=True) if generation.exists() else []


def embedding_cache(index_dir: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The live generation's manifest and its vectors by text hash, for reuse by a new build."""
    import faiss

    generation, manifest = _checked(index_dir, checksums=True)
    cache: dict[str, np.ndarray] = {}
    try:
        for vectors_file, hashes_file in (("vectors.faiss", "passage_hashes.npy"), ("units.faiss", "unit_hashes.npy")):
            index = faiss.read_index(str(generation / vectors_file))
            hashes = np.load(generation / hashes_file, allow_pickle=False)
            cache.update(zip(hashes.tolist(), stored_vectors(index).copy(), strict=True))
    except (OSError, ValueError, RuntimeError, TypeError, AttributeError) as exc:
        raise IndexCorruptError(str(index_dir), f"{type(exc).__name__}: {str(exc)[:200]!r}") from None
    return manifest, cache


def read_dense(path: Path) -> Any:
    """A stored faiss index, ready to search (HNSW with its search breadth set)."""
    import faiss

    index = faiss.read_index(str(path))
    if isinstance(index, faiss.IndexHNSW):
        index.hnsw.efSearch = HNSW_EF_SEARCH
    return index


def load_generation(index_dir: Path) -> StoredIndex:
    """Load the live generation after checking its files against the manifest."""
    generation, manifest = read_manifest(index_dir)
    problems = _problems(generation, manifest, checksums="sampled" if needs_background_check(manifest) else True)
    if problems:
        raise IndexCorruptError(str(index_dir), "; ".join(problems[:3]))
    try:
        records = {}
        with (generation / "records.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                record = Record.from_dict(json.loads(line))
                records[record.id] = record
        passages = []
        with (generation / "passages.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                record = records[row["record_id"]]
                passages.append(
                    Passage(
                        row["id"], row["record_id"], row["start"], row["end"], record.text[row["start"] : row["end"]]
                    )
                )
        dense = read_dense(generation / "vectors.faiss")
        units = read_dense(generation / "units.faiss")
        unit_spans = np.load(generation / "unit_spans.npy", allow_pickle=False)
        passage_units = np.load(generation / "passage_units.npy", allow_pickle=False)
        lexical = LexicalIndex.load(generation / "lexical")
        record_years = np.load(generation / YEARS_FILE, allow_pickle=False) if YEARS_FILE in manifest["files"] else None
        english = np.load(generation / ENGLISH_FILE, allow_pickle=False) if ENGLISH_FILE in manifest["files"] else None
    except (OSError, KeyError, ValueError, RuntimeError, TypeError, AttributeError, IndexError) as exc:
        raise IndexCorruptError(str(index_dir), f"{type(exc).__name__}: {str(exc)[:200]!r}") from None
    if dense.ntotal != len(passages):
        raise IndexCorruptError(str(index_dir), f"{dense.ntotal} vectors for {len(passages)} passages")
    if (
        units.ntotal != len(unit_spans)
        or unit_spans.shape[1:] != (3,)
        or passage_units.shape != (len(passages), 2)
        or (len(passage_units) and int(passage_units.max(initial=0)) > len(unit_spans))
    ):
        raise IndexCorruptError(str(index_dir), "sentence units do not line up with passages")
    if record_years is not None and not (
        record_years.dtype == np.int64
        and record_years.shape[1:] == (2,)
        and bool(((record_years[:, 0] >= 0) & (record_years[:, 0] < len(records))).all())
    ):
        raise IndexCorruptError(str(index_dir), f"{YEARS_FILE} does not line up with the records")
    if english is not None and not (
        english.dtype == np.int64 and english.ndim == 1 and bool(((english >= 0) & (english < len(records))).all())
    ):
        raise IndexCorruptError(str(index_dir), f"{ENGLISH_FILE} does not line up with the records")
    return StoredIndex(
        generation, manifest, records, passages, dense, units, unit_spans, passage_units, lexical, record_years, english
    )
