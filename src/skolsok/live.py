"""A searcher for long-running services: it follows the index folder as builds replace it."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from .errors import SkolsokError
from .search import Searcher, embedder_for
from .store import current_generation, load_generation

log = logging.getLogger("skolsok")


class LiveSearcher:
    """Hands out the :class:`Searcher` of the live generation.

    At most every ``check_every`` seconds a call looks at ``CURRENT``; when a build has switched it,
    that call loads the new generation while every other request keeps using the old one, which
    stays valid (loaded generations live in memory). A generation that fails to load is logged and
    the old one keeps serving. Without any index yet, :meth:`get` raises the error that explains
    how to build one, and picks the index up as soon as it exists.
    """

    def __init__(self, index_dir: str | Path = "index", check_every: float = 2.0) -> None:
        self.index_dir = Path(index_dir)
        self.check_every = check_every
        self._lock = threading.Lock()
        self._searcher: Searcher | None = None
        self._error: SkolsokError | None = None
        self._checked = float("-inf")
        self.reload()

    @property
    def generation(self) -> str | None:
        return self._searcher.index.path.name if self._searcher else None

    def get(self) -> Searcher:
        """The newest loaded searcher; raises the load error if there has never been one."""
        now = time.monotonic()
        if now - self._checked >= self.check_every and self._lock.acquire(blocking=False):
            try:
                self._checked = now
                self._switch_if_changed()
            finally:
                self._lock.release()
        if self._searcher is None:
            assert self._error is not None
            raise self._error
        return self._searcher

    def reload(self) -> bool:
        """Check for a new generation now (e.g. on SIGHUP); True if one was loaded."""
        with self._lock:
            self._checked = time.monotonic()
            return self._switch_if_changed()

    def _switch_if_changed(self) -> bool:
        live = current_generation(self.index_dir)
        if self._searcher is not None and (live is None or live.name == self.generation):
            return False
        try:
            stored = load_generation(self.index_dir)
            old = self._searcher
            embedder = embedder_for(stored, loaded=old.embedder if old else None)  # reuse the loaded model
            self._searcher = Searcher(stored, embedder, old.fusion if old else None)
        except SkolsokError as exc:
            if self._searcher is None:
                self._error = exc
            else:
                log.warning("keeping generation %s: the new one failed to load: %s", self.generation, exc)
            return False
        self._error = None
        log.info("serving index generation %s", self.generation)
        return True
