"""Writers that turn paragraphs into real PDF, Word and HTML files, for the ingest benchmark and the
tests (reportlab, python-docx; the `test` and `bench` extras). Nothing here is used by skolsok itself."""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from pathlib import Path

#: A paragraph is a string (wrapped to the page) or a list of lines drawn exactly as given.
Paragraph = str | Sequence[str]


def write_pdf(
    path: Path,
    paragraphs: Sequence[Paragraph],
    *,
    title: str | None = None,
    header: str | None = None,
    footer: str = "Sida {page}",
    lines_per_page: int = 40,
) -> int:
    """A multi-page A4 PDF with a running header and a "Sida N" footer on every page; returns the page count."""
    import reportlab
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font_dir = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", os.path.join(font_dir, "Vera.ttf")))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    if title:
        pdf.setTitle(title)
    width = A4[0] - 2 * 72
    page = 1
    line_on_page = 0
    y = 0.0

    def start_page() -> None:
        nonlocal y, line_on_page
        if header:
            pdf.setFont("Vera", 9)
            pdf.drawString(72, 800, header)
        pdf.setFont("Vera", 11)
        y, line_on_page = 760.0, 0

    def end_page() -> None:
        nonlocal page
        pdf.setFont("Vera", 9)
        pdf.drawString(A4[0] / 2 - 20, 40, footer.format(page=page))
        pdf.showPage()
        page += 1

    start_page()
    for paragraph in paragraphs:
        lines = simpleSplit(paragraph, "Vera", 11, width) if isinstance(paragraph, str) else list(paragraph)
        for line in lines:
            if line_on_page >= lines_per_page:
                end_page()
                start_page()
            pdf.setFont("Vera", 11)
            pdf.drawString(72, y, line)
            y -= 15
            line_on_page += 1
        y -= 9  # paragraph spacing
    end_page()
    pdf.save()
    return page - 1


def write_docx(
    path: Path,
    paragraphs: Sequence[str],
    *,
    title: str | None = None,
    heading: str | None = None,
    table: Sequence[Sequence[str]] = (),
) -> None:
    """A Word document: an optional heading, paragraphs and a table after them."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    if heading:
        document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    document.save(str(path))


def write_html(
    path: Path,
    paragraphs: Sequence[str],
    *,
    title: str,
    url: str | None = None,
    date: str | None = None,
    site: str = "Ankeby kommun",
    description: str | None = None,
) -> None:
    """A municipal news page as a browser saves it: cookie banner, menus, breadcrumbs, share
    buttons, a related-news box and a footer around the article (and its summary for search
    engines, ``description``, in the head)."""
    e = html.escape
    head = [f"<title>{e(title)} - {e(site)}</title>", f'<meta property="og:site_name" content="{e(site)}">']
    if description:
        head.append(f'<meta name="description" content="{e(description)}">')
    if url:
        head.append(f'<link rel="canonical" href="{e(url)}">')
    if date:
        head.append(f'<meta property="article:published_time" content="{e(date)}T08:00:00+01:00">')
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)
    page = f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8">
{chr(10).join(head)}
<script>window.dataLayer = [];</script><style>body {{ font-family: sans-serif; }}</style>
</head><body>
<div id="cookie-banner" class="cookie-consent">
<p>Vi använder kakor (cookies) för att webbplatsen ska fungera bra för dig.</p>
<button>Godkänn alla kakor</button> <button>Endast nödvändiga kakor</button></div>
<a class="skip" href="#main">Hoppa till huvudinnehåll</a>
<header><div class="logo">{e(site)}</div>
<nav aria-label="Huvudmeny"><ul><li><a href="/">Start</a></li>
<li><a href="/forskola-och-skola">Förskola och skola</a></li>
<li><a href="/omsorg">Omsorg och stöd</a></li><li><a href="/bygga-bo">Bygga, bo och miljö</a></li>
<li><a href="/kultur">Kultur och fritid</a></li><li><a href="/kontakt">Kontakta oss</a></li></ul></nav>
<form role="search"><input type="search" placeholder="Sök på webbplatsen"><button>Sök</button></form>
</header>
<nav class="breadcrumb"><a href="/">Start</a> &gt;
<a href="/forskola-och-skola">Förskola och skola</a> &gt; Nyheter</nav>
<main id="main"><article>
<h1>{e(title)}</h1>
{body}
<div class="share">Dela på Facebook | Dela på LinkedIn | Skriv ut sidan</div>
</article>
<aside class="related"><h2>Fler nyheter</h2><ul><li><a href="/n1">Ny simhall invigd i centrum</a></li>
<li><a href="/n2">Sophämtningen ändras under sommaren</a></li>
<li><a href="/n3">Vägarbete på Storgatan</a></li></ul></aside></main>
<footer><p>{e(site)}, Stadshusgatan 1, 123 45 Ankeby. Växel 0123-45 67 00. kommun@ankeby.se</p>
<ul><li><a href="/om">Om webbplatsen</a></li><li><a href="/tillganglighet">Tillgänglighetsredogörelse</a></li>
<li><a href="/gdpr">Behandling av personuppgifter</a></li></ul><p>Följ oss på Instagram och Facebook</p></footer>
</body></html>
"""
    Path(path).write_text(page, encoding="utf-8")
