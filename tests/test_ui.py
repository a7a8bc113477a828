"""The web app: escaping, the missing-index and missing-extra paths, and a real browser session."""

from __future__ import annotations

import html
import os
import shutil
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from playwright.sync_api import expect
from skolsok_ui.app import create_app, launch
from skolsok_ui.render import esc, highlight

from skolsok import build_index
from skolsok.cli import main

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INJECTED = """Injektionsby kommun serverar glass på fredagar

Injektionsby kommun serverar glass på fredagar i alla skolor. <script>window.__pwned = 1</script>
Eleverna skriver **fet text** och [en länk](javascript:window.__pwned=2) <img src=x onerror="window.__pwned=3">.
"""


def test_esc_makes_html_and_markdown_inert():
    assert esc("<script>alert(1)</script>") == "&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;"
    assert esc("**fet** [a](javascript:x)") == "&#42;&#42;fet&#42;&#42; &#91;a&#93;&#40;javascript&#58;x&#41;"
    assert esc("\"'&") == "&quot;&#39;&amp;"
    assert esc("rad ett\nrad två") == "rad ett<br>rad två"


def test_highlight_marks_spans_and_escapes_around_them():
    assert highlight("IT-råd <b>", [(0, 6)]) == "<mark>IT&#45;råd</mark> &lt;b&gt;"


def test_missing_index_is_explained_in_the_page(tmp_path: Path):
    app = create_app(tmp_path / "none")
    load = next(fn for fn in app.fns.values() if fn.name == "page_load")
    notice = load.fn()[0]
    assert notice["visible"] is True
    shown = html.unescape(notice["value"])
    assert "skolsok index build --index" in shown
    assert "no index found in" in shown


