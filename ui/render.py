"""HTML for the web app. Every piece of document or user text passes through :func:`esc`, so a
document or question containing ``<script>``, HTML or markdown shows as the text it is; every URL
we build is percent-encoded and every outside URL gets ``rel="noopener noreferrer"``."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote as urlquote
from urllib.parse import urlencode, urlsplit

from skolsok import Answer, Hit, Quote, Record, Similarity, SourceView
from skolsok.relevance import NO_HITS
from skolsok.rendering import highlighted, one_line, organization_groups, source_line, source_parts
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
ABSTAIN_HINT = {
    "sv": "Pröva fliken Sök, andra ord eller kontrollera stavningen.",
    "en": "Try the Sök tab, other words, or check the spelling.",
}


def esc(text: str) -> str:
    """Text made inert for HTML and markdown alike."""
    return text.translate(_INERT)


def _attr(text: str) -> str:
    """A value for an HTML attribute (URLs we built, already percent-encoded)."""
    return esc(text).replace("<br>", "&#10;")


def highlight(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Escaped text with ``<mark>`` around each span."""
    return highlighted(text, spans, mark=lambda t: f"<mark>{esc(t)}</mark>", plain=esc)


def source_href(record_id: str, start: int | None = None, end: int | None = None) -> str:
    """The source view of a record, scrolled to the quote at ``[start, end)``."""
    query = urlencode({"start": start, "end": end}) if start is not None and end is not None else ""
    return f"/kalla/{urlquote(record_id, safe='')}" + (f"?{query}#citat" if query else "")


def similar_href(organization: str) -> str:
    return "/liknande?" + urlencode({"huvudman": organization})


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links leave the app (never ``javascript:`` or ``data:``)."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


def external_link(url: str | None, label: str = "Originalet") -> str:
    safe = _safe_url(url)
    if safe is None:
        return ""
    return f'<a class="sk-external" href="{_attr(safe)}" target="_blank" rel="noopener noreferrer">{esc(label)} ↗</a>'


def _quote_source(quote: Quote, open_label: str = "Öppna källan") -> str:
    """Title · organization · year · page, then the links to the source view and the original."""
    parts = source_parts(quote)
    links = (
        f'<a class="sk-open" href="{_attr(source_href(quote.record_id, quote.start, quote.end))}" '
        f'target="_blank" rel="noopener">{esc(open_label)}</a>'
    )
    return f'<div class="sk-source">{esc(" · ".join(parts))} · {links} {external_link(quote.url)}</div>'


def quote_html(quote: Quote) -> str:
    return (
        f'<blockquote class="sk-quote">”{highlight(quote.text, quote.highlights)}”{_quote_source(quote)}</blockquote>'
    )


def answer_text(answer: Answer) -> str:
    """One answer as plain text (markdown-friendly), with its sources: what "Kopiera" copies."""
    lines = [answer.summary]
    if not answer.answered:
        return answer.summary
    groups: list[tuple[str, Sequence[Quote]]]
    if answer.organizations and answer.question_type == "organizations":
        shown = organization_groups(answer.organizations, answer.language)
        groups = [(g.heading(answer.language)[0], g.quotes) for g in shown]
    else:
        groups = [("", answer.evidence)]
    for title, quotes in groups:
        lines.append("")
        if title:
            lines.append(f"**{title}**")
        for q in quotes:
            lines.append(f"> ”{one_line(q.text)}”  \n> — {source_line(q, answer.language)}")
    return "\n".join(lines)


def _actions(answer: Answer) -> str:
    """Copy as text (a hidden copy of the text; the page's script copies it) and a share link."""
    plain = esc(answer_text(answer)).replace("<br>", "&#10;")
    share = "?" + urlencode({"q": answer.question})
    return (
        f'<div class="sk-actions"><button type="button" class="sk-copy">Kopiera som text</button>'
        f'<a class="sk-share" href="{_attr(share)}">Länk till frågan</a>'
        f'<pre class="sk-plain" hidden>{plain}</pre></div>'
    )


