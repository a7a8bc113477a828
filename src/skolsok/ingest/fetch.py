"""Fetching a document from a URL for ``skolsok add``: http(s) only, a timeout, a size limit and
a content type that one of the readers understands."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import FetchError, MissingExtraError

#: What a server may send, and the suffix the saved file gets.
CONTENT_TYPES: dict[str, str] = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024
TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class Fetched:
    """A downloaded document: the address asked for, a file name for it, and its bytes."""

    url: str
    name: str
    data: bytes


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def file_name(url: str, suffix: str) -> str:
    """A file name for a fetched document: the last part of its path, else its host."""
    parts = urlsplit(url)
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    stem = re.sub(r"\.(?:html?|php|aspx?|jsp|txt|md|pdf|docx)$", "", last, flags=re.I)
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-")[:80] or re.sub(r"[^\w.-]+", "-", parts.hostname or "page")
    return stem + suffix


def fetch(url: str, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_DOWNLOAD_BYTES) -> Fetched:
    """Download ``url``. Raises :class:`FetchError` for anything that is not a readable document."""
    if not is_url(url):
        raise FetchError(url, "only http:// and https:// addresses can be fetched")
    try:
        import httpx
    except ImportError:  # pragma: no cover - a normal dependency
        raise MissingExtraError("httpx") from None
    try:
        with (
            httpx.Client(
                follow_redirects=True, max_redirects=5, timeout=timeout, headers={"User-Agent": "skolsok"}
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code != 200:
                raise FetchError(url, f"the server answered {response.status_code} {response.reason_phrase}")
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type not in CONTENT_TYPES:
                shown = content_type or "none"
                raise FetchError(url, f"content type {shown} is not a web page, text, PDF or Word document")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(url, f"larger than {max_bytes // 1_000_000} MB")
            chunks: list[bytes] = []
            size = 0
            # The timeout bounds each wait; this bounds a server that sends a trickle for ever.
            deadline = time.monotonic() + 4 * timeout
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(url, f"larger than {max_bytes // 1_000_000} MB")
                if time.monotonic() > deadline:
                    raise FetchError(url, f"not downloaded within {4 * timeout:g} seconds")
                chunks.append(chunk)
            final = str(response.url)
    except httpx.TimeoutException:
        raise FetchError(url, f"no answer within {timeout:g} seconds") from None
    except httpx.TooManyRedirects:
        raise FetchError(url, "too many redirects") from None
    except httpx.HTTPError as exc:
        raise FetchError(url, f"the request failed ({type(exc).__name__})") from None
    return Fetched(url=url, name=file_name(final, CONTENT_TYPES[content_type]), data=b"".join(chunks))
