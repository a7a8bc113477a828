"""The web app in a real browser (Debian chromium, Playwright), as teachers and staff use it:
examples, sources, peers, follow-ups, copy, sharing, history, phone, keyboard; plus escaping and
the missing-index and missing-extra paths."""

from __future__ import annotations

import dataclasses
import html
import os
import shutil
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import click
import gradio as gr
import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from skolsok_ui.app import EXAMPLES, Running, create_app, launch
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
KARLSTAD = "guldtrappan-2021-mottagare.txt#5"
IT_RAD = "IT-råd för skola och förskola består av rektorer och är central för den kraftfulla utvecklingen."
ORIGINAL = "https://example.org/guldtrappan/2021#karlstad"
PHONE = {"width": 390, "height": 844}
# Scroll the chat so that the latest answer's summary sits just below its question.
SCROLL_TO_QUESTION = """el => {
  let box = el.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight + 4 && getComputedStyle(box).overflowY !== 'visible')) {
    box = box.parentElement;
  }
  if (box) box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 70;
}"""


# What the page announced to screen readers (its role="status" regions), which gradio empties again
# after a second: recorded from the start so that a test can look at it later.
RECORD_ANNOUNCEMENTS = """window.__skAnnounced = [];
new MutationObserver((mutations) => {
  for (const m of mutations) {
    const node = m.type === 'characterData' ? m.target.parentElement : m.target;
    const region = node && node.closest && node.closest('[role="status"]');
    const text = region ? region.textContent.trim() : '';
    if (text) window.__skAnnounced.push(text);
  }
}).observe(document, { childList: true, subtree: true, characterData: true });"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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
    notice = load.fn([], None)[0]
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


def test_credentials_are_parsed_from_flags_and_the_environment_form():
    from skolsok.cli import parse_credentials

    assert parse_credentials(["rektor:hemligt", "a:b,c:d:e"]) == [("rektor", "hemligt"), ("a", "b"), ("c", "d:e")]
    with pytest.raises(click.BadParameter, match="USER:PASSWORD"):
        parse_credentials(["rektor"])


@dataclass(frozen=True)
class Served:
    url: str
    corpus: Path
    index: Path
    app: gr.Blocks


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The app on a free port over the seed corpus plus a document full of injection attempts;
    Karlstad's record gets an original URL (front matter will carry it; set here directly)."""
    root = tmp_path_factory.mktemp("ui")
    corpus = root / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    (corpus / "injektionsby.txt").write_text(INJECTED, encoding="utf-8")
    build_index(corpus, root / "index")
    app = create_app(root / "index", check_every=0.5)
    records = app.live_searcher.get().index.records
    records[KARLSTAD] = dataclasses.replace(records[KARLSTAD], url=ORIGINAL)
    port = free_port()
    running = launch(app, "127.0.0.1", port, block=False)
    assert isinstance(running, Running)
    yield Served(f"http://127.0.0.1:{port}", corpus, root / "index", app)
    running.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screenshots go to a temporary folder (or SKOLSOK_SCREENSHOTS, which `make screenshots` sets);
    a test run never writes into the checkout."""
    folder = os.environ.get("SKOLSOK_SCREENSHOTS")
    return Path(folder) if folder else tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "the browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        yield browser
        browser.close()


OUTSIDE: list[str] = []


def open_app(browser: Browser, server: Served, path: str = "/", viewport: dict | None = None) -> Page:
    """A new browser context (empty localStorage) on the app; every request outside it is noted."""
    context: BrowserContext = browser.new_context(
        viewport=viewport or {"width": 1200, "height": 1000}, permissions=["clipboard-read", "clipboard-write"]
    )
    context.add_init_script(RECORD_ANNOUNCEMENTS)
    page = context.new_page()
    context.on("request", lambda r: None if r.url.startswith(server.url) else OUTSIDE.append(r.url))
    page.goto(server.url + path)
    page.wait_for_selector("#question textarea", timeout=30_000)
    return page


@pytest.fixture(scope="module")
def page(browser: Browser, server: Served) -> Iterator[Page]:
    page = open_app(browser, server)
    yield page
    page.context.close()


def ask(page: Page, question: str, press_enter: bool = False) -> None:
    before = page.locator("#chat .sk-answer").count()
    page.fill("#question textarea", question)
    if press_enter:
        page.locator("#question textarea").press("Enter")
    else:
        page.click("#ask-button")
    expect(page.locator("#chat .sk-answer")).to_have_count(before + 1, timeout=30_000)


def no_error_shown(page: Page) -> None:
    assert page.locator(".toast-body").count() == 0
    assert "Error" not in page.locator("body").inner_text()


@pytest.mark.browser
def test_every_example_button_answers(page: Page):
    page.get_by_role("tab", name="Fråga").click()
    for n, text in enumerate(EXAMPLES, 1):
        page.get_by_role("button", name=text).click()
        expect(page.locator("#chat .sk-answer")).to_have_count(n, timeout=30_000)
        answer = page.locator("#chat .sk-answer").last
        expect(answer.locator(".sk-card").first).to_be_visible()
        assert "sk-abstain" not in (answer.get_attribute("class") or "")
        no_error_shown(page)
    chat = page.locator("#chat").inner_text()
    assert "Karlstads kommun" in chat and "Eksjö kommun" in chat


@pytest.mark.browser
def test_chat_answers_with_organizations_and_quotes(page: Page, screenshots: Path):
    ask(page, "Vilka kommuner har IT-råd?")
    answer = page.locator("#chat .sk-answer").last
    assert "Karlstads kommun" in answer.inner_text()
    assert IT_RAD in answer.locator(".sk-quote").first.inner_text()
    expect(answer.locator(".sk-plain")).to_be_hidden()  # the text "Kopiera som text" copies
    page.wait_for_timeout(800)  # let the chat's own autoscroll finish first
    answer.locator(".sk-summary").evaluate(SCROLL_TO_QUESTION)
    page.wait_for_timeout(300)
    page.screenshot(path=str(screenshots / "screenshot.png"))
    ask(page, "Hur lagar man köttbullar?")
    expect(page.locator("#chat .sk-abstain").last).to_contain_text("Jag hittar inget om det i dokumenten.")
    expect(page.locator("#chat .sk-abstain").last).to_contain_text("Pröva fliken Sök")


@pytest.mark.browser
def test_a_quote_opens_its_source_scrolled_to_and_highlighted(page: Page, screenshots: Path):
    ask(page, "Vilka kommuner har IT-råd?")
    card = page.locator("#chat .sk-answer").last.locator(".sk-card").first
    with page.context.expect_page() as opened:
        card.get_by_role("link", name="Öppna källan").first.click()
    source = opened.value
    source.wait_for_load_state()
    cited = source.locator("mark#citat")
    expect(cited).to_have_text(IT_RAD)
    expect(cited).to_be_in_viewport()
    assert source.evaluate("document.documentElement.lang") == "sv"
    expect(source.locator("h1")).to_have_text("Karlstads kommun")
    link = source.get_by_role("link", name="Öppna originalet ↗")
    assert link.get_attribute("href") == ORIGINAL
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener noreferrer"
    source.screenshot(path=str(screenshots / "source.png"))
    source.close()


@pytest.mark.browser
def test_a_search_hit_opens_its_source(page: Page):
    page.get_by_role("tab", name="Sök").click()
    page.fill("#search-query textarea", "IT-råd")
    page.click("#search-button")
    hit = page.locator("#search-results .sk-hit").first
    expect(hit).to_contain_text("Karlstads kommun", timeout=30_000)
    assert "poäng" not in page.locator("#search-results").inner_text()
    with page.context.expect_page() as opened:
        hit.get_by_role("link", name="Öppna källan").click()
    source = opened.value
    expect(source.locator("mark#citat")).to_contain_text("IT-råd")
    source.close()


@pytest.mark.browser
def test_search_says_no_hits_for_nonsense(page: Page):
    page.get_by_role("tab", name="Sök").click()
    page.fill("#search-query textarea", "pizzarecept med ananas")
    page.click("#search-button")
    expect(page.locator("#search-results")).to_have_text(
        "Inga träffar. Pröva andra ord eller färre filter.", timeout=30_000
    )


@pytest.mark.browser
def test_filtered_search_lists_highlighted_passages(page: Page):
    page.get_by_role("tab", name="Sök").click()
    page.fill("#search-query textarea", "styrkedja")
    page.locator("#filter-year input").click()
    page.get_by_role("option", name="2020").click()
    page.click("#search-button")
    results = page.locator("#search-results")
    expect(results).to_contain_text("Södertälje kommun", timeout=30_000)
    assert "Karlstads kommun" not in results.inner_text()  # 2021, filtered out
    assert results.locator("mark").count() > 0
    page.locator("#filter-year input").click()
    page.get_by_role("option", name="Alla").click()


@pytest.mark.browser
def test_browse_opens_an_organizations_jury_motivation_and_similar_organizations(page: Page):
    page.get_by_role("tab", name="Huvudmän").click()
    page.locator("#organizations").get_by_text("Karlstads kommun", exact=True).first.click()
    detail = page.locator("#organization-detail")
    expect(detail).to_contain_text("Juryns motivering", timeout=30_000)
    assert IT_RAD in detail.inner_text()
    with page.context.expect_page() as opened:
        detail.get_by_role("link", name="Liknande huvudmän").click()
    similar = opened.value
    expect(similar.locator("h1")).to_have_text("Huvudmän som liknar Karlstads kommun")
    cards = similar.locator(".sk-similar")
    expect(cards.first).to_contain_text("1. Leksands kommun")
    expect(cards.first.locator(".sk-quote")).to_have_count(2)
    assert "Med ’Digitala Karlstad’" in cards.first.inner_text()
    similar.close()


@pytest.mark.browser
def test_a_follow_up_refers_to_the_previous_answer(browser: Browser, server: Served):
    page = open_app(browser, server)
    ask(page, "Vilka huvudmän har en tydlig styrkedja?")
    assert "Södertälje kommun" in page.locator("#chat .sk-answer").last.inner_text()
    ask(page, "Vilka av dem fick Guldtrappan 2021?")
    follow = page.locator("#chat .sk-answer").last
    expect(follow.locator(".sk-summary")).to_contain_text("Av huvudmännen i förra svaret passar 3 av 4 (2021)")
    assert "Karlstads kommun" in follow.inner_text()
    assert "Södertälje kommun" not in follow.inner_text()  # 2020
    page.context.close()


@pytest.mark.browser
def test_copy_gives_one_answer_as_text_with_its_sources(browser: Browser, server: Served):
    page = open_app(browser, server)
    ask(page, "Vem använder effektkedjemodellen?")
    page.locator("#chat .sk-answer").last.get_by_role("button", name="Kopiera som text").click()
    expect(page.locator("#chat .sk-copy").last).to_have_text("Kopierat")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Svar: Eksjö kommun (2021).\n\n**Eksjö kommun, barn- och utbildningssektorn**\n> ”")
    assert copied.endswith(", 2021, guldtrappan-2021-mottagare.txt")
    assert "<" not in copied and "&#" not in copied
    page.context.close()


@pytest.mark.browser
def test_a_question_link_asks_and_a_reload_keeps_the_conversation(browser: Browser, server: Served):
    page = open_app(browser, server, "/?q=" + quote("Vem använder effektkedjemodellen?"))
    answer = page.locator("#chat .sk-answer")
    expect(answer).to_have_count(1, timeout=30_000)
    expect(answer).to_contain_text("Eksjö kommun")
    share = answer.get_by_role("link", name="Länk till frågan")
    assert share.get_attribute("href") == "?q=Vem+anv%C3%A4nder+effektkedjemodellen%3F"
    ask(page, "Vilka kommuner har IT-råd?")
    page.goto(server.url)  # a reload, without the ?q=
    expect(page.locator("#chat .sk-answer")).to_have_count(2, timeout=30_000)
    chat = page.locator("#chat").inner_text()
    assert chat.index("Vem använder effektkedjemodellen?") < chat.index("Vilka kommuner har IT-råd?")
    page.get_by_role("button", name="Rensa samtalet").click()
    expect(page.locator("#chat .sk-answer")).to_have_count(0)
    page.reload()
    page.wait_for_selector("#question textarea")
    page.wait_for_timeout(1000)
    assert page.locator("#chat .sk-answer").count() == 0
    page.context.close()


@pytest.mark.browser
def test_swedish_labels_and_language_and_an_empty_enter_does_nothing(page: Page):
    assert page.evaluate("document.documentElement.lang") == "sv"
    page.get_by_role("tab", name="Fråga").click()
    expect(page.get_by_role("textbox", name="Din fråga")).to_be_visible()
    before = page.locator("#chat .sk-answer").count()
    page.fill("#question textarea", "")
    page.locator("#question textarea").press("Enter")
    page.wait_for_timeout(800)
    assert page.locator("#chat .sk-answer").count() == before
    no_error_shown(page)
    for english in ("Clear", "Copy conversation", "More tabs"):
        assert page.get_by_role("button", name=english, exact=True).count() == 0
    labels = page.evaluate(
        "[...document.querySelectorAll('#chat [aria-label]')].map(e => e.getAttribute('aria-label'))"
    )
    assert labels and not any("<" in label or "message" in label or "chatbot" in label for label in labels)
    assert any(label.startswith("Svar: ") for label in labels)
    # gradio announces the page's loading and then (at most one announcement per 5 s) its finished
    # load event, the latter with a key of its own that no locale has ("common.complete"); the page
    # says both in Swedish.
    page.wait_for_function("window.__skAnnounced.some(t => !['Loading', 'Laddar'].includes(t))", timeout=20_000)
    announced = set(page.evaluate("window.__skAnnounced"))
    assert "Klart" in announced and announced <= {"Laddar", "Klart"}, announced
    assert "common." not in (page.locator("body").text_content() or "")


CONTRAST = """([selector, pseudo]) => {
  const el = document.querySelector(selector);
  const parse = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const fg = parse(getComputedStyle(el, pseudo).color);
  let node = el, bg = null;
  while (node && node.nodeType === 1) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c.length < 4 || c[3] > 0) { bg = c; break; }
    node = node.parentElement;
  }
  bg = bg || [255, 255, 255];
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.browser
def test_text_contrast_is_at_least_4_5_to_1(page: Page):
    page.get_by_role("tab", name="Fråga").click()
    if page.locator("#chat .sk-source").count() == 0:
        ask(page, "Vilka kommuner har IT-råd?")
    ratios: list[float] = []
    for selector, pseudo in [
        ('button[role="tab"][aria-selected="true"]', None),
        ("#question textarea", "::placeholder"),
        ("#chat .sk-source", None),
        ("#chat .sk-meta", None),
        ("#chat .sk-open", None),
    ]:
        ratio = page.evaluate(CONTRAST, [selector, pseudo])
        assert ratio >= 4.5, f"{selector}{pseudo or ''}: {ratio:.2f}:1"
        ratios.append(ratio)
    assert page.evaluate(CONTRAST, ["#chat mark", None]) > 1  # the check itself measures something