def answer_html(answer: Answer) -> str:
    """A chat reply: the summary, then organization cards (which organizations …?) or the evidence
    quotes in reading order (factual, yes/no and topic questions)."""
    if not answer.answered:
        hint = ABSTAIN_HINT.get(answer.language, ABSTAIN_HINT["sv"])
        return (
            f'<div class="sk-answer sk-abstain"><p class="sk-summary">{esc(answer.summary)}</p>'
            f'<p class="sk-hint">{esc(hint)}</p></div>'
        )
    cards = []
    if answer.organizations and answer.question_type == "organizations":
        for group in organization_groups(answer.organizations, answer.language):
            title, details = group.heading(answer.language)
            quotes = "".join(quote_html(q) for q in group.quotes)
            # One organization: a link to its peers; a group's names share only the quote.
            like = (
                f' · <a class="sk-like" href="{_attr(similar_href(group.organizations[0].name))}" target="_blank" '
                'rel="noopener">Liknande huvudmän</a>'
                if len(group.organizations) == 1
                else ""
            )
            cards.append(
                f'<div class="sk-card"><div class="sk-org">{esc(title)}</div>'
                f'<div class="sk-meta">{esc(" · ".join(details))}{like}</div>{quotes}</div>'
            )
    else:
        cards = [f'<div class="sk-card">{quote_html(q)}</div>' for q in answer.evidence]
    summary = f'<p class="sk-summary">{esc(answer.summary)}</p>'
    return f'<div class="sk-answer">{summary}{"".join(cards)}{_actions(answer)}</div>'


def _record_meta(record: Record) -> str:
    """Year · kind · school forms · source, escaped."""
    meta = [str(record.year)] if record.year else []
    meta.append(KIND_LABELS_SV.get(record.kind, record.kind))
    if record.school_forms:
        meta.append(", ".join(record.school_forms))
    meta.append(record.title if record.title != record.display_name else record.source)
    return esc(" · ".join(meta))


def hits_html(hits: Sequence[Hit]) -> str:
    """Ranked passages with highlighted matches, their metadata and a link to the source view."""
    if not hits:
        return f'<p class="sk-empty" role="status">{esc(NO_HITS["sv"])}</p>'
    cards = []
    for n, hit in enumerate(hits, 1):
        page = hit.record.page_at(hit.start)
        meta = _record_meta(hit.record) + (f" · s. {page}" if page else "")
        href = _attr(source_href(hit.record.id, hit.start, hit.end))
        cards.append(
            f'<div class="sk-card sk-hit"><div class="sk-org">{n}. {esc(hit.record.display_name)}</div>'
            f'<div class="sk-meta">{meta}</div>'
            f'<p class="sk-passage">{highlight(hit.text, hit.highlights)}</p>'
            f'<div class="sk-source"><a class="sk-open" href="{href}" target="_blank" rel="noopener">Öppna källan</a> '
            f"{external_link(hit.record.url)}</div></div>"
        )
    return "".join(cards)


def record_html(record: Record) -> str:
    """One organization's text: its jury motivation (marked) within the full cleaned text."""
    if record.motivation:
        start, end = record.motivation
        heading = "Juryns motivering"
        body = f'<blockquote class="sk-quote"><mark>{esc(record.text[start:end])}</mark></blockquote>'
        rest = f"<details><summary>Hela texten</summary><p>{esc(record.text)}</p></details>"
        href = source_href(record.id, start, end)
    else:
        heading, body, rest = "Text", f'<p class="sk-passage">{esc(record.text)}</p>', ""
        href = source_href(record.id)
    links = f'<a class="sk-open" href="{_attr(href)}" target="_blank" rel="noopener">Öppna källan</a>'
    if record.organization:
        links += (
            f' · <a class="sk-like" href="{_attr(similar_href(record.organization))}" target="_blank" '
            f'rel="noopener">Liknande huvudmän</a>'
        )
    return (
        f'<div class="sk-card"><div class="sk-org">{esc(record.display_name)}</div>'
        f'<div class="sk-meta">{_record_meta(record)}</div><h4>{heading}</h4>{body}{rest}'
        f'<div class="sk-source">{links} {external_link(record.url)}</div></div>'
    )


def notice_html(message: str) -> str:
    return f'<div class="sk-notice">{esc(message)}</div>'


def page_html(title: str, body: str) -> str:
    """A whole page of the app outside gradio (source view, similar organizations)."""
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} – skolsok</title><style>{PAGE_CSS}{CSS}</style></head>"
        f'<body><main><p><a href="/">← skolsok</a></p>{body}</main></body></html>'
    )


