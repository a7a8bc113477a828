"""Adding documents to a corpus folder and taking them out again (``skolsok add`` / ``remove``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import SIDECAR_NAMES, corpus_files, display_name, find_documents, read_file
from ..errors import DocumentNotFoundError, FetchError
from . import SUFFIXES
from .base import Unreadable
from .fetch import fetch, is_url

#: The sidecar that ``add URL`` writes the fetched address to (see corpus.read_sidecars).
URL_SIDECAR = "metadata.jsonl"


@dataclass(frozen=True)
class AddReport:
    """What ``add`` did: sources added (``(source, origin)``), already present, and refused with why."""

    added: tuple[tuple[str, str], ...] = ()
    present: tuple[tuple[str, str], ...] = ()
    refused: tuple[tuple[str, str], ...] = field(default=())
    #: Sources that were there under the same name with other bytes: updated (``replace``), or
    #: added beside under a new name (the ``added`` entry says which).
    replaced: tuple[str, ...] = ()
    beside: tuple[str, ...] = ()


def _free_name(folder: Path, name: str, data: bytes) -> tuple[str, bool]:
    """A name in ``folder`` for ``data``: ``name`` itself, ``name`` when it already holds the same
    bytes (``True``: nothing to write), or ``stem-2.ext`` and on: a different file is never overwritten."""
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 1
    while True:
        candidate = name if n == 1 else f"{stem}-{n}{suffix}"
        path = folder / candidate
        if not path.exists():
            return candidate, False
        if path.is_file() and path.read_bytes() == data:
            return candidate, True
        n += 1


def _set_url(corpus: Path, source: str, url: str | None) -> None:
    """Write (or with ``None`` drop) the url row of ``source`` in the corpus's metadata.jsonl."""
    sidecar = corpus / URL_SIDECAR
    rows = []
    if sidecar.is_file():
        for line in sidecar.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                rows.append(line)
                continue
            if not (isinstance(row, dict) and row.get("file") == source):
                rows.append(line)
    if url:
        rows.append(json.dumps({"file": source, "url": url}, ensure_ascii=False))
    if rows or sidecar.exists():
        sidecar.write_text("".join(f"{row}\n" for row in rows), encoding="utf-8")


def add_documents(corpus_dir: str | Path, items: Sequence[str], replace: bool = False) -> AddReport:
    """Copy files (or a folder's supported files) into ``corpus_dir``, or fetch URLs into it.

    A URL is kept as the document's source in ``metadata.jsonl``. Files of another format, and
    URLs that cannot be fetched, are refused with the reason; the rest are added. A file whose name
    is taken by another document is added beside it (``a-2.txt``): two saved pages may share a name.
    With ``replace`` it updates that document instead (a new version of the same file), and only
    once the new version has been read: an unreadable one leaves the old in place.
    """
    corpus = Path(corpus_dir)
    corpus.mkdir(parents=True, exist_ok=True)
    added: list[tuple[str, str]] = []
    present: list[tuple[str, str]] = []
    refused: list[tuple[str, str]] = []
    replaced: list[str] = []
    beside: list[str] = []

    def put(name: str, data: bytes, origin: str, url: str | None) -> None:
        taken = (corpus / name).is_file()
        target, same = (
            (name, (corpus / name).read_bytes() == data) if replace and taken else _free_name(corpus, name, data)
        )
        if same:
            present.append((target, origin))
        else:
            # Written under a hidden name first (the corpus passes hidden files over), read, then moved.
            staged = corpus / f".adding-{target}"
            staged.write_bytes(data)
            try:  # a file the build would skip (empty, damaged, too large) is not added at all
                read_file(staged)
            except Unreadable as exc:
                staged.unlink()
                refused.append((origin, str(exc)))
                return
            staged.replace(corpus / target)
            added.append((target, origin))
            if taken:
                (replaced if target == name else beside).append(name)
        if url:
            _set_url(corpus, target, url)

    for item in items:
        if is_url(item):
            try:
                fetched = fetch(item)
            except FetchError as exc:
                refused.append((item, str(exc).split(": ", 1)[-1]))
                continue
            put(fetched.name, fetched.data, item, fetched.url)
            continue
        path = Path(item)
        if path.is_dir():
            files, _, _ = corpus_files(path)
            if not files:
                refused.append((item, "a folder without documents"))
            for file in files:
                put(file.path.name, file.path.read_bytes(), str(file.path), None)
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES or path.name in SIDECAR_NAMES:
                refused.append((item, f"not a supported format (use {', '.join(SUFFIXES)})"))
                continue
            put(display_name(path.name), path.read_bytes(), item, None)
        else:
            refused.append((item, "no such file, folder or http(s) address"))
    return AddReport(tuple(added), tuple(present), tuple(refused), tuple(replaced), tuple(beside))


def remove_documents(corpus_dir: str | Path, names: Sequence[str]) -> list[str]:
    """Delete the named documents (sources as ``corpus show`` lists them, or unique file names)
    and their url rows. Nothing is deleted unless every name is found."""
    found = find_documents(corpus_dir, names)
    for name in names:
        if name not in found and not any(source.rsplit("/", 1)[-1] == name for source in found):
            raise DocumentNotFoundError(name, str(corpus_dir))
    corpus = Path(corpus_dir)
    for source, path in found.items():
        path.unlink()
        _set_url(corpus, source, None)
    return sorted(found)
