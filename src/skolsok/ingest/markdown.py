"""Markdown: text as a reader sees it rendered, without the syntax around it.

"# Rubrik" is the title "Rubrik", "**viktigt**" is "viktigt", "[Skolverket](https://…)" is
"Skolverket". Otherwise the file is read as plain text (encoding, front matter, a source line).
"""

from __future__ import annotations

import dataclasses
import re

from .base import Extracted
from .text import TextReader

_FENCE = re.compile(r"^\s*(?:```|~~~).*$", re.M)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
_SETEXT = re.compile(r"^[ \t]{0,3}(?:=+|-{2,})[ \t]*$", re.M)  # the underline of "Rubrik\n======"
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.M)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`]+)`")
_RULE = re.compile(r"^[ \t]{0,3}(?:\*[ \t]*){3,}$", re.M)


def plain(markdown: str) -> str:
    """The text of ``markdown`` without its syntax."""
    text = _FENCE.sub("", markdown)
    text = _HEADING.sub(r"\1", text)
    text = _SETEXT.sub("", text)
    text = _RULE.sub("", text)
    text = _QUOTE.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    # Emphasis inside words ("skol_huvud_man") is rare in prose; snake_case is not prose either.
    return _EMPHASIS.sub(r"\2", text)


class MarkdownReader:
    label = "Markdown"

    def read(self, data: bytes) -> Extracted:
        read = TextReader().read(data)
        heading = _HEADING.search(_FENCE.sub("", read.text))  # the first heading titles the document
        title = plain(heading.group(1)).strip() if heading else None
        return dataclasses.replace(read, text=plain(read.text), title=title or read.title)
