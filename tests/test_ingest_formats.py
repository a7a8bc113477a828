"""Real PDF, Word and HTML files, made by real writers, read into records with pages, URLs, titles
and years, and without page chrome."""

from __future__ import annotations

import io
import json
import socket
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FakeEmbedder, write_corpus
from formats_helper import write_docx, write_html, write_pdf

import skolsok.search
from skolsok import Searcher, build_index, load_corpus
from skolsok.chunking import sentence_spans
from skolsok.cli import main
from skolsok.indexing import passage_context

HEADER = "Digital strategi för Ankeby kommun 2024"
STRATEGY = [
    "Ankeby kommun antog en ny digital strategi för förskola och grundskola i mars 2024.",
    "Strategin bygger på tre delar: infrastruktur, kompetens och ledning.",
    [
        "Varje skola får en egen it-pedagog som stödjer lärarna i det dagliga arbetet med digitali-",
        "seringen av undervisningen, och ett IT-",
        "råd med rektorer följer upp arbetet varje termin.",
    ],
    "Alla elever i årskurs 4 till 9 får en egen dator som de lånar under hela skoltiden.",
    "Lärarna får fortbildning i programmering under hösten 2024 tillsammans med högskolan.",
    "Vårdnadshavare informeras om den nya lärplattformen vid höstens föräldramöten.",
]


def _pdf(folder: Path, name: str = "strategi.pdf", **kwargs) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    write_pdf(path, STRATEGY, title="Digital strategi 2024", header=HEADER, lines_per_page=3, **kwargs)
    return path


def test_pdf_pages_running_chrome_and_hyphenation(tmp_path: Path):
    _pdf(tmp_path / "c")
    corpus = load_corpus(tmp_path / "c")
    assert corpus.skipped == ()
    (record,) = corpus.records
    assert record.title == "Digital strategi 2024"  # from the PDF's properties
    assert (record.organization, record.year) == ("Ankeby kommun", 2024)
    assert "Sida" not in record.text and HEADER not in record.text
    assert "det dagliga arbetet med digitaliseringen av undervisningen, och ett IT-råd med rektorer" in record.text
    # three lines a page: paragraph 1 (two lines) and 2 on page 1, the three lines of 3 on page 2, …
    assert len(record.pages) == 4
    assert record.page_at(record.text.index("Ankeby kommun antog")) == 1
    assert record.page_at(record.text.index("Strategin bygger")) == 1
    assert record.page_at(record.text.index("Varje skola får")) == 2
    assert record.page_at(record.text.index("Alla elever i årskurs")) == 3
    assert record.page_at(record.text.index("Lärarna får fortbildning")) == 3
    assert record.page_at(record.text.index("Vårdnadshavare informeras")) == 4