def source_html(view: SourceView) -> str:
    """The source view: metadata, the original link, and the whole text with the quote marked
    (``id="citat"``, so the browser scrolls to it from the ``#citat`` in the link)."""
    record = view.record
    parts = [str(record.year)] if record.year else []
    parts.append(KIND_LABELS_SV.get(record.kind, record.kind))
    if record.school_forms:
        parts.append(", ".join(record.school_forms))
    parts.append(record.source)
    if view.page:
        parts.append(f"s. {view.page}")
    meta = esc(" · ".join(parts))
    text = record.text
    if view.start is not None and view.end is not None:
        body = (
            f'{esc(text[: view.start])}<mark id="citat" class="sk-cited" tabindex="-1">'
            f"{esc(text[view.start : view.end])}</mark>{esc(text[view.end :])}"
        )
    else:
        body = esc(text)
    link = external_link(record.url, "Öppna originalet")
    return page_html(
        record.display_name,
        f'<h1 class="sk-title">{esc(record.display_name)}</h1><p class="sk-meta">{meta}</p>'
        f'<p class="sk-meta">{esc(record.title)}</p>'
        f'<p class="sk-links">{link}</p><article class="sk-text" id="sk-text">{body}</article>',
    )


def similar_html(result: Similarity) -> str:
    topic = f" om ”{result.about}”" if result.about else ""
    title = f"Huvudmän som liknar {result.organization}{topic}"
    if not result.similar:
        items = f'<p class="sk-empty" role="status">{esc("Inga liknande huvudmän hittades.")}</p>'
    else:
        items = "".join(
            f'<div class="sk-card sk-similar"><div class="sk-org">{n}. {esc(item.name)}</div>'
            f'<div class="sk-meta">Närmast varandra:</div>{quote_html(item.mine)}{quote_html(item.theirs)}</div>'
            for n, item in enumerate(result.similar, 1)
        )
    return page_html(title, f'<h1 class="sk-title">{esc(title)}</h1>{items}')


def error_page(message: str) -> str:
    return page_html("Fel", f'<h1 class="sk-title">Det gick inte</h1>{notice_html(message)}')


# Colours chosen for at least 4.5:1 contrast on white (WCAG AA) for every text we style.
CSS = """
.sk-summary { font-weight: 600; margin: 0 0 .5em 0; }
.sk-card { border: 1px solid #d1d5db; border-radius: 8px; padding: .6em .8em; margin: .5em 0;
           background: var(--background-fill-secondary, #f9fafb); overflow-wrap: break-word; }
.sk-org { font-weight: 600; }
.sk-meta { font-size: .9em; color: #374151; margin-bottom: .3em; }
.sk-quote { margin: .4em 0; padding-left: .7em; border-left: 3px solid #b45309; }
.sk-source { font-size: .85em; color: #374151; margin-top: .2em; }
.sk-source a, .sk-meta a, .sk-actions a { color: #1d4ed8; }
.sk-notice { border: 1px solid #d97706; background: #fef3c7; color: #78350f; border-radius: 8px; padding: .8em; }
.sk-abstain .sk-summary { font-weight: 400; font-style: italic; }
.sk-hint { font-size: .9em; color: #374151; }
.sk-plain { display: none !important; }
.sk-actions { display: flex; gap: 1em; align-items: center; font-size: .85em; margin-top: .4em; }
.sk-copy { border: 1px solid #6b7280; border-radius: 6px; padding: .15em .6em; background: #fff; color: #111827;
           cursor: pointer; }
mark { background: #fde68a; color: inherit; padding: 0 .1em; border-radius: 2px; }
#chat .icon-button-wrapper.top-panel { display: none; }  /* gradio's clear: "Rensa samtalet" clears all */
#organizations table { font-family: inherit; }
#organizations .text { word-break: normal; overflow-wrap: normal; hyphens: manual; font-family: system-ui, sans-serif; }
#organizations .body-cell:first-child .text { overflow-wrap: anywhere; }  /* only a name too long for a phone */
#question textarea::placeholder { color: #4b5563; opacity: 1; }
button[role="tab"][aria-selected="true"] { color: #1e3a8a !important; }
"""
PAGE_CSS = """
body { font-family: system-ui, sans-serif; margin: 0; color: #111827; background: #fff; line-height: 1.55; }
main { max-width: 46em; margin: 0 auto; padding: 1em; }
h1.sk-title { font-size: 1.4em; margin: .2em 0; }
.sk-text { white-space: pre-wrap; overflow-wrap: break-word; }
.sk-cited { background: #fde68a; outline: 2px solid #b45309; }
a { color: #1d4ed8; }
"""
