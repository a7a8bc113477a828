"""skolsok's web app, a thin gradio client of the library: Fråga (chat), Sök (search), Huvudmän
(browse). Started by ``skolsok serve``; the index is loaded once and shared by all requests.

The conversation lives on the server (``gr.State``: rendered turns and what a follow-up may refer
to) and, as questions only, in the browser (``gr.BrowserState``), so a reload asks them again.
Nothing the browser sends is shown or stored except question text, cut to ``MAX_QUESTION``.
"""

from __future__ import annotations

import os
import signal
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no calls home, before gradio loads

import gradio as gr

from skolsok import AnswerSettings, Filters, LiveSearcher, Record, Searcher, SkolsokError
from skolsok.conversation import MAX_QUESTION, Context, ask_in_context
from skolsok.records import SCHOOL_FORMS
from skolsok.relevance import relevant_hits
from skolsok.schema import KIND_LABELS_SV, KINDS

from .render import answer_html, esc, hits_html, notice_html, record_html

EXAMPLES = [
    "Vilka kommuner har IT-råd?",
    "Vilka huvudmän har en tydlig styrkedja?",
    "Vem använder effektkedjemodellen?",
    "Which municipalities use IT councils?",
]
ALL = "Alla"
#: Turns kept per conversation (on the server and, as questions, in the browser).
MAX_TURNS = 10
#: Conversations kept on the server; the oldest are dropped first.
MAX_SESSIONS = 500
#: The page's only script: "Kopiera som text" copies the answer's plain text (gradio's own copy
#: button would copy HTML). Delegated, so it works for answers rendered later.
HEAD = """<script>
// The interface is Swedish whatever the browser's language: gradio's own labels follow
// navigator.language, and the page's lang attribute tells screen readers how to speak it.
Object.defineProperty(Navigator.prototype, 'language', { get: () => 'sv' });
Object.defineProperty(Navigator.prototype, 'languages', { get: () => ['sv'] });
new MutationObserver(() => {
  if (document.documentElement.lang !== 'sv') document.documentElement.lang = 'sv';
}).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
document.documentElement.lang = 'sv';
// gradio labels chat messages with their raw HTML ("bot's message: <div …") and leaves a few
// labels in English: give screen readers short Swedish ones.
const SK_LABELS = { 'More tabs': 'Fler flikar', 'Clear': 'Rensa', 'chatbot conversation': 'Samtal' };
function skLabels() {
  for (const el of document.querySelectorAll('[aria-label]')) {
    const label = el.getAttribute('aria-label');
    let wanted = SK_LABELS[label];
    if (label.startsWith("user's message")) wanted = 'Fråga: ' + el.innerText.slice(0, 300);
    if (label.startsWith("bot's message")) wanted = 'Svar: ' + el.innerText.slice(0, 300);
    if (wanted !== undefined && wanted !== label) el.setAttribute('aria-label', wanted);
  }
}
new MutationObserver(skLabels).observe(document, { childList: true, subtree: true });
document.addEventListener('click', (event) => {
  const button = event.target.closest && event.target.closest('#chat .sk-copy');
  if (!button) return;
  const text = button.parentElement.querySelector('.sk-plain').textContent;
  navigator.clipboard.writeText(text).then(() => { button.textContent = 'Kopierat'; });
});
</script>"""


@dataclass
class Turn:
    question: str
    html: str


@dataclass
class Conversation:
    """One browser tab's conversation, bounded."""

    turns: list[Turn] = field(default_factory=list)
    context: Context | None = None

    def add(self, question: str, html: str, context: Context) -> None:
        self.turns = [*self.turns, Turn(question, html)][-MAX_TURNS:]
        self.context = context

    def messages(self) -> list[dict[str, str]]:
        out = []
        for turn in self.turns:
            out.append({"role": "user", "content": esc(turn.question)})
            out.append({"role": "assistant", "content": turn.html})
        return out

    def questions(self) -> list[str]:
        return [t.question for t in self.turns]


def _error(message: str) -> gr.Error:
    return gr.Error(esc(message), title="Fel", print_exception=False)


def _problem(exc: SkolsokError, index_dir: str) -> str:
    return (
        f"Sökindexet kunde inte läsas: {exc}. En administratör bygger det med: skolsok index build --index {index_dir}"
    )


def _choices(values: list[Any]) -> list[str]:
    return [ALL, *sorted({str(v) for v in values if v})]


def _filters(organization: str, year: str, school_form: str, kind: str) -> Filters:
    """Dropdown values as filters; "Alla" is none (kind labels are understood by the library)."""
    try:
        year_value = None if year in (ALL, "", None) else int(year)
    except ValueError:
        raise _error(f"Okänt år: {year}") from None
    return Filters(
        organization=None if organization in (ALL, "", None) else organization,
        year=year_value,
        school_form=None if school_form in (ALL, "", None) else school_form,
        kind=None if kind in (ALL, "", None) else kind,
    )


