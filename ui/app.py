"""skolsok's web app, a thin gradio client of the library: Fråga (chat), Sök (search), Huvudmän
(browse). Started by ``skolsok serve``; the index is loaded once and shared by all requests."""

from __future__ import annotations

import os
import signal

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no calls home, before gradio loads

from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import gradio as gr

from skolsok import Filters, LiveSearcher, Record, Searcher, SkolsokError, ask
from skolsok.records import SCHOOL_FORMS
from skolsok.schema import KIND_LABELS_SV, KINDS

from .render import CSS, answer_html, esc, hits_html, notice_html, record_html

EXAMPLES = [
    "Vilka kommuner har IT-råd?",
    "Vilka huvudmän har en tydlig styrkedja?",
    "Vem använder effektkedjemodellen?",
    "Which municipalities use IT councils?",
]
ALL = "Alla"


def _problem(exc: SkolsokError, index_dir: str) -> str:
    return (
        f"Sökindexet kunde inte läsas: {exc}. En administratör bygger det med: skolsok index build --index {index_dir}"
    )


def _choices(values: list[Any]) -> list[str]:
    return [ALL, *sorted({str(v) for v in values if v})]


def _filters(organization: str, year: str, school_form: str, kind: str) -> Filters:
    """Dropdown values as filters; "Alla" is none (kind labels are understood by the library)."""
    return Filters(
        organization=None if organization in (ALL, "", None) else organization,
        year=None if year in (ALL, "", None) else int(year),
        school_form=None if school_form in (ALL, "", None) else school_form,
        kind=None if kind in (ALL, "", None) else kind,
    )


def _table(records: list[Record]) -> list[list[str]]:
    ordered = sorted(records, key=lambda r: (r.display_name.casefold(), r.year or 0))
    return [
        [r.display_name, str(r.year or ""), ", ".join(r.school_forms), KIND_LABELS_SV.get(r.kind, r.kind)]
        for r in ordered
    ]


