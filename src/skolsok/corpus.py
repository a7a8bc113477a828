"""Reading a corpus folder into records: decoding, front matter, cleaning, splitting, metadata."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .cleaning import BlockCounts, block_key, clean_lines, count_blocks, normalize_text
from .errors import CorpusNotFoundError
from .records import (
    RECIPIENT_HEADER,
    motivation_span,
    page_metadata,
    recipient_metadata,
    school_forms_in,
    split_segments,
)
from .schema import KINDS, Document, Record, Removal

log = logging.getLogger("skolsok")

SUFFIXES = (".txt", ".md")
#: Larger files are skipped: embedding them would take hours and they are rarely prose.
MAX_FILE_BYTES = 5 * 1024 * 1024
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_OVERRIDABLE = ("title", "organization", "unit", "school_forms", "year", "award", "kind")


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

    @property
    def records(self) -> list[Record]:
        return [record for doc in self.documents for record in doc.records]

    @property
    def hashes(self) -> dict[str, str]:
        return {doc.source: doc.sha256 for doc in self.documents}


def corpus_files(root: Path) -> list[Path]:
    """Every .txt and .md file below ``root``, hidden ones excepted, in a stable order."""
    if not root.is_dir():
        raise CorpusNotFoundError(str(root))
    return sorted(
        path
        for path in root.rglob("*")
        if path.suffix.lower() in SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of a file and a warning if it was not UTF-8."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "not UTF-8; read as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8; read as Latin-1"


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """YAML front matter (if any), the body after it, and a warning if it could not be parsed."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, None
    import yaml  # only needed for files that have front matter

    body = text[match.end() :]
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        return {}, body, f"front matter ignored: invalid YAML ({str(exc).splitlines()[0]})"
    if not isinstance(meta, dict):
        return {}, body, "front matter ignored: it is not a mapping of keys to values"
    return meta, body, None


def _apply_overrides(record: Record, meta: dict[str, Any]) -> tuple[Record, list[str]]:
    changes: dict[str, Any] = {}
    warnings: list[str] = []
    for key in _OVERRIDABLE:
        if key not in meta or meta[key] is None:
            continue
        value = meta[key]
        if key == "school_forms":
            items = value if isinstance(value, list) else str(value).split(",")
            value = tuple(school_forms_in(" ".join(map(str, items)))) or tuple(
                str(item).strip() for item in items if str(item).strip()
            )
        elif key == "year":
            try:
                value = int(value)
            except (TypeError, ValueError):
                warnings.append(f"front matter year '{value}' is not a number; ignored")
                continue
        elif key == "kind" and value not in KINDS:
            warnings.append(f"front matter kind '{value}' is not one of {', '.join(KINDS)}; ignored")
            continue
        else:
            value = str(value).strip()
        changes[key] = value
    return replace(record, **changes), warnings


def _read(path: Path, root: Path) -> tuple[str, str, list[str]] | SkippedFile:
    """Normalized text, sha256 and warnings of a file, or why it is skipped."""
    source = path.relative_to(root).as_posix()
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return SkippedFile(source, f"too large ({size / 1e6:.1f} MB; limit {MAX_FILE_BYTES / 1e6:.0f} MB)")
        data = path.read_bytes()
    except OSError as exc:
        return SkippedFile(source, f"cannot be read ({exc.strerror or exc})")
    if not data.strip():
        return SkippedFile(source, "empty file")
    if b"\x00" in data[:8192]:
        return SkippedFile(source, "binary file, not text")
    text, warning = decode(data)
    return normalize_text(text), hashlib.sha256(data).hexdigest(), [warning] if warning else []


def parse_document(source: str, text: str, sha256: str, repeats: BlockCounts, warnings: Iterable[str] = ()) -> Document:
    """Records of one normalized document. ``repeats`` counts blocks across the whole corpus."""
    warnings = list(warnings)
    meta, body, warning = split_front_matter(text)
    if warning:
        warnings.append(warning)
    lines = body.split("\n")
    header_keys = {block_key(line) for line in lines if RECIPIENT_HEADER.match(line)}
    records: list[Record] = []
    removed: list[Removal] = []
    for segment in split_segments(lines):
        seg_lines = lines[segment.start_line : segment.end_line]
        cleaned = clean_lines(seg_lines, repeats, protected=lambda line: block_key(line) in header_keys)
        removed.extend(cleaned.removed)
        if not cleaned.text.strip():
            continue
        if segment.header_line is not None:
            org_line = next(line for line in lines[segment.start_line : segment.header_line][::-1] if line.strip())
            info = recipient_metadata(org_line, lines[segment.header_line])
        else:
            title = cleaned.text.split("\n", 1)[0]
            info = page_metadata("\n".join(seg_lines), title)
        record = Record(
            id=f"{source}#{len(records) + 1}",
            source=source,
            title=info.title,
            text=cleaned.text,
            organization=info.organization,
            unit=info.unit,
            school_forms=info.school_forms,
            year=info.year,
            award=info.award,
            kind=info.kind,
            motivation=motivation_span(cleaned.text),
        )
        if meta:
            record, meta_warnings = _apply_overrides(record, meta)
            warnings.extend(meta_warnings)
        records.append(record)
    return Document(source, sha256, tuple(records), tuple(removed), tuple(dict.fromkeys(warnings)))


def load_corpus(corpus_dir: str | Path) -> Corpus:
    """Read every .txt/.md file below ``corpus_dir`` into records; problem files are skipped."""
    root = Path(corpus_dir)
    skipped: list[SkippedFile] = []
    texts: list[tuple[str, str, str, list[str]]] = []
    seen: dict[str, str] = {}
    for path in corpus_files(root):
        result = _read(path, root)
        if isinstance(result, SkippedFile):
            skipped.append(result)
            continue
        text, sha256, warnings = result
        source = path.relative_to(root).as_posix()
        if sha256 in seen:
            skipped.append(SkippedFile(source, f"duplicate of {seen[sha256]}"))
            continue
        seen[sha256] = source
        texts.append((source, text, sha256, warnings))
    repeats = count_blocks(text for _, text, _, _ in texts)
    documents: list[Document] = []
    for source, text, sha256, warnings in texts:
        doc = parse_document(source, text, sha256, repeats, warnings)
        for warning in doc.warnings:  # the caller reports them (once); here only for debugging
            log.debug("%s: %s", source, warning)
        if doc.records:
            documents.append(doc)
        else:
            skipped.append(SkippedFile(source, "only boilerplate, no content left after cleaning"))
    return Corpus(str(root), tuple(documents), tuple(skipped))