def _table(records: list[Record]) -> list[list[str]]:
    ordered = sorted(records, key=lambda r: (r.display_name.casefold(), r.year or 0))
    # A soft hyphen lets "pressmeddelande" break cleanly in a phone's narrow column.
    kinds = {k: v.replace("pressmeddelande", "press\u00admeddelande") for k, v in KIND_LABELS_SV.items()}
    return [[r.display_name, str(r.year or ""), kinds.get(r.kind, r.kind)] for r in ordered]


def stored_questions(value: Any) -> list[str]:
    """The questions a browser says it asked before: only strings, cut and bounded (never paths,
    files or markup: they are asked again as text)."""
    if not isinstance(value, list):
        return []
    return [q.strip()[:MAX_QUESTION] for q in value if isinstance(q, str) and q.strip()][-MAX_TURNS:]


def create_app(index_dir: str | Path = "index", check_every: float = 2.0, login: bool = False) -> gr.Blocks:
    """The gradio app for the index in ``index_dir``: loaded once, then followed as builds replace
    it (a new generation is picked up within ``check_every`` seconds, or on :meth:`LiveSearcher.reload`).
    ``login`` adds a "Logga ut" link (the server is started with credentials)."""
    index_dir = str(index_dir)
    live = LiveSearcher(index_dir, check_every=check_every)

    def searcher() -> Searcher:
        try:
            return live.get()
        except SkolsokError as exc:
            raise _error(_problem(exc, index_dir)) from None

    def answer_into(conversation: Conversation, question: str) -> None:
        question = question.strip()[:MAX_QUESTION]
        try:
            answer, context = ask_in_context(searcher(), question, conversation.context)
        except SkolsokError as exc:
            raise _error(str(exc)) from None
        conversation.add(question, answer_html(answer), context)

    def page_load(stored: Any, request: gr.Request) -> tuple[Any, ...]:
        """Per page view: the notice (if the index is missing), what the index holds now, the
        conversation asked again from the browser's questions, and a ``?q=`` question asked."""
        try:
            records = live.get().records
            notice = ""
        except SkolsokError as exc:
            records, notice = [], notice_html(_problem(exc, index_dir))
        forms = [name for name, _ in SCHOOL_FORMS if any(name in r.school_forms for r in records)]
        conversation = Conversation()
        if not notice:
            asked = stored_questions(stored)
            shared = (request.query_params.get("q") or "").strip() if request else ""
            if shared and (not asked or asked[-1] != shared[:MAX_QUESTION]):
                asked.append(shared)
            for question in asked[-MAX_TURNS:]:
                answer_into(conversation, question)
        return (
            gr.update(value=notice, visible=bool(notice)),
            _table(records),
            gr.update(choices=_choices([r.organization for r in records]), value=ALL),
            gr.update(choices=_choices([r.year for r in records]), value=ALL),
            gr.update(choices=[ALL, *forms], value=ALL),
            conversation.messages(),
            conversation,
            conversation.questions(),
        )

    def chat(question: str, conversation: Conversation | None) -> tuple[Any, ...]:
        question = (question or "").strip()
        if not question:  # an empty Enter does nothing (no red badges)
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        conversation = conversation if isinstance(conversation, Conversation) else Conversation()
        answer_into(conversation, question)
        return "", conversation.messages(), conversation, conversation.questions()

    def clear() -> tuple[Any, ...]:
        return "", [], Conversation(), []

    def search(query: str, organization: str, year: str, school_form: str, kind: str) -> str:
        current = searcher()
        query = (query or "").strip()[:MAX_QUESTION]
        if not query:
            raise _error("Skriv något att söka efter.")
        try:
            hits = current.search(query, top_k=10, filters=_filters(organization, year, school_form, kind))
        except SkolsokError as exc:
            raise _error(str(exc)) from None
        return hits_html(relevant_hits(hits, query, AnswerSettings.for_embedder(current.index.embedder_name)))

    def show_record(event: gr.SelectData) -> str:
        name, year = (event.row_value or [None, None])[:2]
        for record in searcher().records:
            if record.display_name == name and str(record.year or "") == year:
                return record_html(record)
        return ""

    with gr.Blocks(title="skolsok", analytics_enabled=False) as app:
        logout = ' · <a href="/logout">Logga ut</a>' if login else ""
        gr.HTML(
            '<h1 style="margin:0;font-size:1.5em">skolsok</h1><p style="margin:.2em 0 0 0">Sök och fråga i dokument '
            "om skolhuvudmäns digitala utveckling: till exempel juryns motiveringar för Guldtrappan, "
            f"pressmeddelanden och artiklar.{logout}</p>"
        )
        notice = gr.HTML(visible=False, elem_id="index-problem")
        conversation = gr.State(Conversation(), time_to_live=24 * 3600)
        stored = gr.BrowserState([], storage_key="skolsok-samtal")
        with gr.Tabs():
            with gr.Tab("Fråga", id="ask"):
                chatbot = gr.Chatbot(
                    label="Samtal",
                    show_label=False,
                    buttons=[],
                    elem_id="chat",
                    height="65vh",
                    min_height=300,
                    latex_delimiters=[],
                    sanitize_html=True,
                    placeholder="Ställ en fråga på svenska eller engelska.",
                )
                with gr.Row():
                    question = gr.Textbox(
                        label="Din fråga",
                        show_label=False,
                        placeholder="Till exempel: Vilka kommuner har IT-råd?",
                        scale=5,
                        elem_id="question",
                        max_lines=3,
                        max_length=MAX_QUESTION,
                        autofocus=True,
                    )
                    send = gr.Button("Fråga", variant="primary", scale=1, min_width=80, elem_id="ask-button")
                gr.Markdown("Exempel:")
                with gr.Row():
                    example_buttons = [gr.Button(text, size="sm", elem_classes="sk-example") for text in EXAMPLES]
                clear_button = gr.Button("Rensa samtalet", size="sm", elem_id="clear")
                chat_outputs = [question, chatbot, conversation, stored]
                # No progress overlay: answers take a fraction of a second, and painting it costs more.
                send.click(chat, [question, conversation], chat_outputs, api_name="ask", show_progress="hidden")
                question.submit(
                    chat, [question, conversation], chat_outputs, api_visibility="private", show_progress="hidden"
                )
                for button, text in zip(example_buttons, EXAMPLES, strict=True):
                    button.click(lambda text=text: text, None, question, api_visibility="private", queue=False).then(
                        chat, [question, conversation], chat_outputs, api_visibility="private", show_progress="hidden"
                    )
                clear_button.click(clear, None, chat_outputs, api_visibility="private")

            with gr.Tab("Sök", id="search"):
                with gr.Row():
                    query = gr.Textbox(label="Sökord", scale=4, elem_id="search-query", max_length=MAX_QUESTION)
                    go = gr.Button("Sök", variant="primary", scale=1, min_width=80, elem_id="search-button")
                with gr.Row():
                    organization = gr.Dropdown(
                        [ALL], value=ALL, label="Huvudman", elem_id="filter-organization", allow_custom_value=True
                    )
                    year = gr.Dropdown([ALL], value=ALL, label="År", elem_id="filter-year", allow_custom_value=True)
                    school_form = gr.Dropdown(
                        [ALL], value=ALL, label="Skolform", elem_id="filter-school-form", allow_custom_value=True
                    )
                    kind = gr.Dropdown(
                        [ALL, *[KIND_LABELS_SV[k] for k in KINDS]], value=ALL, label="Typ", elem_id="filter-kind"
                    )
                results = gr.HTML(elem_id="search-results")
                inputs = [query, organization, year, school_form, kind]
                go.click(search, inputs, results, api_name="search")
                query.submit(search, inputs, results, api_visibility="private")

            with gr.Tab("Huvudmän", id="browse"):
                gr.Markdown("Välj en rad för att läsa texten.")
                table = gr.Dataframe(
                    headers=["Huvudman", "År", "Typ"],  # school forms are in the detail: a phone has no room
                    datatype="str",
                    interactive=False,
                    elem_id="organizations",
                    wrap=True,
                    column_widths=["48%", "18%", "34%"],
                    max_height=2000,
                )
                detail = gr.HTML(elem_id="organization-detail")
                table.select(show_record, None, detail, api_visibility="private")
        app.load(
            page_load,
            [stored],
            [notice, table, organization, year, school_form, chatbot, conversation, stored],
            api_visibility="private",
        )
    app.queue(default_concurrency_limit=4)
    app.state_session_capacity = MAX_SESSIONS  # gradio's default keeps 10,000 conversations
    app.live_searcher = live  # for serve()'s SIGHUP handler and tests
    blocks: gr.Blocks = app
    return blocks


