"""Markdown: text as a reader sees it rendered, without the syntax around it.

"# Rubrik" is the title "Rubrik", "**viktigt**" is "viktigt", "[Skolverket](https://…)" is
"Skolverket", "- punkt" is "• punkt", and lines wrapped inside a paragraph are one paragraph again.
Otherwise the file is read as plain text (encoding, front matter, a source line).
"""

from __future__ import annotations

import dataclasses
import re

from .base import Extracted
from .text import TextReader

_FENCE = re.compile(r"^\s*(?:```|~~~)")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^[ \t]{0,3}(?:=+|-{2,})[ \t]*$")  # the underline of "Rubrik\n======"
_RULE = re.compile(r"^[ \t]{0,3}(?:\*[ \t]*){3,}$")
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?")
# A line that starts a block of its own rather than continuing a paragraph.
_BLOCK_START = re.compile(r"^\s*(?:[-*+•]\s|\d+[.)]\s|\||>)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
# Emphasis as CommonMark reads it: "*" anywhere, "_" only at word edges ("info_skola@kommun.se",
# "my_page_here" keep their underscores).
_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1|(?<![\w\\])(__|_)(?=\S)(.+?)(?<=\S)\3(?!\w)")
_CODE = re.compile(r"`([^`]+)`")
# A bullet list item ("- ", "* ", "+ ", indented when nested): rendered as "• ", as PDFs and text
# files print bullets. A numbered item keeps its number, which says its place in the list.
_BULLET_ITEM = re.compile(r"^[ \t]*[-*+•][ \t]+")


def _inline(text: str) -> str:
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    return _EMPHASIS.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(4), text)


def plain(markdown: str) -> str:
    """The text of ``markdown`` without its syntax; a code block's lines are kept as they are."""
    out: list[str] = []
    fenced = False
    joinable = False  # whether the last line is paragraph text a wrapped line continues
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            fenced, joinable = not fenced, False
            continue
        if fenced:
            out.append(line)
            continue
        if not line.strip() or _SETEXT.match(line) or _RULE.match(line):
            out.append("")
            joinable = False
            continue
        heading = _HEADING.match(line)
        text = _QUOTE.sub("", heading.group(1) if heading else line)
        text = _BULLET_ITEM.sub("• ", text)
        if joinable and not heading and not _BLOCK_START.match(line):
            out[-1] = f"{out[-1]} {_inline(text.strip())}"
            continue
        out.append(_inline(text))
        joinable = not heading
    return "\n".join(out)


def _title(markdown: str) -> str | None:
    """The heading the document opens with, if it opens with one."""
    first = next((line for line in markdown.split("\n") if line.strip()), "")
    heading = _HEADING.match(first)
    return _inline(heading.group(1)).strip() or None if heading else None


class MarkdownReader:
    label = "Markdown"

    def read(self, data: bytes) -> Extracted:
        read = TextReader().read(data)
        return dataclasses.replace(read, text=plain(read.text), title=_title(read.text) or read.title)