@pytest.mark.browser
def test_keyboard_only(browser: Browser, server: Served):
    page = open_app(browser, server)
    page.wait_for_function("document.activeElement && document.activeElement.closest('#question')")
    page.keyboard.type("Vilka kommuner har IT-råd?")
    page.keyboard.press("Enter")
    expect(page.locator("#chat .sk-answer")).to_have_count(1, timeout=30_000)
    for _ in range(40):  # Tab on to the first example and take it with Enter
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == EXAMPLES[1]:
            break
    else:
        pytest.fail("the example buttons cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#chat .sk-answer")).to_have_count(2, timeout=30_000)
    page.context.close()


def _overflow(page: Page) -> int:
    return int(page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth"))


@pytest.mark.browser
def test_every_tab_fits_a_phone(browser: Browser, server: Served):
    page = open_app(browser, server, viewport=PHONE)
    ask(page, "Vilka kommuner har IT-råd?")
    assert _overflow(page) <= 0
    page.get_by_role("tab", name="Sök").click()
    page.fill("#search-query textarea", "styrkedja")
    page.click("#search-button")
    expect(page.locator("#search-results .sk-hit").first).to_be_visible(timeout=30_000)
    assert _overflow(page) <= 0
    page.get_by_role("tab", name="Huvudmän").click()
    year = page.locator("#organizations").get_by_text("2021", exact=True).first
    expect(year).to_be_visible()
    box = year.bounding_box()
    assert box is not None and box["height"] < 30, "a year wraps onto several lines"
    cell = page.locator("#organizations").get_by_text("artikel", exact=True).first
    box = cell.bounding_box()
    assert box is not None and box["height"] < 30, "words are broken (arti/kel)"
    clipped = page.evaluate(
        "[...document.querySelectorAll('#organizations .body-cell span')]"
        ".filter(s => s.scrollWidth > s.clientWidth + 1).map(s => s.textContent)"
    )
    assert clipped == []
    assert (
        page.evaluate("getComputedStyle(document.querySelector('#organizations .body-cell span')).fontFamily")[:9]
        == "system-ui"
    )
    assert _overflow(page) <= 0
    page.context.close()


@pytest.mark.browser
def test_injected_markup_shows_as_text_and_runs_nothing(page: Page):
    page.get_by_role("tab", name="Sök").click()
    page.fill("#search-query textarea", "glass på fredagar <script>window.__pwned = 4</script>")
    page.click("#search-button")
    results = page.locator("#search-results")
    expect(results).to_contain_text("Injektionsby kommun", timeout=30_000)
    text = results.inner_text()
    assert "<script>window.__pwned = 1</script>" in text
    assert "**fet text**" in text and "[en länk](javascript:window.__pwned=2)" in text
    page.get_by_role("tab", name="Fråga").click()
    ask(page, "<img src=x onerror='window.__pwned=5'> **Vem serverar glass?**")
    chat = page.locator("#chat")
    expect(chat).to_contain_text("<img src=x onerror='window.__pwned=5'> **Vem serverar glass?**")
    expect(chat.locator(".sk-answer").last).to_contain_text("Injektionsby kommun")
    assert page.evaluate("window.__pwned") is None


@pytest.mark.browser
def test_a_rebuild_is_served_without_a_restart(page: Page, server: Served):
    (server.corpus / "omby.txt").write_text(
        "Omby kommun bygger ett planetarium\n\nOmby kommun har byggt ett planetarium för alla elever i "
        "årskurs sex, där lärarna undervisar i astronomi med digitala teleskop.\n",
        encoding="utf-8",
    )
    build_index(server.corpus, server.index)
    page.wait_for_timeout(700)  # the app checks for a new generation every 0.5 s
    page.get_by_role("tab", name="Sök").click()
    page.fill("#search-query textarea", "planetarium med digitala teleskop")
    page.click("#search-button")
    expect(page.locator("#search-results .sk-hit").first).to_contain_text("Omby kommun", timeout=30_000)


@pytest.mark.browser
def test_no_request_left_the_machine():
    assert OUTSIDE == []


@pytest.mark.browser
def test_logging_out_forgets_the_conversation_in_the_browser(browser: Browser, e5_index: Path):
    app = create_app(e5_index, login=True)
    port = free_port()
    running = launch(app, "127.0.0.1", port, block=False, auth=[("rektor", "hemligt")])
    assert running is not None
    base = f"http://127.0.0.1:{port}"
    context = browser.new_context()
    page = context.new_page()
    try:

        def log_in() -> None:
            page.goto(base)
            page.get_by_label("username").fill("rektor")
            page.get_by_label("password").fill("hemligt")
            page.keyboard.press("Enter")
            page.wait_for_selector("#question textarea", timeout=30_000)

        log_in()
        page.fill("#question textarea", "Vem har digitala prov?")
        page.click("#ask-button")
        expect(page.locator("#chat .sk-answer")).to_have_count(1, timeout=30_000)
        assert page.evaluate("Object.keys(localStorage).length") > 0
        page.get_by_role("link", name="Logga ut").click()
        page.wait_for_timeout(500)
        assert page.evaluate("Object.keys(localStorage).length") == 0
        log_in()
        page.wait_for_timeout(1000)
        assert page.locator("#chat .sk-answer").count() == 0
    finally:
        context.close()
        running.close()