def create_app(index_dir: str | Path = "index", check_every: float = 2.0) -> gr.Blocks:
    """The gradio app for the index in ``index_dir``: loaded once, then followed as builds replace
    it (a new generation is picked up within ``check_every`` seconds, or on :meth:`LiveSearcher.reload`)."""
    index_dir = str(index_dir)
    live = LiveSearcher(index_dir, check_every=check_every)

    def searcher() -> Searcher:
        try:
            return live.get()
        except SkolsokError as exc:
            raise gr.Error(_problem(exc, index_dir), print_exception=False) from None

    def page_load() -> tuple[Any, ...]:
        """Per page view: the notice (if the index is missing) and what the index holds now."""
        try:
            records = live.get().records
            notice = ""
        except SkolsokError as exc:
            records, notice = [], notice_html(_problem(exc, index_dir))
        forms = [name for name, _ in SCHOOL_FORMS if any(name in r.school_forms for r in records)]
        return (
            gr.update(value=notice, visible=bool(notice)),
            _table(records),
            gr.update(choices=_choices([r.organization for r in records]), value=ALL),
            gr.update(choices=_choices([r.year for r in records]), value=ALL),
            gr.update(choices=[ALL, *forms], value=ALL),
        )

    def chat(question: str, history: list[dict[str, str]]) -> Iterator[tuple[str, list[dict[str, str]]]]:
        current = searcher()
        question = (question or "").strip()
        if not question:
            raise gr.Error("Skriv en fråga först.", print_exception=False)
        history = [*history, {"role": "user", "content": esc(question)}]
        yield "", history
        try:
            answer = ask(current, question)
        except SkolsokError as exc:
            raise gr.Error(str(exc), print_exception=False) from None
        yield "", [*history, {"role": "assistant", "content": answer_html(answer)}]

    def search(query: str, organization: str, year: str, school_form: str, kind: str) -> str:
        current = searcher()
        if not (query or "").strip():
            raise gr.Error("Skriv något att söka efter.", print_exception=False)
        try:
            hits = current.search(query, top_k=10, filters=_filters(organization, year, school_form, kind))
        except SkolsokError as exc:
            raise gr.Error(str(exc), print_exception=False) from None
        return hits_html(hits)

    def show_record(event: gr.SelectData) -> str:
        name, year = (event.row_value or [None, None])[:2]
        for record in searcher().records:
            if record.display_name == name and str(record.year or "") == year:
                return record_html(record)
        return ""

    with gr.Blocks(title="skolsok", analytics_enabled=False) as app:
        gr.HTML(
            '<h2 style="margin:0">skolsok</h2><p style="margin:.2em 0 0 0">Sök i juryns motiveringar '
            "för Guldtrappan och i texter om skolhuvudmäns digitala utveckling.</p>"
        )
        notice = gr.HTML(visible=False, elem_id="index-problem")
        with gr.Tabs():
            with gr.Tab("Fråga", id="ask"):
                chatbot = gr.Chatbot(
                    label="Samtal",
                    show_label=False,
                    buttons=["copy_all"],
                    elem_id="chat",
                    height=600,
                    latex_delimiters=[],
                    sanitize_html=True,
                    placeholder="Ställ en fråga på svenska eller engelska.",
                )
                with gr.Row():
                    question = gr.Textbox(
                        show_label=False,
                        placeholder="Till exempel: Vilka kommuner har IT-råd?",
                        scale=5,
                        elem_id="question",
                        max_lines=3,
                        autofocus=True,
                    )
                    send = gr.Button("Fråga", variant="primary", scale=1, elem_id="ask-button")
                gr.Markdown("Exempel:")
                with gr.Row():
                    example_buttons = [gr.Button(text, size="sm", elem_classes="sk-example") for text in EXAMPLES]
                clear = gr.Button("Rensa samtalet", size="sm")
                send.click(chat, [question, chatbot], [question, chatbot], api_name="ask")
                question.submit(chat, [question, chatbot], [question, chatbot], api_visibility="private")
                for button, text in zip(example_buttons, EXAMPLES, strict=True):
                    button.click(
                        lambda history, text=text: chat(text, history),
                        [chatbot],
                        [question, chatbot],
                        api_visibility="private",
                    )
                clear.click(lambda: ("", []), None, [question, chatbot], api_visibility="private")

            with gr.Tab("Sök", id="search"):
                with gr.Row():
                    query = gr.Textbox(label="Sökord", scale=4, elem_id="search-query")
                    go = gr.Button("Sök", variant="primary", scale=1, elem_id="search-button")
                with gr.Row():
                    organization = gr.Dropdown([ALL], value=ALL, label="Huvudman", elem_id="filter-organization")
                    year = gr.Dropdown([ALL], value=ALL, label="År", elem_id="filter-year")
                    school_form = gr.Dropdown([ALL], value=ALL, label="Skolform", elem_id="filter-school-form")
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
                    headers=["Huvudman", "År", "Skolformer", "Typ"],
                    datatype="str",
                    interactive=False,
                    elem_id="organizations",
                    wrap=True,
                    column_widths=["42%", "8%", "34%", "16%"],
                )
                detail = gr.HTML(elem_id="organization-detail")
                table.select(show_record, None, detail, api_visibility="private")
        app.load(page_load, None, [notice, table, organization, year, school_form], api_visibility="private")
    app.queue(default_concurrency_limit=4)
    app.live_searcher = live  # for serve()'s SIGHUP handler and tests
    return cast(gr.Blocks, app)


def launch(
    app: gr.Blocks,
    host: str = "127.0.0.1",
    port: int = 7860,
    block: bool = True,
    auth: list[tuple[str, str]] | None = None,
) -> None:
    """Start serving ``app``; with ``block=False`` return once the server is up (for tests).

    With ``auth`` every page and API call needs one of the (user, password) pairs.
    """
    app.launch(
        server_name=host,
        server_port=port,
        share=False,
        inbrowser=False,
        prevent_thread_lock=not block,
        css=CSS,
        theme=gr.themes.Default(),
        footer_links=[],
        quiet=not block,
        auth=auth or None,
        auth_message="skolsok: logga in" if auth else None,
    )


def serve(
    index_dir: str | Path = "index",
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: list[tuple[str, str]] | None = None,
) -> None:
    """Run the app until interrupted; SIGHUP makes it look for a new index generation at once."""
    app = create_app(index_dir)
    live: LiveSearcher = app.live_searcher  # type: ignore[attr-defined]
    signal.signal(signal.SIGHUP, lambda *_: live.reload())
    launch(app, host, port, auth=auth)
