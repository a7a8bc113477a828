"""Reading a corpus folder into records: finding files, reading each with its format's reader,
metadata overrides (front matter, sidecar), cleaning, splitting and metadata."""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import hashlib
import io
import json
import logging
import os
import re
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .cleaning import YEAR, BlockCounts, block_key, clean_lines, count_blocks, normalize_text
from .errors import CorpusNotFoundError, MissingExtraError
from .ingest import FORMATS, SUFFIXES, UNSUPPORTED, Extracted, Unreadable, reader_for
from .names import same_name
from .records import (
    RECIPIENT_HEADER,
    Metadata,
    award_given,
    motivation_span,
    page_metadata,
    recipient_line,
    recipient_metadata,
    school_forms_in,
    short_title,
    split_segments,
    title_line,
)
from .schema import KINDS, Document, Record, Removal

log = logging.getLogger("skolsok")

#: Larger text and HTML files are skipped: embedding them would take hours and they are rarely prose.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: PDFs and Word files carry images; what counts for them is the text they hold (checked on reading).
MAX_BINARY_FILE_BYTES = 50 * 1024 * 1024
#: Files beside the documents that set their metadata; see :func:`read_sidecars`.
SIDECAR_NAMES = ("metadata.csv", "metadata.jsonl")
_SIDECAR_FIELDS = ("title", "url", "organization", "unit", "school_forms", "year", "award", "kind")
_OVERRIDABLE = ("title", "url", "organization", "unit", "school_forms", "year", "award", "kind")
_MAX_VALUE_CHARS = 200
_DATE_YEAR = re.compile(rf"^(?P<year>{YEAR})\b")