def test_serve_without_the_ui_extra_names_the_extra(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "gradio", None)
    result = CliRunner().invoke(main, ["serve", "--index", "nowhere"])
    assert result.exit_code == 1
    assert result.stderr == (
        "skolsok: error: the 'gradio' package is required for this feature "
        "(install it with: pip install 'skolsok[ui]')\n"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Served:
    url: str
    corpus: Path
    index: Path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The app on a free port over the seed corpus plus a document full of injection attempts."""
    root = tmp_path_factory.mktemp("ui")
    corpus = root / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    (corpus / "injektionsby.txt").write_text(INJECTED, encoding="utf-8")
    build_index(corpus, root / "index")
    app = create_app(root / "index", check_every=0.5)
    port = _free_port()
    launch(app, "127.0.0.1", port, block=False)
    yield Served(f"http://127.0.0.1:{port}", corpus, root / "index")
    app.close()


# Scroll the chat so that the latest answer's summary sits just below its question.
SCROLL_TO_QUESTION = """el => {
  let box = el.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight + 4 && getComputedStyle(box).overflowY !== 'visible')) {
    box = box.parentElement;
  }
  if (box) box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 70;
}"""


@pytest.fixture(scope="module")
def page(server: Served) -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (see .ci/run)")
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1200, "height": 1000})
        outside: list[str] = []
        page.on("request", lambda r: None if r.url.startswith(server.url) else outside.append(r.url))
        page.goto(server.url)
        page.wait_for_selector("#question textarea", timeout=30_000)
        page.outside_requests = outside  # type: ignore[attr-defined]
        yield page
        browser.close()


@pytest.mark.browser
def test_chat_answers_with_organizations_and_quotes(page):
    page.get_by_role("tab", name="Fråga").click()
    page.fill("#question textarea", "Vilka kommuner har IT-råd?")
    page.click("#ask-button")
    page.wait_for_selector("#chat .sk-card", timeout=30_000)
    chat = page.locator("#chat")
    assert "Karlstads kommun" in chat.inner_text()
    quote = chat.locator(".sk-quote").first.inner_text()
    assert "IT-råd för skola och förskola består av rektorer" in quote
    page.wait_for_timeout(800)  # let the chat's own autoscroll finish first
    page.locator("#chat .sk-summary").last.evaluate(SCROLL_TO_QUESTION)
    page.wait_for_timeout(300)
    (ROOT / "docs").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))
    # A follow-up in the same conversation, and an abstention shown as such.
    page.fill("#question textarea", "Hur lagar man köttbullar?")
    page.click("#ask-button")
    expect(chat.locator(".sk-abstain")).to_contain_text("Jag hittar inget om det i dokumenten.", timeout=30_000)
    assert chat.inner_text().count("Karlstads kommun") >= 1


@pytest.mark.browser
def test_filtered_search_lists_highlighted_passages(page):
    page.get_by_role("tab", name="Sök").click()
    page.fill("#search-query textarea", "styrkedja")
    page.locator("#filter-year input").click()
    page.get_by_role("option", name="2020").click()
    page.click("#search-button")
    results = page.locator("#search-results")
    expect(results).to_contain_text("Södertälje kommun", timeout=30_000)
    assert "Karlstads kommun" not in results.inner_text()  # 2021, filtered out
    assert results.locator("mark").count() > 0


@pytest.mark.browser
def test_browse_opens_an_organizations_jury_motivation(page):
    page.get_by_role("tab", name="Huvudmän").click()
    page.locator("#organizations").get_by_text("Karlstads kommun", exact=True).first.click()
    expect(page.locator("#organization-detail")).to_contain_text("Karlstads kommun", timeout=30_000)
    detail = page.locator("#organization-detail").inner_text()
    assert "Juryns motivering" in detail
    assert "IT-råd för skola och förskola består av rektorer" in detail


@pytest.mark.browser
def test_injected_markup_shows_as_text_and_runs_nothing(page):
    page.get_by_role("tab", name="Sök").click()
    page.locator("#filter-year input").click()
    page.get_by_role("option", name="Alla").click()
    page.fill("#search-query textarea", "glass på fredagar <script>window.__pwned = 4</script>")
    page.click("#search-button")
    results = page.locator("#search-results")
    expect(results).to_contain_text("Injektionsby kommun", timeout=30_000)
    text = results.inner_text()
    assert "<script>window.__pwned = 1</script>" in text
    assert "**fet text**" in text and "[en länk](javascript:window.__pwned=2)" in text
    page.get_by_role("tab", name="Fråga").click()
    page.fill("#question textarea", "<img src=x onerror='window.__pwned=5'> **Vem serverar glass?**")
    page.click("#ask-button")
    chat = page.locator("#chat")
    expect(chat).to_contain_text("<img src=x onerror='window.__pwned=5'> **Vem serverar glass?**", timeout=30_000)
    expect(chat.locator(".sk-answer").last).to_contain_text("Injektionsby kommun", timeout=30_000)
    assert page.evaluate("window.__pwned") is None
    assert page.outside_requests == []


@pytest.mark.browser
def test_a_rebuild_is_served_without_a_restart(page, server: Served):
    (server.corpus / "omby.txt").write_text(
        "Omby kommun bygger ett planetarium\n\nOmby kommun har byggt ett planetarium för alla elever i "
        "årskurs sex, där lärarna undervisar i astronomi med digitala teleskop.\n",
        encoding="utf-8",
    )
    build_index(server.corpus, server.index)
    page.wait_for_timeout(700)  # the app checks for a new generation every 0.5 s
    page.get_by_role("tab", name="Sök").click()
    page.locator("#filter-year input").click()
    page.get_by_role("option", name="Alla").click()
    page.fill("#search-query textarea", "planetarium med digitala teleskop")
    page.click("#search-button")
    expect(page.locator("#search-results .sk-hit").first).to_contain_text("Omby kommun", timeout=30_000)


def test_credentials_are_parsed_from_flags_and_the_environment_form():
    from skolsok.cli import parse_credentials

    assert parse_credentials(["rektor:hemligt", "a:b,c:d:e"]) == [("rektor", "hemligt"), ("a", "b"), ("c", "d:e")]
    with pytest.raises(click.BadParameter, match="USER:PASSWORD"):
        parse_credentials(["rektor"])


def test_with_auth_nothing_is_served_before_login_and_files_stay_private(tmp_path: Path, e5_index: Path):
    import httpx

    app = create_app(e5_index)
    port = _free_port()
    launch(app, "127.0.0.1", port, block=False, auth=[("rektor", "hemligt")])
    base = f"http://127.0.0.1:{port}"
    try:
        assert httpx.get(f"{base}/config").status_code == 401
        assert (
            httpx.post(
                f"{base}/gradio_api/call/search", json={"data": ["prov", "Alla", "Alla", "Alla", "Alla"]}
            ).status_code
            == 401
        )
        with httpx.Client() as client:
            assert client.post(f"{base}/login", data={"username": "rektor", "password": "fel"}).status_code == 400
            assert client.post(f"{base}/login", data={"username": "rektor", "password": "hemligt"}).status_code == 200
            assert client.get(f"{base}/config").status_code == 200
            for path in ("/etc/passwd", "../../../../etc/passwd", str(e5_index / "CURRENT")):
                response = client.get(f"{base}/gradio_api/file={path}")
                assert response.status_code in (403, 404), path
                assert "root:" not in response.text and "gen-" not in response.text
    finally:
        app.close()
