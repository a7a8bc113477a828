"""Word (.docx, python-docx): paragraphs and headings in order, tables as text, title from the
document's properties or its first heading."""

from __future__ import annotations

import io
import zipfile

from ..cleaning import normalize_text
from .base import MAX_TEXT_CHARS, Extracted, Unreadable, too_much_text

#: A .docx whose parts unpack to more than this is refused before it is opened (a zip bomb).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Unreadable("damaged Word file (not a valid .docx zip archive)") from None
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise Unreadable("not a Word document (the zip archive has no word/document.xml)")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise Unreadable(
            f"Word file that unpacks to {unpacked / 1e6:.0f} MB (limit {MAX_UNPACKED_BYTES / 1e6:.0f} MB; a zip bomb?)"
        )


class DocxReader:
    label = "Word"

    def read(self, data: bytes) -> Extracted:
        _check_archive(data)
        try:
            import docx
            from docx.table import Table
            from docx.text.paragraph import Paragraph
        except ImportError:  # pragma: no cover - a normal dependency
            from ..errors import MissingExtraError

            raise MissingExtraError("python-docx") from None
        try:
            document = docx.Document(io.BytesIO(data))
            lines: list[str] = []
            first_heading: str | None = None
            size = 0
            for child in document.element.body.iterchildren():
                tag = child.tag.rsplit("}", 1)[-1]
                if tag == "p":
                    paragraph = Paragraph(child, document)
                    text = normalize_text(paragraph.text.replace("\n", " "))
                    if not text:
                        continue
                    style = (paragraph.style.name if paragraph.style is not None else "") or ""
                    if first_heading is None and style.casefold().startswith(("heading", "rubrik", "title")):
                        first_heading = text
                    lines.append(text)
                elif tag == "tbl":
                    for row in Table(child, document).rows:
                        cells = list(dict.fromkeys(normalize_text(cell.text.replace("\n", " ")) for cell in row.cells))
                        row_text = "; ".join(cell for cell in cells if cell)
                        if row_text:
                            lines.append(row_text)
                else:
                    continue
                size += len(lines[-1]) if lines else 0
                if size > MAX_TEXT_CHARS:
                    raise too_much_text()
            title = normalize_text(document.core_properties.title or "") or first_heading
        except Unreadable:
            raise
        except (KeyError, ValueError, zipfile.BadZipFile, OSError, AttributeError) as exc:
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise Unreadable(f"damaged Word file ({detail[:120]})") from None
        except Exception as exc:  # lxml's XMLSyntaxError and friends: the XML inside is broken
            if type(exc).__module__.startswith("lxml"):
                raise Unreadable("damaged Word file (its XML cannot be parsed)") from None
            raise
        if not lines:
            raise Unreadable("Word file without text")
        return Extracted(text="\n".join(lines), title=title)
