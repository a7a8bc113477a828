"""Plain text and Markdown: decoding, YAML front matter, and a first line naming the source."""

from __future__ import annotations

import codecs
import re
from typing import Any

from ..cleaning import normalize_text
from .base import Extracted, Unreadable, check_size

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
#: Front matter is a handful of fields; anything larger is not metadata.
MAX_FRONT_MATTER_CHARS = 10_000
# "Källa: https://…" / "Source: https://…" on the first line: where the text was copied from.
_SOURCE_LINE = re.compile(r"^(?:källa|source|url)\s*:\s*(?P<url>https?://\S+)\s*$", re.I)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of a file and a warning if it was not UTF-8. A byte order mark decides first."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), None
            except UnicodeDecodeError:
                raise Unreadable(f"damaged text: not valid {encoding.upper()} after its byte order mark") from None
    if b"\x00" in data[:8192]:
        raise Unreadable("binary file, not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "not UTF-8; read as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8; read as Latin-1"


def _no_aliases_loader() -> type:
    import yaml

    class Loader(yaml.SafeLoader):
        """SafeLoader that refuses anchors and aliases: a few hundred bytes of them expand to gigabytes."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                raise _AliasRefused
            event = self.peek_event()  # type: ignore[no-untyped-call]
            if getattr(event, "anchor", None) is not None:
                raise _AliasRefused
            return super().compose_node(parent, index)

    return Loader


class _AliasRefused(Exception):
    pass


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """YAML front matter (if any), the body after it, and a warning if it could not be parsed.

    Raises :class:`Unreadable` for front matter that uses YAML anchors/aliases or is too large.
    """
    if not text.startswith("---"):
        return {}, text, None
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, None
    if len(match.group(1)) > MAX_FRONT_MATTER_CHARS:
        raise Unreadable(f"front matter larger than {MAX_FRONT_MATTER_CHARS} characters; keep it to a few fields")
    import yaml  # only needed for files that have front matter

    body = text[match.end() :]
    try:
        meta = yaml.load(match.group(1), Loader=_no_aliases_loader()) or {}
    except _AliasRefused:
        raise Unreadable(
            "front matter uses YAML anchors or aliases (& and *), which are refused; write values out"
        ) from None
    except yaml.YAMLError as exc:
        return {}, body, f"front matter ignored: invalid YAML ({str(exc).splitlines()[0]})"
    if not isinstance(meta, dict):
        return {}, body, "front matter ignored: it is not a mapping of keys to values"
    return meta, body, None


def source_line(body: str) -> tuple[str | None, str]:
    """The URL of a first line "Källa: URL" / "Source: URL", and the body without that line."""
    stripped = body.lstrip("\n")
    first, _, rest = stripped.partition("\n")
    match = _SOURCE_LINE.match(first.strip())
    if not match:
        return None, body
    return match.group("url"), rest


class TextReader:
    label = "text"

    def read(self, data: bytes) -> Extracted:
        raw, warning = decode(data)
        text = normalize_text(raw)
        check_size(text)
        meta, body, meta_warning = split_front_matter(text)
        url, body = source_line(body)
        warnings = tuple(w for w in (warning, meta_warning) if w)
        return Extracted(text=body, url=url, meta=meta, warnings=warnings)
