"""skolsok: semantic search and question answering over Swedish documents about schools'
digital development (Guldtrappan jury motivations, press releases, articles)."""

from __future__ import annotations

__version__ = "0.1.0"

from .answer import Answer, AnswerSettings, OrganizationAnswer, Quote, ask, detect_language
from .chunking import ChunkSettings
from .conversation import Context, ask_in_context
from .corpus import Corpus, CorpusChanges, SkippedFile, changes_since, load_corpus
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
    RecordNotFoundError,
    SkolsokError,
    UnknownOrganizationError,
)
from .evaluation import EvalReport, Question, evaluate, load_questions
from .indexing import BuildReport, build_index
from .live import LiveSearcher
from .schema import Document, Filters, Hit, Passage, Record, Removal
from .search import FusionSettings, Retrieval, Searcher
from .similar import Similarity, SimilarOrganization, similar_organizations
from .sources import SourceView, open_source

__all__ = [
    "DEFAULT_EMBEDDER",
    "Answer",
    "AnswerSettings",
    "BuildReport",
    "ChunkSettings",
    "Context",
    "Corpus",
    "CorpusChanges",
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
    "LiveSearcher",
    "MissingExtraError",
    "OrganizationAnswer",
    "Passage",
    "Question",
    "Quote",
    "Record",
    "RecordNotFoundError",
    "Removal",
    "Retrieval",
    "Searcher",
    "SimilarOrganization",
    "Similarity",
    "SkippedFile",
    "SkolsokError",
    "SourceView",
    "UnknownOrganizationError",
    "__version__",
    "ask",
    "ask_in_context",
    "build_index",
    "changes_since",
    "detect_language",
    "evaluate",
    "load_corpus",
    "load_embedder",
    "load_questions",
    "open_source",
    "similar_organizations",
]
