"""Building an index from a corpus folder: read, chunk, embed, index, write."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .chunking import ChunkSettings, chunk_records, passage_unit_ranges, record_units
from .corpus import Corpus, SkippedFile, load_corpus
from .embedding import DEFAULT_EMBEDDER, Embedder, load_embedder
from .errors import EmptyCorpusError
from .lexical import LexicalIndex
from .schema import KIND_LABELS_SV, Passage, Record
from .store import DenseVectors, build_lock, write_generation

log = logging.getLogger("skolsok")

#: ``progress(stage, done, total)``; stages: "read", "embed", "write".
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    index_path: str
    generation: str
    documents: int
    records: int
    passages: int
    embedder: str
    seconds: float
    skipped: tuple[SkippedFile, ...] = ()
    warnings: tuple[str, ...] = field(default=())


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
) -> BuildReport:
    """Build a new index generation from ``corpus_dir`` and make it live in ``index_dir``."""
    started = time.perf_counter()
    chunking = chunking or ChunkSettings()
    index_path = Path(index_dir)
    with build_lock(index_path):
        corpus = load_corpus(corpus_dir)
        if not corpus.records:
            raise EmptyCorpusError(str(corpus_dir))
        if progress:
            progress("read", len(corpus.documents), len(corpus.documents))
        model = load_embedder(embedder) if isinstance(embedder, str) else embedder
        records = corpus.records
        by_id = {record.id: record for record in records}
        passages = chunk_records(records, chunking)
        texts = [embedding_text(by_id[p.record_id], p) for p in passages]
        units = record_units(records, chunking)
        unit_texts = [by_id[records[r].id].text[s:e] for r, s, e in units.spans.tolist()]
        total = len(texts) + len(unit_texts)
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress("embed", done, total)

        vectors = model.embed_passages(texts, progress=step)
        unit_vectors = model.embed_passages(unit_texts, progress=step)
        lexical = LexicalIndex.build(texts)
        manifest = _manifest(corpus, model, chunking, len(records), len(passages))
        manifest["counts"]["units"] = len(unit_texts)
        if progress:
            progress("write", 0, 1)
        generation = write_generation(
            index_path,
            manifest,
            records,
            passages,
            DenseVectors(vectors, unit_vectors, units.spans, passage_unit_ranges(passages, records, units)),
            lexical,
        )
        if progress:
            progress("write", 1, 1)
    warnings = tuple(f"{doc.source}: {w}" for doc in corpus.documents for w in doc.warnings)
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
    )


def _manifest(corpus: Corpus, model: Embedder, chunking: ChunkSettings, records: int, passages: int) -> dict:
    return {
        "skolsok_version": __version__,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "embedder": {"name": model.name, "spec": model.spec, "dim": model.dim},
        "chunking": chunking.to_dict(),
        "lexical": {"bm25": "bm25s lucene k1=1.2 b=0.75", "stemmer": "snowball-swedish", "compounds": True},
        "corpus": {"path": str(corpus.root), "files": corpus.hashes},
        "counts": {"documents": len(corpus.documents), "records": records, "passages": passages},
    }
