"""HTML for the web app. Every piece of document or user text passes through :func:`esc`, so a
document or question containing ``<script>``, HTML or markdown shows as the text it is."""

from __future__ import annotations

from collections.abc import Sequence

from skolsok import Answer, Hit, Record
from skolsok.answer import highlighted, organization_heading
from skolsok.schema import KIND_LABELS_SV

# HTML specials and markdown/LaTeX syntax characters as entities, in one pass: the chat renders
# markdown, and an entity is never syntax, so "<script>", "**bold**" or "[link](javascript:…)"
# in a document or question stays literal text.
_INERT = str.maketrans(
    {
        **{ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]()#+-.!|~$=:"},
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#39;",
        "\n": "<br>",
    }
)


def esc(text: str) -> str:
    """Text made inert for HTML and markdown alike."""
    return text.translate(_INERT)


def highlight(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Escaped text with ``<mark>`` around each span."""
    return highlighted(text, spans, mark=lambda t: f"<mark>{esc(t)}</mark>", plain=esc)


def _record_meta(record: Record) -> str:
    """Year · kind · school forms · source, escaped."""
    meta = [str(record.year)] if record.year else []
    meta.append(KIND_LABELS_SV.get(record.kind, record.kind))
    if record.school_forms:
        meta.append(", ".join(record.school_forms))
    meta.append(record.source)
    return esc(" · ".join(meta))


def answer_html(answer: Answer) -> str:
    """A chat reply: the summary line, then one card per organization with its quotes."""
    if not answer.answered:
        return f'<div class="sk-answer sk-abstain"><p class="sk-summary">{esc(answer.summary)}</p></div>'
    source = "Källa" if answer.language == "sv" else "Source"
    cards = []
    for org in answer.organizations:
        title, details = organization_heading(org, answer.language)
        quotes = "".join(
            f'<blockquote class="sk-quote">”{highlight(q.text, q.highlights)}”'
            f'<div class="sk-source">{source}: {esc(q.source)}</div></blockquote>'
            for q in org.quotes
        )
        cards.append(
            f'<div class="sk-card"><div class="sk-org">{esc(title)}</div>'
            f'<div class="sk-meta">{esc(" · ".join(details))}</div>{quotes}</div>'
        )
    return f'<div class="sk-answer"><p class="sk-summary">{esc(answer.summary)}</p>{"".join(cards)}</div>'


def hits_html(hits: Sequence[Hit]) -> str:
    """Ranked passages with highlighted matches and their metadata."""
    if not hits:
        return '<p class="sk-empty">Inga träffar. Pröva andra ord eller färre filter.</p>'
    return "".join(
        f'<div class="sk-card sk-hit"><div class="sk-org">{hit.rank}. {esc(hit.record.display_name)}</div>'
        f'<div class="sk-meta">{_record_meta(hit.record)} · poäng {hit.score:.3f}</div>'
        f'<p class="sk-passage">{highlight(hit.text, hit.highlights)}</p></div>'
        for hit in hits
    )


def record_html(record: Record) -> str:
    """One organization's text: its jury motivation (marked) within the full cleaned text."""
    if record.motivation:
        start, end = record.motivation
        heading = "Juryns motivering"
        body = f'<blockquote class="sk-quote">{esc(record.text[start:end])}</blockquote>'
        rest = f"<details><summary>Hela texten</summary><p>{esc(record.text)}</p></details>"
    else:
        heading, body, rest = "Text", f'<p class="sk-passage">{esc(record.text)}</p>', ""
    return (
        f'<div class="sk-card"><div class="sk-org">{esc(record.display_name)}</div>'
        f'<div class="sk-meta">{_record_meta(record)}</div><h4>{heading}</h4>{body}{rest}</div>'
    )


def notice_html(message: str) -> str:
    return f'<div class="sk-notice">{esc(message)}</div>'


CSS = """
.sk-summary { font-weight: 600; margin: 0 0 .5em 0; }
.sk-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .6em .8em; margin: .5em 0;
           background: var(--background-fill-secondary); }
.sk-org { font-weight: 600; }
.sk-meta { font-size: .85em; opacity: .8; margin-bottom: .3em; }
.sk-quote { margin: .4em 0; padding-left: .7em; border-left: 3px solid var(--color-accent); }
.sk-source { font-size: .8em; opacity: .75; margin-top: .2em; }
.sk-notice { border: 1px solid #d97706; background: #fef3c7; color: #78350f; border-radius: 8px; padding: .8em; }
.sk-abstain .sk-summary { font-weight: 400; font-style: italic; }
mark { background: #fde68a; color: inherit; padding: 0 .1em; border-radius: 2px; }
"""