class Running:
    """A server started by :func:`launch` with ``block=False``; :meth:`close` stops it."""

    def __init__(self, server: Any, thread: threading.Thread) -> None:
        self._server, self._thread = server, thread

    def close(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=30)


def launch(
    app: gr.Blocks,
    host: str = "127.0.0.1",
    port: int = 7860,
    block: bool = True,
    auth: list[tuple[str, str]] | None = None,
) -> Running | None:
    """Serve ``app`` (with the API and source pages beside it); with ``block=False`` return once
    the server is up, as a handle to close it (for tests).

    With ``auth`` every page and API call needs one of the (user, password) pairs.
    """
    import time

    import uvicorn

    from .server import create_server

    server_app = create_server(app, app.live_searcher, host=host, auth=auth, head=HEAD)  # type: ignore[attr-defined]
    config = uvicorn.Config(server_app, host=host, port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    if block:
        server.run()
        return None
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(600):
        if server.started:
            break
        time.sleep(0.05)
    return Running(server, thread)


def serve(
    index_dir: str | Path = "index",
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: list[tuple[str, str]] | None = None,
) -> None:
    """Run the app until interrupted; SIGHUP makes it look for a new index generation at once."""
    app = create_app(index_dir, login=bool(auth))
    live: LiveSearcher = app.live_searcher  # type: ignore[attr-defined]
    signal.signal(signal.SIGHUP, lambda *_: live.reload())
    launch(app, host, port, auth=auth)