@dataclass(frozen=True)
class SkippedFile:
    """A corpus file that produced no records, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class Corpus:
    """All documents of a corpus folder, and the files that were skipped."""

    root: str
    documents: tuple[Document, ...]
    skipped: tuple[SkippedFile, ...]
    #: Problems that belong to no one document (a sidecar row naming a missing file, …).
    warnings: tuple[str, ...] = ()
    #: Seconds spent in the format readers (decoding, PDF/Word/HTML extraction).
    read_seconds: float = 0.0
    #: The sidecar files read (``SIDECAR_NAMES``), relative to the corpus folder.
    sidecars: tuple[str, ...] = ()

    @property
    def records(self) -> list[Record]:
        return [record for doc in self.documents for record in doc.records]

    @property
    def hashes(self) -> dict[str, str]:
        return {doc.source: doc.sha256 for doc in self.documents}


def printable(text: str, keep: str = "") -> str:
    """``text`` with control characters (terminal escape sequences, bidi overrides) shown as
    ``\\x1b``-style escapes, so that printing it cannot drive the terminal."""
    return "".join(
        (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs") and ch not in keep
        else ch
        for ch in text
    )


def display_name(name: str) -> str:
    """A file name as text that is safe to print and store: bytes that are not UTF-8 as ``\\xNN``
    and control characters escaped (:func:`printable`)."""
    return printable(os.fsencode(name).decode("utf-8", "backslashreplace"))


@dataclass(frozen=True)
class CorpusFile:
    """A document file below the corpus folder and its name as shown (relative, printable)."""

    path: Path
    source: str


def corpus_files(root: Path) -> tuple[list[CorpusFile], list[SkippedFile], list[Path]]:
    """Document files below ``root`` in a stable order, the ones skipped on sight, and sidecars.

    Hidden files and folders are passed over; symbolic links are followed only to files inside the
    corpus folder; folders are walked without recursion, so any depth works.
    """
    if not root.is_dir():
        raise CorpusNotFoundError(str(root))
    real_root = root.resolve()
    files: list[CorpusFile] = []
    skipped: list[SkippedFile] = []
    sidecars: list[Path] = []
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listing = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            skipped.append(SkippedFile(prefix.rstrip("/") or ".", f"folder cannot be read ({exc.strerror or exc})"))
            continue
        for entry in listing:
            if entry.name.startswith("."):
                continue
            source = prefix + display_name(entry.name)
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    target = path.resolve()
                    if not target.is_relative_to(real_root):
                        if target.is_dir() or path.suffix.lower() in SUFFIXES:
                            skipped.append(SkippedFile(source, "symbolic link to outside the corpus folder; not read"))
                        continue
                    if target.is_dir():
                        continue  # its files are read where they really are
                if entry.is_dir():
                    stack.append((path, source + "/"))
                elif entry.is_file():
                    if entry.name in SIDECAR_NAMES:
                        sidecars.append(path)
                    elif path.suffix.lower() in SUFFIXES:
                        files.append(CorpusFile(path, source))
                    elif path.suffix.lower() in UNSUPPORTED:
                        skipped.append(SkippedFile(source, f"unsupported format: {UNSUPPORTED[path.suffix.lower()]}"))
            except OSError as exc:
                skipped.append(SkippedFile(source, f"cannot be read ({exc.strerror or exc})"))
    files.sort(key=lambda f: f.source)
    return files, skipped, sidecars


@dataclass(frozen=True)
class CorpusChanges:
    """Document files added, changed and removed in a corpus folder since an index was built."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        return f"{len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed"


def changes_since(manifest: dict[str, Any]) -> CorpusChanges:
    """What changed in the corpus folder an index was built from (its ``manifest``), by the files'
    names, and for a file modified after the build, its bytes with its sidecar row. A file the build
    skipped is no addition. When a sidecar was edited, added or removed since, every file's row is
    compared. Nothing when the folder is gone (the index may have been copied elsewhere)."""
    corpus = manifest.get("corpus", {})
    root = Path(corpus.get("path", ""))
    try:
        built = dt.datetime.fromisoformat(manifest["created"]).timestamp()
        files, _, sidecar_paths = corpus_files(root)
    except (KeyError, ValueError, TypeError, CorpusNotFoundError):
        return CorpusChanges()
    hashes: dict[str, str] = corpus.get("files", {})
    skipped = corpus.get("skipped")  # not in manifests written before it was recorded
    recorded = corpus.get("sidecars")  # likewise
    try:
        rows_changed = any(p.stat().st_mtime > built for p in sidecar_paths) or (
            recorded is not None and sorted(_sidecar_names(root, sidecar_paths)) != sorted(recorded)
        )
    except OSError:
        rows_changed = True
    rows: dict[str, dict[str, Any]] | None = None  # read once, when a file's hash is needed

    def row(source: str) -> dict[str, Any] | None:
        nonlocal rows
        if rows is None:
            rows = read_sidecars(root, sidecar_paths)[0] if sidecar_paths else {}
        return rows.get(source)

    added, changed = [], []
    for file in files:
        try:
            modified = file.path.stat().st_mtime > built
            if file.source not in hashes:
                if file.source not in (skipped or ()) and (skipped is not None or modified):
                    added.append(file.source)
            elif (modified or rows_changed) and document_hash(
                hashlib.sha256(file.path.read_bytes()).hexdigest(), row(file.source)
            ) != hashes[file.source]:
                changed.append(file.source)
        except OSError:
            continue
    present = {file.source for file in files}
    return CorpusChanges(tuple(added), tuple(changed), tuple(s for s in hashes if s not in present))


def document_hash(file_sha256: str, row: dict[str, Any] | None) -> str:
    """A document's hash: its file's bytes, and its sidecar row if it has one (a changed row changes
    the document, as an edited file would)."""
    if not row:
        return file_sha256
    return hashlib.sha256((file_sha256 + json.dumps(row, sort_keys=True, default=str)).encode()).hexdigest()


def _sidecar_names(root: Path, sidecars: Sequence[Path]) -> list[str]:
    return [display_name(p.relative_to(root).as_posix()) for p in sidecars]


def _size_limit(suffix: str) -> int:
    return MAX_BINARY_FILE_BYTES if FORMATS.get(suffix.lower()) in ("pdf", "docx") else MAX_FILE_BYTES


def read_file(path: Path) -> tuple[Extracted, bytes]:
    """Read one document file with its format's reader. Raises :class:`Unreadable` with the reason."""
    try:
        size = path.stat().st_size
        limit = _size_limit(path.suffix)
        if size > limit:
            raise Unreadable(f"too large ({size / 1e6:.1f} MB; limit {limit / 1e6:.0f} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise Unreadable("empty file")
    reader, mismatch = reader_for(path.suffix, data)
    try:
        extracted = reader.read(data)
    except (Unreadable, MissingExtraError):
        raise
    except Exception as exc:  # a reader library choking on a malformed file: name it, never fail the build
        log.debug("reading %s failed", path, exc_info=True)
        detail = str(exc).splitlines()[0][:120] if str(exc) else ""
        raise Unreadable(
            f"damaged {reader.label} file ({type(exc).__name__}{': ' if detail else ''}{detail})"
        ) from None
    if mismatch:
        extracted = replace(extracted, warnings=(mismatch, *extracted.warnings))
    return extracted, data


# ---------------------------------------------------------------------------------------------
# Sidecars: metadata.csv / metadata.jsonl beside the files


def read_sidecars(root: Path, sidecars: Sequence[Path]) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Metadata rows by document source, and warnings about rows that cannot be used.

    A sidecar names files relative to its own folder, in a column/key ``file``; other keys are
    those of front matter (title, url, organization, unit, school_forms, year, award, kind).
    """
    rows: dict[str, dict[str, Any]] = {}
    warnings: list[str] = []
    for sidecar in sidecars:
        name = display_name(sidecar.relative_to(root).as_posix())
        prefix = display_name(sidecar.parent.relative_to(root).as_posix())
        prefix = "" if prefix == "." else prefix + "/"
        try:
            if sidecar.stat().st_size > MAX_FILE_BYTES:
                warnings.append(f"{name}: larger than {MAX_FILE_BYTES // 1_000_000} MB; ignored")
                continue
            text = sidecar.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            warnings.append(f"{name}: cannot be read ({getattr(exc, 'strerror', None) or exc}); ignored")
            continue
        if sidecar.suffix == ".csv":
            items: list[tuple[int, Any]] = [(n + 2, row) for n, row in enumerate(csv.DictReader(io.StringIO(text)))]
        else:
            items = []
            for n, line in enumerate(text.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    items.append((n, json.loads(line)))
                except json.JSONDecodeError:
                    warnings.append(f"{name}: line {n} is not JSON; ignored")
        for n, row in items:
            if not isinstance(row, dict) or not isinstance(row.get("file"), str) or not row["file"].strip():
                warnings.append(f"{name}: line {n} names no file; ignored")
                continue
            values = {k: v for k, v in row.items() if k in _SIDECAR_FIELDS and v not in (None, "")}
            rows[prefix + row["file"].strip().removeprefix("./")] = values
    return rows, warnings


# ---------------------------------------------------------------------------------------------
# Overrides


def _clean_value(value: Any) -> str | None:
    """A metadata value as one short printable line, or ``None`` for anything but a scalar."""
    if isinstance(value, (list, dict, set, tuple)):
        return None
    text = normalize_text(str(value)).replace("\n", " ").strip()
    return short_title(text) if len(text) > _MAX_VALUE_CHARS else text


def _apply_overrides(record: Record, meta: dict[str, Any], origin: str) -> tuple[Record, list[str]]:
    changes: dict[str, Any] = {}
    warnings: list[str] = []
    for key in _OVERRIDABLE:
        if key not in meta or meta[key] is None:
            continue
        raw = meta[key]
        if key == "school_forms":
            items = raw if isinstance(raw, list) else str(raw).split(",")
            if len(items) > 20 or any(isinstance(item, (list, dict)) for item in items):
                warnings.append(f"{origin} school_forms is not a short list of names; ignored")
                continue
            names = [v for v in (_clean_value(item) for item in items) if v]
            changes[key] = school_forms_in(" ".join(names)) or tuple(names)
            continue
        value = _clean_value(raw)
        if value is None:
            warnings.append(f"{origin} {key} is not a single value; ignored")
            continue
        if key == "year":
            try:
                changes[key] = int(value)
            except ValueError:
                warnings.append(f"{origin} year '{value}' is not a number; ignored")
        elif key == "kind":
            if value not in KINDS:
                warnings.append(f"{origin} kind '{value}' is not one of {', '.join(KINDS)}; ignored")
            else:
                changes[key] = value
        elif key == "url":
            if value.startswith(("http://", "https://")) and " " not in value:
                changes[key] = value
            else:
                warnings.append(f"{origin} url '{value}' is not an http(s) address; ignored")
        else:
            changes[key] = value
    return replace(record, **changes), warnings


# ---------------------------------------------------------------------------------------------
# Records


def _year_of(date: str | None) -> int | None:
    match = _DATE_YEAR.match(date or "")
    return int(match.group("year")) if match else None


def _record_pages(offsets: Sequence[int], pages: Sequence[int]) -> tuple[int, ...]:
    """Where each page starts in a record's text, from the page and offset of each kept line.
    Pages before the record's first line start at 0, so :meth:`Record.page_at` counts from 1."""
    if not pages:
        return ()
    out = []
    for page in range(1, pages[-1] + 1):
        at = bisect.bisect_left(pages, page)
        out.append(0 if at == 0 else offsets[at])
    return tuple(out)


def parse_document(
    source: str,
    extracted: Extracted,
    sha256: str,
    repeats: BlockCounts,
    sidecar: dict[str, Any] | None = None,
) -> Document:
    """Records of one read document. ``repeats`` counts blocks across the whole corpus."""
    warnings = list(extracted.warnings)
    lines = extracted.text.split("\n")
    page_lines = extracted.page_lines
    header_keys = {block_key(line) for line in lines if RECIPIENT_HEADER.match(line)}
    records: list[Record] = []
    removed: list[Removal] = []
    segments = split_segments(lines)
    page: list[Metadata] = []  # the page's metadata, once a recipient under a jury label needs it

    def page_info() -> Metadata:
        """The award and year of recipients listed under jury labels: what the page says above the
        first of them (a closing "Nominera till Guldtrappan 2025" is no recipient's year)."""
        if not page:
            first = next(s.header_line for s in segments if s.header_line is not None)
            above = lines[:first]
            title = extracted.title or title_line([line for line in above if line.strip()], extracted.url)
            date = _year_of(extracted.date)
            info = page_metadata("\n".join(above), title, date, extracted.publisher, extracted.url)
            # The award may be named as given only in the page's foot ("Om Guldtrappan: Guldtrappan
            # delas ut varje år …"); its year is still the one above.
            award = info.award or award_given("\n".join(above)) or award_given(extracted.text)
            page.append(replace(info, award=award))
        return page[0]

    recipients: dict[int, Metadata] = {}  # by header line, once each

    def recipient(header: int) -> Metadata:
        if header not in recipients:
            found = recipient_line(lines, header)
            recipients[header] = recipient_metadata(found[1] if found is not None else "", lines[header], page_info())
        return recipients[header]

    preamble_title: str | None = None  # the title of the page's own text above its recipients
    for segment in segments:
        seg_lines = lines[segment.start_line : segment.end_line]
        cleaned = clean_lines(seg_lines, repeats, protected=lambda line: block_key(line) in header_keys)
        removed.extend(cleaned.removed)
        if not cleaned.text.strip():
            continue
        if segment.header_line is not None:
            info = recipient(segment.header_line)
        elif segment is not segments[0]:
            # The page's foot below the recipients (``split_segments``): the page's, no recipient's;
            # titled as the page above the recipients is, else by its own heading ("Om juryn"), as
            # what is above the first recipient may be only its name.
            title = preamble_title or extracted.title or title_line(cleaned.text.split("\n\n"), extracted.url)
            info = replace(page_info(), title=title, organization=None, unit=None, school_forms=())
        else:
            info = page_metadata(
                "\n".join(seg_lines),
                extracted.title or title_line(cleaned.text.split("\n\n"), extracted.url),
                published_year=_year_of(extracted.date),
                publisher=extracted.publisher,
                url=extracted.url,
            )
            if len(segments) > 1:
                # Above the recipients: the page's award, and no recipient's organization (it names
                # them all; "Årets mottagare är Norrlida kommun, …" made it Norrlida's).
                named = [recipient(s.header_line).organization for s in segments if s.header_line is not None]
                if info.organization and any(same_name(info.organization, n or "") for n in named):
                    info = replace(info, organization=None, unit=None)
                info = replace(info, award=info.award or page_info().award)
            preamble_title = short_title(info.title)
        pages: tuple[int, ...] = ()
        if page_lines:
            kept_pages = [bisect.bisect_right(page_lines, segment.start_line + i) for i in cleaned.kept]
            pages = _record_pages(cleaned.offsets, kept_pages)
        record = Record(
            id=f"{source}#{len(records) + 1}",
            source=source,
            title=short_title(info.title),
            text=cleaned.text,
            organization=info.organization,
            unit=info.unit,
            school_forms=info.school_forms,
            year=info.year,
            award=info.award,
            kind=info.kind,
            motivation=motivation_span(cleaned.text),
            url=extracted.url,
            pages=pages,
        )
        for meta, origin in ((extracted.meta, "front matter"), (sidecar or {}, "sidecar")):
            if meta:
                record, meta_warnings = _apply_overrides(record, meta, origin)
                warnings.extend(meta_warnings)
        records.append(record)
    return Document(source, sha256, tuple(records), tuple(removed), tuple(dict.fromkeys(warnings)))


def load_corpus(corpus_dir: str | Path) -> Corpus:
    """Read every supported file below ``corpus_dir`` into records; problem files are skipped."""
    root = Path(corpus_dir)
    files, skipped, sidecar_paths = corpus_files(root)
    sidecars, warnings = read_sidecars(root, sidecar_paths)
    read: list[tuple[str, Extracted, str]] = []
    seen: dict[str, str] = {}
    read_seconds = 0.0
    for file in files:
        started = time.perf_counter()
        try:
            extracted, data = read_file(file.path)
        except Unreadable as exc:
            skipped.append(SkippedFile(file.source, str(exc)))
            continue
        finally:
            read_seconds += time.perf_counter() - started
        sha256 = hashlib.sha256(data).hexdigest()
        if sha256 in seen:
            skipped.append(SkippedFile(file.source, f"duplicate of {seen[sha256]}"))
            continue
        seen[sha256] = file.source
        read.append((file.source, extracted, sha256))
    known = {source for source, _, _ in read} | {s.source for s in skipped}
    for name in sidecars:
        if name not in known:
            warnings.append(f"metadata for {name}: no such document in the corpus; ignored")
    repeats = count_blocks(extracted.text for _, extracted, _ in read)
    documents: list[Document] = []
    for source, extracted, sha256 in read:
        row = sidecars.get(source)
        doc = parse_document(source, extracted, document_hash(sha256, row), repeats, row)
        for warning in doc.warnings:  # the caller reports them (once); here only for debugging
            log.debug("%s: %s", source, warning)
        if doc.records:
            documents.append(doc)
        else:
            skipped.append(SkippedFile(source, "only boilerplate, no content left after cleaning"))
    skipped.sort(key=lambda s: s.source)
    return Corpus(
        str(root),
        tuple(documents),
        tuple(skipped),
        tuple(warnings),
        read_seconds,
        tuple(_sidecar_names(root, sidecar_paths)),
    )


def find_documents(corpus_dir: str | Path, names: Iterable[str]) -> dict[str, Path]:
    """The files of a corpus that ``names`` mean: a source as listed, or a file name found once."""
    files, _, _ = corpus_files(Path(corpus_dir))
    by_source = {f.source: f.path for f in files}
    found: dict[str, Path] = {}
    for name in names:
        if name in by_source:
            found[name] = by_source[name]
            continue
        matches = [f for f in files if f.source.rsplit("/", 1)[-1] == name]
        if len(matches) == 1:
            found[matches[0].source] = matches[0].path
    return found
