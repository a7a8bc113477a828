"""PDF (pypdf): text per page in reading order, paragraphs from line spacing, running headers and
footers removed, hyphenation at line ends joined, and the line where each page starts."""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from ..cleaning import normalize_text
from .base import MAX_TEXT_CHARS, Extracted, Unreadable, too_much_text

#: A page with fewer visible characters than this has no text layer worth the name.
_MIN_PAGE_CHARS = 20
_BULLET = re.compile(r"^(?:[•●▪◦‣∙·*–-]\s|\d{1,2}[.)]\s)")
_PAGE_NUMBER = re.compile(r"^(?:(?:sida|page|s\.)\s*)?[-–(]?\s*\d{1,4}\s*(?:(?:av|of|/)\s*\d{1,4})?\s*[-–)]?$", re.I)
# Words after a line-end hyphen that show it is an elided compound ("grund- och gymnasieskola").
_CONJUNCTIONS = frozenset({"och", "eller", "samt", "till", "respektive", "som", "and", "or"})
_JUNK_TITLE = re.compile(r"^(?:untitled|namnlös|microsoft word\b|dokument\d*|document\d*)|\.(?:docx?|pdf|indd)$", re.I)


@dataclass
class _Line:
    text: str
    y: float | None
    size: float


def _page_lines(page: object) -> list[_Line]:
    """The page's text lines with their baseline and font size, from pypdf's text visitor."""
    lines: list[_Line] = []
    current: list[str] = []
    y: float | None = None
    size = 0.0

    def visit(text: str, cm: list[float], tm: list[float], font: object, font_size: float) -> None:
        nonlocal y, size
        if not text:
            return
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if part and not current:
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                size = abs(font_size * (tm[3] or 1.0) * (cm[3] or 1.0))
            if part:
                current.append(part)
            if i < len(parts) - 1:
                line = normalize_text("".join(current))
                if line:
                    lines.append(_Line(line, y, size))
                current.clear()

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    tail = normalize_text("".join(current))
    if tail:
        lines.append(_Line(tail, y, size))
    return lines


def _chrome_key(line: _Line) -> tuple[str, int | None]:
    """What a running header or footer keeps from page to page: its words (digits aside) and height."""
    text = re.sub(r"\d+", "#", " ".join(line.text.casefold().split()))
    return text, None if line.y is None else round(line.y / 6)


