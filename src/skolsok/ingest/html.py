"""Saved web pages (trafilatura): the main text only, with title, canonical URL, publication date
and site name from the page's own metadata. Nothing is fetched: the extractor only parses."""

from __future__ import annotations

import re

from ..cleaning import normalize_text
from .base import Extracted, Unreadable, check_size

#: Larger pages are refused before parsing (a saved page is rarely over a few MB of HTML).
MAX_HTML_BYTES = 20 * 1024 * 1024
_MIN_LETTERS = 40
_DATE = re.compile(r"^\d{4}(?:-\d{2}-\d{2})?$")
#: A page summary this short is the site's, the same on every page.
_DESCRIPTION_WORDS = 6


class HtmlReader:
    label = "HTML"

    def read(self, data: bytes) -> Extracted:
        if len(data) > MAX_HTML_BYTES:
            raise Unreadable(f"web page larger than {MAX_HTML_BYTES // 1_000_000} MB")
        try:
            import trafilatura
        except ImportError:  # pragma: no cover - a normal dependency
            from ..errors import MissingExtraError

            raise MissingExtraError("trafilatura") from None
        try:
            result = trafilatura.bare_extraction(
                data,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                include_images=False,
                include_links=False,
                # The page's own metadata only: no guessing from the URL or the running text.
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        except (ValueError, TypeError, RecursionError) as exc:
            raise Unreadable(f"web page that cannot be parsed ({type(exc).__name__})") from None
        if result is None:
            raise Unreadable("web page without a main text (only navigation or chrome found)")
        found = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        text = normalize_text(found.get("text") or "")
        # The extractor falls back to whatever text there is; a few menu words are not an article.
        if sum(ch.isalpha() for ch in text) < _MIN_LETTERS:
            raise Unreadable("web page without a main text (only navigation or chrome found)")
        check_size(text)
        text = "\n".join(line for line in text.split("\n") if line)
        title = normalize_text(found.get("title") or "") or None
        text = _with_description(text, title, normalize_text(found.get("description") or ""))
        date = found.get("date") or None
        site = normalize_text(found.get("sitename") or "") or None
        if site and "." in site and " " not in site:
            site = None  # a host name ("www.x.se") is not an organization's name
        url = found.get("url") or None
        return Extracted(
            text=text,
            title=title,
            url=url if url and url.startswith(("http://", "https://")) else None,
            date=date if date and _DATE.match(date) else None,
            publisher=site,
        )


def _with_description(text: str, title: str | None, description: str) -> str:
    """``text`` with the page's own summary (``<meta name="description">``) as its lead, below the
    headline, unless the text already says it. The summary often says what the page is about and
    nothing else does: "… fem kommuner i Jönköpings län" above a table of the five. Left out, a
    question about Jönköpings län found no page that mentions it. A site's few words for every page
    ("Ankeby kommuns officiella webbplats") and a summary cut off ("…") are no lead."""
    said = description.casefold().rstrip(" .!?")
    if len(description.split()) < _DESCRIPTION_WORDS or description.endswith(("…", "...")) or said in text.casefold():
        return text
    first, _, rest = text.partition("\n")
    if title and first == title and rest:
        return f"{first}\n{description}\n{rest}"
    return f"{description}\n{text}"
