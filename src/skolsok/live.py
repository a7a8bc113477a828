"""A searcher for long-running services: it follows the index folder as builds replace it."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from .errors import IndexCorruptError, SkolsokError
from .search import Searcher, embedder_for
from .store import check_generation, current_generation, load_generation, needs_background_check

log = logging.getLogger("skolsok")


class LiveSearcher:
    """Hands out the :class:`Searcher` of the live generation.

    At most every ``check_every`` seconds a call looks at ``CURRENT``; when a build has switched it,
    that call loads the new generation while every other request keeps using the old one, which
    stays valid (loaded generations live in memory). A generation that fails to load, for whatever
    reason, is logged and the old one keeps serving: no error of a new generation reaches a caller
    while an old one serves. Without any index yet, :meth:`get` raises the error that explains how
    to build one, and picks the index up as soon as it exists.

    An index too big to checksum fully on load (see :mod:`skolsok.store`) is checksummed in a
    background thread after loading; damage found there is logged as an error with the command
    that rebuilds the index.
    """

    def __init__(self, index_dir: str | Path = "index", check_every: float = 2.0) -> None:
        self.index_dir = Path(index_dir)
        self.check_every = check_every
        self._lock = threading.Lock()
        self._searcher: Searcher | None = None
        self._error: SkolsokError | None = None
        self._checked = float("-inf")
        #: Problems the background check found in the serving generation (empty: none, or not done).
        self.damage: list[str] = []
        self._background: threading.Thread | None = None
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

    def wait_for_background_check(self, timeout: float | None = None) -> None:
        """Wait for the background checksum of the serving generation, if one runs (for tests)."""
        if self._background is not None:
            self._background.join(timeout)

    def _switch_if_changed(self) -> bool:
        try:
            live = current_generation(self.index_dir)
            if self._searcher is not None and (live is None or live.name == self.generation):
                return False
            stored = load_generation(self.index_dir)
            old = self._searcher
            embedder = embedder_for(stored, loaded=old.embedder if old else None)  # reuse the loaded model
            searcher = Searcher(stored, embedder, old.fusion if old else None)
        except Exception as exc:
            error = exc if isinstance(exc, SkolsokError) else self._unexpected(exc)
            if self._searcher is None:
                self._error = error
            else:
                log.warning("keeping generation %s: the new one failed to load: %s", self.generation, error)
            return False
        self._searcher, self._error, self.damage = searcher, None, []
        log.info("serving index generation %s", self.generation)
        if needs_background_check(stored.manifest):
            self._background = threading.Thread(
                target=self._check_in_background, args=(searcher,), name="skolsok-index-check", daemon=True
            )
            self._background.start()
        return True

    def _unexpected(self, exc: Exception) -> SkolsokError:
        log.debug("loading the index failed", exc_info=exc)
        return IndexCorruptError(str(self.index_dir), f"{type(exc).__name__}: {str(exc)[:200]!r}")

    def _check_in_background(self, searcher: Searcher) -> None:
        problems = check_generation(searcher.index.path)
        if problems and self._searcher is searcher:
            self.damage = problems
            log.error("%s", IndexCorruptError(str(self.index_dir), "; ".join(problems[:3])))