def _drop_running_chrome(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Remove headers and footers: lines among a page's first or last two that recur at the same
    height on at least half of the pages (digits ignored, so "Sida 3" and "Sida 4" match), and lone
    page numbers."""
    edge_keys: Counter[tuple[str, int | None]] = Counter()
    for lines in pages:
        edges = {_chrome_key(line) for line in lines[:2] + lines[-2:]}
        edge_keys.update(edges)
    needed = max(2, (len(pages) + 1) // 2)
    running = {key for key, n in edge_keys.items() if n >= needed}
    out = []
    for lines in pages:
        drop: set[int] = set()
        # From each edge inward: the outermost line, and the next one only if the outermost went.
        for order in (range(min(2, len(lines))), range(len(lines) - 1, max(len(lines) - 3, -1), -1)):
            for i in order:
                line = lines[i]
                if _chrome_key(line) in running or _PAGE_NUMBER.match(line.text.strip()):
                    drop.add(i)
                else:
                    break
        out.append([line for i, line in enumerate(lines) if i not in drop])
    return out


def _join(previous: str, line: str) -> str:
    """Join two lines of one paragraph, undoing hyphenation at the line end."""
    if previous.endswith("-") and len(previous) >= 2 and previous[-2].isalpha() and line[:1].isalpha():
        first_word = line.split(maxsplit=1)[0].casefold().strip(",.;:")
        if first_word in _CONJUNCTIONS:
            return f"{previous} {line}"
        if previous[-2].islower() and line[0].islower():
            return previous[:-1] + line
        return previous + line  # "IT-" + "råd": a hyphen that belongs to the word
    return f"{previous} {line}"


def _usual_gap(pages: list[list[_Line]]) -> float | None:
    """The most common distance between the baselines of two lines of the same font size."""
    gaps = [
        round(a.y - b.y, 1)
        for lines in pages
        for a, b in itertools.pairwise(lines)
        if a.y is not None and b.y is not None and a.y - b.y > 0 and abs(a.size - b.size) < 0.5
    ]
    if not gaps:
        return None
    # Lines inside a paragraph sit closest together; the smallest spacing that is not a rarity.
    counts = Counter(gaps)
    enough = max(2, len(gaps) // 10)
    common = [gap for gap, n in counts.items() if n >= enough]
    return min(common) if common else min(gaps)


def _paragraphs(lines: list[_Line], usual: float | None) -> list[str]:
    """Lines of one page joined into paragraphs: a wider gap than the usual line spacing, a change
    of font size, a bullet or a jump upward starts a new paragraph."""
    if not lines:
        return []
    # A line much shorter than the page's lines ends its paragraph (a heading, a last line).
    short = 0.6 * max(len(line.text) for line in lines)
    paragraphs = [lines[0].text]
    for a, b in itertools.pairwise(lines):
        if a.y is None or b.y is None or usual is None:
            new = a.text.rstrip().endswith((".", "!", "?", ":")) or _BULLET.match(b.text) is not None
        else:
            gap = a.y - b.y
            new = (
                (len(a.text) < short and not a.text.endswith("-"))
                or gap <= 0
                or gap > usual * 1.3
                or abs(a.size - b.size) >= 0.5
                or _BULLET.match(b.text) is not None
            )
        if new:
            paragraphs.append(b.text)
        else:
            paragraphs[-1] = _join(paragraphs[-1], b.text)
    return paragraphs


class PdfReader:
    label = "PDF"

    def read(self, data: bytes) -> Extracted:
        try:
            import pypdf
            from pypdf.errors import DependencyError, LimitReachedError, PyPdfError
        except ImportError:  # pragma: no cover - a normal dependency
            from ..errors import MissingExtraError

            raise MissingExtraError("pypdf") from None
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except (DependencyError, NotImplementedError) as exc:
                    raise Unreadable(f"encrypted PDF that cannot be opened ({exc}); save an unprotected copy") from None
                if not opened:
                    raise Unreadable("encrypted PDF (it needs a password); save an unprotected copy")
            pages = []
            total = 0
            for page in reader.pages:
                lines = _page_lines(page)
                total += sum(len(line.text) for line in lines)
                if total > MAX_TEXT_CHARS:
                    raise too_much_text()
                pages.append(lines)
            title = _title(reader)
        except Unreadable:
            raise
        except LimitReachedError:
            raise Unreadable("PDF whose content expands beyond the size limit (a compression bomb?)") from None
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise Unreadable(f"damaged PDF ({detail[:120]})") from None
        if not pages:
            raise Unreadable("PDF without pages")
        with_text = [sum(len(line.text.replace(" ", "")) for line in lines) >= _MIN_PAGE_CHARS for lines in pages]
        if not any(with_text):
            raise Unreadable("PDF without a text layer (scanned?); OCR is not supported, use a PDF with text")
        warnings = []
        if not all(with_text):
            missing = with_text.count(False)
            warnings.append(f"{missing} of {len(pages)} pages have no text layer (scanned?) and were not read")
        out: list[str] = []
        page_lines: list[int] = []
        pages = _drop_running_chrome(pages)
        usual = _usual_gap(pages)
        for lines in pages:
            paragraphs = _paragraphs(lines, usual)
            # A paragraph that runs on from the previous page belongs to the page where it starts.
            if out and paragraphs and not out[-1].endswith((".", "!", "?", ":")) and paragraphs[0][:1].islower():
                out[-1] = _join(out[-1], paragraphs.pop(0))
            page_lines.append(len(out))
            out.extend(paragraphs)
        text = "\n".join(out)
        return Extracted(text=text, title=title, page_lines=tuple(page_lines), warnings=tuple(warnings))


def _title(reader: object) -> str | None:
    try:
        meta = reader.metadata  # type: ignore[attr-defined]
        title = normalize_text(str(meta.title)) if meta and meta.title else ""
    except Exception:  # metadata is optional; a broken info dictionary is not worth failing for
        return None
    return title if title and not _JUNK_TITLE.search(title) else None
