"""Building an index from a corpus folder: read, chunk, embed, index, write."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__
from .chunking import ChunkSettings, chunk_records, passage_unit_ranges, record_units
from .corpus import Corpus, SkippedFile, load_corpus
from .embedding import DEFAULT_EMBEDDER, Embedder, load_embedder
from .errors import EmptyCorpusError, IndexCorruptError, IndexNotFoundError
from .lexical import LexicalIndex, prefetch_dictionary
from .records import english_records, years_table
from .schema import KIND_LABELS_SV, Passage, Record
from .store import DenseVectors, build_lock, crash_point, embedding_cache, text_hash, write_generation

log = logging.getLogger("skolsok")

#: ``progress(stage, done, total)``; stages: "read", "embed", "write".
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildReport:
    """What a build did. Document changes compare file hashes with the previous index;
    ``embedded`` texts were new to the embedder, ``reused`` ones came from the previous index."""

    index_path: str
    generation: str
    documents: int
    records: int
    passages: int
    embedder: str
    seconds: float
    skipped: tuple[SkippedFile, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    embedded: int = 0
    reused: int = 0
    #: Why nothing was reused (first build, ``full=True``, other embedder or chunking), or ``None``.
    full_reason: str | None = None
    #: Seconds spent reading files with the format readers (part of ``seconds``).
    read_seconds: float = 0.0


def passage_context(record: Record) -> str:
    """What the embedder and BM25 see besides the passage: who, what kind, when."""
    parts = [record.display_name]
    label = KIND_LABELS_SV.get(record.kind, record.kind)
    parts.append(f"{label} {record.year}" if record.year else label)
    return ", ".join(parts)


def embedding_text(record: Record, passage: Passage) -> str:
    return f"{passage_context(record)}.\n{passage.text}"


def build_index(
    corpus_dir: str | Path = "corpus",
    index_dir: str | Path = "index",
    embedder: str | Embedder = DEFAULT_EMBEDDER,
    chunking: ChunkSettings | None = None,
    progress: Progress | None = None,
    full: bool = False,
) -> BuildReport:
    """Build a new index generation from ``corpus_dir`` and make it live in ``index_dir``.

    Vectors of texts the previous generation already embedded are reused, so only added or
    changed documents cost embedding time; ``full=True``, another embedder or other chunk settings
    embed everything again.
    """
    started = time.perf_counter()
    chunking = chunking or ChunkSettings()
    index_path = Path(index_dir)
    with build_lock(index_path):
        # The Swedish dictionary takes ~0.5 s to load; do it on the core that reading and
        # chunking leave idle, before embedding needs both cores.
        threading.Thread(target=prefetch_dictionary, name="skolsok-dictionary", daemon=True).start()
        corpus = load_corpus(corpus_dir)
        if not corpus.records:
            raise EmptyCorpusError(str(corpus_dir), [(f.source, f.reason) for f in corpus.skipped])
        if progress:
            progress("read", len(corpus.documents), len(corpus.documents))
        model = load_embedder(embedder) if isinstance(embedder, str) else embedder
        previous_files, cache, full_reason = _previous(index_path, model, chunking, full)
        records = corpus.records
        by_id = {record.id: record for record in records}
        passages = chunk_records(records, chunking)
        texts = [embedding_text(by_id[p.record_id], p) for p in passages]
        units = record_units(records, chunking)
        unit_texts = [records[r].text[s:e] for r, s, e in units.spans.tolist()]
        passage_hashes = [text_hash(t) for t in texts]
        unit_hashes = [text_hash(t) for t in unit_texts]
        total = sum(h not in cache for h in dict.fromkeys(passage_hashes + unit_hashes))
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress("embed", done, total)
            crash_point("embedding")

        vectors = _embed(model, texts, passage_hashes, cache, step)
        unit_vectors = _embed(model, unit_texts, unit_hashes, cache, step)
        lexical = LexicalIndex.build(texts)
        manifest = _manifest(corpus, model, chunking, len(records), len(passages), len(unit_texts))
        if progress:
            progress("write", 0, 1)
        generation = write_generation(
            index_path,
            manifest,
            records,
            passages,
            DenseVectors(
                vectors,
                unit_vectors,
                units.spans,
                passage_unit_ranges(passages, records, units),
                np.asarray(passage_hashes),
                np.asarray(unit_hashes),
            ),
            lexical,
            years_table(records),
            english_records(records),
        )
        if progress:
            progress("write", 1, 1)
    warnings = (*corpus.warnings, *(f"{doc.source}: {w}" for doc in corpus.documents for w in doc.warnings))
    current = corpus.hashes
    return BuildReport(
        index_path=str(index_path),
        generation=generation.name,
        documents=len(corpus.documents),
        records=len(records),
        passages=len(passages),
        embedder=model.name,
        seconds=time.perf_counter() - started,
        skipped=corpus.skipped,
        warnings=warnings,
        added=tuple(sorted(set(current) - set(previous_files))),
        changed=tuple(sorted(f for f in current if f in previous_files and previous_files[f] != current[f])),
        removed=tuple(sorted(set(previous_files) - set(current))),
        unchanged=tuple(sorted(f for f in current if previous_files.get(f) == current[f])),
        embedded=total,
        reused=len(set(passage_hashes + unit_hashes)) - total,
        full_reason=full_reason,
        read_seconds=corpus.read_seconds,
    )


def _previous(
    index_path: Path, model: Embedder, chunking: ChunkSettings, full: bool
) -> tuple[dict[str, str], dict[str, np.ndarray], str | None]:
    """The previous generation's corpus file hashes and reusable vectors, or why none are reused."""
    try:
        manifest, cache = embedding_cache(index_path)
    except IndexNotFoundError:
        return {}, {}, "no previous index"
    except IndexCorruptError as exc:
        log.info("previous index not reused: %s", exc)
        return {}, {}, "the previous index could not be read"
    files = dict(manifest.get("corpus", {}).get("files", {}))
    if full:
        return files, {}, "--full was asked for"
    if manifest["embedder"]["name"] != model.name:
        return files, {}, f"the embedder changed ({manifest['embedder']['name']} → {model.name})"
    if manifest.get("chunking") != chunking.to_dict():
        return files, {}, "the chunk settings changed"
    return files, cache, None


