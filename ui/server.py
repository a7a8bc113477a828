"""The HTTP server: the gradio app mounted on a FastAPI app that adds the JSON API (``/api``), the
source view (``/kalla``) and similar organizations (``/liknande``), all behind the same login, and
the checks gradio does not make (Host, Origin, uploads, login attempts, storage cleared on logout)."""

from __future__ import annotations

import base64
import binascii
import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import gradio as gr
from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.routing import Mount

from skolsok import LiveSearcher

from . import api, pages
from .render import CSS

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
#: Failed logins (the form or HTTP Basic) allowed per client address within the window.
LOGIN_ATTEMPTS = 10
LOGIN_WINDOW = 60.0
#: Paths that need a login when the app has one (gradio guards its own routes).
_OWN_PATHS = ("/api/", "/kalla", "/liknande")
_CHANGES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class LoginLimiter:
    """Counts failed logins per client address; past the limit, further tries are refused for the
    rest of the window (a password cannot be guessed at hundreds of tries a second)."""

    def __init__(self, attempts: int = LOGIN_ATTEMPTS, window: float = LOGIN_WINDOW) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def blocked(self, client: str) -> bool:
        with self._lock:
            failures = self._failures.get(client)
            if not failures:
                return False
            while failures and failures[0] < time.monotonic() - self.window:
                failures.popleft()
            return len(failures) >= self.attempts

    def failed(self, client: str) -> None:
        with self._lock:
            if len(self._failures) > 10_000:  # bounded: forget the oldest addresses
                self._failures.pop(next(iter(self._failures)))
            self._failures[client].append(time.monotonic())


def _host_name(host_header: str) -> str:
    """The name part of a Host header: "127.0.0.1:7860" → "127.0.0.1", "[::1]:80" → "::1"."""
    return (urlsplit(f"//{host_header}").hostname or "").casefold()


@dataclass
class Guard:
    """What every request is checked against before it reaches gradio or the API."""

    host: str
    credentials: dict[str, str]
    limiter: LoginLimiter
    gradio_app: FastAPI | None = None

    def user(self, request: Request) -> str | None:
        """The logged-in user (gradio's login cookie or HTTP Basic), or None."""
        if self.gradio_app is not None:
            cookie_id = getattr(self.gradio_app, "cookie_id", "")
            token = request.cookies.get(f"access-token-{cookie_id}") or request.cookies.get(
                f"access-token-unsecure-{cookie_id}"
            )
            user = getattr(self.gradio_app, "tokens", {}).get(token)
            if user:
                return str(user)
        scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
        if scheme.casefold() != "basic":
            return None
        try:
            name, _, password = base64.b64decode(encoded, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        expected = self.credentials.get(name)
        if expected is not None and secrets.compare_digest(password.encode(), expected.encode()):
            return name
        return None

    async def __call__(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        path = request.url.path
        client = request.client.host if request.client else "?"
        # DNS rebinding: a page on evil.example whose name resolves to 127.0.0.1 reaches a local
        # server with its own Host; only loopback names are served by a loopback-bound server.
        if self.host in LOOPBACK and _host_name(request.headers.get("host", "")) not in LOOPBACK:
            return _error(421, "Okänd värd: öppna appen på http://127.0.0.1 eller http://localhost.")
        # A web page may post forms to a local server; changes come only from this app's own pages.
        origin = request.headers.get("origin")
        host = request.headers.get("host", "").casefold()
        if request.method in _CHANGES and origin is not None and urlsplit(origin).netloc.casefold() != host:
            return _error(403, "Anrop från en annan webbplats tas inte emot.")
        if "/upload" in path:  # the app takes no files; gradio would keep any upload forever
            return _error(403, "Appen tar inte emot filer.")
        is_login = path.rstrip("/") == "/login" and request.method == "POST"
        if self.credentials:
            if (is_login or request.headers.get("authorization")) and self.limiter.blocked(client):
                return _error(429, "För många misslyckade inloggningar. Vänta en minut och försök igen.")
            if (path.startswith(_OWN_PATHS) or path == "/api") and self.user(request) is None:
                if request.headers.get("authorization"):
                    self.limiter.failed(client)
                return _error(401, "Logga in först.", {"WWW-Authenticate": 'Basic realm="skolsok"'})
        response = await call_next(request)
        if is_login and response.status_code >= 400:
            self.limiter.failed(client)
        if path.rstrip("/") == "/logout":
            # The browser keeps the conversation in localStorage: a logout must not leave it behind.
            response.headers["Clear-Site-Data"] = '"cache", "storage"'
        if path == "/" and response.headers.get("content-type", "").startswith("text/html"):
            return await _swedish(response)
        return response


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


async def _swedish(response: Response) -> Response:
    """gradio's page with ``lang="sv"``: screen readers then read the page as Swedish."""
    body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
    body = body.replace(b'lang="en"', b'lang="sv"', 1)
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    return HTMLResponse(body, status_code=response.status_code, headers=headers)


#: What gradio's status tracker announces to screen readers (its aria-live region), in Swedish. It
#: announces a finished event as ``i18n("common.complete")``, a key no locale of gradio 6 has (its
#: "Complete" is ``chatbot.complete``), so the page said "common.complete"; and until its Swedish
#: strings have loaded it says "Loading". The page is Swedish in every browser (``HEAD`` sets the
#: language to sv), so English gets the same strings.
_STATUS_SV = {
    "common.complete": "Klart",
    "common.loading": "Laddar",
    "common.error": "Fel",
    "status.queue_position": "I kö: {position} av {size}",
}
SWEDISH = gr.I18n(sv=_STATUS_SV, en=_STATUS_SV)


def create_server(
    blocks: gr.Blocks,
    live: LiveSearcher,
    host: str = "127.0.0.1",
    auth: list[tuple[str, str]] | None = None,
    head: str = "",
) -> FastAPI:
    """The FastAPI app serving ``blocks`` at ``/`` with the API and the source pages beside it."""
    server = FastAPI(
        title="skolsok API",
        description="Sökning och svar över skolhuvudmäns dokument; samma JSON som `skolsok … --json`.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the docs pages load scripts from a CDN: nothing is fetched from outside
        redoc_url=None,
    )
    guard = Guard(host, dict(auth or []), LoginLimiter())
    server.middleware("http")(guard)
    server.include_router(api.router(live))
    server.include_router(pages.router(live))
    gr.mount_gradio_app(
        server,
        blocks,
        path="/",
        server_name=host,
        footer_links=[],
        run_history=False,  # gradio would keep every question and answer in localStorage
        auth=auth or None,
        auth_message="skolsok: logga in" if auth else None,
        max_file_size="1kb",
        css=CSS,
        theme=gr.themes.Default(font=["system-ui", "sans-serif"]),
        head=head,
        i18n=SWEDISH,
    )
    guard.gradio_app = next(r.app for r in server.routes if isinstance(r, Mount))  # type: ignore[assignment]
    return server
