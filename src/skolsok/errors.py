"""Every error skolsok raises on purpose. Each message tells the user what to do next."""

from __future__ import annotations

from collections.abc import Sequence


class SkolsokError(Exception):
    """Base class: an expected failure with a message meant for the user."""


class CorpusNotFoundError(SkolsokError):
    """The corpus folder does not exist or is not a folder."""

    def __init__(self, path: str) -> None:
        super().__init__(f"corpus folder not found: {path} (pass --corpus DIR with your documents)")


class EmptyCorpusError(SkolsokError):
    """The corpus folder holds no readable document with content."""

    def __init__(self, path: str, skipped: Sequence[tuple[str, str]] = ()) -> None:
        why = ""
        if skipped:  # every file was unusable: say why, for the first few
            reasons = "; ".join(f"{source}: {reason}" for source, reason in skipped[:3])
            more = f"; and {len(skipped) - 3} more (see: skolsok corpus show)" if len(skipped) > 3 else ""
            why = f"; {len(skipped)} files skipped ({reasons}{more})"
        super().__init__(
            f"no usable documents (.txt, .md, .pdf, .docx, .html) in {path}{why} (add documents or pass --corpus DIR)"
        )


class IndexNotFoundError(SkolsokError):
    """There is no built index in the index folder."""

    def __init__(self, path: str) -> None:
        super().__init__(f"no index found in {path} (build it with: skolsok index build --index {path})")


class IndexCorruptError(SkolsokError):
    """An index file is missing, truncated, foreign or of an unknown format version."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(
            f"the index in {path} is damaged or incompatible: {detail} "
            f"(rebuild it with: skolsok index build --full --index {path})"
        )


class EmbedderMismatchError(SkolsokError):
    """The query embedder differs from the one the index was built with."""

    def __init__(self, index_embedder: str, requested: str) -> None:
        super().__init__(
            f"the index was built with embedder '{index_embedder}' but '{requested}' was requested "
            f"(omit --embedder, or rebuild with: skolsok index build --embedder {requested})"
        )


class EmbedderLoadError(SkolsokError):
    """An embedding model could not be found or loaded."""

    def __init__(self, name: str, detail: str) -> None:
        super().__init__(
            f"cannot load embedder '{name}': {detail} (use 'e5' or a local sentence-transformers model folder)"
        )


class MissingExtraError(SkolsokError, ImportError):
    """A dependency is not installed; the message names the extra to install, or, for one of
    skolsok's own dependencies (``extra=None``), says to reinstall skolsok."""

    def __init__(self, package: str, extra: str | None = None) -> None:
        if extra is None:
            super().__init__(
                f"the '{package}' package, one of skolsok's own dependencies, is not installed "
                "(reinstall skolsok: pip install --force-reinstall skolsok, or make run in a checkout)"
            )
        else:
            super().__init__(
                f"the '{package}' package is required for this feature "
                f"(install it with: pip install 'skolsok[{extra}]')"
            )


class InvalidQueryError(SkolsokError):
    """A query is empty or unusable."""


class UnknownOrganizationError(SkolsokError):
    """A name or record id that matches no organization in the index, or several."""

    def __init__(self, target: str, candidates: list[str]) -> None:
        if candidates:
            shown = ", ".join(candidates[:5]) + (", …" if len(candidates) > 5 else "")
            detail = f"'{target}' matches several organizations: {shown} (give the full name)"
        else:
            detail = f"no organization or record named '{target}' in the index (see: skolsok corpus show)"
        super().__init__(detail)


class RecordNotFoundError(SkolsokError):
    """A record id that the index does not hold (a stale link, or a typo)."""

    def __init__(self, record_id: str) -> None:
        super().__init__(
            f"no record '{record_id}' in the index (record ids are in: skolsok search --json; "
            "the index may have been rebuilt since)"
        )


class InvalidQuestionsFileError(SkolsokError):
    """An evaluation questions file cannot be read or has a malformed line."""


class IndexLockedError(SkolsokError):
    """Another build holds the index lock."""

    def __init__(self, path: str, pid: int | None = None) -> None:
        # The lock is an flock held by a live process (the OS drops it when a build dies), so the
        # advice is to wait; deleting build.lock would let a second build run beside the first.
        holder = f" (process {pid})" if pid else ""
        super().__init__(
            f"another 'skolsok index build'{holder} is running on {path} "
            "(wait for it to finish; the lock is released when it ends)"
        )


class FetchError(SkolsokError):
    """A URL given to ``skolsok add`` could not be fetched as a document."""

    def __init__(self, url: str, detail: str) -> None:
        super().__init__(f"cannot add {url}: {detail} (save the page or file and add it as a file instead)")


class DocumentNotFoundError(SkolsokError):
    """A name given to ``skolsok remove`` is not a document of the corpus."""

    def __init__(self, name: str, corpus: str) -> None:
        super().__init__(
            f"no document named {name} in {corpus} (see the names with: skolsok corpus show --corpus {corpus})"
        )