def _embed(
    model: Embedder, texts: list[str], hashes: list[str], cache: dict[str, np.ndarray], step: Callable[[int], None]
) -> np.ndarray:
    """Vectors for ``texts``: from ``cache`` where the hash is known, else embedded (and cached)."""
    missing = list(dict.fromkeys(h for h in hashes if h not in cache))
    if missing:
        first = {h: i for i, h in reversed(list(enumerate(hashes)))}
        fresh = model.embed_passages([texts[first[h]] for h in missing], progress=step)
        cache.update(zip(missing, fresh, strict=True))
    out = np.empty((len(texts), model.dim), dtype=np.float32)
    for i, h in enumerate(hashes):
        out[i] = cache[h]
    return out


def _manifest(
    corpus: Corpus, model: Embedder, chunking: ChunkSettings, records: int, passages: int, units: int
) -> dict[str, Any]:
    return {
        "skolsok_version": __version__,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "embedder": {"name": model.name, "spec": model.spec, "dim": model.dim},
        "chunking": chunking.to_dict(),
        "lexical": {"bm25": "bm25s lucene k1=1.2 b=0.75", "stemmer": "snowball-swedish", "compounds": True},
        # Absolute: ``changes_since`` looks at it from wherever a later command runs.
        "corpus": {
            "path": str(Path(corpus.root).resolve()),
            "files": corpus.hashes,
            "skipped": [f.source for f in corpus.skipped],
            "sidecars": list(corpus.sidecars),
        },
        "counts": {"documents": len(corpus.documents), "records": records, "passages": passages, "units": units},
    }