def test_scanned_encrypted_and_lying_files_are_skipped_with_their_reason(tmp_path: Path):
    from pypdf import PdfWriter

    folder = tmp_path / "c"
    _pdf(folder)
    scanned = PdfWriter()
    scanned.add_blank_page(595, 842)
    with (folder / "scan.pdf").open("wb") as fh:
        scanned.write(fh)
    locked = PdfWriter(clone_from=folder / "strategi.pdf")
    locked.encrypt(user_password="hemligt", algorithm="RC4-128")
    with (folder / "locked.pdf").open("wb") as fh:
        locked.write(fh)
    (folder / "trasig.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    (folder / "text.pdf").write_text("Det här är bara text med fel filändelse.", encoding="utf-8")
    (folder / "rapport.docx").write_bytes((folder / "strategi.pdf").read_bytes() + b"%\n")  # a PDF named .docx
    (folder / "gammal.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "tom.html").write_text("<!DOCTYPE html><html><body><nav><a href='/'>Start</a></nav></body></html>")
    corpus = load_corpus(folder)
    assert {s.source: s.reason for s in corpus.skipped} == {
        "scan.pdf": "PDF without a text layer (scanned?); OCR is not supported, use a PDF with text",
        "locked.pdf": "encrypted PDF (it needs a password); save an unprotected copy",
        "trasig.docx": "damaged Word file (not a valid .docx zip archive)",
        "text.pdf": "not a PDF although its name ends in .pdf (damaged or renamed)",
        "gammal.doc": "unsupported format: old Word format (.doc); save it as .docx or PDF",
        "tom.html": "web page without a main text (only navigation or chrome found)",
    }
    assert sorted(d.source for d in corpus.documents) == ["rapport.docx", "strategi.pdf"]
    renamed = next(d for d in corpus.documents if d.source == "rapport.docx")
    assert renamed.warnings == ("the file is a PDF although its name ends in .docx; read as such",)


def test_a_docx_that_unpacks_to_hundreds_of_mb_is_refused_unopened(tmp_path: Path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b" " * (300 * 1024 * 1024) + b"/>")
    folder = write_corpus(tmp_path / "c", {"bomb.docx": buffer.getvalue()})
    assert len(buffer.getvalue()) < 2_000_000
    corpus = load_corpus(folder)
    assert [(s.source, s.reason) for s in corpus.skipped] == [
        ("bomb.docx", "Word file that unpacks to 315 MB (limit 105 MB; a zip bomb?)")
    ]


def test_docx_paragraphs_headings_and_tables_in_order(tmp_path: Path):
    folder = tmp_path / "c"
    folder.mkdir()
    write_docx(
        folder / "plan.docx",
        [
            "Bullerby stad har tagit fram en plan för digitalisering i gymnasieskolan.",
            "Planen gäller från 2023 och följs upp varje år av gymnasieförvaltningen.",
        ],
        heading="Digitaliseringsplan för Bullerby stad",
        table=[["Område", "Ansvarig"], ["Lärplattform", "IT-avdelningen"]],
    )
    write_docx(
        folder / "props.docx", ["Cederköpings kommun inför programmering i alla årskurser."], title="Programmering 2022"
    )
    corpus = load_corpus(folder)
    plan = next(r for r in corpus.records if r.source == "plan.docx")
    assert plan.title == "Digitaliseringsplan för Bullerby stad"
    assert plan.text == (
        "Digitaliseringsplan för Bullerby stad\n\n"
        "Bullerby stad har tagit fram en plan för digitalisering i gymnasieskolan.\n\n"
        "Planen gäller från 2023 och följs upp varje år av gymnasieförvaltningen.\n\n"
        "Område; Ansvarig\n\nLärplattform; IT-avdelningen"
    )
    assert (plan.organization, plan.school_forms, plan.pages) == ("Bullerby stad", ("gymnasieskola",), ())
    props = next(r for r in corpus.records if r.source == "props.docx")
    assert (props.title, props.organization) == ("Programmering 2022", "Cederköpings kommun")


NEWS = [
    "Dalby stad inför ett gemensamt förhållningssätt till AI i grundskolan. Alla lärare får fortbildning under våren.",
    "Barn- och utbildningsnämnden beslutade om satsningen i februari. Arbetet leds av stadens digitaliseringsstrateg.",
    "Eleverna ska lära sig att granska AI-verktygens svar kritiskt och använda dem som stöd i skrivandet.",
]


def test_saved_news_page_keeps_the_article_and_its_metadata_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "c"
    folder.mkdir()
    write_html(
        folder / "ai.html",
        NEWS,
        title="Dalby stad satsar på AI i skolan",
        url="https://www.dalby.se/nyheter/ai-i-skolan",
        date="2023-03-14",
        site="Dalby stad",
    )

    def no_network(*args, **kwargs):
        raise AssertionError("the HTML reader tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    (record,) = load_corpus(folder).records
    assert record.title == "Dalby stad satsar på AI i skolan"
    assert record.url == "https://www.dalby.se/nyheter/ai-i-skolan"
    assert (record.year, record.organization) == (2023, "Dalby stad")
    assert record.text == "\n\n".join(["Dalby stad satsar på AI i skolan", *NEWS])
    for chrome in ("kakor", "Huvudmeny", "Förskola och skola", "Dela på", "simhall", "Stadshusgatan", "Instagram"):
        assert chrome not in record.text


def test_a_saved_page_s_own_summary_leads_its_text_unless_the_text_says_it(tmp_path: Path):
    folder = tmp_path / "c"
    folder.mkdir()
    summary = "Jämförelse av fem kommuner i Dalby län, läsåret 2024/25."
    write_html(folder / "tal.html", NEWS, title="Digitala nyckeltal 2025", site="Skolkompassen", description=summary)
    write_html(
        folder / "ai.html", NEWS, title="Dalby stad satsar på AI i skolan", site="Dalby stad", description=NEWS[0]
    )
    records = {r.source: r for r in load_corpus(folder).records}
    # The summary names what nothing on the page does ("Dalby län"): below the headline, as its lead.
    assert records["tal.html"].text == "\n\n".join(["Digitala nyckeltal 2025", summary, *NEWS])
    # A summary that repeats the page's first paragraph is not said twice.
    assert records["ai.html"].text == "\n\n".join(["Dalby stad satsar på AI i skolan", *NEWS])
    # Nor is one cut off, or the site's few words for every page.
    for summary in (NEWS[0][:60] + "…", "Dalby stads officiella webbplats"):
        write_html(
            folder / "ai.html", NEWS, title="Dalby stad satsar på AI i skolan", site="Dalby stad", description=summary
        )
        (record,) = [r for r in load_corpus(folder).records if r.source == "ai.html"]
        assert record.text == "\n\n".join(["Dalby stad satsar på AI i skolan", *NEWS])


def test_index_of_every_format_carries_pages_and_urls_to_hits_and_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    folder = tmp_path / "c"
    _pdf(folder)
    write_html(folder / "ai.html", NEWS, title="Dalby stad satsar på AI i skolan", url="https://www.dalby.se/ai")
    write_docx(folder / "plan.docx", ["Bullerby stad har en plan för lärplattformen i gymnasieskolan."])
    (folder / "eksby.txt").write_text(
        "Källa: https://eksby.se/nyheter/skolbibliotek\n\nEksby kommun öppnar skolbibliotek på alla skolor.\n",
        encoding="utf-8",
    )
    (folder / "metadata.csv").write_text("file,url,year\nplan.docx,https://bullerby.se/plan,2022\n", encoding="utf-8")
    index = tmp_path / "index"
    report = build_index(folder, index, embedder=FakeEmbedder())
    assert (report.documents, report.skipped, report.warnings) == (4, (), ())
    monkeypatch.setattr(skolsok.search, "load_embedder", lambda spec: FakeEmbedder())
    searcher = Searcher.open(index)
    by_source = {r.source: r for r in searcher.records}
    assert {s: (r.url, r.year) for s, r in by_source.items()} == {
        "ai.html": ("https://www.dalby.se/ai", None),
        "eksby.txt": ("https://eksby.se/nyheter/skolbibliotek", None),
        "plan.docx": ("https://bullerby.se/plan", 2022),
        "strategi.pdf": (None, 2024),
    }
    assert by_source["eksby.txt"].text == "Eksby kommun öppnar skolbibliotek på alla skolor."
    hit = searcher.search("Lärarna får fortbildning i programmering under hösten", top_k=1)[0]
    assert (hit.record.source, hit.to_dict()["page"], hit.to_dict()["url"]) == ("strategi.pdf", 3, None)
    for hit in searcher.search("skola", top_k=10):
        assert "Sida" not in hit.text and HEADER not in hit.text and "kakor" not in hit.text
    # --all: the fake embedder's scores are far below the (placeholder) relevance bars it gets.
    result = CliRunner().invoke(main, ["search", "Eksby skolbibliotek", "-k", "1", "--all", "--index", str(index)])
    assert "   eksby.txt · https://eksby.se/nyheter/skolbibliotek\n" in result.stdout
    result = CliRunner().invoke(
        main, ["search", "fortbildning i programmering hösten", "-k", "1", "--all", "--index", str(index)]
    )
    assert "   strategi.pdf, s. 3 · förskola, grundskola\n" in result.stdout
    rows = json.loads(
        CliRunner().invoke(main, ["search", "fortbildning programmering", "--json", "--index", str(index)]).stdout
    )
    assert rows["hits"][0]["page"] == 3


def test_recipients_pdf_pages_are_relative_to_each_record(tmp_path: Path):
    folder = tmp_path / "c"
    folder.mkdir()
    paragraphs = []
    for name in ("Ankeby", "Bullerby", "Cederby"):  # one recipient a page
        paragraphs += [
            f"{name} kommun",
            "mottagare av kvalitetsutmärkelsen Guldtrappan 2023",
            "Juryns motivering:",
            f"I {name} leder ett digitaliseringsråd arbetet.",
        ]
    write_pdf(folder / "mottagare.pdf", paragraphs, lines_per_page=4)
    records = load_corpus(folder).records
    assert [(r.organization, r.year) for r in records] == [
        ("Ankeby kommun", 2023),
        ("Bullerby kommun", 2023),
        ("Cederby kommun", 2023),
    ]
    for n, record in enumerate(records, 1):
        assert record.page_at(0) == n
        assert record.page_at(len(record.text) - 1) == n
        assert record.pages == (0,) * n


def test_context_of_a_passage_stays_short_for_a_huge_title(tmp_path: Path):
    line = "Ankeby " * 400_000  # 2.8 MB on one line
    folder = write_corpus(tmp_path / "c", {"one-line.txt": line})
    (record,) = load_corpus(folder).records
    assert len(record.title) <= 200 and record.title.endswith("…")
    assert len(passage_context(record)) <= 240  # what every passage's embedding text starts with


def test_a_pdf_whose_content_inflates_to_hundreds_of_mb_is_refused(tmp_path: Path):
    import zlib

    stream = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Ankeby) Tj ET\n" + b" " * (80 * 1024 * 1024), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    pdf += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    assert len(pdf) < 1_000_000
    folder = write_corpus(tmp_path / "c", {"bomb.pdf": pdf, "ok.md": "Ankeby kommun inför lärplattform i skolan."})
    corpus = load_corpus(folder)
    assert [(s.source, s.reason) for s in corpus.skipped] == [
        ("bomb.pdf", "PDF whose content expands beyond the size limit (a compression bomb?)")
    ]


def test_a_reader_library_that_chokes_skips_the_file_and_the_build_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from skolsok.ingest.html import HtmlReader

    def choke(self, data: bytes):
        raise RuntimeError("unexpected token\nsecond line")

    monkeypatch.setattr(HtmlReader, "read", choke)
    folder = tmp_path / "c"
    folder.mkdir()
    write_html(folder / "sida.html", NEWS, title="Dalby stad satsar på AI i skolan")
    (folder / "ok.txt").write_text("Ankeby kommun inför lärplattform i skolan.", encoding="utf-8")
    corpus = load_corpus(folder)
    assert [(s.source, s.reason) for s in corpus.skipped] == [
        ("sida.html", "damaged HTML file (RuntimeError: unexpected token)")
    ]
    assert [d.source for d in corpus.documents] == ["ok.txt"]


def test_markdown_is_read_as_rendered_text_titled_by_its_first_heading(tmp_path: Path):
    markdown = (
        "# Programmering i **Ankeby**\n\n"
        "Kommunen utbildade 35 lärare som [programmeringsombud](https://ankeby.se/ombud).\n"
        "Varje ombud har *ansvar* för sin skola (se ankeby.se/ombud_lista).\n\n"
        "## Så gick det till\n\n"
        "> Först en kurs i `micro:bit`, sedan arbete i klassrummen.\n"
    )
    (record,) = load_corpus(write_corpus(tmp_path / "c", {"programmering.md": markdown})).records
    assert record.title == "Programmering i Ankeby"
    assert record.text == (
        "Programmering i Ankeby\n\n"
        "Kommunen utbildade 35 lärare som programmeringsombud. Varje ombud har ansvar för sin skola "
        "(se ankeby.se/ombud_lista).\n\n"
        "Så gick det till\n\n"
        "Först en kurs i micro:bit, sedan arbete i klassrummen."
    )


def test_a_pdf_titled_with_a_year_range_is_from_its_first_year(tmp_path: Path):
    plan = [
        "Ankeby kommun har antagit en strategi för skolans digitalisering.",
        "Under 2024 får alla lärare fortbildning, och 2025 byts elevernas datorer ut.",
        "Strategin följs upp 2026 av utbildningsnämnden.",
    ]
    folder = tmp_path / "c"
    folder.mkdir()
    write_pdf(folder / "strategi.pdf", plan, title="Digitaliseringsstrategi 2023–2026")
    (record,) = load_corpus(folder).records
    assert (record.title, record.year) == ("Digitaliseringsstrategi 2023–2026", 2023)
    # Without a title in its properties, the cover's first line is its title: one word and a range
    # make a headline, as much as the subtitle below them.
    (tmp_path / "p").mkdir()
    write_pdf(tmp_path / "p" / "strategi.pdf", ["Digitaliseringsstrategi 2023–2026", "För förskola och skola", *plan])
    (record,) = load_corpus(tmp_path / "p").records
    assert (record.title, record.year) == ("Digitaliseringsstrategi 2023–2026", 2023)
    assert record.text.startswith("Digitaliseringsstrategi 2023–2026\n\nFör förskola och skola\n\nAnkeby kommun")
    # A date line says when the page is from better than its title does.
    dated = "Digitaliseringsstrategi 2023–2026\n\n22 januari 2024\n\n" + " ".join(plan) + "\n"
    (record,) = load_corpus(write_corpus(tmp_path / "d", {"strategi.txt": dated})).records
    assert (record.title, record.year) == ("Digitaliseringsstrategi 2023–2026", 2024)
    # Half a century is a history, not a plan: no year.
    history = "Skolan och datorerna 1990–2040\n\n" + " ".join(plan) + "\n"
    (record,) = load_corpus(write_corpus(tmp_path / "h", {"historia.txt": history})).records
    assert (record.title, record.year) == ("Skolan och datorerna 1990–2040", None)


def test_markdown_list_items_are_bullets_and_quotes_start_at_their_words(tmp_path: Path):
    markdown = (
        "# Datorer i Ankeby\n\nKommunen beslutade i maj:\n\n"
        "- Alla elever får en egen dator.\n* Lärarna får\n  fortbildning i programmering.\n"
        "  + Vårdnadshavare informeras.\n\n1. Först inventeras datorerna.\n2) Sedan köps nya.\n"
    )
    (record,) = load_corpus(write_corpus(tmp_path / "c", {"datorer.md": markdown})).records
    assert record.text == (
        "Datorer i Ankeby\n\nKommunen beslutade i maj:\n\n• Alla elever får en egen dator.\n\n"
        "• Lärarna får fortbildning i programmering.\n\n• Vårdnadshavare informeras.\n\n"
        "1. Först inventeras datorerna.\n\n2) Sedan köps nya."
    )
    # Answers quote record.text[start:end] of these sentences: an item's words, without its marker.
    assert [record.text[s:e] for s, e in sentence_spans(record.text)] == [
        "Datorer i Ankeby",
        "Kommunen beslutade i maj:",
        "Alla elever får en egen dator.",
        "Lärarna får fortbildning i programmering.",
        "Vårdnadshavare informeras.",
        "1.",
        "Först inventeras datorerna.",
        "Sedan köps nya.",
    ]
