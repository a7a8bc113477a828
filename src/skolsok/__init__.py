"""skolsok: semantic search and question answering over Swedish documents about schools'
digital development (Guldtrappan jury motivations, press releases, articles)."""

from __future__ import annotations

__version__ = "0.1.0"

from .chunking import ChunkSettings
from .corpus import Corpus, SkippedFile, load_corpus
from .embedding import DEFAULT_EMBEDDER, Embedder, load_embedder
from .errors import (
    CorpusNotFoundError,
    EmbedderLoadError,
    EmbedderMismatchError,
    EmptyCorpusError,
    IndexCorruptError,
    IndexLockedError,
    IndexNotFoundError,
    InvalidQueryError,
    InvalidQuestionsFileError,
    MissingExtraError,
    SkolsokError,
)
from .evaluation import EvalReport, Question, evaluate, load_questions
from .indexing import BuildReport, build_index
from .schema import Document, Filters, Hit, Passage, Record, Removal
from .search import FusionSettings, Searcher

__all__ = [
    "DEFAULT_EMBEDDER",
    "BuildReport",
    "ChunkSettings",
    "Corpus",
    "CorpusNotFoundError",
    "Document",
    "Embedder",
    "EmbedderLoadError",
    "EmbedderMismatchError",
    "EmptyCorpusError",
    "EvalReport",
    "Filters",
    "FusionSettings",
    "Hit",
    "IndexCorruptError",
    "IndexLockedError",
    "IndexNotFoundError",
    "InvalidQueryError",
    "InvalidQuestionsFileError",
    "MissingExtraError",
    "Passage",
    "Question",
    "Record",
    "Removal",
    "Searcher",
    "SkippedFile",
    "SkolsokError",
    "__version__",
    "build_index",
    "evaluate",
    "load_corpus",
    "load_embedder",
    "load_questions",
]
