"""Rendering answers as text: the lead first, then each organization or piece of evidence with
its quotes and sources. The web app renders the same structure as HTML with the same helpers."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .schema import KIND_LABELS_EN, KIND_LABELS_SV

if TYPE_CHECKING:
    from .answer import Answer, OrganizationAnswer, Quote


def _plain(text: str) -> str:
    return text


def one_line(text: str) -> str:
    """A quote on one line: a list quoted with its lead-in ("… sju kommuner:\n\n- Karlskrona kommun
    …") reads "… sju kommuner: - Karlskrona kommun …" in a terminal or a Markdown quote."""
    return re.sub(r"\s*\n\s*", " ", text)


def highlighted(
    text: str,
    spans: Sequence[tuple[int, int]],
    mark: Callable[[str], str],
    plain: Callable[[str], str] = _plain,
) -> str:
    """``text`` with ``mark`` applied to each span and ``plain`` (e.g. escaping) to the rest."""
    out: list[str] = []
    cursor = 0
    for start, end in spans:
        out.extend((plain(text[cursor:start]), mark(text[start:end])))
        cursor = end
    out.append(plain(text[cursor:]))
    return "".join(out)


def organization_heading(org: OrganizationAnswer, language: str) -> tuple[str, list[str]]:
    """An organization's title ("Göteborgs stad, grundskoleförvaltningen") and its details
    (year, then kind, or the organization whose text names it) in the answer's language."""
    labels = KIND_LABELS_SV if language == "sv" else KIND_LABELS_EN
    named_in = "nämns i" if language == "sv" else "named in"
    details = [str(org.year)] if org.year else []
    details.append(f"{named_in} {org.named_in}" if org.named_in else labels.get(org.kind, org.kind))
    return (f"{org.name}, {org.unit}" if org.unit else org.name), details


@dataclass(frozen=True)
class OrganizationGroup:
    """Organizations shown together: the ones an enumeration names ("provas i Norsjö, Umeå och
    Lund") share one quote, which is shown once with every name marked, not once per name."""

    organizations: tuple[OrganizationAnswer, ...]
    quotes: tuple[Quote, ...]

    def heading(self, language: str) -> tuple[str, list[str]]:
        """The names, joined by " · " (a name may hold a comma: "Göteborgs stad, grundskoleförvaltningen"),
        and the first one's details (see ``organization_heading``)."""
        titles = [organization_heading(o, language)[0] for o in self.organizations]
        return " · ".join(titles), organization_heading(self.organizations[0], language)[1]


def organization_groups(organizations: Sequence[OrganizationAnswer], language: str) -> list[OrganizationGroup]:
    """``organizations`` in order, consecutive ones with the same quotes and details as one group."""
    groups: list[OrganizationGroup] = []
    for org in organizations:
        key = [(q.record_id, q.start, q.end) for q in org.quotes]
        last = groups[-1] if groups else None
        if (
            last is not None
            and key
            and key == [(q.record_id, q.start, q.end) for q in last.quotes]
            and organization_heading(org, language)[1] == organization_heading(last.organizations[0], language)[1]
        ):
            quotes = tuple(
                replace(q, highlights=_union(q.highlights, other.highlights))
                for q, other in zip(last.quotes, org.quotes, strict=True)
            )
            groups[-1] = OrganizationGroup((*last.organizations, org), quotes)
        else:
            groups.append(OrganizationGroup((org,), org.quotes))
    return groups


def _union(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, non-overlapping spans covering both ``a`` and ``b``."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted({*a, *b}):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def source_parts(quote: Quote, language: str = "sv") -> list[str]:
    """Where a quote comes from: its title (or file), organization, year and page ("s. 4")."""
    parts = [quote.title or quote.source]
    if quote.organization and quote.organization not in parts[0]:
        parts.append(quote.organization)
    if quote.year:
        parts.append(str(quote.year))
    if quote.page:
        parts.append(f"{'s.' if language == 'sv' else 'p.'} {quote.page}")
    return parts


def source_line(quote: Quote, language: str) -> str:
    """The source parts and the link (or file) as one line of text."""
    return ", ".join([*source_parts(quote, language), quote.url or quote.source])


def render_text(
    answer: Answer,
    strong: Callable[[str], str] = _plain,
    mark: Callable[[str], str] = _plain,
    faint: Callable[[str], str] = _plain,
) -> str:
    """The answer as text: the summary, then each organization with its quotes, or for a factual
    question the quotes that answer it, each with its source.

    ``strong``, ``mark`` (matched words) and ``faint`` let a terminal add styles; plain by default.
    """
    if not answer.answered:
        return answer.summary
    lines = [strong(answer.summary)]
    if answer.question_type == "organizations":
        for group in organization_groups(answer.organizations, answer.language):
            title, details = group.heading(answer.language)
            lines.extend(("", f"{strong(title)} ({', '.join(details)})"))
            for quote in group.quotes:
                lines.append(f"  ”{highlighted(quote.text, quote.highlights, mark, one_line)}”")
                lines.append(faint(f"  — {source_line(quote, answer.language)}"))
        return "\n".join(lines)
    for quote in answer.evidence:
        lines.append("")
        lines.append(f"  ”{highlighted(quote.text, quote.highlights, mark, one_line)}”")
        lines.append(faint(f"  — {source_line(quote, answer.language)}"))
    return "\n".join(lines)
