"""skolsok's web app, a thin gradio client of the library: Fråga (chat), Sök (search), Huvudmän
(browse). Started by ``skolsok serve``; the index is loaded once and shared by all requests."""

from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no calls home, before gradio loads

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from skolsok import Filters, Record, Searcher, SkolsokError, ask
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


@dataclass
class _State:
    """What the app serves from: the loaded searcher, or why there is none."""

    searcher: Searcher | None
    problem: str | None
    index_dir: str

    def require(self) -> Searcher:
        if self.searcher is None:
            raise gr.Error(self.problem or "Indexet saknas.", print_exception=False)
        return self.searcher


def _load(index_dir: str) -> _State:
    try:
        return _State(Searcher.open(index_dir), None, index_dir)
    except SkolsokError as exc:
        return _State(
            None,
            f"Sökindexet kunde inte läsas: {exc}. En administratör bygger det med: "
            f"skolsok index build --index {index_dir}",
            index_dir,
        )


def _records(state: _State) -> list[Record]:
    return state.searcher.records if state.searcher else []


def _choices(values: list[Any]) -> list[str]:
    return [ALL, *sorted({str(v) for v in values if v})]


def _filters(organization: str, year: str, school_form: str, kind: str) -> Filters:
    kinds = {label: kind for kind, label in KIND_LABELS_SV.items()}
    return Filters(
        organization=None if organization in (ALL, "", None) else organization,
        year=None if year in (ALL, "", None) else int(year),
        school_form=None if school_form in (ALL, "", None) else school_form,
        kind=None if kind in (ALL, "", None) else kinds.get(kind, kind),
    )


def create_app(index_dir: str | Path = "index") -> gr.Blocks:
    """The gradio app for the index in ``index_dir`` (loaded now, once)."""
    state = _load(str(index_dir))
    records = sorted(_records(state), key=lambda r: (r.display_name.casefold(), r.year or 0))
    table_rows = [
        [r.display_name, str(r.year or ""), ", ".join(r.school_forms), KIND_LABELS_SV.get(r.kind, r.kind)]
        for r in records
    ]

    def chat(question: str, history: list[dict[str, str]]) -> Iterator[tuple[str, list[dict[str, str]]]]:
        searcher = state.require()
        question = (question or "").strip()
        if not question:
            raise gr.Error("Skriv en fråga först.", print_exception=False)
        history = [*history, {"role": "user", "content": esc(question)}]
        yield "", history
        try:
            answer = ask(searcher, question)
        except SkolsokError as exc:
            raise gr.Error(str(exc), print_exception=False) from None
        yield "", [*history, {"role": "assistant", "content": answer_html(answer)}]

    def search(query: str, organization: str, year: str, school_form: str, kind: str) -> str:
        searcher = state.require()
        if not (query or "").strip():
            raise gr.Error("Skriv något att söka efter.", print_exception=False)
        try:
            hits = searcher.search(query, top_k=10, filters=_filters(organization, year, school_form, kind))
        except SkolsokError as exc:
            raise gr.Error(str(exc), print_exception=False) from None
        return hits_html(hits)

    def show_record(event: gr.SelectData) -> str:
        row = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        if not 0 <= row < len(records):
            return ""
        return record_html(records[row])

    with gr.Blocks(title="skolsok", analytics_enabled=False) as app:
        gr.HTML(
            '<h2 style="margin:0">skolsok</h2><p style="margin:.2em 0 0 0">Sök i juryns motiveringar '
            "för Guldtrappan och i texter om skolhuvudmäns digitala utveckling.</p>"
        )
        if state.problem:
            gr.HTML(notice_html(state.problem), elem_id="index-problem")
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
                send.click(chat, [question, chatbot], [question, chatbot])
                question.submit(chat, [question, chatbot], [question, chatbot])
                for button, text in zip(example_buttons, EXAMPLES, strict=True):
                    button.click(lambda history, text=text: chat(text, history), [chatbot], [question, chatbot])
                clear.click(lambda: ("", []), None, [question, chatbot])

            with gr.Tab("Sök", id="search"):
                with gr.Row():
                    query = gr.Textbox(label="Sökord", scale=4, elem_id="search-query")
                    go = gr.Button("Sök", variant="primary", scale=1, elem_id="search-button")
                with gr.Row():
                    organization = gr.Dropdown(
                        _choices([r.organization for r in records]),
                        value=ALL,
                        label="Huvudman",
                        elem_id="filter-organization",
                    )
                    year = gr.Dropdown(
                        _choices([r.year for r in records]), value=ALL, label="År", elem_id="filter-year"
                    )
                    school_form = gr.Dropdown(
                        [ALL, *[name for name, _ in SCHOOL_FORMS if any(name in r.school_forms for r in records)]],
                        value=ALL,
                        label="Skolform",
                        elem_id="filter-school-form",
                    )
                    kind = gr.Dropdown(
                        [ALL, *[KIND_LABELS_SV[k] for k in KINDS]], value=ALL, label="Typ", elem_id="filter-kind"
                    )
                results = gr.HTML(elem_id="search-results")
                inputs = [query, organization, year, school_form, kind]
                go.click(search, inputs, results)
                query.submit(search, inputs, results)

            with gr.Tab("Huvudmän", id="browse"):
                gr.Markdown("Välj en rad för att läsa texten.")
                table = gr.Dataframe(
                    value=table_rows,
                    headers=["Huvudman", "År", "Skolformer", "Typ"],
                    datatype="str",
                    interactive=False,
                    elem_id="organizations",
                    wrap=True,
                    column_widths=["42%", "8%", "34%", "16%"],
                )
                detail = gr.HTML(elem_id="organization-detail")
                table.select(show_record, None, detail)
    app.queue(default_concurrency_limit=4)
    return app


def launch(app: gr.Blocks, host: str = "127.0.0.1", port: int = 7860, block: bool = True) -> None:
    """Start serving ``app``; with ``block=False`` return once the server is up (for tests)."""
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
    )


def serve(index_dir: str | Path = "index", host: str = "127.0.0.1", port: int = 7860) -> None:
    """Run the app until interrupted."""
    launch(create_app(index_dir), host, port)
